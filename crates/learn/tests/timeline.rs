//! `learn timeline`: the chart drawn from vclock's record, and the timelines of the two
//! chore lessons, snapshotted.

use learn::timeline::{name_lanes, parse, record, svg, text};

/// A record of two tasks: task 1 waits on a timer from 0 to 1 s; task 2 blocks the thread
/// from 0 to 2 s, so task 1's turn comes late, at 2 s.
const RECORD: &str = "\
run main 0 0
spawn 1 0 examples/x/src/main.rs:7
spawn 2 0 examples/x/src/main.rs:8
wait main 0 0
run 1 0 0
wait 1 0 6
run 2 0 6
block 2 0 11
unblock 2 2000000000 11
end 2 2000000000 
wait 2 2000000000 16
run 1 2000000000 16
end 1 2000000000 
wait 1 2000000000 21
run main 2000000000 21
wait main 2000000000 25
";

const STDOUT: &str = "start\nslow\nfast\nlate\nall\n";

#[test]
fn a_record_becomes_lanes_with_the_printed_lines_in_place() {
    let timeline = parse(RECORD, STDOUT).unwrap();
    insta::assert_snapshot!(text("x", &timeline), @r"
    x on the paused clock: 2.00 s of virtual time, one column = 0.05 s
    (# blocks the thread, | runs, - waits; times in seconds)
                        0.0       0.5       1.0       1.5       2.0
                        +         +         +         +         +
    main                |--------------------------------------|
    task 1 (main.rs:7)  |--------------------------------------|
    task 2 (main.rs:8)  ########################################

    printed:
       0.00  task 1    start
       0.00  task 2    slow
       2.00  task 2    fast
       2.00  task 1    late
       2.00  main      all
    ");
}

/// The source the record's spawns point at: lines 7 and 8 spawn the two tasks.
const MAIN_RS: &str = "\
//! x
use std::time::Duration;

#[vclock::main]
async fn main() {
    let (fast, slow) = (
        tokio::spawn(fast(Duration::from_secs(1))),
        tokio::spawn(slow()),
    );
}
";

#[test]
fn the_lanes_are_named_by_what_was_spawned() {
    let mut timeline = parse(RECORD, STDOUT).unwrap();
    name_lanes(&mut timeline, &|file| {
        (file == "examples/x/src/main.rs").then(|| MAIN_RS.to_owned())
    });
    insta::assert_snapshot!(text("x", &timeline), @r"
    x on the paused clock: 2.00 s of virtual time, one column = 0.05 s
    (# blocks the thread, | runs, - waits; times in seconds)
                                  0.0       0.5       1.0       1.5       2.0
                                  +         +         +         +         +
    main                          |--------------------------------------|
    fast(Duration::from_secs(1))  |--------------------------------------|
    slow()                        ########################################

    printed:
       0.00  fast(Duration::from_secs(1)) start
       0.00  slow()                       slow
       2.00  slow()                       fast
       2.00  fast(Duration::from_secs(1)) late
       2.00  main                         all
    ");
    let chart = svg("x", &timeline);
    assert!(chart.contains(r#"data-task="slow()""#), "{chart}");
    assert!(chart.contains("<title>slow() blocks the thread, 0.00 to 2.00 s</title>"));
}

#[test]
fn the_svg_has_a_lane_per_task() {
    let timeline = parse(RECORD, STDOUT).unwrap();
    let chart = svg("x", &timeline);
    assert_eq!(chart.matches(r#"<g class="lane""#).count(), 3);
    assert!(chart.contains(r#"data-task="task 2""#));
    assert!(chart.contains("<title>task 2 blocks the thread, 0.00 to 2.00 s</title>"));
    assert!(chart.contains("<title>2.00 s: late</title>"));
}

#[test]
fn a_broken_record_is_an_error_naming_its_line() {
    let err = parse("run main zero 0\n", "").unwrap_err();
    assert_eq!(err, "line 1 of the record: \"run main zero 0\"");
}

/// The two chore lessons, recorded for real: async_chores blocks the loop for 7 s with the
/// potatoes and starts the dryer late; async_chores_async overlaps the chores.
#[test]
#[ignore = "builds the examples with --cfg tokio_unstable in target/timeline (minutes, cold): \
            `make timelines` and CI run it"]
fn the_chore_lessons_timelines() {
    let root = learn::workspace_root().unwrap();
    for name in ["async_chores", "async_chores_async"] {
        let timeline = record(&root, name, None).unwrap();
        insta::assert_snapshot!(name, text(name, &timeline));
    }
}
