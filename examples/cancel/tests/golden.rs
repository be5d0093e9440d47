//! `cargo test -p cancel`: runs the example on virtual time and checks that it prints
//! what the Python original printed (golden/cancel*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
