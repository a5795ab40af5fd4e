//! A loopback server that misbehaves in one chosen way, for any Cognito operation: the client
//! commands' tests and the wizard's use the same modes. Each connection is served on its own
//! thread, so a stalled one does not hold up a retry.

use super::fake_server::{Captured, read_request};
use serde_json::{Value, json};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Terminal escapes and raw controls: clear screen, set the title, BEL, CSI as C1, DEL, CR, NUL.
pub const NASTY: &str = "x\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{7f}\r\u{0}y";

/// One way of misbehaving.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    /// 500 with an HTML page (with an escape in it).
    Html5xx,
    /// 200 with a body that is not JSON.
    InvalidJson,
    /// 200 with JSON whose members have the wrong types.
    WrongTypes,
    /// 200 announcing a 2 MiB body.
    HugeBody,
    /// 200 with a 2 MiB body and no Content-Length (read until the connection closes).
    HugeUnsized,
    /// 200 whose body arrives a byte every 100 ms, never finishing.
    Trickle,
    /// Reads the request, never answers.
    Stall,
    /// Reads the request, then resets the connection.
    Reset,
    /// 307 to this URL.
    Redirect(String),
    /// A well-formed answer with [`NASTY`] in every string member (SecretCode excepted: see
    /// `NonBase32Secret`); VerifySoftwareToken's Status too.
    Escapes,
    /// A 400 error whose `__type` and `message` hold [`NASTY`].
    ErrorEscapes,
    /// AssociateSoftwareToken's SecretCode is not base32 (it holds an escape).
    NonBase32Secret,
    /// The answer lacks its main member: VerifySoftwareToken's Status, AssociateSoftwareToken's
    /// SecretCode, a sign-in's challenge and tokens.
    MissingStatus,
}

pub struct HostileServer {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Captured>>>,
}

impl HostileServer {
    pub fn start(mode: Mode) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let (mode, seen) = (mode.clone(), seen.clone());
                std::thread::spawn(move || serve(stream, &mode, &seen));
            }
        });
        HostileServer { url, requests }
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

fn serve(mut stream: TcpStream, mode: &Mode, seen: &Mutex<Vec<Captured>>) {
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    let operation = request
        .header("X-Amz-Target")
        .and_then(|t| t.rsplit('.').next())
        .unwrap_or_default()
        .to_string();
    seen.lock().unwrap().push(request);
    match mode {
        Mode::Stall => {
            // Hold the connection until the client gives up.
            let _ = std::io::copy(&mut stream, &mut std::io::sink());
        }
        Mode::Reset => {
            let socket = tokio::net::TcpSocket::from_std_stream(stream);
            let _ = socket.set_zero_linger();
            drop(socket);
        }
        Mode::Trickle => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100000\r\n\r\n{\"SecretCode\":\"",
            );
            while stream.write_all(b"A").is_ok() {
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        Mode::HugeUnsized => {
            let _ =
                stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"Session\":\"");
            let chunk = vec![b'A'; 64 * 1024];
            for _ in 0..32 {
                if stream.write_all(&chunk).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b"\"}");
        }
        Mode::HugeBody => {
            let body = format!(r#"{{"Session":"{}"}}"#, "A".repeat(2 * 1024 * 1024));
            reply(&mut stream, 200, &[], body.as_bytes());
        }
        Mode::Html5xx => reply(
            &mut stream,
            500,
            &[("Content-Type", "text/html")],
            format!("<html><body>Internal {NASTY} Error</body></html>").as_bytes(),
        ),
        Mode::InvalidJson => reply(&mut stream, 200, &[], format!("{{{NASTY}").as_bytes()),
        Mode::Redirect(to) => reply(&mut stream, 307, &[("Location", to)], b""),
        Mode::ErrorEscapes => {
            let body =
                json!({"__type": format!("NotAuthorizedException{NASTY}"), "message": NASTY});
            reply_json(&mut stream, 400, &body);
        }
        Mode::WrongTypes | Mode::Escapes | Mode::NonBase32Secret | Mode::MissingStatus => {
            reply_json(&mut stream, 200, &answer(mode, &operation));
        }
    }
}

/// The body of a 200 answer to `operation` in one of the answer modes.
pub fn answer(mode: &Mode, operation: &str) -> Value {
    let session = format!("session-{NASTY}-0123456789");
    match (mode, operation) {
        (Mode::WrongTypes, "AssociateSoftwareToken") => json!({"SecretCode": 42, "Session": [1]}),
        (Mode::WrongTypes, "VerifySoftwareToken") => json!({"Status": 7, "Session": {}}),
        (Mode::WrongTypes, "GetUser") => json!({"Username": [], "UserAttributes": "x"}),
        (Mode::WrongTypes, _) => json!({"ChallengeName": {"a": 1}, "Session": 5}),
        (Mode::NonBase32Secret, "AssociateSoftwareToken") => {
            json!({"SecretCode": format!("JBSWY3DP{NASTY}"), "Session": session})
        }
        (Mode::MissingStatus, "AssociateSoftwareToken") => json!({"Session": session}),
        (Mode::MissingStatus, "VerifySoftwareToken") => json!({"Session": session}),
        (Mode::MissingStatus, "GetUser") => json!({"UserAttributes": []}),
        (Mode::MissingStatus, _) => json!({}),
        (_, "AssociateSoftwareToken") => {
            json!({"SecretCode": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "Session": session})
        }
        (_, "VerifySoftwareToken") => {
            json!({"Status": format!("SUCCESS{NASTY}"), "Session": session})
        }
        (_, "GetUser") => json!({
            "Username": format!("user{NASTY}"),
            "UserAttributes": [
                {"Name": "email", "Value": format!("a{NASTY}@example.com")},
                {"Name": format!("custom:{NASTY}"), "Value": NASTY},
            ],
            "PreferredMfaSetting": format!("SOFTWARE_TOKEN_MFA{NASTY}"),
            "UserMFASettingList": [format!("SOFTWARE_TOKEN_MFA{NASTY}")],
        }),
        (_, "SetUserMFAPreference") => json!({}),
        (_, _) => json!({
            "ChallengeName": "SMS_MFA",
            "Session": session,
            "ChallengeParameters": {
                "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
                "CODE_DELIVERY_DESTINATION": format!("+1{NASTY}"),
                format!("KEY{NASTY}"): NASTY,
            },
        }),
    }
}

fn reply_json(stream: &mut TcpStream, status: u16, body: &Value) {
    let body = serde_json::to_vec(body).unwrap();
    reply(
        stream,
        status,
        &[("Content-Type", "application/x-amz-json-1.1")],
        &body,
    );
}

fn reply(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// The raw control characters in `bytes` (C0 but `\n` and `\t`, DEL, C1 as UTF-8), or a
/// complaint if it is not UTF-8 at all.
pub fn raw_controls(bytes: &[u8]) -> Vec<char> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec!['\u{fffd}'];
    };
    text.chars()
        .filter(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'))
        .collect()
}
