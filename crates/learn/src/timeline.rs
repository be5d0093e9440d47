//! `learn timeline NAME`: the tasks of an example or exercise over virtual time, from a
//! paused-clock run recorded by vclock (crates/vclock/src/timeline.rs): one lane per task,
//! named by what was spawned (read from the source line the record gives), when it runs,
//! waits and blocks the thread, and where its printed lines fall. As text for the terminal,
//! or as SVG for the book.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one lane did, in nanoseconds of virtual time.
#[derive(Debug, Default)]
pub struct Lane {
    /// `main`, `thread 1`, a task's: what was spawned (`dishwasher(3)`, see [`name_lanes`]),
    /// else `task 3`.
    pub name: String,
    /// Where the task was spawned (`main.rs:54`), for tasks.
    pub spawned_at: Option<String>,
    /// Where, in full, as the record gives it (`examples/x/src/main.rs:54`).
    pub spawned_in: Option<String>,
    /// Whether `name` says what was spawned, read from the source.
    pub named: bool,
    pub born: u64,
    pub died: Option<u64>,
    /// Polls: start and end (equal for a poll that takes no virtual time).
    pub runs: Vec<(u64, u64)>,
    /// Blocking sleeps on the lane's thread: start and end.
    pub blocks: Vec<(u64, u64)>,
}

