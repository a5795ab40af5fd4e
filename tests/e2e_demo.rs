//! End to end in a pseudo-terminal: `cognito-mfa demo` (the wizard against the embedded
//! emulator), driven as a person would: read the screen, scan the QR (rqrr), compute the code
//! from the scanned secret, type it and a device name, and check the done screen and summary.

#[path = "support/pty.rs"]
mod pty;

use cognito_mfa::totp::{code_at, decode_secret, now_unix};
use pty::{Pty, decode_qr, secret_of};

#[test]
fn demo_enrolls_by_scanning_the_screen() {
    let mut pty = Pty::spawn(&["demo"], &[], 80, 24);
    pty.wait_for_text("Password");
    pty.sign_in_with_the_demo_password();

    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    assert!(pty.text().contains("Scan the QR code"));
    let uri = decode_qr(pty.screen()).unwrap();
    assert!(
        uri.starts_with("otpauth://totp/cognito-mfa%20demo:"),
        "{uri}"
    );
    assert!(uri.ends_with("&issuer=cognito-mfa%20demo"), "{uri}");
    let secret = secret_of(&uri);
    assert!(secret.len() >= 16, "{uri}");
    assert!(
        pty.text().contains("Session ends in"),
        "the session flow shows a countdown"
    );

    pty.send("\r");
    pty.wait_for_text("Type the code");
    // The presenter's code comes from the emulator's hook: it matches the QR's secret.
    pty.wait_for_text("an app would show");
    let shown = pty
        .text()
        .split("an app would show ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .unwrap();
    let key = decode_secret(&secret).unwrap();
    let now = now_unix();
    assert!(
        [now - 30, now, now + 30]
            .iter()
            .any(|&t| code_at(&key, t) == shown),
        "the demo code {shown} belongs to the scanned secret"
    );
    let code = code_at(&key, now_unix());
    pty.send(&format!("{} {}", &code[..3], &code[3..]));
    pty.send("\t");
    pty.send("E2E phone");
    pty.send("\r");

    pty.wait_for_text("Enrolled");
    let done = pty.text();
    assert!(done.contains("Step 4 of 4"), "{done}");
    assert!(done.contains("E2E phone"), "{done}");
    assert!(done.contains("delete the old one"), "{done}");
    assert!(!done.contains(&secret), "no secret on the done screen");

    pty.send("\r");
    pty.wait_for_exit();
    let status = pty.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let summary = pty.text();
    assert!(!pty.screen().alternate_screen(), "the terminal is restored");
    assert!(summary.contains("Enrollment summary"), "{summary}");
    assert!(summary.contains("User:         demo"), "{summary}");
    assert!(summary.contains("Device name:  E2E phone"), "{summary}");
    assert!(
        summary.contains("Result:       authenticator app MFA set up"),
        "{summary}"
    );
    assert!(
        !summary.contains(&secret),
        "no secret on the primary screen"
    );
}
