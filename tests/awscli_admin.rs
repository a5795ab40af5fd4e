//! Differential tests of the admin side against the AWS CLI (awscli 1.x, botocore vendored):
//! our SigV4 `Authorization` header equals botocore's for the same request, time and
//! credentials; `admin status --output …` prints what `aws cognito-idp admin-get-user` prints
//! for the same answer. Runs with `--features awscli-tests` and COGNITO_MFA_AWS_CLI set.

mod support;

use aws_credential_types::Credentials;
use cognito_mfa::admin::sign::{Unsigned, signature_headers};
use serde_json::{Value, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};
use support::fake_server::{FakeServer, Reply};

fn aws() -> PathBuf {
    PathBuf::from(std::env::var("COGNITO_MFA_AWS_CLI").unwrap_or_else(|_| {
        panic!("COGNITO_MFA_AWS_CLI must name the aws command: run tests/peers/install-awscli.sh")
    }))
}

/// The venv's python, next to its `aws`.
fn python() -> PathBuf {
    aws().parent().unwrap().join("python")
}

struct Case {
    url: &'static str,
    target: &'static str,
    body: &'static str,
    token: Option<&'static str>,
    region: &'static str,
    time: u64,
}

const CASES: [Case; 4] = [
    Case {
        url: "https://cognito-idp.eu-west-1.amazonaws.com/",
        target: "AWSCognitoIdentityProviderService.AdminGetUser",
        body: r#"{"UserPoolId":"eu-west-1_AbC123","Username":"ana"}"#,
        token: None,
        region: "eu-west-1",
        time: 1_700_000_000,
    },
    Case {
        url: "http://127.0.0.1:41234/",
        target: "AWSCognitoIdentityProviderService.ListUsers",
        body: r#"{"UserPoolId":"us-east-1_x","Limit":60,"Filter":"cognito:user_status = \"CONFIRMED\""}"#,
        token: Some("IQoJb3JpZ2luX2VjEXAMPLE/session+token=="),
        region: "us-east-1",
        time: 1_764_633_600,
    },
    Case {
        url: "https://cognito-idp.ap-southeast-2.amazonaws.com/",
        target: "AWSCognitoIdentityProviderService.AdminSetUserMFAPreference",
        body: r#"{"SoftwareTokenMfaSettings":{"Enabled":false,"PreferredMfa":false},"Username":"zoë ñ","UserPoolId":"ap-southeast-2_q"}"#,
        token: None,
        region: "ap-southeast-2",
        time: 946_684_799,
    },
    Case {
        url: "https://cognito-idp.cn-north-1.amazonaws.com.cn/",
        target: "AWSCognitoIdentityProviderService.AdminUserGlobalSignOut",
        body: "{}",
        token: Some("short"),
        region: "cn-north-1",
        time: 2_000_000_000,
    },
];

const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

#[test]
fn our_authorization_header_is_the_one_botocore_computes() {
    let cases: Vec<Value> = CASES
        .iter()
        .map(|c| {
            json!({"method": "POST", "url": c.url, "body": c.body,
                "headers": [["Content-Type", "application/x-amz-json-1.1"], ["X-Amz-Target", c.target]],
                "access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "token": c.token,
                "region": c.region, "time": c.time})
        })
        .collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/peers/botocore_sigv4.py");
    let mut child = Command::new(python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&cases).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let botocore: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for (case, theirs) in CASES.iter().zip(&botocore) {
        let creds = Credentials::new(
            ACCESS_KEY,
            SECRET_KEY,
            case.token.map(str::to_string),
            None,
            "test",
        );
        let headers = [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", case.target),
        ];
        let ours = signature_headers(
            &Unsigned {
                method: "POST",
                url: case.url,
                headers: &headers,
                body: case.body.as_bytes(),
            },
            &creds,
            case.region,
            UNIX_EPOCH + Duration::from_secs(case.time),
        )
        .unwrap();
        let get = |name: &str| {
            ours.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| Value::String(v.clone()))
                .unwrap_or(Value::Null)
        };
        assert_eq!(
            get("authorization"),
            theirs["authorization"],
            "{}",
            case.url
        );
        assert_eq!(get("x-amz-date"), theirs["x-amz-date"], "{}", case.url);
        assert_eq!(
            get("x-amz-security-token"),
            theirs["x-amz-security-token"],
            "{}",
            case.url
        );
    }
}

