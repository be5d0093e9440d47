//! Numbers on the command line and on the screen, as the Python originals read and print them.

use std::time::Duration;

/// A positive number of seconds, for a `--timeout` option: `10`, `0.5`. Too small a figure
/// (`1e-300`) rounds to no time at all and is refused too. Its errors are words for clap to
/// print after the value: `not a number`, `not a positive number of seconds`.
pub fn seconds(text: &str) -> Result<Duration, String> {
    match positive_seconds(text) {
        Some(duration) => Ok(duration),
        None if text.parse::<f64>().is_err() => Err("not a number".to_owned()),
        None => Err("not a positive number of seconds".to_owned()),
    }
}

/// The parse under [`seconds`], for a program that words its own error: a positive number
/// of seconds, or `None`.
pub fn positive_seconds(text: &str) -> Option<Duration> {
    text.parse::<f64>()
        .ok()
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .filter(|duration| !duration.is_zero())
}

/// A float as Python's `print` shows it (its `repr`). Rust's `{:?}` picks the same shortest
/// digits and, like Python, uses exponent notation only below 1e-4 and from 1e16 up, but it
/// writes the exponent differently: `1.7182e-5` and `1e16` where Python writes `1.7182e-05`
/// and `1e+16` (a sign, and at least two digits). So: print with `{:?}`, then rewrite the
/// exponent, if there is one.
pub fn py_float(x: f64) -> String {
    let debug = format!("{x:?}");
    match debug.split_once('e') {
        Some((digits, exponent)) => {
            let exponent: i32 = exponent.parse().expect("an exponent");
            let sign = if exponent < 0 { '-' } else { '+' };
            format!("{digits}e{sign}{:02}", exponent.abs())
        }
        None => debug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Python's `repr` prints for each value.
    #[test]
    fn floats_print_as_in_python() {
        assert_eq!(py_float(0.0), "0.0");
        assert_eq!(py_float(10.0), "10.0");
        assert_eq!(py_float(4.005879262999997), "4.005879262999997");
        assert_eq!(py_float(0.0001), "0.0001");
        assert_eq!(py_float(0.00001), "1e-05");
        assert_eq!(py_float(1.7182e-5), "1.7182e-05");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(9999999999999998.0), "9999999999999998.0");
    }

    #[test]
    fn seconds_are_positive_numbers() {
        assert_eq!(seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(seconds("ten"), Err("not a number".to_owned()));
        assert_eq!(
            seconds("0"),
            Err("not a positive number of seconds".to_owned())
        );
        assert_eq!(positive_seconds("1e-300"), None);
        assert_eq!(positive_seconds("-1"), None);
    }
}
