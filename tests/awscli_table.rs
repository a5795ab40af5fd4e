//! `--output table` against the AWS CLI's (awscli 1.46.3, `COGNITO_MFA_AWS_CLI`): the same
//! answer, served by a loopback server to both tools, must print the same bytes, with stdout a
//! pipe (80 columns, no colour, as awscli assumes) and in pseudo-terminals 80 and 200 columns
//! wide (coloured, as awscli's default `--color auto` colours a terminal).
//!
//! The answers of our commands (AssociateSoftwareToken, VerifySoftwareToken, InitiateAuth) go
//! through both whole programs. Shapes no command of ours prints (GetUser, ListUsers,
//! DescribeUserPool: nested objects, lists of objects, empty lists) are printed by awscli from
//! the loopback answer and by `cognito_mfa::output` from the same JSON.

mod support;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::{Value, json};
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;
use support::deadline::output_within;
use support::fake_server::{FakeServer, Reply};

const DEADLINE: Duration = Duration::from_secs(120);

/// Where stdout goes: a pipe, or a pseudo-terminal this many columns wide.
#[derive(Clone, Copy, Debug)]
enum Out {
    Pipe,
    Pty(u16),
}

const OUTS: [Out; 3] = [Out::Pipe, Out::Pty(80), Out::Pty(200)];

fn aws_cli() -> String {
    std::env::var("COGNITO_MFA_AWS_CLI")
        .expect("COGNITO_MFA_AWS_CLI must name the aws command (tests/peers/install-awscli.sh)")
}

const ENV: [(&str, &str); 7] = [
    ("AWS_DEFAULT_REGION", "us-east-1"),
    ("AWS_CONFIG_FILE", "/nonexistent/aws-config"),
    (
        "AWS_SHARED_CREDENTIALS_FILE",
        "/nonexistent/aws-credentials",
    ),
    ("AWS_REGION", "us-east-1"),
    ("PYTHONUTF8", "1"),
    ("COGNITO_MFA_KEYCHAIN", "none"),
    ("TERM", "dumb"),
];

/// Runs `program args` with `stdin` on its standard input and stdout to `out`; its stdout.
fn run(program: &str, args: &[String], stdin: &str, out: Out) -> String {
    match out {
        Out::Pipe => {
            let mut cmd = Command::new(program);
            cmd.args(args).envs(ENV).stdin(Stdio::piped());
            let output = output_within(cmd, Some(stdin.as_bytes()));
            assert!(output.status.success(), "{program} {args:?}: {output:?}");
            String::from_utf8(output.stdout).unwrap()
        }
        Out::Pty(cols) => in_pty(program, args, stdin, cols),
    }
}

/// stdout of a program in a pseudo-terminal `cols` wide, its stdin a pipe, its stderr a file.
fn in_pty(program: &str, args: &[String], stdin: &str, cols: u16) -> String {
    let stderr = tempfile::NamedTempFile::new().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 200,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        "printf '%s' \"$TABLE_STDIN\" | \"$@\" 2>\"$TABLE_STDERR\"",
        "sh",
        program,
    ]);
    cmd.args(args);
    for (k, v) in ENV {
        cmd.env(k, v);
    }
    cmd.env("TABLE_STDIN", stdin);
    cmd.env("TABLE_STDERR", stderr.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        let _ = tx.send(all);
    });
    let all = rx
        .recv_timeout(DEADLINE)
        .unwrap_or_else(|_| panic!("{program} {args:?} did not end"));
    let status = child.wait().unwrap();
    drop(pair.master);
    let text = String::from_utf8(all).unwrap().replace("\r\n", "\n");
    let errors = std::fs::read_to_string(stderr.path()).unwrap();
    assert!(
        status.success(),
        "{program} {args:?} in a pty: {text}{errors}"
    );
    text
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// Both programs against one loopback server answering `answer`: our `ours` arguments and
/// awscli's `cognito-idp theirs` arguments, each with `--output table`.
fn compare(answer: &Value, ours: &[&str], theirs: &[&str], stdin: &str) -> Vec<String> {
    let server = FakeServer::start(vec![Reply::json(200, &answer.to_string())]);
    let common = ["--endpoint-url", &server.url, "--output", "table"];
    let mut our_args = strings(ours);
    our_args.extend(strings(&common));
    let mut their_args = strings(&["cognito-idp"]);
    their_args.extend(strings(theirs));
    their_args.extend(strings(&common));
    their_args.extend(strings(&["--no-sign-request"]));
    let mut seen = Vec::new();
    for out in OUTS {
        let expected = run(&aws_cli(), &their_args, stdin, out);
        let actual = run(env!("CARGO_BIN_EXE_cognito-mfa"), &our_args, stdin, out);
        assert_eq!(
            actual, expected,
            "{out:?} {ours:?}\n--- ours ---\n{actual}\n--- awscli ---\n{expected}"
        );
        seen.push(expected);
    }
    seen
}

