//! Concurrency that fits the open-file limit (`ulimit -n`).
//!
//! Every request in flight holds a socket, and a socket is an open file. Past the limit,
//! opening one more fails with EMFILE ("Too many open files"): under `ulimit -n 64`, 64
//! requests at once would fail most of a long list. So the limit is raised as far as the
//! system allows (its hard limit, as Go and Python's asyncio servers commonly do), and the
//! concurrency asked for is lowered to what still fits.

use std::io;

/// Open files kept for what is not a connection: the runtime's own (its event queue and
/// waker), name lookups, reading the trusted certificates, an output file.
const SPARE: u64 = 10;

/// `wanted` connections at once, or fewer if the open-file limit cannot hold that many
/// (never fewer than 1); a note on stderr says when it lowers the figure.
pub fn fit_open_files(wanted: usize) -> usize {
    let Ok(limit) = rlimit::increase_nofile_limit(u64::MAX) else {
        return wanted; // No limit to read (not a Unix system).
    };
    let in_use = open_now().unwrap_or(3);
    let room = limit.saturating_sub(in_use + SPARE).max(1);
    let room = usize::try_from(room).unwrap_or(usize::MAX);
    if room < wanted {
        crate::exit::note(format_args!(
            "note: fetching {room} at a time, not {wanted}: this process may have only {limit} \
             files open at once (ulimit -n)"
        ));
        room
    } else {
        wanted
    }
}

/// How many files this process has open (Linux; elsewhere unknown).
fn open_now() -> io::Result<u64> {
    Ok(std::fs::read_dir("/proc/self/fd")?.count() as u64)
}

/// If this process is short of files, why, in words: the error of a setup step that needed
/// some may say something else (rustls's "No CA certificates were loaded from the system",
/// when it could not open them). The files the step held are closed again by now (with the
/// runtime of a blocking client, which is gone with it), so "short" is fewer to spare than
/// the step needs: a runtime's few, and a folder and a file for the certificates.
pub(crate) fn out_of_files() -> Option<String> {
    const FEW: u64 = 8;
    let emfile = || too_many(&io::Error::from_raw_os_error(24));
    let (soft, _) = rlimit::getrlimit(rlimit::Resource::NOFILE).ok()?;
    match open_now() {
        Ok(in_use) if soft.saturating_sub(in_use) < FEW => emfile(),
        Ok(_) => None,
        Err(e) => too_many(&e),
    }
}

/// A file that cannot be read or written: [`Fatal::Input`] (exit code 2), but for too many
/// open files, which is no fault of the input ([`Fatal::Setup`], exit code 1).
///
/// [`Fatal::Input`]: crate::Fatal::Input
/// [`Fatal::Setup`]: crate::Fatal::Setup
pub fn file_failed(what: impl std::fmt::Display, e: &io::Error) -> crate::Fatal {
    match too_many(e) {
        Some(why) => crate::Fatal::Setup(format!("{what}: {why}")),
        None => crate::Fatal::Input(format!("{what}: {e}")),
    }
}

/// EMFILE (this process) or ENFILE (the whole system), in words with the limit.
pub(crate) fn too_many(e: &io::Error) -> Option<String> {
    matches!(e.raw_os_error(), Some(23 | 24)).then(|| {
        let limit = rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(0, |(soft, _)| soft);
        format!("too many open files (ulimit -n is {limit})")
    })
}

/// Runs a setup step that may panic where it should return an error, and gives such a
/// panic's message as the error, without the panic's lines on stderr. tokio's signal
/// driver, part of every runtime once any crate of the build enables tokio's `signal`
/// (areq does, for Ctrl-C), `expect`s a socket pair: under `ulimit -n 6` there is none, and
/// reqwest's blocking client (which builds one) panics. (The runtime of an async program is
/// vclock's, which catches that panic of its own.)
#[cfg(feature = "blocking")]
pub(crate) fn without_panic<T>(step: impl FnOnce() -> T) -> Result<T, String> {
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::Mutex;
    // The first panic's message: a blocking client's runtime panics on its own thread,
    // then `build` panics on ours with a message that says less.
    static FIRST: Mutex<Option<String>> = Mutex::new(None);
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or("a panic").to_owned();
        let mut first = FIRST.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(message);
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(step));
    panic::set_hook(hook);
    let first = FIRST.lock().unwrap_or_else(|e| e.into_inner()).take();
    result.map_err(|_| {
        let message = first.unwrap_or_default();
        // The io::Error in the message is in its Debug form: `Os { code: 24, ... }`.
        let code = [23, 24]
            .into_iter()
            .find(|n| message.contains(&format!("code: {n},")));
        code.and_then(|n| too_many(&io::Error::from_raw_os_error(n)))
            .unwrap_or(message)
    })
}
