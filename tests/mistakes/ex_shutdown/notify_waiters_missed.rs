//! ex_shutdown: an Arc<Notify> for the Event: the signal's task calls notify_waiters(), each worker checks stop.notified().now_or_never() before its next job.
//! verdict: fail
//! diagnosis: text
//! notify_waiters wakes only the notified() futures waiting at that moment, and stores
//! nothing: a worker's check, made later, finds nothing. No worker ever stops: jobs 7 and 8
//! start after the signal, "8 jobs done, 0 never started".

use std::io;
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures::FutureExt;
use futures::future::join_all;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::Notify;
use tokio::time::sleep;

const WORKERS: u32 = 3;

async fn worker(name: String, jobs: Arc<Mutex<RangeInclusive<u32>>>, stop: Arc<Notify>) -> u32 {
    let mut done = 0;
    // Stop if the shutdown was notified: the Event's is_set().
    while stop.notified().now_or_never().is_none() {
        let Some(job) = jobs.lock().unwrap().next() else {
            break;
        };
        let seconds = [5, 7, 9][job as usize % 3] as f64 / 10.0;
        println!("{name} starts job {job} ({seconds:?} s)");
        sleep(Duration::from_secs_f64(seconds)).await; // a job in flight is never cut short
        println!("{name} finished job {job}");
        done += 1;
    }
    done
}

#[derive(Parser)]
struct Args {
    /// How many jobs there are to do.
    #[arg(long, default_value_t = 8)]
    jobs: u32,
    /// Send this program a signal after that many seconds: `--signal`.
    #[arg(long, value_parser = seconds)]
    signal_after: Option<Duration>,
    /// The signal it sends: TERM, as `kill` does, or INT, as Ctrl-C does.
    #[arg(long, default_value = "TERM", value_parser = ["TERM", "INT"])]
    signal: String,
}

fn seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text.parse().map_err(|e| format!("{e}"))?;
    Duration::try_from_secs_f64(seconds).map_err(|e| e.to_string())
}

#[vclock::main]
async fn main() -> io::Result<()> {
    let args = Args::parse();
    // Registered now, before any signal can come: from here on, SIGTERM and SIGINT are ours.
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let stop = Arc::new(Notify::new());
    let handler = tokio::spawn({
        let stop = stop.clone();
        async move {
            let name = tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            };
            println!("got {name}: no new jobs, waiting for those in flight");
            stop.notify_waiters(); // every worker: the Event's set()
        }
    });
    let number = if args.signal == "INT" {
        libc::SIGINT
    } else {
        libc::SIGTERM
    };
    if let Some(after) = args.signal_after {
        tokio::spawn(async move {
            sleep(after).await;
            // SAFETY: kill(2) sends a signal; it touches no memory of this program.
            unsafe { libc::kill(libc::getpid(), number) };
        });
    }

    // One range, shared: each job is taken once.
    let jobs = Arc::new(Mutex::new(1..=args.jobs));
    let workers = (1..=WORKERS)
        .map(|i| tokio::spawn(worker(format!("worker {i}"), jobs.clone(), stop.clone())));
    let done: u32 = join_all(workers)
        .await
        .into_iter()
        .map(|d| d.expect("a worker panicked"))
        .sum();
    println!("{done} jobs done, {} never started", args.jobs - done);
    handler.abort();
    Ok(())
}
