//! `cargo test -p areq`: runs the example against the local site (crates/site) and checks
//! that it logs, and writes, what the Python original did (golden/areq*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}
