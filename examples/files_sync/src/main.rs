//! Port of `files_sync.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: blocking writes happen one after another. 300 files of 100 chunks of 11,000 `x`
//! (1.1 MB each) are written in turn into a fresh temporary folder, each file finished
//! before the next is opened. Compare `files_async`, which writes them all at once.
//!
//! The original prints nothing; this port then prints one line about the files it finds.

use std::error::Error;
use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

// ANCHOR: main
fn save_file(filename: &Path, size: usize) -> io::Result<()> {
    // Closed when `f` goes out of scope, as at the end of Python's `with`.
    let mut f = File::create(filename)?;
    // 1000 times eleven `x`, as the original builds it.
    let data = "xxxxxxxxxxx".repeat(1000);
    for _ in 0..size {
        f.write_all(data.as_bytes())?;
    }
    Ok(())
}

#[vclock::main]
fn main() -> Result<(), Box<dyn Error>> {
    // tempfile.mkdtemp(), except that the folder is removed again when `tempdir` is dropped.
    let tempdir = tempfile::tempdir()?;
    for idx in 0..300 {
        let filename = tempdir.path().join(format!("{idx}.txt"));
        save_file(&filename, 100).map_err(|e| format!("{idx}.txt: {e}"))?;
    }
    let (files, size) = lessonkit::files_of_one_size(tempdir.path())?;
    println!("Wrote {files} files of {size} bytes");
    Ok(())
}
// ANCHOR_END: main
