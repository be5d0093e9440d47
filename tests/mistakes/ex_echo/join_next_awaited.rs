//! ex_echo: the handlers in a JoinSet, but the finished ones collected with join_next().await, not try_join_next().
//! verdict: fail
//! diagnosis: wrong_time
//! join_next waits for the next handler to end: the loop is back at accept() only when this
//! client has left. B is served once A has gone, C once B has: one client at a time again.

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

/// The accept loop that start_server runs for us.
async fn serve(listener: TcpListener) -> io::Result<()> {
    let mut handlers = JoinSet::new();
    loop {
        let (stream, _address) = listener.accept().await?;
        handlers.spawn(handle(stream));
        // Collect the finished handlers.
        while let Some(finished) = handlers.join_next().await {
            finished??;
        }
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
    // server.close(): the accept loop's task ends, and with it the listener.
    server.abort();
    let _ = server.await;
    println!("server closed");
    Ok(())
}