fn associate(answer: Value, query: &[&str]) -> Vec<String> {
    let mut args = vec!["associate-software-token", "--access-token", "tok"];
    args.extend(query);
    compare(&answer, &args, &args, "")
}

fn long(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

#[test]
fn associate_software_token_short_and_long() {
    associate(
        json!({"SecretCode": "JBSWY3DPEHPK3PXP", "Session": "AYABeAbc"}),
        &[],
    );
    associate(json!({"SecretCode": "JBSWY3DPEHPK3PXP"}), &[]);
    let seen = associate(
        json!({"SecretCode": long('A', 52), "Session": format!("AYAB{}", long('x', 130))}),
        &[],
    );
    assert_ne!(
        seen[1], seen[2],
        "80 and 200 columns draw this answer differently"
    );
    associate(
        json!({"SecretCode": long('B', 32), "Session": format!("AYAB{}", long('y', 900))}),
        &[],
    );
}

#[test]
fn an_empty_answer_prints_nothing() {
    let answer = json!({"SecretCode": "JBSWY3DPEHPK3PXP"});
    let seen = associate(answer, &["--query", "Session"]);
    assert_eq!(seen[0], "", "piped: nothing");
    assert_eq!(
        seen[1], "\x1b[0m",
        "on a terminal: colorama's reset at exit, nothing else"
    );
    let theirs = ["get-user", "--access-token", "tok"];
    library(get_user_answer(), "GetUser", &theirs, Some("MFAOptions"));
    library(
        get_user_answer(),
        "GetUser",
        &theirs,
        Some("length(MFAOptions)"),
    );
}

#[test]
fn queries_drawn_as_tables() {
    let answer =
        json!({"SecretCode": "JBSWY3DPEHPK3PXP", "Session": format!("AYAB{}", long('s', 90))});
    associate(answer.clone(), &["--query", "SecretCode"]);
    associate(answer.clone(), &["--query", "[SecretCode, Session]"]);
    associate(
        answer.clone(),
        &["--query", "{Code: SecretCode, Length: length(Session)}"],
    );
    associate(answer, &["--query", "[[SecretCode, 'x'], [Session, 'y']]"]);
}

#[test]
fn verify_software_token() {
    let args = [
        "verify-software-token",
        "--access-token",
        "tok",
        "--user-code",
        "123456",
    ];
    compare(&json!({"Status": "SUCCESS"}), &args, &args, "");
    compare(
        &json!({"Status": "SUCCESS", "Session": format!("AYAB{}", long('v', 300))}),
        &args,
        &args,
        "",
    );
}

/// `sign-in --password-stdin` against `initiate-auth --auth-parameters`.
fn initiate_auth(answer: Value) -> Vec<String> {
    let ours = [
        "sign-in",
        "--client-id",
        "client1",
        "--username",
        "jane",
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--password-stdin",
    ];
    let theirs = [
        "initiate-auth",
        "--client-id",
        "client1",
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--auth-parameters",
        "USERNAME=jane,PASSWORD=Corr3ct-Horse",
    ];
    compare(&answer, &ours, &theirs, "Corr3ct-Horse\n")
}

#[test]
fn initiate_auth_tokens() {
    initiate_auth(json!({
        "ChallengeParameters": {},
        "AuthenticationResult": {
            "AccessToken": format!("eyJraWQiOi{}", long('a', 1000)),
            "ExpiresIn": 3600,
            "TokenType": "Bearer",
            "RefreshToken": format!("eyJjdHkiOi{}", long('r', 1700)),
            "IdToken": format!("eyJraWQiOi{}", long('i', 1100)),
        }
    }));
    initiate_auth(json!({
        "AuthenticationResult": {"AccessToken": "a1", "ExpiresIn": 300, "TokenType": "Bearer"}
    }));
}

#[test]
fn initiate_auth_challenges() {
    initiate_auth(json!({
        "ChallengeName": "MFA_SETUP",
        "Session": format!("AYAB{}", long('m', 40)),
        "ChallengeParameters": {"MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]", "USER_ID_FOR_SRP": "jane"}
    }));
    initiate_auth(json!({
        "ChallengeName": "SOFTWARE_TOKEN_MFA",
        "Session": "AYABshort",
        "ChallengeParameters": {"USER_ID_FOR_SRP": "日本語のユーザー", "FRIENDLY_DEVICE_NAME": "Zoë’s phone ±"}
    }));
}

/// awscli prints `answer` to `cognito-idp theirs`; `cognito_mfa::output` prints the same JSON
/// (after the same query) under the same title, for the same width.
fn library(answer: Value, title: &str, theirs: &[&str], query: Option<&str>) {
    let server = FakeServer::start(vec![Reply::json(200, &answer.to_string())]);
    let mut args = strings(&["cognito-idp"]);
    args.extend(strings(theirs));
    args.extend(strings(&[
        "--endpoint-url",
        &server.url,
        "--output",
        "table",
    ]));
    args.extend(strings(&["--no-sign-request"]));
    let selected = match query {
        Some(q) => {
            args.extend(strings(&["--query", q]));
            cognito_mfa::output::apply_query(&answer, q).unwrap()
        }
        None => answer.clone(),
    };
    for out in OUTS {
        let (cols, color) = match out {
            Out::Pipe => (80, false),
            Out::Pty(c) => (usize::from(c), true),
        };
        let expected = run(&aws_cli(), &args, "", out);
        let actual = cognito_mfa::output::table_styled(&selected, title, cols, color);
        assert_eq!(
            actual, expected,
            "{out:?} {title} {query:?}\n--- ours ---\n{actual}\n--- awscli ---\n{expected}"
        );
    }
}

fn get_user_answer() -> Value {
    json!({
        "Username": "jane",
        "UserAttributes": [
            {"Name": "sub", "Value": "94f8a4c8-1031-70a4-8b7e-2f0c3bd4f1a9"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "custom:bio", "Value": format!("Zoë ± 日本 {}", long('b', 150))},
            {"Name": "email", "Value": "jane@example.com"}
        ],
        "MFAOptions": [],
        "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
        "UserMFASettingList": ["SOFTWARE_TOKEN_MFA", "SMS_MFA"]
    })
}

#[test]
fn get_user_nested_lists() {
    let theirs = ["get-user", "--access-token", "tok"];
    library(get_user_answer(), "GetUser", &theirs, None);
    let mut short = get_user_answer();
    short["UserAttributes"] = json!([{"Name": "sub", "Value": "1"}, {"Name": "email"}]);
    library(short, "GetUser", &theirs, None);
    library(
        get_user_answer(),
        "GetUser",
        &theirs,
        Some("UserAttributes[].Name"),
    );
    library(
        get_user_answer(),
        "GetUser",
        &theirs,
        Some("UserAttributes[?Name=='email']"),
    );
}

#[test]
fn list_users_repeats_sections() {
    let answer = json!({"Users": [
        {"Username": "jane", "Enabled": true, "UserStatus": "CONFIRMED",
         "Attributes": [{"Name": "email", "Value": "jane@example.com"}, {"Name": "sub", "Value": "1"}],
         "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]},
        {"Username": "bob", "Enabled": false, "UserStatus": "FORCE_CHANGE_PASSWORD",
         "Attributes": [{"Name": "sub", "Value": "2"}]}
    ]});
    library(
        answer,
        "ListUsers",
        &["list-users", "--user-pool-id", "us-east-1_Abc"],
        None,
    );
}

#[test]
fn describe_user_pool_deeply_nested() {
    let answer = json!({"UserPool": {
        "Id": "us-east-1_Abc", "Name": "Employees", "MfaConfiguration": "OPTIONAL",
        "EstimatedNumberOfUsers": 3, "DeletionProtection": "ACTIVE",
        "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": true,
            "RequireLowercase": true, "RequireNumbers": false, "RequireSymbols": false,
            "TemporaryPasswordValidityDays": 7}},
        "AutoVerifiedAttributes": ["email"],
        "UsernameAttributes": [],
        "SchemaAttributes": [
            {"Name": "sub", "AttributeDataType": "String", "Mutable": false, "Required": true,
             "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"}},
            {"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": false,
             "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}
        ],
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": false,
            "InviteMessageTemplate": {"EmailSubject": "Your temporary password",
                "EmailMessage": format!("Your username is {{username}} and temporary password is {{####}}. {}", long('w', 120))}}
    }});
    library(
        answer,
        "DescribeUserPool",
        &["describe-user-pool", "--user-pool-id", "us-east-1_Abc"],
        None,
    );
}

#[test]
fn color_on_and_off_as_awscli() {
    let answer = json!({"SecretCode": "JBSWY3DPEHPK3PXP", "Session": "AYABeAbc"});
    let on = associate(answer.clone(), &["--color", "on"]);
    assert!(on[0].contains("\x1b["), "--color on colours a pipe too");
    let off = associate(answer, &["--color", "off"]);
    assert!(
        off.iter().all(|t| !t.contains("\x1b[3")),
        "--color off: no colour anywhere"
    );
}
