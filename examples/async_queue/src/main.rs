//! Port of `async_queue.py` from the Code-Maven Python course (Gabor Szabo).
//!
//! Lesson: a few workers can share a list of jobs. Each worker takes the next job, awaits
//! it, and comes back for more until the list is empty; with N workers, ten 1-second
//! jobs take about ten seconds divided by N, rounded up.
//!
//! Usage: `cargo run -p async_queue -- 3` for three workers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures::future::try_join_all;
use lessonkit::py_float;
use tokio::time::{Instant, sleep};

/// Ten one-second jobs, shared by a number of workers.
#[derive(Parser)]
struct Args {
    /// How many workers share the jobs.
    #[arg(default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    parallel: u32,
}

// ANCHOR: main
/// The jobs, each the seconds it takes. Tasks may run on any thread, so the list they
/// share is behind a mutex (Python's single thread needs none).
type Jobs = Arc<Mutex<VecDeque<u64>>>;

async fn worker(wid: u32, queue: Jobs, clock: Instant) {
    loop {
        // The lock is held only to pop a job, never across an await.
        let Some(job) = queue.lock().unwrap().pop_front() else {
            break;
        };
        // Python prints time.monotonic(); std has no absolute monotonic reading, so the
        // figure here is seconds since the program started, printed as Python prints it.
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
    println!("Total: {}", queue.lock().unwrap().iter().sum::<u64>());

    let start = clock.elapsed().as_secs_f64();
    println!("Start {}", py_float(start));
    let workers = (0..args.parallel).map(|wid| tokio::spawn(worker(wid, queue.clone(), clock)));
    try_join_all(workers).await.expect("a worker panicked");
    let end = clock.elapsed().as_secs_f64();
    println!("Elapsed: {}", py_float(end - start));
}
// ANCHOR_END: main
