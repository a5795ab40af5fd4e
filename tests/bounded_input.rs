//! Input from files and streams is bounded: an endless device, a huge file, a FIFO whose writer
//! never finishes, endless standard input and deeply nested documents or queries are refused
//! at once with the documented exit code (252 parameters, 253 configuration), never read whole
//! and never waited on for ever.

mod support;

use std::process::{Command, Output};
use support::deadline::output_within;

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    command
        .args(args)
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .env_remove("AWS_DEFAULT_OUTPUT")
        .env_remove("AWS_CA_BUNDLE");
    command
}

fn run(args: &[&str]) -> Output {
    output_within(command(args), None)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Checks the exit code and that the message says `words`; no request can have been sent, as
/// the endpoint is a closed port.
fn refused(o: &Output, code: i32, words: &str) {
    assert_eq!(o.status.code(), Some(code), "{}", stderr(o));
    assert!(stderr(o).contains(words), "{}", stderr(o));
}

const CLOSED: &str = "http://127.0.0.1:9";

fn associate_with(flag: &str, value: &str) -> Output {
    let mut args = vec!["associate-software-token", "--endpoint-url", CLOSED];
    if flag != "--access-token" {
        args.extend(["--access-token", "abc"]);
    }
    args.extend([flag, value]);
    run(&args)
}

#[test]
fn an_endless_device_as_a_value_or_a_document() {
    refused(
        &associate_with("--access-token", "file:///dev/zero"),
        252,
        "larger than 64 KiB",
    );
    refused(
        &associate_with("--cli-input-json", "file:///dev/zero"),
        252,
        "larger than 1 MiB",
    );
}

#[test]
fn a_huge_sparse_file() {
    let file = tempfile::NamedTempFile::new().unwrap();
    file.as_file().set_len(3 * 1024 * 1024 * 1024).unwrap();
    let url = format!("file://{}", file.path().display());
    refused(
        &associate_with("--cli-input-yaml", &url),
        252,
        "larger than 1 MiB",
    );
    refused(
        &associate_with("--session", &url),
        252,
        "larger than 64 KiB",
    );
}

#[test]
fn a_fifo_whose_writer_never_closes() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let url = format!("file://{}", fifo.display());
    // No writer yet: opening must not wait for one.
    refused(&associate_with("--access-token", &url), 252, "did not end");
    // A writer that holds the FIFO open, writes a little and never closes it.
    let mut writer = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    std::io::Write::write_all(&mut writer, b"{\"AccessToken\":").unwrap();
    refused(
        &associate_with("--cli-input-json", &url),
        252,
        "did not end",
    );
}

#[test]
fn endless_standard_input_as_the_password() {
    let mut c = command(&[
        "sign-in",
        "--client-id",
        "client",
        "--username",
        "jane",
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--password-stdin",
        "--endpoint-url",
        CLOSED,
    ]);
    c.stdin(std::fs::File::open("/dev/zero").unwrap());
    let o = output_within(c, None);
    refused(&o, 252, "larger than 64 KiB");
}

#[test]
fn configuration_files_that_never_end() {
    let mut c = command(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--region",
        "eu-west-1",
    ]);
    let huge = tempfile::NamedTempFile::new().unwrap();
    huge.as_file().set_len(3 * 1024 * 1024 * 1024).unwrap();
    c.env("AWS_CONFIG_FILE", huge.path());
    refused(&output_within(c, None), 253, "larger than 1 MiB");
    // A device is not a regular file: botocore ignores it, and so do we, without reading it.
    let mut c = command(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--endpoint-url",
        CLOSED,
    ]);
    c.env("AWS_CONFIG_FILE", "/dev/zero")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero")
        .env("AWS_MAX_ATTEMPTS", "1");
    refused(&output_within(c, None), 255, "Could not connect");
    refused(
        &run(&[
            "associate-software-token",
            "--access-token",
            "abc",
            "--endpoint-url",
            CLOSED,
            "--ca-bundle",
            "/dev/zero",
        ]),
        253,
        "larger than 1 MiB",
    );
    refused(
        &run(&["enroll", "--config", "/dev/zero", "--access-token", "abc"]),
        253,
        "larger than 1 MiB",
    );
}

#[test]
fn a_query_nested_20000_deep() {
    let query = "[".repeat(20_000);
    let o = run(&[
        "associate-software-token",
        "--access-token",
        "abc",
        "--endpoint-url",
        CLOSED,
        "--query",
        &query,
    ]);
    refused(&o, 252, "more than 64");
}

#[test]
fn documents_nested_100000_deep() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, name, text) in [
        ("--cli-input-yaml", "flow.yaml", "[".repeat(100_000)),
        (
            "--cli-input-yaml",
            "block.yaml",
            format!("{}x", "- ".repeat(100_000)),
        ),
        ("--cli-input-json", "deep.json", "[".repeat(100_000)),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let o = associate_with(flag, &format!("file://{}", path.display()));
        refused(&o, 252, "more than 128 levels");
    }
}
