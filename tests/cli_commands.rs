//! The two AWS-CLI-compatible commands, run as a real process.

mod support;

use std::process::{Command, Output};
use support::fake_server::{FakeServer, Reply};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION")
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_DEFAULT_PROFILE")
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
        .env_remove("AWS_DEFAULT_OUTPUT")
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn input_skeletons() {
    let o = run(&["associate-software-token", "--generate-cli-skeleton"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "{\n    \"AccessToken\": \"\",\n    \"Session\": \"\"\n}\n"
    );
    let o = run(&["verify-software-token", "--generate-cli-skeleton", "input"]);
    assert_eq!(
        stdout(&o),
        "{\n    \"AccessToken\": \"\",\n    \"Session\": \"\",\n    \"UserCode\": \"\",\n    \"FriendlyDeviceName\": \"\"\n}\n"
    );
    let o = run(&[
        "verify-software-token",
        "--generate-cli-skeleton",
        "yaml-input",
    ]);
    assert_eq!(
        stdout(&o),
        "AccessToken: ''\nSession: ''\nUserCode: ''\nFriendlyDeviceName: ''\n"
    );
}

#[test]
fn output_skeleton_validates_and_sends_nothing() {
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--generate-cli-skeleton",
        "output",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\n    \"SecretCode\": \"SecretCode\",\n    \"Session\": \"Session\"\n}\n"
    );
    let o = run(&[
        "verify-software-token",
        "--access-token",
        "abc",
        "--user-code",
        "12",
        "--generate-cli-skeleton",
        "output",
    ]);
    assert_eq!(o.status.code(), Some(252));
    assert!(
        stderr(&o).contains("Invalid length for parameter UserCode, value: 2, valid min length: 6")
    );
}

#[test]
fn token_and_session_together_or_neither_are_refused() {
    let session = "s".repeat(30);
    for args in [
        vec![
            "associate-software-token",
            "--access-token",
            "abc",
            "--session",
            session.as_str(),
            "--region",
            "us-east-1",
        ],
        vec!["associate-software-token", "--region", "us-east-1"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(252));
        assert!(
            stderr(&o)
                .contains("The request takes an access token or a session string, but not both")
        );
    }
}

#[test]
fn user_code_is_required_unless_in_the_input() {
    let o = run(&["verify-software-token", "--access-token", "abc"]);
    assert_eq!(o.status.code(), Some(252));
    assert!(stderr(&o).contains("the following arguments are required: --user-code"));
}

#[test]
fn configuration_errors_exit_253() {
    let o = run(&["associate-software-token", "--access-token", "abc"]);
    assert_eq!(o.status.code(), Some(253));
    assert!(stderr(&o).contains("You must specify a region"));
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--endpoint-url",
        "http://example.com",
    ]);
    assert_eq!(o.status.code(), Some(253));
    assert!(stderr(&o).contains("loopback"));
}

#[test]
fn unknown_flag_exits_252() {
    let o = run(&["associate-software-token", "--bogus"]);
    assert_eq!(o.status.code(), Some(252));
}

#[test]
fn associate_prints_json_as_the_aws_cli() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXP","Session":"session-0123456789abcdef"}"#,
    )]);
    let session = "s".repeat(30);
    let o = run(&[
        "associate-software-token",
        "--session",
        &session,
        "--endpoint-url",
        &server.url,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\n    \"SecretCode\": \"JBSWY3DPEHPK3PXP\",\n    \"Session\": \"session-0123456789abcdef\"\n}\n"
    );
    assert_eq!(server.last().body, format!(r#"{{"Session":"{session}"}}"#));
}

#[test]
fn output_formats_and_query() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"Status":"SUCCESS","Session":"new-session"}"#,
    )]);
    let base = [
        "verify-software-token",
        "--access-token",
        "abc",
        "--user-code",
        "123456",
        "--endpoint-url",
        server.url.as_str(),
    ];
    let with = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        stdout(&run(&args))
    };
    assert_eq!(with(&["--output", "text"]), "new-session\tSUCCESS\n");
    assert_eq!(
        with(&["--output", "yaml"]),
        "Status: SUCCESS\nSession: new-session\n"
    );
    assert_eq!(
        with(&["--output", "yaml-stream"]),
        "- Status: SUCCESS\n  Session: new-session\n"
    );
    assert_eq!(with(&["--query", "Status"]), "\"SUCCESS\"\n");
    assert_eq!(
        with(&["--query", "Status", "--output", "text"]),
        "SUCCESS\n"
    );
    let table = with(&["--output", "table"]);
    assert!(
        table.contains("VerifySoftwareToken") && table.contains("SUCCESS"),
        "{table}"
    );
}

