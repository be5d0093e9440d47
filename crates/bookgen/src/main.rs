//! `cargo run -p bookgen -- outputs`: writes the learner's view of every golden into
//! `book/src/generated/outputs/`. `cargo run -p bookgen -- timelines`: the examples and
//! exercises that have a timeline, one per line (`make book` draws each one's with
//! `cargo run -p learn -- timeline NAME --svg FILE`). `cargo run -p bookgen -- check`:
//! checks the book's sources and the built book (`book/build`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = match bookgen::Project::find() {
        Ok(root) => root,
        Err(e) => {
            eprintln!("bookgen: {e}");
            return ExitCode::from(2);
        }
    };
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["outputs"] => match bookgen::outputs::write_all(&root) {
            Ok(count) => {
                println!(
                    "bookgen: {count} outputs written to {}",
                    root.outputs_dir().display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("bookgen: {e}");
                ExitCode::FAILURE
            }
        },
        ["timelines"] => match root.with_timelines() {
            Ok(names) => {
                for name in names {
                    println!("{name}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("bookgen: {e}");
                ExitCode::FAILURE
            }
        },
        ["check"] => {
            let report = bookgen::check::check(&root);
            if report.problems.is_empty() {
                println!("bookgen: the book checks out ({})", report.summary);
                ExitCode::SUCCESS
            } else {
                for problem in &report.problems {
                    eprintln!("bookgen: {problem}");
                }
                eprintln!("bookgen: {} problems", report.problems.len());
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: bookgen outputs | bookgen timelines | bookgen check");
            ExitCode::from(2)
        }
    }
}
