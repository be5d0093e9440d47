//! `cargo test -p async_file`: runs the example and checks that it prints what the Python
//! original printed (golden/async_file*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}

// The other checks of this example, in the same test binary (one build, one run).
#[path = "golden/errors.rs"]
mod errors;
