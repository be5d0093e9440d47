//! A list of URLs, one a line.

use std::path::Path;

use crate::Fatal;

/// The URLs of a list file (Python's `fh.readlines()`), each line trimmed, blank lines
/// skipped. A byte-order mark, which some editors save first, is not part of the first URL.
/// An empty list is not an error, but a note on stderr says so.
pub async fn read_url_list(path: impl AsRef<Path>) -> Result<Vec<String>, Fatal> {
    let path = path.as_ref();
    let text = tokio::fs::read_to_string(path)
        .await
        .map_err(|e| crate::file_failed(format_args!("cannot read {}", path.display()), &e))?;
    Ok(url_lines(path, &text))
}

pub(crate) fn url_lines(path: &Path, text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let urls: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    if urls.is_empty() {
        crate::exit::note(format_args!("{} lists no URLs", path.display()));
    }
    urls
}
