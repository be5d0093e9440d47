//! [`Random`]: one generator, like an instance of Python's `random.Random`.

use std::fmt;

use rand_mt::Mt;

use crate::{Seed, ValueError};

/// MT19937 state size in 32-bit words.
const N: usize = 624;

/// A CPython-compatible random generator, like Python's `random.Random`.
///
/// Every method draws the same 32-bit Mersenne Twister outputs, in the same order, as the
/// CPython method of the same name, so a `Random` seeded like a Python generator returns the
/// same values bit for bit (checked against CPython 3.11.7).
///
/// ```
/// use pyrandom::Random;
///
/// let mut rng = Random::new(444);
/// assert_eq!(rng.random(), 0.3088946587429545);
/// assert_eq!(rng.randint(0, 10), 0);
/// ```
///
/// `Random` implements `Clone` and `Eq`: a clone is a saved state (Python's `getstate()`),
/// and two generators compare equal exactly when their Mersenne Twister states and positions
/// are equal, so they will draw the same stream.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Random {
    mt: Mt,
}

impl fmt::Debug for Random {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // 624 words of state are noise in a debug print.
        f.write_str("Random { .. }")
    }
}

impl Default for Random {
    /// Same as [`Random::from_entropy`], like Python's `random.Random()` with no seed.
    fn default() -> Self {
        Self::from_entropy()
    }
}

impl Random {
    /// A generator seeded like Python's `random.Random(seed)` / `random.seed(seed)` with an
    /// integer: any primitive integer, or a [`Seed`] for wider ones. The sign is ignored.
    #[must_use]
    pub fn new(seed: impl Into<Seed>) -> Self {
        Self {
            mt: mt_from_key(seed.into().words()),
        }
    }

    /// A generator seeded from a little process-local entropy (not cryptographic), the way
    /// Python seeds `random` when no seed is given.
    ///
    /// std has no OS random source, so the key is hashed with [`std::hash::RandomState`]
    /// (whose keys std draws from the OS) together with the time, the process id, the
    /// thread and a counter. Streams from different calls are unrelated, and none of them
    /// can be reproduced: call [`Random::seed`] for a repeatable one.
    #[must_use]
    pub fn from_entropy() -> Self {
        Self::new(Seed::from_le_words(&entropy_key()))
    }

    /// Reseeds in place, like Python's `random.seed(n)` for an integer `n`.
    pub fn seed(&mut self, seed: impl Into<Seed>) {
        self.mt = mt_from_key(seed.into().words());
    }

    /// `k` random bits as an integer, like Python's `getrandbits(k)`, for `k <= 128`.
    ///
    /// `k == 0` gives 0 and draws nothing; `k <= 32` keeps the top `k` bits of one 32-bit
    /// output; larger `k` uses `ceil(k / 32)` outputs, the first one least significant.
    /// For more than 128 bits use [`Random::getrandbits_words`].
    ///
    /// # Panics
    ///
    /// If `k > 128`, before drawing anything (a `u128` cannot hold the result).
    pub fn getrandbits(&mut self, k: u32) -> u128 {
        assert!(
            k <= 128,
            "getrandbits({k}): more than 128 bits do not fit in u128; use getrandbits_words"
        );
        let mut value = 0_u128;
        let mut shift = 0;
        let mut left = k;
        while left > 0 {
            value |= u128::from(self.next_chunk(left)) << shift;
            shift += 32;
            left = left.saturating_sub(32);
        }
        value
    }

