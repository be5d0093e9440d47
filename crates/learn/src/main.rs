//! `cargo run -p learn`: the exercise track from the learner's chair. Lists the exercises,
//! prints hints, and grades an exercise each time its `src/main.rs` is saved.

mod check;

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use clap::{Parser, Subcommand};
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use check::{Grade, Status, Workspace, first_error, where_it_fails};
use learn::{Exercise, INFO_TOML, Track, timeline};

#[derive(Parser)]
#[command(
    name = "learn",
    version,
    about = "The exercise track: port asyncio lessons to tokio, one small program at a time.",
    long_about = "The exercise track: port asyncio lessons to tokio, one small program at a time.\n\n\
        Each exercise is a crate exercises/NAME whose src/main.rs you change until it prints \
        what the Python original printed (its golden transcripts, golden/NAME*.out). \
        The exercises and their order are in exercises/info.toml.",
    after_help = "Start with `cargo run -p learn -- watch`, then edit the file it names.\n\
        Without a command, `learn` lists the exercises."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// List the exercises in order, passed or pending, and say which is next (the default).
    ///
    /// An exercise is built and graded only when its code or goldens changed since its last
    /// grade (the grades are kept in <target>/learn/).
    List,
    /// Print an exercise's lesson and a hint for it.
    Hint {
        /// The exercise, e.g. ex_chores (`learn list` shows them all).
        name: String,
    },
    /// Grade an exercise now and again each time its src/main.rs is saved (Ctrl-C stops).
    ///
    /// Prints what differs from the golden transcript, or cargo's errors if it does not
    /// compile. When it passes, moves on to the next pending exercise.
    Watch {
        /// The exercise to start with (default: the first pending one).
        name: Option<String>,
    },
    /// For CI and maintainers: check that every exercise's starting code fails its grade and
    /// its solution example passes it.
    ///
    /// Builds every exercise as it is in the working tree and every solution example, then
    /// grades both against the exercise's goldens. Exits with 1 if any exercise's starting
    /// code passes or does not compile, or its solution fails, or it has no folder or golden.
    Verify,
    /// Draw an example's or exercise's tasks over virtual time, from a paused-clock run.
    ///
    /// One lane per task (the main task included): when it runs, waits and blocks the
    /// thread, and the lines it prints, placed where they happen. Builds the program with
    /// tokio's task hooks (`--cfg tokio_unstable`) in target/timeline, then runs it with its
    /// golden's arguments (golden/NAME.out). Point it at your exercise attempt to see why it
    /// takes the time it takes.
    Timeline {
        /// The example or exercise, e.g. async_chores or ex_chores.
        name: String,
        /// Write the chart as SVG to this file instead of printing it as text.
        #[arg(long, value_name = "FILE")]
        svg: Option<std::path::PathBuf>,
        /// Arguments for the program instead of its golden's (after `--`).
        #[arg(last = true)]
        args: Vec<String>,
    },
}

/// Why the command stopped early: one line for stderr, and the exit code.
struct Stop {
    code: u8,
    message: String,
}

/// Bad input from the command line: exit code 2.
fn usage(message: String) -> Stop {
    Stop { code: 2, message }
}

