//! Why a run differs, in asyncio terms, where the difference has a cause a learner can
//! recognise: one task held the loop, the waits ran one after another, the program ended
//! or waited forever. A guess is said as a guess ("Likely: ..."), and only when the output
//! shows its sign.

use std::time::Duration;

use crate::compare::{Difference, compare_blocks};
use crate::file::Golden;
use crate::pattern::{seconds, tolerance};

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
    difference: &Difference,
    complete: bool,
    quiet: bool,
) -> Option<String> {
    let actual: Vec<&str> = printed.lines().collect();
    let mut advice = held_the_loop(&actual, difference);
    if complete && quiet {
        advice = advice.or_else(|| ended_early(golden, &actual, difference));
    }
    if complete {
        advice = advice.or_else(|| total_time(golden, &actual));
    }
    advice.map(|text| wrap(&text))
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
fn held_the_loop(actual: &[&str], difference: &Difference) -> Option<String> {
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
    let last = actual[line - 2 + held];
    Some(format!(
        "Likely: one task held the event loop. Nothing else ran while the program printed \
         output lines {line} to {} (`{first}` ... `{last}`), where the original prints \
         `{expected}` among them. A task that does not await between those lines (a \
         blocking call such as std::thread::sleep, or a loop with no .await) keeps every \
         other task waiting, as time.sleep or a busy loop does in asyncio. Let the others run \
         in between: await something there, or move the blocking work off the loop with \
         tokio::task::spawn_blocking (asyncio.to_thread).",
        line - 1 + held
    ))
}

/// The program ended before the golden's last lines: its tasks were dropped.
fn ended_early(golden: &Golden, actual: &[&str], difference: &Difference) -> Option<String> {
    let short = actual.len() < golden.lines.len();
    let early = match difference {
        Difference::Missing { .. } => true,
        // The line it printed instead is one the golden has later: it skipped ahead.
        Difference::Text { line, got, .. } => {
            short
                && golden.lines[*line..]
                    .iter()
                    .any(|p| p.compare(got) != crate::LineMatch::Different)
        }
        _ => false,
    };
    if !early {
        return None;
    }
    Some(format!(
        "Likely: the program ended too soon; it printed {} lines where the original printed \
         {}. When main returns, tokio drops every task still running, as asyncio.run \
         cancels them. Await what must finish first: the tasks' JoinHandles, or the queue's \
         join (q.join() in asyncio).",
        actual.len(),
        golden.lines.len()
    ))
}

/// The total time tells how the waits were arranged.
fn total_time(golden: &Golden, actual: &[&str]) -> Option<String> {
    let (published, got) = golden.lines.iter().rev().find_map(|pattern| {
        actual
            .iter()
            .rev()
            .find_map(|line| pattern.figures(line).last().copied())
    })?;
    let slack = tolerance(published);
    if got > published + slack && got >= published * 1.3 {
        return Some(format!(
            "Likely: the waits ran one after another. The program took {} s where the \
             original took {} s: more like the sum of its waits than the longest. In asyncio, \
             awaiting one coroutine after another runs them in turn, and so does a blocking \
             call inside them (time.sleep; here std::thread::sleep); asyncio.gather, or \
             create_task before awaiting, runs them together. In tokio: tokio::join! or \
             futures::future::join_all, or tokio::spawn each one first and .await the handles \
             afterwards.",
            seconds(got),
            seconds(published)
        ));
    }
    if got < published - slack {
        return Some(format!(
            "Likely: something did not wait. The program took {} s where the original took {} \
             s. A future does nothing until it is awaited (a coroutine object in Python), and a \
             spawned task that nobody awaits is dropped when main returns, as asyncio.run \
             cancels it: await it.",
            seconds(got),
            seconds(published)
        ));
    }
    None
}

/// The message for a run stopped at its time limit: what it waited for, and how far it got.
pub(crate) fn hung(golden: &Golden, printed: &str, limit: Duration) -> String {
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
    let why = wrap(&format!(
        "it did not finish within {} s of wall time: it waits for something that never comes \
         (a task that never ends, a consumer waiting on an empty queue, a request with no \
         timeout). In asyncio terms, an await with no end: bound it with a timeout \
         (tokio::time::timeout, asyncio.wait_for) or stop what runs forever \
         (JoinHandle::abort, like Task.cancel).",
        seconds(limit.as_secs_f64())
    ));
    format!("{why}\n{progress}")
}

/// Where and why the program panicked, from its stderr; empty if it did not.
pub(crate) fn panicked(stderr: &str) -> String {
    let mut lines = stderr.lines();
    let Some(at) = lines.find_map(|l| l.split_once(" panicked at ").map(|(_, at)| at)) else {
        return String::new();
    };
    let message = lines.next().unwrap_or("").trim();
    format!(
        "\nIt panicked at {} (a panic is Rust's uncaught exception): {message}",
        at.trim_end_matches(':')
    )
}
