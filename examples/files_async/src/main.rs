//! Port of `files_async.py` from the Code-Maven Python course (Gabor Szabo), which writes
//! with aiofiles.
//!
//! Lesson: file writes can be awaited side by side. 300 files of 10 chunks of 11,000 `x`
//! (110 KB each) are written into a fresh temporary folder at the same time (up to 64 files
//! open at once): while one file's write is in progress, the others go on. Compare
//! `files_sync`, which writes one file after another.
//!
//! Like aiofiles, tokio::fs is not magic: the operating system has no asynchronous calls for
//! ordinary files, so each open, write and close runs on a pool of helper threads while the
//! task that asked for it waits without blocking the runtime.
//!
//! The original prints nothing; this port then counts the files and their sizes and prints
//! one line about them, so you can see the work was done.

// ANCHOR: main
use std::io;
use std::path::Path;
use std::process::ExitCode;

use futures::stream::{self, StreamExt};
use tokio::fs::{self, File};
use tokio::io::AsyncWriteExt;

const FILES: usize = 300;
const CHUNKS: usize = 10;
/// One chunk: 1000 times eleven `x`, as the original builds it.
const PIECE: &str = "xxxxxxxxxxx";
const PIECES: usize = 1000;
/// How many files may be open at the same time. The original starts all 300 tasks at once,
/// so it can hold nearly all 300 files open together, and that fails with "Too many open
/// files" where a process may open only 256 (`ulimit -n 256`, the default on macOS). 64 at
/// a time keeps the helper threads busy and stays far below any such limit.
const OPEN_AT_ONCE: usize = 64;

/// Writes `chunks` chunks of `chunk` to the new file `{idx}.txt` in `dir`, awaiting each
/// write. An error names the file.
async fn save_file(dir: &Path, idx: usize, chunk: &str, chunks: usize) -> io::Result<()> {
    let name = format!("{idx}.txt");
    let write = async {
        let mut file = File::create(dir.join(&name)).await?;
        for _ in 0..chunks {
            file.write_all(chunk.as_bytes()).await?;
        }
        // tokio's File hands each write to a helper thread and returns: flush waits until
        // the last one has reached the file, and reports its error if it failed.
        file.flush().await
    };
    write
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("{name}: {e}")))
}

/// Counts the files in `dir` and checks that each has `size` bytes.
async fn check_folder(dir: &Path, size: u64) -> io::Result<usize> {
    let mut count = 0;
    let mut entries = fs::read_dir(dir).await?;
    while let Some(entry) = entries.next_entry().await? {
        let len = entry.metadata().await?.len();
        if len != size {
            return Err(io::Error::other(format!(
                "{} has {len} bytes, expected {size}",
                entry.file_name().display()
            )));
        }
        count += 1;
    }
    Ok(count)
}

async fn run() -> io::Result<()> {
    // tempfile.mkdtemp(), except that this folder is removed again when `dir` is dropped.
    let dir = tempfile::tempdir()?;
    let chunk = PIECE.repeat(PIECES);
    // Like asyncio.gather over 300 tasks, but with at most OPEN_AT_ONCE saves in progress:
    // this one task polls them together and starts the next as soon as one finishes.
    let mut saves = stream::iter(0..FILES)
        .map(|idx| save_file(dir.path(), idx, &chunk, CHUNKS))
        .buffer_unordered(OPEN_AT_ONCE);
    while let Some(saved) = saves.next().await {
        // The first failure ends the program; the saves still running are dropped with it.
        saved?;
    }
    let size = (chunk.len() * CHUNKS) as u64;
    let count = check_folder(dir.path(), size).await?;
    if count != FILES {
        return Err(io::Error::other(format!(
            "found {count} files, expected {FILES}"
        )));
    }
    println!("Wrote {count} files of {size} bytes");
    Ok(())
}

#[vclock::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
