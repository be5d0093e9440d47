//! An error that ends the program with an exit code of its own.

use std::fmt;

/// What stops a program before its end, with the exit code it ends with: 2 when its input
/// cannot be used (a URL list that cannot be read, as for a bad argument), 1 when it cannot
/// do its work (no HTTP client, too few open files).
///
/// `#[vclock::main]` ends a `main` that returns `Err` with one line on stderr, `error:` and
/// the message, and this exit code (through a `Box<dyn Error>` too). Its `Debug` is the
/// message alone, so that under `#[tokio::main]`, whose `main` prints an error with `{:?}`,
/// the line reads the same (`Error: ` and the message; the exit code is then 1).
#[derive(Clone, PartialEq, Eq)]
pub struct Fatal {
    code: u8,
    message: String,
}

impl Fatal {
    /// Input that cannot be used: exit code 2.
    pub fn input(message: impl Into<String>) -> Fatal {
        Fatal {
            code: 2,
            message: message.into(),
        }
    }

    /// Work that cannot be done: exit code 1.
    pub fn setup(message: impl Into<String>) -> Fatal {
        Fatal {
            code: 1,
            message: message.into(),
        }
    }

    /// The exit code the program ends with.
    pub fn exit_code(&self) -> u8 {
        self.code
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fatal {}
