//! Port of `files_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: blocking writes happen one after another. 300 files of 100 chunks of 11,000 `x`
//! (1.1 MB each, 330 MB in all) are written in turn into a fresh temporary folder, each file
//! finished before the next is opened. Compare `files_async`, which writes them all at once.
//!
//! The original prints nothing; this port then counts the files and their sizes and prints
//! one line about them, so you can see the work was done.

// ANCHOR: main
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

const FILES: usize = 300;
const CHUNKS: usize = 100;
/// One chunk: 1000 times eleven `x`, as the original builds it.
const PIECE: &str = "xxxxxxxxxxx";
const PIECES: usize = 1000;

/// Writes `chunks` chunks of `chunk` to the new file `{idx}.txt` in `dir`, one blocking
/// write after another. An error names the file.
fn save_file(dir: &Path, idx: usize, chunk: &str, chunks: usize) -> io::Result<()> {
    let name = format!("{idx}.txt");
    let write = || {
        // Closed when `file` goes out of scope, as at the end of Python's `with`.
        let mut file = File::create(dir.join(&name))?;
        for _ in 0..chunks {
            file.write_all(chunk.as_bytes())?;
        }
        Ok(())
    };
    write().map_err(|e: io::Error| io::Error::new(e.kind(), format!("{name}: {e}")))
}

/// Counts the files in `dir` and checks that each has `size` bytes.
fn check_folder(dir: &Path, size: u64) -> io::Result<usize> {
    let mut count = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let len = entry.metadata()?.len();
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

fn run() -> io::Result<()> {
    // tempfile.mkdtemp(), except that this folder is removed again when `dir` is dropped.
    let dir = tempfile::tempdir()?;
    let chunk = PIECE.repeat(PIECES);
    for idx in 0..FILES {
        save_file(dir.path(), idx, &chunk, CHUNKS)?;
    }
    let size = (chunk.len() * CHUNKS) as u64;
    let count = check_folder(dir.path(), size)?;
    if count != FILES {
        return Err(io::Error::other(format!(
            "found {count} files, expected {FILES}"
        )));
    }
    println!("Wrote {count} files of {size} bytes");
    Ok(())
}

#[vclock::main]
fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
// ANCHOR_END: main
