//! The book's checks: its sources against the project, then the built HTML.
//!
//! - every example and every exercise has a page: a page listed in `SUMMARY.md` includes
//!   its `src/main.rs` by an anchor, every other source file of it is included too, and its
//!   page includes its timeline and the output of each of its goldens; an exercise's page
//!   links to its solution's page;
//! - every `{{#include}}` names a file that exists, and its anchor is in that file;
//! - every ```` ```text ```` block is exactly one include of a golden's generated output,
//!   and the generated outputs are those the goldens give today;
//! - the built book (`book/build`) has a page for each chapter, no include left unresolved,
//!   and no broken relative link or fragment ([`crate::html`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use regex_lite::Regex;

use crate::Project;
use crate::html::{check_links, normalize};

#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<String>,
    /// What was checked, in a few words.
    pub summary: String,
}

/// One `{{#include PATH[:ANCHOR]}}` of a page.
#[derive(Debug)]
struct Include {
    line: usize,
    /// As written.
    written: String,
    /// Resolved against the page's folder.
    target: PathBuf,
    selector: Option<String>,
    /// The fenced block it sits in, by index into the page's blocks.
    block: Option<usize>,
}

/// A fenced code block of a page.
#[derive(Debug)]
struct Block {
    line: usize,
    /// Its info string's first word: `text`, `rust`, `sh` ...
    language: String,
    body: Vec<String>,
}

#[derive(Debug)]
struct Page {
    /// As listed in SUMMARY.md.
    name: String,
    path: PathBuf,
    includes: Vec<Include>,
    blocks: Vec<Block>,
    /// Link targets of `[text](target)` outside code blocks.
    links: Vec<String>,
}

impl Page {
    fn read(src: &Path, name: &str) -> Result<Page, String> {
        let path = src.join(name);
        let text = fs::read_to_string(&path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let include =
            Regex::new(r"\{\{#(?:include|rustdoc_include)\s+([^}\s]+)\s*\}\}").expect("regex");
        let fence = Regex::new(r"^ {0,3}(`{3,}|~{3,})\s*([^\s,`{]*)").expect("regex");
        let link = Regex::new(r"\]\(([^)\s]+)\)").expect("regex");
        let dir = path.parent().expect("a page is in a folder");
        let mut page = Page {
            name: name.to_owned(),
            path: path.clone(),
            includes: Vec::new(),
            blocks: Vec::new(),
            links: Vec::new(),
        };
        let mut open: Option<(String, usize)> = None;
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            if let Some(found) = fence.captures(line) {
                let marks = &found[1];
                match &open {
                    None => {
                        page.blocks.push(Block {
                            line: number,
                            language: found[2].to_owned(),
                            body: Vec::new(),
                        });
                        open = Some((marks.to_owned(), page.blocks.len() - 1));
                        continue;
                    }
                    Some((opened, _))
                        if marks.starts_with(&opened[..1])
                            && marks.len() >= opened.len()
                            && found[2].is_empty() =>
                    {
                        open = None;
                        continue;
                    }
                    Some(_) => {}
                }
            }
            let block = open.as_ref().map(|(_, index)| *index);
            if let Some(index) = block {
                page.blocks[index].body.push(line.to_owned());
            } else {
                page.links
                    .extend(link.captures_iter(line).map(|c| c[1].to_owned()));
            }
            for found in include.captures_iter(line) {
                let written = found[1].to_owned();
                let (file, selector) = match written.split_once(':') {
                    Some((file, selector)) => (file, Some(selector.to_owned())),
                    None => (written.as_str(), None),
                };
                page.includes.push(Include {
                    line: number,
                    target: normalize(&dir.join(file)),
                    written: written.clone(),
                    selector,
                    block,
                });
            }
        }
        Ok(page)
    }

    fn at(&self, line: usize) -> String {
        format!("book/src/{}:{line}", self.name)
    }
}

