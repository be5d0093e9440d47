//! One expected line: literal text with marked spans that may vary.
//!
//! The markers ([`Marker`]): `{{secs FIGURE}}` (a timing figure near the published one),
//! `{{number}}` and `{{text}}` (free, but kept in the snapshot), `{{time}}` and `{{hex}}`
//! (free, and blanked out in the snapshot), and `{{random}}` for what an unseeded random
//! generator drew: any integer, blanked out in the snapshot as `[random]`. A value that
//! follows from the draw, such as a message chosen by it, is `{{random A|B}}`: exactly one of
//! the texts listed between the bars, also blanked out as `[random]`.

use std::fmt;

use regex_lite::Regex;

/// How far a timing figure may be from the published one: 0.05 s, or 2 % of the published
/// figure where that is over 2.5 s (the README's table of markers says the same).
pub fn tolerance(published: f64) -> f64 {
    if published > 2.5 {
        published * 0.02
    } else {
        0.05
    }
}

/// A figure in seconds as a learner reads it: 7.02, 3.0, 0.00011.
pub fn seconds(figure: f64) -> String {
    let digits = if figure.abs() >= 0.1 { 2 } else { 5 };
    let text = format!("{figure:.digits$}");
    let trimmed = text.trim_end_matches('0');
    if trimmed.ends_with('.') {
        format!("{trimmed}0")
    } else {
        trimmed.to_owned()
    }
}

const NUMBER: &str = r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?";

/// A marked span of an expected line.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    /// `{{secs 10.0134}}`: a timing figure, within [`tolerance`] of the published one.
    Secs(f64),
    /// `{{number}}`: any number, such as a reading of a monotonic clock. Like `text`, it is
    /// free against the Python original but kept in the snapshot: it must be deterministic.
    Number,
    /// `{{time}}`: a time of day, `HH:MM:SS`; blanked out in the snapshot.
    Time,
    /// `{{hex}}`: hexadecimal digits, such as a random id; blanked out in the snapshot.
    Hex,
    /// `{{text}}`: any text at all, such as Python's repr of an object where Rust prints
    /// something else. Kept in the snapshot: it must be deterministic.
    Text,
    /// `{{site}}`: the local test site's address, `http://127.0.0.1:PORT`. The port is new
    /// on every run, so it is blanked out in the snapshot as `[site]`.
    Site,
    /// `{{random}}`: an integer drawn by an unseeded random generator, so different from run
    /// to run; any integer is accepted, and it is blanked out in the snapshot as `[random]`.
    /// With texts, `{{random Wear a jacket!|Don't wear a jacket!}}`, it is what the draw
    /// chose among them: exactly one of the texts between the bars, also blanked out. The
    /// golden cannot see whether that choice agrees with the draw; the example's own test
    /// must check it.
    Random(Vec<String>),
}

impl Marker {
    fn parse(inside: &str) -> Result<Marker, String> {
        if let Some(rest) = inside.strip_prefix("random") {
            if rest.is_empty() {
                return Ok(Marker::Random(Vec::new()));
            }
            if rest.starts_with(char::is_whitespace) {
                let choices: Vec<String> =
                    rest.trim_start().split('|').map(str::to_owned).collect();
                if choices.iter().any(String::is_empty) {
                    return Err(format!(
                        "`{{{{{inside}}}}}`: an empty text between the bars"
                    ));
                }
                return Ok(Marker::Random(choices));
            }
        }
        let mut words = inside.split_whitespace();
        let marker = match (words.next(), words.next(), words.next()) {
            (Some("secs"), Some(figure), None) => {
                let value: f64 = figure
                    .parse()
                    .map_err(|_| format!("`{{{{secs {figure}}}}}`: not a number"))?;
                if !value.is_finite() || value < 0.0 {
                    return Err(format!(
                        "`{{{{secs {figure}}}}}`: a timing figure is a finite number of seconds"
                    ));
                }
                Marker::Secs(value)
            }
            (Some("number"), None, None) => Marker::Number,
            (Some("time"), None, None) => Marker::Time,
            (Some("hex"), None, None) => Marker::Hex,
            (Some("text"), None, None) => Marker::Text,
            (Some("site"), None, None) => Marker::Site,
            _ => {
                return Err(format!(
                    "unknown marker `{{{{{inside}}}}}` (known: secs FIGURE, number, time, hex, text, random, random A|B)"
                ));
            }
        };
        Ok(marker)
    }

