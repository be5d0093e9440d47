//! Being told to stop: Ctrl-C, or `kill PID`.

use std::future::pending;

/// Waits until the program is told to stop: Ctrl-C (SIGINT) or, on Unix, SIGTERM (what
/// `kill PID` sends). Gives what told it, and the exit code a shell gives a program that a
/// signal ended: 128 and the signal's number. If no signal can be watched, it never ends.
pub async fn interrupted() -> (&'static str, u8) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                Ok(()) = tokio::signal::ctrl_c() => return ("Ctrl-C", 130),
                Some(()) = terminate.recv() => return ("SIGTERM", 143),
                else => pending::<()>().await,
            }
        }
    }
    match tokio::signal::ctrl_c().await {
        Ok(()) => ("Ctrl-C", 130),
        Err(_) => pending().await,
    }
}
