//! `learn watch`: grades the current exercise each time its `src/main.rs` is saved, moves on
//! when it passes, and stays until `q` or Ctrl-C, with keys read from stdin on a thread of
//! their own (each followed by Enter: no raw terminal mode). End of input (stdin closed) is
//! not a quit: only saves are watched from then on.

use std::collections::VecDeque;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use learn::{Exercise, Track};

use crate::check::{Grade, Workspace};
use crate::{Stop, failure};

/// A command typed while watching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The next pending exercise.
    Next,
    /// The current exercise's hint.
    Hint,
    /// The exercises and where each stands.
    List,
    Quit,
}

/// The keys, said after each grade.
pub const KEYS: &str = "Keys, each then Enter: n next pending exercise, h hint, l list, q quit.";

/// The key a typed line stands for: `Ok(None)` for a blank line, `Err` with the line for
/// anything else unknown. Case and surrounding blanks do not matter; the words work too.
pub fn parse_key(line: &str) -> Result<Option<Key>, String> {
    let word = line.trim().to_lowercase();
    Ok(Some(match word.as_str() {
        "" => return Ok(None),
        "n" | "next" => Key::Next,
        "h" | "hint" => Key::Hint,
        "l" | "list" => Key::List,
        "q" | "quit" | "exit" => Key::Quit,
        _ => return Err(line.trim().to_owned()),
    }))
}

/// What the watch loop waits for.
enum Input {
    Save,
    Key(Key),
    Unknown(String),
}

/// Reads keys from stdin until it ends, on a thread of its own.
fn read_keys(sender: Sender<Input>) {
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { return };
            let input = match parse_key(&line) {
                Ok(Some(key)) => Input::Key(key),
                Ok(None) => continue,
                Err(text) => Input::Unknown(text),
            };
            if sender.send(input).is_err() {
                return;
            }
        }
        // End of input: nothing more to read, and not a quit.
    });
}

/// The inputs, with those that arrived while a save settled kept for later.
struct Inputs {
    receiver: Receiver<Input>,
    held: VecDeque<Input>,
}

impl Inputs {
    fn next(&mut self) -> Result<Input, Stop> {
        if let Some(input) = self.held.pop_front() {
            return Ok(input);
        }
        self.receiver
            .recv()
            .map_err(|_| failure("the file watcher stopped"))
    }

    /// Lets the burst of events of one save pass: saves within 200 ms of each other are
    /// one; keys typed meanwhile wait their turn.
    fn settle(&mut self) {
        while let Ok(input) = self.receiver.recv_timeout(Duration::from_millis(200)) {
            if !matches!(input, Input::Save) {
                self.held.push_back(input);
            }
        }
        self.held.retain(|input| !matches!(input, Input::Save));
    }
}

