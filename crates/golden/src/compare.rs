//! Comparing a transcript with a golden, and saying what differs in words a learner can act on.

use std::fmt;
use std::ops::Range;

use crate::pattern::{LineMatch, Pattern};

/// The first thing that differs between a transcript and its golden.
#[derive(Debug, Clone, PartialEq)]
pub enum Difference {
    /// The same lines were printed, in another order.
    Order {
        line: usize,
        expected: String,
        got: String,
        /// Where the program printed the expected line instead (1-based).
        printed_at: Option<usize>,
    },
    /// A line's text differs.
    Text {
        line: usize,
        expected: String,
        got: String,
    },
    /// A timing figure is outside its tolerance.
    Timing {
        line: usize,
        expected: String,
        got: String,
        published: f64,
        tolerance: f64,
        figure: f64,
    },
    /// The program stopped before printing this line.
    Missing { line: usize, expected: String },
    /// The program printed a line the golden does not have.
    Extra { line: usize, got: String },
}

impl Difference {
    /// A timing difference: `got` is the right line for `pattern`, but its figure is not
    /// within tolerance. `None` unless `found` says so.
    fn timing(line: usize, pattern: &Pattern, got: &str, found: LineMatch) -> Option<Difference> {
        let LineMatch::Timing {
            published,
            tolerance,
            got: figure,
        } = found
        else {
            return None;
        };
        Some(Difference::Timing {
            line,
            expected: pattern.source().to_owned(),
            got: got.to_owned(),
            published,
            tolerance,
            figure,
        })
    }

    /// What kind of difference: `order`, `text` or `timing`.
    pub fn kind(&self) -> &'static str {
        match self {
            Difference::Order { .. } => "order",
            Difference::Text { .. } | Difference::Missing { .. } | Difference::Extra { .. } => {
                "text"
            }
            Difference::Timing { .. } => "timing",
        }
    }

    /// The 1-based line number where the transcripts part.
    pub fn line(&self) -> usize {
        match self {
            Difference::Order { line, .. }
            | Difference::Text { line, .. }
            | Difference::Timing { line, .. }
            | Difference::Missing { line, .. }
            | Difference::Extra { line, .. } => *line,
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = self.line();
        let kind = self.kind();
        match self {
            Difference::Order {
                expected,
                got,
                printed_at,
                ..
            } => {
                writeln!(
                    f,
                    "{kind} difference at line {line}: the same lines, in another order"
                )?;
                writeln!(f, "  expected: {expected}")?;
                write!(f, "  got:      {got}")?;
                if let Some(at) = printed_at {
                    write!(
                        f,
                        "\n  (the program printed the expected line at line {at})"
                    )?;
                }
                Ok(())
            }
            Difference::Text { expected, got, .. } => {
                writeln!(f, "{kind} difference at line {line}")?;
                writeln!(f, "  expected: {expected}")?;
                write!(f, "  got:      {got}")
            }
            Difference::Timing {
                expected,
                got,
                published,
                tolerance,
                figure,
                ..
            } => {
                writeln!(
                    f,
                    "{kind} difference at line {line}: {figure} is not within {tolerance:.3} s of the published {published}"
                )?;
                writeln!(f, "  expected: {expected}")?;
                write!(f, "  got:      {got}")
            }
            Difference::Missing { expected, .. } => {
                writeln!(
                    f,
                    "{kind} difference at line {line}: the program stopped before it"
                )?;
                write!(f, "  expected: {expected}")
            }
            Difference::Extra { got, .. } => {
                writeln!(
                    f,
                    "{kind} difference at line {line}: the golden ends before it"
                )?;
                write!(f, "  got:      {got}")
            }
        }
    }
}

/// Compares a program's output with the expected lines, all in order, on the paused clock.
/// See [`compare_blocks`].
pub fn compare(expected: &[Pattern], output: &str) -> Result<String, Difference> {
    compare_blocks(expected, &[], true, output)
}

/// Compares a program's output with the expected lines, where the lines of each range in
/// `any_order` may come in any order. On agreement, returns the output with what changes from
/// run to run blanked out (see [`Pattern::redact`]; `exact_time` says whether timing figures
/// are exact, as on the paused clock), each any-order block sorted; otherwise the first
/// difference.
pub fn compare_blocks(
    expected: &[Pattern],
    any_order: &[Range<usize>],
    exact_time: bool,
    output: &str,
) -> Result<String, Difference> {
    let actual: Vec<&str> = output.lines().collect();
    let mut redacted = Vec::new();
    let mut index = 0;
    while index < expected.len() {
        if let Some(block) = any_order.iter().find(|b| b.start == index && !b.is_empty()) {
            let mut lines =
                compare_any_order(&expected[block.clone()], &actual, block.start, exact_time)?;
            lines.sort();
            redacted.extend(lines);
            index = block.end;
            continue;
        }
        let pattern = &expected[index];
        let line = index + 1;
        let Some(got) = actual.get(index) else {
            return Err(Difference::Missing {
                line,
                expected: pattern.source().to_owned(),
            });
        };
        match pattern.compare(got) {
            LineMatch::Same => redacted.push(pattern.redact(got, exact_time)),
            found @ LineMatch::Timing { .. } => {
                return Err(Difference::timing(line, pattern, got, found).expect("a timing match"));
            }
            LineMatch::Different => {
                let expected_line = pattern.source().to_owned();
                if same_lines(expected, &actual) {
                    let printed_at = (index..actual.len())
                        .find(|&i| pattern.compare(actual[i]) != LineMatch::Different)
                        .map(|i| i + 1);
                    return Err(Difference::Order {
                        line,
                        expected: expected_line,
                        got: (*got).to_owned(),
                        printed_at,
                    });
                }
                return Err(Difference::Text {
                    line,
                    expected: expected_line,
                    got: (*got).to_owned(),
                });
            }
        }
        index += 1;
    }
    if let Some(extra) = actual.get(expected.len()) {
        return Err(Difference::Extra {
            line: expected.len() + 1,
            got: (*extra).to_owned(),
        });
    }
    Ok(redacted.join("\n") + "\n")
}

