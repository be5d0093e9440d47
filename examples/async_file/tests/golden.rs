//! `cargo test -p async_file`: runs the example and checks that it prints what the Python
//! original printed (golden/async_file*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
