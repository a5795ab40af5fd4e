//! End to end in a pseudo-terminal against moto (a Cognito emulator written by others, TOTP
//! enforced): `cognito-mfa enroll` in the access-token flow. Read the QR off the screen, compute
//! the code from the decoded secret, type it, and check what Cognito (moto) reports.

#[path = "support/pty.rs"]
mod pty;
mod support;

use cognito_mfa::totp;
use pty::{Pty, decode_qr, secret_of};
use support::moto::{Moto, access_token, current_code};

#[test]
fn access_token_flow_against_moto() {
    let moto = Moto::start();
    let pool = moto.seed("OPTIONAL", false);
    let token = access_token(&pool);
    let mut pty = Pty::spawn(
        &[
            "enroll",
            "--endpoint-url",
            &pool.endpoint,
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
    let account = totp::percent_encode(&pool.username);
    assert!(
        uri.starts_with(&format!("otpauth://totp/Acme:{account}?secret=")),
        "{uri}"
    );
    let secret = secret_of(&uri);
    assert_eq!(
        secret,
        secret.to_uppercase(),
        "moto's lower-case secret is upper-cased"
    );
    assert!(
        pty.text().contains("shorter than 128"),
        "moto's 60-bit secret is flagged: {}",
        pty.text()
    );

    pty.send("\r");
    pty.wait_for_text("Type the code");
    pty.send(&current_code(&secret));
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
    let out = pty.text();
    let summary = pty.json_summary();
    assert_eq!(summary["user"], pool.username.as_str());
    assert_eq!(summary["preferredMfa"], "SOFTWARE_TOKEN_MFA");
    assert!(!out.contains(&secret), "the summary holds no secret: {out}");
}
