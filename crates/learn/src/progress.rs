//! Progress on stderr while cargo builds and the grader runs: one line redrawn in place
//! (`\r`) when stderr is a terminal; otherwise a plain line at each stage's start, and
//! nothing per crate or per exercise, so that a CI log stays short.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

/// The longest line drawn in place: a longer one would wrap, and `\r` would only go back to
/// the start of its last row.
const WIDTH: usize = 76;

pub struct Progress {
    terminal: bool,
    /// Whether a line drawn in place is on the screen now.
    drawn: Mutex<bool>,
}

impl Progress {
    /// Progress on this process's stderr: drawn in place if it is a terminal.
    pub fn stderr() -> Progress {
        Progress::new(std::io::stderr().is_terminal())
    }

    pub fn new(terminal: bool) -> Progress {
        Progress {
            terminal,
            drawn: Mutex::new(false),
        }
    }

    /// Whether progress is drawn in place (stderr is a terminal).
    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// A stage begins (`building…`, `grading…`): drawn in place on a terminal, else printed
    /// as a line of its own.
    pub fn stage(&self, text: &str) {
        if self.terminal {
            self.draw(text);
        } else {
            eprintln!("{text}");
        }
    }

    /// How the stage goes (a crate compiled, an exercise graded): drawn in place on a
    /// terminal, not printed elsewhere.
    pub fn update(&self, text: &str) {
        if self.terminal {
            self.draw(text);
        }
    }

    /// Takes the line drawn in place off the screen, before other output.
    pub fn clear(&self) {
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        if *drawn {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
            *drawn = false;
        }
    }

    fn draw(&self, text: &str) {
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{}", fit(text, WIDTH));
        let _ = err.flush();
        *drawn = true;
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// `text` on one line of at most `width` characters, cut with `…` if longer.
pub fn fit(text: &str, width: usize) -> String {
    let one_line = text.replace('\n', " ");
    if one_line.chars().count() <= width {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// The grading stage's line: how many are done, and which still run.
pub fn grading_line(done: usize, total: usize, running: &[&str]) -> String {
    match running {
        [] => format!("grading {done}/{total}…"),
        [one] => format!("grading {done}/{total}, now {one}…"),
        [first, rest @ ..] => format!(
            "grading {done}/{total}, now {first} and {} more…",
            rest.len()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_to_the_width() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("exactly 10", 10), "exactly 10");
        assert_eq!(fit("one two three", 8), "one two…");
        assert_eq!(fit("a\nb", 10), "a b");
    }

    #[test]
    fn the_grading_line_names_what_still_runs() {
        assert_eq!(
            grading_line(3, 12, &["ex_spawn"]),
            "grading 3/12, now ex_spawn…"
        );
        assert_eq!(
            grading_line(9, 12, &["ex_queue", "ex_timeout", "ex_chained"]),
            "grading 9/12, now ex_queue and 2 more…"
        );
        assert_eq!(grading_line(12, 12, &[]), "grading 12/12…");
    }
}
