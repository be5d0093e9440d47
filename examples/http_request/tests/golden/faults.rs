//! The network examples' fault matrix (crates/golden, `golden::faults`) run against
//! http_request: misbehaving servers, a refused connection, a host that does not resolve, an
//! untrusted certificate, no answer in time, a broken output, too few open files. Each
//! fault must be one line naming the URL and its cause, with the right exit code and no
//! panic.

use golden::faults::{Input, Program, Results};

#[test]
fn every_fault_is_one_line_naming_its_cause() {
    golden::faults::check(&Program {
        exe: env!("CARGO_BIN_EXE_http_request"),
        args: &[],
        input: Input::Url,
        proxy_from_env: false,
        output: Results::Stdout,
    });
}