/// The pages `SUMMARY.md` lists, in its order.
fn summary_pages(src: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(src.join("SUMMARY.md"))
        .map_err(|e| format!("book/src/SUMMARY.md: cannot read: {e}"))?;
    let link = Regex::new(r"\]\(([^)\s]+\.md)\)").expect("regex");
    Ok(text
        .lines()
        .flat_map(|line| link.captures_iter(line).map(|c| c[1].to_owned()))
        .map(|name| name.trim_start_matches("./").to_owned())
        .collect())
}

/// Every `.md` file under `dir` but `generated/`, by its path relative to `src`.
fn markdown_files(src: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path != src.join("generated") {
                markdown_files(src, &path, found);
            }
        } else if path.extension().is_some_and(|e| e == "md") {
            let name = path.strip_prefix(src).expect("under src").to_string_lossy();
            found.push(name.replace('\\', "/"));
        }
    }
}

/// Whether the anchor `name` opens and closes in `text`, as mdBook finds anchors.
fn has_anchor(text: &str, name: &str) -> bool {
    let start = Regex::new(r"ANCHOR:\s*([\w_-]+)").expect("regex");
    let end = Regex::new(r"ANCHOR_END:\s*([\w_-]+)").expect("regex");
    let named = |re: &Regex, line: &str| re.captures(line).is_some_and(|c| &c[1] == name);
    let opened = text.lines().position(|l| named(&start, l));
    let closed = text.lines().position(|l| named(&end, l));
    matches!((opened, closed), (Some(a), Some(b)) if a < b)
}

/// The goldens of an example or exercise, by name: `NAME` and `NAME.CASE`.
fn goldens_of(names: &BTreeSet<String>, crate_name: &str) -> Vec<String> {
    names
        .iter()
        .filter(|g| {
            g.strip_prefix(crate_name)
                .is_some_and(|case| case.is_empty() || case.starts_with('.'))
        })
        .cloned()
        .collect()
}