/// A line the program printed: when, by which lane (an index into `lanes`), and its text.
#[derive(Debug)]
pub struct Printed {
    pub at: u64,
    pub lane: usize,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Timeline {
    pub lanes: Vec<Lane>,
    pub printed: Vec<Printed>,
    /// What the Python original printed, and when (its golden's `{{at}}` instants), on the
    /// same clock.
    pub original: Vec<(u64, golden::Pattern)>,
    pub end: u64,
}

/// Builds the timeline from vclock's record and the program's stdout.
pub fn parse(record: &str, stdout: &str) -> Result<Timeline, String> {
    let mut timeline = Timeline::default();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut open_run: BTreeMap<usize, u64> = BTreeMap::new();
    let mut open_block: BTreeMap<usize, u64> = BTreeMap::new();
    // (stdout offset, time, lane) at each event that has one, in order.
    let mut samples: Vec<(i64, u64, usize)> = Vec::new();
    for (number, line) in record.lines().enumerate() {
        let bad = || format!("line {} of the record: {line:?}", number + 1);
        let mut fields = line.splitn(4, ' ');
        let (Some(kind), Some(lane), Some(nanos)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(bad());
        };
        let at: u64 = nanos.parse().map_err(|_| bad())?;
        let rest = fields.next().unwrap_or_default().trim();
        let i = *index.entry(lane.to_owned()).or_insert_with(|| {
            let name = match lane {
                "main" => "main".to_owned(),
                l if l.starts_with("thread-") => l.replace('-', " "),
                l => format!("task {l}"),
            };
            timeline.lanes.push(Lane {
                name,
                born: at,
                ..Lane::default()
            });
            timeline.lanes.len() - 1
        });
        timeline.end = timeline.end.max(at);
        let lane = &mut timeline.lanes[i];
        match kind {
            "spawn" => {
                lane.born = at;
                lane.spawned_at = rest.rsplit(['/', '\\']).next().map(str::to_owned);
                lane.spawned_in = Some(rest.to_owned());
            }
            "end" => lane.died = Some(at),
            "run" => {
                open_run.insert(i, at);
            }
            "wait" => {
                let start = open_run.remove(&i).unwrap_or(at);
                lane.runs.push((start, at));
            }
            "block" => {
                open_block.insert(i, at);
            }
            "unblock" => {
                let start = open_block.remove(&i).unwrap_or(at);
                lane.blocks.push((start, at));
            }
            _ => return Err(bad()),
        }
        if matches!(kind, "run" | "wait" | "block" | "unblock") {
            let offset: i64 = rest.parse().map_err(|_| bad())?;
            samples.push((offset, at, i));
        }
    }
    if timeline.lanes.is_empty() {
        return Err("the record is empty: was the program built with vclock's main?".into());
    }
    // A line belongs to the last event at or before its first byte.
    let mut start = 0_i64;
    for text in stdout.split_inclusive('\n') {
        let sample = samples
            .iter()
            .rev()
            .find(|(offset, _, _)| *offset >= 0 && *offset <= start);
        let (at, lane) = sample.map_or((0, 0), |&(_, at, lane)| (at, lane));
        timeline.printed.push(Printed {
            at,
            lane,
            text: text.trim_end_matches('\n').to_owned(),
        });
        start += text.len() as i64;
    }
    Ok(timeline)
}

/// Seconds, as the chart prints them.
fn secs(nanos: u64) -> f64 {
    nanos as f64 / 1e9
}

/// The column width: the smallest of a few round steps that fits the run in 60 columns.
fn step(end: u64) -> u64 {
    const STEPS_MS: [u64; 9] = [50, 100, 250, 500, 1000, 2000, 5000, 10_000, 60_000];
    let ms = STEPS_MS
        .into_iter()
        .find(|ms| end.div_ceil(ms * 1_000_000) <= 60)
        .unwrap_or(60_000);
    ms * 1_000_000
}

fn label(lane: &Lane) -> String {
    match &lane.spawned_at {
        Some(at) if !lane.named => format!("{} ({at})", lane.name),
        _ => lane.name.clone(),
    }
}

/// The longest name a lane gets from its spawn call; a longer one is cut with `…`.
const NAME_WIDTH: usize = 40;

/// Names each task lane by what was spawned, read from the source line of its spawn
/// (`tokio::spawn(dishwasher(3))` gives `dishwasher(3)`), with ` (2)`, ` (3)`... when a name
/// repeats. `source(file)` reads a file the record names (its path as the compiler saw it);
/// a lane whose source cannot be read, or whose line holds no spawn call, keeps its name
/// (`task 3`, shown with its place).
pub fn name_lanes(timeline: &mut Timeline, source: &dyn Fn(&str) -> Option<String>) {
    let mut files: BTreeMap<String, Option<String>> = BTreeMap::new();
    // How many lanes were spawned at each place so far: the nth takes the nth call there.
    let mut at_place: BTreeMap<String, usize> = BTreeMap::new();
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    for lane in &mut timeline.lanes {
        let Some(place) = lane.spawned_in.clone() else {
            continue;
        };
        let Some((file, line)) = place
            .rsplit_once(':')
            .and_then(|(file, line)| Some((file, line.parse::<usize>().ok()?)))
        else {
            continue;
        };
        let text = files
            .entry(file.to_owned())
            .or_insert_with(|| source(file))
            .as_deref();
        let nth = at_place.entry(place.clone()).or_default();
        let short = lane.spawned_at.clone().unwrap_or_else(|| place.clone());
        let name = text.and_then(|text| spawned_name(text, line, *nth, &short));
        *nth += 1;
        let Some(name) = name else { continue };
        let count = taken.entry(name.clone()).or_default();
        *count += 1;
        lane.name = match *count {
            1 => name,
            n => format!("{name} ({n})"),
        };
        lane.named = true;
    }
}

/// What the `nth` spawn call (counting from 0, round again past the last) that begins on
/// `line` (1-based) of `source` spawns, as a lane's name: the spawned expression on one line
/// (`dishwasher(3)`); for an async block or a closure, the one call it makes
/// (`async move { fetch(url).await }` gives `fetch(url)`), else where it is
/// (`async block at main.rs:54`, `spawn_blocking closure at main.rs:54`). `place` is the
/// short place for those names.
pub fn spawned_name(source: &str, line: usize, nth: usize, place: &str) -> Option<String> {
    let start: usize = source
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let line_text = source.get(start..)?.split('\n').next()?;
    let code_end = start + code_len(line_text);
    let mut calls = Vec::new();
    let mut from = start;
    while let Some(found) = source.get(from..code_end)?.find("spawn") {
        let at = from + found;
        from = at + "spawn".len();
        let before = source[..at].chars().next_back();
        if before.is_some_and(is_ident) {
            continue;
        }
        let ident_len = source[at..].find(|c: char| !is_ident(c)).unwrap_or(0);
        let ident = &source[at..at + ident_len];
        if let Some(argument) = call_argument(&source[at + ident_len..]) {
            calls.push((ident, argument));
        }
    }
    if calls.is_empty() {
        return None;
    }
    let (function, argument) = &calls[nth % calls.len()];
    let argument = one_line(argument);
    let name = if let Some(body) = async_block_body(&argument) {
        match single_call(body.strip_suffix(".await").unwrap_or("")) {
            Some(call) => call.to_owned(),
            None => format!("async block at {place}"),
        }
    } else if let Some(body) = closure_body(&argument) {
        match single_call(body) {
            Some(call) => call.to_owned(),
            None if *function == "spawn" => format!("closure at {place}"),
            None => format!("{function} closure at {place}"),
        }
    } else if *function == "spawn_blocking" {
        format!("spawn_blocking({argument})")
    } else {
        argument
    };
    if name.is_empty() {
        return None;
    }
    Some(cut(&name, NAME_WIDTH))
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `text` cut to `width` characters, with `…` if longer.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width - 1).collect();
    cut.push('…');
    cut
}

