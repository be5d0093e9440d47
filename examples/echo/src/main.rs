//! Port of examples/echo/original.py (this project's own original).
//!
//! Lesson: a server serves every connection at the same time when each one gets a task of
//! its own. `asyncio.start_server(handle, ...)` accepts in the background and runs `handle`
//! as a new task for each client; tokio's `TcpListener` only accepts, so the port writes the
//! accept loop itself and `tokio::spawn`s a handler for each connection (into a `JoinSet`,
//! which owns them). `asyncio.open_connection` is `TcpStream::connect`; a stream's reader
//! and writer are its two halves (`into_split`). Three clients start 0.1 s apart and send a
//! word every 0.3 s: their lines interleave only because no client waits for another.
//!
//! Where they differ: closing. `async with server` closes the listening socket (and from
//! Python 3.12 waits for the connections too); here the accept loop is a task, and aborting
//! it drops the listener and its `JoinSet`, which aborts any handler still running. Both
//! close only after every client has read to the end of its connection, so no handler is
//! cut short here, and nothing is left running.

// ANCHOR: main
use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio::time::sleep;

const HOST: &str = "127.0.0.1";

/// One connection, in its own task: echo each line until the client is done.
async fn handle(stream: TcpStream) -> io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let mut name = String::new();
    reader.read_line(&mut name).await?;
    let name = name.trim();
    println!("server: {name} connected");
    let mut line = String::new();
    // read_line gives 0 bytes at the end, as readline gives b"".
    while reader.read_line(&mut line).await? > 0 {
        writer.write_all(line.as_bytes()).await?;
        line.clear();
    }
    println!("server: {name} left");
    Ok(()) // Dropping the stream closes it: writer.close().
}

/// The accept loop that start_server runs for us: a task for each connection.
async fn serve(listener: TcpListener) -> io::Result<()> {
    let mut handlers = JoinSet::new();
    loop {
        let (stream, _address) = listener.accept().await?;
        handlers.spawn(handle(stream));
        // Forget the handlers that have finished, so that a long-lived server does not
        // keep a result for every connection it ever had.
        while handlers.try_join_next().is_some() {}
    }
}

async fn client(name: &str, port: u16, start: f64, words: &[&str]) -> io::Result<()> {
    sleep(Duration::from_secs_f64(start)).await;
    let (reader, mut writer) = TcpStream::connect((HOST, port)).await?.into_split();
    let mut reader = BufReader::new(reader);
    writer.write_all(format!("{name}\n").as_bytes()).await?;
    for word in words {
        writer.write_all(format!("{word}\n").as_bytes()).await?;
        let mut echo = String::new();
        reader.read_line(&mut echo).await?;
        let echo = echo.trim_end_matches('\n');
        println!("{name} sent '{word}', got '{echo}'");
        sleep(Duration::from_millis(300)).await;
    }
    writer.shutdown().await?; // write_eof()
    reader.read_to_end(&mut Vec::new()).await?; // to the end: the server has closed its side
    Ok(())
}

#[vclock::main]
async fn main() -> io::Result<()> {
    // Port 0: the system picks a free one.
    let listener = TcpListener::bind((HOST, 0)).await?;
    let port = listener.local_addr()?.port();
    println!("serving on {HOST}:{port}");
    let server = tokio::spawn(serve(listener));
    tokio::try_join!(
        client("A", port, 0.0, &["one", "two", "three"]),
        client("B", port, 0.1, &["four", "five", "six"]),
        client("C", port, 0.2, &["seven", "eight", "nine"]),
    )?;
    // server.close(): the accept loop's task ends, and with it the listener and the handlers.
    server.abort();
    let _ = server.await;
    println!("server closed");
    Ok(())
}
// ANCHOR_END: main
