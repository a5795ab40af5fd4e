//! The emulator's signature checks against botocore (the AWS CLI 1.46.3, `COGNITO_MFA_AWS_CLI`):
//! `aws cognito-idp admin-get-user` and the other admin commands, signed by botocore with the
//! emulator's keys, succeed; a wrong secret is an InvalidSignatureException, a missing session
//! token an UnrecognizedClientException; `aws cognito-idp list-users` pages through 2,000
//! generated users.

mod support;

use serde_json::Value;
use std::process::{Child, Command, Output, Stdio};
use support::emulator_process::start_emulator;

const POOL: &str = "us-east-1_DemoPool1";

struct Emulator {
    child: Child,
    report: Value,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn emulator(args: &[&str]) -> Emulator {
    let (child, report) = start_emulator(args, Stdio::null());
    Emulator { child, report }
}

/// `aws cognito-idp ARGS… --endpoint-url E --region R`, with only the credentials given here
/// (no config or credentials file, no profile).
fn aws(emu: &Emulator, secret: &str, session_token: Option<&str>, args: &[&str]) -> Output {
    let cli = std::env::var("COGNITO_MFA_AWS_CLI")
        .expect("COGNITO_MFA_AWS_CLI names the aws command (tests/peers/install-awscli.sh)");
    let home = tempfile::tempdir().unwrap();
    let admin = &emu.report["admin"];
    let mut command = Command::new(cli);
    command
        .arg("cognito-idp")
        .args(args)
        .args(["--endpoint-url", emu.report["endpoint"].as_str().unwrap()])
        .args(["--region", admin["region"].as_str().unwrap()])
        .args(["--output", "json"])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("AWS_CONFIG_FILE", home.path().join("config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.path().join("credentials"),
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ACCESS_KEY_ID", admin["accessKeyId"].as_str().unwrap())
        .env("AWS_SECRET_ACCESS_KEY", secret);
    if let Some(token) = session_token {
        command.env("AWS_SESSION_TOKEN", token);
    }
    command.output().unwrap()
}

fn demo_secret(emu: &Emulator) -> String {
    emu.report["admin"]["secretAccessKey"]
        .as_str()
        .unwrap()
        .to_string()
}

fn json_out(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn admin_get_user_signed_by_botocore_succeeds_and_a_wrong_secret_fails() {
    let emu = emulator(&[]);
    let secret = demo_secret(&emu);
    let args = [
        "admin-get-user",
        "--user-pool-id",
        POOL,
        "--username",
        "demo",
    ];
    let user = json_out(&aws(&emu, &secret, None, &args));
    assert_eq!(user["Username"], "demo");
    assert_eq!(user["UserStatus"], "CONFIRMED");
    assert_eq!(user["Enabled"], true);
    // AWS CLI v1 prints timestamps as they came: epoch seconds, milliseconds after the point.
    let created = user["UserCreateDate"].as_f64().unwrap();
    assert!(created > 1.7e9, "{user}");

    let wrong = aws(
        &emu,
        "wrong/secret/key/000000000000000000000000",
        None,
        &args,
    );
    assert_eq!(
        wrong.status.code(),
        Some(255),
        "AWS CLI v1's exit code for a service error"
    );
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("An error occurred (InvalidSignatureException) when calling the AdminGetUser operation: The request signature we calculated does not match"),
        "{stderr}"
    );
}

#[test]
fn the_other_admin_commands_signed_by_botocore_succeed() {
    let emu = emulator(&[]);
    let secret = demo_secret(&emu);
    let config = json_out(&aws(
        &emu,
        &secret,
        None,
        &["get-user-pool-mfa-config", "--user-pool-id", POOL],
    ));
    assert_eq!(config["MfaConfiguration"], "ON");
    assert_eq!(config["SoftwareTokenMfaConfiguration"]["Enabled"], true);
    let user = ["--user-pool-id", POOL, "--username", "demo"];
    let reset = aws(
        &emu,
        &secret,
        None,
        &[
            &["admin-set-user-mfa-preference"][..],
            &user,
            &[
                "--software-token-mfa-settings",
                "Enabled=false,PreferredMfa=false",
            ],
        ]
        .concat(),
    );
    assert!(
        reset.status.success(),
        "{}",
        String::from_utf8_lossy(&reset.stderr)
    );
    let signed_out = aws(
        &emu,
        &secret,
        None,
        &[&["admin-user-global-sign-out"][..], &user].concat(),
    );
    assert!(
        signed_out.status.success(),
        "{}",
        String::from_utf8_lossy(&signed_out.stderr)
    );
}

#[test]
fn list_users_pages_through_two_thousand_generated_users() {
    let emu = emulator(&["--generate-users", "2000"]);
    let listed = json_out(&aws(
        &emu,
        &demo_secret(&emu),
        None,
        &["list-users", "--user-pool-id", POOL],
    ));
    let users = listed["Users"].as_array().unwrap();
    assert_eq!(users.len(), 2002, "2,000 generated and the 2 demo users");
    let filtered = json_out(&aws(
        &emu,
        &demo_secret(&emu),
        None,
        &[
            "list-users",
            "--user-pool-id",
            POOL,
            "--filter",
            "username ^= \"user0019\"",
        ],
    ));
    assert_eq!(filtered["Users"].as_array().unwrap().len(), 100);
}

#[test]
fn a_configured_session_token_must_come_with_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pool.toml");
    let pool = format!(
        "{}\n[admin]\nsession_token = \"emulator-session-token\"\n",
        // The embedded pool without its own [admin] section.
        cognito_mfa::emulator::config::EMBEDDED_CONFIG
            .split("\n[admin]")
            .next()
            .unwrap()
    );
    std::fs::write(&path, pool).unwrap();
    let emu = emulator(&["--config", path.to_str().unwrap()]);
    let secret = demo_secret(&emu);
    let args = [
        "admin-get-user",
        "--user-pool-id",
        POOL,
        "--username",
        "demo",
    ];
    let user = json_out(&aws(&emu, &secret, Some("emulator-session-token"), &args));
    assert_eq!(user["Username"], "demo");
    let without = aws(&emu, &secret, None, &args);
    assert_eq!(without.status.code(), Some(255));
    let stderr = String::from_utf8_lossy(&without.stderr);
    assert!(stderr.contains("(UnrecognizedClientException)"), "{stderr}");
}
