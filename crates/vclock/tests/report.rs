//! On the paused clock, a blocking sleep on the runtime's thread moves the clock without
//! letting anything else run; one elsewhere is reported to the grade, not ordered.

use std::time::Duration;

use tokio::time::{Instant, sleep};

#[test]
fn blocking_sleeps_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    // SAFETY: set before any thread of this test reads the environment; this file has one
    // test, so one process, one runtime.
    unsafe {
        std::env::set_var(vclock::PAUSED_ENV, "1");
        std::env::set_var(vclock::REPORT_ENV, &report);
    }
    let runtime = vclock::runtime::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let order = runtime.block_on(async {
        let start = Instant::now();
        let mut order = Vec::new();
        let timer = tokio::spawn(async {
            sleep(Duration::from_millis(500)).await;
            Instant::now()
        });
        // Blocks the thread: the task spawned cannot even start its sleep until it is over.
        vclock::thread::sleep(Duration::from_secs(1));
        order.push(("blocking sleep over", start.elapsed()));
        let fired = timer.await.unwrap();
        order.push(("timer fired", fired - start));
        // Elsewhere the paused clock cannot order a blocking sleep: it is reported.
        tokio::task::spawn_blocking(|| vclock::thread::sleep(Duration::from_secs(5)))
            .await
            .unwrap();
        sleep(Duration::from_secs(1)).await;
        order.push(("slept", start.elapsed()));
        order
    });
    assert_eq!(
        order,
        [
            ("blocking sleep over", Duration::from_secs(1)),
            ("timer fired", Duration::from_millis(1500)),
            ("slept", Duration::from_millis(2500)),
        ]
    );
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(
        report.contains(
            "note thread a blocking sleep on a thread other than the runtime's (spawn_blocking, \
             or a thread of its own)"
        ),
        "{report}"
    );
    // The instants (`at` lines) need stdout to be a file, as the grade makes it: every
    // golden with `{{at}}` instants checks them.
}
