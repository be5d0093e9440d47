//! `cargo test -p greet_tasks`: runs the example on virtual time and checks that it prints
//! what the Python original printed (golden/greet_tasks*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
