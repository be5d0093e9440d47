//! Comparing a transcript with a golden, and saying what differs in words a learner can act on.
//!
//! Every difference names two places: the line of the golden file that was expected (the
//! file a learner opens) and the line of the program's output that came instead.

use std::fmt;
use std::ops::Range;

use crate::pattern::{LineMatch, Pattern, seconds};

/// The first thing that differs between a transcript and its golden. `line` is the output's
/// line number, `golden_line` the golden file's (both 1-based); `expected` is the golden's
/// line in words (markers said as what they accept).
#[derive(Debug, Clone, PartialEq)]
pub enum Difference {
    /// The same lines were printed, in another order.
    Order {
        line: usize,
        golden_line: usize,
        expected: String,
        got: String,
        /// Where the program printed the expected line instead (output line, 1-based).
        printed_at: Option<usize>,
    },
    /// A line's text differs.
    Text {
        line: usize,
        golden_line: usize,
        expected: String,
        got: String,
    },
    /// A timing figure is outside its tolerance.
    Timing {
        line: usize,
        golden_line: usize,
        expected: String,
        got: String,
        published: f64,
        tolerance: f64,
        figure: f64,
    },
    /// The program stopped before printing this line.
    Missing {
        line: usize,
        golden_line: usize,
        expected: String,
    },
    /// The program printed a line the golden does not have.
    Extra {
        line: usize,
        golden_line: usize,
        got: String,
    },
    /// The right line, printed at another time than the original printed it.
    Instant {
        line: usize,
        golden_line: usize,
        expected: String,
        got: String,
        /// When the original printed it, and when the program did, in seconds.
        published: f64,
        printed: f64,
        tolerance: f64,
    },
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
            golden_line: pattern.line(),
            expected: pattern.describe(),
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
            Difference::Instant { .. } => "instant",
        }
    }

    /// The 1-based line number of the output where the transcripts part.
    pub fn line(&self) -> usize {
        match self {
            Difference::Order { line, .. }
            | Difference::Text { line, .. }
            | Difference::Timing { line, .. }
            | Difference::Missing { line, .. }
            | Difference::Extra { line, .. }
            | Difference::Instant { line, .. } => *line,
        }
    }

    /// The 1-based line number of the golden file where the transcripts part.
    pub fn golden_line(&self) -> usize {
        match self {
            Difference::Order { golden_line, .. }
            | Difference::Text { golden_line, .. }
            | Difference::Timing { golden_line, .. }
            | Difference::Missing { golden_line, .. }
            | Difference::Extra { golden_line, .. }
            | Difference::Instant { golden_line, .. } => *golden_line,
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.kind();
        let at = format!(
            "{kind} difference at golden line {} (output line {})",
            self.golden_line(),
            self.line()
        );
        match self {
            Difference::Order {
                expected,
                got,
                printed_at,
                ..
            } => {
                writeln!(f, "{at}: the same lines, in another order")?;
                writeln!(f, "  expected: {expected}")?;
                write!(f, "  got:      {got}")?;
                if let Some(printed) = printed_at {
                    write!(
                        f,
                        "\n  (the program printed the expected line later, at output line {printed})"
                    )?;
                }
                Ok(())
            }
            Difference::Text { expected, got, .. } => {
                writeln!(f, "{at}")?;
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
                    "{at}: the program's time is {} s, the original's {} s; the grade accepts {} to {} s",
                    seconds(*figure),
                    seconds(*published),
                    seconds((published - tolerance).max(0.0)),
                    seconds(published + tolerance)
                )?;
                writeln!(f, "  expected: {expected}")?;
                write!(f, "  got:      {got}")
            }
            Difference::Missing { expected, .. } => {
                writeln!(f, "{at}: the program stopped before it")?;
                write!(f, "  expected: {expected}")
            }
            Difference::Extra { got, .. } => {
                writeln!(f, "{at}: the golden ends before it")?;
                write!(f, "  got:      {got}")
            }
            Difference::Instant {
                got,
                published,
                printed,
                tolerance,
                ..
            } => {
                writeln!(
                    f,
                    "{at}: the right line at the wrong time: printed at {} s; the original \
                     printed it at {} s (the grade accepts {} to {} s)",
                    seconds(*printed),
                    seconds(*published),
                    seconds((published - tolerance).max(0.0)),
                    seconds(published + tolerance)
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
    // Each line with the pattern it agrees with, in runs to sort (the any-order blocks),
    // blanked out only once the whole output agrees.
    let mut agreed: Vec<Vec<(&Pattern, &str)>> = Vec::new();
    let mut index = 0;
    while index < expected.len() {
        if let Some(block) = any_order.iter().find(|b| b.start == index && !b.is_empty()) {
            agreed.push(compare_any_order(
                &expected[block.clone()],
                &actual,
                block.start,
            )?);
            index = block.end;
            continue;
        }
        let pattern = &expected[index];
        let line = index + 1;
        let Some(got) = actual.get(index) else {
            return Err(Difference::Missing {
                line,
                golden_line: pattern.line(),
                expected: pattern.describe(),
            });
        };
        match pattern.compare(got) {
            LineMatch::Same => agreed.push(vec![(pattern, got)]),
            found @ LineMatch::Timing { .. } => {
                return Err(Difference::timing(line, pattern, got, found).expect("a timing match"));
            }
            LineMatch::Different => {
                if same_lines(expected, &actual) {
                    let printed_at = (index..actual.len())
                        .find(|&i| pattern.compare(actual[i]) != LineMatch::Different)
                        .map(|i| i + 1);
                    return Err(Difference::Order {
                        line,
                        golden_line: pattern.line(),
                        expected: pattern.describe(),
                        got: (*got).to_owned(),
                        printed_at,
                    });
                }
                return Err(Difference::Text {
                    line,
                    golden_line: pattern.line(),
                    expected: pattern.describe(),
                    got: (*got).to_owned(),
                });
            }
        }
        index += 1;
    }
    if let Some(extra) = actual.get(expected.len()) {
        return Err(Difference::Extra {
            line: expected.len() + 1,
            golden_line: expected.last().map_or(0, |p| p.line() + 1),
            got: (*extra).to_owned(),
        });
    }
    let mut redacted = Vec::with_capacity(actual.len());
    for run in agreed {
        let mut lines: Vec<String> = run
            .into_iter()
            .map(|(pattern, got)| pattern.redact(got, exact_time))
            .collect();
        lines.sort();
        redacted.extend(lines);
    }
    Ok(redacted.join("\n") + "\n")
}

/// Checks when each line was printed, for an output that agrees with `expected` line for
/// line: `printed[i]` is when output line i+1 was printed, in seconds (`None`: unknown), and
/// `tolerance` how far from the original's instant it may be. In an any-order block the
/// instants are compared in the order of time, as the lines may come in any order. Returns
/// the first line printed at the wrong time.
pub fn check_instants(
    expected: &[Pattern],
    any_order: &[Range<usize>],
    output: &str,
    printed: &[Option<f64>],
    tolerance: impl Fn(f64) -> f64,
) -> Result<(), Difference> {
    let actual: Vec<&str> = output.lines().collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // (pattern index, output index)
    let mut index = 0;
    while index < expected.len() {
        let Some(block) = any_order.iter().find(|b| b.start == index && !b.is_empty()) else {
            pairs.push((index, index));
            index += 1;
            continue;
        };
        let mut patterns: Vec<usize> = block
            .clone()
            .filter(|&p| expected[p].at().is_some())
            .collect();
        let mut lines: Vec<usize> = block.clone().collect();
        patterns.sort_by(|&a, &b| {
            expected[a]
                .at()
                .partial_cmp(&expected[b].at())
                .expect("finite")
        });
        lines.sort_by(|&a, &b| {
            let time = |i: usize| printed.get(i).copied().flatten().unwrap_or(f64::MAX);
            time(a).total_cmp(&time(b))
        });
        pairs.extend(patterns.into_iter().zip(lines));
        index = block.end;
    }
    for (p, i) in pairs {
        let pattern = &expected[p];
        let (Some(published), Some(Some(at)), Some(got)) =
            (pattern.at(), printed.get(i).copied(), actual.get(i))
        else {
            continue;
        };
        let slack = tolerance(published);
        if (at - published).abs() > slack {
            return Err(Difference::Instant {
                line: i + 1,
                golden_line: pattern.line(),
                expected: pattern.describe(),
                got: (*got).to_owned(),
                published,
                printed: at,
                tolerance: slack,
            });
        }
    }
    Ok(())
}

/// Matches the output lines from `first` on against a block of patterns in any order: the
/// block agrees when some one-to-one assignment of its lines to its patterns matches, found
/// by augmenting paths, so an early line never takes a pattern a later line needs. Returns
/// each pattern with its line.
fn compare_any_order<'a, 'b>(
    block: &'a [Pattern],
    actual: &[&'b str],
    first: usize,
) -> Result<Vec<(&'a Pattern, &'b str)>, Difference> {
    // line_of[p]: the block's output line (offset) matched to pattern p.
    let mut line_of: Vec<Option<usize>> = vec![None; block.len()];
    let fits = |offset: usize, p: usize| {
        actual
            .get(first + offset)
            .is_some_and(|got| block[p].compare(got) == LineMatch::Same)
    };
    for offset in 0..block.len() {
        let line = first + offset + 1;
        let Some(got) = actual.get(first + offset) else {
            let pattern = block
                .iter()
                .zip(&line_of)
                .find(|(_, l)| l.is_none())
                .map(|(pattern, _)| pattern)
                .expect("fewer lines matched than patterns");
            return Err(Difference::Missing {
                line,
                golden_line: pattern.line(),
                expected: pattern.describe(),
            });
        };
        let mut seen = vec![false; block.len()];
        if augment(offset, &fits, &mut line_of, &mut seen, false) {
            continue;
        }
        let due: Vec<&Pattern> = block
            .iter()
            .zip(&line_of)
            .filter(|(_, l)| l.is_none())
            .map(|(p, _)| p)
            .collect();
        if let Some(difference) = block
            .iter()
            .find_map(|p| Difference::timing(line, p, got, p.compare(got)))
        {
            return Err(difference);
        }
        let words: Vec<String> = due.iter().map(|p| p.describe()).collect();
        return Err(Difference::Text {
            line,
            golden_line: due.first().map_or(0, |p| p.line()),
            expected: format!(
                "one of the lines still due, in any order: {}",
                words.join(" | ")
            ),
            got: (*got).to_owned(),
        });
    }
    Ok(block
        .iter()
        .zip(&line_of)
        .map(|(pattern, offset)| {
            let offset = offset.expect("every pattern matched");
            (pattern, actual[first + offset])
        })
        .collect())
}

/// One step of Kuhn's matching: finds a pattern for output line `offset`, moving lines
/// matched earlier to other patterns where that frees one. The patterns are tried in order,
/// or, `diagonal` first, from the one at the line's own place on: where only a matching's
/// existence counts, that finds one for lines mostly in place in a single try each.
fn augment(
    offset: usize,
    fits: &impl Fn(usize, usize) -> bool,
    line_of: &mut [Option<usize>],
    seen: &mut [bool],
    diagonal: bool,
) -> bool {
    let count = line_of.len();
    let first = if diagonal { offset } else { 0 };
    for p in (0..count).map(|k| (first + k) % count) {
        if seen[p] || !fits(offset, p) {
            continue;
        }
        seen[p] = true;
        let free = match line_of[p] {
            None => true,
            Some(other) => augment(other, fits, line_of, seen, diagonal),
        };
        if free {
            line_of[p] = Some(offset);
            return true;
        }
    }
    false
}

/// Whether the output has the expected lines (texts, figures aside), each once, in any order.
fn same_lines(expected: &[Pattern], actual: &[&str]) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let mut line_of: Vec<Option<usize>> = vec![None; expected.len()];
    let fits =
        |offset: usize, p: usize| expected[p].compare(actual[offset]) != LineMatch::Different;
    (0..actual.len()).all(|offset| {
        let mut seen = vec![false; expected.len()];
        augment(offset, &fits, &mut line_of, &mut seen, true)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns as read from a golden file whose transcript starts at its line 3.
    fn golden(lines: &[&str]) -> Vec<Pattern> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Pattern::parse(l).unwrap().at_line(i + 3))
            .collect()
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
                golden_line: 4,
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
                .contains("in any order: b ⟨a time within 0.05 s of 1.0⟩ | a"),
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
            "order difference at golden line 3 (output line 1): the same lines, in another order\n  \
             expected: a\n  got:      b\n  (the program printed the expected line later, at output line 2)"
        );
        let timing = compare(
            &golden(&["Elapsed {{secs 7.02296781539917}}"]),
            "Elapsed 10.0\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            timing,
            "timing difference at golden line 3 (output line 1): the program's time is 10.0 s, \
             the original's 7.02 s; the grade accepts 6.88 to 7.16 s\n  \
             expected: Elapsed ⟨a time within 0.14 s of 7.02⟩\n  got:      Elapsed 10.0"
        );
    }

    #[test]
    fn an_any_order_block_is_matched_as_a_whole_not_greedily() {
        // `{{text}}` would take "apple 0" first; the block still agrees, since "peach 0" can
        // only be the free line.
        let expected = golden(&["{{text}}", "apple 0"]);
        let block = vec![Range { start: 0, end: 2 }];
        assert!(compare_blocks(&expected, &block, true, "apple 0\npeach 0\n").is_ok());
        assert!(compare_blocks(&expected, &block, true, "peach 0\napple 0\n").is_ok());
        let wrong = compare_blocks(&expected, &block, true, "peach 0\npear 1\n").unwrap_err();
        assert_eq!((wrong.kind(), wrong.line()), ("text", 2));
    }
}
