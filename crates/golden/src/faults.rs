//! The fault matrix of the network examples: every way a fetch or an output can fail, run
//! against one example's binary on golden's runner, checking that each is one line on
//! stderr naming the URL (or the output) and the real cause, with the right exit code and
//! no panic.
//!
//! Each network example's `tests/golden/faults.rs` describes how the program is called
//! ([`Program`]) and runs [`check`]. The faults:
//! - servers that misbehave, started here on 127.0.0.1 ([`Misbehaving`]): a reply that is
//!   not HTTP, no reply at all, a header too large, a reset before the reply or in the
//!   middle of the body, a body cut short, no answer in time;
//! - a refused connection, a host name that does not resolve, an untrusted certificate;
//! - `SSL_CERT_FILE` naming the site's authority (trusted), another one, or none at all; a
//!   self-signed certificate authority's certificate as the server's own (trusted when it is
//!   the file's, for its name, within its dates);
//! - stdout a closed pipe or a full disk (`/dev/full`); for a program that writes a file,
//!   stderr so;
//! - the open-file limit: `ulimit -n 8`, where nothing can start, and `ulimit -n 24`, where
//!   100 pages must still all be fetched.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::thread;
use std::time::Duration;

use site::{Site, SiteHandle};

use crate::run::{self, Broken, Clock, Options};

/// How a network example is called.
pub struct Program {
    /// The binary: `env!("CARGO_BIN_EXE_NAME")`.
    pub exe: &'static str,
    /// The arguments before the URL or the list's file name.
    pub args: &'static [&'static str],
    /// How it is given its URLs.
    pub input: Input,
    /// Where its results go.
    pub output: Results,
    /// Whether it takes a proxy from the environment (`http_proxy`), as Python's
    /// `requests` does; aiohttp does not.
    pub proxy_from_env: bool,
}

/// How a program is given its URLs.
#[derive(Clone, Copy, PartialEq)]
pub enum Input {
    /// One URL, as an argument.
    Url,
    /// The name of a file with one URL a line (`urls.txt`, in its working folder).
    List,
}