/// An AdminGetUser answer with every member, in an order unlike the model's, with an integer
/// and a fractional timestamp, an unknown member and text that needs escaping.
const ANSWER: &str = r#"{"UserStatus":"CONFIRMED","UserMFASettingList":["SOFTWARE_TOKEN_MFA","SMS_MFA"],
"Username":"ana","Enabled":true,"UserCreateDate":1700000000.123,"UserLastModifiedDate":1764633600,
"MFAOptions":[{"DeliveryMedium":"SMS","AttributeName":"phone_number"}],
"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA","Extra":"ignored",
"UserAttributes":[{"Name":"sub","Value":"8f0c-11"},{"Name":"email","Value":"ana@example.com"},
{"Name":"name","Value":"Ana \"Zoë\" O'Brien"},{"Name":"phone_number","Value":"+15550100"}]}"#;

fn run_both(extra: &[&str]) -> (String, String) {
    let server = FakeServer::start(vec![Reply::json(200, ANSWER)]);
    let common = |c: &mut Command| {
        c.env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", "/nonexistent")
            .env("TZ", "UTC")
            .env("AWS_CONFIG_FILE", "/nonexistent/config")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ACCESS_KEY_ID", ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    };
    let mut theirs = Command::new(aws());
    common(&mut theirs);
    let theirs = theirs
        .args([
            "cognito-idp",
            "admin-get-user",
            "--user-pool-id",
            "us-east-1_x",
            "--username",
            "ana",
        ])
        .args(["--endpoint-url", &server.url, "--region", "us-east-1"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        theirs.status.success(),
        "{}",
        String::from_utf8_lossy(&theirs.stderr)
    );
    let mut ours = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"));
    common(&mut ours);
    let ours = ours
        .args([
            "admin",
            "status",
            "--user-pool-id",
            "us-east-1_x",
            "--username",
            "ana",
        ])
        .args(["--endpoint-url", &server.url, "--region", "us-east-1"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        ours.status.success(),
        "{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let sent: Vec<_> = server.requests.lock().unwrap().clone();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(
            request.header("X-Amz-Target"),
            Some("AWSCognitoIdentityProviderService.AdminGetUser")
        );
        assert!(
            request
                .header("Authorization")
                .unwrap()
                .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        );
    }
    (
        String::from_utf8(ours.stdout).unwrap(),
        String::from_utf8(theirs.stdout).unwrap(),
    )
}

#[test]
fn status_as_json_is_what_the_aws_cli_prints() {
    let (ours, theirs) = run_both(&["--output", "json"]);
    assert_eq!(ours, theirs);
}

#[test]
fn status_as_text_is_what_the_aws_cli_prints() {
    let (ours, theirs) = run_both(&["--output", "text"]);
    assert_eq!(ours, theirs);
}

#[test]
fn status_with_a_query_is_what_the_aws_cli_prints() {
    for query in [
        "UserAttributes[?Name=='email'].Value | [0]",
        "[Username, UserCreateDate, UserMFASettingList]",
        "UserMFASettingList[1]",
        // Objects keep the query's order and the answer's: text prints them as columns.
        "{user: Username, status: UserStatus, enabled: Enabled, mfa: PreferredMfaSetting}",
        "UserAttributes[0]",
        "UserAttributes[].{value: Value, name: Name}",
    ] {
        let (ours, theirs) = run_both(&["--query", query]);
        assert_eq!(ours, theirs, "{query}");
        let (ours, theirs) = run_both(&["--query", query, "--output", "text"]);
        assert_eq!(ours, theirs, "{query}");
    }
}

#[test]
fn status_as_a_table_is_what_the_aws_cli_prints() {
    // awscli 1.x has no yaml output (AWS CLI v2's): json, text and table are compared.
    let (ours, theirs) = run_both(&["--output", "table"]);
    assert_eq!(ours, theirs, "--output table");
    let (ours, theirs) = run_both(&["--output", "table", "--query", "UserAttributes"]);
    assert_eq!(ours, theirs, "a query drawn as a table");
}
