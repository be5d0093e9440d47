//! `foundurls.txt`: a header row, then each page's rows as one block, all through one open
//! file. (The original reopens the file in append mode for every page, which needs one file
//! handle per page in flight and fails under `ulimit -n 256` with 1,000 pages.)

use std::io;
use std::path::{Path, PathBuf};

use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};
use tokio::sync::mpsc;
use tracing::{error, info};

/// One page's links, to be written as rows `source_url<TAB>parsed_url`.
pub struct PageRows {
    pub url: String,
    pub links: Vec<String>,
}

/// Creates (or truncates) `path` and writes the header row, flushed before any fetching.
pub async fn create(path: &Path) -> io::Result<BufWriter<File>> {
    let mut out = BufWriter::with_capacity(64 * 1024, File::create(path).await?);
    out.write_all(b"source_url\tparsed_url\n").await?;
    out.flush().await?;
    Ok(out)
}

/// Writes each page's rows as they arrive, until every sender is gone. Pages that arrive
/// together are flushed together; each is logged `Wrote results` once its rows are
/// flushed. After a write error (logged once) the rest is received and dropped, so the
/// crawl goes on; the error is returned at the end.
pub async fn write_pages(
    mut out: BufWriter<File>,
    path: PathBuf,
    mut pages: mpsc::Receiver<PageRows>,
) -> io::Result<()> {
    let mut failed: Option<io::Error> = None;
    let mut batch = Vec::new();
    while let Some(first) = pages.recv().await {
        batch.push(first);
        while let Ok(more) = pages.try_recv() {
            batch.push(more);
        }
        if failed.is_none()
            && let Err(e) = write_batch(&mut out, &batch).await
        {
            error!("cannot write {}: {e}", path.display());
            failed = Some(e);
        }
        if failed.is_none() {
            for page in &batch {
                info!("Wrote results for source URL: {}", page.url);
            }
        }
        batch.clear();
    }
    match failed {
        Some(e) => Err(e),
        None => out.flush().await,
    }
}

async fn write_batch(out: &mut BufWriter<File>, batch: &[PageRows]) -> io::Result<()> {
    for page in batch {
        for link in &page.links {
            let row = format!("{}\t{link}\n", page.url);
            out.write_all(row.as_bytes()).await?;
        }
    }
    out.flush().await
}
