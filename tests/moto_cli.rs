//! The two commands against moto, a Cognito emulator written by others (TOTP enforced).
//! Runs with `--features moto-tests` and COGNITO_MFA_MOTO_SERVER set (see .ci/run).

mod support;

use cognito_mfa::cognito::wire::InitiateAuthRequest;
use cognito_mfa::cognito::{ClientSettings, CognitoClient, Endpoint};
use cognito_mfa::totp;
use std::process::{Command, Output};
use std::sync::OnceLock;
use support::moto::{Moto, SeededPool};

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

fn json_out(o: &Output) -> serde_json::Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

/// Signs in with USER_PASSWORD_AUTH (moto answers with tokens even when MFA is ON) and writes
/// the access token to a file, so it never appears in a process list.
fn access_token_file(pool: &SeededPool, dir: &tempfile::TempDir) -> String {
    let client = CognitoClient::new(ClientSettings::new(
        Endpoint::parse(&pool.endpoint).unwrap(),
    ))
    .unwrap();
    let mut params = cognito_mfa::cognito::wire::SecretParams::new();
    params.insert("USERNAME".into(), pool.username.as_str().into());
    params.insert("PASSWORD".into(), pool.password.as_str().into());
    let request = InitiateAuthRequest {
        auth_flow: "USER_PASSWORD_AUTH".into(),
        auth_parameters: params,
        client_id: pool.client_id.clone(),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer = rt.block_on(client.call(&request)).unwrap();
    let token = answer.authentication_result.unwrap().access_token.unwrap();
    let path = dir.path().join("access-token");
    std::fs::write(&path, token.expose()).unwrap();
    format!("file://{}", path.display())
}

/// The code for now. moto accepts only the current 30-s step, so when the step is about to
/// turn, wait for the turn rather than race it.
fn current_code(secret: &str) -> String {
    let key = totp::decode_secret(secret).unwrap();
    if totp::seconds_left(totp::now_unix()) < 3 {
        let next = (totp::step_at(totp::now_unix()) + 1) * totp::STEP_SECONDS;
        while totp::now_unix() < next {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    totp::code_at(&key, totp::now_unix())
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
