//! ex_echo: one BufReader over the whole stream, read with read_until(b'\n') into bytes and written back through the BufReader itself; the handlers in a JoinSet, the finished ones reported with try_join_next.
//! verdict: pass
//! diagnosis: none

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio::time::sleep;

const HOST: &str = "127.0.0.1";

/// One connection, in its own task: echo each line until the client is done.
async fn handle(stream: TcpStream) -> io::Result<()> {
    // A BufReader over the whole stream: it buffers the reads, and writes go straight through.
    let mut stream = BufReader::new(stream);
    let mut bytes = Vec::new();
    stream.read_until(b'\n', &mut bytes).await?;
    let name = String::from_utf8_lossy(&bytes).trim().to_owned();
    println!("server: {name} connected");
    bytes.clear();
    // read_until gives 0 bytes at the end; each line keeps its b'\n'.
    while stream.read_until(b'\n', &mut bytes).await? > 0 {
        stream.write_all(&bytes).await?;
        bytes.clear();
    }
    println!("server: {name} left");
    Ok(()) // Dropping the stream closes it: writer.close().
}

/// The accept loop that start_server runs for us.
async fn serve(listener: TcpListener) -> io::Result<()> {
    let mut connections = JoinSet::new();
    loop {
        let (stream, _address) = listener.accept().await?;
        connections.spawn(handle(stream));
        // The results of the finished connections, reported and let go.
        while let Some(finished) = connections.try_join_next() {
            if let Ok(Err(e)) = finished {
                eprintln!("server: a connection failed: {e}");
            }
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
