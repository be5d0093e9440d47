//! Blocking sleeps on other threads follow the paused clock as they follow the real one:
//! the runtime keeps firing its timers, in order, while a blocking thread sleeps, and a
//! blocking sleep that ends at the same instant as a timer ends after it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::{Instant, sleep};

/// Runs `body` on a paused vclock runtime, as the grade does, and returns the log it kept:
/// each entry with the virtual time, in milliseconds, at which it was written.
fn run<F, Fut>(body: F) -> Vec<(u128, String)>
where
    F: FnOnce(Log) -> Fut,
    Fut: Future<Output = ()>,
{
    // vclock moves the clock for blocking sleepers only while every other thread of the
    // process waits: one paused runtime at a time, as in an example's own process.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Every test in this file wants the paused clock; vclock reads this once per process.
    // SAFETY: set before any thread of this test reads the environment, and the same
    // value for every test.
    unsafe { std::env::set_var(vclock::PAUSED_ENV, "1") };
    assert!(vclock::is_paused());
    let runtime = vclock::runtime::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let log = Log::default();
    runtime.block_on(async {
        *log.start.lock().unwrap() = Some(Instant::now());
        body(log.clone()).await;
    });
    log.entries.lock().unwrap().clone()
}

#[derive(Clone, Default)]
struct Log {
    start: Arc<Mutex<Option<Instant>>>,
    entries: Arc<Mutex<Vec<(u128, String)>>>,
}

impl Log {
    fn write(&self, what: &str) {
        let start = self.start.lock().unwrap().expect("started");
        let at = (Instant::now() - start).as_millis();
        self.entries.lock().unwrap().push((at, what.to_owned()));
    }
}

fn entries(expected: &[(u128, &str)]) -> Vec<(u128, String)> {
    expected
        .iter()
        .map(|(t, s)| (*t, (*s).to_owned()))
        .collect()
}

#[test]
fn a_timer_due_at_the_same_instant_fires_before_the_blocking_sleep_ends() {
    let log = run(|log| async move {
        let timer = tokio::spawn({
            let log = log.clone();
            async move {
                sleep(Duration::from_secs(1)).await;
                log.write("timer");
            }
        });
        let blocking = tokio::task::spawn_blocking({
            let log = log.clone();
            move || {
                vclock::thread::sleep(Duration::from_secs(1));
                log.write("blocking sleep ended");
            }
        });
        timer.await.unwrap();
        blocking.await.unwrap();
    });
    assert_eq!(
        log,
        entries(&[(1000, "timer"), (1000, "blocking sleep ended")])
    );
}

#[test]
fn timers_keep_firing_in_order_while_a_blocking_thread_sleeps() {
    let log = run(|log| async move {
        let mut tasks = Vec::new();
        for (name, ms) in [("three", 3000), ("one", 1000), ("half", 500), ("two", 2000)] {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                sleep(Duration::from_millis(ms)).await;
                log.write(name);
            }));
        }
        let worker = log.clone();
        let blocking = tokio::task::spawn_blocking(move || {
            for step in 0..4 {
                vclock::thread::sleep(Duration::from_millis(700));
                worker.write(&format!("work {step}"));
            }
        });
        for task in tasks {
            task.await.unwrap();
        }
        blocking.await.unwrap();
        log.write("all done");
    });
    assert_eq!(
        log,
        entries(&[
            (500, "half"),
            (700, "work 0"),
            (1000, "one"),
            (1400, "work 1"),
            (2000, "two"),
            (2100, "work 2"),
            (2800, "work 3"),
            (3000, "three"),
            (3000, "all done"),
        ])
    );
}

#[test]
fn a_thread_of_the_program_s_own_follows_the_same_rule() {
    let log = run(|log| async move {
        let timer = tokio::spawn({
            let log = log.clone();
            async move {
                sleep(Duration::from_millis(600)).await;
                log.write("timer");
            }
        });
        let (done, finished) = tokio::sync::oneshot::channel();
        let worker = log.clone();
        // Only for the log's timestamps: a thread tokio did not start reads the paused clock
        // inside the runtime's context. vclock's sleep finds the runtime by itself.
        let runtime = tokio::runtime::Handle::current();
        std::thread::spawn(move || {
            let _clock = runtime.enter();
            for step in 0..3 {
                vclock::thread::sleep(Duration::from_millis(300));
                worker.write(&format!("thread {step}"));
            }
            let _ = done.send(());
        });
        finished.await.unwrap();
        timer.await.unwrap();
    });
    assert_eq!(
        log,
        entries(&[
            (300, "thread 0"),
            (600, "timer"),
            (600, "thread 1"),
            (900, "thread 2"),
        ])
    );
}

#[test]
fn the_same_program_gives_the_same_log_every_time() {
    let program = |log: Log| async move {
        let machine = tokio::spawn({
            let log = log.clone();
            async move {
                for round in 0..3 {
                    sleep(Duration::from_millis(900)).await;
                    log.write(&format!("machine {round}"));
                }
            }
        });
        let worker = log.clone();
        tokio::task::spawn_blocking(move || {
            for potato in 0..9 {
                worker.write(&format!("potato {potato}"));
                vclock::thread::sleep(Duration::from_millis(300));
            }
        })
        .await
        .unwrap();
        machine.await.unwrap();
    };
    let first = run(program);
    assert_eq!(first.len(), 12);
    // A machine's round due with a potato's end comes first: 900 ms is "machine 0" then
    // "potato 3".
    let at_900: Vec<&str> = first
        .iter()
        .filter(|(t, _)| *t == 900)
        .map(|(_, s)| s.as_str())
        .collect();
    assert_eq!(at_900, ["machine 0", "potato 3"]);
    for _ in 0..3 {
        assert_eq!(run(program), first);
    }
}

/// On Linux, `std::thread::sleep` itself follows the paused clock, by the same rule.
#[cfg(target_os = "linux")]
#[test]
fn std_thread_sleep_follows_the_paused_clock_too() {
    // A real sleep would leave the paused clock where it was, and the log at 0 ms.
    let log = run(|log| async move {
        let timer = tokio::spawn({
            let log = log.clone();
            async move {
                sleep(Duration::from_secs(2)).await;
                log.write("timer");
            }
        });
        let worker = log.clone();
        tokio::task::spawn_blocking(move || {
            for step in 0..3 {
                std::thread::sleep(Duration::from_secs(1));
                worker.write(&format!("std sleep {step}"));
            }
        })
        .await
        .unwrap();
        timer.await.unwrap();
    });
    assert_eq!(
        log,
        entries(&[
            (1000, "std sleep 0"),
            (2000, "timer"),
            (2000, "std sleep 1"),
            (3000, "std sleep 2"),
        ])
    );
}
