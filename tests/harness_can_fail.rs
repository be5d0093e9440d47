//! The golden harness can fail: deliberately wrong transcripts of real goldens are rejected,
//! each for its own reason, with a message that says which line, what was expected, what
//! came, and what kind of difference it is.

use std::path::Path;
use std::time::Duration;

use golden::{Clock, Difference, check, compare};
use workspace_tests::{golden, transcript};

#[test]
fn a_transcript_that_agrees_passes() {
    for name in [
        "async_chores",
        "async_chores_async",
        "say_after",
        "async_queue.3_workers",
    ] {
        let golden = golden(name);
        assert!(
            compare(&golden.lines, &transcript(&golden)).is_ok(),
            "{name}"
        );
    }
}

#[test]
fn forgetting_to_yield_is_an_order_difference() {
    // A learner's async_chores_async that never looks up prints what async_chores prints.
    let exercise = golden("async_chores_async");
    let blocking = transcript(&golden("async_chores"));
    let difference = compare(&exercise.lines, &blocking).unwrap_err();
    assert_eq!(
        difference,
        Difference::Order {
            line: 11,
            golden_line: 17,
            expected: "End dishwasher for 3 seconds".into(),
            got: "Cleaning potato 6".into(),
            printed_at: Some(20),
        }
    );
    let message = difference.to_string();
    assert!(
        message.starts_with("order difference at golden line 17 (output line 11)"),
        "{message}"
    );
    assert!(
        message.contains("expected: End dishwasher for 3 seconds"),
        "{message}"
    );
    assert!(message.contains("got:      Cleaning potato 6"), "{message}");
}

#[test]
fn a_changed_word_is_a_text_difference() {
    let golden = golden("async_chores_async");
    let wrong = transcript(&golden).replace("Start dryer", "Start drier");
    let difference = compare(&golden.lines, &wrong).unwrap_err();
    assert_eq!((difference.kind(), difference.line()), ("text", 13));
    assert!(
        difference
            .to_string()
            .contains("got:      Start drier for 3 seconds")
    );
}

#[test]
fn a_figure_outside_its_tolerance_is_a_timing_difference() {
    let golden = golden("async_chores_async");
    let right = transcript(&golden);
    let published = "Elapsed 7.02296781539917";
    assert!(right.contains(published));
    // 2 % of 7.02 s is 0.14 s: 7.1 is close enough, 7.2 and 10.0 are not.
    assert!(compare(&golden.lines, &right.replace(published, "Elapsed 7.1")).is_ok());
    for slow in ["Elapsed 7.2", "Elapsed 10.0"] {
        let difference = compare(&golden.lines, &right.replace(published, slow)).unwrap_err();
        assert_eq!(
            (difference.kind(), difference.line()),
            ("timing", 25),
            "{slow}"
        );
    }
}

#[test]
fn a_free_span_frees_only_itself() {
    let golden = golden("say_after");
    let right = transcript(&golden);
    assert!(compare(&golden.lines, &right.replace("12:34:56", "23:59:01")).is_ok());
    for wrong in ["started at noon", "begun at 12:34:56"] {
        let changed = right.replacen("started at 12:34:56", wrong, 1);
        let difference = compare(&golden.lines, &changed).unwrap_err();
        assert_eq!(
            (difference.kind(), difference.line()),
            ("text", 3),
            "{wrong}"
        );
    }
}

#[test]
fn lines_missing_or_extra_are_text_differences() {
    let golden = golden("print_async");
    let right = transcript(&golden);
    let short: String = right.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert!(matches!(
        compare(&golden.lines, &short),
        Err(Difference::Missing { line: 3, .. })
    ));
    let long = right.clone() + "Third\n";
    assert!(matches!(
        compare(&golden.lines, &long),
        Err(Difference::Extra { line: 4, .. })
    ));
}

/// Runs `script` with `sh -c` in place of the example the golden names.
fn check_script(name: &str, script: &str, limit: Duration) -> Result<golden::Checked, String> {
    let mut golden = golden(name);
    golden.args = vec!["-c".into(), script.into()];
    check(&golden, Path::new("sh"), Clock::Paused, limit).map_err(|f| f.to_string())
}

#[test]
fn a_real_run_is_checked_for_output_exit_code_and_time() {
    let limit = Duration::from_secs(20);
    let right = "printf 'Second\\nFirst\\nElapsed: 2.0\\n'";
    assert!(check_script("print_async", right, limit).is_ok());

    let wrong_order = "printf 'First\\nSecond\\nElapsed: 2.0\\n'";
    let message = check_script("print_async", wrong_order, limit).unwrap_err();
    // print_async.out's transcript starts at its line 6.
    assert!(
        message.contains("order difference at golden line 6 (output line 1)"),
        "{message}"
    );
    assert!(
        message.contains("golden: golden/print_async.out"),
        "{message}"
    );
    assert!(
        message.contains(">    6 Second"),
        "the side-by-side view marks the line: {message}"
    );

    let crashed = "printf 'Second\\n'; echo 'it broke' >&2; exit 101";
    let message = check_script("print_async", crashed, limit).unwrap_err();
    assert!(
        message.contains("exited with code 101, expected exit code 0"),
        "{message}"
    );
    assert!(message.contains("it broke"), "{message}");

    // `exec`: the shell's own process waits, so that stopping it closes its output at once
    // (a child it started would keep that open, and the harness waits a moment for it).
    let hung =
        check_script("print_async", "exec sleep 30", Duration::from_millis(100)).unwrap_err();
    assert!(hung.contains("did not finish"), "{hung}");
}

