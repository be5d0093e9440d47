//! Reference values printed by CPython 3.11.7 after `random.seed(444)`, in tables, plus
//! CPython's seeding and `randbelow` rules.

use pyrandom::{Random, Seed};

fn rng444() -> Random {
    Random::new(444)
}

/// The panics these tests cause on purpose, by their messages' start.
const EXPECTED_PANICS: [&str; 3] = [
    "getrandbits(129): ",
    "randbelow(0): ",
    "empty range for randrange() ",
];

/// Leaves out the report of a panic caused on purpose: with `RUST_BACKTRACE` set, the report
/// resolves a backtrace, which costs a test binary this large a tenth of a second. Any
/// other panic is reported as usual, and a test still sees every panic as before.
fn quiet_expected_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = (payload.downcast_ref::<String>().map(String::as_str))
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or_default();
            if !EXPECTED_PANICS
                .iter()
                .any(|start| message.starts_with(start))
            {
                report(info);
            }
        }));
    });
}

/// Table 1: `getrandbits(32)` x 12, the generator's first raw outputs.
const RAW_444: [u32; 12] = [
    0x4f13_b86d,
    0x49ae_3970,
    0x0363_88bd,
    0x4f23_835c,
    0x7c04_1935,
    0x46b5_7a60,
    0xdc89_f2cd,
    0x4d44_dee2,
    0xbe1d_a273,
    0x8394_a5a9,
    0xa245_0762,
    0xe6be_81f2,
];

#[test]
fn table1_raw_outputs() {
    let decimal: [u128; 12] = [
        1326692461, 1236154736, 56854717, 1327727452, 2080643381, 1186298464, 3700028109,
        1296359138, 3189613171, 2207557033, 2722432866, 3871244786,
    ];
    let mut rng = rng444();
    for (i, (&hex, &dec)) in RAW_444.iter().zip(&decimal).enumerate() {
        let v = rng.getrandbits(32);
        assert_eq!(v, u128::from(hex), "draw {}", i + 1);
        assert_eq!(v, dec, "draw {}", i + 1);
    }
}

#[test]
fn table2_randint_0_10() {
    let expected = [4, 4, 0, 4, 7, 4, 4, 8, 10, 7, 8, 4, 7, 1, 6, 9, 3, 9, 7, 10];
    let mut rng = rng444();
    let got: Vec<i64> = (0..20).map(|_| rng.randint(0, 10)).collect();
    assert_eq!(got, expected);
}

#[test]
fn table2_rejected_draws_consume_outputs() {
    // The 4-bit draws listed in table 2: 26 outputs for 20 values.
    let draws = [
        4, 4, 0, 4, 7, 4, 13, 4, 11, 8, 10, 14, 7, 8, 4, 7, 1, 6, 9, 15, 3, 9, 7, 15, 11, 10,
    ];
    let mut raw = rng444();
    for d in draws {
        assert_eq!(raw.getrandbits(4), d);
    }
    let mut rng = rng444();
    for _ in 0..20 {
        rng.randint(0, 10);
    }
    assert_eq!(rng, raw, "20 randint(0, 10) calls use exactly 26 outputs");
}

#[test]
fn table3_random() {
    let expected: [(&str, u64); 10] = [
        ("0.3088946587429545", 2782275740023013),
        ("0.01323751590501987", 119232943394317),
        ("0.4844375347808497", 4363425402246633),
        ("0.8614799253779063", 7759521341838203),
        ("0.7426396870165088", 6689103635436182),
        ("0.6338658027451068", 5709355586091527),
        ("0.4419557492849159", 3980783495587591),
        ("0.3113884366691503", 2804737694701333),
        ("0.07422124156714727", 668525511729560),
        ("0.5796792804615848", 5221286782962381),
    ];
    let mut rng = rng444();
    for (i, (repr, numerator)) in expected.into_iter().enumerate() {
        let x = rng.random();
        // Exact: the numerator scaled back by 2**53 is the very same double.
        assert_eq!(
            x * 9_007_199_254_740_992.0,
            numerator as f64,
            "row {}",
            i + 1
        );
        assert_eq!(
            x.to_bits(),
            (numerator as f64 / 9_007_199_254_740_992.0).to_bits()
        );
        assert_eq!(format!("{x:?}"), repr, "row {}", i + 1);
    }
}

#[test]
fn table3_random_uses_two_outputs_27_then_26_bits() {
    let mut rng = rng444();
    let x = rng.random();
    let a = u64::from(RAW_444[0] >> 5);
    let b = u64::from(RAW_444[1] >> 6);
    assert_eq!(x * 9_007_199_254_740_992.0, ((a << 26) + b) as f64);
    assert_eq!(rng.getrandbits(32), u128::from(RAW_444[2]));
}

