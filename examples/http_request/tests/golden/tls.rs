//! https:// against the local site served over TLS (crates/site, `spawn_tls`), whose
//! certificate is signed by an authority made up for the run. The certificates trusted are
//! those of the file named by `SSL_CERT_FILE`, as for curl and Python, else the system's,
//! which do not include that authority. (A golden cannot set the environment, hence a test.)

use std::path::Path;
use std::process::Output;

use site::Site;
use site::tls_client::{client, write_pem};

/// Runs http_request on `url` with `SSL_CERT_FILE` set to `ca_file`, or unset (and
/// `SSL_CERT_DIR` unset either way, so the system's own store is the only other source).
fn http_request(url: &str, ca_file: Option<&Path>) -> Output {
    let mut command = client(env!("CARGO_BIN_EXE_http_request"), ca_file);
    command.arg(url);
    command.output().expect("http_request runs")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

#[test]
fn a_page_over_https_is_fetched_when_ssl_cert_file_names_its_authority() {
    let site = site::spawn_tls(Site::new(5));
    let dir = tempfile::tempdir().unwrap();
    let ca = write_pem(dir.path(), "ca.pem", site.ca_pem().unwrap());
    let url = site.url("/page/1.html");
    let output = http_request(&url, Some(&ca));
    assert_eq!(text(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
    let stdout = text(&output.stdout);
    assert!(stdout.starts_with("<!DOCTYPE html>\n"), "{stdout}");
    assert!(stdout.contains("<title>Page 1</title>"), "{stdout}");
    // The page's absolute link names the address and scheme it was fetched with.
    let absolute = format!("<a href=\"{}\">", site.url("/page/0.html"));
    assert!(stdout.contains(&absolute), "{stdout}");
    assert!(stdout.ends_with("</html>\n\nOK\n"), "{stdout}");
}

#[test]
fn an_untrusted_certificate_is_one_line_naming_the_url_and_the_problem() {
    let site = site::spawn_tls(Site::new(5));
    let other = site::spawn_tls(Site::new(1));
    let dir = tempfile::tempdir().unwrap();
    let other_ca = write_pem(dir.path(), "other.pem", other.ca_pem().unwrap());
    let url = site.url("/page/1.html");
    // No SSL_CERT_FILE: the system's store, which has never heard of the site's authority;
    // then a file that names another authority only.
    for ca_file in [None, Some(other_ca.as_path())] {
        let output = http_request(&url, ca_file);
        assert_eq!(
            text(&output.stderr),
            format!("error: {url}: cannot connect: invalid peer certificate: UnknownIssuer\n"),
            "SSL_CERT_FILE={ca_file:?}"
        );
        assert_eq!(text(&output.stdout), "");
        assert_eq!(output.status.code(), Some(1));
    }
}

#[test]
fn an_ssl_cert_file_without_certificates_is_one_line_not_a_panic() {
    let site = site::spawn(Site::new(1));
    let dir = tempfile::tempdir().unwrap();
    let empty = write_pem(dir.path(), "empty.pem", "");
    let output = http_request(&site.url("/"), Some(&empty));
    assert_eq!(
        text(&output.stderr),
        "error: cannot build the HTTP client: unexpected error: No CA certificates were loaded from the system\n"
    );
    assert_eq!(text(&output.stdout), "");
    assert_eq!(output.status.code(), Some(1));
}
