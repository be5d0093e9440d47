//! The checker passes a small sound book and fails each kind of fault: a missing page, a
//! missing anchor, a pasted output block, a broken link, a stale output.

use std::fs;
use std::path::Path;

use bookgen::Project;
use bookgen::check::check;

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const MAIN_RS: &str = "//! Port of `hi.py`.\n//!\n//! Lesson: hello.\n\n// ANCHOR: main\nfn main() {\n    println!(\"hi\");\n}\n// ANCHOR_END: main\n";

const PAGE: &str = "# hi\n\n## `hi` {#hi}\n\n```rust\n{{#include ../../examples/hi/src/main.rs:main}}\n```\n\n```sh\n{{#include generated/outputs/hi.run.txt}}\n```\n\n```text\n{{#include generated/outputs/hi.txt}}\n```\n\n<div class=\"timeline-figure\">\n{{#include generated/timelines/hi.svg}}\n</div>\n";

const HTML: &str = "<html><body><nav><a href=\"index.html\">Intro</a> <a href=\"hi.html#hi\">hi</a></nav>\n<h2 id=\"hi\">hi</h2><pre><code>href=\"not-a-link.html\"</code></pre></body></html>\n";

/// A workspace with one example, `hi`, its golden, and a book with its page, built.
fn sound_book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "Cargo.toml", "[workspace]\n");
    write(root, "examples/hi/Cargo.toml", "[package]\nname = \"hi\"\n");
    write(root, "examples/hi/src/main.rs", MAIN_RS);
    write(
        root,
        "golden/hi.out",
        "# From the original.\nrun: hi\n---\nhi at {{time}}\n",
    );
    write(
        root,
        "book/src/SUMMARY.md",
        "# Summary\n\n[Intro](index.md)\n- [hi](hi.md)\n",
    );
    write(
        root,
        "book/src/index.md",
        "# Intro\n\nSee [hi](hi.md#hi).\n",
    );
    write(root, "book/src/hi.md", PAGE);
    write(
        root,
        "book/src/generated/timelines/hi.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g class=\"lane\" data-task=\"main\"></g>\n</svg>\n",
    );
    write(root, "book/build/index.html", HTML);
    write(root, "book/build/hi.html", HTML);
    bookgen::outputs::write_all(&Project::at(root)).unwrap();
    dir
}

fn problems(root: &Path) -> Vec<String> {
    check(&Project::at(root)).problems
}

fn assert_fails(root: &Path, expected: &str) {
    let problems = problems(root);
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "expected a problem with {expected:?}, got {problems:#?}"
    );
}

#[test]
fn a_sound_book_passes() {
    let book = sound_book();
    assert_eq!(problems(book.path()), Vec::<String>::new());
    let output = fs::read_to_string(book.path().join("book/src/generated/outputs/hi.txt")).unwrap();
    assert_eq!(output, "hi at <HH:MM:SS>\n");
}

#[test]
fn an_example_without_a_page_fails() {
    let book = sound_book();
    let root = book.path();
    write(
        root,
        "examples/bye/Cargo.toml",
        "[package]\nname = \"bye\"\n",
    );
    write(root, "examples/bye/src/main.rs", MAIN_RS);
    write(root, "golden/bye.out", "run: bye\n---\nbye\n");
    bookgen::outputs::write_all(&Project::at(root)).unwrap();
    assert_fails(root, "examples/bye has no page");
}

#[test]
fn a_page_missing_from_the_summary_fails() {
    let book = sound_book();
    write(
        book.path(),
        "book/src/SUMMARY.md",
        "# Summary\n\n[Intro](index.md)\n",
    );
    assert_fails(book.path(), "book/src/hi.md is not listed in SUMMARY.md");
    assert_fails(book.path(), "examples/hi has no page");
}

#[test]
fn a_missing_anchor_fails() {
    let book = sound_book();
    let main = MAIN_RS.replace("// ANCHOR_END: main\n", "");
    write(book.path(), "examples/hi/src/main.rs", &main);
    assert_fails(book.path(), "has no anchor `main`");
}