    /// `k` random bits for any `k`, as 32-bit words, least significant word first
    /// (`value = sum(words[i] << (32 * i))`); draws exactly what Python's `getrandbits(k)`
    /// draws. The result has `ceil(k / 32)` words, so `k == 0` gives an empty vector (zero).
    pub fn getrandbits_words(&mut self, k: u32) -> Vec<u32> {
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            words.push(self.next_chunk(left));
            left = left.saturating_sub(32);
        }
        words
    }

    /// A uniform integer in `0..n`, like CPython's internal `_randbelow(n)` that `randint`,
    /// `randrange`, `choice` and `shuffle` use: draws `getrandbits(k)` with `k` the bit
    /// length of `n` itself (not of `n - 1`) until the draw is below `n`.
    ///
    /// # Panics
    ///
    /// If `n == 0` (the range is empty; CPython never calls it so).
    pub fn randbelow(&mut self, n: u64) -> u64 {
        assert!(n > 0, "randbelow(0): the range 0..0 is empty");
        // The draw is below n, so it fits in u64.
        self.randbelow_u128(u128::from(n)) as u64
    }

    /// A uniform integer in `a..=b`, like Python's `random.randint(a, b)`.
    ///
    /// # Panics
    ///
    /// If `a > b`, with Python's `ValueError` message, before drawing anything; use
    /// [`Random::try_randint`] to get the error as a value instead.
    pub fn randint(&mut self, a: i64, b: i64) -> i64 {
        self.try_randint(a, b).unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Random::randint`] returning Python's `ValueError` for `a > b` instead of panicking.
    ///
    /// # Errors
    ///
    /// `a > b`: "empty range for randrange() (a, b + 1, b + 1 - a)", as CPython 3.11 says.
    pub fn try_randint(&mut self, a: i64, b: i64) -> Result<i64, ValueError> {
        self.randrange_wide(i128::from(a), i128::from(b) + 1, 1)
    }

    /// A uniform integer in `start..stop`, like Python's `random.randrange(start, stop)`.
    /// Python's one-argument `randrange(stop)` draws the same as `randrange(0, stop)`.
    ///
    /// # Errors
    ///
    /// `start >= stop`: "empty range for randrange() (start, stop, stop - start)", as
    /// CPython 3.11 says. Nothing is drawn.
    pub fn randrange(&mut self, start: i64, stop: i64) -> Result<i64, ValueError> {
        self.randrange_wide(i128::from(start), i128::from(stop), 1)
    }

    /// A uniform pick from `start, start + step, ...` stopping before `stop`, like Python's
    /// `random.randrange(start, stop, step)`.
    ///
    /// # Errors
    ///
    /// With CPython 3.11's messages, and without drawing: "zero step for randrange()" for
    /// `step == 0`, and for a range with no elements "empty range for randrange()" (or, when
    /// `step == 1`, the message of [`Random::randrange`]).
    pub fn randrange_step(&mut self, start: i64, stop: i64, step: i64) -> Result<i64, ValueError> {
        self.randrange_wide(i128::from(start), i128::from(stop), i128::from(step))
    }

    /// A float in `[0, 1)` with 53 random bits, like Python's `random.random()`. Uses two
    /// 32-bit outputs: the first gives the top 27 bits, the second the low 26.
    pub fn random(&mut self) -> f64 {
        let a = self.mt.next_u32() >> 5;
        let b = self.mt.next_u32() >> 6;
        // a * 2**26 + b < 2**53, so every step here is exact.
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `a + (b - a) * random()`, like Python's `random.uniform(a, b)`, rounded the same way
    /// (the product, then the sum). `b < a` is allowed, as in Python.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// A uniformly chosen element, like Python's `random.choice(seq)`; `None` (and nothing
    /// drawn) for an empty slice, where Python raises `IndexError`.
    pub fn choice<'a, T>(&mut self, seq: &'a [T]) -> Option<&'a T> {
        if seq.is_empty() {
            return None;
        }
        // usize fits in u64 on every platform Rust supports, and the draw is below len.
        let i = self.randbelow(seq.len() as u64) as usize;
        seq.get(i)
    }

    /// Shuffles in place, like Python's `random.shuffle(x)`: from the last index down to 1,
    /// swap element `i` with element `randbelow(i + 1)`.
    pub fn shuffle<T>(&mut self, seq: &mut [T]) {
        for i in (1..seq.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            seq.swap(i, j);
        }
    }

    /// One `getrandbits` chunk: a full 32-bit output, or its top `left` bits when fewer than
    /// 32 bits are still needed.
    fn next_chunk(&mut self, left: u32) -> u32 {
        let r = self.mt.next_u32();
        if left < 32 { r >> (32 - left) } else { r }
    }

    /// `randbelow` for any `n` up to 2**64 (the width of `randint(i64::MIN, i64::MAX)`).
    fn randbelow_u128(&mut self, n: u128) -> u128 {
        debug_assert!(n > 0 && n <= 1 << 64);
        let k = u128::BITS - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }

    /// CPython 3.11's `randrange` rules, in i128 so no i64 range can overflow.
    fn randrange_wide(&mut self, start: i128, stop: i128, step: i128) -> Result<i64, ValueError> {
        let width = stop - start;
        let n = if step == 1 {
            if width <= 0 {
                return Err(ValueError::new(format!(
                    "empty range for randrange() ({start}, {stop}, {width})"
                )));
            }
            width
        } else {
            let n = match step.signum() {
                1 => floor_div(width + step - 1, step),
                -1 => floor_div(width + step + 1, step),
                _ => return Err(ValueError::new("zero step for randrange()")),
            };
            if n <= 0 {
                return Err(ValueError::new("empty range for randrange()"));
            }
            n
        };
        // 0 < n <= 2**64 because start and stop are i64.
        let r = self.randbelow_u128(n as u128) as i128;
        let value = start + step * r;
        // The value lies in the range between two i64 bounds, so it is an i64.
        Ok(i64::try_from(value).expect("randrange result lies between its i64 bounds"))
    }
}

/// Python's `//` (rounds toward negative infinity).
fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// The generator CPython's `init_by_array(key)` produces.
///
/// rand_mt's `new_with_key` runs the first mixing pass for exactly 624 steps, which matches
/// CPython's `max(624, key length)` only for keys of at most 624 words (seeds below
/// 2**19968); longer keys take the full-length path below.
fn mt_from_key(key: &[u32]) -> Mt {
    if key.len() <= N {
        Mt::new_with_key(key.iter().copied())
    } else {
        // `Mt::from` untempers 624 outputs into the state and marks it used up, which is
        // exactly the state init_by_array leaves; tempering first makes it load our words.
        Mt::from(init_by_array(key).map(temper))
    }
}

/// The reference `init_by_array`, for any non-empty key length (written from the spec).
#[allow(
    clippy::cast_possible_truncation,
    reason = "indices wrap mod 2**32 as in MT"
)]
fn init_by_array(key: &[u32]) -> [u32; N] {
    let mut mt = [0_u32; N];
    mt[0] = 19_650_218;
    for i in 1..N {
        mt[i] = 1_812_433_253_u32
            .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
            .wrapping_add(i as u32);
    }
    let mix = |mt: &[u32; N], i: usize, factor: u32| {
        mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(factor)
    };
    let (mut i, mut j) = (1, 0);
    for _ in 0..N.max(key.len()) {
        mt[i] = mix(&mt, i, 1_664_525)
            .wrapping_add(key[j])
            .wrapping_add(j as u32);
        i += 1;
        j += 1;
        if i == N {
            mt[0] = mt[N - 1];
            i = 1;
        }
        if j == key.len() {
            j = 0;
        }
    }
    for _ in 1..N {
        mt[i] = mix(&mt, i, 1_566_083_941).wrapping_sub(i as u32);
        i += 1;
        if i == N {
            mt[0] = mt[N - 1];
            i = 1;
        }
    }
    // Top bit set so the state is never all zero.
    mt[0] = 0x8000_0000;
    mt
}

