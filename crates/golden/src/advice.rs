//! Why a run differs, in asyncio terms, where the difference has a cause a learner can
//! recognise: one task held the loop, the waits ran one after another, the program ended
//! or waited forever. A guess is said as a guess ("Likely: ..."), and only when the output
//! shows its sign.

use crate::compare::{Difference, compare_blocks};
use crate::file::Golden;
use crate::pattern::{seconds, tolerance};
use crate::run::Clock;
use crate::verdict::{Failure, Kind};

/// A likely cause, in a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diagnosis {
    /// One task ran several steps while the others waited: a blocking call in async code.
    HeldTheLoop,
    /// Waits that should overlap ran in turn.
    OneAfterAnother,
    /// Something was not awaited: it took less time than the original.
    DidNotWait,
    /// The program ended before its tasks were done.
    EndedEarly,
    /// It runs forever, or waits for something that never comes.
    NeverEnds,
    /// Its output depends on which of a thread and a timer goes first.
    Race,
    /// The right lines at the wrong times.
    WrongTime,
    /// Lines the original printed at the same instant came in another order.
    TieOrder,
    /// It panicked.
    Panicked,
}

impl Diagnosis {
    /// Its name in the corpus of mistakes (`tests/mistakes`): `held_the_loop`, ...
    pub fn id(self) -> &'static str {
        match self {
            Diagnosis::HeldTheLoop => "held_the_loop",
            Diagnosis::OneAfterAnother => "one_after_another",
            Diagnosis::DidNotWait => "did_not_wait",
            Diagnosis::EndedEarly => "ended_early",
            Diagnosis::NeverEnds => "never_ends",
            Diagnosis::Race => "race",
            Diagnosis::WrongTime => "wrong_time",
            Diagnosis::TieOrder => "tie_order",
            Diagnosis::Panicked => "panicked",
        }
    }
}

/// A likely cause and what to do about it, in asyncio and tokio terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub diagnosis: Diagnosis,
    /// The paragraph for a learner, starting "Likely: ".
    pub text: String,
}

impl Advice {
    fn new(diagnosis: Diagnosis, text: String) -> Advice {
        Advice {
            diagnosis,
            text: wrap(&text),
        }
    }
}

/// A run of this many lines from one source, where the original interleaves others, is a
/// task that held the loop.
const HELD: usize = 3;

/// The likely cause of `difference`, or `None` where the output shows none.
/// `complete` says whether the run ended by itself: one stopped at its first difference
/// shows neither its end nor its total time. `quiet` says whether it wrote nothing to
/// stderr: lines missing beside an error message have another cause than dropped tasks.
pub(crate) fn advise(
    golden: &Golden,
    printed: &str,
    instants: Option<&[Option<f64>]>,
    difference: &Difference,
    complete: bool,
    quiet: bool,
    alive_at_end: Option<usize>,
) -> Option<Advice> {
    let actual: Vec<&str> = printed.lines().collect();
    let instants = instants.unwrap_or(&[]);
    let mut advice = held_the_loop(&actual, instants, difference);
    // Lines missing from stderr or a file are a message or a write left out, not tasks dropped.
    if complete && quiet && golden.stream == crate::Stream::Stdout {
        advice =
            advice.or_else(|| ended_early(golden, &actual, instants, difference, alive_at_end));
    }
    advice = advice.or_else(|| wrong_time(golden, &actual, instants, difference));
    // A line the golden has nowhere is a wrong text or value: no wait explains it.
    if let Difference::Text { got, .. } = difference
        && !golden
            .lines
            .iter()
            .any(|p| p.compare(got) != crate::LineMatch::Different)
    {
        return advice;
    }
    // Other lines, and not as many, say nothing of how the waits were arranged.
    let different =
        matches!(difference, Difference::Text { .. }) && actual.len() != golden.lines.len();
    if complete && !different {
        advice = advice.or_else(|| total_time(golden, &actual, instants));
    }
    advice = advice.or_else(|| moved(golden, &actual, instants, difference));
    advice.or_else(|| tie_order(golden, &actual, difference))
}

