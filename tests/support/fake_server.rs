//! A loopback HTTP server that answers each connection with the next canned reply, and keeps
//! what it was sent. Blocking I/O on its own thread: usable from sync and async tests alike.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Instant;

#[derive(Clone)]
pub enum Reply {
    /// A status, extra headers and a body.
    Http(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Accept, read the request, never answer.
    Hang,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Self {
        Reply::Http(
            status,
            vec![("Content-Type", "application/x-amz-json-1.1".into())],
            body.as_bytes().to_vec(),
        )
    }
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        Reply::json(
            status,
            &format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
        )
    }
}

#[derive(Debug, Clone)]
pub struct Captured {
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub struct FakeServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Captured>>>,
    /// When each reply was written, in order (for the benchmarks).
    pub replied_at: Arc<Mutex<Vec<Instant>>>,
}

impl FakeServer {
    /// Serves `replies` in order, one per connection; the last one repeats.
    pub fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let replied_at = Arc::new(Mutex::new(Vec::new()));
        let replied = replied_at.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for (i, stream) in listener.incoming().enumerate() {
                let Ok(mut stream) = stream else { break };
                let Some(captured) = read_request(&mut stream) else {
                    continue;
                };
                seen.lock().unwrap().push(captured);
                let reply = replies.get(i).or(replies.last()).cloned().unwrap();
                match reply {
                    Reply::Hang => held.push(stream),
                    Reply::Http(status, headers, body) => {
                        let mut head = format!(
                            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                            body.len()
                        );
                        for (k, v) in headers {
                            head.push_str(&format!("{k}: {v}\r\n"));
                        }
                        head.push_str("\r\n");
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(&body);
                        replied.lock().unwrap().push(Instant::now());
                    }
                }
            }
        });
        FakeServer {
            url,
            requests,
            replied_at,
        }
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn last(&self) -> Captured {
        self.requests.lock().unwrap().last().cloned().unwrap()
    }
}

/// Reads one HTTP/1.1 request (head and a Content-Length body).
pub fn read_request(stream: &mut TcpStream) -> Option<Captured> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).ok()?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    Some(Captured {
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}