/// Matches the output lines from `first` on against a block of patterns in any order.
fn compare_any_order(
    block: &[Pattern],
    actual: &[&str],
    first: usize,
    exact_time: bool,
) -> Result<Vec<String>, Difference> {
    let mut used = vec![false; block.len()];
    let mut redacted = Vec::new();
    for offset in 0..block.len() {
        let line = first + offset + 1;
        let Some(got) = actual.get(first + offset) else {
            let missing = block.iter().zip(&used).find(|(_, used)| !**used);
            return Err(Difference::Missing {
                line,
                expected: missing
                    .map(|(p, _)| p.source().to_owned())
                    .unwrap_or_default(),
            });
        };
        let candidates = || block.iter().enumerate().filter(|(i, _)| !used[*i]);
        if let Some((i, pattern)) = candidates().find(|(_, p)| p.compare(got) == LineMatch::Same) {
            used[i] = true;
            redacted.push(pattern.redact(got, exact_time));
            continue;
        }
        let near = candidates().find_map(|(_, p)| Difference::timing(line, p, got, p.compare(got)));
        if let Some(difference) = near {
            return Err(difference);
        }
        let expected = candidates()
            .map(|(_, p)| p.source())
            .collect::<Vec<_>>()
            .join(" | ");
        return Err(Difference::Text {
            line,
            expected: format!("one of the lines still due, in any order: {expected}"),
            got: (*got).to_owned(),
        });
    }
    Ok(redacted)
}

/// Whether the output has the expected lines (texts, figures aside), each once, in any order.
fn same_lines(expected: &[Pattern], actual: &[&str]) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let mut used = vec![false; expected.len()];
    actual.iter().all(|line| {
        let found = expected
            .iter()
            .enumerate()
            .find(|(i, pattern)| !used[*i] && pattern.compare(line) != LineMatch::Different);
        found.map(|(i, _)| used[i] = true).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn golden(lines: &[&str]) -> Vec<Pattern> {
        lines.iter().map(|l| Pattern::parse(l).unwrap()).collect()
    }

    #[test]
    fn agreement_returns_the_redacted_output() {
        let expected = golden(&["start {{time}}", "One", "done in {{secs 1.0021}}"]);
        let redacted = compare(&expected, "start 10:00:01\nOne\ndone in 1.0\n").unwrap();
        assert_eq!(redacted, "start [time]\nOne\ndone in 1.0\n");
    }

    #[test]
    fn order_text_timing_missing_extra() {
        let expected = golden(&["a", "b", "c", "Elapsed {{secs 3.0}}"]);
        let order = compare(&expected, "a\nc\nb\nElapsed 3.0\n").unwrap_err();
        assert_eq!(order.kind(), "order");
        assert_eq!(order.line(), 2);
        assert!(matches!(
            order,
            Difference::Order {
                printed_at: Some(3),
                ..
            }
        ));
        let text = compare(&expected, "a\nB\nc\nElapsed 3.0\n").unwrap_err();
        assert_eq!((text.kind(), text.line()), ("text", 2));
        let timing = compare(&expected, "a\nb\nc\nElapsed 4.0\n").unwrap_err();
        assert_eq!((timing.kind(), timing.line()), ("timing", 4));
        let missing = compare(&expected, "a\nb\n").unwrap_err();
        assert!(matches!(missing, Difference::Missing { line: 3, .. }));
        let extra = compare(&expected, "a\nb\nc\nElapsed 3.0\nd\n").unwrap_err();
        assert!(matches!(extra, Difference::Extra { line: 5, .. }));
    }

    #[test]
    fn any_order_blocks_take_their_lines_in_any_order() {
        let expected = golden(&["first", "b {{secs 1.0}}", "a", "c", "last"]);
        let block = vec![Range { start: 1, end: 4 }];
        let redacted =
            compare_blocks(&expected, &block, false, "first\nc\na\nb 1.01\nlast\n").unwrap();
        assert_eq!(
            redacted, "first\na\nb [secs]\nc\nlast\n",
            "blocks are sorted"
        );
        let outside =
            compare_blocks(&expected, &block, true, "c\nfirst\na\nb 1.0\nlast\n").unwrap_err();
        assert_eq!(outside.line(), 1);
        let stranger =
            compare_blocks(&expected, &block, true, "first\nc\nz\nb 1.0\nlast\n").unwrap_err();
        assert_eq!((stranger.kind(), stranger.line()), ("text", 3));
        assert!(
            stranger
                .to_string()
                .contains("in any order: b {{secs 1.0}} | a"),
            "{stranger}"
        );
        let slow =
            compare_blocks(&expected, &block, true, "first\nc\na\nb 2.0\nlast\n").unwrap_err();
        assert_eq!((slow.kind(), slow.line()), ("timing", 4));
        let short = compare_blocks(&expected, &block, true, "first\nc\n").unwrap_err();
        assert!(matches!(short, Difference::Missing { line: 3, .. }));
    }

    #[test]
    fn the_message_says_line_expected_got_and_kind() {
        let expected = golden(&["a", "b"]);
        let message = compare(&expected, "b\na\n").unwrap_err().to_string();
        assert_eq!(
            message,
            "order difference at line 1: the same lines, in another order\n  \
             expected: a\n  got:      b\n  (the program printed the expected line at line 2)"
        );
    }
}
