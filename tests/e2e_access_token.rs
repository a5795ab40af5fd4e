//! End to end in a pseudo-terminal, access-token flow: `cognito-mfa enroll --access-token …`
//! against the emulator (a pool where MFA is optional, so a password sign-in gives tokens).
//! A wrong code first (same secret kept), then the right one; Cognito's reported state on the
//! done screen, and the JSON summary.

#[path = "support/pty.rs"]
mod pty;

use cognito_mfa::cognito::wire::{AuthResponse, InitiateAuthRequest, SecretParams};
use cognito_mfa::cognito::{ClientSettings, CognitoClient, Endpoint};
use cognito_mfa::emulator::{Emulator, EmulatorConfig};
use cognito_mfa::totp::{code_at, decode_secret, now_unix};
use pty::{Pty, decode_qr, secret_of};
use std::sync::mpsc;

const POOL: &str = r#"
[pool]
id = "us-east-1_E2ePool01"
name = "e2e"
mfa_configuration = "OPTIONAL"
access_token_validity_minutes = 60

[[clients]]
id = "e2e0client00000000000000aa"
name = "e2e"
explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
auth_session_validity_minutes = 3

[[users]]
username = "jane"
password = "Jane-Passw0rd!"
email = "jane@example.com"
status = "CONFIRMED"
"#;

/// Starts the emulator on a thread of its own and signs jane in: (endpoint, access token).
fn emulator_with_token() -> (String, String) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let config = EmulatorConfig::from_toml(POOL).unwrap();
            let running = Emulator::new(config).start().await.unwrap();
            let endpoint = running.endpoint().to_owned();
            let client =
                CognitoClient::new(ClientSettings::new(Endpoint::parse(&endpoint).unwrap()))
                    .unwrap();
            let mut params = SecretParams::new();
            params.insert("USERNAME".into(), "jane".into());
            params.insert("PASSWORD".into(), "Jane-Passw0rd!".into());
            let answer: AuthResponse = client
                .call(&InitiateAuthRequest {
                    auth_flow: "USER_PASSWORD_AUTH".into(),
                    auth_parameters: params,
                    client_id: "e2e0client00000000000000aa".into(),
                })
                .await
                .unwrap();
            let token = answer.authentication_result.unwrap().access_token.unwrap();
            tx.send((endpoint, token.expose().to_owned())).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

#[test]
fn access_token_flow_with_a_wrong_code_first() {
    let (endpoint, token) = emulator_with_token();
    let mut pty = Pty::spawn(
        &[
            "enroll",
            "--endpoint-url",
            &endpoint,
            "--region",
            "us-east-1",
            "--issuer",
            "Acme",
            "--json",
        ],
        &[("COGNITO_MFA_ACCESS_TOKEN", &token)],
        80,
        24,
    );
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    let uri = decode_qr(pty.screen()).unwrap();
    assert!(
        uri.starts_with("otpauth://totp/Acme:jane%40example.com?secret="),
        "{uri}"
    );
    let secret = secret_of(&uri);
    assert!(
        !pty.text().contains("Session ends"),
        "no countdown in the access-token flow"
    );

    pty.send("\r");
    pty.wait_for_text("Type the code");
    let key = decode_secret(&secret).unwrap();
    let right = code_at(&key, now_unix());
    let wrong = format!(
        "{:06}",
        (right.parse::<u32>().unwrap() + 500_000) % 1_000_000
    );
    pty.send(&wrong);
    pty.send("\r");
    pty.wait_for_text("That code did not match");

    // Back to the QR: the same secret.
    pty.send("\x1b");
    pty.wait_for("the QR again", |s| decode_qr(s).is_some());
    assert_eq!(
        decode_qr(pty.screen()).unwrap(),
        uri,
        "a wrong code keeps the same secret"
    );
    pty.send("\r");
    pty.wait_for_text("Type the code");
    pty.send(&code_at(&key, now_unix()));
    pty.send("\r");

    pty.wait_for_text("Enrolled");
    let done = pty.text();
    assert!(done.contains("MFA on and preferred"), "{done}");
    assert!(
        done.contains("Cognito now reports MFA: SOFTWARE_TOKEN_MFA"),
        "{done}"
    );
    assert!(
        done.contains("Authenticator app"),
        "the default device name: {done}"
    );

    pty.send("q");
    pty.wait_for_exit();
    assert!(pty.child.wait().unwrap().success());
    let out = pty.text();
    let summary = pty.json_summary();
    assert_eq!(summary["user"], "jane");
    assert_eq!(summary["account"], "jane@example.com");
    assert_eq!(summary["device"], "Authenticator app");
    assert_eq!(summary["preferredMfa"], "SOFTWARE_TOKEN_MFA");
    assert!(
        !out.contains(&secret) && !out.contains(&token),
        "no secret or token printed"
    );
}
