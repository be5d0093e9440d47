//! `cargo test -p jacket`: the advice agrees with the temperature drawn.
//!
//! The golden (golden/jacket.out) leaves both the temperature and the advice free, because
//! the draw is unseeded; it cannot see whether they agree. This test runs the example many
//! times on the paused clock and checks every run: the temperature is within 10..=40, and
//! below 20 the advice is to wear a jacket, otherwise not to. It keeps going until it has
//! seen both sides of the threshold, 19 and 20 (about 45 runs on average; each of the 31
//! temperatures is as likely), up to a limit that a fair draw never reaches.

use std::process::Command;

/// The chance of 1,000 draws without a 19 is (30/31)^1000, about 6e-15.
const MAX_RUNS: usize = 1000;

/// The temperature and the advice of one run's last line.
fn run_once() -> (i64, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_jacket"))
        .env(vclock::PAUSED_ENV, "1")
        .output()
        .expect("the jacket example runs");
    assert!(output.status.success(), "jacket failed: {output:?}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let last = stdout.lines().last().expect("some output");
    let rest = last
        .strip_prefix("Temperature: ")
        .unwrap_or_else(|| panic!("unexpected last line {last:?}"));
    let (temperature, advice) = rest
        .split_once(' ')
        .unwrap_or_else(|| panic!("no advice in {last:?}"));
    let temperature = temperature
        .parse()
        .unwrap_or_else(|_| panic!("not an integer temperature in {last:?}"));
    (temperature, advice.to_owned())
}

#[test]
fn the_advice_agrees_with_the_temperature() {
    let (mut saw_19, mut saw_20) = (false, false);
    let mut runs = 0;
    while runs < MAX_RUNS && !(saw_19 && saw_20) {
        let (temperature, advice) = run_once();
        runs += 1;
        assert!(
            (10..=40).contains(&temperature),
            "temperature {temperature} outside randint(10, 40)"
        );
        let expected = if temperature < 20 {
            "Wear a jacket!"
        } else {
            "Don't wear a jacket!"
        };
        assert_eq!(advice, expected, "the advice for {temperature}");
        saw_19 |= temperature == 19;
        saw_20 |= temperature == 20;
    }
    assert!(
        saw_19 && saw_20,
        "after {runs} runs, 19 drawn: {saw_19}, 20 drawn: {saw_20}: the draw is not random"
    );
}
