//! A page's `<title>`.

/// The text of the page's first `<title>`, if it has one.
pub fn title(_html: &str) -> Option<String> {
    None
}
