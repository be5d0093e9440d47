//! What the exercise `ex_timeout` (and its corpus of mistakes, `tests/mistakes/ex_timeout`)
//! and `examples/bounded` still use from before `#[vclock::main]` took a `main` that returns
//! a `Result`: their `main` returns `webfetch::exit(...)`, and each failed page is
//! `webfetch::report`ed. The lessons print with `println!` and `eprintln!` and return a
//! `Result` instead; once those programs do too, this goes (with `lessonkit::Fatal`'s
//! `From<io::Error>`).

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

pub use lessonkit::Fatal;

/// One failed request: `error: URL: cause` on stderr. If stderr cannot be written, the line
/// is lost (where `eprintln!` would end the program).
pub fn report(url: impl Display, cause: &str) {
    let _ = writeln!(io::stderr(), "error: {url}: {cause}");
}

/// The exit code of a run: 0 if every page succeeded, 1 if `failed` pages failed, or the
/// [`Fatal`]'s own (said on stderr first: `error: ...`).
pub fn exit(run: Result<usize, Fatal>) -> ExitCode {
    match run {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_failed) => ExitCode::FAILURE,
        Err(fatal) => {
            let _ = writeln!(io::stderr(), "error: {fatal}");
            ExitCode::from(fatal.exit_code())
        }
    }
}
