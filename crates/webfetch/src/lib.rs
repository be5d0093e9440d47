//! What the HTTP lessons share, as the Rust book has its `trpl` crate: the plumbing around
//! each lesson, so that the example itself shows only the lesson.
//!
//! - [`client`]: the one client of a run (aiohttp's `ClientSession`), https included;
//! - [`get_text`] and [`text`]: a page's body as text, its status checked and its size
//!   bounded;
//! - [`title`]: the text of a page's `<title>`;
//! - [`cause`]: what went wrong with a request, in a few exact words;
//! - [`read_url_list`]: the URLs of a list file, one a line;
//! - [`fit_open_files`]: how many connections this process can hold open at once;
//! - [`Fatal`], [`report`] and [`exit`]: every failure one line on stderr, an exit code
//!   that says what happened, and no panic when stdout or stderr cannot be written.

#[cfg(feature = "blocking")]
pub mod blocking;
mod cause;
mod client;
mod exit;
mod open_files;
mod title;
mod tls;
mod urls;

pub use cause::cause;
pub use client::{
    MAX_BODY, client, client_builder, get_text, http_url, positive_seconds, seconds, setup_failed,
    text,
};
pub use exit::{Fatal, exit, report};
pub use open_files::{file_failed, fit_open_files};
/// reqwest itself, as webfetch builds it (rustls for https), for more than the above.
pub use reqwest;
/// The async client [`client`] builds, and a URL: reqwest's.
pub use reqwest::{Client, Url};
pub use title::title;
pub use urls::read_url_list;
