//! How a program ends: every failure one line on stderr, an exit code that says what
//! happened, and never a panic.
//!
//! `println!` panics when stdout cannot be written: a closed pipe (`| head -n 1`), a full
//! disk (`> /dev/full`). The examples write with `writeln!` instead, which returns the
//! error, and `?` turns it into [`Fatal::Output`]: the program stops (fetching no more),
//! says why in one line, and exits with 1.

use std::fmt::{self, Display};
use std::io::{self, Write};
use std::process::ExitCode;

/// What stops a run before its end.
#[derive(Debug)]
pub enum Fatal {
    /// The input cannot be used (a URL list that cannot be read): exit code 2, as for a bad
    /// argument.
    Input(String),
    /// The program cannot start its work (no HTTP client): exit code 1.
    Setup(String),
    /// Standard output cannot be written: exit code 1.
    Output(io::Error),
}

/// A failed write to stdout, with `?`.
impl From<io::Error> for Fatal {
    fn from(e: io::Error) -> Self {
        Fatal::Output(e)
    }
}

impl Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::Input(message) | Fatal::Setup(message) => f.write_str(message),
            Fatal::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => f.write_str(
                "cannot write to standard output: the pipe is closed (its reader has stopped)",
            ),
            Fatal::Output(e) => write!(f, "cannot write to standard output: {e}"),
        }
    }
}

/// One failed request: `error: URL: cause` on stderr.
pub fn report(url: impl Display, cause: &str) {
    note(format_args!("error: {url}: {cause}"));
}

/// A line on stderr. If stderr itself cannot be written there is nowhere left to say so,
/// so the line is dropped (where `eprintln!` would panic).
pub(crate) fn note(line: fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// The exit code of a run: 0 if every page succeeded, 1 if `failed` pages failed or the
/// run stopped ([`Fatal`], said on stderr first), 2 if its input was unusable.
pub fn exit(run: Result<usize, Fatal>) -> ExitCode {
    match run {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_failed) => ExitCode::FAILURE,
        Err(fatal) => {
            note(format_args!("error: {fatal}"));
            match fatal {
                Fatal::Input(_) => ExitCode::from(2),
                Fatal::Setup(_) | Fatal::Output(_) => ExitCode::FAILURE,
            }
        }
    }
}