pub fn watch(
    workspace: &Workspace,
    track: &Track,
    first: Option<&Exercise>,
) -> Result<ExitCode, Stop> {
    let (sender, receiver) = channel();
    let saves = sender.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if is_save(&event) {
            let _ = saves.send(Input::Save);
        }
    })
    .map_err(|e| failure(format!("cannot watch: {e}")))?;
    read_keys(sender);
    let mut inputs = Inputs {
        receiver,
        held: VecDeque::new(),
    };
    // The exercise watched, and whether to grade it now.
    let (mut exercise, mut grade) = match first {
        Some(exercise) => (exercise, true),
        None => match crate::next_pending(workspace, track, None)? {
            Some(exercise) => (exercise, true),
            None => {
                crate::closing_message();
                (
                    track.exercises.last().expect("a track has exercises"),
                    false,
                )
            }
        },
    };
    // Whether the closing message was said since the track was last done.
    let mut said_done = !grade;
    let mut watched: Option<PathBuf> = None;
    loop {
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
        if grade {
            grade = false;
            println!("Grading {} ({})…", exercise.name, exercise.title);
            let passed = show_grade(workspace, exercise)?;
            if passed {
                match crate::next_pending(workspace, track, Some(exercise)) {
                    Ok(Some(next)) => {
                        said_done = false;
                        println!("Next: {} ({}).\n", next.name, next.title);
                        exercise = next;
                        grade = true;
                        continue;
                    }
                    Ok(None) if !said_done => {
                        said_done = true;
                        crate::closing_message();
                    }
                    Ok(None) => {}
                    Err(stop) => println!("{}", stop.message),
                }
            } else {
                said_done = false;
            }
            let main_rs = exercise.main_rs(&workspace.root);
            println!(
                "Watching {}: each save grades it again. Ctrl-C or q stops.",
                main_rs
                    .strip_prefix(&workspace.root)
                    .unwrap_or(&main_rs)
                    .display()
            );
            println!("{KEYS}");
        }
        match inputs.next()? {
            Input::Save => {
                inputs.settle();
                println!();
                grade = true;
            }
            Input::Key(Key::Quit) => return Ok(ExitCode::SUCCESS),
            Input::Key(Key::Hint) => {
                println!();
                crate::print_hint(exercise);
            }
            Input::Key(Key::List) => {
                println!();
                if let Err(stop) = crate::print_list(workspace, track) {
                    println!("{}", stop.message);
                }
            }
            Input::Key(Key::Next) => match crate::next_pending(workspace, track, Some(exercise)) {
                Ok(Some(next)) if next.name == exercise.name => println!(
                    "{} is the only pending exercise: save it to grade it again.",
                    exercise.name
                ),
                Ok(Some(next)) => {
                    println!("\nNext: {} ({}).", next.name, next.title);
                    exercise = next;
                    grade = true;
                }
                Ok(None) => println!("Every exercise passes: none is pending."),
                Err(stop) => println!("{}", stop.message),
            },
            Input::Unknown(text) => println!("`{text}` is not a key. {KEYS}"),
        }
    }
}

/// Builds and grades `exercise`, and says how it went. Whether it passed.
fn show_grade(workspace: &Workspace, exercise: &Exercise) -> Result<bool, Stop> {
    match workspace.grade_now(exercise).map_err(failure)? {
        Grade::Passed => {
            println!(
                "{} passes: it prints what the Python original printed.",
                exercise.name
            );
            Ok(true)
        }
        Grade::Differs(text) => {
            println!("{}", text.trim_end());
            println!(
                "\n{} does not pass yet. A hint: type h and Enter, or `cargo run -p learn -- hint {}`.",
                exercise.name, exercise.name
            );
            Ok(false)
        }
        Grade::DoesNotCompile(errors) => {
            eprint!("{errors}");
            println!("{} does not compile (cargo's errors above).", exercise.name);
            if crate::check::is_own_compile_error(&exercise.name, &errors) {
                crate::print_explain(exercise);
            }
            Ok(false)
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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

    #[test]
    fn keys_are_letters_or_words_then_enter() {
        assert_eq!(parse_key("n"), Ok(Some(Key::Next)));
        assert_eq!(parse_key("  H \r"), Ok(Some(Key::Hint)));
        assert_eq!(parse_key("list"), Ok(Some(Key::List)));
        assert_eq!(parse_key("q"), Ok(Some(Key::Quit)));
        assert_eq!(parse_key("Quit"), Ok(Some(Key::Quit)));
        assert_eq!(parse_key(""), Ok(None));
        assert_eq!(parse_key("   "), Ok(None));
        assert_eq!(parse_key("x"), Err("x".to_owned()));
        assert_eq!(parse_key("nn"), Err("nn".to_owned()));
    }

    #[test]
    fn keys_typed_while_a_save_settles_wait_their_turn() {
        let (sender, receiver) = channel();
        let mut inputs = Inputs {
            receiver,
            held: VecDeque::new(),
        };
        sender.send(Input::Save).unwrap();
        sender.send(Input::Key(Key::Hint)).unwrap();
        sender.send(Input::Save).unwrap();
        sender.send(Input::Key(Key::Quit)).unwrap();
        assert!(matches!(inputs.next(), Ok(Input::Save)));
        inputs.settle();
        assert!(matches!(inputs.next(), Ok(Input::Key(Key::Hint))));
        assert!(matches!(inputs.next(), Ok(Input::Key(Key::Quit))));
        drop(sender);
        assert!(inputs.next().is_err(), "no input can come any more");
    }
}
