//! The open-file limit (`ulimit -n`): concurrency that fits it, and running out of files
//! said in words.
//!
//! Every request in flight holds a socket, and a socket is an open file. Past the limit,
//! opening one more fails with EMFILE ("Too many open files"): under `ulimit -n 64`, 64
//! requests at once would fail most of a long list. So the limit is raised as far as the
//! system allows (its hard limit, as Go and Python's asyncio servers commonly do), and the
//! concurrency asked for is lowered to what still fits.

use std::io;

use crate::Fatal;

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
        crate::note(format_args!(
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

/// EMFILE (this process) or ENFILE (the whole system), in words with the limit:
/// `too many open files (ulimit -n is 8)`; `None` for any other error.
pub fn too_many(e: &io::Error) -> Option<String> {
    matches!(e.raw_os_error(), Some(23 | 24)).then(|| {
        let limit = rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(0, |(soft, _)| soft);
        format!("too many open files (ulimit -n is {limit})")
    })
}

/// If this process is short of files, why, in words: the error of a setup step that needed
/// some may say something else (rustls's "No CA certificates were loaded from the system",
/// when it could not open them). The files the step held are closed again by now (with the
/// runtime of a blocking client, which is gone with it), so "short" is fewer to spare than
/// the step needs: a runtime's few, and a folder and a file for the certificates.
pub fn out_of_files() -> Option<String> {
    const FEW: u64 = 8;
    let emfile = || too_many(&io::Error::from_raw_os_error(24));
    let (soft, _) = rlimit::getrlimit(rlimit::Resource::NOFILE).ok()?;
    match open_now() {
        Ok(in_use) if soft.saturating_sub(in_use) < FEW => emfile(),
        Ok(_) => None,
        Err(e) => too_many(&e),
    }
}

/// A file that cannot be read or written: exit code 2, as for unusable input, but for too
/// many open files, which is no fault of the input (exit code 1). `what` says which file,
/// and what was done to it: `cannot read urls.txt`.
pub fn file_failed(what: impl std::fmt::Display, e: &io::Error) -> Fatal {
    match too_many(e) {
        Some(why) => Fatal::setup(format!("{what}: {why}")),
        None => Fatal::input(format!("{what}: {e}")),
    }
}

/// Runs a step that starts a tokio runtime, and gives its panic's message as an error,
/// without the panic's lines on stderr. tokio's signal driver, part of every runtime once
/// any crate of the build enables tokio's `signal` (areq does, for Ctrl-C), `expect`s a
/// socket pair: under `ulimit -n 6` there is none, and building the runtime panics where it
/// should fail. So do `#[vclock::main]`'s runtime and reqwest's blocking client, which
/// starts one on a thread of its own.
///
/// The message is the first panic's (the blocking client's runtime panics on its own
/// thread, then `build` panics on ours with a message that says less); for want of files,
/// in words (`too many open files (ulimit -n is 6)`).
pub fn without_panic<T>(step: impl FnOnce() -> T) -> Result<T, String> {
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::Mutex;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_its_message_and_running_out_of_files_is_words() {
        assert_eq!(without_panic(|| 7), Ok(7));
        let plain = without_panic(|| -> () { panic!("no luck") });
        assert_eq!(plain, Err("no luck".to_owned()));
        let emfile = without_panic(|| -> () {
            panic!("failed: Os {{ code: 24, kind: Uncategorized, message: \"Too many\" }}")
        });
        assert!(
            emfile
                .unwrap_err()
                .starts_with("too many open files (ulimit -n is ")
        );
    }

    #[test]
    fn a_missing_file_is_input_and_too_many_files_is_not() {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        let fatal = file_failed("cannot read urls.txt", &missing);
        assert_eq!(fatal.exit_code(), 2);
        assert!(fatal.to_string().starts_with("cannot read urls.txt: "));
        let emfile = file_failed("cannot read urls.txt", &io::Error::from_raw_os_error(24));
        assert_eq!(emfile.exit_code(), 1);
        assert!(
            emfile
                .to_string()
                .starts_with("cannot read urls.txt: too many open files (ulimit -n is ")
        );
    }
}