#[test]
fn table4_uniform_0_10() {
    let expected = [
        "3.088946587429545",
        "0.1323751590501987",
        "4.844375347808497",
        "8.614799253779063",
        "7.426396870165089",
        "6.338658027451069",
        "4.419557492849159",
        "3.1138843666915026",
        "0.7422124156714727",
        "5.796792804615848",
    ];
    let mut rng = rng444();
    for (i, repr) in expected.into_iter().enumerate() {
        let x = rng.uniform(0.0, 10.0);
        assert_eq!(format!("{x:?}"), repr, "row {}", i + 1);
        assert_eq!(x, repr.parse::<f64>().unwrap());
    }
}

#[test]
fn table5_randint_1_5() {
    let mut rng = rng444();
    let got: Vec<i64> = (0..10).map(|_| rng.randint(1, 5)).collect();
    assert_eq!(got, [3, 3, 1, 3, 4, 3, 3, 5, 4, 5]);
}

#[test]
fn table6_getrandbits_32_then_70() {
    let mut rng = rng444();
    for &raw in &RAW_444[..5] {
        assert_eq!(rng.getrandbits(32), u128::from(raw));
    }
    assert_eq!(rng.getrandbits(70), 366379637124103502432);
    assert_eq!(rng.getrandbits(70), 747351148212361470579);
    assert_eq!(366379637124103502432_u128, 0x13_dc89_f2cd_46b5_7a60);
}

#[test]
fn table6_getrandbits_70_after_seed() {
    let mut rng = rng444();
    assert_eq!(rng.getrandbits(70), 5309244165242206317);
    assert_eq!(rng.getrandbits(70), 322530944530423972700);

    let mut words = rng444();
    assert_eq!(
        words.getrandbits_words(70),
        [0x4f13_b86d, 0x49ae_3970, 0x00]
    );
    assert_eq!(
        words.getrandbits_words(70),
        [0x4f23_835c, 0x7c04_1935, 0x11]
    );
    assert_eq!(words, rng);
}

#[test]
fn getrandbits_edge_sizes() {
    let mut rng = rng444();
    // k = 0 draws nothing.
    assert_eq!(rng.getrandbits(0), 0);
    assert!(rng.getrandbits_words(0).is_empty());
    assert_eq!(rng, rng444());
    // k <= 32 keeps the top bits of one output.
    assert_eq!(rng.getrandbits(1), u128::from(RAW_444[0] >> 31));
    assert_eq!(rng.getrandbits(31), u128::from(RAW_444[1] >> 1));
    // 64 bits: two whole outputs, first one low.
    let v = rng.getrandbits(64);
    assert_eq!(v, u128::from(RAW_444[2]) | (u128::from(RAW_444[3]) << 32));
    // 128 bits: four whole outputs.
    let v = rng.getrandbits(128);
    let want = (0..4).fold(0_u128, |acc, i| {
        acc | (u128::from(RAW_444[4 + i]) << (32 * i))
    });
    assert_eq!(v, want);
    // Words for k > 128 match the same stream.
    let mut a = rng444();
    let mut b = rng444();
    let words = a.getrandbits_words(200);
    assert_eq!(words.len(), 7);
    assert_eq!(&words[..6], &RAW_444[..6]);
    assert_eq!(words[6], RAW_444[6] >> 24);
    assert_eq!(b.getrandbits(128), a_value(&words[..4]));
}

fn a_value(words: &[u32]) -> u128 {
    words
        .iter()
        .rev()
        .fold(0, |acc, &w| (acc << 32) | u128::from(w))
}

#[test]
#[should_panic(expected = "getrandbits(129)")]
fn getrandbits_over_128_panics_clearly() {
    quiet_expected_panics();
    rng444().getrandbits(129);
}

#[test]
fn negative_seed_equals_positive() {
    assert_eq!(Random::new(-444), Random::new(444));
    assert_eq!(Random::new(-444_i16), Random::new(444_u64));
    assert_eq!(Random::new(i64::MIN), Random::new(1_u64 << 63));
    let mut rng = Random::new(444);
    rng.seed(-444);
    assert_eq!(rng.getrandbits(32), u128::from(RAW_444[0]));
}