/// Where a program's results go.
#[derive(Clone, Copy, PartialEq)]
pub enum Results {
    Stdout,
    /// A file in its working folder (areq's `foundurls.txt`); stderr carries its log.
    File(&'static str),
}

/// How a run differs from a plain one.
#[derive(Clone, Copy)]
enum Setup {
    Plain,
    /// The open-file limit, soft and hard.
    Ulimit(u32),
    /// Stdout broken so.
    Stdout(Broken),
    /// Stderr broken so.
    Stderr(Broken),
    /// `http_proxy` and `HTTP_PROXY` set to this proxy.
    Proxy(&'static str),
    /// `SSL_CERT_FILE` naming this file: the only certificate authorities trusted.
    CaFile(&'static Path),
}

/// What a run left.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    /// The results file, for [`Results::File`].
    file: String,
}

impl Run {
    /// The results, wherever they go.
    fn results(&self, program: &Program) -> &str {
        match program.output {
            Results::Stdout => &self.stdout,
            Results::File(_) => &self.file,
        }
    }
}

/// The matrix for `program`: panics with every case that went wrong.
pub fn check(program: &Program) {
    let site = site::spawn(Site::new(100));
    let tls = site::spawn_tls(Site::new(1));
    let cases = request_faults(&tls);
    let mut wrong = Vec::new();
    thread::scope(|scope| {
        let mut runs = Vec::new();
        for (name, url, cause, timeout) in &cases {
            let site = &site;
            runs.push(scope.spawn(move || {
                request_fault(program, site, url, cause, timeout)
                    .map_err(|e| format!("{name}: {e}"))
            }));
        }
        runs.push(scope.spawn(|| output_faults(program, &site)));
        runs.push(scope.spawn(|| proxy(program, &site)));
        runs.push(scope.spawn(|| trusted_authorities(program, &tls)));
        runs.push(scope.spawn(|| open_file_limits(program, &site)));
        for run in runs {
            if let Err(e) = run.join().expect("a case's thread") {
                wrong.push(e);
            }
        }
    });
    assert!(
        wrong.is_empty(),
        "{} of the fault matrix went wrong:\n\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

/// Each fault of a request: a name, a URL, the cause the error line must give, and the
/// `--timeout` of the run.
fn request_faults(tls: &SiteHandle) -> Vec<(&'static str, String, &'static str, &'static str)> {
    use Misbehaving::*;
    let at = |server: Misbehaving| server.spawn();
    vec![
        (
            "refused",
            refused_url(),
            "cannot connect: connection refused",
            "5",
        ),
        (
            "no such host",
            "http://no-such-host.invalid/".to_owned(),
            "cannot resolve the host name no-such-host.invalid",
            "5",
        ),
        ("not HTTP", at(NotHttp), "the reply is not valid HTTP", "5"),
        (
            "empty reply",
            at(Empty),
            "the server closed the connection without a reply",
            "5",
        ),
        (
            "huge header",
            at(HugeHeader),
            "the reply's header is too large",
            "5",
        ),
        (
            "reset before the reply",
            at(ResetBeforeReply),
            "no reply: the server reset the connection",
            "5",
        ),
        (
            "reset in the body",
            at(ResetInBody),
            "the body was cut short: the server reset the connection",
            "5",
        ),
        (
            "body cut short",
            at(EofInBody),
            "the body was cut short: the server closed the connection too soon",
            "5",
        ),
        // Alone in its list, so that nothing else has to be done within its short timeout.
        ("no answer", at(Silent), "timed out", "0.1"),
        (
            "untrusted certificate",
            tls.url("/page/0.html"),
            "cannot connect: the server's certificate is not trusted: no authority this machine \
             trusts signed it",
            "5",
        ),
    ]
}

/// One request fault: exit code 1, the error line, no panic, and (for a list) the good
/// page after it fetched all the same.
fn request_fault(
    program: &Program,
    site: &SiteHandle,
    url: &str,
    cause: &str,
    timeout: &str,
) -> Result<(), String> {
    let good = site.url("/page/0.html");
    // A case with a short timeout is alone in its list: a good page after it, which must
    // still be fetched, could miss such a timeout on a loaded machine.
    let alone = timeout.parse::<f64>().is_ok_and(|t| t < 1.0);
    let urls = match program.input {
        Input::List if !alone => vec![url.to_owned(), good.clone()],
        _ => vec![url.to_owned()],
    };
    let run = run(program, &urls, &["--timeout", timeout], Setup::Plain);
    // The lines naming the URL, but for areq's log of its progress.
    let lines: Vec<&str> = (run.stderr.lines())
        .filter(|l| l.contains(url) && !l.contains(" INFO:"))
        .collect();
    let shown = || format!("exit code {:?}, stderr:\n{}", run.code, run.stderr);
    if run.stderr.contains("panicked") || run.code != Some(1) {
        return Err(format!("expected exit code 1 and no panic; {}", shown()));
    }
    if lines.len() != 1 || !lines[0].contains(cause) {
        return Err(format!(
            "expected one line naming {url} and `{cause}`; {}",
            shown()
        ));
    }
    if program.input == Input::List && !alone && !run.results(program).contains(&good) {
        return Err(format!(
            "the good page {good} is missing from the results; {}",
            shown()
        ));
    }
    Ok(())
}

/// A stdout that is a closed pipe or a full disk: one line, exit code 1. For a program that
/// writes a file, its log (stderr) so: every row is still written, exit code 0.
fn output_faults(program: &Program, site: &SiteHandle) -> Result<(), String> {
    let urls: Vec<String> = (0..3).map(|i| site.url(&Site::page_path(i))).collect();
    let mut wrong = Vec::new();
    for broken in [Broken::ClosedPipe, Broken::DevFull] {
        let setup = match program.output {
            Results::Stdout => Setup::Stdout(broken),
            Results::File(_) => Setup::Stderr(broken),
        };
        let run = run(program, &urls, &[], setup);
        let shown = format!("exit code {:?}, stderr:\n{}", run.code, run.stderr);
        match program.output {
            Results::Stdout => {
                let expected = match broken {
                    Broken::ClosedPipe => {
                        "error: cannot write to standard output: the pipe is closed"
                    }
                    Broken::DevFull => {
                        "error: cannot write to standard output: No space left on device"
                    }
                };
                let one_line = run.stderr.lines().count() == 1;
                if run.code != Some(1) || !one_line || !run.stderr.starts_with(expected) {
                    wrong.push(format!(
                        "stdout {broken:?}: expected `{expected}` and exit code 1; {shown}"
                    ));
                }
            }
            Results::File(name) => {
                let all_rows = urls.iter().all(|url| run.file.contains(url));
                if run.code != Some(0) || !all_rows {
                    wrong.push(format!(
                        "stderr {broken:?}: expected exit code 0 and rows for every page in \
                         {name}; exit code {:?}, {name}:\n{}",
                        run.code, run.file
                    ));
                }
            }
        }
        if run.stderr.contains("panicked") {
            wrong.push(format!("{broken:?}: a panic; {shown}"));
        }
    }
    // A list with a page that fails, and stderr that cannot take its error line: the line is
    // lost, nothing else. Every good page is still printed, and the exit code still says
    // that a page failed.
    if program.input == Input::List && program.output == Results::Stdout {
        let mut list = vec![refused_url()];
        list.extend(urls.iter().cloned());
        for broken in [Broken::ClosedPipe, Broken::DevFull] {
            let run = run(program, &list, &[], Setup::Stderr(broken));
            let missing: Vec<&String> = urls.iter().filter(|u| !run.stdout.contains(*u)).collect();
            if run.code != Some(1) || !missing.is_empty() {
                wrong.push(format!(
                    "stderr {broken:?} and a page that fails: expected every good page and exit \
                     code 1; exit code {:?}, missing {missing:?}, stdout:\n{}",
                    run.code, run.stdout
                ));
            }
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n\n"))
    }
}

/// A proxy in the environment where nothing listens: a program that takes its proxy from
/// there says it cannot reach the proxy; one that does not fetches the page all the same.
fn proxy(program: &Program, site: &SiteHandle) -> Result<(), String> {
    let proxy: &'static str = Box::leak(refused_url().into_boxed_str());
    let urls = vec![site.url("/page/0.html")];
    let run = run(program, &urls, &[], Setup::Proxy(proxy));
    let shown = format!("exit code {:?}, stderr:\n{}", run.code, run.stderr);
    if program.proxy_from_env {
        let expected = format!("cannot connect to the proxy {proxy}: connection refused");
        let lines: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| !l.contains(" INFO:"))
            .collect();
        if run.code != Some(1) || lines.len() != 1 || !lines[0].contains(&expected) {
            return Err(format!(
                "http_proxy={proxy}: expected one line saying `{expected}`; {shown}"
            ));
        }
    } else if run.code != Some(0)
        || !run.results(program).contains("Page 0") && !run.results(program).contains(&urls[0])
    {
        return Err(format!(
            "http_proxy={proxy}: expected the proxy ignored and the page fetched; {shown}"
        ));
    }
    Ok(())
}

/// https:// with the authorities named by `SSL_CERT_FILE`, as curl and Python read it: the
/// site's own authority, and the page is fetched; another authority only, and the error
/// names the untrusted certificate; a file with no certificates, and the error says none
/// were loaded (when the first https:// URL needs them: http:// ones do not).
///
/// And a server whose certificate is self-signed and a certificate authority's, as
/// `openssl req -x509` makes (rustls alone refuses it, `CaUsedAsEndEntity`): trusted when it
/// is the file's, for the right name, within its dates; otherwise one line saying why.
fn trusted_authorities(program: &Program, tls: &SiteHandle) -> Result<(), String> {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let pem = |name: &str, site: &SiteHandle| -> &'static Path {
        let path = folder.path().join(name);
        let text = site.ca_pem().expect("an https:// site");
        std::fs::write(&path, text).expect("a PEM file");
        Box::leak(path.into_boxed_path())
    };
    let right = ["127.0.0.1", "localhost"];
    let other = site::spawn_tls(Site::new(1));
    let self_signed = site::spawn_tls_self_signed(Site::new(1), &right, false);
    let wrong_name = site::spawn_tls_self_signed(Site::new(1), &["example.invalid"], false);
    let expired = site::spawn_tls_self_signed(Site::new(1), &right, true);
    let stranger = site::spawn_tls_self_signed(Site::new(1), &right, false);
    let empty = {
        let path = folder.path().join("empty.pem");
        std::fs::write(&path, "").expect("a PEM file");
        Box::leak(path.into_boxed_path())
    };
    // The case, the site, the file SSL_CERT_FILE names, and the cause (none: the page).
    let cases: [(&str, &SiteHandle, &'static Path, Option<&str>); 7] = [
        ("the site's authority", tls, pem("own.pem", tls), None),
        (
            "another authority",
            tls,
            pem("other.pem", &other),
            Some(
                "cannot connect: the server's certificate is not trusted: no authority this \
                 machine trusts signed it (to trust it, name its file in SSL_CERT_FILE)",
            ),
        ),
        (
            "no certificates",
            tls,
            empty,
            Some("cannot connect: unexpected error: No CA certificates were loaded"),
        ),
        (
            "the server's self-signed certificate",
            &self_signed,
            pem("self-signed.pem", &self_signed),
            None,
        ),
        (
            "the server's self-signed certificate, for another name",
            &wrong_name,
            pem("wrong-name.pem", &wrong_name),
            Some(
                "cannot connect: the server's certificate is not for the name 127.0.0.1 (use \
                 a name it is for)",
            ),
        ),
        (
            "the server's self-signed certificate, expired",
            &expired,
            pem("expired.pem", &expired),
            Some("cannot connect: the server's certificate has expired"),
        ),
        (
            "another self-signed certificate",
            &self_signed,
            pem("stranger.pem", &stranger),
            Some(
                "cannot connect: the server's certificate is not trusted: it is a certificate \
                 authority's own, and not the one in the trusted file (to trust it, name its \
                 file in SSL_CERT_FILE)",
            ),
        ),
    ];
    let mut wrong = Vec::new();
    for (case, site, file, cause) in cases {
        let url = site.url("/page/0.html");
        let run = run(
            program,
            std::slice::from_ref(&url),
            &[],
            Setup::CaFile(file),
        );
        let shown = format!("exit code {:?}, stderr:\n{}", run.code, run.stderr);
        let results = run.results(program);
        let lines: Vec<&str> = run.stderr.lines().filter(|l| l.contains(&url)).collect();
        match cause {
            None if run.code != Some(0)
                || !(results.contains(&url) || results.contains("Page 0")) =>
            {
                wrong.push(format!(
                    "SSL_CERT_FILE with {case}: expected the page; {shown}"
                ));
            }
            Some(cause) if run.code != Some(1) || lines.len() != 1 || !lines[0].contains(cause) => {
                wrong.push(format!(
                    "SSL_CERT_FILE with {case}: expected one line naming {url} and `{cause}`; \
                     {shown}"
                ));
            }
            _ => {}
        }
        // Every certificate error is words: none of rustls's Debug text.
        if run.stderr.contains("Error(") || run.stderr.contains("Context {") {
            wrong.push(format!("SSL_CERT_FILE with {case}: Debug text; {shown}"));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n\n"))
    }
}

/// Under `ulimit -n 5` to `9` the program either works or says in one line that it has
/// too few files (tokio's runtime panics when it runs out of them at the start: the program
/// must not); under `ulimit -n 24`, a list of 100 pages is fetched whole.
fn open_file_limits(program: &Program, site: &SiteHandle) -> Result<(), String> {
    let mut wrong = Vec::new();
    let one = vec![site.url("/page/0.html")];
    for files in 5..=9 {
        let tight = run(program, &one, &[], Setup::Ulimit(files));
        let why = format!("too many open files (ulimit -n is {files})");
        let failed_clearly = tight.code == Some(1)
            && tight.stderr.lines().count() == 1
            && tight.stderr.contains(&why);
        if !(tight.code == Some(0) || failed_clearly) || tight.stderr.contains("panicked") {
            wrong.push(format!(
                "ulimit -n {files}: expected success, or one line saying `{why}` and exit code \
                 1; exit code {:?}, stderr:\n{}",
                tight.code, tight.stderr
            ));
        }
    }
    if program.input == Input::List {
        let urls = site.page_urls();
        let run = run(program, &urls, &[], Setup::Ulimit(24));
        let missing = urls
            .iter()
            .filter(|url| !run.results(program).contains(url.as_str()));
        let missing = missing.count();
        if run.code != Some(0) || missing > 0 {
            wrong.push(format!(
                "ulimit -n 24: expected all 100 pages and exit code 0; {missing} missing, exit \
                 code {:?}, stderr:\n{}",
                run.code,
                run.stderr
                    .lines()
                    .filter(|l| !l.contains(" INFO:"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n\n"))
    }
}

/// Runs `program` on `urls` in a fresh folder, with `extra` arguments after them, on
/// golden's runner in real time.
fn run(program: &Program, urls: &[String], extra: &[&str], setup: Setup) -> Run {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut args: Vec<String> = program.args.iter().map(|a| a.to_string()).collect();
    match program.input {
        Input::Url => args.push(urls[0].clone()),
        Input::List => {
            std::fs::write(dir.path().join("urls.txt"), urls.join("\n") + "\n").expect("urls.txt");
            args.push("urls.txt".to_owned());
        }
    }
    args.extend(extra.iter().map(|a| a.to_string()));
    // No proxy and the system's authorities only, unless the case says otherwise; a name
    // that does not resolve fails after one try of one second at most.
    let mut env: Vec<(String, Option<std::ffi::OsString>)> = [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
        "no_proxy",
        "NO_PROXY",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    ]
    .into_iter()
    .map(|var| (var.to_owned(), None))
    .collect();
    env.push((
        "RES_OPTIONS".to_owned(),
        Some("timeout:1 attempts:1".into()),
    ));
    let mut options = Options::default();
    match setup {
        Setup::Plain => {}
        Setup::Ulimit(files) => options.open_files = Some(files),
        Setup::Stdout(broken) => options.broken_stdout = Some(broken),
        Setup::Stderr(broken) => options.broken_stderr = Some(broken),
        Setup::Proxy(proxy) => {
            env.push(("http_proxy".to_owned(), Some(proxy.into())));
            env.push(("HTTP_PROXY".to_owned(), Some(proxy.into())));
        }
        Setup::CaFile(file) => env.push(("SSL_CERT_FILE".to_owned(), Some(file.into()))),
    }
    options.env = env;
    let output = run::run_until(
        Path::new(program.exe),
        &args,
        dir.path(),
        Clock::Real,
        crate::PAUSED_LIMIT,
        None,
        options,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let file = match program.output {
        Results::File(name) => read(&dir.path().join(name)),
        Results::Stdout => String::new(),
    };
    Run {
        code: output.code,
        stdout: output.stdout,
        stderr: output.stderr,
        file,
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A port of 127.0.0.1 where nothing listens: a socket bound to it, never listening, and
/// kept for the whole test process, so that no other server can take the port meanwhile
/// (a port merely closed again could be handed to the next one that binds).
fn refused_url() -> String {
    let socket =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("a socket");
    let any = std::net::SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    socket.bind(&any.into()).expect("a free port");
    let addr = socket
        .local_addr()
        .ok()
        .and_then(|a| a.as_socket())
        .expect("its address");
    std::mem::forget(socket);
    format!("http://{addr}/")
}

/// A server that reads a request's head and answers it wrongly.
#[derive(Clone, Copy)]
pub enum Misbehaving {
    /// A reply that is not HTTP at all.
    NotHttp,
    /// No reply: the connection is closed.
    Empty,
    /// A header of 200 lines, more than any client takes.
    HugeHeader,
    /// A reset (TCP RST) instead of a reply.
    ResetBeforeReply,
    /// The head and 3 bytes of a 100-byte body, then a reset.
    ResetInBody,
    /// The head and 3 bytes of a 100-byte body, then the connection closed.
    EofInBody,
    /// Nothing, for a minute.
    Silent,
}

impl Misbehaving {
    /// Serves on a free port of 127.0.0.1 from a thread that lives as long as the test
    /// process; returns its URL.
    pub fn spawn(self) -> String {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("a free port");
        let url = format!("http://{}/", listener.local_addr().expect("its address"));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                thread::spawn(move || self.answer(stream));
            }
        });
        url
    }

    fn answer(self, mut stream: TcpStream) {
        read_head(&mut stream);
        const HEAD: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc";
        let _ = match self {
            Misbehaving::NotHttp => stream.write_all(b"HELLO THERE\r\n\r\n"),
            Misbehaving::Empty => stream.shutdown(Shutdown::Both),
            Misbehaving::HugeHeader => {
                let lines = "X-Filler: 0123456789\r\n".repeat(200);
                let reply = format!("HTTP/1.1 200 OK\r\n{lines}Content-Length: 0\r\n\r\n");
                stream.write_all(reply.as_bytes())
            }
            Misbehaving::ResetBeforeReply => reset(&stream),
            Misbehaving::ResetInBody => stream.write_all(HEAD).and_then(|()| {
                // Let the head arrive first, so the reset comes in the body.
                thread::sleep(Duration::from_millis(50));
                reset(&stream)
            }),
            Misbehaving::EofInBody => stream.write_all(HEAD),
            Misbehaving::Silent => {
                thread::sleep(Duration::from_secs(60));
                Ok(())
            }
        };
    }
}

/// Reads up to the blank line that ends a request's head (or the end of the stream).
fn read_head(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
}

/// Makes the close of the connection (when `stream` is dropped) a reset: with a linger of
/// zero seconds, closing sends RST.
fn reset(stream: &TcpStream) -> std::io::Result<()> {
    socket2::SockRef::from(stream).set_linger(Some(Duration::ZERO))
}
