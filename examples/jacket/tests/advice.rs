//! `cargo test -p jacket`: the advice agrees with the temperature drawn.
//!
//! The golden (golden/jacket.out) leaves both the temperature and the advice free, because
//! the draw is unseeded; it cannot see whether they agree. This test runs the example many
//! times on the paused clock and checks every run: the temperature is within 10..=40, and
//! below 20 the advice is to wear a jacket, otherwise not to. It keeps going until it has
//! seen both advices (about one run in three is below 20), up to a limit.

use std::process::Command;

const MIN_RUNS: usize = 200;
const MAX_RUNS: usize = 500;

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
    let (mut cold, mut warm) = (0, 0);
    let mut runs = 0;
    while runs < MIN_RUNS || (runs < MAX_RUNS && (cold == 0 || warm == 0)) {
        let (temperature, advice) = run_once();
        runs += 1;
        assert!(
            (10..=40).contains(&temperature),
            "temperature {temperature} outside randint(10, 40)"
        );
        let expected = if temperature < 20 {
            cold += 1;
            "Wear a jacket!"
        } else {
            warm += 1;
            "Don't wear a jacket!"
        };
        assert_eq!(advice, expected, "the advice for {temperature}");
    }
    assert!(
        cold > 0 && warm > 0,
        "after {runs} runs, {cold} cold and {warm} warm: the draw is not random"
    );
}
