//! The learner's view of a golden: its transcript with each marker as a readable
//! placeholder, and the commands that produce it.
//!
//! `golden/NAME[.CASE].out` gives `NAME[.CASE].txt` (the lines below `---`) and
//! `NAME[.CASE].run.txt` (the `run:` line as a command, with the site, input files, stream
//! and exit code it needs, as shell lines and comments).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use golden::{Golden, Pattern, Stream};

use crate::Project;

/// The local site's address as the README starts it (`cargo run -p site -- --port 8080`).
pub const SITE: &str = "http://127.0.0.1:8080";

/// A golden's line as a learner reads it: literal text, with each marker as what it stands
/// for (`{{secs 7.02}}` is `≈7.02`, `{{time}}` is `<HH:MM:SS>`, ...) and ANSI colour codes
/// left out.
pub fn readable_line(pattern: &Pattern) -> String {
    // The golden crate has parsed and checked the line; its markers sit between `{{` and
    // `}}`, and each one parses on its own as a one-marker pattern.
    let mut line = String::new();
    let mut rest = pattern.source();
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}") else {
            break;
        };
        line.push_str(&rest[..open]);
        line.push_str(&placeholder(&rest[open..open + close + 2]));
        rest = &rest[open + close + 2..];
    }
    line.push_str(rest);
    without_ansi(&line)
}

/// One marker, `{{...}}`, as a placeholder.
fn placeholder(marker: &str) -> String {
    let inside = &marker[2..marker.len() - 2];
    let kind = inside.split_whitespace().next().unwrap_or("");
    let parsed = Pattern::parse(marker);
    match (kind, &parsed) {
        ("secs", Ok(pattern)) => match pattern.figures(&pattern.render()).first() {
            Some((published, _)) => format!("≈{}", golden::pattern::seconds(*published)),
            None => format!("<{}>", words(pattern)),
        },
        ("number", _) => "<number>".to_owned(),
        ("time", _) => "<HH:MM:SS>".to_owned(),
        ("hex", _) => "<hex id>".to_owned(),
        ("text", _) => "<text>".to_owned(),
        ("site", _) => SITE.to_owned(),
        ("random", _) if inside == "random" => "<random number>".to_owned(),
        (_, Ok(pattern)) => format!("<{}>", words(pattern)),
        (_, Err(_)) => marker.to_owned(),
    }
}

/// A one-marker pattern's description in words, without its brackets.
fn words(pattern: &Pattern) -> String {
    pattern
        .describe()
        .trim_start_matches('⟨')
        .trim_end_matches('⟩')
        .to_owned()
}

/// `text` without ANSI escape sequences (`ESC [ ... letter`): the book shows no colours.
fn without_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The transcript: every expected line, readable, with a note line where lines may come in
/// any order.
pub fn transcript(golden: &Golden) -> String {
    let mut text = String::new();
    for (index, pattern) in golden.lines.iter().enumerate() {
        if let Some(block) = golden.any_order.iter().find(|b| b.start == index) {
            text.push_str(&format!(
                "-- the next {} lines may come in any order --\n",
                block.len()
            ));
        }
        text.push_str(&readable_line(pattern));
        text.push('\n');
    }
    text
}

/// The commands a learner types to see the transcript, as shell lines, with comments for
/// what the golden sets: the local site, input files, the stream shown, the exit code.
pub fn commands(golden: &Golden) -> String {
    let site = |text: &str| text.replace("{{site}}", SITE);
    let mut text = String::new();
    if let Some(pages) = golden.site {
        text.push_str(&format!(
            "# the local site, in another terminal: cargo run -p site -- --port 8080 --pages {pages}\n"
        ));
    }
    for (name, content) in &golden.files {
        text.push_str(&format!(
            "cat > {} <<'EOF'\n{}EOF\n",
            shell_word(name),
            site(content)
        ));
    }
    text.push_str(&format!("cargo run -q -p {}", golden.example));
    if !golden.args.is_empty() {
        text.push_str(" --");
        for arg in &golden.args {
            text.push(' ');
            text.push_str(&shell_word(&site(arg)));
        }
    }
    text.push('\n');
    match &golden.stream {
        Stream::Stdout => {}
        Stream::Stderr => text.push_str("# shown below: what it writes to standard error\n"),
        Stream::File(name) => text.push_str(&format!("# shown below: the file {name} it writes\n")),
    }
    if golden.exit != 0 {
        text.push_str(&format!("# exit code {}\n", golden.exit));
    }
    text
}

/// `word` as one shell word: as it is when it is plain, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Every generated file, by its name in the outputs folder, with its content.
pub fn expected(project: &Project) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    for path in project.golden_files()? {
        let golden = Golden::load(&path)?;
        files.insert(format!("{}.txt", golden.name), transcript(&golden));
        files.insert(format!("{}.run.txt", golden.name), commands(&golden));
    }
    Ok(files)
}

/// Writes every generated file afresh (the folder holds nothing else); returns how many
/// goldens there are.
pub fn write_all(project: &Project) -> Result<usize, String> {
    let files = expected(project)?;
    let dir = project.outputs_dir();
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot clear {}: {e}", dir.display()))?;
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, content) in &files {
        write(&dir.join(name), content)?;
    }
    Ok(files.len() / 2)
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(source: &str) -> String {
        readable_line(&Pattern::parse(source).unwrap())
    }

    #[test]
    fn markers_read_as_placeholders() {
        assert_eq!(line("Elapsed {{secs 7.0213}}"), "Elapsed ≈7.02");
        assert_eq!(line("Start {{number}}"), "Start <number>");
        assert_eq!(line("at {{time}}"), "at <HH:MM:SS>");
        assert_eq!(line("<{{hex}}>"), "<<hex id>>");
        assert_eq!(
            line("{{site}}/page/1.html"),
            "http://127.0.0.1:8080/page/1.html"
        );
        assert_eq!(line("{{text}} done"), "<text> done");
        assert_eq!(line("T {{random}}"), "T <random number>");
        assert_eq!(line("{{random A!|B!}}"), "<one of: A! | B!>");
        assert_eq!(line("\u{1b}[36mred\u{1b}[0m"), "red");
    }

    #[test]
    fn any_order_blocks_become_a_note() {
        let text = "run: x\n---\nfirst\n{{any order}}\nb\na\n{{end}}\nlast\n";
        let golden = Golden::parse(Path::new("x.out"), text).unwrap();
        assert_eq!(
            transcript(&golden),
            "first\n-- the next 2 lines may come in any order --\nb\na\nlast\n"
        );
    }

    #[test]
    fn commands_say_what_the_run_needs() {
        let text = "site: 3\nfile urls.txt:\n  {{site}}/page/0.html\nrun: areq {{site}}/slow?ms=5\nexit: 1\nstream: stderr\n---\nx\n";
        let golden = Golden::parse(Path::new("areq.case.out"), text).unwrap();
        assert_eq!(
            commands(&golden),
            "# the local site, in another terminal: cargo run -p site -- --port 8080 --pages 3\n\
             cat > urls.txt <<'EOF'\nhttp://127.0.0.1:8080/page/0.html\nEOF\n\
             cargo run -q -p areq -- 'http://127.0.0.1:8080/slow?ms=5'\n\
             # shown below: what it writes to standard error\n# exit code 1\n"
        );
    }
}
