//! `cargo test -p files_async`: runs the example and checks that it prints what the Python
//! original printed (golden/files_async*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
