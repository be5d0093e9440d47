//! `learn timeline NAME`: the tasks of an example or exercise over virtual time, from a
//! paused-clock run recorded by vclock (crates/vclock/src/timeline.rs): one lane per task,
//! when it runs, waits and blocks the thread, and where its printed lines fall. As text for
//! the terminal, or as SVG for the book.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one lane did, in nanoseconds of virtual time.
#[derive(Debug, Default)]
pub struct Lane {
    /// `main`, `task 3`, `thread-1`.
    pub name: String,
    /// Where the task was spawned (`main.rs:54`), for tasks.
    pub spawned_at: Option<String>,
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
                lane.spawned_at = rest.rsplit('/').next().map(str::to_owned);
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
        Some(at) => format!("{} ({at})", lane.name),
        None => lane.name.clone(),
    }
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
    let _ = writeln!(out);
    let _ = writeln!(out, "printed:");
    for line in &timeline.printed {
        let lane = &timeline.lanes[line.lane].name;
        let _ = writeln!(out, "{:>7.2}  {lane:<9} {}", secs(line.at), line.text);
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
    let height = TOP + ROW * timeline.lanes.len() as f64 + 30.0;
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
    let _ = writeln!(
        out,
        r#"<text x="8" y="{:.1}">red: blocks the thread · blue tick: runs · grey: waits · green dot: a printed line</text>"#,
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
    let golden_path = root.join("golden").join(format!("{name}.out"));
    let golden = golden::Golden::load(&golden_path)?;
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
    parse(&record, &printed)
}
