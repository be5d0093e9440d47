//! Serves the practice site on 127.0.0.1 until Ctrl-C, for trying the HTTP examples by hand:
//!
//! ```sh
//! cargo run -p site -- --port 8080 --pages 1000
//! ```

use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use clap::Parser;
use site::{SPECIAL_PATHS, Site};

/// Serve the generated practice site on 127.0.0.1 until Ctrl-C.
///
/// Open the printed URL for the list of pages and special paths (404s, a Latin-1 page, a slow
/// and a hanging response, a redirect loop, a large page, ...).
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,

    /// Number of generated pages, /page/0.html and up.
    #[arg(long, default_value_t = 100, value_parser = pages_in_range)]
    pages: usize,

    /// Do not print a line for each request.
    #[arg(long, short)]
    quiet: bool,
}

fn pages_in_range(text: &str) -> Result<usize, String> {
    let max = Site::MAX_PAGES;
    match text.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(format!("expected a whole number from 0 to {max}")),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return fail(format_args!("cannot start the tokio runtime: {e}")),
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let wanted = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = match tokio::net::TcpListener::bind(wanted).await {
        Ok(listener) => listener,
        Err(e) => return fail(format_args!("cannot listen on {wanted}: {e}")),
    };
    // With --port 0 the real port is only known now.
    let addr = listener.local_addr().unwrap_or(wanted);
    announce(addr, args.pages);
    let site = Site::new(args.pages).log_requests(!args.quiet);
    let ctrl_c = async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => say(format_args!("Shutting down.")),
            // Without the handler, Ctrl-C still ends the process the default way.
            Err(_) => std::future::pending().await,
        }
    };
    match site::serve_with_shutdown(listener, site, ctrl_c).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format_args!("the server stopped: {e}")),
    }
}

fn announce(addr: SocketAddr, pages: usize) {
    let base = format!("http://{addr}");
    let mut text =
        format!("Serving {pages} pages at {base}/ (page 0: {base}/page/0.html)\nSpecial paths:\n");
    let width = SPECIAL_PATHS
        .iter()
        .map(|s| s.path.len())
        .max()
        .unwrap_or(0);
    for special in SPECIAL_PATHS {
        text += &format!("  {base}{:width$}  {}\n", special.path, special.title);
    }
    text += "Press Ctrl-C to stop.";
    say(format_args!("{text}"));
}

/// Prints a line to standard output, ignoring a closed pipe rather than panicking.
fn say(text: std::fmt::Arguments) {
    let _ = writeln!(io::stdout(), "{text}");
}

fn fail(text: std::fmt::Arguments) -> ExitCode {
    let _ = writeln!(io::stderr(), "site: {text}");
    ExitCode::FAILURE
}
