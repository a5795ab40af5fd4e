//! `sign-in` against moto, a Cognito emulator written by others: USER_SRP_AUTH → MFA_SETUP →
//! associate-software-token --session → verify-software-token with a computed TOTP →
//! sign-in --mfa-setup-session → tokens, on a client with a secret (SECRET_HASH on every call)
//! and on one without. Runs with `--features moto-tests` and COGNITO_MFA_MOTO_SERVER set.

mod support;

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use support::moto::{Moto, SeededPool, current_code};

fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(Moto::start)
}

fn cli(pool: &SeededPool, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-mfa"))
        .args(args)
        .args(["--endpoint-url", &pool.endpoint])
        .env("AWS_CONFIG_FILE", "/nonexistent/aws-config")
        .env("COGNITO_MFA_KEYCHAIN", "none")
        .env_remove("COGNITO_MFA_CLIENT_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn json_out(o: &Output) -> Value {
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

/// `--client-id … --username … [--client-secret …]` for the pool.
fn who(pool: &SeededPool) -> Vec<String> {
    let mut args = vec![
        "--client-id".to_string(),
        pool.client_id.clone(),
        "--username".into(),
        pool.username.clone(),
    ];
    if let Some(secret) = &pool.client_secret {
        args.extend(["--client-secret".into(), secret.clone()]);
    }
    args
}

fn enroll_through_sign_in(pool: &SeededPool) {
    let mut args: Vec<String> = vec!["sign-in".into()];
    args.extend(who(pool));
    args.extend([
        "--user-pool-id".into(),
        pool.pool_id.clone(),
        "--password-stdin".into(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let challenge = json_out(&cli(pool, &refs, &format!("{}\n", pool.password)));
    assert_eq!(challenge["ChallengeName"], "MFA_SETUP");
    // moto sends MFAS_CAN_SETUP as a Python list: the flow read it (or it would have failed).
    assert!(
        challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]
            .as_str()
            .unwrap()
            .contains("SOFTWARE_TOKEN_MFA")
    );
    let session = challenge["Session"].as_str().unwrap().to_string();

    let associated = json_out(&cli(
        pool,
        &["associate-software-token", "--session", &session],
        "",
    ));
    let secret = associated["SecretCode"].as_str().unwrap().to_string();
    let session = associated["Session"].as_str().unwrap().to_string();
    let code = current_code(&secret);
    let verified = json_out(&cli(
        pool,
        &[
            "verify-software-token",
            "--session",
            &session,
            "--user-code",
            &code,
        ],
        "",
    ));
    assert_eq!(verified["Status"], "SUCCESS");
    let session = verified["Session"].as_str().unwrap().to_string();

    let mut args: Vec<String> = vec!["sign-in".into()];
    args.extend(who(pool));
    args.extend(["--mfa-setup-session".into(), session]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let tokens = json_out(&cli(pool, &refs, ""));
    let result = &tokens["AuthenticationResult"];
    assert!(
        result["AccessToken"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert!(result["IdToken"].is_string());
}

#[test]
fn srp_to_mfa_setup_to_tokens_with_a_client_secret() {
    let pool = moto().seed("ON", true);
    assert!(pool.client_secret.is_some());
    enroll_through_sign_in(&pool);
}

#[test]
fn srp_to_mfa_setup_to_tokens_without_a_client_secret() {
    let pool = moto().seed("ON", false);
    enroll_through_sign_in(&pool);
}

#[test]
fn a_wrong_client_secret_exits_254() {
    let pool = moto().seed("ON", true);
    let o = cli(
        &pool,
        &[
            "sign-in",
            "--client-id",
            &pool.client_id,
            "--username",
            &pool.username,
            "--user-pool-id",
            &pool.pool_id,
            "--client-secret",
            "not-the-secret",
            "--password-stdin",
        ],
        &format!("{}\n", pool.password),
    );
    assert_eq!(o.status.code(), Some(254));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("NotAuthorizedException"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
