//! A file of rows that only ever holds whole pages (areq's `foundurls.txt`).

use std::io;
use std::path::{Path, PathBuf};

use tokio::fs::File;
use tokio::io::{AsyncWriteExt, BufWriter};

use crate::{Fatal, file_failed};

/// A file written a page at a time, each page's rows as one block, through one open file.
/// (areq.py reopens its file in append mode for every page, which needs one file handle per
/// page in flight and fails under `ulimit -n 256` with 1,000 pages.)
///
/// The file never holds part of a page: after a failed write (a full disk) it is cut back
/// to the end of the last whole page, and says how many it holds.
pub struct PageFile {
    out: BufWriter<File>,
    path: PathBuf,
    /// The length of the file up to the end of the last page flushed whole.
    whole: u64,
    pages: usize,
}

impl PageFile {
    /// Creates (or empties) the file at `path` and writes `header` to it, flushed before
    /// anything else happens. An error names the file: `cannot write PATH: ...`, exit code 2
    /// (1 for too many open files).
    pub async fn create(path: impl AsRef<Path>, header: &str) -> Result<PageFile, Fatal> {
        let path = path.as_ref();
        let start = async {
            let mut out = BufWriter::with_capacity(64 * 1024, File::create(path).await?);
            out.write_all(header.as_bytes()).await?;
            out.flush().await?;
            io::Result::Ok(out)
        };
        let out = start
            .await
            .map_err(|e| file_failed(format_args!("cannot write {}", path.display()), &e))?;
        Ok(PageFile {
            out,
            path: path.to_owned(),
            whole: header.len() as u64,
            pages: 0,
        })
    }

    /// Writes `pages`, each a page's rows as one block of text, and flushes them together.
    /// If that fails, what it wrote of them is cut off again, and the error says how many
    /// pages the file holds: write no more to it.
    pub async fn write<P: AsRef<str>>(
        &mut self,
        pages: impl IntoIterator<Item = P>,
    ) -> Result<(), Fatal> {
        match write_and_flush(&mut self.out, pages).await {
            Ok((count, length)) => {
                self.whole += length;
                self.pages += count;
                Ok(())
            }
            Err(e) => {
                let _ = self.out.get_mut().set_len(self.whole).await;
                Err(Fatal::setup(format!(
                    "cannot write {}: {e}; it holds the rows of the {} pages written before, \
                     each page whole",
                    self.path.display(),
                    self.pages
                )))
            }
        }
    }

    /// How many pages it holds.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Writes the blocks and flushes them; returns how many, and their length.
async fn write_and_flush<P: AsRef<str>>(
    out: &mut BufWriter<File>,
    blocks: impl IntoIterator<Item = P>,
) -> io::Result<(usize, u64)> {
    let (mut count, mut length) = (0, 0);
    for block in blocks {
        out.write_all(block.as_ref().as_bytes()).await?;
        count += 1;
        length += block.as_ref().len() as u64;
    }
    out.flush().await?;
    Ok((count, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "current_thread")]
    async fn pages_are_written_whole_after_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("found.txt");
        let mut file = PageFile::create(&path, "head\n").await.unwrap();
        file.write(&["a\tx\na\ty\n", "b\tz\n"]).await.unwrap();
        file.write(&["c\tw\n"]).await.unwrap();
        assert_eq!(file.pages(), 3);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, "head\na\tx\na\ty\nb\tz\nc\tw\n");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_file_that_cannot_be_created_is_unusable_input() {
        let fatal = PageFile::create("no/such/folder/found.txt", "head\n")
            .await
            .err()
            .unwrap();
        assert_eq!(fatal.exit_code(), 2);
        assert_eq!(
            fatal.to_string(),
            "cannot write no/such/folder/found.txt: No such file or directory (os error 2)"
        );
    }
}
