//! `cargo test -p hello_world`: runs the example on virtual time and checks that it prints
//! what the Python original printed (golden/hello_world*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}

// The other checks of this example, in the same test binary (one build, one run).
#[path = "golden/open_files.rs"]
mod open_files;
