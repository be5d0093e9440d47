//! ex_shutdown: no signal task: main loops on a select! between the workers' JoinSet (join_next) and the two signals, and cancels a token at the first signal.
//! verdict: pass
//! diagnosis: none
//! The signals' branches are off once the token is cancelled; the loop ends when join_next
//! has no worker left.

use std::io;
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinSet;
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
    let mut workers = JoinSet::new();
    for i in 1..=WORKERS {
        workers.spawn(worker(format!("worker {i}"), jobs.clone(), stop.clone()));
    }
    // Main is the signal handler: it waits for the workers and the signals at once.
    let mut done = 0;
    loop {
        let name = tokio::select! {
            finished = workers.join_next() => match finished {
                Some(d) => {
                    done += d.expect("a worker panicked");
                    continue;
                }
                None => break,
            },
            _ = term.recv(), if !stop.is_cancelled() => "SIGTERM",
            _ = int.recv(), if !stop.is_cancelled() => "SIGINT",
        };
        println!("got {name}: no new jobs, waiting for those in flight");
        stop.cancel();
    }
    println!("{done} jobs done, {} never started", args.jobs - done);
    Ok(())
}
