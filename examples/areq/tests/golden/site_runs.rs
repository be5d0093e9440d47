//! What the goldens cannot express: runs of `areq` against the local site, checked line by
//! line: the log order per page, the exact rows of many pages, timeouts, size limits, and
//! that every line of a bad run is one line naming its URL.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::{Duration, Instant};

use site::{Site, SiteHandle};

/// What one run left behind.
struct Run {
    code: Option<i32>,
    stderr: String,
    found: String,
    took: Duration,
}

/// Runs areq in a fresh folder holding `urls` as urls.txt, with `args`.
fn areq(urls: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("urls.txt"), urls).unwrap();
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_areq"))
        .args(args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(output.stdout.is_empty(), "areq prints nothing on stdout");
    Run {
        code: output.status.code(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        found: std::fs::read_to_string(dir.path().join("foundurls.txt")).unwrap_or_default(),
        took,
    }
}

/// A log line split up: level and message, after checking the `HH:MM:SS LEVEL:areq: ` form.
fn parse_line(line: &str) -> (&str, &str) {
    let (time, rest) = line.split_at_checked(8).expect(line);
    let digits = time.bytes().enumerate().all(|(i, b)| match i {
        2 | 5 => b == b':',
        _ => b.is_ascii_digit(),
    });
    assert!(digits, "no time of day: {line:?}");
    let rest = rest.strip_prefix(' ').expect(line);
    let (level, message) = rest.split_once(":areq: ").expect(line);
    assert!(level == "INFO" || level == "ERROR", "level: {line:?}");
    (level, message)
}

/// For each URL, its INFO messages in order: checks that they come as `Got response`,
/// `Found N links`, then `Wrote results` when N > 0, and returns N.
fn links_found_per_page(stderr: &str) -> BTreeMap<String, usize> {
    let mut steps: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (level, message) in stderr.lines().map(parse_line) {
        if level != "INFO" {
            continue;
        }
        let (step, url) = if let Some(rest) = message.strip_prefix("Got response [") {
            let (_, url) = rest.split_once("] for URL: ").expect(message);
            ("got".to_owned(), url)
        } else if let Some(rest) = message.strip_prefix("Found ") {
            let (n, url) = rest.split_once(" links for ").expect(message);
            (format!("found {n}"), url)
        } else if let Some(url) = message.strip_prefix("Wrote results for source URL: ") {
            ("wrote".to_owned(), url)
        } else {
            panic!("unexpected INFO line: {message}");
        };
        steps.entry(url.to_owned()).or_default().push(step);
    }
    steps
        .into_iter()
        .filter_map(|(url, steps)| {
            if steps == ["got"] {
                return None; // fetched, then failed: its error line says why
            }
            assert!(steps.len() >= 2 && steps[0] == "got", "{url}: {steps:?}");
            let n: usize = steps[1]
                .strip_prefix("found ")
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("{url}: {steps:?}"));
            let expected: &[&str] = if n > 0 {
                &["got", &steps[1], "wrote"]
            } else {
                &["got", &steps[1]]
            };
            assert_eq!(steps, expected, "{url}: the order of its log lines");
            Some((url, n))
        })
        .collect()
}

/// Page `i`'s links made absolute, by hand: the shapes the site's pages use (see the site's
/// crate docs), resolved as urljoin resolves them against `/page/{i}.html`.
fn expected_links(site: &Site, handle: &SiteHandle, i: usize) -> BTreeSet<String> {
    let base = handle.base_url();
    let page = handle.url(&Site::page_path(i));
    site.page_hrefs(i, handle.addr())
        .unwrap()
        .into_iter()
        .map(|href| {
            if href.starts_with("http://") || href.starts_with("mailto:") {
                href
            } else if href.starts_with('#') {
                format!("{page}{href}")
            } else if let Some(rest) = href.strip_prefix("../") {
                format!("{base}/{rest}") // from /page/, one folder up is /
            } else if href.starts_with('/') {
                format!("{base}{href}")
            } else {
                format!("{base}/page/{href}")
            }
        })
        .collect()
}

/// The rows after the header, checked to come one page at a time: source URL → links.
fn rows_by_page(found: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut lines = found.lines();
    assert_eq!(lines.next(), Some("source_url\tparsed_url"), "the header");
    let mut pages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in lines {
        let (source, link) = line.split_once('\t').expect(line);
        if current.as_deref() != Some(source) {
            assert!(!pages.contains_key(source), "{source}: rows in two blocks");
            current = Some(source.to_owned());
        }
        let fresh = pages
            .entry(source.to_owned())
            .or_default()
            .insert(link.to_owned());
        assert!(fresh, "{source}: {link} written twice");
    }
    pages
}