#[test]
fn seed_zero_and_every_primitive_type() {
    let zero = Random::new(0);
    assert_eq!(zero, Random::new(Seed::from_le_words(&[])));
    assert_ne!(zero, Random::new(444));
    let mut rng = zero.clone();
    // CPython 3.11.7: random.seed(0); random.getrandbits(32)
    assert_eq!(rng.getrandbits(32), 3626764237);
    let all = [
        Random::new(44_u8),
        Random::new(44_i8),
        Random::new(44_u16),
        Random::new(44_i16),
        Random::new(44_u32),
        Random::new(44_i32),
        Random::new(44_u64),
        Random::new(44_i64),
        Random::new(44_u128),
        Random::new(44_i128),
        Random::new(44_usize),
        Random::new(44_isize),
    ];
    assert!(all.iter().all(|r| *r == all[0]));
}

#[test]
fn wide_seeds_use_longer_keys() {
    let two_32 = Seed::from(1_u64 << 32);
    assert_eq!(two_32.words(), &[0, 1]);
    // 2**32 is not 0 or 1 with the high word dropped.
    assert_ne!(Random::new(&two_32), Random::new(0));
    assert_ne!(Random::new(&two_32), Random::new(1));
    // CPython 3.11.7: random.seed(2**32); random.getrandbits(32)
    assert_eq!(Random::new(two_32).getrandbits(32), 485_306_839);

    let big = Seed::from((1_u128 << 64) + 5);
    assert_eq!(big.words(), &[5, 0, 1]);
    assert_ne!(Random::new(&big), Random::new(5));
    assert_eq!(
        Random::new(&big),
        Random::new(Seed::from_le_words(&[5, 0, 1, 0]))
    );
    let mut rng = Random::new(big);
    let _ = rng.random();
}

#[test]
fn randint_a_equals_b_consumes_a_draw() {
    let mut rng = rng444();
    assert_eq!(rng.randint(3, 3), 3);
    // randbelow(1) takes 1-bit draws until one is 0: output 1 has top bit 0.
    assert_eq!(RAW_444[0] >> 31, 0);
    assert_eq!(rng.getrandbits(32), u128::from(RAW_444[1]));
}

#[test]
fn randbelow_uses_bit_length_of_n() {
    // randint(0, 7) is randbelow(8): 8 has bit length 4, so 4-bit draws with 8..=15 rejected.
    // A "(n - 1).bit_length()" rule would take 3-bit draws and never reject.
    let mut real = rng444();
    let values: Vec<i64> = (0..10).map(|_| real.randint(0, 7)).collect();

    let mut four = rng444();
    let mut three = rng444();
    let mut via_four = Vec::new();
    while via_four.len() < 10 {
        let d = four.getrandbits(4);
        if d < 8 {
            via_four.push(d as i64);
        }
    }
    let via_three: Vec<i64> = (0..10).map(|_| three.getrandbits(3) as i64).collect();
    assert_eq!(values, via_four);
    assert_eq!(real, four, "stream position matches the 4-bit rule");
    assert_ne!(real, three, "and not the 3-bit rule");
    assert_ne!(values, via_three);
}

#[test]
fn randbelow_matches_randrange() {
    let mut a = rng444();
    let mut b = rng444();
    for n in [1_u64, 2, 5, 11, 1000, i64::MAX as u64] {
        assert_eq!(a.randbelow(n) as i64, b.randrange(0, n as i64).unwrap());
    }
    // randbelow(2**64 - 1) is randint(i64::MIN, i64::MAX - 1) shifted.
    let r = a.randbelow(u64::MAX);
    let v = b.randint(i64::MIN, i64::MAX - 1);
    assert_eq!(i128::from(r) + i128::from(i64::MIN), i128::from(v));
}

#[test]
#[should_panic(expected = "randbelow(0)")]
fn randbelow_zero_panics() {
    quiet_expected_panics();
    rng444().randbelow(0);
}

#[test]
fn randint_extreme_bounds() {
    let mut rng = rng444();
    for _ in 0..100 {
        let _ = rng.randint(i64::MIN, i64::MAX);
        let v = rng.randint(i64::MAX - 1, i64::MAX);
        assert!(v >= i64::MAX - 1);
        let v = rng.randint(i64::MIN, i64::MIN + 1);
        assert!(v <= i64::MIN + 1);
    }
}

#[test]
fn randint_empty_range_is_python_value_error() {
    quiet_expected_panics();
    let mut rng = rng444();
    let err = rng.try_randint(5, 3).unwrap_err();
    assert_eq!(err.to_string(), "empty range for randrange() (5, 4, -1)");
    assert_eq!(rng, rng444(), "nothing drawn");
    let result = std::panic::catch_unwind(move || rng444().randint(5, 4));
    let payload = result.unwrap_err();
    let message = payload.downcast_ref::<String>().unwrap();
    assert_eq!(message, "empty range for randrange() (5, 5, 0)");
}