/// A paragraph broken into lines of at most 92 characters, for a terminal; a figure stays on
/// the line of its unit ("3.0 s").
fn wrap(text: &str) -> String {
    const KEEP: char = '\u{a0}';
    let chars: Vec<char> = text.chars().collect();
    let text: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let unit = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1) == Some(&'s')
                && chars.get(i + 2).is_none_or(|n| !n.is_alphanumeric());
            if c == ' ' && unit { KEEP } else { c }
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= 92 => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n").replace(KEEP, " ")
}

/// Nothing else ran while one task printed several lines in a row.
fn held_the_loop(
    actual: &[&str],
    instants: &[Option<f64>],
    difference: &Difference,
) -> Option<Advice> {
    let (expected, line) = match difference {
        Difference::Order { expected, line, .. } | Difference::Text { expected, line, .. } => {
            (expected, *line)
        }
        _ => return None,
    };
    let source = |text: &str| {
        let cut = text
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(text.len());
        text[..cut].trim_end().to_owned()
    };
    let first = *actual.get(line - 1)?;
    let key = source(first);
    if key.is_empty() || source(expected) == key {
        return None;
    }
    let held = actual[line - 1..]
        .iter()
        .take_while(|text| source(text) == key)
        .count();
    if held < HELD {
        return None;
    }
    // Lines printed all at one instant were not held back by work: nothing waited at all.
    let times: Vec<Option<f64>> = (line - 1..line - 1 + held)
        .map(|i| instants.get(i).copied().flatten())
        .collect();
    let spread = times
        .iter()
        .flatten()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &t| (lo.min(t), hi.max(t)));
    if times.iter().all(Option::is_some) && spread.1 - spread.0 < 0.02 {
        return None;
    }
    let last = actual[line - 2 + held];
    let text = format!(
        "Likely: one task held the event loop. Nothing else ran while the program printed \
         output lines {line} to {} (`{first}` ... `{last}`), where the original prints \
         `{expected}` among them. A task that does not await between those lines (a \
         blocking call such as std::thread::sleep, or a loop with no .await) keeps every \
         other task waiting, as time.sleep or a busy loop does in asyncio. Let the others run \
         in between: await something there, or move the blocking work off the loop with \
         tokio::task::spawn_blocking (asyncio.to_thread).",
        line - 1 + held
    );
    Some(Advice::new(Diagnosis::HeldTheLoop, text))
}

/// The program ended before the golden's last lines: its tasks were dropped.
fn ended_early(
    golden: &Golden,
    actual: &[&str],
    instants: &[Option<f64>],
    difference: &Difference,
    alive_at_end: Option<usize>,
) -> Option<Advice> {
    // Tasks dropped at main's return leave the lines printed before them on time, or nothing
    // waited at all; lines printed late or early came from other waits (a task group that
    // cancels the rest at the first error stops waiting then).
    // (The last line may be the summary printed as main returns: early, as it should be.)
    let before_last = &actual[..actual.len().saturating_sub(1)];
    let on_time = !before_last.is_empty()
        && before_last.iter().enumerate().all(|(i, _)| {
            let Some(Some(printed)) = instants.get(i).copied() else {
                return true;
            };
            pattern_for(golden, actual, i)
                .and_then(|p| p.at())
                .is_none_or(|at| (printed - at).abs() <= tolerance(at))
        });
    let no_wait = instants.iter().flatten().all(|&t| t <= 0.05);
    if !on_time && !no_wait {
        return None;
    }
    let short = actual.len() < golden.lines.len();
    let early = match difference {
        Difference::Missing { .. } => true,
        // Every line it printed is the golden's own, in order, and the lines it left out come
        // at the end (but for the last it printed: the summary main prints as it returns).
        // Lines left out in the middle are work skipped, not tasks dropped at the end.
        // (The summary may count what was done: `Crawled 1 pages` where the original says 8.
        // It counts as the golden's last line when only its figures differ, and tasks were
        // still alive when main returned: not when they ended their work short themselves.)
        Difference::Text { .. } => {
            if short && let Some((summary, before)) = actual.split_last() {
                let mut patterns = golden.lines.iter().enumerate();
                before.iter().enumerate().all(|(i, line)| {
                    patterns
                        .by_ref()
                        .find(|(_, p)| p.compare(line) != crate::LineMatch::Different)
                        .is_some_and(|(at, _)| at == i)
                }) && patterns.any(|(_, p)| {
                    p.compare(summary) != crate::LineMatch::Different
                        || (alive_at_end.is_some_and(|alive| alive > 0)
                            && figures_masked(&p.render()) == figures_masked(summary))
                })
            } else {
                false
            }
        }
        _ => false,
    };
    if !early {
        return None;
    }
    let text = format!(
        "Likely: the program ended too soon; it printed {} lines where the original printed \
         {}. When main returns, tokio drops every task still running, as asyncio.run \
         cancels them. Await what must finish first: the tasks' JoinHandles, or the queue's \
         join (q.join() in asyncio).",
        actual.len(),
        golden.lines.len()
    );
    Some(Advice::new(Diagnosis::EndedEarly, text))
}