#[test]
fn two_hundred_good_pages_write_exactly_their_rows() {
    let site = Site::new(200);
    let handle = site::spawn(site.clone());
    let urls = handle.url_list((0..200).map(Site::page_path));
    let run = areq(&urls, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);

    let expected: BTreeMap<String, BTreeSet<String>> = (0..200)
        .map(|i| {
            let url = handle.url(&Site::page_path(i));
            (url, expected_links(&site, &handle, i))
        })
        .collect();
    assert_eq!(rows_by_page(&run.found), expected);
    let counts: BTreeMap<String, usize> = expected
        .iter()
        .map(|(url, links)| (url.clone(), links.len()))
        .collect();
    assert_eq!(links_found_per_page(&run.stderr), counts);
}

#[test]
fn a_hanging_page_times_out_and_the_others_are_written() {
    let site = Site::new(5);
    let handle = site::spawn(site.clone());
    let mut urls = handle.url_list((0..5).map(Site::page_path));
    urls += &handle.url_list(["/hang"]);
    let run = areq(&urls, &["--timeout", "0.3"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.took < Duration::from_secs(5), "took {:?}", run.took);

    let hang = handle.url("/hang");
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(" ERROR:"))
        .collect();
    assert_eq!(errors.len(), 1, "one error line for /hang:\n{}", run.stderr);
    assert!(
        errors[0].ends_with(&format!(
            "ERROR:areq: Non-aiohttp exception occured:  {hang}: timed out after 0.3 s (--timeout)"
        )),
        "{}",
        errors[0]
    );
    let pages = rows_by_page(&run.found);
    assert_eq!(pages.len(), 5);
    assert!(!pages.contains_key(&hang));
    links_found_per_page(&run.stderr);
}

#[test]
fn a_page_over_the_size_limit_fails_and_one_under_it_is_read() {
    let handle = site::spawn(Site::new(20));
    let urls = handle.url_list(["/large?kb=20000", "/large?kb=1024"]);
    let run = areq(&urls, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);

    let too_large = handle.url("/large?kb=20000");
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(" ERROR:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].ends_with(&format!(
            "Non-aiohttp exception occured:  {too_large}: the body is larger than 16777216 bytes (--max-bytes)"
        )),
        "{}",
        errors[0]
    );
    // One link per KiB, to page (KiB number % 20): 20 distinct links.
    let large = handle.url("/large?kb=1024");
    let found = links_found_per_page(&run.stderr);
    assert_eq!(found.get(&large), Some(&20), "{}", run.stderr);
    let pages = rows_by_page(&run.found);
    assert_eq!(pages.keys().collect::<Vec<_>>(), [&large]);
    assert_eq!(pages[&large].len(), 20);
}

#[test]
fn every_line_of_a_bad_run_is_one_line_naming_its_url() {
    let handle = site::spawn(Site::new(20));
    let listed = [
        handle.url("/page/1.html"),
        handle.url("/status/404"),
        handle.url("/status/503"),
        handle.url("/latin1.html"),
        handle.url("/redirect/loop"),
        handle.url("/notitle.html"),
        "http://127.0.0.1:9/".to_owned(),
        "not a url".to_owned(),
        "ftp://example.com/file".to_owned(),
        String::new(),
    ];
    let run = areq(&(listed.join("\n") + "\n"), &[]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for line in run.stderr.lines() {
        let (level, message) = parse_line(line);
        let named = if message.starts_with("aiohttp exception for  [None]: ") {
            Some("") // the blank line: the empty URL
        } else {
            listed
                .iter()
                .filter(|url| !url.is_empty())
                .find(|url| message.contains(&format!(" {url}")))
                .map(String::as_str)
        };
        assert!(named.is_some(), "names no listed URL: {line}");
        if level == "ERROR" {
            assert!(!message.ends_with("None"), "names no cause: {line}");
        }
    }
    // Every failed page has exactly one error line; the good ones none.
    let error_count = |url: &str| {
        run.stderr
            .lines()
            .filter(|l| l.contains(" ERROR:") && l.contains(&format!(" {url} [")))
            .count()
            + run
                .stderr
                .lines()
                .filter(|l| l.contains(&format!("occured:  {url}: ")))
                .count()
    };
    for url in &listed[1..5] {
        assert_eq!(error_count(url), 1, "{url}:\n{}", run.stderr);
    }
    assert_eq!(error_count(&listed[0]), 0);
    assert_eq!(error_count(&listed[5]), 0);
    let found = links_found_per_page(&run.stderr);
    assert_eq!(found.get(&listed[0]), Some(&9));
    assert_eq!(found.get(&listed[5]), Some(&1));
}

#[test]
fn an_output_file_that_cannot_be_created_is_one_line_and_exit_code_2() {
    let run = areq("", &["-o", "no/such/folder/found.txt"]);
    assert_eq!(run.code, Some(2));
    assert_eq!(
        run.stderr,
        "areq: cannot write no/such/folder/found.txt: No such file or directory (os error 2)\n"
    );
}
