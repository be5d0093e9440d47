//! CPython-exact random draws, for Rust ports of Python programs that call `random.seed`.
//!
//! A Python program that seeds its generator (`random.seed(444)`) prints the same numbers on
//! every run; a faithful Rust port must print those same numbers. This crate reproduces what
//! CPython's `random` module draws, bit for bit: the same Mersenne Twister (MT19937, from the
//! [`rand_mt`] crate), the same integer seeding (`init_by_array` over the seed's 32-bit words),
//! and the same way of turning 32-bit outputs into `getrandbits`, `randint`, `randrange`,
//! `random`, `uniform`, `choice` and `shuffle` results. It is checked against values printed
//! by CPython 3.11.7.
//!
//! Like Python's module, the crate has free functions on one global generator, and a
//! [`Random`] type for separate generators:
//!
//! ```
//! pyrandom::seed(444);
//! assert_eq!(pyrandom::randint(0, 10), 4);
//!
//! let mut rng = pyrandom::Random::new(444);
//! assert_eq!(format!("{:?}", rng.random()), "0.3088946587429545"); // Python's repr
//! assert_eq!(rng.randint(1, 5), 1);
//! ```
//!
//! Only integer seeds are supported (Python's `seed(None)` is [`Random::from_entropy`];
//! seeding from `str`, `bytes` or floats is not). Integers of any size are: primitive
//! integers convert directly, wider ones go through [`Seed`].
//!
//! # Errors and panics
//!
//! Where Python raises `ValueError`, [`randrange`] and [`randrange_step`] return
//! `Err(`[`ValueError`]`)` with Python's message. [`randint`] returns a plain value as its
//! callers pass literal bounds, so it panics with Python's message when `a > b`;
//! [`try_randint`] returns the error instead. [`getrandbits`] panics for `k > 128`
//! (use [`getrandbits_words`]) and [`randbelow`] for `n == 0`. Every panic happens before
//! anything is drawn.

mod random;
mod seed;

use std::error::Error;
use std::fmt;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

pub use crate::random::Random;
pub use crate::seed::Seed;

/// The error Python reports as `ValueError`; its `Display` is Python's message, for example
/// `empty range for randrange() (5, 5, 0)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    message: String,
}

impl ValueError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The message Python would show after `ValueError: `.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error for ValueError {}

/// The module-level generator. Like Python, which seeds `random` from the OS when it is
/// imported, it starts from [`Random::from_entropy`] until [`seed`] is called.
static GLOBAL: LazyLock<Mutex<Random>> = LazyLock::new(|| Mutex::new(Random::from_entropy()));

fn global() -> MutexGuard<'static, Random> {
    // No method panics after it has started drawing, so a poisoned generator is still a
    // consistent one.
    GLOBAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Seeds the global generator, like Python's `random.seed(n)` with an integer `n`. Accepts any
/// primitive integer or a [`Seed`]; the sign is ignored, as in Python.
pub fn seed(seed: impl Into<Seed>) {
    let seed = seed.into();
    global().seed(seed);
}

/// Python's `random.getstate()`: a copy of the global generator, to resume from with
/// [`setstate`] or to draw from separately.
#[must_use]
pub fn getstate() -> Random {
    global().clone()
}

/// Python's `random.setstate(state)`: the global generator continues from `state`.
pub fn setstate(state: &Random) {
    global().clone_from(state);
}

/// [`Random::getrandbits`] on the global generator: Python's `random.getrandbits(k)` for
/// `k <= 128`.
///
/// # Panics
///
/// If `k > 128`; use [`getrandbits_words`].
pub fn getrandbits(k: u32) -> u128 {
    global().getrandbits(k)
}

/// [`Random::getrandbits_words`] on the global generator: `k` bits for any `k`, as 32-bit
/// words, least significant first.
pub fn getrandbits_words(k: u32) -> Vec<u32> {
    global().getrandbits_words(k)
}

/// [`Random::randbelow`] on the global generator: CPython's `_randbelow(n)`.
///
/// # Panics
///
/// If `n == 0`.
pub fn randbelow(n: u64) -> u64 {
    global().randbelow(n)
}

/// [`Random::randint`] on the global generator: Python's `random.randint(a, b)`.
///
/// # Panics
///
/// If `a > b`, with Python's message; see [`try_randint`].
pub fn randint(a: i64, b: i64) -> i64 {
    global().randint(a, b)
}

/// [`Random::try_randint`] on the global generator.
///
/// # Errors
///
/// `a > b`, with Python's `ValueError` message.
pub fn try_randint(a: i64, b: i64) -> Result<i64, ValueError> {
    global().try_randint(a, b)
}

/// [`Random::randrange`] on the global generator: Python's `random.randrange(start, stop)`.
///
/// # Errors
///
/// `start >= stop`, with Python's `ValueError` message.
pub fn randrange(start: i64, stop: i64) -> Result<i64, ValueError> {
    global().randrange(start, stop)
}

/// [`Random::randrange_step`] on the global generator: Python's
/// `random.randrange(start, stop, step)`.
///
/// # Errors
///
/// `step == 0` or an empty range, with Python's `ValueError` message.
pub fn randrange_step(start: i64, stop: i64, step: i64) -> Result<i64, ValueError> {
    global().randrange_step(start, stop, step)
}

/// [`Random::random`] on the global generator: Python's `random.random()`.
pub fn random() -> f64 {
    global().random()
}

/// [`Random::uniform`] on the global generator: Python's `random.uniform(a, b)`.
pub fn uniform(a: f64, b: f64) -> f64 {
    global().uniform(a, b)
}

/// [`Random::choice`] on the global generator: Python's `random.choice(seq)`, with `None`
/// for an empty slice.
pub fn choice<T>(seq: &[T]) -> Option<&T> {
    global().choice(seq)
}

/// [`Random::shuffle`] on the global generator: Python's `random.shuffle(x)`.
pub fn shuffle<T>(seq: &mut [T]) {
    global().shuffle(seq);
}