/// `text` with each run of digits (and the dots between them) as one `#`: a line's shape.
fn figures_masked(text: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() || (c == '.' && masked.ends_with('#')) {
            if !masked.ends_with('#') {
                masked.push('#');
            }
        } else {
            masked.push(c);
        }
    }
    masked
}

/// Whether the lines before output line `line` (1-based) were printed when the original
/// printed them: the program went wrong only after them.
fn on_time_until(golden: &Golden, instants: &[Option<f64>], line: usize) -> bool {
    let known = golden
        .lines
        .iter()
        .zip(instants)
        .take(line.saturating_sub(1));
    let mut any = false;
    for (pattern, printed) in known {
        if let (Some(published), Some(printed)) = (pattern.at(), printed) {
            any = true;
            if (printed - published).abs() > tolerance(published) {
                return false;
            }
        }
    }
    any
}

/// The right line at the wrong time: what kind of wait moved it.
fn wrong_time(
    golden: &Golden,
    actual: &[&str],
    instants: &[Option<f64>],
    difference: &Difference,
) -> Option<Advice> {
    let Difference::Instant {
        line,
        published,
        printed,
        got,
        ..
    } = difference
    else {
        return None;
    };
    let (published, printed) = (seconds(*published), seconds(*printed));
    if printed > published {
        let last = *line == actual.len() && golden.lines.len() == actual.len();
        let rest = if last && on_time_until(golden, instants, *line) {
            "Every line before it came on time: the program waited at its end for something \
             the original does not wait for (a fixed sleep, a task that had nothing left to \
             do)."
        } else {
            "It waited for something the original does not wait for before printing it: \
             awaiting tasks one after another, or all of them, where the original goes on as \
             soon as the one it needs is done (asyncio.as_completed: tokio's JoinSet::join_next \
             or FuturesUnordered), or a wait that should have run alongside the others \
             (asyncio.gather: tokio::join!, join_all, or spawned tasks)."
        };
        return Some(Advice::new(
            Diagnosis::WrongTime,
            format!(
                "Likely: `{got}` came late: printed at {printed} s; the original printed it at {published} s. {rest}"
            ),
        ));
    }
    Some(Advice::new(
        Diagnosis::WrongTime,
        format!(
            "Likely: `{got}` came early: printed at {printed} s; the original printed it at \
             {published} s. The program did not wait where the original waits before this line: \
             a future does nothing until it is awaited (a coroutine object in Python), and a \
             sleep that is never awaited never happens."
        ),
    ))
}

