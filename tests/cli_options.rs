//! The command line as the AWS CLI v2 takes it: values that begin with `-`, `--version`
//! anywhere, the global options it accepts, JMESPath's legacy literals.

mod support;

use std::process::{Command, Output};
use support::fake_server::{FakeServer, Reply};

const SESSION: &str = "-jAbcDefGhiJklMnoPqrStuVwxYz0123456789";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/aws-credentials",
        )
        // One attempt: the calls that fail here fail at once, with no backoff.
        .env("AWS_MAX_ATTEMPTS", "1")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn body(server: &FakeServer) -> serde_json::Value {
    serde_json::from_str(&server.last().body).unwrap()
}

#[test]
fn a_session_that_begins_with_a_dash_is_a_value_in_both_forms() {
    for args in [
        vec!["--session".to_string(), SESSION.to_string()],
        vec![format!("--session={SESSION}")],
    ] {
        let server = FakeServer::start(vec![Reply::json(200, r#"{"Status":"SUCCESS"}"#)]);
        let mut all = vec!["verify-software-token", "--endpoint-url", &server.url];
        all.extend(args.iter().map(String::as_str));
        all.extend(["--user-code", "123456"]);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(body(&server)["Session"], SESSION);
        assert_eq!(body(&server)["UserCode"], "123456");
    }
}

#[test]
fn dash_values_for_other_options_and_commands() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}"#,
    )]);
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "-token-with-a-dash",
        "--endpoint-url",
        &server.url,
        "--output",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(body(&server)["AccessToken"], "-token-with-a-dash");
    let server = FakeServer::start(vec![Reply::json(200, r#"{"Status":"SUCCESS"}"#)]);
    let o = run(&[
        "verify-software-token",
        "--access-token",
        "a-token",
        "--friendly-device-name",
        "-phone",
        "--user-code",
        "123456",
        "--endpoint-url",
        &server.url,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(body(&server)["FriendlyDeviceName"], "-phone");
}

#[test]
fn an_option_after_an_option_is_not_taken_as_its_value() {
    let o = run(&[
        "verify-software-token",
        "--session",
        "--user-code",
        "123456",
        "--endpoint-url",
        "http://127.0.0.1:9",
    ]);
    assert_eq!(o.status.code(), Some(252));
    assert!(
        stderr(&o).contains("a value is required for '--session"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn version_anywhere_prints_the_same() {
    let top = run(&["--version"]);
    assert_eq!(top.status.code(), Some(0));
    assert_eq!(
        stdout(&top),
        format!("cognito-mfa {}\n", env!("CARGO_PKG_VERSION"))
    );
    for args in [
        &["verify-software-token", "--version"][..],
        &[
            "associate-software-token",
            "--access-token",
            "x",
            "--version",
        ],
        &["emulator", "--version"],
        &["--region", "eu-west-1", "sign-in", "--version"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), stdout(&top), "{args:?}");
    }
}

#[test]
fn no_verify_ssl_warns_once_on_https_and_never_by_default() {
    let https = [
        "associate-software-token",
        "--access-token",
        "x",
        "--endpoint-url",
        "https://127.0.0.1:9",
        "--cli-connect-timeout",
        "2",
    ];
    let mut with_flag = https.to_vec();
    with_flag.push("--no-verify-ssl");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    let o = cmd
        .args(&with_flag)
        .env_clear()
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("AWS_MAX_ATTEMPTS", "2")
        .env("AWS_RETRY_MODE", "standard")
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(0), "nothing listens on port 9");
    let err = stderr(&o);
    assert_eq!(
        err.matches(
            "InsecureRequestWarning: Unverified HTTPS request is being made to host '127.0.0.1'"
        )
        .count(),
        1,
        "{err}"
    );
    let o = run(&https);
    assert!(
        !stderr(&o).contains("InsecureRequestWarning"),
        "{}",
        stderr(&o)
    );
    // Plain HTTP to loopback has no certificate to check: no warning, and the call works.
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}"#,
    )]);
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "x",
        "--endpoint-url",
        &server.url,
        "--no-verify-ssl",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("InsecureRequestWarning"));
}

#[test]
fn aws_cli_v2_global_options_are_accepted() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}"#,
    )]);
    for extra in [
        &["--color", "on"][..],
        &["--color", "off"],
        &["--color", "auto"],
        &["--no-paginate"],
        &["--cli-binary-format", "raw-in-base64-out"],
        &["--cli-binary-format", "base64"],
        &["--no-cli-auto-prompt"],
        &["--no-cli-pager"],
    ] {
        let mut args = vec![
            "associate-software-token",
            "--access-token",
            "x",
            "--endpoint-url",
            &server.url,
            "--output",
            "text",
        ];
        args.extend(extra);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{extra:?}: {}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n",
            "{extra:?}"
        );
    }
    for bad in [&["--color", "purple"][..], &["--cli-binary-format", "hex"]] {
        let mut args = vec!["associate-software-token", "--access-token", "x"];
        args.extend(bad);
        assert_eq!(run(&args).status.code(), Some(252), "{bad:?}");
    }
}

#[test]
fn jmespath_legacy_literals_are_strings_as_in_the_aws_cli() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}"#,
    )]);
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "x",
        "--endpoint-url",
        &server.url,
        "--query",
        "[`foo`, ` padded`, `{a:1}`, `[1]`, `\"quoted\"`]",
        "--output",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let printed: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        printed,
        serde_json::json!(["foo", "padded", "{a:1}", [1], "quoted"])
    );
}
