//! Port of `async_queue.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a few workers can share a list of jobs. Each worker takes the next job, awaits
//! it, and comes back for more until the list is empty; with N workers, ten 1-second
//! jobs take about ten seconds divided by N, rounded up.
//!
//! Usage: `cargo run -p async_queue -- 3` for three workers.

// ANCHOR: main
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures::future::try_join_all;
use tokio::time::{Instant, sleep};

/// Ten one-second jobs, shared by a number of workers.
#[derive(Parser)]
struct Args {
    /// How many workers share the jobs.
    #[arg(default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    parallel: u32,
}

/// The jobs, each the seconds it takes. Tasks may run on any thread, so the list they
/// share is behind a mutex (Python's single thread needs none).
type Jobs = Arc<Mutex<VecDeque<u64>>>;

/// A float as Python's `print` shows it (its `repr`), so the figures read like the
/// original's. Rust's `{:?}` picks the same shortest digits and, like Python, uses exponent
/// notation only below 1e-4 and from 1e16 up, but it writes the exponent differently:
/// `1.7182e-5` and `1e16` where Python writes `1.7182e-05` and `1e+16` (a sign, and at
/// least two digits). So: print with `{:?}`, then rewrite the exponent, if there is one.
fn py_float(x: f64) -> String {
    let debug = format!("{x:?}");
    match debug.split_once('e') {
        Some((digits, exponent)) => {
            let exponent: i32 = exponent.parse().expect("an exponent");
            let sign = if exponent < 0 { '-' } else { '+' };
            format!("{digits}e{sign}{:02}", exponent.abs())
        }
        None => debug,
    }
}

async fn worker(wid: u32, queue: Jobs, clock: Instant) {
    loop {
        // The lock is held only to pop a job, never across an await.
        let Some(job) = queue.lock().expect("queue lock").pop_front() else {
            break;
        };
        // Python prints time.monotonic(); std has no absolute monotonic reading, so the
        // figure here is seconds since the program started.
        let ts = clock.elapsed().as_secs_f64();
        println!("Worker {wid} starting job {job} {}", py_float(ts));
        sleep(Duration::from_secs(job)).await;
        println!("Worker {wid} finished job {job}");
    }
}

#[vclock::main]
async fn main() {
    let args = Args::parse();
    let clock = Instant::now();

    let queue: Jobs = Arc::new(Mutex::new(VecDeque::from(vec![1; 10])));
    println!(
        "Total: {}",
        queue.lock().expect("queue lock").iter().sum::<u64>()
    );

    let start = clock.elapsed().as_secs_f64();
    println!("Start {}", py_float(start));
    let workers = (0..args.parallel).map(|wid| tokio::spawn(worker(wid, queue.clone(), clock)));
    try_join_all(workers).await.expect("a worker panicked");
    let end = clock.elapsed().as_secs_f64();
    println!("Elapsed: {}", py_float(end - start));
}

#[cfg(test)]
mod tests {
    use super::py_float;

    /// What Python's `repr` prints for each value.
    #[test]
    fn floats_print_as_in_python() {
        assert_eq!(py_float(0.0), "0.0");
        assert_eq!(py_float(10.0), "10.0");
        assert_eq!(py_float(4.005879262999997), "4.005879262999997");
        assert_eq!(py_float(0.0001), "0.0001");
        assert_eq!(py_float(0.00001), "1e-05");
        assert_eq!(py_float(1.7182e-5), "1.7182e-05");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(9999999999999998.0), "9999999999999998.0");
    }
}
// ANCHOR_END: main