    /// What the marker accepts, in words.
    pub fn describe(&self) -> String {
        match self {
            Marker::Secs(figure) => format!(
                "a time within {:.2} s of {}",
                tolerance(*figure),
                seconds(*figure)
            ),
            Marker::Number => "any number".to_owned(),
            Marker::Time => "a time of day, HH:MM:SS".to_owned(),
            Marker::Hex => "hexadecimal digits".to_owned(),
            Marker::Text => "any text".to_owned(),
            Marker::Site => "the local site's address".to_owned(),
            Marker::Random(choices) if choices.is_empty() => "a random whole number".to_owned(),
            Marker::Random(choices) => format!("one of: {}", choices.join(" | ")),
        }
    }

    /// A value this marker accepts: the published figure, or a sample.
    fn sample(&self) -> String {
        match self {
            Marker::Secs(figure) => format!("{figure:?}"),
            Marker::Number => "1.5".to_owned(),
            Marker::Time => "12:34:56".to_owned(),
            Marker::Hex => "0123456789".to_owned(),
            Marker::Text => "anything".to_owned(),
            Marker::Site => "http://127.0.0.1:8080".to_owned(),
            Marker::Random(choices) => choices.first().map_or("42", String::as_str).to_owned(),
        }
    }

    fn regex(&self) -> String {
        match self {
            Marker::Secs(_) | Marker::Number => NUMBER.to_owned(),
            Marker::Time => "[0-9]{2}:[0-9]{2}:[0-9]{2}".to_owned(),
            Marker::Hex => "[0-9a-f]+".to_owned(),
            Marker::Text => ".*?".to_owned(),
            Marker::Site => r"http://127\.0\.0\.1:[0-9]+".to_owned(),
            Marker::Random(choices) if choices.is_empty() => "-?[0-9]+".to_owned(),
            Marker::Random(choices) => {
                let choices: Vec<String> = choices.iter().map(|c| regex_lite::escape(c)).collect();
                format!("(?:{})", choices.join("|"))
            }
        }
    }
}

impl fmt::Display for Marker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Marker::Secs(figure) => write!(f, "{{{{secs {figure}}}}}"),
            Marker::Number => f.write_str("{{number}}"),
            Marker::Time => f.write_str("{{time}}"),
            Marker::Hex => f.write_str("{{hex}}"),
            Marker::Text => f.write_str("{{text}}"),
            Marker::Site => f.write_str("{{site}}"),
            Marker::Random(choices) if choices.is_empty() => f.write_str("{{random}}"),
            Marker::Random(choices) => write!(f, "{{{{random {}}}}}", choices.join("|")),
        }
    }
}

/// An expected line, as written in a golden file.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    /// The instant, in seconds from the start, at which the Python original printed the
    /// line on a virtual clock (`{{at SECONDS}} ` before the line), where known.
    at: Option<f64>,
    /// Its line number in the golden file (1-based), or 0 where it was not read from one.
    line: usize,
    /// The literal text around the markers: one more piece than there are markers.
    literals: Vec<String>,
    markers: Vec<Marker>,
    regex: Regex,
}

/// How an actual line compares with a [`Pattern`].
#[derive(Debug, Clone, PartialEq)]
pub enum LineMatch {
    /// Same text, every figure within tolerance.
    Same,
    /// Same text, but a timing figure outside its tolerance.
    Timing {
        published: f64,
        tolerance: f64,
        got: f64,
    },
    /// Different text.
    Different,
}

