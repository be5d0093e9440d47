//! The integer seed, held the way CPython's `random.seed(n)` consumes it.

use std::str::FromStr;

use crate::ValueError;

/// An integer seed for [`Random`](crate::Random), like the `n` in Python's `random.seed(n)`.
///
/// CPython ignores the sign of an integer seed, so a `Seed` stores only the magnitude, as
/// 32-bit words, least significant first, with no high zero words (zero is the single word
/// `0`). Those words are exactly the key CPython hands to the Mersenne Twister's
/// `init_by_array`.
///
/// Every primitive integer converts with [`From`], so `Random::new(444)` and
/// `Random::new(-5_i8)` both work. Integers wider than 128 bits can be built from words or
/// bytes, or parsed from their decimal text:
///
/// ```
/// use pyrandom::Seed;
///
/// // 2**64 + 5, three ways.
/// let a = Seed::from_le_words(&[5, 0, 1]);
/// let b = Seed::from_be_bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 5]);
/// let c: Seed = "18446744073709551621".parse().unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a, c);
/// assert_eq!(a, Seed::from(18_446_744_073_709_551_621_u128));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Seed {
    /// Magnitude, little-endian 32-bit words, trimmed, never empty.
    words: Vec<u32>,
}

impl Seed {
    /// The magnitude given as 32-bit words, least significant word first
    /// (`value = sum(words[i] << (32 * i))`). High zero words are ignored, and an empty slice
    /// means zero.
    #[must_use]
    pub fn from_le_words(words: &[u32]) -> Self {
        Self::trimmed(words.to_vec())
    }

    /// The magnitude given as bytes, most significant byte first, like Python's
    /// `int.from_bytes(bytes, "big")`. An empty slice means zero.
    #[must_use]
    pub fn from_be_bytes(bytes: &[u8]) -> Self {
        let words = bytes
            .rchunks(4)
            .map(|chunk| {
                chunk
                    .iter()
                    .fold(0_u32, |acc, &b| (acc << 8) | u32::from(b))
            })
            .collect();
        Self::trimmed(words)
    }

    /// The magnitude given as bytes, least significant byte first, like Python's
    /// `int.from_bytes(bytes, "little")`. An empty slice means zero.
    #[must_use]
    pub fn from_le_bytes(bytes: &[u8]) -> Self {
        let words = bytes
            .chunks(4)
            .map(|chunk| {
                chunk
                    .iter()
                    .rev()
                    .fold(0_u32, |acc, &b| (acc << 8) | u32::from(b))
            })
            .collect();
        Self::trimmed(words)
    }

    /// The key fed to `init_by_array`: the magnitude's 32-bit words, least significant first.
    /// Never empty; zero is `[0]`.
    #[must_use]
    pub fn words(&self) -> &[u32] {
        &self.words
    }

    fn trimmed(mut words: Vec<u32>) -> Self {
        // CPython sizes the key from the bit length, so high zero words never reach it,
        // but zero itself still gives one word.
        while words.len() > 1 && words.last() == Some(&0) {
            words.pop();
        }
        if words.is_empty() {
            words.push(0);
        }
        Self { words }
    }
}

macro_rules! seed_from_unsigned {
    ($($t:ty),*) => {$(
        impl From<$t> for Seed {
            #[allow(clippy::cast_possible_truncation, reason = "splitting into 32-bit words")]
            fn from(n: $t) -> Self {
                let mut n = u128::from(n);
                let mut words = Vec::with_capacity(4);
                loop {
                    words.push(n as u32);
                    n >>= 32;
                    if n == 0 {
                        break;
                    }
                }
                Self::trimmed(words)
            }
        }
    )*};
}

macro_rules! seed_from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for Seed {
            /// The sign is dropped, as in CPython: `seed(-n)` draws like `seed(n)`.
            fn from(n: $t) -> Self {
                Self::from(n.unsigned_abs())
            }
        }
    )*};
}

seed_from_unsigned!(u8, u16, u32, u64, u128);
seed_from_signed!(i8, i16, i32, i64, i128, isize);

