//! What the HTTP lessons share (like the Rust book's `trpl`): the one client, a page's text,
//! its `<title>`, an error's cause in a few words, and output that never panics.

mod title;

pub use title::title;
