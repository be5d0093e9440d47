//! A lesson's files: its input (a text file, a list of URLs), and a folder it wrote.

use std::io;
use std::path::Path;

use crate::{Fatal, file_failed};

/// The text of a file (Python's `open(path).read()`), without the byte-order mark some
/// editors save first. A file that cannot be read is a [`Fatal`] naming it:
/// `cannot read urls.txt: No such file or directory (os error 2)`, exit code 2 (1 when the
/// process has too many files open).
pub fn read_text(path: impl AsRef<Path>) -> Result<String, Fatal> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path)
        .map_err(|e| file_failed(format_args!("cannot read {}", path.display()), &e))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// The URLs of a list file, one a line (Python's `fh.readlines()`), each line trimmed,
/// blank lines skipped. An empty list is not an error, but a note on stderr says so.
///
/// The file is read at once, with a blocking read, as the originals read it: a program reads
/// its list before it has anything else to do.
pub fn read_url_list(path: impl AsRef<Path>) -> Result<Vec<String>, Fatal> {
    let path = path.as_ref();
    let urls = url_lines(&read_text(path)?);
    if urls.is_empty() {
        crate::note(format_args!("{} lists no URLs", path.display()));
    }
    Ok(urls)
}

fn url_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How many files `dir` holds, and the size they all have (0 for none): for a lesson
/// that writes files and shows it did. Files of different sizes are an error
/// (`7.txt has 10 bytes, expected 20`), as is a folder that cannot be read.
pub fn files_of_one_size(dir: impl AsRef<Path>) -> io::Result<(usize, u64)> {
    let (mut count, mut size) = (0, None);
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let len = entry.metadata()?.len();
        match size {
            Some(expected) if expected != len => {
                let name = entry.file_name();
                let name = name.display();
                return Err(io::Error::other(format!(
                    "{name} has {len} bytes, expected {expected}"
                )));
            }
            _ => size = Some(len),
        }
        count += 1;
    }
    Ok((count, size.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_its_lines_trimmed_without_blanks_or_a_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("urls.txt");
        std::fs::write(&path, "\u{feff}http://a/\r\n\n  http://b/  \n").unwrap();
        assert_eq!(read_url_list(&path).unwrap(), ["http://a/", "http://b/"]);
        assert_eq!(read_text(&path).unwrap(), "http://a/\r\n\n  http://b/  \n");
    }

    #[test]
    fn a_folder_of_files_is_counted_and_their_one_size_checked() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(files_of_one_size(dir.path()).unwrap(), (0, 0));
        std::fs::write(dir.path().join("0.txt"), "xx").unwrap();
        std::fs::write(dir.path().join("1.txt"), "yy").unwrap();
        assert_eq!(files_of_one_size(dir.path()).unwrap(), (2, 2));
        std::fs::write(dir.path().join("2.txt"), "z").unwrap();
        let e = files_of_one_size(dir.path()).unwrap_err().to_string();
        assert!(e.contains(" bytes, expected "), "{e}");
    }

    #[test]
    fn a_missing_list_is_unusable_input() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("urls.txt");
        let fatal = read_url_list(&missing).unwrap_err();
        assert_eq!(fatal.exit_code(), 2);
        assert_eq!(
            fatal.to_string(),
            format!(
                "cannot read {}: No such file or directory (os error 2)",
                missing.display()
            )
        );
    }
}