#[test]
fn randrange_rules_and_messages() {
    let mut rng = rng444();
    let e = |r: Result<i64, pyrandom::ValueError>| r.unwrap_err().to_string();
    assert_eq!(
        e(rng.randrange(5, 5)),
        "empty range for randrange() (5, 5, 0)"
    );
    assert_eq!(
        e(rng.randrange(5, 3)),
        "empty range for randrange() (5, 3, -2)"
    );
    assert_eq!(e(rng.randrange_step(0, 10, 0)), "zero step for randrange()");
    assert_eq!(
        e(rng.randrange_step(0, 10, -1)),
        "empty range for randrange()"
    );
    assert_eq!(
        e(rng.randrange_step(10, 0, 1)),
        "empty range for randrange() (10, 0, -10)"
    );
    assert_eq!(
        e(rng.randrange_step(10, 0, 2)),
        "empty range for randrange()"
    );
    assert_eq!(rng, rng444(), "errors draw nothing");

    // randrange(start, stop) is start + randbelow(stop - start), same draws as randint.
    let mut a = rng444();
    let mut b = rng444();
    for _ in 0..50 {
        assert_eq!(a.randrange(0, 11).unwrap(), b.randint(0, 10));
    }
    // Steps: values stay on the grid and in range.
    for _ in 0..200 {
        let v = a.randrange_step(3, 30, 4).unwrap();
        assert!((3..30).contains(&v) && (v - 3) % 4 == 0);
        let v = a.randrange_step(30, 3, -4).unwrap();
        assert!((4..=30).contains(&v) && (30 - v) % 4 == 0);
    }
    assert!(a.randrange_step(i64::MIN, i64::MAX, i64::MAX).is_ok());
}

#[test]
fn choice_and_shuffle() {
    let mut rng = rng444();
    let empty: [u8; 0] = [];
    assert_eq!(rng.choice(&empty), None);
    assert_eq!(rng, rng444());
    // choice(seq) is seq[randbelow(len)]: randbelow(11) on seed 444 gives 4 first.
    let items: Vec<i64> = (0..11).collect();
    assert_eq!(rng.choice(&items), Some(&4));

    let mut v: Vec<u32> = (0..10).collect();
    rng.shuffle(&mut v);
    let mut sorted = v.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..10).collect::<Vec<_>>());
    // Shuffling 0 or 1 elements draws nothing.
    let before = rng.clone();
    rng.shuffle(&mut [1]);
    rng.shuffle::<u8>(&mut []);
    assert_eq!(rng, before);
}

#[test]
fn module_level_functions_share_one_generator() {
    quiet_expected_panics();
    // The only test in this binary that touches the global generator.
    pyrandom::seed(444);
    assert_eq!(pyrandom::getrandbits(32), u128::from(RAW_444[0]));
    pyrandom::seed(444);
    let ints: Vec<i64> = (0..20).map(|_| pyrandom::randint(0, 10)).collect();
    assert_eq!(
        ints,
        [4, 4, 0, 4, 7, 4, 4, 8, 10, 7, 8, 4, 7, 1, 6, 9, 3, 9, 7, 10]
    );
    pyrandom::seed(-444_i32);
    assert_eq!(format!("{:?}", pyrandom::random()), "0.3088946587429545");
    assert_eq!(
        format!("{:?}", pyrandom::uniform(0.0, 10.0)),
        "0.1323751590501987"
    );
    let saved = pyrandom::getstate();
    let a = pyrandom::randrange(0, 1000).unwrap();
    pyrandom::setstate(&saved);
    assert_eq!(pyrandom::randrange(0, 1000).unwrap(), a);
    assert!(pyrandom::randrange_step(0, 10, 0).is_err());
    assert!(pyrandom::try_randint(2, 1).is_err());
    // A panic inside the lock leaves the global generator usable.
    let state = pyrandom::getstate();
    assert!(
        std::thread::spawn(|| pyrandom::randint(2, 1))
            .join()
            .is_err()
    );
    assert_eq!(pyrandom::getstate(), state);
    let _ = pyrandom::randbelow(10);
    let _ = pyrandom::getrandbits_words(100);
    let _ = pyrandom::choice(&[1, 2, 3]);
    pyrandom::shuffle(&mut [1, 2, 3]);
    // Usable from other threads.
    pyrandom::seed(444);
    let from_thread = std::thread::spawn(|| pyrandom::randint(0, 10))
        .join()
        .unwrap();
    assert_eq!(from_thread, 4);
}
