//! https:// against the local site served over TLS (crates/site, `spawn_tls`), whose
//! certificate is signed by an authority made up for the run. The certificates trusted are
//! those of the file named by `SSL_CERT_FILE`, as for curl and Python, else the system's,
//! which do not include that authority. (A golden cannot set the environment, hence a test.)

use std::path::Path;
use std::process::Output;

use site::Site;
use site::tls_client::{client, folder_with_urls, write_pem};

/// The arguments: the list of URLs in the working folder.
const ARGS: &[&str] = &["urls.txt"];

/// Runs http_requests_sync in `dir` (which holds the URL list) with `SSL_CERT_FILE` set to `ca_file`, or
/// unset (and `SSL_CERT_DIR` unset either way, so the system's own store is the only other
/// source).
fn run(dir: &Path, ca_file: Option<&Path>) -> Output {
    let mut command = client(env!("CARGO_BIN_EXE_http_requests_sync"), ca_file);
    command.args(ARGS).current_dir(dir);
    command.output().expect("http_requests_sync runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

#[test]
fn pages_over_https_are_fetched_when_ssl_cert_file_names_their_authority() {
    let site = site::spawn_tls(Site::new(5));
    let (dir, urls) = folder_with_urls(&site);
    let ca = write_pem(dir.path(), "ca.pem", site.ca_pem().unwrap());
    let output = run(dir.path(), Some(&ca));
    assert_eq!(text(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
    let expected: String = urls
        .iter()
        .enumerate()
        .map(|(i, url)| format!("{url}\nPage {i}\n"))
        .collect();
    assert_eq!(text(&output.stdout), expected);
}

#[test]
fn an_untrusted_certificate_is_one_line_per_url_naming_the_problem() {
    let site = site::spawn_tls(Site::new(5));
    let other = site::spawn_tls(Site::new(1));
    let (dir, urls) = folder_with_urls(&site);
    let other_ca = write_pem(dir.path(), "other.pem", other.ca_pem().unwrap());
    // No SSL_CERT_FILE: the system's store, which has never heard of the site's authority;
    // then a file that names another authority only.
    for ca_file in [None, Some(other_ca.as_path())] {
        let output = run(dir.path(), ca_file);
        let mut lines: Vec<&str> = text(&output.stderr).lines().collect();
        lines.sort_unstable();
        let expected: Vec<String> = urls
            .iter()
            .map(|url| {
                format!("error: {url}: cannot connect: invalid peer certificate: UnknownIssuer")
            })
            .collect();
        assert_eq!(lines, expected, "SSL_CERT_FILE={ca_file:?}");
        assert_eq!(text(&output.stdout), "");
        assert_eq!(output.status.code(), Some(1));
    }
}
