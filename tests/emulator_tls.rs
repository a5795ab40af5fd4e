//! `cognito-mfa emulator --tls`: HTTPS with a CA made at start-up. Our commands enroll through
//! it with `--ca-bundle` (or AWS_CA_BUNDLE), refuse it without, and the wizard runs over it; the
//! emulator's time limits and stop hold over TLS, a handshake that stalls included. Every wait
//! is bounded by PATIENCE, so a server that never answers fails the test instead of hanging it.

mod support;

use cognito_mfa::emulator::{Emulator, EmulatorConfig, RunningEmulator};
use cognito_mfa::totp::{code_at, decode_secret, now_unix};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::emulator_process::start_emulator;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore, crypto::ring};

const PATIENCE: Duration = Duration::from_secs(10);

/// `emulator --tls --ca-out DIR/ca.pem`, with its report and the CA file's path.
struct TlsEmulator {
    child: Child,
    report: Value,
    ca: PathBuf,
    _dir: tempfile::TempDir,
}

impl TlsEmulator {
    fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        let (child, report) =
            start_emulator(&["--tls", "--ca-out", ca.to_str().unwrap()], Stdio::null());
        Self {
            child,
            report,
            ca,
            _dir: dir,
        }
    }

    fn endpoint(&self) -> &str {
        self.report["endpoint"].as_str().unwrap()
    }

    fn password(&self, user: &str) -> String {
        let users = self.report["users"].as_array().unwrap();
        let user = users.iter().find(|u| u["username"] == user).unwrap();
        user["password"].as_str().unwrap().to_owned()
    }
}

impl Drop for TlsEmulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One of our commands against `endpoint`, with no AWS settings from outside.
fn ours(endpoint: &str, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .args(["--endpoint-url", endpoint, "--region", "us-east-1"])
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_CA_BUNDLE")
        .env_remove("AWS_DEFAULT_OUTPUT")
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json_ok(o: &Output) -> Value {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "stderr: {err}");
    serde_json::from_slice(&o.stdout).unwrap()
}

fn ca_arg(ca: &Path) -> [&str; 2] {
    ["--ca-bundle", ca.to_str().unwrap()]
}

#[test]
fn the_report_names_an_https_endpoint_and_carries_the_ca_written_to_ca_out() {
    let emu = TlsEmulator::start();
    assert!(
        emu.endpoint().starts_with("https://127.0.0.1:"),
        "{}",
        emu.report
    );
    let pem = emu.report["ca_certificate"].as_str().unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"), "{pem}");
    assert_eq!(std::fs::read_to_string(&emu.ca).unwrap(), pem);
    assert!(!pem.contains("PRIVATE KEY"));
}