#[test]
fn a_missing_included_file_fails() {
    let book = sound_book();
    let page = PAGE.replace("examples/hi/src/main.rs", "examples/hi/src/lib.rs");
    write(book.path(), "book/src/hi.md", &page);
    assert_fails(book.path(), "no file examples/hi/src/lib.rs");
}

#[test]
fn a_pasted_output_block_fails() {
    let book = sound_book();
    let page = format!("{PAGE}\n```text\nhi at 12:00:00\n```\n");
    write(book.path(), "book/src/hi.md", &page);
    assert_fails(
        book.path(),
        "book/src/hi.md:21: a ```text block must be exactly one",
    );
}

#[test]
fn an_output_that_no_longer_matches_its_golden_fails() {
    let book = sound_book();
    write(
        book.path(),
        "golden/hi.out",
        "run: hi\n---\nhello at {{time}}\n",
    );
    assert_fails(book.path(), "hi.txt is not what its golden gives today");
}

#[test]
fn a_broken_link_or_fragment_fails() {
    let book = sound_book();
    let root = book.path();
    write(
        root,
        "book/build/hi.html",
        &HTML.replace("hi.html#hi", "gone.html"),
    );
    assert_fails(root, "hi.html: link \"gone.html\": no file gone.html");
    write(
        root,
        "book/build/hi.html",
        &HTML.replace("hi.html#hi", "index.html#nowhere"),
    );
    assert_fails(
        root,
        "hi.html: link \"index.html#nowhere\": no id \"nowhere\" in index.html",
    );
}

#[test]
fn an_include_mdbook_left_unresolved_fails() {
    let book = sound_book();
    let html = HTML.replace("</body>", "{{#include generated/nothing.txt}}</body>");
    write(book.path(), "book/build/hi.html", &html);
    assert_fails(book.path(), "was left unresolved by mdBook");
}

#[test]
fn a_missing_timeline_fails() {
    let book = sound_book();
    let root = book.path();
    fs::remove_file(root.join("book/src/generated/timelines/hi.svg")).unwrap();
    assert_fails(root, "no file book/src/generated/timelines/hi.svg");
}

#[test]
fn a_timeline_with_an_empty_line_fails() {
    let book = sound_book();
    write(
        book.path(),
        "book/src/generated/timelines/hi.svg",
        "<svg>\n\n<g class=\"lane\"></g>\n</svg>\n",
    );
    assert_fails(book.path(), "has an empty line");
}

#[test]
fn a_timeline_for_a_real_clock_example_fails() {
    let book = sound_book();
    let root = book.path();
    write(
        root,
        "golden/hi.out",
        "clock: real\nrun: hi\n---\nhi at {{time}}\n",
    );
    bookgen::outputs::write_all(&Project::at(root)).unwrap();
    assert_fails(
        root,
        "which runs on the real clock (golden/hi.out) and has none",
    );
}

#[test]
fn an_exercise_whose_starting_code_does_not_compile_has_no_timeline() {
    let book = sound_book();
    let root = book.path();
    write(
        root,
        "exercises/ex_hi/Cargo.toml",
        "[package]\nname = \"ex_hi\"\n",
    );
    let info = "[[exercise]]\nname = \"ex_hi\"\nsolution = \"hi\"\ntitle = \"t\"\nhint = \"h\"\n";
    write(root, "exercises/info.toml", info);
    let project = Project::at(root);
    assert_eq!(project.has_timeline("ex_hi"), Ok(true));
    write(
        root,
        "exercises/info.toml",
        &format!("{info}compiles = false\nexplain = \"e\"\n"),
    );
    assert_eq!(project.does_not_compile("ex_hi"), Ok(true));
    assert_eq!(project.does_not_compile("hi"), Ok(false));
    assert_eq!(project.has_timeline("ex_hi"), Ok(false));
    assert_eq!(project.with_timelines(), Ok(vec!["hi".to_owned()]));
}