impl From<usize> for Seed {
    fn from(n: usize) -> Self {
        // usize is at most 64 bits on every platform Rust supports.
        Self::from(n as u64)
    }
}

impl From<&Seed> for Seed {
    fn from(seed: &Seed) -> Self {
        seed.clone()
    }
}

impl FromStr for Seed {
    type Err = ValueError;

    /// Parses a decimal integer the way Python's `int(text)` does: surrounding whitespace,
    /// an optional sign, and single underscores between digits are accepted. The sign is
    /// then dropped, as `random.seed` does.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid =
            || ValueError::new(format!("invalid literal for int() with base 10: '{text}'"));
        let trimmed = text.trim();
        let digits = trimmed
            .strip_prefix(['+', '-'])
            .unwrap_or(trimmed)
            .as_bytes();
        if digits.is_empty()
            || digits.first() == Some(&b'_')
            || digits.last() == Some(&b'_')
            || digits.windows(2).any(|w| w == b"__")
        {
            return Err(invalid());
        }
        let mut words: Vec<u32> = vec![0];
        for &c in digits.iter().filter(|&&c| c != b'_') {
            if !c.is_ascii_digit() {
                return Err(invalid());
            }
            // words = words * 10 + digit, schoolbook style.
            let mut carry = u64::from(c - b'0');
            for w in &mut words {
                let t = u64::from(*w) * 10 + carry;
                *w = t as u32;
                carry = t >> 32;
            }
            if carry != 0 {
                words.push(carry as u32);
            }
        }
        Ok(Self::trimmed(words))
    }
}

#[cfg(test)]
mod tests {
    use super::Seed;

    #[test]
    fn primitive_seeds_split_into_le_words() {
        assert_eq!(Seed::from(0_u8).words(), &[0]);
        assert_eq!(Seed::from(444).words(), &[444]);
        assert_eq!(Seed::from(-444).words(), &[444]);
        assert_eq!(Seed::from(i8::MIN).words(), &[128]);
        assert_eq!(Seed::from(1_u64 << 32).words(), &[0, 1]);
        assert_eq!(Seed::from(u32::MAX).words(), &[u32::MAX]);
        assert_eq!(Seed::from(i128::MIN).words(), &[0, 0, 0, 0x8000_0000]);
        assert_eq!(Seed::from(usize::MAX), Seed::from(usize::MAX as u64));
    }

    #[test]
    fn word_and_byte_constructors_agree() {
        assert_eq!(Seed::from_le_words(&[]).words(), &[0]);
        assert_eq!(Seed::from_le_words(&[7, 0, 0]).words(), &[7]);
        assert_eq!(Seed::from_be_bytes(&[]).words(), &[0]);
        assert_eq!(Seed::from_le_bytes(&[0, 0]).words(), &[0]);
        let be = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06];
        let mut le = be;
        le.reverse();
        assert_eq!(Seed::from_be_bytes(&be).words(), &[0x0304_0506, 0x0102]);
        assert_eq!(Seed::from_le_bytes(&le), Seed::from_be_bytes(&be));
        assert_eq!(Seed::from_be_bytes(&be), Seed::from(0x0102_0304_0506_u64));
    }

    #[test]
    fn parses_python_int_text() {
        let parse = |s: &str| s.parse::<Seed>();
        assert_eq!(parse("0").unwrap(), Seed::from(0));
        assert_eq!(parse(" -444\n").unwrap(), Seed::from(444));
        assert_eq!(parse("+1_000").unwrap(), Seed::from(1000));
        assert_eq!(
            parse("123456789012345678901234567890").unwrap(),
            Seed::from(123_456_789_012_345_678_901_234_567_890_u128)
        );
        // 2**128 does not fit in u128.
        assert_eq!(
            parse("340282366920938463463374607431768211456")
                .unwrap()
                .words(),
            &[0, 0, 0, 0, 1]
        );
        for bad in ["", "-", "1__0", "_1", "1_", "12a", "0x10", "1.5"] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert_eq!(
            parse("12a").unwrap_err().to_string(),
            "invalid literal for int() with base 10: '12a'"
        );
    }
}
