//! The original's `logging.basicConfig`, on `tracing`: every line on stderr reads
//! `HH:MM:SS LEVEL:areq: message`, from the format `%(asctime)s %(levelname)s:%(name)s:
//! %(message)s` with the date format `%H:%M:%S`.

// ANCHOR: main
use std::fmt;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::prelude::*;
use tracing_subscriber::registry::LookupSpan;

/// Python's logging line: local time of day, level name, logger name, message.
struct PythonLogFormat;

impl<S, N> FormatEvent<S, N> for PythonLogFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let meta = event.metadata();
        // Python's names for the levels: the same, except that WARN is WARNING.
        let level = match *meta.level() {
            Level::WARN => "WARNING",
            level => level.as_str(),
        };
        // The logger's name: the crate, `areq` (the target of `areq::fetch` is `areq` too).
        let logger = meta.target().split("::").next().unwrap_or_default();
        let time = chrono::Local::now().format("%H:%M:%S");
        write!(writer, "{time} {level}:{logger}: ")?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Sends log lines to stderr in the original's format. The original logs at DEBUG, which
/// also shows asyncio's own `Using selector: EpollSelector` line; this port has no debug
/// lines, so INFO shows everything it says.
///
/// A line that cannot be written (stderr a closed pipe, or `2>/dev/full`) is lost, and
/// nothing else: the crawl and its rows go on. (By default the subscriber reports such a
/// failure with `eprintln!`, which panics on the same broken stderr.)
pub fn init() {
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .event_format(PythonLogFormat)
        .log_internal_errors(false);
    tracing_subscriber::registry()
        .with(lines.with_filter(LevelFilter::INFO))
        .init();
}
// ANCHOR_END: main
