//! Mixed calls checked against `tests/data/cpython_3_11_7.txt`: test vectors printed by
//! CPython 3.11.7's random module from a scratch script (kept outside the crate), covering
//! small, negative, 64-bit, 128-bit and wider seeds, including keys longer than 624 words.

use pyrandom::{Random, Seed};

const VECTORS: &str = include_str!("data/cpython_3_11_7.txt");

/// Hex of a little-endian word list, as Python's `format(n, "x")`.
fn hex(words: &[u32]) -> String {
    let mut digits: String = words.iter().rev().map(|w| format!("{w:08x}")).collect();
    let trimmed = digits.trim_start_matches('0').len();
    digits.drain(..digits.len() - trimmed);
    if digits.is_empty() {
        "0".into()
    } else {
        digits
    }
}

fn bytes_from_hex(hex: &str) -> Vec<u8> {
    let padded = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_owned()
    };
    (0..padded.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&padded[i..i + 2], 16).unwrap())
        .collect()
}

/// Checks a float against Python's `repr` and `'%.2f'`.
fn check_float(x: f64, repr: &str, fixed: &str, line: &str) {
    let want: f64 = repr.parse().unwrap();
    assert_eq!(x.to_bits(), want.to_bits(), "{line}");
    // Python switches repr to exponent form below 1e-4 and from 1e16; Rust's Debug does at
    // other points, so only compare the digits where both print plain decimals.
    if x == 0.0 || (1e-4..1e16).contains(&x.abs()) {
        assert_eq!(format!("{x:?}"), repr, "{line}");
    }
    assert_eq!(format!("{x:.2}"), fixed, "{line}");
}

#[test]
fn mixed_calls_match_cpython() {
    let mut rng: Option<Random> = None;
    let (mut seeds, mut calls) = (0, 0);
    for line in VECTORS.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split(' ').collect();
        let int = |i: usize| f[i].parse::<i64>().unwrap();
        if f[0] == "seed" {
            let seed: Seed = f[1].parse().unwrap();
            assert_eq!(seed, Seed::from_be_bytes(&bytes_from_hex(f[2])));
            assert_eq!(hex(seed.words()), f[2]);
            rng = Some(Random::new(seed));
            seeds += 1;
            continue;
        }
        let r = rng.as_mut().expect("a seed line comes first");
        let short = &line[..line.len().min(80)];
        match f[0] {
            "getrandbits" => {
                let k: u32 = f[1].parse().unwrap();
                // Both forms, on clones, must agree with Python and each other.
                let mut other = r.clone();
                let words = r.getrandbits_words(k);
                assert_eq!(hex(&words), f[2], "{short}");
                if k <= 128 {
                    assert_eq!(format!("{:x}", other.getrandbits(k)), f[2], "{short}");
                    assert_eq!(&other, r);
                }
            }
            "randint" => assert_eq!(r.randint(int(1), int(2)), int(3), "{short}"),
            "randrange1" => assert_eq!(r.randrange(0, int(1)).unwrap(), int(2), "{short}"),
            "randrange" => assert_eq!(r.randrange(int(1), int(2)).unwrap(), int(3), "{short}"),
            "randrange_step" => assert_eq!(
                r.randrange_step(int(1), int(2), int(3)).unwrap(),
                int(4),
                "{short}"
            ),
            "random" => check_float(r.random(), f[1], f[2], short),
            "uniform" => {
                let (a, b) = (f[1].parse().unwrap(), f[2].parse().unwrap());
                check_float(r.uniform(a, b), f[3], f[4], short);
            }
            "choice" => {
                let items: Vec<i64> = (0..int(1)).collect();
                assert_eq!(r.choice(&items), Some(&int(2)), "{short}");
            }
            "shuffle" => {
                let mut items: Vec<i64> = (0..int(1)).collect();
                r.shuffle(&mut items);
                let want: Vec<i64> = f[2..].iter().map(|s| s.parse().unwrap()).collect();
                assert_eq!(items, want, "{short}");
            }
            other => panic!("unknown call {other:?}"),
        }
        calls += 1;
    }
    assert_eq!(seeds, 13);
    assert!(calls >= 700, "only {calls} calls checked");
}