/// The total time tells how the waits were arranged.
fn total_time(golden: &Golden, actual: &[&str], instants: &[Option<f64>]) -> Option<Advice> {
    let (line, (published, got)) = golden.lines.iter().rev().find_map(|pattern| {
        actual.iter().enumerate().rev().find_map(|(i, line)| {
            pattern
                .figures(line)
                .last()
                .copied()
                .map(|figures| (i + 1, figures))
        })
    })?;
    let slack = tolerance(published);
    if got > published + slack && on_time_until(golden, instants, line) {
        return Some(Advice::new(
            Diagnosis::WrongTime,
            format!(
                "Likely: it waited at its end. Every line before the last came when the \
                 original printed it, but the program took {} s where the original took {} s: \
                 it waited, after the work was done, for something the original does not wait \
                 for (a fixed sleep, a task that had nothing left to do).",
                seconds(got),
                seconds(published)
            ),
        ));
    }
    if got > published + slack && got >= published * 1.3 {
        return Some(Advice::new(
            Diagnosis::OneAfterAnother,
            format!(
                "Likely: the waits ran one after another. The program took {} s where the \
             original took {} s: more like the sum of its waits than the longest. In asyncio, \
             awaiting one coroutine after another runs them in turn, and so does a blocking \
             call inside them (time.sleep; here std::thread::sleep); asyncio.gather, or \
             create_task before awaiting, runs them together. In tokio: tokio::join! or \
             futures::future::join_all, or tokio::spawn each one first and .await the handles \
             afterwards.",
                seconds(got),
                seconds(published)
            ),
        ));
    }
    let line_on_time =
        golden
            .lines
            .iter()
            .zip(instants)
            .nth(line - 1)
            .is_some_and(|(pattern, printed)| match (pattern.at(), printed) {
                (Some(at), Some(printed)) => (printed - at).abs() <= tolerance(at),
                _ => false,
            });
    if got < published - slack && line_on_time && on_time_until(golden, instants, line) {
        return Some(Advice::new(
            Diagnosis::WrongTime,
            format!(
                "Likely: it measured another stretch of time than the original. Every line came \
                 when the original printed it, this one too, but the figure it printed is {} s \
                 where the original's is {} s: start the clock where the original starts it \
                 (before the work) and read it where the original reads it (after the work is \
                 awaited).",
                seconds(got),
                seconds(published)
            ),
        ));
    }
    if got < published - slack {
        return Some(Advice::new(
            Diagnosis::DidNotWait,
            format!(
                "Likely: something did not wait. The program took {} s where the original took {} \
             s. A future does nothing until it is awaited (a coroutine object in Python), and a \
             spawned task that nobody awaits is dropped when main returns, as asyncio.run \
             cancels it: await it.",
                seconds(got),
                seconds(published)
            ),
        ));
    }
    None
}

/// Whether `failure` is two lines the original printed at the same instant, in another
/// order: what tokio's `sleep(Duration::ZERO)`, which yields only in real time, changes.
pub(crate) fn is_tie(golden: &Golden, printed: &str, failure: &Failure) -> bool {
    let (Some(line), Some(golden_line)) = (failure.line, failure.golden_line) else {
        return false;
    };
    let actual: Vec<&str> = printed.lines().collect();
    tied(golden, &actual, line, golden_line).is_some()
}

/// The instant at which the original printed both golden line `golden_line` and the line
/// the program printed instead at output line `line`, if it printed them together.
fn tied(golden: &Golden, actual: &[&str], line: usize, golden_line: usize) -> Option<f64> {
    let expected = golden.lines.iter().find(|p| p.line() == golden_line)?;
    let at = expected.at()?;
    let got = actual.get(line.checked_sub(1)?)?;
    let other = golden
        .lines
        .iter()
        .find(|p| p.compare(got) != crate::LineMatch::Different)?;
    (other.at() == Some(at)).then_some(at)
}

/// A line printed out of order, and at another time than the original printed it: the
/// program's own waits moved it.
fn moved(
    golden: &Golden,
    actual: &[&str],
    instants: &[Option<f64>],
    difference: &Difference,
) -> Option<Advice> {
    let (Difference::Order { line, .. } | Difference::Text { line, .. }) = difference else {
        return None;
    };
    // The line expected here, printed later: when it came, against when it was due.
    if let Difference::Order {
        golden_line,
        printed_at: Some(later),
        ..
    } = difference
        && let Some(advice) = golden
            .lines
            .iter()
            .find(|p| p.line() == *golden_line)
            .and_then(|p| off_time(p, actual.get(later - 1)?, (*instants.get(later - 1)?)?))
    {
        return Some(advice);
    }
    let got = actual.get(line.checked_sub(1)?)?;
    let printed = (*instants.get(line - 1)?)?;
    // The golden's line it stands for: the same text's next occurrence (the second `Hello`
    // printed is the golden's second `Hello`).
    let pattern = pattern_for(golden, actual, line - 1)?;
    off_time(pattern, got, printed)
}

