//! What `#[vclock::main]` ends `main` with: `()` and `ExitCode` as they are, an error as
//! exit code 1 (the line `error: ...` on stderr), or the code of a `lessonkit::Fatal`, itself
//! or in a box.

use std::error::Error;
use std::process::ExitCode;

use lessonkit::Fatal;
use vclock::__private::exit;

#[test]
fn an_error_ends_with_its_exit_code() {
    assert_eq!(exit(()), ExitCode::SUCCESS);
    assert_eq!(exit(ExitCode::from(130)), ExitCode::from(130));
    assert_eq!(exit(Ok::<(), String>(())), ExitCode::SUCCESS);
    assert_eq!(exit(Err::<(), _>("a plain error")), ExitCode::FAILURE);
    let input = || Fatal::input("cannot read urls.txt: gone");
    assert_eq!(exit(Err::<(), _>(input())), ExitCode::from(2));
    let boxed: Box<dyn Error> = input().into();
    assert_eq!(exit(Err::<ExitCode, _>(boxed)), ExitCode::from(2));
    let sendable: Box<dyn Error + Send + Sync> = input().into();
    assert_eq!(exit(Err::<(), _>(sendable)), ExitCode::from(2));
    let other: Box<dyn Error> = "not a Fatal".into();
    assert_eq!(exit(Err::<(), _>(other)), ExitCode::FAILURE);
}
