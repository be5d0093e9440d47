//! `cargo test -p bounded`: runs the example against the local site and checks that it
//! prints what the Python original printed (golden/bounded*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