/// The golden line that output line `index` (0-based) stands for: the next occurrence of
/// the lines its text fits (the second `Hello` printed is the golden's second `Hello`).
fn pattern_for<'a>(
    golden: &'a Golden,
    actual: &[&str],
    index: usize,
) -> Option<&'a crate::Pattern> {
    let got = actual.get(index)?;
    let same: Vec<&crate::Pattern> = golden
        .lines
        .iter()
        .filter(|p| p.compare(got) != crate::LineMatch::Different)
        .collect();
    let first = *same.first()?;
    let before = actual[..index]
        .iter()
        .filter(|earlier| first.compare(earlier) != crate::LineMatch::Different)
        .count();
    same.get(before).or(same.last()).copied()
}

/// `got`, the line `pattern` expects, printed at `printed`: the advice if that is off time.
fn off_time(pattern: &crate::Pattern, got: &str, printed: f64) -> Option<Advice> {
    let published = pattern.at()?;
    if (printed - published).abs() <= tolerance(published) {
        return None;
    }
    let (early, late) = (seconds(printed), seconds(published));
    let when = if printed < published { "early" } else { "late" };
    Some(Advice::new(
        Diagnosis::WrongTime,
        format!(
            "Likely: `{got}` came {when}: printed at {early} s; the original printed it at \
             {late} s. What the program awaits before this line differs from the original's: \
             a wait missing or added, or tasks awaited in another order than they finish."
        ),
    ))
}

/// A blocking call on the runtime's thread, seen by vclock: `note` is its report.
pub(crate) fn blocked(note: &str) -> Advice {
    Advice::new(
        Diagnosis::HeldTheLoop,
        format!(
            "Likely: a blocking call held the event loop: {note}. While it runs no other task \
             does, as with time.sleep or a busy loop in asyncio. Await instead \
             (tokio::time::sleep(...).await), or move the blocking work off the loop with \
             tokio::task::spawn_blocking (asyncio.to_thread)."
        ),
    )
}

/// A run stopped at its limit where the original gives up after `--timeout SECONDS`.
pub(crate) fn timeout_ignored(golden: &Golden) -> Option<Advice> {
    let at = golden.args.iter().position(|a| a == "--timeout")?;
    let seconds = golden.args.get(at + 1)?;
    Some(Advice::new(
        Diagnosis::WrongTime,
        format!(
            "Likely: it does not give up when `--timeout {seconds}` says: the original stops \
             waiting after {seconds} s. Use the option's value in tokio::time::timeout (or the \
             client's timeout), not a figure of its own."
        ),
    ))
}

/// Two lines the original printed at the same instant, in another order: the order in
/// which tasks ready together run.
fn tie_order(golden: &Golden, actual: &[&str], difference: &Difference) -> Option<Advice> {
    let Difference::Order {
        line, golden_line, ..
    } = difference
    else {
        return None;
    };
    let at = tied(golden, actual, *line, *golden_line)?;
    Some(Advice::new(
        Diagnosis::TieOrder,
        format!(
            "Likely: tasks ready at the same moment ran in another order. The original printed \
             both lines at {} s; asyncio runs what is ready first in, first out: tasks in the \
             order they were created, and after an `await asyncio.sleep(0)` behind every task \
             already waiting. In tokio, tasks spawned in order start in order, and a task that \
             yields (tokio::task::yield_now) is not promised a place in the queue; a real wait \
             (tokio::time::sleep) keeps the order of the deadlines. Check what each task awaits \
             before this line, and in which order the tasks were spawned.",
            seconds(at)
        ),
    ))
}

