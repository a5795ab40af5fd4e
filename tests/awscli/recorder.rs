//! A loopback server that records where each request was sent: `POST host path target` for a
//! plain request (answered with a Cognito-shaped body, or a 500 every time), `CONNECT host` for
//! a proxy tunnel (refused: the host is all a test needs). Over HTTPS (`start_tls`) it presents
//! a certificate signed by a CA made for it, so a request is recorded only when the client
//! trusted that CA.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Ok,
    /// `InternalErrorException`, HTTP 500, every time: both tools retry it.
    Fail,
}

pub const BODY: &str = r#"{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","Session":"AYABeRecordedSessionFromTheLoopbackRecorder"}"#;

pub struct Recorder {
    pub url: String,
    /// Over HTTPS: the PEM of the CA that signed the recorder's certificate.
    pub ca_pem: Option<String>,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    pub fn start(answer: Answer) -> Self {
        Self::listen(answer, None)
    }

    /// An HTTPS recorder for `127.0.0.1`, its certificate signed by a CA of its own.
    pub fn start_tls(answer: Answer) -> Self {
        let (ca_pem, issuer) = new_ca();
        let key = KeyPair::generate().unwrap();
        let mut leaf = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
        leaf.distinguished_name = DistinguishedName::new();
        leaf.distinguished_name
            .push(DnType::CommonName, "loopback recorder");
        leaf.use_authority_key_identifier_extension = true;
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf = leaf.signed_by(&key, &issuer).unwrap();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![leaf.der().clone()], key)
            .unwrap();
        Self::listen(answer, Some((ca_pem, Arc::new(config))))
    }

    fn listen(answer: Answer, tls: Option<(String, Arc<rustls::ServerConfig>)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let scheme = if tls.is_some() { "https" } else { "http" };
        let url = format!("{scheme}://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let (ca_pem, config) = tls.unzip();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let log = log.clone();
                let config = config.clone();
                std::thread::spawn(move || match config {
                    None => serve(stream, answer, &log),
                    Some(config) => {
                        let Ok(conn) = rustls::ServerConnection::new(config) else {
                            return;
                        };
                        serve(rustls::StreamOwned::new(conn, stream), answer, &log);
                    }
                });
            }
        });
        Self { url, ca_pem, seen }
    }

    /// What was recorded since the last call.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

/// A CA certificate (PEM) and the issuer that signs with it.
pub fn new_ca() -> (String, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name = DistinguishedName::new();
    params
        .distinguished_name
        .push(DnType::CommonName, "loopback recorder CA");
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let cert = params.self_signed(&key).unwrap();
    (cert.pem(), Issuer::new(params, key))
}

fn serve<S: Read + Write>(stream: S, answer: Answer, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    if method == "CONNECT" {
        log.lock().unwrap().push(format!("CONNECT {target}"));
        let _ = reader
            .get_mut()
            .write_all(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    let length: usize = header("content-length").parse().unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    log.lock().unwrap().push(format!(
        "{method} {} {target} {}",
        header("host"),
        header("x-amz-target")
    ));
    let (status, body) = match answer {
        Answer::Ok => ("200 OK", BODY.to_string()),
        Answer::Fail => (
            "500 Internal Server Error",
            r#"{"__type":"InternalErrorException","message":"recorded failure"}"#.to_string(),
        ),
    };
    let stream = reader.get_mut();
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.flush();
}
