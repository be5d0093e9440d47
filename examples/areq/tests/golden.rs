//! `cargo test -p areq`: runs the example against the local site (crates/site) and checks
//! that it logs, and writes, what the Python original did (golden/areq*.out).

#[test]
fn agrees_with_the_python_original() -> Result<(), golden::Disagreement> {
    golden::check_example!()
}

// The other checks of this example, in the same test binary (one build, one run).
#[path = "golden/faults.rs"]
mod faults;
#[path = "golden/interrupted.rs"]
mod interrupted;
#[path = "golden/site_runs.rs"]
mod site_runs;