/// Checks a golden written here, running `sh -c SCRIPT` as the program.
fn check_text(golden_text: &str, script: &str) -> Result<golden::Checked, String> {
    let mut golden = golden::Golden::parse(Path::new("golden/x.out"), golden_text)?;
    golden.args = vec!["-c".into(), script.into()];
    check(
        &golden,
        Path::new("sh"),
        Clock::Paused,
        Duration::from_secs(20),
    )
    .map_err(|f| f.to_string())
}

#[test]
fn the_site_input_files_written_files_and_any_order_blocks_are_checked() {
    let golden = "site: 2\nclock: real\nfile urls.txt:\n  {{site}}/page/0.html\n  {{site}}/page/1.html\nrun: x\nstream: file out.txt\n---\nheader\n{{any order}}\n{{site}}/page/0.html\n{{site}}/page/1.html\n{{end}}\n";
    // The input file reaches the program with the site's real address in it.
    let copy = "{ echo header; tac urls.txt; } > out.txt";
    let checked = check_text(golden, copy).unwrap();
    assert_eq!(
        checked.transcript,
        "header\n[site]/page/0.html\n[site]/page/1.html\n"
    );
    // The header out of place (an order difference), a line missing, and another host are
    // each rejected.
    let header_last = "{ cat urls.txt; echo header; } > out.txt";
    assert!(
        check_text(golden, header_last)
            .unwrap_err()
            .contains("order difference at golden line 9 (output line 1)")
    );
    let short = "{ echo header; head -n 1 urls.txt; } > out.txt";
    assert!(
        check_text(golden, short)
            .unwrap_err()
            .contains("stopped before it")
    );
    let elsewhere = "{ echo header; sed 's/127.0.0.1/example.com/' urls.txt; } > out.txt";
    assert!(
        check_text(golden, elsewhere)
            .unwrap_err()
            .contains("text difference at golden line 11 (output line 2)")
    );
    // No file written: said in words.
    let nothing = "true";
    assert!(
        check_text(golden, nothing)
            .unwrap_err()
            .contains("left no readable out.txt")
    );
}

/// Checks `name`'s golden against a program that prints `text`.
fn check_printing(name: &str, text: &str) -> Result<golden::Checked, String> {
    let file = tempfile_with(text);
    check_script(
        name,
        &format!("cat '{}'", file.display()),
        Duration::from_secs(20),
    )
}

/// A file holding `text`, removed when the value is dropped.
fn tempfile_with(text: &str) -> tempfile::TempPath {
    let mut file = tempfile::Builder::new()
        .prefix("harness-can-fail-")
        .suffix(".txt")
        .tempfile()
        .unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    file.into_temp_path()
}

#[test]
fn a_recognisable_cause_is_said_in_asyncio_terms() {
    // The blocking chores, graded as the exercise's solution: one task held the loop.
    let blocked = transcript(&golden("async_chores"));
    let message = check_printing("async_chores_async", &blocked).unwrap_err();
    assert!(
        message.contains("Likely: one task held the event loop."),
        "{message}"
    );
    assert!(message.contains("output\nlines 11 to 18"), "{message}");

    // Three counts awaited in turn: the total is the sum of the waits.
    let in_turn = "One\nTwo\nOne\nTwo\nOne\nTwo\nx executed in 3.00 seconds.\n";
    let message = check_printing("countasync", in_turn).unwrap_err();
    assert!(
        message.contains("Likely: the waits ran one after another."),
        "{message}"
    );
    assert!(message.contains("3.0 s where the"), "{message}");

    // Tasks never awaited: the program ends early, or does not wait at all.
    let message = check_printing("print_async", "Elapsed: 0.0\n").unwrap_err();
    assert!(
        message.contains("Likely: the program ended too soon"),
        "{message}"
    );
    let message = check_printing("print_async", "First\nSecond\nElapsed: 0.0\n").unwrap_err();
    assert!(
        message.contains("Likely: something did not wait."),
        "{message}"
    );

    // No guess where the output shows no sign of one.
    let message = check_printing("print_async", "Second\nFirst\nElapsed 2.0\n").unwrap_err();
    assert!(!message.contains("Likely"), "{message}");
}

#[test]
fn a_run_that_has_gone_wrong_is_stopped_there() {
    let dir = std::env::temp_dir();
    let args = vec![
        "-c".to_owned(),
        "echo right; echo wrong; exec sleep 30".to_owned(),
    ];
    let stop: golden::run::Stop = Box::new(|printed: &str| printed.contains("wrong\n"));
    let output = golden::run::run_until(
        Path::new("sh"),
        &args,
        &dir,
        Clock::Real,
        Duration::from_secs(60),
        Some(stop),
        golden::run::Options::default(),
    )
    .unwrap();
    assert!(output.stopped_early && !output.timed_out);
    assert_eq!(output.stdout, "right\nwrong\n");
    assert_eq!(output.code, None);
}
