//! `cargo test -p files_async`: runs the example and checks that it prints what the Python
//! original printed (golden/files_async*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}

// The other checks of this example, in the same test binary (one build, one run).
#[path = "golden/open_files.rs"]
mod open_files;
