//! `cognito-mfa emulator` as a process: the start-up report on the first line, requests served,
//! SIGTERM stops it cleanly; and `--cli-auto-prompt` opening the wizard against it.

#[path = "support/pty.rs"]
mod pty;
mod support;

use support::emulator_process::start_emulator;
use support::json_call::json_call;

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const POOL: &str = "[pool]
id = \"us-east-1_CmdPool01\"
name = \"command test\"
mfa_configuration = \"OPTIONAL\"
access_token_validity_minutes = 60

[[clients]]
id = \"cmd0client0000000000000aa\"
name = \"command test\"
explicit_auth_flows = [\"ALLOW_USER_PASSWORD_AUTH\"]
auth_session_validity_minutes = 3

[[users]]
username = \"kim\"
password = \"Kim-Passw0rd!\"
email = \"kim@example.com\"
status = \"CONFIRMED\"
";

/// Starts the emulator (with the pool at `config`) and returns it with its report.
fn start(config: Option<&std::path::Path>) -> (Child, serde_json::Value) {
    let config = config.map(|path| path.to_str().unwrap());
    let args = match &config {
        Some(path) => vec!["--config", path],
        None => vec![],
    };
    start_emulator(&args, Stdio::piped())
}

fn sigterm(child: &Child) {
    signal(child.id(), "TERM");
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Opens a GetUser whose body never comes in full, and returns once the emulator is reading
/// that body (it says `100 Continue` then).
fn stalled_request(endpoint: &str) -> std::net::TcpStream {
    let addr = endpoint.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(
            b"POST / HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/x-amz-json-1.1\r\n\
              X-Amz-Target: AWSCognitoIdentityProviderService.GetUser\r\n\
              Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n",
        )
        .unwrap();
    let mut continued = [0u8; 25];
    stream.read_exact(&mut continued).unwrap();
    assert!(continued.starts_with(b"HTTP/1.1 100 Continue"));
    stream.write_all(b"{\"AccessToken\": \"ey").unwrap();
    stream
}

/// `signal` while a request is stalled mid-body: the emulator still stops, with status 0.
fn stops_on_with_a_stalled_request_open(name: &str) {
    let (child, report) = start(None);
    let _stalled = stalled_request(report["endpoint"].as_str().unwrap());
    let pid = child.id();
    signal(pid, name);
    let (sender, exited) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output()));
    // A generous bound: the point is that it exits at all (it stops within SHUTDOWN_GRACE).
    let Ok(out) = exited.recv_timeout(Duration::from_secs(10)) else {
        signal(pid, "KILL");
        panic!("SIG{name} did not stop the emulator");
    };
    let out = out.unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stopping"));
}

#[test]
fn sigterm_stops_it_with_a_stalled_request_open() {
    stops_on_with_a_stalled_request_open("TERM");
}

#[test]
fn ctrl_c_stops_it_with_a_stalled_request_open() {
    stops_on_with_a_stalled_request_open("INT");
}

#[test]
fn reports_serves_and_stops_on_sigterm() {
    let (child, report) = start(None);
    let endpoint = report["endpoint"].as_str().unwrap().to_owned();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{report}");
    assert!(report["user_pool_id"].as_str().unwrap().contains('_'));
    let users = report["users"].as_array().unwrap();
    assert!(
        users
            .iter()
            .any(|u| u["username"] == "demo" && u["password"].is_string())
    );

    let (status, body) = json_call(
        &endpoint,
        "InitiateAuth",
        &serde_json::json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": report["client_id"],
            "AuthParameters": {"USERNAME": "demo", "PASSWORD": users[0]["password"]},
        }),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["ChallengeName"], "MFA_SETUP",
        "the demo pool requires MFA"
    );

    sigterm(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(log.contains("InitiateAuth"), "requests are logged: {log}");
    assert!(
        !log.contains(users[0]["password"].as_str().unwrap()),
        "no secret in the log"
    );
}

#[test]
fn a_bad_config_file_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pool.toml");
    std::fs::write(&path, "[pool]\nthis is = not a pool").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(["emulator", "--config"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(253),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn cli_auto_prompt_opens_the_wizard_with_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pool.toml");
    std::fs::write(&path, POOL).unwrap();
    let (mut child, report) = start(Some(&path));
    let endpoint = report["endpoint"].as_str().unwrap().to_owned();
    let (_, body) = json_call(
        &endpoint,
        "InitiateAuth",
        &serde_json::json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": "cmd0client0000000000000aa",
            "AuthParameters": {"USERNAME": "kim", "PASSWORD": "Kim-Passw0rd!"},
        }),
    );
    let token = body["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, &token).unwrap();
    let token_arg = format!("file://{}", token_file.display());

    let mut pty = pty::Pty::spawn(
        &[
            "associate-software-token",
            "--cli-auto-prompt",
            "--access-token",
            &token_arg,
            "--endpoint-url",
            &endpoint,
        ],
        &[("COGNITO_MFA_KEYCHAIN", "none")],
        80,
        24,
    );
    pty.wait_for("the wizard's QR code", |s| pty::decode_qr(s).is_some());
    let uri = pty::decode_qr(pty.screen()).unwrap();
    assert!(uri.contains("kim%40example.com"), "{uri}");
    pty.send("q");
    pty.wait_for_text("Quit now?");
    pty.send("y");
    pty.wait_for_exit();
    assert_eq!(pty.child.wait().unwrap().exit_code(), 130);
    sigterm(&child);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
fn cli_auto_prompt_finishes_an_mfa_setup_session_named_by_the_environment() {
    let (mut child, report) = start(None);
    let endpoint = report["endpoint"].as_str().unwrap().to_owned();
    let client_id = report["client_id"].as_str().unwrap().to_owned();
    let (_, body) = json_call(
        &endpoint,
        "InitiateAuth",
        &serde_json::json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": "demo", "PASSWORD": report["users"][0]["password"]},
        }),
    );
    assert_eq!(body["ChallengeName"], "MFA_SETUP");
    let dir = tempfile::tempdir().unwrap();
    let session_file = dir.path().join("session");
    std::fs::write(&session_file, body["Session"].as_str().unwrap()).unwrap();
    let session_arg = format!("file://{}", session_file.display());

    let mut pty = pty::Pty::spawn(
        &[
            "associate-software-token",
            "--cli-auto-prompt",
            "--session",
            &session_arg,
            "--endpoint-url",
            &endpoint,
        ],
        &[
            ("COGNITO_MFA_KEYCHAIN", "none"),
            ("COGNITO_MFA_CLIENT_ID", &client_id),
            ("COGNITO_MFA_USERNAME", "demo"),
        ],
        80,
        24,
    );
    pty.wait_for("the wizard's QR code", |s| pty::decode_qr(s).is_some());
    let secret = pty::secret_of(&pty::decode_qr(pty.screen()).unwrap());
    pty.send("\r");
    pty.wait_for_text("Type the code");
    let key = cognito_mfa::totp::decode_secret(&secret).unwrap();
    pty.send(&cognito_mfa::totp::code_at(
        &key,
        cognito_mfa::totp::now_unix(),
    ));
    pty.send("\r");
    pty.wait_for_text("Enrolled");
    pty.send("\r");
    pty.wait_for_exit();
    assert!(pty.child.wait().unwrap().success());
    sigterm(&child);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}