#[test]
fn input_document_values_are_overridden_by_flags_and_files_are_read() {
    let server = FakeServer::start(vec![Reply::json(200, r#"{"Status":"SUCCESS"}"#)]);
    let dir = tempfile::tempdir().unwrap();
    let token = dir.path().join("token");
    std::fs::write(&token, "token-from-file\n").unwrap();
    let input = dir.path().join("input.json");
    std::fs::write(
        &input,
        r#"{"AccessToken": "ignored", "UserCode": "111111", "FriendlyDeviceName": "from-input"}"#,
    )
    .unwrap();
    let o = run(&[
        "verify-software-token",
        "--cli-input-json",
        &format!("file://{}", input.display()),
        "--access-token",
        &format!("file://{}", token.display()),
        "--user-code",
        "222222",
        "--endpoint-url",
        &server.url,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        server.last().body,
        r#"{"AccessToken":"token-from-file","UserCode":"222222","FriendlyDeviceName":"from-input"}"#
    );
    let o = run(&[
        "verify-software-token",
        "--cli-input-json",
        "{}",
        "--cli-input-yaml",
        "{}",
    ]);
    assert_eq!(o.status.code(), Some(252));
}

#[test]
fn service_errors_exit_254_naming_the_code() {
    let server = FakeServer::start(vec![Reply::error(
        400,
        "CodeMismatchException",
        "Code mismatch",
    )]);
    let o = run(&[
        "verify-software-token",
        "--access-token",
        "abc",
        "--user-code",
        "123456",
        "--endpoint-url",
        &server.url,
    ]);
    assert_eq!(o.status.code(), Some(254));
    let err = stderr(&o);
    assert!(err.contains("An error occurred (CodeMismatchException) when calling the VerifySoftwareToken operation: Code mismatch"), "{err}");
    assert!(err.contains("clock"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn network_failure_exits_255() {
    let refusing = support::refusing_port::RefusingPort::new();
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--endpoint-url",
        &refusing.url(),
    ]);
    assert_eq!(o.status.code(), Some(255));
    assert!(stderr(&o).contains("Could not connect"));
}

#[test]
fn debug_shows_requests_with_secrets_redacted() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXP","Session":"sess-secret-value-123"}"#,
    )]);
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "very-secret-token",
        "--endpoint-url",
        &server.url,
        "--debug",
    ]);
    let err = stderr(&o);
    assert!(err.contains("AssociateSoftwareToken"), "{err}");
    for secret in [
        "very-secret-token",
        "JBSWY3DPEHPK3PXP",
        "sess-secret-value-123",
    ] {
        assert!(!err.contains(secret), "{secret} leaked: {err}");
    }
}

#[test]
fn unreadable_or_empty_ca_bundles_are_configuration_errors() {
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("not.pem");
    std::fs::write(&not_pem, "this is no certificate").unwrap();
    for bundle in [dir.path().join("missing.pem"), not_pem] {
        let o = run(&[
            "associate-software-token",
            "--access-token",
            "abc",
            "--region",
            "eu-west-1",
            "--ca-bundle",
            bundle.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(253), "{}", stderr(&o));
        assert!(stderr(&o).contains("CA bundle"), "{}", stderr(&o));
    }
}

#[test]
fn ctrl_c_during_a_call_exits_130() {
    let server = FakeServer::start(vec![Reply::Hang]);
    let child = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args([
            "associate-software-token",
            "--access-token",
            "abc",
            "--endpoint-url",
            &server.url,
        ])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The request has reached the server: the process is waiting for the answer.
    while server.count() == 0 {
        std::thread::yield_now();
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
}

#[test]
fn a_bad_query_or_output_format_is_refused_before_sending() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXP"}"#,
    )]);
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--endpoint-url",
        &server.url,
        "--query",
        "Secret[",
    ]);
    assert_eq!(o.status.code(), Some(252), "{}", stderr(&o));
    assert!(stderr(&o).contains("--query"), "{}", stderr(&o));
    let o = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args([
            "associate-software-token",
            "--access-token",
            "abc",
            "--endpoint-url",
            &server.url,
        ])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("AWS_DEFAULT_OUTPUT", "xml")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(253), "{}", stderr(&o));
    assert_eq!(
        server.count(),
        0,
        "no secret was issued for an answer that could not be printed"
    );
}

#[test]
fn https_requests_go_through_https_proxy() {
    let proxy = FakeServer::start(vec![Reply::Http(502, vec![], Vec::new())]);
    let o = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args([
            "associate-software-token",
            "--access-token",
            "abc",
            "--region",
            "eu-west-1",
            "--cli-connect-timeout",
            "2",
        ])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("HTTPS_PROXY", &proxy.url)
        // One attempt: a refused tunnel is retried, and only where it went matters here.
        .env("AWS_MAX_ATTEMPTS", "1")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(255),
        "the proxy refused: {}",
        stderr(&o)
    );
    assert!(proxy.count() >= 1, "the request went to the proxy");
    assert_eq!(
        proxy.last().header("Host"),
        Some("cognito-idp.eu-west-1.amazonaws.com:443")
    );
}

#[test]
fn with_no_command_the_enroll_flags_are_taken() {
    // No terminal: line prompts; no input: the sign-in is cancelled, after the flags were read.
    let o = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args([
            "--client-id",
            "abc",
            "--username",
            "jane",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(stderr(&o).contains("Sign in"), "{}", stderr(&o));
}
