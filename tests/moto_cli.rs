//! The two commands against moto, a Cognito emulator written by others (TOTP enforced).
//! Runs with `--features moto-tests` and COGNITO_MFA_MOTO_SERVER set (see .ci/run).

mod support;

use std::process::{Command, Output};
use std::sync::OnceLock;
use support::moto::{Moto, SeededPool, current_code};

fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(Moto::start)
}

fn cli(pool: &SeededPool, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .args(["--endpoint-url", &pool.endpoint])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .output()
        .unwrap()
}

/// The user's access token in a file, so it never appears in a process list.
fn access_token_file(pool: &SeededPool, dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("access-token");
    std::fs::write(&path, support::moto::access_token(pool)).unwrap();
    format!("file://{}", path.display())
}

fn json_out(o: &Output) -> serde_json::Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn associate_then_verify_with_a_computed_totp_succeeds() {
    let pool = moto().seed("ON", false);
    let dir = tempfile::tempdir().unwrap();
    let token = access_token_file(&pool, &dir);
    let associated = json_out(&cli(
        &pool,
        &["associate-software-token", "--access-token", &token],
    ));
    let secret = associated["SecretCode"].as_str().unwrap().to_string();
    assert!(!secret.is_empty());
    let code = current_code(&secret);
    let verified = json_out(&cli(
        &pool,
        &[
            "verify-software-token",
            "--access-token",
            &token,
            "--user-code",
            &code,
            "--friendly-device-name",
            "ci phone",
        ],
    ));
    assert_eq!(verified["Status"], "SUCCESS");
}

#[test]
fn a_wrong_code_exits_254_naming_code_mismatch() {
    let pool = moto().seed("ON", false);
    let dir = tempfile::tempdir().unwrap();
    let token = access_token_file(&pool, &dir);
    let associated = json_out(&cli(
        &pool,
        &["associate-software-token", "--access-token", &token],
    ));
    let secret = associated["SecretCode"].as_str().unwrap().to_string();
    let right = current_code(&secret);
    let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
    let o = cli(
        &pool,
        &[
            "verify-software-token",
            "--access-token",
            &token,
            "--user-code",
            &wrong,
        ],
    );
    assert_eq!(o.status.code(), Some(254));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("CodeMismatchException"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_garbage_token_exits_254_naming_not_authorized() {
    let pool = moto().seed("ON", false);
    let o = cli(
        &pool,
        &[
            "associate-software-token",
            "--access-token",
            "garbage.token.value",
        ],
    );
    assert_eq!(o.status.code(), Some(254));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("NotAuthorizedException"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