/// The length of a line's code, before a `//` comment (not one inside a string).
fn code_len(line: &str) -> usize {
    let mut in_string = false;
    let mut escaped = false;
    let mut previous = ' ';
    for (index, c) in line.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '/' && previous == '/' {
            return index - 1;
        }
        previous = c;
    }
    line.len()
}

/// After a function's name: the text between the parentheses of its call (`::<T>` allowed
/// before them), if it is a call.
fn call_argument(after_name: &str) -> Option<&str> {
    let mut rest = after_name.trim_start();
    if let Some(turbofish) = rest.strip_prefix("::<") {
        let mut depth = 1;
        let end = turbofish.char_indices().find_map(|(i, c)| {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(i)
        })?;
        rest = turbofish[end + 1..].trim_start();
    }
    let inside = rest.strip_prefix('(')?;
    let end = closing(inside, ')')?;
    Some(&inside[..end])
}

/// Where the bracket opened just before `text` closes: the index of its `close` in `text`.
/// Strings and character literals are skipped; other brackets nest.
fn closing(text: &str, close: char) -> Option<usize> {
    let mut depth = 0_usize;
    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => break,
                        _ => {}
                    }
                }
            }
            // A character literal ('(' or '\''), not a lifetime ('a).
            '\'' => {
                let rest = &text[index + 1..];
                let literal = if rest.starts_with('\\') {
                    rest.get(1..).and_then(|r| r.find('\'')).map(|i| i + 2)
                } else {
                    rest.chars()
                        .next()
                        .filter(|_| rest.chars().nth(1) == Some('\''))
                        .map(|c| c.len_utf8() + 1)
                };
                if let Some(length) = literal {
                    for _ in 0..length {
                        chars.next();
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return (c == close).then_some(index),
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Source text on one line: blanks collapsed, none just inside brackets, no trailing comma.
fn one_line(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(",)", ")")
        .trim_end_matches(',')
        .trim()
        .to_owned()
}

/// The inside of `async { ... }` / `async move { ... }`, trimmed, without a last `;`.
fn async_block_body(expression: &str) -> Option<&str> {
    let rest = expression.strip_prefix("async")?.trim_start();
    let rest = rest.strip_prefix("move").unwrap_or(rest).trim_start();
    block_inside(rest)
}

/// The body of a closure `|...| body` / `move || { ... }`, trimmed, without a last `;`.
fn closure_body(expression: &str) -> Option<&str> {
    let rest = expression
        .strip_prefix("move")
        .unwrap_or(expression)
        .trim_start();
    let rest = match rest.strip_prefix("||") {
        Some(rest) => rest,
        None => {
            let params = rest.strip_prefix('|')?;
            &params[params.find('|')? + 1..]
        }
    }
    .trim_start();
    Some(block_inside(rest).unwrap_or(rest.trim()))
}

/// The inside of a block that is the whole of `text`, trimmed, without a last `;`.
fn block_inside(text: &str) -> Option<&str> {
    let inside = text.strip_prefix('{')?;
    let end = closing(inside, '}')?;
    if !inside[end + 1..].trim().is_empty() {
        return None;
    }
    let body = inside[..end].trim();
    Some(body.strip_suffix(';').unwrap_or(body).trim_end())
}

/// `text` if it is a single call (`path::f(args)`, `obj.method(args)`): no statement, no
/// block, ends with its closing parenthesis.
fn single_call(text: &str) -> Option<&str> {
    let text = text.trim();
    let open = text.find('(')?;
    let head = &text[..open];
    let is_path = !head.is_empty()
        && head
            .chars()
            .all(|c| is_ident(c) || matches!(c, ':' | '.' | '<' | '>'));
    (is_path && closing(&text[open + 1..], ')')? + open + 2 == text.len()).then_some(text)
}

/// The text chart: a row per lane, a column per step of virtual time. `#` the lane blocks
/// the thread, `|` it runs (takes a turn at that instant), `-` it waits, blank: not alive.
pub fn text(name: &str, timeline: &Timeline) -> String {
    let step = step(timeline.end);
    let columns = timeline.end.div_ceil(step).max(1) as usize;
    let width = timeline
        .lanes
        .iter()
        .map(|l| label(l).len())
        .max()
        .unwrap_or(4);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{name} on the paused clock: {:.2} s of virtual time, one column = {} s",
        secs(timeline.end),
        secs(step)
    );
    let _ = writeln!(
        out,
        "(# blocks the thread, | runs, - waits; times in seconds)"
    );
    let mut axis = vec![' '; columns + 1];
    let mut ticks = String::new();
    for c in (0..=columns).step_by(10) {
        axis[c] = '+';
        let _ = write!(ticks, "{:<10}", format!("{:.1}", secs(c as u64 * step)));
    }
    let _ = writeln!(out, "{:width$}  {}", "", ticks.trim_end());
    let _ = writeln!(
        out,
        "{:width$}  {}",
        "",
        axis.iter().collect::<String>().trim_end()
    );
    for lane in &timeline.lanes {
        let row: String = (0..columns)
            .map(|c| cell(lane, c as u64 * step, (c as u64 + 1) * step, timeline.end))
            .collect();
        let _ = writeln!(out, "{:width$}  {}", label(lane), row.trim_end());
    }
    if !timeline.original.is_empty() {
        let row: String = (0..columns)
            .map(|c| {
                let (from, to) = (c as u64 * step, (c as u64 + 1) * step);
                let printed = timeline
                    .original
                    .iter()
                    .any(|(at, _)| *at >= from && (*at < to || (*at == to && to >= timeline.end)));
                if printed { 'o' } else { ' ' }
            })
            .collect();
        let _ = writeln!(out, "{:width$}  {}", "original", row.trim_end());
        let _ = writeln!(
            out,
            "{:width$}  (o: the Python original printed a line)",
            ""
        );
    }
    let _ = writeln!(out);
    let lane_width = timeline
        .printed
        .iter()
        .map(|line| timeline.lanes[line.lane].name.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    let heading = if timeline.original.is_empty() {
        "printed:"
    } else {
        "printed, by the program and by the original, in order:"
    };
    let _ = writeln!(out, "{heading}");
    let rows = timeline.printed.len().max(timeline.original.len());
    for i in 0..rows {
        let program = match timeline.printed.get(i) {
            Some(line) => format!(
                "{:>7.2}  {:<lane_width$} {}",
                secs(line.at),
                timeline.lanes[line.lane].name,
                line.text
            ),
            None => format!("{:>7}  {:<lane_width$} (nothing)", "", ""),
        };
        let _ = match timeline.original.get(i) {
            Some((at, pattern)) => {
                let same = |line: &Printed| {
                    pattern.compare(&line.text) == golden::LineMatch::Same
                        && line.at.abs_diff(*at) <= 50_000_000
                };
                let mark = match timeline.printed.get(i) {
                    Some(line) if same(line) => ' ',
                    _ => '*',
                };
                writeln!(
                    out,
                    "{program}\n {mark}{:>5.2}  original{:pad$} {}",
                    secs(*at),
                    "",
                    pattern.render(),
                    pad = lane_width - 8
                )
            }
            None => writeln!(out, "{program}"),
        };
    }
    if !timeline.original.is_empty() {
        let _ = writeln!(
            out,
            "(* where the original printed another line, or the same one more than 0.05 s \
             apart; its free parts are shown as samples)"
        );
    }
    out
}

/// The character of `lane` in the column [from, to).
fn cell(lane: &Lane, from: u64, to: u64, end: u64) -> char {
    let overlaps = |&(a, b): &(u64, u64)| b > a && a < to && b > from;
    let at_instant = |&(a, _): &(u64, u64)| a >= from && (a < to || (a == end && to >= end));
    if lane.blocks.iter().any(overlaps) || lane.runs.iter().any(overlaps) {
        '#'
    } else if lane.runs.iter().any(at_instant) {
        '|'
    } else if lane.born < to && lane.died.is_none_or(|d| d > from) && from < end {
        '-'
    } else {
        ' '
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG chart: a lane (`<g class="lane" data-task="...">`) per task, bars where it
/// blocks the thread, ticks where it runs, a thin line while it waits, and a dot for each
/// printed line (its text as the dot's tooltip).
pub fn svg(name: &str, timeline: &Timeline) -> String {
    const LEFT: f64 = 190.0;
    const WIDTH: f64 = 600.0;
    const ROW: f64 = 34.0;
    const TOP: f64 = 40.0;
    let end = timeline.end.max(1);
    let x = |nanos: u64| LEFT + WIDTH * nanos as f64 / end as f64;
    let rows = timeline.lanes.len() + usize::from(!timeline.original.is_empty());
    let height = TOP + ROW * rows as f64 + 30.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {w} {height}" width="100%" style="max-width:{w}px" role="img" aria-label="{label}">"#,
        w = LEFT + WIDTH + 20.0,
        label = escape(&format!("Timeline of {name}: its tasks over virtual time")),
    );
    let _ = writeln!(
        out,
        r#"<style>svg.timeline text{{font:12px sans-serif}} svg.timeline .wait{{stroke:#999;stroke-width:2}} svg.timeline .block{{fill:#c0392b}} svg.timeline .run{{stroke:#2471a3;stroke-width:3}} svg.timeline .printed{{fill:#1e8449}}</style>"#
    );
    let step = step(end).max(end / 10);
    let mut t = 0;
    while t <= end {
        let _ = writeln!(
            out,
            r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{bottom}" stroke="#eee"/><text x="{x:.1}" y="{label}" text-anchor="middle">{s} s</text>"##,
            x = x(t),
            top = TOP - 8.0,
            bottom = height - 24.0,
            label = TOP - 14.0,
            s = secs(t),
        );
        t += step;
    }
    for (i, lane) in timeline.lanes.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        let _ = writeln!(
            out,
            r#"<g class="lane" data-task="{}">"#,
            escape(&lane.name)
        );
        let _ = writeln!(
            out,
            r#"<text x="8" y="{:.1}">{}</text>"#,
            y + 4.0,
            escape(&label(lane))
        );
        let died = lane.died.unwrap_or(end);
        let _ = writeln!(
            out,
            r#"<line class="wait" x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}"/>"#,
            x(lane.born),
            x(died)
        );
        for &(a, b) in lane
            .blocks
            .iter()
            .chain(lane.runs.iter().filter(|(a, b)| b > a))
        {
            let _ = writeln!(
                out,
                r#"<rect class="block" x="{:.1}" y="{:.1}" width="{:.1}" height="12"><title>{} blocks the thread, {:.2} to {:.2} s</title></rect>"#,
                x(a),
                y - 6.0,
                (x(b) - x(a)).max(1.0),
                escape(&lane.name),
                secs(a),
                secs(b)
            );
        }
        for &(a, _) in lane.runs.iter().filter(|(a, b)| b == a) {
            let _ = writeln!(
                out,
                r#"<line class="run" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}"><title>{} runs at {:.2} s</title></line>"#,
                y - 9.0,
                y + 9.0,
                escape(&lane.name),
                secs(a),
                x = x(a),
            );
        }
        for line in timeline.printed.iter().filter(|p| p.lane == i) {
            let _ = writeln!(
                out,
                r#"<circle class="printed" cx="{:.1}" cy="{:.1}" r="3"><title>{:.2} s: {}</title></circle>"#,
                x(line.at),
                y + 11.0,
                secs(line.at),
                escape(&line.text)
            );
        }
        let _ = writeln!(out, "</g>");
    }
    if !timeline.original.is_empty() {
        let y = TOP + ROW * timeline.lanes.len() as f64 + ROW / 2.0;
        let _ = writeln!(out, r#"<g class="original">"#);
        let _ = writeln!(
            out,
            r#"<text x="8" y="{:.1}">the Python original</text>"#,
            y + 4.0
        );
        for (at, pattern) in &timeline.original {
            let _ = writeln!(
                out,
                r##"<circle class="original-printed" cx="{:.1}" cy="{y:.1}" r="3" fill="none" stroke="#7d3c98"><title>the original, {:.2} s: {}</title></circle>"##,
                x(*at),
                secs(*at),
                escape(&pattern.render())
            );
        }
        let _ = writeln!(out, "</g>");
    }
    let _ = writeln!(
        out,
        r#"<text x="8" y="{:.1}">red: blocks the thread · blue tick: runs · grey: waits · green dot: a printed line · purple ring: the original's</text>"#,
        height - 8.0
    );
    out.push_str("</svg>\n");
    out
}

/// Builds `name` with tokio's task hooks, runs it on the paused clock with its golden's
/// arguments (or `args`), and returns its timeline.
pub fn record(root: &Path, name: &str, args: Option<Vec<String>>) -> Result<Timeline, String> {
    let is_package = |dir: &str| root.join(dir).join(name).join("Cargo.toml").is_file();
    if !is_package("examples") && !is_package("exercises") {
        return Err(format!("no example or exercise is called {name}"));
    }
    let golden_dir = root.join("golden");
    let golden_path = golden_dir.join(format!("{name}.out"));
    // An exercise is graded by its solution's goldens: its timeline runs the first of them.
    let golden = if golden_path.is_file() {
        golden::Golden::load(&golden_path)?
    } else {
        let solution = crate::Track::load(root)
            .ok()
            .and_then(|track| Some(track.get(name)?.solution.clone()))
            .ok_or_else(|| format!("no golden for {name}"))?;
        golden::Golden::load(&golden_dir.join(format!("{solution}.out")))?
    };
    if golden.clock == golden::Clock::Real {
        return Err(format!(
            "{name} runs on the real clock (it talks to a server over sockets, which the \
             paused clock cannot stand for), so it has no virtual-time timeline"
        ));
    }
    let target = root.join("target").join("timeline");
    if !target.join("debug").join(name).exists() {
        eprintln!(
            "building {name} with tokio's task hooks (--cfg tokio_unstable) in target/timeline \
             (the first build takes a minute or two)"
        );
    }
    let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
    flags.push_str(" --cfg tokio_unstable");
    let built = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "-q", "-p", name, "--target-dir"])
        .arg(&target)
        .env("RUSTFLAGS", flags.trim())
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !built.success() {
        return Err(format!("{name} does not build (cargo's errors above)"));
    }
    let dir = golden::run::scratch_folder().map_err(|e| format!("a scratch folder: {e}"))?;
    for (file, content) in &golden.files {
        std::fs::write(dir.path().join(file), content).map_err(|e| format!("{file}: {e}"))?;
    }
    let record_path: PathBuf = dir.path().join(".timeline");
    let stdout_path = dir.path().join(".stdout");
    let stdout = std::fs::File::create(&stdout_path).map_err(|e| e.to_string())?;
    let mut child = Command::new(target.join("debug").join(name))
        .args(args.unwrap_or(golden.args))
        .current_dir(dir.path())
        .env(vclock::PAUSED_ENV, "1")
        .env(vclock::TIMELINE_ENV, &record_path)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {name}: {e}"))?;
    let started = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{name} did not end within 30 s of wall time on the paused clock: it waits for \
                 something that never comes"
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let record = std::fs::read_to_string(&record_path).unwrap_or_default();
    let printed = std::fs::read_to_string(&stdout_path).map_err(|e| e.to_string())?;
    let mut timeline = parse(&record, &printed)?;
    timeline.original = golden
        .lines
        .iter()
        .filter_map(|p| Some(((p.at()? * 1e9).round() as u64, p.clone())))
        .collect();
    let last = timeline
        .original
        .iter()
        .map(|(at, _)| *at)
        .max()
        .unwrap_or(0);
    timeline.end = timeline.end.max(last);
    // The compiler names a workspace crate's files from the workspace root.
    name_lanes(&mut timeline, &|file| {
        std::fs::read_to_string(root.join(file)).ok()
    });
    Ok(timeline)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIN_RS: &str = r#"async fn main() {
    try_join_all([
        tokio::spawn(dishwasher(3)),
        tokio::spawn(washing_machine(3)), // then tokio::spawn(dryer(3))
    ]);
    let handle = tokio::task::spawn_blocking(move || clean_potatoes(14));
    let other = tokio::task::spawn_blocking(move || {
        let n = 14;
        clean_potatoes(n)
    });
    set.spawn(fetch(url));
    let a = (tokio::spawn(one()), tokio::spawn(two()));
    tokio::spawn(async move {
        fetch(&client, "http://x/(", ')').await
    });
    tokio::spawn(async {
        step().await;
        step().await;
    });
    tokio::spawn::<_>(
        output::write_pages(
            out,
            pages,
        ),
    );
    let workers = (0..3).map(|i| tokio::spawn(worker(i, queue.clone())));
    spawner.spawn_blocking(heavy);
    println!("no spawn call here");
    tokio::spawn(a_very_long_function_name_for_a_future(with, many, arguments, here));
    tokio::spawn(fetch(urls[i], &[1, 2]));
}
"#;

    fn name(line: usize, nth: usize) -> Option<String> {
        spawned_name(MAIN_RS, line, nth, &format!("main.rs:{line}"))
    }

    #[test]
    fn a_lane_is_named_by_the_spawned_expression() {
        assert_eq!(name(3, 0).as_deref(), Some("dishwasher(3)"));
        assert_eq!(
            name(4, 0).as_deref(),
            Some("washing_machine(3)"),
            "not the comment's"
        );
        assert_eq!(name(11, 0).as_deref(), Some("fetch(url)"));
        assert_eq!(name(12, 0).as_deref(), Some("one()"));
        assert_eq!(name(12, 1).as_deref(), Some("two()"));
        assert_eq!(name(12, 2).as_deref(), Some("one()"), "round again");
        assert_eq!(
            name(20, 0).as_deref(),
            Some("output::write_pages(out, pages)"),
            "across lines, after a turbofish"
        );
        assert_eq!(name(26, 0).as_deref(), Some("worker(i, queue.clone())"));
        assert_eq!(name(27, 0).as_deref(), Some("spawn_blocking(heavy)"));
        assert_eq!(name(30, 0).as_deref(), Some("fetch(urls[i], &[1, 2])"));
        assert_eq!(name(28, 0), None);
        assert_eq!(name(1, 0), None);
        assert_eq!(name(100, 0), None);
        assert_eq!(
            name(29, 0).as_deref(),
            Some("a_very_long_function_name_for_a_future(…")
        );
    }

    #[test]
    fn a_block_or_closure_is_named_by_its_one_call_or_its_place() {
        assert_eq!(name(6, 0).as_deref(), Some("clean_potatoes(14)"));
        assert_eq!(
            name(7, 0).as_deref(),
            Some("spawn_blocking closure at main.rs:7")
        );
        assert_eq!(
            name(13, 0).as_deref(),
            Some(r#"fetch(&client, "http://x/(", ')')"#)
        );
        assert_eq!(name(16, 0).as_deref(), Some("async block at main.rs:16"));
    }

    #[test]
    fn repeated_names_are_numbered_and_unreadable_sources_keep_the_old_name() {
        let record = "run main 0 0\n\
                      spawn 1 0 src/main.rs:26\n\
                      spawn 2 0 src/main.rs:26\n\
                      spawn 3 0 src/main.rs:3\n\
                      spawn 4 0 elsewhere.rs:3\n\
                      spawn 5 0 src/main.rs:28\n";
        let mut timeline = parse(record, "").unwrap();
        name_lanes(&mut timeline, &|file| {
            (file == "src/main.rs").then(|| MAIN_RS.to_owned())
        });
        let labels: Vec<String> = timeline.lanes.iter().map(label).collect();
        assert_eq!(
            labels,
            [
                "main",
                "worker(i, queue.clone())",
                "worker(i, queue.clone()) (2)",
                "dishwasher(3)",
                "task 4 (elsewhere.rs:3)",
                "task 5 (main.rs:28)",
            ]
        );
    }
}
