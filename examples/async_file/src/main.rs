//! Port of the aiofile example of the Asyncio notebook (seed 001): `async_open("hello.txt",
//! 'w+')`, two writes, a seek back to the start, a read.
//!
//! Lesson: a file opened for writing and reading is one file with one position. Write
//! `Hello ` and `world`, and the position is at the end; seek back to 0 and the read returns
//! everything written: `Hello world`. With tokio::fs every step is awaited, like aiofile's.
//!
//! It writes `hello.txt` in the current folder, as the original does.

use std::error::Error;
use std::io::SeekFrom;

use tokio::fs::OpenOptions;
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

// ANCHOR: main
const PATH: &str = "hello.txt";

async fn write_and_read_back() -> std::io::Result<String> {
    // Python's mode 'w+': read and write, create the file if it is missing, and empty it
    // if it is not.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(PATH)
        .await?;
    file.write_all(b"Hello ").await?;
    file.write_all(b"world").await?;
    // tokio's File hands each write to a helper thread and returns: flush waits until the
    // writes have reached the file, and reports their error if they failed.
    file.flush().await?;
    file.seek(SeekFrom::Start(0)).await?;
    let mut text = String::new();
    file.read_to_string(&mut text).await?;
    Ok(text)
}

#[vclock::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let text = write_and_read_back()
        .await
        .map_err(|e| format!("{PATH}: {e}"))?;
    println!("{text}");
    Ok(())
}
// ANCHOR_END: main
