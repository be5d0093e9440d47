//! https:// against the local site served over TLS (crates/site, `spawn_tls`), whose
//! certificate is signed by an authority made up for the run. The certificates trusted are
//! those of the file named by `SSL_CERT_FILE`, as for curl and Python, else the system's,
//! which do not include that authority. (A golden cannot set the environment, hence a test.)

use std::path::Path;

use site::Site;
use site::tls_client::{client, folder_with_urls, write_pem};

/// What one run left behind.
struct Run {
    code: Option<i32>,
    stderr: String,
    found: String,
}

/// Runs areq in `dir` (which holds urls.txt) with `SSL_CERT_FILE` set to `ca_file`, or unset
/// (and `SSL_CERT_DIR` unset either way, so the system's own store is the only other source).
fn areq(dir: &Path, ca_file: Option<&Path>) -> Run {
    let mut command = client(env!("CARGO_BIN_EXE_areq"), ca_file);
    command.current_dir(dir);
    let output = command.output().expect("areq runs");
    assert!(output.stdout.is_empty(), "areq prints nothing on stdout");
    Run {
        code: output.status.code(),
        stderr: String::from_utf8(output.stderr).unwrap(),
        found: std::fs::read_to_string(dir.join("foundurls.txt")).unwrap_or_default(),
    }
}

/// The messages of the log lines, without their `HH:MM:SS ` time of day, sorted.
fn messages(stderr: &str) -> Vec<&str> {
    let mut messages: Vec<&str> = stderr
        .lines()
        .map(|line| line.get(9..).unwrap_or_else(|| panic!("{line:?}")))
        .collect();
    messages.sort_unstable();
    messages
}

#[test]
fn pages_over_https_are_crawled_when_ssl_cert_file_names_their_authority() {
    let site = site::spawn_tls(Site::new(20));
    let (dir, urls) = folder_with_urls(&site);
    let ca = write_pem(dir.path(), "ca.pem", site.ca_pem().unwrap());
    let run = areq(dir.path(), Some(&ca));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    for url in &urls {
        let got = format!("INFO:areq: Got response [200] for URL: {url}");
        assert!(
            messages(&run.stderr).contains(&got.as_str()),
            "{}",
            run.stderr
        );
    }
    // Each page's links, made absolute against its https:// URL: page 0 of 20 links to the
    // index, to page 13 with an absolute https:// link, and to page 1 with a relative one.
    let base = site.base_url();
    for link in ["/", "/page/13.html", "/page/1.html"] {
        let row = format!("{}\t{base}{link}\n", urls[0]);
        assert!(run.found.contains(&row), "no row {row:?} in\n{}", run.found);
    }
}

#[test]
fn an_untrusted_certificate_is_one_log_line_per_url_naming_the_problem() {
    let site = site::spawn_tls(Site::new(5));
    let other = site::spawn_tls(Site::new(1));
    let (dir, urls) = folder_with_urls(&site);
    let other_ca = write_pem(dir.path(), "other.pem", other.ca_pem().unwrap());
    // No SSL_CERT_FILE: the system's store, which has never heard of the site's authority;
    // then a file that names another authority only.
    for ca_file in [None, Some(other_ca.as_path())] {
        let run = areq(dir.path(), ca_file);
        let expected: Vec<String> = urls
            .iter()
            .map(|url| {
                format!(
                    "ERROR:areq: aiohttp exception for {url} [None]: \
                     cannot connect: invalid peer certificate: UnknownIssuer"
                )
            })
            .collect();
        assert_eq!(messages(&run.stderr), expected, "SSL_CERT_FILE={ca_file:?}");
        assert_eq!(run.found, "source_url\tparsed_url\n");
        assert_eq!(run.code, Some(1));
    }
}