/// The failure for a program whose two real-time runs, with the blocking sleeps of its
/// threads ending `shift_ms` late and as early, printed different orders; `None` if they
/// printed the same lines.
pub(crate) fn race(golden: &Golden, late: &str, early: &str, shift_ms: i64) -> Option<Failure> {
    let late: Vec<&str> = late.lines().collect();
    let early: Vec<&str> = early.lines().collect();
    // Two lines are the same where the same golden line accepts both (timing figures vary).
    let same = |a: Option<&&str>, b: Option<&&str>| match (a, b) {
        (Some(a), Some(b)) => {
            a == b
                || golden.lines.iter().any(|p| {
                    p.compare(a) != crate::LineMatch::Different
                        && p.compare(b) != crate::LineMatch::Different
                })
        }
        (a, b) => a == b,
    };
    let first = (0..late.len().max(early.len())).find(|&i| !same(late.get(i), early.get(i)))?;
    let last = (first + 4).min(late.len().max(early.len()));
    let show = |lines: &[&str]| {
        (first..last)
            .map(|i| {
                format!(
                    "  {:>3} {}",
                    i + 1,
                    lines.get(i).copied().unwrap_or("(nothing)")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let moved: Vec<&str> = (first..last).filter_map(|i| late.get(i).copied()).collect();
    let text = format!(
        "Likely: a race. The program sleeps on a thread of its own (spawn_blocking, or a \
         std::thread), and that sleep ends at the very instant a timer of the runtime is due. \
         Which of the two goes first is up to the operating system, so `cargo run` prints \
         these lines in one order or the other from run to run: {}. The original has one \
         thread, whose event loop orders everything. Keep waits that must be ordered with the \
         others on the runtime: tokio::time::sleep(...).await in a task, not a blocking sleep \
         on another thread.",
        moved
            .iter()
            .map(|l| format!("`{l}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let message = format!(
        "its output depends on a race: run twice in real time, once with its threads' \
         blocking sleeps ending {shift_ms} ms late and once {shift_ms} ms early, it printed \
         different orders from output line {}:\n  ended late:\n{}\n  ended early:\n{}",
        first + 1,
        show(&late),
        show(&early),
    );
    let mut failure = Failure::new(golden, Clock::Real, Kind::Race, message);
    failure.line = Some(first + 1);
    failure.expected = early.get(first).copied().unwrap_or_default().to_owned();
    failure.got = late.get(first).copied().unwrap_or_default().to_owned();
    failure.advice = Some(Advice::new(Diagnosis::Race, text));
    Some(failure)
}

/// The likely cause of a run that had to be stopped.
pub(crate) fn never_ends() -> Advice {
    Advice::new(
        Diagnosis::NeverEnds,
        "Likely: it waits for something that never comes (a task that never ends, a consumer \
         waiting on an empty queue, a request with no timeout). In asyncio terms, an await \
         with no end: bound it with a timeout (tokio::time::timeout, asyncio.wait_for) or stop \
         what runs forever (JoinHandle::abort, like Task.cancel)."
            .to_owned(),
    )
}

/// The message for a run stopped at its time limit: what it waited for, and how far it got.
/// Returns what happened, then how far it got (the advice goes between them).
pub(crate) fn hung(golden: &Golden, printed: &str, why: &str) -> (String, String) {
    let progress = match compare_blocks(&golden.lines, &golden.any_order, false, printed) {
        Err(Difference::Missing {
            golden_line,
            expected,
            line: 1,
        }) => format!(
            "It printed nothing before it was stopped; first, at golden line {golden_line}:\n  \
             expected: {expected}"
        ),
        Err(Difference::Missing {
            golden_line,
            expected,
            ..
        }) => format!(
            "It printed what the golden expects before golden line {golden_line}, then waited:\n  \
             expected: {expected}"
        ),
        Err(difference) => format!("What it printed until then already differs:\n{difference}"),
        Ok(_) => "It had printed every line the golden expects, but did not end.".to_owned(),
    };
    let ends = golden
        .last_instant()
        .map(|last| format!(" (the original ends at {} s)", seconds(last)))
        .unwrap_or_default();
    (wrap(&format!("{why}{ends}.")), progress)
}

/// Where and why the program panicked, from its stderr; empty if it did not.
pub(crate) fn panicked(stderr: &str) -> Option<Advice> {
    let mut lines = stderr.lines();
    let at = lines.find_map(|l| l.split_once(" panicked at ").map(|(_, at)| at))?;
    let message = lines.next().unwrap_or("").trim();
    Some(Advice::new(
        Diagnosis::Panicked,
        format!(
            "It panicked at {} (a panic is Rust's uncaught exception): {message}",
            at.trim_end_matches(':')
        ),
    ))
}
