//! What the HTTP lessons share, as the Rust book has its `trpl` crate: the HTTP around each
//! lesson, so that the example itself shows only the lesson.
//!
//! - [`client`]: the one client of a run (aiohttp's `ClientSession`), https included;
//! - [`get_text`] and [`text`]: a page's body as text, its status checked and its size
//!   bounded;
//! - [`title`]: the text of a page's `<title>`, and [`hrefs`]: its links, as areq.py's
//!   regex finds them;
//! - [`cause`]: what went wrong with a request, in a few exact words;
//! - [`http_url`] and [`seconds`]: a URL argument, http:// or https://, and a `--timeout`;
//! - [`aiohttp`]: areq.py's fetch, its failures sorted as aiohttp sorts them;
//! - `blocking` (feature `blocking`): the same on reqwest's blocking client (`requests`).
//!
//! What is not HTTP (a list of URLs, the open-file limit, errors with their exit code) is
//! in `lessonkit`; `main`, its runtime and how it ends are `#[vclock::main]`'s.

pub mod aiohttp;
#[cfg(feature = "blocking")]
pub mod blocking;
mod cause;
mod client;
mod hrefs;
mod title;
mod tls;

pub use cause::cause;
pub use client::{MAX_BODY, client, client_builder, get_text, http_url, setup_failed, text};
pub use hrefs::hrefs;
/// A `--timeout` option's seconds (`10`, `0.5`), for a client's [`client`] timeout:
/// lessonkit's parser, here for the HTTP lessons.
pub use lessonkit::seconds;
/// reqwest itself, as webfetch builds it (rustls for https), for more than the above.
pub use reqwest;
/// The async client [`client`] builds, and a URL: reqwest's.
pub use reqwest::{Client, Url};
pub use title::title;
