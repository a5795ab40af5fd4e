//! End to end in a pseudo-terminal against moto (a Cognito emulator written by others, TOTP
//! enforced): `cognito-mfa enroll --client-id --username --user-pool-id` signs in with
//! USER_SRP_AUTH, moto answers MFA_SETUP, the wizard associates on that session, the QR is read
//! off the screen, the computed code typed and verified, and RespondToAuthChallenge MFA_SETUP
//! ends the sign-in on the done screen. Once on a client without a secret, once with one
//! (SECRET_HASH on every call, the last one included).

#[path = "support/pty.rs"]
mod pty;
mod support;

use cognito_mfa::totp;
use pty::{Pty, decode_qr, secret_of};
use std::sync::OnceLock;
use support::moto::{Moto, SeededPool, current_code};

fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(Moto::start)
}

fn spawn(pool: &SeededPool) -> Pty {
    let mut env = vec![
        ("COGNITO_MFA_KEYCHAIN", "none"),
        ("AWS_CONFIG_FILE", "/nonexistent/aws-config"),
    ];
    if let Some(secret) = &pool.client_secret {
        env.push(("COGNITO_MFA_CLIENT_SECRET", secret.as_str()));
    }
    Pty::spawn(
        &[
            "enroll",
            "--endpoint-url",
            &pool.endpoint,
            "--region",
            "us-east-1",
            "--client-id",
            &pool.client_id,
            "--username",
            &pool.username,
            "--user-pool-id",
            &pool.pool_id,
            "--issuer",
            "Acme",
            "--json",
        ],
        &env,
        80,
        24,
    )
}

/// Enrolls the pool's user through the session flow; gives the secret the app now holds.
fn enroll_with_srp(pool: &SeededPool) -> String {
    let mut pty = spawn(pool);
    pty.wait_for_text("Password");
    pty.send(&pool.password);
    pty.send("\r");

    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    let screen = pty.text();
    assert!(
        screen.contains("Session ends in"),
        "MFA_SETUP: the session flow: {screen}"
    );
    let uri = decode_qr(pty.screen()).unwrap();
    let account = totp::percent_encode(&pool.username);
    assert!(
        uri.starts_with(&format!("otpauth://totp/Acme:{account}?secret=")),
        "{uri}"
    );
    let secret = secret_of(&uri);

    pty.send("\r");
    pty.wait_for_text("Type the code");
    pty.send(&current_code(&secret));
    pty.send("\r");
    pty.wait_for_text("Enrolled");
    let done = pty.text();
    assert!(done.contains("set up; signed in"), "{done}");

    pty.send("q");
    pty.wait_for_exit();
    let status = pty.child.wait().unwrap();
    assert!(status.success(), "{status:?}: {}", pty.text());
    let out = pty.text();
    let summary = pty.json_summary();
    assert_eq!(summary["user"], pool.username.as_str());
    assert!(!out.contains(&secret), "no secret in the summary: {out}");
    assert!(!out.contains(&pool.password), "no password: {out}");
    secret
}

#[test]
fn srp_to_mfa_setup_to_done_without_a_client_secret() {
    enroll_with_srp(&moto().seed("ON", false));
}

#[test]
fn a_second_run_signs_in_with_the_old_code_and_replaces_the_authenticator() {
    let pool = moto().seed("ON", true);
    let old = enroll_with_srp(&pool);
    let mut pty = spawn(&pool);
    pty.wait_for_text("Password");
    pty.send(&pool.password);
    pty.send("\r");
    pty.wait_for_text("Code from your current app");
    assert!(pty.text().contains("stops working"), "{}", pty.text());
    pty.send(&current_code(&old));
    pty.send("\r");

    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    // moto hands out the same secret every time (asdfasdfasdf); Cognito would not.
    let new = secret_of(&decode_qr(pty.screen()).unwrap());
    assert!(
        !pty.text().contains("Session ends in"),
        "signed in: the access-token flow"
    );
    pty.send("\r");
    pty.wait_for_text("Type the code");
    pty.send(&current_code(&new));
    pty.send("\r");
    pty.wait_for_text("Enrolled");
    let done = pty.text();
    assert!(
        done.contains("Cognito now reports MFA: SOFTWARE_TOKEN_MFA"),
        "{done}"
    );
    pty.send("q");
    pty.wait_for_exit();
    assert!(pty.child.wait().unwrap().success());
}

#[test]
fn srp_to_mfa_setup_to_done_with_a_client_secret() {
    let pool = moto().seed("ON", true);
    assert!(pool.client_secret.is_some());
    enroll_with_srp(&pool);
}
