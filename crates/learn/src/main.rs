//! `cargo run -p learn`: the exercise track from the learner's chair. Lists the exercises,
//! prints hints, grades an exercise each time its `src/main.rs` is saved, resets one to its
//! starting code, and (for CI) verifies the whole track.

mod check;
mod git;
mod progress;
mod state;
mod verify;
mod watch;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use check::{Status, Workspace};
use learn::{Exercise, INFO_TOML, Track, timeline};

#[derive(Parser)]
#[command(
    name = "learn",
    version,
    about = "The exercise track: port asyncio lessons to tokio, one small program at a time.",
    long_about = "The exercise track: port asyncio lessons to tokio, one small program at a time.\n\n\
        Each exercise is a crate exercises/NAME whose src/main.rs you change until it prints \
        what the Python original printed (the golden transcripts of its solution example, \
        golden/SOLUTION*.out). The exercises, their order and their solutions are in \
        exercises/info.toml.\n\n\
        Grades are kept in <target>/learn/, keyed by everything that decides them (the \
        exercise's files, its goldens, the grader's and the paused clock's sources, Cargo.lock, \
        the toolchain): what did not change is not built or graded again. While cargo builds \
        and the grader runs, progress is drawn on stderr when it is a terminal.",
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
    /// An exercise is built and graded only when something that decides its grade changed
    /// since its last grade (its code, its goldens, the grader, Cargo.lock, the toolchain);
    /// otherwise the grade kept in <target>/learn/ answers at once, without running cargo.
    List,
    /// Print an exercise's lesson and a hint for it.
    Hint {
        /// The exercise, e.g. ex_chores (`learn list` shows them all).
        name: String,
    },
    /// Grade an exercise now and again each time its src/main.rs is saved, until you quit.
    ///
    /// Prints what differs from the golden transcript, or cargo's errors if it does not
    /// compile. When it passes, moves on to the next pending exercise; when every exercise
    /// passes, says so and keeps watching. Keys, each followed by Enter: n (the next pending
    /// exercise), h (the hint), l (the list), q (quit). Ctrl-C quits too; the end of stdin
    /// does not.
    Watch {
        /// The exercise to start with (default: the first pending one).
        name: Option<String>,
    },
    /// Put an exercise's src/main.rs back to its starting code, as last committed.
    ///
    /// Reads the file from git (`HEAD`), so it needs a git checkout of the repository. Asks
    /// nothing: your version of the file is overwritten.
    Reset {
        /// The exercise, e.g. ex_chores.
        name: String,
    },
    /// For CI and maintainers: check that every exercise's starting code fails its grade and
    /// its solution example passes it.
    ///
    /// The starting code is the committed one (git's HEAD), whatever the working tree holds:
    /// an exercise you changed is copied as committed to <target>/learn/verify/ and built
    /// there, and your files are left alone. Builds every solution example, then grades both
    /// against the exercise's goldens. Exits with 1 if any exercise's starting code passes or
    /// does not compile, or its solution fails, or it has no folder or golden. An exercise
    /// marked `compiles = false` in exercises/info.toml is the other way round: its starting
    /// code must not compile, for an error in its own code.
    Verify {
        /// Verify the exercises as the working tree holds them instead (for a maintainer
        /// changing an exercise's starting code before committing it).
        #[arg(long)]
        working_tree: bool,
    },
    /// Draw an example's or exercise's tasks over virtual time, from a paused-clock run.
    ///
    /// One lane per task (the main task included), named by what was spawned
    /// (`dishwasher(3)`): when it runs, waits and blocks the thread, and the lines it prints,
    /// placed where they happen. Builds the program with tokio's task hooks (`--cfg
    /// tokio_unstable`) in target/timeline, then runs it with its golden's arguments
    /// (golden/NAME.out, or its solution's for an exercise). Point it at your exercise
    /// attempt to see why it takes the time it takes.
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
    /// For the Makefile's lint: the exercises whose starting code does not compile on purpose
    /// (`compiles = false` in exercises/info.toml), one name a line.
    #[command(hide = true)]
    NotCompiling,
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
        Command::Hint { name } => {
            print_hint(find(&track, &name)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::List => {
            print_list(&workspace()?, &track)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch { name } => {
            let first = name.map(|name| find(&track, &name)).transpose()?;
            let mut workspace = workspace()?;
            workspace.color = std::io::stderr().is_terminal();
            watch::watch(&workspace, &track, first)
        }
        Command::Reset { name } => {
            let exercise = find(&track, &name)?;
            println!("{}", git::reset(&root, &exercise.name).map_err(failure)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { working_tree } => verify::verify(&workspace()?, &track, working_tree),
        Command::NotCompiling => {
            for exercise in track.exercises.iter().filter(|e| !e.compiles) {
                println!("{}", exercise.name);
            }
            Ok(ExitCode::SUCCESS)
        }
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

fn print_hint(exercise: &Exercise) {
    println!("{}: {}", exercise.name, exercise.title);
    println!();
    println!("{}", exercise.hint.trim_end());
    if let Some(explain) = &exercise.explain {
        println!();
        println!("Its starting code does not compile. {EXPLAIN_HEADING}");
        println!("{}", explain.trim());
    }
    println!();
    println!(
        "Edit exercises/{0}/src/main.rs; `cargo run -p learn -- watch {0}` grades each save.",
        exercise.name
    );
}

/// The heading of an exercise's `explain` (exercises/info.toml).
const EXPLAIN_HEADING: &str = "What rustc's error means in asyncio terms:";

/// After rustc's errors for an exercise whose starting code does not compile on purpose
/// (`compiles = false`): what its error means in asyncio terms. Nothing for the others.
fn print_explain(exercise: &Exercise) {
    if let Some(explain) = &exercise.explain {
        println!("\n{EXPLAIN_HEADING}\n{}", explain.trim());
    }
}

/// The exercises, where each stands, and what is next. An error if some cannot be graded.
fn print_list(workspace: &Workspace, track: &Track) -> Result<(), Stop> {
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
        None if statuses.iter().all(|s| matches!(s, Status::Passed)) => closing_message(),
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
    Ok(())
}

/// When every exercise passes: well done, and what to do next.
fn closing_message() {
    println!(
        "Every exercise passes: you have ported the whole track from asyncio to tokio. Well done!\n\
         What next:\n\
         - the book, every lesson with its Python original and its timeline: `make book`, then \
         open book/build/index.html;\n\
         - the examples the exercises came from, and the network and file lessons: \
         `cargo run -p async_chores_async` and the others the README lists;\n\
         - your own solutions over virtual time: `cargo run -p learn -- timeline ex_chores`;\n\
         - tokio in your own program: the README's \"Copying an example into your own program\"."
    );
}

/// The first pending exercise after `after` (or from the start), else the first pending one;
/// `None` when every exercise passes.
fn next_pending<'a>(
    workspace: &Workspace,
    track: &'a Track,
    after: Option<&Exercise>,
) -> Result<Option<&'a Exercise>, Stop> {
    let statuses = workspace.statuses(track).map_err(failure)?;
    Ok(pending_after(track, &statuses, after)).and_then(|next| match next {
        None if statuses.iter().any(|s| matches!(s, Status::Error(_))) => Err(failure(
            "no pending exercise can be graded (`cargo run -p learn -- list` says why)",
        )),
        next => Ok(next),
    })
}

/// The first pending exercise after `after` in the track's order, else the first pending one
/// (`after` itself, if it is the only one).
fn pending_after<'a>(
    track: &'a Track,
    statuses: &[Status],
    after: Option<&Exercise>,
) -> Option<&'a Exercise> {
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
    index.map(|&i| &track.exercises[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_is_in_the_help() {
        let help = Cli::command().render_long_help().to_string();
        for command in ["list", "hint", "watch", "reset", "verify", "timeline"] {
            assert!(
                help.lines()
                    .any(|line| line.trim_start().starts_with(&format!("{command} "))),
                "{command} is not in:\n{help}"
            );
        }
    }

    #[test]
    fn the_next_pending_exercise_comes_after_the_current_one() {
        let exercise = |name: &str| Exercise {
            name: name.into(),
            solution: "s".into(),
            title: "t".into(),
            hint: "h".into(),
            compiles: true,
            explain: None,
        };
        let track = Track {
            exercises: vec![exercise("ex_a"), exercise("ex_b"), exercise("ex_c")],
        };
        let name = |e: Option<&Exercise>| e.map(|e| e.name.clone());
        let statuses = [Status::Pending, Status::Passed, Status::DoesNotCompile];
        let (a, b, c) = (
            &track.exercises[0],
            &track.exercises[1],
            &track.exercises[2],
        );
        assert_eq!(
            name(pending_after(&track, &statuses, None)),
            Some("ex_a".into())
        );
        assert_eq!(
            name(pending_after(&track, &statuses, Some(a))),
            Some("ex_c".into())
        );
        assert_eq!(
            name(pending_after(&track, &statuses, Some(b))),
            Some("ex_c".into())
        );
        assert_eq!(
            name(pending_after(&track, &statuses, Some(c))),
            Some("ex_a".into())
        );
        let only_a = [Status::Pending, Status::Passed, Status::Passed];
        assert_eq!(
            name(pending_after(&track, &only_a, Some(a))),
            Some("ex_a".into())
        );
        let done = [Status::Passed, Status::Passed, Status::Passed];
        assert_eq!(name(pending_after(&track, &done, Some(b))), None);
    }
}
