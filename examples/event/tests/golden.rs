//! `cargo test -p event`: runs the example on virtual time and checks that it prints
//! what the Python original printed (golden/event*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