/// Runs every check.
pub fn check(project: &Project) -> Report {
    let mut report = Report::default();
    let problems = &mut report.problems;
    let src = project.src_dir();
    let outputs_dir = project.outputs_dir();
    let timelines_dir = project.timelines_dir();

    // The pages.
    let names = match summary_pages(&src) {
        Ok(names) => names,
        Err(e) => {
            problems.push(e);
            return report;
        }
    };
    let mut pages = Vec::new();
    for name in &names {
        match Page::read(&src, name) {
            Ok(page) => pages.push(page),
            Err(e) => problems.push(format!("SUMMARY.md lists a page that is missing: {e}")),
        }
    }
    let mut on_disk = Vec::new();
    markdown_files(&src, &src, &mut on_disk);
    for name in on_disk {
        if name != "SUMMARY.md" && !names.contains(&name) {
            problems.push(format!(
                "book/src/{name} is not listed in SUMMARY.md, so it is not in the book"
            ));
        }
    }

    // The goldens, and the outputs made from them.
    let golden_names: BTreeSet<String> = match project.golden_files() {
        Ok(paths) => paths
            .iter()
            .filter_map(|p| p.file_stem()?.to_str().map(str::to_owned))
            .collect(),
        Err(e) => {
            problems.push(e);
            BTreeSet::new()
        }
    };
    match crate::outputs::expected(project) {
        Ok(expected) => {
            let mut written = BTreeSet::new();
            for entry in fs::read_dir(&outputs_dir).into_iter().flatten().flatten() {
                written.insert(entry.file_name().to_string_lossy().into_owned());
            }
            for (name, content) in &expected {
                match fs::read_to_string(outputs_dir.join(name)) {
                    Ok(text) if text == *content => {}
                    Ok(_) => problems.push(format!(
                        "book/src/generated/outputs/{name} is not what its golden gives today: run `cargo run -p bookgen -- outputs`"
                    )),
                    Err(_) => problems.push(format!(
                        "book/src/generated/outputs/{name} is missing: run `cargo run -p bookgen -- outputs`"
                    )),
                }
            }
            for name in written.difference(&expected.keys().cloned().collect()) {
                problems.push(format!(
                    "book/src/generated/outputs/{name} comes from no golden: run `cargo run -p bookgen -- outputs`"
                ));
            }
        }
        Err(e) => problems.push(e),
    }

    // Every include and its anchor; every text block an include of a golden's output.
    let mut includes = 0;
    let code_dirs = [
        project.root.join("examples"),
        project.root.join("exercises"),
    ];
    for page in &pages {
        for include in &page.includes {
            includes += 1;
            let shown = project.shown(&include.target);
            if !include.target.is_file() {
                problems.push(format!(
                    "{}: {{{{#include {}}}}}: no file {shown}",
                    page.at(include.line),
                    include.written
                ));
                continue;
            }
            let is_code = code_dirs.iter().any(|d| include.target.starts_with(d));
            match include.selector.as_deref() {
                Some(anchor) if !anchor.starts_with(|c: char| c.is_ascii_digit() || c == ':') => {
                    let text = fs::read_to_string(&include.target).unwrap_or_default();
                    if !has_anchor(&text, anchor) {
                        problems.push(format!(
                            "{}: {{{{#include {}}}}}: {shown} has no anchor `{anchor}` (`// ANCHOR: {anchor}` ... `// ANCHOR_END: {anchor}`)",
                            page.at(include.line),
                            include.written
                        ));
                    }
                }
                _ if is_code => problems.push(format!(
                    "{}: {{{{#include {}}}}}: include an example's code by an anchor, so that its doc comment stays out",
                    page.at(include.line),
                    include.written
                )),
                _ => {}
            }
            if include.target.starts_with(&outputs_dir) && include.block.is_none() {
                problems.push(format!(
                    "{}: {{{{#include {}}}}}: an output belongs in a code block",
                    page.at(include.line),
                    include.written
                ));
            }
        }
        for (index, block) in page.blocks.iter().enumerate() {
            if block.language != "text" {
                continue;
            }
            let body: Vec<&String> = block.body.iter().filter(|l| !l.trim().is_empty()).collect();
            let include = page.includes.iter().find(|i| i.block == Some(index));
            let golden = include.and_then(|i| {
                let name = i.target.strip_prefix(&outputs_dir).ok()?.to_str()?;
                let stem = name.strip_suffix(".txt")?;
                (!stem.ends_with(".run") && golden_names.contains(stem)).then_some(stem)
            });
            let only_include =
                body.len() == 1 && include.is_some_and(|i| body[0].contains(&i.written));
            if !only_include || golden.is_none() {
                problems.push(format!(
                    "{}: a ```text block must be exactly one {{{{#include ../generated/outputs/NAME.txt}}}} of a golden's output, not pasted or other text",
                    page.at(block.line)
                ));
            }
        }
    }

    // Every example and every exercise has a page, with all it should show.
    let included = |target: &Path| -> Vec<&Page> {
        pages
            .iter()
            .filter(|p| p.includes.iter().any(|i| i.target == target))
            .collect()
    };
    let mut page_of: BTreeMap<String, PathBuf> = BTreeMap::new();
    let crates: Vec<(&str, String)> = project
        .examples()
        .into_iter()
        .map(|n| ("examples", n))
        .chain(project.exercises().into_iter().map(|n| ("exercises", n)))
        .collect();
    for (folder, name) in &crates {
        let main = project.root.join(folder).join(name).join("src/main.rs");
        let Some(page) = included(&main).first().copied() else {
            problems.push(format!(
                "{folder}/{name} has no page: no page listed in SUMMARY.md includes {folder}/{name}/src/main.rs"
            ));
            continue;
        };
        page_of.insert(name.clone(), page.path.clone());
        let src_dir = project.root.join(folder).join(name).join("src");
        let mut sources = Vec::new();
        rust_files(&src_dir, &mut sources);
        for source in sources {
            if included(&source).is_empty() {
                problems.push(format!(
                    "{}: not included in the book (its page is book/src/{})",
                    project.shown(&source),
                    page.name
                ));
            }
        }
        let has = |target: PathBuf| page.includes.iter().any(|i| i.target == target);
        let shows_timeline = has(timelines_dir.join(format!("{name}.svg")));
        match project.has_timeline(name) {
            Ok(true) if !shows_timeline => problems.push(format!(
                "book/src/{}: shows no timeline of {name}: {{{{#include ../generated/timelines/{name}.svg}}}}",
                page.name
            )),
            Ok(false) if shows_timeline => problems.push(match project.does_not_compile(name) {
                Ok(true) => format!(
                    "book/src/{}: includes a timeline of {name}, whose starting code does not compile (exercises/info.toml) and has none",
                    page.name
                ),
                _ => format!(
                    "book/src/{}: includes a timeline of {name}, which runs on the real clock (golden/{name}.out) and has none",
                    page.name
                ),
            }),
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
        for golden in goldens_of(&golden_names, name) {
            for file in [format!("{golden}.txt"), format!("{golden}.run.txt")] {
                if !has(outputs_dir.join(&file)) {
                    problems.push(format!(
                        "book/src/{}: does not show golden/{golden}.out: {{{{#include ../generated/outputs/{file}}}}}",
                        page.name
                    ));
                }
            }
        }
    }
    match exercise_solutions(project) {
        Ok(solutions) => {
            for (exercise, solution) in solutions {
                let (Some(page), Some(target)) = (page_of.get(&exercise), page_of.get(&solution))
                else {
                    continue;
                };
                let page = pages.iter().find(|p| p.path == *page).expect("a page");
                let dir = page.path.parent().expect("a folder");
                let links = page.links.iter().any(|link| {
                    let file = link.split('#').next().unwrap_or("");
                    !file.is_empty() && normalize(&dir.join(file)) == *target
                });
                if !links {
                    problems.push(format!(
                        "book/src/{}: exercise {exercise} does not link to its solution's page, book/src/{}",
                        page.name,
                        target.strip_prefix(&src).unwrap_or(target).display()
                    ));
                }
            }
        }
        Err(e) => problems.push(e),
    }

    // The timelines, where they are: inline SVG in a Markdown page.
    let mut timelines = 0;
    for entry in fs::read_dir(&timelines_dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        timelines += 1;
        let text = fs::read_to_string(&path).unwrap_or_default();
        let start = text.trim_start();
        if !(start.starts_with("<svg") || start.starts_with("<?xml")) || !text.contains("<svg") {
            problems.push(format!("{}: not an SVG document", project.shown(&path)));
        }
        if text.trim().lines().any(|l| l.trim().is_empty()) {
            problems.push(format!(
                "{}: has an empty line, which would end the page's HTML block and show the rest as text",
                project.shown(&path)
            ));
        }
    }

    // The built book.
    let build = project.build_dir();
    for name in &names {
        let html = build.join(name.replace(".md", ".html"));
        if !html.is_file() {
            problems.push(format!(
                "book/build: no {} for book/src/{name}: build the book first (`make book`)",
                project.shown(&html)
            ));
        }
    }
    let links = check_links(&build);
    problems.extend(links.problems);

    report.summary = format!(
        "{} pages, {} examples and exercises, {} goldens, {includes} includes, {timelines} timelines, {} links",
        pages.len(),
        crates.len(),
        golden_names.len(),
        links.checked
    );
    report
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
}

/// Each exercise of `exercises/info.toml` with its solution example.
fn exercise_solutions(project: &Project) -> Result<Vec<(String, String)>, String> {
    Ok(project
        .exercise_entries()?
        .iter()
        .filter_map(|e| {
            Some((
                e.get("name")?.as_str()?.to_owned(),
                e.get("solution")?.as_str()?.to_owned(),
            ))
        })
        .collect())
}
