//! For the examples' HTTPS tests: running a program as a client of the site served over TLS
//! ([`crate::spawn_tls`]), trusting the site's authority or not.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Site, SiteHandle};

/// A command for `program` whose trusted certificates are those of `ca_file` (through
/// `SSL_CERT_FILE`, as for curl and Python), or with `None` the system's own store, which
/// has never heard of the site's authority. `SSL_CERT_DIR` is unset either way.
pub fn client(program: &str, ca_file: Option<&Path>) -> Command {
    let mut command = Command::new(program);
    command
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR");
    if let Some(file) = ca_file {
        command.env("SSL_CERT_FILE", file);
    }
    command
}

/// Writes `pem` to the file `name` in `dir` and returns its path.
pub fn write_pem(dir: &Path, name: &str, pem: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pem).expect("write the PEM file");
    path
}

/// A fresh folder holding `urls.txt` with the URLs of pages 0 to 2 of `site`, and those URLs.
pub fn folder_with_urls(site: &SiteHandle) -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let urls: Vec<String> = (0..3).map(|i| site.url(&Site::page_path(i))).collect();
    std::fs::write(dir.path().join("urls.txt"), urls.join("\n") + "\n").expect("write urls.txt");
    (dir, urls)
}
