//! End to end in a pseudo-terminal: `cognito-mfa demo --username newcomer`, a user created with a
//! temporary password (FORCE_CHANGE_PASSWORD). The wizard signs in with USER_SRP_AUTH, Cognito
//! (the embedded emulator) asks for a new password, the first one breaks the policy and is asked
//! again, the second reaches MFA_SETUP, and the enrollment finishes on that session.

#[path = "support/pty.rs"]
mod pty;

use cognito_mfa::totp::{code_at, decode_secret, now_unix};
use pty::{Pty, decode_qr, secret_of};

#[test]
fn a_temporary_password_is_replaced_and_the_user_enrolls() {
    let mut pty = Pty::spawn(
        &["demo", "--username", "newcomer"],
        &[("COGNITO_MFA_KEYCHAIN", "none")],
        80,
        24,
    );
    pty.sign_in_with_the_demo_password();

    pty.wait_for_text("Choose a new password");
    pty.send("nosymbols1\tnosymbols1\r");
    pty.wait_for_text("Password does not conform to policy");
    let screen = pty.text();
    assert!(!screen.contains("nosymbols1"), "masked: {screen}");
    assert!(
        screen.contains("Choose a new password"),
        "asked again: {screen}"
    );

    pty.send("Brand-New-Passw0rd!\tBrand-New-Passw0rd!\r");
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    assert!(pty.text().contains("Session ends in"), "the session flow");
    let secret = secret_of(&decode_qr(pty.screen()).unwrap());

    pty.send("\r");
    pty.wait_for_text("Type the code");
    pty.send(&code_at(&decode_secret(&secret).unwrap(), now_unix()));
    pty.send("\r");
    pty.wait_for_text("Enrolled");
    assert!(pty.text().contains("set up; signed in"), "{}", pty.text());

    pty.send("\r");
    pty.wait_for_exit();
    assert!(pty.child.wait().unwrap().success());
    let summary = pty.text();
    assert!(summary.contains("User:         newcomer"), "{summary}");
    assert!(!summary.contains("Brand-New-Passw0rd!"), "{summary}");
}
