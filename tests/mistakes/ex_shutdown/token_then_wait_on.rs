//! ex_shutdown: the starting code's select! kept; at the signal it cancels a token and then goes on waiting for the workers.
//! verdict: pass
//! diagnosis: none
//! The workers check the token before each job; the join_all future, pinned, is awaited
//! again after the signal's branch, so the jobs in flight finish before the summary.

use std::io;
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use futures::future::join_all;
use tokio::signal::unix::{SignalKind, signal};
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

const WORKERS: u32 = 3;

async fn worker(
    name: String,
    jobs: Arc<Mutex<RangeInclusive<u32>>>,
    stop: CancellationToken,
) -> u32 {
    let mut done = 0;
    while !stop.is_cancelled() {
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
    let stop = CancellationToken::new();
    let workers = (1..=WORKERS)
        .map(|i| tokio::spawn(worker(format!("worker {i}"), jobs.clone(), stop.clone())));
    let mut all_done = std::pin::pin!(join_all(workers));
    let done = tokio::select! {
        done = &mut all_done => done,
        name = async {
            tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            }
        } => {
            println!("got {name}: no new jobs, waiting for those in flight");
            stop.cancel();
            all_done.await
        }
    };
    let done: u32 = done
        .into_iter()
        .map(|d| d.expect("a worker panicked"))
        .sum();
    println!("{done} jobs done, {} never started", args.jobs - done);
    Ok(())
}
