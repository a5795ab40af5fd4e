//! The three client commands against a server that misbehaves in every way we know of: each run
//! ends with the documented exit code, within the timeouts, and writes no raw control
//! character to stdout or stderr, whatever the output format.

mod support;

use std::process::{Command, Output};
use std::time::Duration;
use support::deadline::output_within;
use support::hostile_server::{HostileServer, Mode, raw_controls};

const FORMATS: [&str; 4] = ["json", "text", "table", "yaml"];

#[derive(Clone, Copy, Debug)]
enum Cmd {
    Associate,
    Verify,
    SignIn,
}

const COMMANDS: [Cmd; 3] = [Cmd::Associate, Cmd::Verify, Cmd::SignIn];

fn args(cmd: Cmd) -> Vec<&'static str> {
    match cmd {
        Cmd::Associate => vec!["associate-software-token", "--access-token", "abc"],
        Cmd::Verify => vec![
            "verify-software-token",
            "--access-token",
            "abc",
            "--user-code",
            "123456",
        ],
        Cmd::SignIn => vec![
            "sign-in",
            "--client-id",
            "client",
            "--username",
            "jane",
            "--auth-flow",
            "USER_PASSWORD_AUTH",
            "--password-stdin",
        ],
    }
}

/// Runs one command against `url` with 1 s timeouts.
fn run(cmd: Cmd, url: &str, format: &str) -> Output {
    run_with(cmd, url, format, ["1", "1"])
}

/// Runs one command against `url` with these read and connect timeouts; fails the test if it
/// has not ended within 10 s.
fn run_with(cmd: Cmd, url: &str, format: &str, [read, connect]: [&str; 2]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    command
        .args(args(cmd))
        .args(["--endpoint-url", url, "--output", format])
        .args(["--cli-read-timeout", read, "--cli-connect-timeout", connect])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        // The standard retry mode's 3 attempts (legacy, the default, makes 5 with longer waits).
        .env("AWS_RETRY_MODE", "standard")
        .env_remove("AWS_MAX_ATTEMPTS")
        .env_remove("AWS_DEFAULT_OUTPUT");
    output_within(command, Some(b"Corr3ct-Horse!\n"))
}

/// Runs every command against a server in `mode` (one server per run) and checks each run.
fn check(
    mode: Mode,
    formats: &[&str],
    expect: impl Fn(Cmd) -> i32,
    words: impl Fn(Cmd) -> &'static str,
) {
    for (i, cmd) in COMMANDS.into_iter().enumerate() {
        for (j, format) in formats.iter().enumerate() {
            // With one format per run, the commands take turns over the formats.
            let format = if formats.len() == 1 {
                FORMATS[(i + j) % FORMATS.len()]
            } else {
                format
            };
            let server = HostileServer::start(mode.clone());
            let o = run(cmd, &server.url, format);
            let (out, err) = (
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr),
            );
            let what = format!("{mode:?} {cmd:?} --output {format}\nstdout: {out}\nstderr: {err}");
            assert_eq!(o.status.code(), Some(expect(cmd)), "{what}");
            assert!(server.count() >= 1, "{what}");
            assert_eq!(raw_controls(&o.stdout), Vec::<char>::new(), "{what}");
            assert_eq!(raw_controls(&o.stderr), Vec::<char>::new(), "{what}");
            assert!(
                err.contains(words(cmd)) || out.contains(words(cmd)),
                "{what}"
            );
        }
    }
}

fn always(code: i32) -> impl Fn(Cmd) -> i32 {
    move |_| code
}

