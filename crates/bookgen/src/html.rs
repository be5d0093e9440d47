//! The built book's links: every relative `href` and `src` names a file of the book, and
//! every `#fragment` an `id` in the page it points at.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use regex_lite::Regex;

/// What the link check found.
#[derive(Debug, Default)]
pub struct Links {
    pub problems: Vec<String>,
    /// Relative links followed (fragments included).
    pub checked: usize,
}

/// Checks every `.html` file under `build` (and the sidebar's script), and that mdBook
/// left no `{{#include ...}}` unresolved.
pub fn check_links(build: &Path) -> Links {
    let mut links = Links::default();
    let mut pages = Vec::new();
    collect_html(build, &mut pages);
    pages.sort();
    if pages.is_empty() {
        links
            .problems
            .push(format!("{}: no HTML: is the book built?", build.display()));
        return links;
    }
    // The sidebar is written by a script (mdBook's toc-HASH.js), its links relative to the
    // book's root: check them as if they were in a page there.
    for entry in fs::read_dir(build).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("toc") && name.ends_with(".js") {
            pages.push(entry.path());
        }
    }
    let attribute =
        Regex::new(r#"\s(?:href|src|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("regex");
    let id_attribute = Regex::new(r#"\sid\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("regex");
    let tag = Regex::new(r"<[a-zA-Z][a-zA-Z0-9:-]*\s[^>]*>").expect("regex");
    let base_tag = Regex::new(r#"<base\s+href\s*=\s*"([^"]*)""#).expect("regex");
    let mut ids = Ids::default();
    for page in &pages {
        let shown = page
            .strip_prefix(build)
            .unwrap_or(page)
            .display()
            .to_string();
        let Ok(html) = fs::read_to_string(page) else {
            links.problems.push(format!("{shown}: cannot read"));
            continue;
        };
        for (number, line) in html.lines().enumerate() {
            if let Some(at) = line.find("{{#") {
                let rest = &line[at..];
                let snippet = &rest[..rest.find("}}").map_or(rest.len(), |end| end + 2)];
                links.problems.push(format!(
                    "{shown}:{}: `{snippet}` was left unresolved by mdBook (a missing file?)",
                    number + 1
                ));
            }
        }
        // Attributes are read inside tags only: a code block's text is escaped (`&lt;a href=`).
        let tags: Vec<&str> = tag.find_iter(&html).map(|m| m.as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        for found in tags.iter().flat_map(|t| id_attribute.captures_iter(t)) {
            let id = found
                .get(1)
                .or_else(|| found.get(2))
                .map_or("", |m| m.as_str());
            if !seen.insert(id) {
                links
                    .problems
                    .push(format!("{shown}: the id {id:?} is used twice in the page"));
            }
        }
        let base = match base_tag.captures(&html) {
            Some(found) if found[1].starts_with('/') => {
                build.join(found[1].trim_start_matches('/'))
            }
            Some(found) => page.parent().expect("a file").join(&found[1]),
            None => page.parent().expect("a file").to_owned(),
        };
        for found in tags.iter().flat_map(|t| attribute.captures_iter(t)) {
            let url = found
                .get(1)
                .or_else(|| found.get(2))
                .map_or("", |m| m.as_str());
            let url = unescape(url);
            if url.is_empty() || url == "#" || is_external(&url) {
                continue;
            }
            links.checked += 1;
            let (path, fragment) = match url.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (url.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                page.clone()
            } else {
                // A path from the root (`/`) is the book's root: a site serves the book there.
                let mut target = match path.strip_prefix('/') {
                    Some(rooted) => normalize(&build.join(percent_decode(rooted))),
                    None => normalize(&base.join(percent_decode(path))),
                };
                if target.is_dir() {
                    target = target.join("index.html");
                }
                target
            };
            if !target.starts_with(build) {
                links
                    .problems
                    .push(format!("{shown}: link {url:?} leads out of the book"));
                continue;
            }
            if !target.is_file() {
                links.problems.push(format!(
                    "{shown}: link {url:?}: no file {}",
                    target.strip_prefix(build).unwrap_or(&target).display()
                ));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            if target.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let fragment = percent_decode(fragment);
            if !ids.of(&target).contains(&fragment) {
                links.problems.push(format!(
                    "{shown}: link {url:?}: no id {fragment:?} in {}",
                    target.strip_prefix(build).unwrap_or(&target).display()
                ));
            }
        }
    }
    links
}

/// The ids of each page, read once.
#[derive(Default)]
struct Ids(HashMap<PathBuf, Vec<String>>);

impl Ids {
    fn of(&mut self, page: &Path) -> &[String] {
        self.0.entry(page.to_owned()).or_insert_with(|| {
            let id = Regex::new(r#"\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("regex");
            let tag = Regex::new(r"<[a-zA-Z][a-zA-Z0-9:-]*\s[^>]*>").expect("regex");
            let html = fs::read_to_string(page).unwrap_or_default();
            tag.find_iter(&html)
                .flat_map(|t| id.captures_iter(t.as_str()).collect::<Vec<_>>())
                .filter_map(|c| c.get(1).or_else(|| c.get(2)))
                .map(|m| unescape(m.as_str()))
                .collect()
        })
    }
}

fn collect_html(dir: &Path, pages: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_html(&path, pages);
        } else if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
}

/// A URL with a scheme (`https:`, `mailto:`, `data:` ...) or a network path (`//host`).
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => false,
    }
}

/// The HTML character references an attribute may hold.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `path` with `.` and `..` resolved by its text alone.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_external_and_paths_are_not() {
        assert!(is_external("https://tokio.rs"));
        assert!(is_external("mailto:a@b"));
        assert!(is_external("//cdn.example/x.js"));
        assert!(!is_external("code-maven/sleep.html#sleep"));
        assert!(!is_external("../index.html"));
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("a%20b%2"), "a b%2");
    }
}
