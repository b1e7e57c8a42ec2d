//! A minimal SMTP server for tests: speaks the real protocol (greeting, EHLO, MAIL, RCPT, DATA,
//! QUIT) on a loopback port and hands every received message to the test.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

/// Starts the sink; returns its port and a channel of received messages.
pub async fn start() -> (u16, mpsc::UnboundedReceiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind smtp sink");
    let port = listener.local_addr().expect("addr").port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read);
                let _ = write.write_all(b"220 sink.test ESMTP\r\n").await;
                let (mut from, mut to) = (String::new(), Vec::new());
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let command = line.trim_end().to_ascii_uppercase();
                    let answer: &[u8] = if command.starts_with("EHLO") {
                        b"250-sink.test\r\n250 8BITMIME\r\n"
                    } else if command.starts_with("HELO") {
                        b"250 sink.test\r\n"
                    } else if command.starts_with("MAIL FROM:") {
                        from = line.trim_end()[10..].to_owned();
                        b"250 OK\r\n"
                    } else if command.starts_with("RCPT TO:") {
                        to.push(line.trim_end()[8..].to_owned());
                        b"250 OK\r\n"
                    } else if command == "DATA" {
                        let _ = write
                            .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                            .await;
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                                return;
                            }
                            if line == ".\r\n" {
                                break;
                            }
                            data.push_str(line.strip_prefix('.').unwrap_or(&line));
                        }
                        let _ = tx.send(Received {
                            from: from.clone(),
                            to: std::mem::take(&mut to),
                            data,
                        });
                        b"250 OK: queued\r\n"
                    } else if command == "QUIT" {
                        let _ = write.write_all(b"221 Bye\r\n").await;
                        return;
                    } else if command == "RSET" || command == "NOOP" {
                        b"250 OK\r\n"
                    } else {
                        b"502 Command not implemented\r\n"
                    };
                    if write.write_all(answer).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, rx)
}