/// MT19937 output tempering.
fn temper(mut y: u32) -> u32 {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

/// A few words of non-reproducible entropy, from std only.
fn entropy_key() -> Vec<u32> {
    use std::hash::{BuildHasher, Hash, Hasher, RandomState};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::{SystemTime, UNIX_EPOCH};

    static CALLS: AtomicU64 = AtomicU64::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let state = RandomState::new();
    (0_u64..8)
        .flat_map(|word| {
            let mut h = state.build_hasher();
            (word, call, nanos, std::process::id()).hash(&mut h);
            std::thread::current().id().hash(&mut h);
            let v = h.finish();
            [v as u32, (v >> 32) as u32]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_length_init_matches_rand_mt_on_short_keys() {
        for key in [
            &[0][..],
            &[444],
            &[0, 1],
            &[1, 2, 3, 4, 5],
            &[7; 623],
            &[u32::MAX; 624],
        ] {
            assert!(
                Mt::from(init_by_array(key).map(temper)) == Mt::new_with_key(key.iter().copied()),
                "key of {} words",
                key.len()
            );
        }
    }

    #[test]
    fn rand_mt_alone_would_truncate_long_keys() {
        // Keys that differ only past word 624 must give different generators.
        let mut long = vec![1_u32; 700];
        let a = Random::new(Seed::from_le_words(&long));
        long[650] = 2;
        let b = Random::new(Seed::from_le_words(&long));
        assert_ne!(a, b);
        assert!(Mt::new_with_key(long.iter().copied()) != a.mt);
    }

    #[test]
    fn floor_div_is_pythons() {
        assert_eq!(floor_div(7, 2), 3);
        assert_eq!(floor_div(-7, 2), -4);
        assert_eq!(floor_div(7, -2), -4);
        assert_eq!(floor_div(-7, -2), 3);
        assert_eq!(floor_div(-6, 2), -3);
    }

    #[test]
    fn entropy_seeds_differ() {
        assert_ne!(Random::from_entropy(), Random::from_entropy());
        assert_eq!(format!("{:?}", Random::default()), "Random { .. }");
    }
}
