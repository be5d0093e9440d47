//! `grade EXERCISE PROGRAM`: grades a built program for an exercise, as `cargo test -p
//! EXERCISE` grades the exercise's own binary; for `make bench-grade`, which times it.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [exercise, program] = &args[..] else {
        eprintln!(
            "usage: grade EXERCISE PROGRAM (e.g. grade ex_chores target/debug/async_chores_async)"
        );
        return ExitCode::from(2);
    };
    let here = std::env::current_dir().unwrap_or_default();
    // Each case runs in a working folder of its own.
    let program = here.join(program).to_string_lossy().into_owned();
    match golden::grade_exercise(exercise, &program, &here.to_string_lossy()) {
        Ok(checked) => {
            println!("{exercise}: {program} passes ({} goldens)", checked.len());
            ExitCode::SUCCESS
        }
        Err(disagreement) => {
            let kinds: Vec<String> = disagreement
                .failures
                .iter()
                .map(|f| {
                    let why = f.advice.as_ref().map_or("-", |a| a.diagnosis.id());
                    format!("{} {:?} {why}", f.golden, f.kind)
                })
                .collect();
            println!("{exercise}: {program} fails: {}", kinds.join("; "));
            ExitCode::FAILURE
        }
    }
}
