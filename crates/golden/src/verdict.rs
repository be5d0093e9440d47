//! Verdicts as data: what failed, where, and the likely cause, for the test runner to print
//! and for `learn` and `bookgen` to read without parsing any text.

use std::fmt;

use crate::advice::Advice;
use crate::compare::Difference;
use crate::file::Golden;
use crate::run::Clock;

/// What kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line's text differs.
    Text,
    /// The same lines, in another order.
    Order,
    /// A timing figure it printed is off.
    Timing,
    /// The right line, printed at the wrong time.
    Instant,
    /// It stopped before a line the golden expects.
    Missing,
    /// It printed a line the golden does not have.
    Extra,
    /// It ended with another exit code, or was killed.
    ExitCode,
    /// It ran far too long, or waited for something that never came.
    Hang,
    /// Its output depends on a race between threads and timers.
    Race,
    /// It could not be run at all (no golden, no working folder, no binary).
    Setup,
}

impl Kind {
    fn of(difference: &Difference) -> Kind {
        match difference {
            Difference::Order { .. } => Kind::Order,
            Difference::Text { .. } => Kind::Text,
            Difference::Timing { .. } => Kind::Timing,
            Difference::Missing { .. } => Kind::Missing,
            Difference::Extra { .. } => Kind::Extra,
            Difference::Instant { .. } => Kind::Instant,
        }
    }
}

/// One golden that a run did not agree with.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The golden's name: `golden/NAME.out`.
    pub golden: String,
    /// The command line that ran.
    pub command: String,
    /// The clock the verdict was reached on.
    pub clock: Clock,
    pub kind: Kind,
    /// The output's line where it went wrong (1-based), where there is one.
    pub line: Option<usize>,
    /// The golden file's line (1-based), where there is one.
    pub golden_line: Option<usize>,
    /// What was expected there, in words; empty where nothing applies.
    pub expected: String,
    /// What came instead.
    pub got: String,
    /// The likely cause, where the output shows one.
    pub advice: Option<Advice>,
    /// What went wrong, in words (the difference, the exit code, the hang).
    pub message: String,
    /// What follows the advice on a terminal: the lines around it side by side, how far a
    /// hung run got, which clock graded it and why.
    pub detail: String,
}

impl Failure {
    pub(crate) fn new(golden: &Golden, clock: Clock, kind: Kind, message: String) -> Failure {
        Failure {
            golden: golden.name.clone(),
            command: golden.command(),
            clock,
            kind,
            line: None,
            golden_line: None,
            expected: String::new(),
            got: String::new(),
            advice: None,
            message,
            detail: String::new(),
        }
    }

    pub(crate) fn setup(golden: &Golden, clock: Clock, message: String) -> Failure {
        Failure::new(golden, clock, Kind::Setup, message)
    }

    pub(crate) fn differs(
        golden: &Golden,
        clock: Clock,
        difference: &Difference,
        advice: Option<Advice>,
        detail: String,
    ) -> Failure {
        let (expected, got) = match difference {
            Difference::Order { expected, got, .. }
            | Difference::Text { expected, got, .. }
            | Difference::Timing { expected, got, .. }
            | Difference::Instant { expected, got, .. } => (expected.clone(), got.clone()),
            Difference::Missing { expected, .. } => (expected.clone(), String::new()),
            Difference::Extra { got, .. } => (String::new(), got.clone()),
        };
        Failure {
            line: Some(difference.line()),
            golden_line: Some(difference.golden_line()),
            expected,
            got,
            advice,
            detail,
            ..Failure::new(golden, clock, Kind::of(difference), difference.to_string())
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let clock = match self.clock {
            Clock::Paused => {
                "tokio's paused clock (sleeps take no real time; the times it prints are what \
                 they would be in real time)"
            }
            Clock::Real => "real time, as `cargo run` runs it",
        };
        write!(
            f,
            "{}: what it prints does not agree with the Python original.\n  run:    {}\n  golden: golden/{}.out\n  clock:  {clock}\n{}",
            self.golden, self.command, self.golden, self.message
        )?;
        if let Some(advice) = &self.advice {
            write!(f, "\n{}", advice.text)?;
        }
        if !self.detail.is_empty() {
            write!(f, "\n{}", self.detail)?;
        }
        Ok(())
    }
}

/// Why a program failed its grade: every golden it disagreed with. Its `Debug` is its
/// `Display`, because that is what the test runner prints for a test that returns `Err`.
pub struct Disagreement {
    /// The example or exercise graded.
    pub name: String,
    /// How many goldens it was graded by.
    pub goldens: usize,
    pub failures: Vec<Failure>,
}

impl Disagreement {
    pub(crate) fn setup(name: &str, message: String) -> Disagreement {
        Disagreement {
            name: name.to_owned(),
            goldens: 0,
            failures: vec![Failure {
                golden: name.to_owned(),
                command: name.to_owned(),
                clock: Clock::Paused,
                kind: Kind::Setup,
                line: None,
                golden_line: None,
                expected: String::new(),
                got: String::new(),
                advice: None,
                message,
                detail: String::new(),
            }],
        }
    }
}

impl fmt::Display for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.goldens == 0 {
            let messages: Vec<&str> = self.failures.iter().map(|f| f.message.as_str()).collect();
            return write!(f, "{}", messages.join("\n"));
        }
        let failures: Vec<String> = self.failures.iter().map(Failure::to_string).collect();
        write!(
            f,
            "\n{}\n\n{} of {} golden transcripts of {} disagree.\n",
            failures.join("\n\n"),
            self.failures.len(),
            self.goldens,
            self.name
        )?;
        // A timeline needs the paused clock; sockets run on the real one.
        if self
            .failures
            .iter()
            .any(|f| f.clock == Clock::Paused || f.kind == Kind::Race)
        {
            writeln!(
                f,
                "To see the program and the original on one clock: cargo run -p learn -- timeline {}",
                self.name
            )?;
        }
        Ok(())
    }
}

impl fmt::Debug for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Disagreement {}