fn says(words: &'static str) -> impl Fn(Cmd) -> &'static str {
    move |_| words
}

#[test]
fn html_5xx() {
    check(Mode::Html5xx, &["any"], always(255), says("HTML"));
}

#[test]
fn invalid_json() {
    check(
        Mode::InvalidJson,
        &FORMATS,
        always(255),
        says("not a Cognito answer"),
    );
}

#[test]
fn wrong_types() {
    check(
        Mode::WrongTypes,
        &FORMATS,
        always(255),
        says("unexpected JSON"),
    );
}

#[test]
fn huge_bodies_with_and_without_a_length() {
    check(
        Mode::HugeBody,
        &FORMATS,
        always(255),
        says("larger than 1024 KiB"),
    );
    check(
        Mode::HugeUnsized,
        &["any"],
        always(255),
        says("larger than 1024 KiB"),
    );
}

#[test]
fn a_trickled_body_hits_the_read_timeout() {
    check(Mode::Trickle, &["any"], always(255), says("within 1 s"));
}

#[test]
fn a_stalled_server_hits_the_read_timeout() {
    check(
        Mode::Stall,
        &["any"],
        always(255),
        says("--cli-read-timeout"),
    );
}

#[test]
fn a_reset_connection() {
    check(
        Mode::Reset,
        &FORMATS,
        always(255),
        says("cognito-mfa: error"),
    );
}

#[test]
fn escapes_in_every_string_member() {
    // Associate and sign-in print the answer (escaped); verify's Status is not one of its
    // values, so the answer is refused (and the message quoting it is escaped).
    let expect = |cmd| if matches!(cmd, Cmd::Verify) { 255 } else { 0 };
    let words = |cmd| match cmd {
        Cmd::Verify => "unknown variant",
        _ => "[2J",
    };
    check(Mode::Escapes, &FORMATS, expect, words);
}

#[test]
fn escapes_in_an_error_type_and_message() {
    check(
        Mode::ErrorEscapes,
        &FORMATS,
        always(254),
        says("An error occurred (NotAuthorizedException"),
    );
}

#[test]
fn a_secret_code_that_is_not_base32() {
    let server = HostileServer::start(Mode::NonBase32Secret);
    for format in FORMATS {
        let o = run(Cmd::Associate, &server.url, format);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(255), "{err}");
        assert!(err.contains("not base32"), "{err}");
        assert!(o.stdout.is_empty(), "no secret is printed");
        assert_eq!(raw_controls(&o.stderr), Vec::<char>::new(), "{err}");
    }
}

#[test]
fn answers_missing_their_main_member() {
    // Status is optional in the API model: verify prints what came. A SecretCode is required;
    // a sign-in answer with neither a challenge nor tokens is not one.
    let expect = |cmd| if matches!(cmd, Cmd::Verify) { 0 } else { 255 };
    let words = |cmd| match cmd {
        Cmd::Verify => "session-",
        Cmd::Associate => "SecretCode",
        Cmd::SignIn => "cognito-mfa: error",
    };
    check(Mode::MissingStatus, &FORMATS, expect, words);
}

#[test]
fn a_redirect_is_not_followed() {
    let elsewhere = HostileServer::start(Mode::Escapes);
    let server = HostileServer::start(Mode::Redirect(format!("{}/steal", elsewhere.url)));
    for cmd in COMMANDS {
        let o = run(cmd, &server.url, "json");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(255), "{err}");
        assert!(
            err.contains("HTTP 307") && err.contains("127.0.0.1"),
            "{err}"
        );
    }
    assert_eq!(server.count(), 3, "one request each, not retried");
    assert_eq!(
        elsewhere.count(),
        0,
        "nothing was sent to the redirect's target"
    );
}

#[test]
fn a_redirect_to_another_host_is_not_looked_up() {
    let server = HostileServer::start(Mode::Redirect("http://example.com/x".into()));
    let o = run(Cmd::Associate, &server.url, "json");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(255), "{err}");
    assert!(err.contains("HTTP 307, a redirect to example.com"), "{err}");
}

#[test]
fn a_connect_that_times_out_says_so() {
    // A listener whose accept queue is full: the kernel drops further SYNs, so the connect
    // neither succeeds nor fails until the client gives up.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    while let Ok(s) = std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
        fillers.push(s);
        assert!(fillers.len() < 64, "the accept queue never filled");
    }
    let o = run_with(
        Cmd::Associate,
        &format!("http://{addr}"),
        "json",
        ["5", "1"],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(255), "{err}");
    assert!(
        err.contains("Could not connect to") && err.contains("within 1 s"),
        "{err}"
    );
    assert!(err.contains("--cli-connect-timeout"), "{err}");
}
