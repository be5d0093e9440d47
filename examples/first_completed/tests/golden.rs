//! `cargo test -p first_completed`: runs the example on virtual time and checks that it prints
//! what the Python original printed (golden/first_completed*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
