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

/// If this process cannot open one more file now, why, in words: the error of a setup step
/// that needed one may say something else (rustls's "No CA certificates were loaded from
/// the system", when it could not open them).
pub(crate) fn out_of_files() -> Option<String> {
    std::fs::File::open("/dev/null")
        .err()
        .and_then(|e| too_many(&e))
}

/// EMFILE (this process) or ENFILE (the whole system), in words with the limit.
pub(crate) fn too_many(e: &io::Error) -> Option<String> {
    matches!(e.raw_os_error(), Some(23 | 24)).then(|| {
        let limit = rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(0, |(soft, _)| soft);
        format!("too many open files (ulimit -n is {limit})")
    })
}
