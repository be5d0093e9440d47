//! `cargo test -p files_sync`: runs the example and checks that it prints what the Python
//! original printed (golden/files_sync*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
