//! What the lessons share beyond the clock (`vclock`) and HTTP (`webfetch`), so that each
//! example shows its lesson:
//!
//! - [`Fatal`]: an error that ends the program with its own exit code, 2 for input that
//!   cannot be used; `#[vclock::main]` prints it as one line;
//! - [`read_url_list`] and [`read_text`]: a lesson's input file, its failure one [`Fatal`],
//!   and [`files_of_one_size`]: what a lesson that writes files wrote;
//! - [`PageFile`]: a file of rows that only ever holds whole pages (areq's output);
//! - [`fit_open_files`]: how many connections this process can hold open at once, and
//!   [`too_many`], [`out_of_files`], [`without_panic`]: running out of files, in words;
//! - [`interrupted`]: Ctrl-C or `kill PID`, and the exit code they give;
//! - [`seconds`] for a `--timeout` option, and [`py_float`], a float printed as Python
//!   prints it.

mod fatal;
mod files;
mod numbers;
mod open_files;
mod pages;
mod signals;

pub use fatal::Fatal;
pub use files::{files_of_one_size, read_text, read_url_list};
pub use numbers::{positive_seconds, py_float, seconds};
pub use open_files::{file_failed, fit_open_files, out_of_files, too_many, without_panic};
pub use pages::PageFile;
pub use signals::interrupted;

/// A line on stderr. If stderr itself cannot be written there is nowhere left to say so,
/// so the line is dropped (where `eprintln!` would end the program).
fn note(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}
