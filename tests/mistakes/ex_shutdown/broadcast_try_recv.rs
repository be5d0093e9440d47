//! ex_shutdown: a tokio::sync::broadcast channel: the signal's task sends (), each worker, with a receiver of its own, checks try_recv() before its next job.
//! verdict: pass
//! diagnosis: none
//! main keeps a sender until its end, so a receiver sees Empty until the signal, never
//! Closed.

use std::io;
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures::future::join_all;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::broadcast;
use tokio::time::sleep;

const WORKERS: u32 = 3;

async fn worker(
    name: String,
    jobs: Arc<Mutex<RangeInclusive<u32>>>,
    mut stop: broadcast::Receiver<()>,
) -> u32 {
    let mut done = 0;
    // Nothing received yet: no shutdown. (Each worker has a receiver of its own.)
    while let Err(broadcast::error::TryRecvError::Empty) = stop.try_recv() {
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
    let (stop, _) = broadcast::channel(1);
    let handler = tokio::spawn({
        let stop = stop.clone();
        async move {
            let name = tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            };
            println!("got {name}: no new jobs, waiting for those in flight");
            let _ = stop.send(());
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
    let workers = (1..=WORKERS).map(|i| {
        tokio::spawn(worker(
            format!("worker {i}"),
            jobs.clone(),
            stop.subscribe(),
        ))
    });
    let done: u32 = join_all(workers)
        .await
        .into_iter()
        .map(|d| d.expect("a worker panicked"))
        .sum();
    println!("{done} jobs done, {} never started", args.jobs - done);
    handler.abort();
    Ok(())
}
