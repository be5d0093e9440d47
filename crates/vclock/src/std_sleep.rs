//! `std::thread::sleep` itself follows the paused clock (Linux).
//!
//! A learner who writes `std::thread::sleep` where the examples write
//! `vclock::thread::sleep` should be graded the same way: on the paused clock the two must
//! behave alike. std sleeps through libc's `clock_nanosleep`, and a program's own definition
//! of that C function is the one its calls bind to. So vclock defines it (and `nanosleep`): in real time (no
//! `VCLOCK_PAUSED=1`) it makes the system call, as libc's does; on the paused clock it is
//! [`crate::thread::sleep`] wherever a paused runtime can take the sleep, and the system
//! call anywhere else.

use std::time::Duration;

/// A relative sleep on the paused clock, if a paused runtime can take it.
///
/// # Safety
/// `request` is null or points to a valid `timespec`.
unsafe fn paused(request: *const libc::timespec) -> bool {
    if !crate::is_paused() || request.is_null() {
        return false;
    }
    // SAFETY: not null, and valid by this function's contract.
    let time = unsafe { *request };
    match (u64::try_from(time.tv_sec), u32::try_from(time.tv_nsec)) {
        (Ok(secs), Ok(nanos)) if nanos < 1_000_000_000 => {
            crate::thread::try_sleep_paused(Duration::new(secs, nanos))
        }
        _ => false,
    }
}

/// The C library's `clock_nanosleep`, which `std::thread::sleep` calls, for every caller in
/// this program. A relative sleep (`flags` 0) follows the paused clock under test.
///
/// # Safety
/// As libc's: `request` points to a valid `timespec`, and `remaining` is null or points
/// to one that may be written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn clock_nanosleep(
    clock: libc::clockid_t,
    flags: libc::c_int,
    request: *const libc::timespec,
    remaining: *mut libc::timespec,
) -> libc::c_int {
    // SAFETY: the caller's pointer, valid by this function's contract.
    if flags == 0 && unsafe { paused(request) } {
        return 0;
    }
    // SAFETY: the system call takes the caller's pointers as they are, as libc's does.
    let done =
        unsafe { libc::syscall(libc::SYS_clock_nanosleep, clock, flags, request, remaining) };
    // Unlike most, this function returns the error number itself.
    if done == -1 {
        std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EINVAL)
    } else {
        0
    }
}

/// The C library's `nanosleep`, for every caller in this program: under test, a sleep on
/// the paused clock.
///
/// # Safety
/// As libc's: `request` points to a valid `timespec`, and `remaining` is null or points
/// to one that may be written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nanosleep(
    request: *const libc::timespec,
    remaining: *mut libc::timespec,
) -> libc::c_int {
    // SAFETY: the caller's pointer, valid by this function's contract.
    if unsafe { paused(request) } {
        return 0;
    }
    // SAFETY: the system call takes the caller's pointers as they are, as libc's does.
    unsafe { libc::syscall(libc::SYS_nanosleep, request, remaining) as libc::c_int }
}

/// A sleep in real time, whatever the clock: for vclock's own short waits.
pub(crate) fn real_sleep(duration: Duration) {
    let mut request = libc::timespec {
        tv_sec: duration.as_secs().try_into().unwrap_or(libc::time_t::MAX),
        tv_nsec: duration.subsec_nanos().into(),
    };
    let request: *mut libc::timespec = &mut request;
    // Interrupted by a signal: sleep what remains, which the call writes back.
    // SAFETY: both pointers are to this local timespec, which outlives the calls.
    while unsafe { libc::syscall(libc::SYS_nanosleep, request, request) } == -1
        && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
    {}
}
