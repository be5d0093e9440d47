//! A property of every golden in the repository: the transcript it describes passes, and
//! each small change of that transcript fails. So no golden is vacuous, and each line, its
//! fixed words, its place and its figures are really checked.

use std::fs;

use golden::{Golden, Marker, Pattern, compare_blocks, tolerance};
use workspace_tests::{root, transcript};

fn every_golden() -> Vec<Golden> {
    let mut goldens: Vec<Golden> = fs::read_dir(root().join("golden"))
        .expect("golden/")
        .map(|entry| entry.expect("a golden file").path())
        .map(|path| Golden::load(&path).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    goldens.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(goldens.len() > 100, "found {} goldens", goldens.len());
    goldens
}

fn lines_of(golden: &Golden) -> Vec<String> {
    transcript(golden).lines().map(str::to_owned).collect()
}

fn agrees(golden: &Golden, lines: &[String]) -> bool {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    compare_blocks(&golden.lines, &golden.any_order, true, &text).is_ok()
}

/// Whether lines `a` and `b` (indexes) may trade places: both in one any-order block.
fn same_block(golden: &Golden, a: usize, b: usize) -> bool {
    golden
        .any_order
        .iter()
        .any(|block| block.contains(&a) && block.contains(&b))
}

#[test]
fn the_transcript_a_golden_describes_agrees_with_it() {
    for golden in every_golden() {
        assert!(
            agrees(&golden, &lines_of(&golden)),
            "{}: its own transcript",
            golden.name
        );
    }
}

#[test]
fn a_line_dropped_or_added_is_rejected() {
    for golden in every_golden() {
        let lines = lines_of(&golden);
        for i in 0..lines.len() {
            let mut dropped = lines.clone();
            dropped.remove(i);
            assert!(
                !agrees(&golden, &dropped),
                "{}: line {i} dropped",
                golden.name
            );
            let mut doubled = lines.clone();
            doubled.insert(i, lines[i].clone());
            assert!(
                !agrees(&golden, &doubled),
                "{}: line {i} doubled",
                golden.name
            );
        }
        let mut longer = lines.clone();
        longer.push("one line more".to_owned());
        assert!(!agrees(&golden, &longer), "{}: a line added", golden.name);
    }
}

#[test]
fn two_adjacent_different_lines_swapped_are_rejected() {
    for golden in every_golden() {
        let lines = lines_of(&golden);
        for i in 1..lines.len() {
            if lines[i - 1] == lines[i] || same_block(&golden, i - 1, i) {
                continue;
            }
            let mut swapped = lines.clone();
            swapped.swap(i - 1, i);
            assert!(
                !agrees(&golden, &swapped),
                "{}: lines {} and {} swapped",
                golden.name,
                i - 1,
                i
            );
        }
    }
}

/// The source line with the first letter of its `n`th fixed word (outside the markers,
/// two letters or more) changed, or `None` if it has no such word.
fn change_word(source: &str, n: usize) -> Option<String> {
    let mut outside = true;
    let mut words = 0;
    let (offsets, chars): (Vec<usize>, Vec<char>) = source.char_indices().unzip();
    for i in 0..chars.len() {
        if source[offsets[i]..].starts_with("{{") {
            outside = false;
        }
        if i >= 2 && chars[i - 2] == '}' && chars[i - 1] == '}' {
            outside = true;
        }
        let starts_word = chars[i].is_ascii_alphabetic()
            && (i == 0 || !chars[i - 1].is_ascii_alphabetic())
            && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic);
        if outside && starts_word {
            if words == n {
                let mut changed = chars.clone();
                changed[i] = match chars[i] {
                    'z' => 'a',
                    'Z' => 'A',
                    c => (c as u8 + 1) as char,
                };
                return Some(changed.into_iter().collect());
            }
            words += 1;
        }
    }
    None
}

#[test]
fn a_fixed_word_changed_is_rejected() {
    let mut changed_words = 0;
    for golden in every_golden() {
        let lines = lines_of(&golden);
        for (i, pattern) in golden.lines.iter().enumerate() {
            for n in 0.. {
                let Some(source) = change_word(pattern.source(), n) else {
                    break;
                };
                let mut changed = lines.clone();
                changed[i] = Pattern::parse(&source).expect("still a pattern").render();
                assert!(
                    !agrees(&golden, &changed),
                    "{}: golden line {} changed to {source:?}",
                    golden.name,
                    pattern.line()
                );
                changed_words += 1;
            }
        }
    }
    assert!(changed_words > 1000, "only {changed_words} words changed");
}

#[test]
fn a_timing_figure_outside_its_tolerance_is_rejected() {
    let mut figures = 0;
    for golden in every_golden() {
        let lines = lines_of(&golden);
        for (i, pattern) in golden.lines.iter().enumerate() {
            for marker in pattern_markers(pattern) {
                let Marker::Secs(published) = marker else {
                    continue;
                };
                for moved in [
                    published + 2.0 * tolerance(published),
                    published - 2.0 * tolerance(published),
                ] {
                    // A rendered line prints each published figure with `{:?}`.
                    let mut changed = lines.clone();
                    changed[i] =
                        changed[i].replacen(&format!("{published:?}"), &format!("{moved:?}"), 1);
                    assert!(
                        !agrees(&golden, &changed),
                        "{}: golden line {}: {published} moved to {moved}",
                        golden.name,
                        pattern.line()
                    );
                    figures += 1;
                }
            }
        }
    }
    assert!(figures > 50, "only {figures} figures moved");
}

/// The markers of a pattern, read back from its source.
fn pattern_markers(pattern: &Pattern) -> Vec<Marker> {
    let mut markers = Vec::new();
    let mut rest = pattern.source();
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        let inside = &rest[open + 2..open + close];
        if let Some(figure) = inside.strip_prefix("secs ") {
            markers.push(Marker::Secs(figure.trim().parse().expect("a figure")));
        }
        rest = &rest[open + close + 2..];
    }
    markers
}

#[test]
fn the_word_changer_changes_only_fixed_words() {
    assert_eq!(
        change_word("Elapsed {{secs 7.0}} s", 0).as_deref(),
        Some("Flapsed {{secs 7.0}} s")
    );
    assert_eq!(change_word("Elapsed {{secs 7.0}} s", 1), None);
    assert_eq!(
        change_word("{{text}} executed in {{secs 1.0}} seconds.", 2).as_deref(),
        Some("{{text}} executed in {{secs 1.0}} teconds.")
    );
}
