//! Port of `files_async.py` from the Code-Maven Python course (Gabor Szabo), which writes
//! with aiofiles.
//!
//! Lesson: file writes can be awaited side by side. 300 files of 10 chunks of 11,000 `x`
//! (110 KB each) are written into a fresh temporary folder at the same time, up to 64 files
//! open at once: while one file's write is in progress, the others go on. Compare
//! `files_sync`, which writes one file after another.
//!
//! The original prints nothing; this port then prints one line about the files it finds.

use std::error::Error;
use std::io;
use std::path::Path;

use futures::stream::{self, StreamExt};
use tokio::fs::File;
use tokio::io::AsyncWriteExt;

// ANCHOR: main
async fn save_file(filename: &Path, size: usize) -> io::Result<()> {
    let mut f = File::create(filename).await?;
    // 1000 times eleven `x`, as the original builds it.
    let data = "xxxxxxxxxxx".repeat(1000);
    for _ in 0..size {
        f.write_all(data.as_bytes()).await?;
    }
    // tokio's File hands each write to a helper thread and returns: flush waits until the
    // last one has reached the file, and reports its error if it failed.
    f.flush().await
}

#[vclock::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // tempfile.mkdtemp(), except that the folder is removed again when `tempdir` is dropped.
    let tempdir = tempfile::tempdir()?;
    let dir = tempdir.path();
    // asyncio.gather over 300 saves, but at most 64 in progress (each holds an open file, and
    // 300 at once fail under `ulimit -n 256`): this one task polls them together.
    let mut saves = stream::iter(0..300)
        .map(|idx| async move {
            let saved = save_file(&dir.join(format!("{idx}.txt")), 10).await;
            saved.map_err(|e| format!("{idx}.txt: {e}"))
        })
        .buffer_unordered(64);
    while let Some(saved) = saves.next().await {
        // The first failure ends the program; the saves still running are dropped with it.
        saved?;
    }
    let (files, size) = lessonkit::files_of_one_size(dir)?;
    println!("Wrote {files} files of {size} bytes");
    Ok(())
}
// ANCHOR_END: main