/// Something that should have worked did not: exit code 1.
fn failure(message: impl ToString) -> Stop {
    Stop {
        code: 1,
        message: message.to_string(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command.unwrap_or(Command::List)) {
        Ok(code) => code,
        Err(stop) => {
            eprintln!("error: {}", stop.message);
            ExitCode::from(stop.code)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Stop> {
    let root = learn::workspace_root().map_err(failure)?;
    let track = Track::load(&root).map_err(failure)?;
    let workspace = || Workspace::new(root.clone()).map_err(failure);
    match command {
        Command::Hint { name } => hint(find(&track, &name)?),
        Command::List => list(&workspace()?, &track),
        Command::Watch { name } => {
            let first = name.map(|name| find(&track, &name)).transpose()?;
            let mut workspace = workspace()?;
            workspace.color = std::io::stderr().is_terminal();
            let first = match first {
                Some(exercise) => exercise,
                None => match next_pending(&workspace, &track, None)? {
                    Some(exercise) => exercise,
                    None => return Ok(all_pass()),
                },
            };
            watch(&workspace, &track, first)
        }
        Command::Verify => verify(&workspace()?, &track),
        Command::Timeline { name, svg, args } => {
            let args = (!args.is_empty()).then_some(args);
            let chart = timeline::record(&root, &name, args).map_err(failure)?;
            match svg {
                Some(path) => std::fs::write(&path, timeline::svg(&name, &chart))
                    .map_err(|e| failure(format!("cannot write {}: {e}", path.display())))?,
                None => print!("{}", timeline::text(&name, &chart)),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The exercise called `name`, or a usage error that lists the valid names.
fn find<'a>(track: &'a Track, name: &str) -> Result<&'a Exercise, Stop> {
    track.get(name).ok_or_else(|| {
        usage(format!(
            "no exercise `{name}`; the exercises are: {}",
            track.names().join(", ")
        ))
    })
}

fn hint(exercise: &Exercise) -> Result<ExitCode, Stop> {
    println!("{}: {}", exercise.name, exercise.title);
    println!();
    println!("{}", exercise.hint.trim_end());
    println!();
    println!(
        "Edit exercises/{0}/src/main.rs; `cargo run -p learn -- watch {0}` grades each save.",
        exercise.name
    );
    Ok(ExitCode::SUCCESS)
}

fn list(workspace: &Workspace, track: &Track) -> Result<ExitCode, Stop> {
    let statuses = workspace.statuses(track).map_err(failure)?;
    let width = track.exercises.iter().map(|e| e.name.len()).max();
    let width = width.unwrap_or(0);
    println!("The exercises, in order ({INFO_TOML}):");
    for (number, (exercise, status)) in track.exercises.iter().zip(&statuses).enumerate() {
        let (word, text) = match status {
            Status::Passed => ("passed", exercise.title.clone()),
            Status::Pending => ("pending", exercise.title.clone()),
            Status::DoesNotCompile => ("pending", format!("{} (does not compile)", exercise.title)),
            Status::Error(problem) => ("error", problem.clone()),
        };
        println!(
            "{:>3}  {:width$}  {word:7}  {text}",
            number + 1,
            exercise.name
        );
    }
    println!();
    let pending = |status: &&Status| matches!(status, Status::Pending | Status::DoesNotCompile);
    match statuses.iter().position(|status| pending(&status)) {
        Some(index) => {
            let next = &track.exercises[index];
            println!("Next: {} ({}).", next.name, next.title);
            println!(
                "`cargo run -p learn -- watch` grades it each time you save exercises/{}/src/main.rs; \
                 `cargo run -p learn -- hint {}` gives a hint.",
                next.name, next.name
            );
        }
        None if statuses.iter().all(|s| matches!(s, Status::Passed)) => {
            all_pass();
        }
        None if statuses.iter().any(|s| matches!(s, Status::Passed)) => {
            println!("Every exercise that can be graded passes.");
        }
        None => {}
    }
    let errors = statuses
        .iter()
        .filter(|s| matches!(s, Status::Error(_)))
        .count();
    if errors > 0 {
        return Err(failure(format!(
            "{errors} of {} exercises cannot be graded (marked error above)",
            track.exercises.len()
        )));
    }
    Ok(ExitCode::SUCCESS)
}

fn all_pass() -> ExitCode {
    println!("Every exercise passes. Well done!");
    ExitCode::SUCCESS
}

/// The first pending exercise after `after` (or from the start), else the first pending one;
/// `None` when every exercise passes.
fn next_pending<'a>(
    workspace: &Workspace,
    track: &'a Track,
    after: Option<&Exercise>,
) -> Result<Option<&'a Exercise>, Stop> {
    let statuses = workspace.statuses(track).map_err(failure)?;
    let start = after
        .and_then(|after| track.exercises.iter().position(|e| e.name == after.name))
        .map_or(0, |index| index + 1);
    let pending: Vec<usize> = statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s, Status::Pending | Status::DoesNotCompile))
        .map(|(index, _)| index)
        .collect();
    let index = pending.iter().find(|&&i| i >= start).or(pending.first());
    if index.is_none() && statuses.iter().any(|s| matches!(s, Status::Error(_))) {
        return Err(failure(
            "no pending exercise can be graded (`cargo run -p learn -- list` says why)",
        ));
    }
    Ok(index.map(|&i| &track.exercises[i]))
}

fn watch(workspace: &Workspace, track: &Track, first: &Exercise) -> Result<ExitCode, Stop> {
    let (sender, saves) = channel();
    let mut watcher =
        notify::recommended_watcher(sender).map_err(|e| failure(format!("cannot watch: {e}")))?;
    let mut exercise = first;
    let mut watched: Option<std::path::PathBuf> = None;
    loop {
        let main_rs = exercise.main_rs(&workspace.root);
        // Watch the folder, not the file: editors often save by replacing the file.
        let src = exercise.dir(&workspace.root).join("src");
        if watched.as_ref() != Some(&src) {
            if let Some(old) = watched.take() {
                let _ = watcher.unwatch(&old);
            }
            watcher
                .watch(&src, RecursiveMode::NonRecursive)
                .map_err(|e| failure(format!("cannot watch {}: {e}", src.display())))?;
            watched = Some(src);
        }
        println!("Grading {} ({})…", exercise.name, exercise.title);
        match workspace.grade_now(exercise).map_err(failure)? {
            Grade::Passed => {
                println!(
                    "{} passes: it prints what the Python original printed.",
                    exercise.name
                );
                match next_pending(workspace, track, Some(exercise))? {
                    Some(next) => {
                        println!("Next: {} ({}).\n", next.name, next.title);
                        exercise = next;
                        continue;
                    }
                    None => return Ok(all_pass()),
                }
            }
            Grade::Differs(text) => {
                println!("{}", text.trim_end());
                println!(
                    "\n{} does not pass yet. A hint: `cargo run -p learn -- hint {}`.",
                    exercise.name, exercise.name
                );
            }
            Grade::DoesNotCompile(errors) => {
                eprint!("{errors}");
                println!("{} does not compile (cargo's errors above).", exercise.name);
            }
        }
        println!(
            "Watching {}: each save grades it again. Ctrl-C stops.",
            main_rs
                .strip_prefix(&workspace.root)
                .unwrap_or(&main_rs)
                .display()
        );
        wait_for_save(&saves)?;
        println!();
    }
}

/// Waits until `main.rs` in the watched folder is written, then lets the burst of events of
/// one save settle.
fn wait_for_save(saves: &Receiver<notify::Result<Event>>) -> Result<(), Stop> {
    let stopped = || failure("the file watcher stopped");
    while !is_save(&saves.recv().map_err(|_| stopped())?) {}
    while saves.recv_timeout(Duration::from_millis(200)).is_ok() {}
    Ok(())
}

fn is_save(event: &notify::Result<Event>) -> bool {
    let Ok(event) = event else { return false };
    let written = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Modify(_)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    );
    written
        && event
            .paths
            .iter()
            .any(|path| path.file_name() == Some("main.rs".as_ref()))
}

fn verify(workspace: &Workspace, track: &Track) -> Result<ExitCode, Stop> {
    // What keeps an exercise from being checked at all: no folder, no golden.
    let problems: Vec<Option<String>> = track
        .exercises
        .iter()
        .map(|exercise| {
            let missing = exercise.missing(&workspace.root);
            if !missing.is_empty() {
                return Some(missing.join("; "));
            }
            workspace.goldens(&exercise.name).err()
        })
        .collect();
    let mut packages: Vec<&str> = Vec::new();
    for (exercise, problem) in track.exercises.iter().zip(&problems) {
        if problem.is_none() {
            packages.extend([exercise.name.as_str(), exercise.solution.as_str()]);
        }
    }
    packages.sort_unstable();
    packages.dedup();
    if !packages.is_empty() {
        eprintln!("Building {} exercises and solutions…", packages.len());
    }
    let failed = workspace.build(&packages).map_err(failure)?;
    let width = track.exercises.iter().map(|e| e.name.len()).max();
    let width = width.unwrap_or(0);
    // Each grade is a few processes, mostly asleep in real time: check them side by side.
    let verdicts: Vec<(Result<String, String>, Option<String>)> = std::thread::scope(|scope| {
        let checks: Vec<_> = track
            .exercises
            .iter()
            .zip(problems)
            .map(|(exercise, problem)| {
                let failed = &failed;
                scope.spawn(move || match problem {
                    Some(problem) => (Err(problem), None),
                    None => verify_one(workspace, exercise, failed),
                })
            })
            .collect();
        checks
            .into_iter()
            .map(|check| {
                check
                    .join()
                    .unwrap_or_else(|_| (Err("the check panicked".to_owned()), None))
            })
            .collect()
    });
    let mut details = Vec::new();
    let mut bad = 0;
    for (exercise, (verdict, detail)) in track.exercises.iter().zip(verdicts) {
        let name = &exercise.name;
        details.extend(detail);
        match verdict {
            Ok(line) => println!("ok    {name:width$}  {line}"),
            Err(line) => {
                bad += 1;
                println!("FAIL  {name:width$}  {line}");
            }
        }
    }
    for detail in details {
        println!("\n{}", detail.trim_end());
    }
    let total = track.exercises.len();
    if bad > 0 {
        return Err(failure(format!(
            "{bad} of {total} exercises fail verification"
        )));
    }
    println!("\nAll {total} exercises: the starting code fails, the solution passes.");
    Ok(ExitCode::SUCCESS)
}

/// One exercise's verification: its starting code (as in the working tree) must fail its
/// grade, and its solution example must pass it. The verdict line, and the solution's
/// disagreement in full where it fails.
fn verify_one(
    workspace: &Workspace,
    exercise: &learn::Exercise,
    failed: &std::collections::BTreeMap<String, String>,
) -> (Result<String, String>, Option<String>) {
    let (name, solution) = (&exercise.name, &exercise.solution);
    let starting = match failed.get(name) {
        Some(errors) => Err(format!(
            "starting code does not compile: {}",
            first_error(errors)
        )),
        None => match workspace.grade(name, &workspace.binary(name)) {
            Ok(()) => Err("starting code passes: it must fail".to_owned()),
            Err(text) => Ok(format!("starting code fails {}", where_it_fails(&text))),
        },
    };
    let mut detail = None;
    let solved = match failed.get(solution) {
        Some(errors) => Err(format!(
            "solution {solution} does not compile: {}",
            first_error(errors)
        )),
        None => match workspace.grade(name, &workspace.binary(solution)) {
            Ok(()) => Ok(format!("solution {solution} passes")),
            Err(text) => {
                let verdict = format!("solution {solution} fails {}", where_it_fails(&text));
                detail = Some(format!("{name}, solution {solution}:{text}"));
                Err(verdict)
            }
        },
    };
    let verdict = match (starting, solved) {
        (Ok(a), Ok(b)) => Ok(format!("{a}; {b}")),
        (a, b) => Err(format!(
            "{}; {}",
            a.unwrap_or_else(|e| e),
            b.unwrap_or_else(|e| e)
        )),
    };
    (verdict, detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::path::Path;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_save_is_a_write_to_main_rs() {
        use notify::event::{CreateKind, DataChange, ModifyKind};
        let event = |kind, path: &str| Ok(Event::new(kind).add_path(Path::new(path).to_owned()));
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(is_save(&event(write, "/x/src/main.rs")));
        assert!(is_save(&event(
            EventKind::Create(CreateKind::File),
            "/x/src/main.rs"
        )));
        assert!(!is_save(&event(write, "/x/src/.main.rs.swp")));
        assert!(!is_save(&event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "/x/src/main.rs"
        )));
    }
}
