//! `foundurls.txt`: a header row, then each page's rows as one block, all through one open
//! file. (The original reopens the file in append mode for every page, which needs one file
//! handle per page in flight and fails under `ulimit -n 256` with 1,000 pages.)
//!
//! The file never holds part of a page: each page's rows are written as one block, and
//! after a failed write (a full disk) the file is cut back to the end of the last whole
//! page, and the crawl stops, since nothing more could be kept.

// ANCHOR: main
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};
use tokio::sync::mpsc;
use tracing::info;

/// One page's links, to be written as rows `source_url<TAB>parsed_url`.
pub struct PageRows {
    pub url: String,
    pub links: Vec<String>,
}

const HEADER: &str = "source_url\tparsed_url\n";

/// Creates (or truncates) `path` and writes the header row, flushed before any fetching.
pub async fn create(path: &Path) -> io::Result<BufWriter<File>> {
    let mut out = BufWriter::with_capacity(64 * 1024, File::create(path).await?);
    out.write_all(HEADER.as_bytes()).await?;
    out.flush().await?;
    Ok(out)
}

/// A write that failed: the file holds the header and the rows of `pages` whole pages.
pub struct WriteFailed {
    pub path: PathBuf,
    pub error: io::Error,
    pub pages: usize,
}

/// Writes each page's rows as they arrive, until every sender is gone, and returns how
/// many pages were written. Pages that arrive together are flushed together; each is logged
/// `Wrote results` once its rows are flushed. The first failed write ends it.
pub async fn write_pages(
    mut out: BufWriter<File>,
    path: PathBuf,
    mut pages: mpsc::Receiver<PageRows>,
) -> Result<usize, WriteFailed> {
    let mut written = 0;
    // The length of the file up to the end of the last page flushed whole.
    let mut whole = HEADER.len() as u64;
    let mut batch = Vec::new();
    while let Some(first) = pages.recv().await {
        batch.push(first);
        while let Ok(more) = pages.try_recv() {
            batch.push(more);
        }
        let block = rows(&batch);
        if let Err(error) = write_block(&mut out, &block).await {
            // What a failed write left of its block is cut off: a page is whole or absent.
            let _ = out.get_mut().set_len(whole).await;
            return Err(WriteFailed {
                path,
                error,
                pages: written,
            });
        }
        whole += block.len() as u64;
        for page in batch.drain(..) {
            info!("Wrote results for source URL: {}", page.url);
            written += 1;
        }
    }
    Ok(written)
}

/// The rows of a batch of pages, as one block of text.
fn rows(batch: &[PageRows]) -> String {
    let mut block = String::new();
    for page in batch {
        for link in &page.links {
            let _ = writeln!(block, "{}\t{link}", page.url);
        }
    }
    block
}

async fn write_block(out: &mut BufWriter<File>, block: &str) -> io::Result<()> {
    out.write_all(block.as_bytes()).await?;
    out.flush().await
}
// ANCHOR_END: main