impl Pattern {
    /// Parses one expected line: literal text, with `{{…}}` markers, after an optional
    /// `{{at SECONDS}} `: the instant the original printed it.
    pub fn parse(line: &str) -> Result<Pattern, String> {
        let (at, line) = match line.strip_prefix("{{at ") {
            Some(rest) => {
                let (figure, text) = rest
                    .split_once("}} ")
                    .or_else(|| rest.strip_suffix("}}").map(|figure| (figure, "")))
                    .ok_or_else(|| format!("`{{{{at SECONDS}}}} ` then the line, in {line:?}"))?;
                let seconds: f64 = figure
                    .trim()
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| format!("`{{{{at {figure}}}}}`: not a number of seconds"))?;
                (Some(seconds), text)
            }
            None => (None, line),
        };
        let mut literals = Vec::new();
        let mut markers = Vec::new();
        let mut rest = line;
        while let Some(open) = rest.find("{{") {
            let close = rest[open..]
                .find("}}")
                .ok_or_else(|| format!("`{{{{` without `}}}}` in {line:?}"))?;
            literals.push(rest[..open].to_owned());
            markers.push(Marker::parse(&rest[open + 2..open + close])?);
            rest = &rest[open + close + 2..];
        }
        literals.push(rest.to_owned());
        let mut regex = String::from("^");
        for (literal, marker) in literals.iter().zip(&markers) {
            regex.push_str(&regex_lite::escape(literal));
            regex.push('(');
            regex.push_str(&marker.regex());
            regex.push(')');
        }
        regex.push_str(&regex_lite::escape(rest));
        regex.push('$');
        let regex = Regex::new(&regex).map_err(|e| format!("{line:?}: {e}"))?;
        Ok(Pattern {
            line: 0,
            at,
            source: line.to_owned(),
            literals,
            markers,
            regex,
        })
    }

    /// Whether the line has text of its own outside the free markers (`{{text}}`, `{{number}}`
    /// ...): something a wrong output can fail to print. A `{{secs}}` figure counts, as it
    /// must be near its published value.
    pub fn has_fixed_text(&self) -> bool {
        self.literals.iter().any(|l| !l.is_empty())
            || self.markers.iter().any(|m| matches!(m, Marker::Secs(_)))
    }

    /// The same pattern, read from line `number` of a golden file.
    pub fn at_line(mut self, number: usize) -> Pattern {
        self.line = number;
        self
    }

    /// When the original printed it, in seconds from its start (`{{at SECONDS}}`).
    pub fn at(&self) -> Option<f64> {
        self.at
    }

    /// Its line number in the golden file (1-based); 0 if it was not read from one.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The line in words, for a learner: its text, with each marker said as what it accepts
    /// (`Elapsed ⟨a time within 0.14 s of 7.02⟩`).
    pub fn describe(&self) -> String {
        let mut line = String::new();
        for (literal, marker) in self.literals.iter().zip(&self.markers) {
            line.push_str(literal);
            line.push('⟨');
            line.push_str(&marker.describe());
            line.push('⟩');
        }
        line.push_str(self.literals.last().expect("one more literal than markers"));
        line
    }

    /// The timing figures an actual line gives for this pattern's `{{secs}}` markers: each
    /// published figure with the printed one. Empty if the line does not match the text.
    pub fn figures(&self, actual: &str) -> Vec<(f64, f64)> {
        let Some(captures) = self.regex.captures(actual) else {
            return Vec::new();
        };
        self.markers
            .iter()
            .zip(captures.iter().skip(1))
            .filter_map(|(marker, span)| match (marker, span) {
                (Marker::Secs(published), Some(span)) => {
                    Some((*published, span.as_str().parse().ok()?))
                }
                _ => None,
            })
            .collect()
    }

    /// The line as written in the golden file.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// A line this pattern accepts: its text, with the published figure for each timing
    /// figure and a sample for each free span.
    pub fn render(&self) -> String {
        let mut line = String::new();
        for (literal, marker) in self.literals.iter().zip(&self.markers) {
            line.push_str(literal);
            line.push_str(&marker.sample());
        }
        line.push_str(self.literals.last().expect("one more literal than markers"));
        line
    }

    /// Whether `actual` could match: a cheap test the regex would fail too, so most lines
    /// of another text are told apart without running it. A line with no markers is its
    /// text exactly; otherwise the line starts with the first literal piece, ends with the
    /// last, and has room for every piece.
    fn may_match(&self, actual: &str) -> bool {
        let (first, last) = (&self.literals[0], &self.literals[self.literals.len() - 1]);
        if self.markers.is_empty() {
            return actual == first;
        }
        let fixed: usize = self.literals.iter().map(String::len).sum();
        actual.len() >= fixed
            && actual.starts_with(first.as_str())
            && actual.ends_with(last.as_str())
    }

    /// Compares an actual line with this pattern.
    pub fn compare(&self, actual: &str) -> LineMatch {
        if !self.may_match(actual) {
            return LineMatch::Different;
        }
        if !self.markers.iter().any(|m| matches!(m, Marker::Secs(_))) {
            // No figure to read: whether it matches is all there is to know.
            return if self.markers.is_empty() || self.regex.is_match(actual) {
                LineMatch::Same
            } else {
                LineMatch::Different
            };
        }
        let Some(captures) = self.regex.captures(actual) else {
            return LineMatch::Different;
        };
        for (marker, span) in self.markers.iter().zip(captures.iter().skip(1)) {
            let (Marker::Secs(published), Some(span)) = (marker, span) else {
                continue;
            };
            let got: f64 = span
                .as_str()
                .parse()
                .expect("the regex admits only numbers");
            let tolerance = tolerance(*published);
            if (got - published).abs() > tolerance {
                return LineMatch::Timing {
                    published: *published,
                    tolerance,
                    got,
                };
            }
        }
        LineMatch::Same
    }

    /// The actual line with what changes from run to run blanked out, for a snapshot:
    /// times of day (`[time]`), random ids (`[hex]`) and unseeded random draws with what
    /// they chose (`[random]`). Everything else stays, free or not:
    /// on the paused clock timing figures are exact, and a Rust type name is always the same.
    /// On the real clock (`exact_time` false) timing figures vary too, and are blanked out
    /// as `[secs]`.
    pub fn redact(&self, actual: &str, exact_time: bool) -> String {
        let blanked = |marker: &Marker| match marker {
            Marker::Secs(_) => !exact_time,
            Marker::Number | Marker::Text => false,
            Marker::Site | Marker::Time | Marker::Hex | Marker::Random(_) => true,
        };
        if !self.markers.iter().any(blanked) {
            return actual.to_owned();
        }
        let Some(captures) = self.regex.captures(actual) else {
            return actual.to_owned();
        };
        let mut redacted = String::new();
        let mut end = 0;
        for (marker, span) in self.markers.iter().zip(captures.iter().skip(1)) {
            let Some(span) = span else { continue };
            let label = match marker {
                Marker::Secs(_) if !exact_time => "[secs]",
                Marker::Secs(_) | Marker::Number | Marker::Text => continue,
                Marker::Site => "[site]",
                Marker::Time => "[time]",
                Marker::Hex => "[hex]",
                Marker::Random(_) => "[random]",
            };
            redacted.push_str(&actual[end..span.start()]);
            redacted.push_str(label);
            end = span.end();
        }
        redacted.push_str(&actual[end..]);
        redacted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_lines_match_only_themselves() {
        let p = Pattern::parse("Start dishwasher for 3 seconds").unwrap();
        assert_eq!(p.compare("Start dishwasher for 3 seconds"), LineMatch::Same);
        assert_eq!(
            p.compare("Start dishwasher for 3 second"),
            LineMatch::Different
        );
        assert_eq!(
            p.compare("Start dishwasher for 3 seconds "),
            LineMatch::Different
        );
    }

    #[test]
    fn regex_characters_in_the_text_are_literal() {
        let p = Pattern::parse("part2(1, 'result1-1') [x] ok? {{secs 7.0}}.").unwrap();
        assert_eq!(
            p.compare("part2(1, 'result1-1') [x] ok? 7.0."),
            LineMatch::Same
        );
        assert_eq!(
            p.compare("part2(1, 'result1-1') [x] ok! 7.0."),
            LineMatch::Different
        );
    }

    #[test]
    fn timing_figures_have_the_catalogue_tolerance() {
        let p = Pattern::parse("Elapsed {{secs 2.0031166076660156}}").unwrap();
        assert_eq!(p.compare("Elapsed 2.0"), LineMatch::Same);
        assert_eq!(p.compare("Elapsed 2.05"), LineMatch::Same);
        assert!(matches!(
            p.compare("Elapsed 2.06"),
            LineMatch::Timing { .. }
        ));
        let p = Pattern::parse("Elapsed {{secs 20.017353534698486}}").unwrap();
        assert_eq!(p.compare("Elapsed 20.0"), LineMatch::Same);
        assert_eq!(p.compare("Elapsed 19.7"), LineMatch::Same);
        assert!(matches!(
            p.compare("Elapsed 19.5"),
            LineMatch::Timing { .. }
        ));
        assert_eq!(p.compare("Elapsed twenty"), LineMatch::Different);
    }

    #[test]
    fn free_spans_are_typed() {
        let p = Pattern::parse("started at {{time}}").unwrap();
        assert_eq!(p.compare("started at 02:35:32"), LineMatch::Same);
        assert_eq!(p.compare("started at 2:35:32"), LineMatch::Different);
        let p = Pattern::parse("got <{{hex}}> in {{number}} s; {{text}}!").unwrap();
        assert_eq!(
            p.compare("got <04aa756010> in 0.00014 s; anything!"),
            LineMatch::Same
        );
        assert_eq!(p.compare("got <04AA> in 0.1 s; x!"), LineMatch::Different);
        assert_eq!(
            p.redact("got <04aa756010> in 0.00014 s; anything!", true),
            "got <[hex]> in 0.00014 s; anything!"
        );
    }

    #[test]
    fn random_draws_are_free_and_blanked_out() {
        let p = Pattern::parse(
            "Temperature: {{random}} {{random Wear a jacket!|Don't wear a jacket!}}",
        )
        .unwrap();
        assert_eq!(
            p.compare("Temperature: 33 Don't wear a jacket!"),
            LineMatch::Same
        );
        assert_eq!(p.compare("Temperature: 12 Wear a jacket!"), LineMatch::Same);
        assert_eq!(p.compare("Temperature: -3 Wear a jacket!"), LineMatch::Same);
        assert_eq!(
            p.compare("Temperature: 33.5 Wear a jacket!"),
            LineMatch::Different
        );
        assert_eq!(
            p.compare("Temperature: hot Wear a jacket!"),
            LineMatch::Different
        );
        assert_eq!(
            p.compare("Temperature: 33 Wear a coat!"),
            LineMatch::Different
        );
        assert_eq!(
            p.compare("Temperature: 33 Wear a jacket!!"),
            LineMatch::Different
        );
        assert_eq!(
            p.redact("Temperature: 33 Don't wear a jacket!", true),
            "Temperature: [random] [random]"
        );
        assert_eq!(
            p.redact("Temperature: 12 Wear a jacket!", true),
            "Temperature: [random] [random]"
        );
        assert_eq!(p.render(), "Temperature: 42 Wear a jacket!");
        let q = Pattern::parse("a (1+1) {{random x.*|y}}").unwrap();
        assert_eq!(
            q.compare("a (1+1) x.*"),
            LineMatch::Same,
            "texts are literal"
        );
        assert_eq!(q.compare("a (1+1) xyz"), LineMatch::Different);
        assert!(
            Pattern::parse("x {{random a||b}}")
                .unwrap_err()
                .contains("empty text")
        );
        assert!(
            Pattern::parse("x {{randomly}}")
                .unwrap_err()
                .contains("unknown marker")
        );
    }

    #[test]
    fn a_rendered_line_matches_its_pattern() {
        for source in [
            "plain",
            "Elapsed {{secs 7.02}}",
            "<{{hex}}> {{time}} {{number}}{{text}}.",
            "{{random}} {{random yes|no}}",
        ] {
            let p = Pattern::parse(source).unwrap();
            assert_eq!(p.compare(&p.render()), LineMatch::Same, "{source}");
        }
        assert_eq!(
            Pattern::parse("in {{secs 2.5}}s").unwrap().render(),
            "in 2.5s"
        );
    }

    #[test]
    fn the_site_marker_takes_any_local_port_and_blanks_it() {
        let p = Pattern::parse("{{site}}/page/1.html - Page 1 in {{secs 0.5}}").unwrap();
        let line = "http://127.0.0.1:40123/page/1.html - Page 1 in 0.51";
        assert_eq!(p.compare(line), LineMatch::Same);
        assert_eq!(
            p.compare("http://example.com/page/1.html - Page 1 in 0.5"),
            LineMatch::Different
        );
        assert_eq!(
            p.redact(line, false),
            "[site]/page/1.html - Page 1 in [secs]"
        );
        assert_eq!(p.redact(line, true), "[site]/page/1.html - Page 1 in 0.51");
    }

    #[test]
    fn the_quick_test_before_the_regex_agrees_with_it() {
        let patterns = [
            "plain line",
            "",
            "Elapsed {{secs 7.02}} s",
            "{{text}}",
            "a{{text}}a",
            "<{{hex}}> {{time}} {{number}}{{text}}.",
            "{{random}} {{random yes|no}}",
            "{{site}}/page/1.html",
            "x{{number}}y{{number}}z",
        ];
        let lines = [
            "plain line",
            "plain line ",
            "plain lin",
            "",
            "a",
            "aa",
            "aXa",
            "Elapsed 7.02 s",
            "Elapsed 9 s",
            "Elapsed s",
            "Elapsed  s",
            "<0af> 12:00:00 3.5anything.",
            "<0af> 12:00:00 3.5.",
            "<> 12:00:00 3.5.",
            "42 yes",
            "-1 no",
            "42 maybe",
            "http://127.0.0.1:8080/page/1.html",
            "http://example.com/page/1.html",
            "x1y2z",
            "xyz",
            "x1yz",
        ];
        for source in patterns {
            let p = Pattern::parse(source).unwrap();
            for line in lines {
                assert_eq!(
                    p.compare(line) == LineMatch::Different,
                    !p.regex.is_match(line),
                    "{source:?} against {line:?}"
                );
            }
        }
    }

    #[test]
    fn bad_markers_are_reported() {
        assert!(
            Pattern::parse("x {{secs}}")
                .unwrap_err()
                .contains("unknown marker")
        );
        assert!(
            Pattern::parse("x {{secs abc}}")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            Pattern::parse("x {{when}}")
                .unwrap_err()
                .contains("unknown marker")
        );
        assert!(Pattern::parse("x {{time").unwrap_err().contains("without"));
    }
}