#[test]
fn without_tls_the_report_has_no_ca_and_ca_out_needs_tls() {
    let (mut child, report) = start_emulator(&[], Stdio::null());
    let _ = child.kill();
    let _ = child.wait();
    assert!(report["endpoint"].as_str().unwrap().starts_with("http://"));
    assert!(report.get("ca_certificate").is_none(), "{report}");

    let out = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(["emulator", "--ca-out", "/nonexistent/ca.pem"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(252));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls"));
}

#[test]
fn the_cli_signs_in_and_enrolls_over_https_with_the_ca_bundle() {
    let emu = TlsEmulator::start();
    let client_id = emu.report["client_id"].as_str().unwrap();
    let [flag, ca] = ca_arg(&emu.ca);
    let signed_in = json_ok(&ours(
        emu.endpoint(),
        &[
            "sign-in",
            "--client-id",
            client_id,
            "--username",
            "demo",
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--password-stdin",
            flag,
            ca,
        ],
        &format!("{}\n", emu.password("demo")),
        &[],
    ));
    assert_eq!(signed_in["ChallengeName"], "MFA_SETUP");
    let session = format!("--session={}", signed_in["Session"].as_str().unwrap());
    let associated = json_ok(&ours(
        emu.endpoint(),
        &["associate-software-token", &session, flag, ca],
        "",
        &[],
    ));
    let secret = associated["SecretCode"].as_str().unwrap();
    let code = code_at(&decode_secret(secret).unwrap(), now_unix());
    // The same CA from the environment, as the AWS CLI reads it.
    let session = format!("--session={}", associated["Session"].as_str().unwrap());
    let verified = json_ok(&ours(
        emu.endpoint(),
        &["verify-software-token", &session, "--user-code", &code],
        "",
        &[("AWS_CA_BUNDLE", ca)],
    ));
    assert_eq!(verified["Status"], "SUCCESS");
}

#[test]
fn without_the_ca_bundle_the_certificate_is_refused_naming_the_fix() {
    let emu = TlsEmulator::start();
    let out = ours(
        emu.endpoint(),
        &["associate-software-token", "--access-token", "abc"],
        "",
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(253), "{err}");
    assert!(err.contains("is not trusted"), "{err}");
    assert!(
        err.contains("--ca-bundle") && err.contains("AWS_CA_BUNDLE"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_ca_bundle_from_elsewhere_is_refused_too() {
    let emu = TlsEmulator::start();
    let other = TlsEmulator::start();
    let [flag, ca] = ca_arg(&other.ca);
    let out = ours(
        emu.endpoint(),
        &[
            "associate-software-token",
            "--access-token",
            "abc",
            flag,
            ca,
        ],
        "",
        &[],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(253), "{err}");
    assert!(err.contains("is not trusted"), "{err}");
}

/// Reads stderr until `text` has appeared (or fails after 30 s, showing what came).
fn wait_for(stderr: &mut impl Read, seen: &mut String, text: &str) {
    let end = Instant::now() + Duration::from_secs(30);
    let mut buf = [0u8; 4096];
    while !seen.contains(text) {
        assert!(
            Instant::now() < end,
            "waiting for {text:?}; so far:\n{seen}"
        );
        let n = stderr.read(&mut buf).unwrap();
        assert!(n > 0, "stderr closed before {text:?}; so far:\n{seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

#[test]
fn the_wizard_enrolls_over_https_line_by_line() {
    let emu = TlsEmulator::start();
    let client_id = emu.report["client_id"].as_str().unwrap().to_owned();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(["enroll", "--client-id", &client_id, "--username", "demo"])
        .args(["--endpoint-url", emu.endpoint(), "--region", "us-east-1"])
        .args(ca_arg(&emu.ca))
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    wait_for(&mut stderr, &mut seen, "Password: ");
    writeln!(stdin, "{}", emu.password("demo")).unwrap();
    wait_for(
        &mut stderr,
        &mut seen,
        "Press Enter when the app shows the account",
    );
    let key_line = seen.lines().find(|l| l.starts_with("Key:")).unwrap();
    let secret: String = key_line["Key:".len()..].split_whitespace().collect();
    writeln!(stdin).unwrap();
    wait_for(&mut stderr, &mut seen, "Code from the app");
    let code = code_at(&decode_secret(&secret).unwrap(), now_unix());
    writeln!(stdin, "{code}").unwrap();
    wait_for(&mut stderr, &mut seen, "Device name [Authenticator app]: ");
    writeln!(stdin, "TLS phone").unwrap();
    wait_for(&mut stderr, &mut seen, "Enrolled:");
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert!(child.wait().unwrap().success(), "{seen}");
    assert!(out.contains("Device name:  TLS phone"), "{out}");
}

// In-process: the time limits and the stop, over TLS.

async fn start_tls(emulator: Emulator) -> (RunningEmulator, TlsConnector) {
    let running = emulator.tls(true).start().await.unwrap();
    let pem = running.report().ca_certificate.clone().unwrap();
    let mut roots = RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(pem.as_bytes()).unwrap())
        .unwrap();
    let config = ClientConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    (running, TlsConnector::from(Arc::new(config)))
}

fn emulator() -> Emulator {
    Emulator::new(EmulatorConfig::embedded().unwrap())
}

/// Reads until the server closes the connection; what it sent.
async fn until_closed(stream: &mut (impl AsyncReadExt + Unpin)) -> Vec<u8> {
    let mut answer = Vec::new();
    // A reset counts as closed as well as an orderly end.
    let _ = timeout(PATIENCE, stream.read_to_end(&mut answer))
        .await
        .expect("the server closed the connection");
    answer
}

async fn every_connection_ends(running: RunningEmulator) {
    let mut open = running.open_connections();
    timeout(PATIENCE, open.wait_for(|n| *n == 0))
        .await
        .expect("every connection task ended")
        .unwrap();
    running.shutdown().await;
}

/// The first bytes of a ClientHello: a record header that promises 512 bytes, and no more.
const HALF_A_HELLO: &[u8] = &[0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc];

#[tokio::test]
async fn a_handshake_that_stalls_is_dropped_at_the_header_deadline() {
    let (running, _) = start_tls(emulator().header_read_timeout(Duration::from_millis(200))).await;
    let mut silent = TcpStream::connect(running.addr()).await.unwrap();
    let mut half = TcpStream::connect(running.addr()).await.unwrap();
    half.write_all(HALF_A_HELLO).await.unwrap();
    assert!(until_closed(&mut silent).await.is_empty());
    assert!(until_closed(&mut half).await.is_empty());
    every_connection_ends(running).await;
}

#[tokio::test]
async fn a_stalled_body_over_tls_is_cut_with_408() {
    let (running, connector) =
        start_tls(emulator().request_deadline(Duration::from_millis(200))).await;
    let tcp = TcpStream::connect(running.addr()).await.unwrap();
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let mut tls = connector.connect(name, tcp).await.unwrap();
    tls.write_all(
        b"POST / HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/x-amz-json-1.1\r\n\
          X-Amz-Target: AWSCognitoIdentityProviderService.GetUser\r\n\
          Content-Length: 1000\r\n\r\n{\"AccessToken\": \"ey",
    )
    .await
    .unwrap();
    let answer = String::from_utf8_lossy(&until_closed(&mut tls).await).into_owned();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("RequestTimeoutException"), "{answer}");
    drop(tls);
    every_connection_ends(running).await;
}

#[tokio::test]
async fn a_stop_cuts_a_handshake_that_stalls() {
    // The handshake would be allowed a minute: the stop must not wait for it.
    let (running, _) = start_tls(emulator().header_read_timeout(Duration::from_secs(60))).await;
    let mut half = TcpStream::connect(running.addr()).await.unwrap();
    half.write_all(HALF_A_HELLO).await.unwrap();
    let mut open = running.open_connections();
    timeout(PATIENCE, open.wait_for(|n| *n == 1))
        .await
        .unwrap()
        .unwrap();
    timeout(PATIENCE, running.shutdown())
        .await
        .expect("the stop did not wait for the handshake");
    assert!(until_closed(&mut half).await.is_empty());
}

#[test]
fn sigterm_stops_it_with_a_handshake_open() {
    let (child, report) = start_emulator(&["--tls"], Stdio::piped());
    let addr = report["endpoint"]
        .as_str()
        .unwrap()
        .trim_start_matches("https://");
    let mut half = std::net::TcpStream::connect(addr).unwrap();
    half.write_all(HALF_A_HELLO).unwrap();
    let pid = child.id().to_string();
    let kill = |signal: &str| Command::new("kill").args([signal, &pid]).status().unwrap();
    assert!(kill("-TERM").success());
    let (sender, exited) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output()));
    let Ok(out) = exited.recv_timeout(PATIENCE) else {
        kill("-KILL");
        panic!("SIGTERM did not stop the emulator");
    };
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stopping"));
}
