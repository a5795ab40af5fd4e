//! End to end in a pseudo-terminal: `cognito-mfa demo --scenario NAME` for the pools users
//! meet, read off the screen as a person would.

#[path = "support/pty.rs"]
mod pty;

use pty::{Pty, decode_qr};

fn scenario(name: &str) -> Pty {
    Pty::spawn(&["demo", "--scenario", name], &[], 80, 24)
}

fn exit_code(pty: &mut Pty) -> u32 {
    pty.wait_for_exit();
    pty.child.wait().unwrap().exit_code()
}

#[test]
fn authenticator_apps_turned_off_say_only_the_administrator_can_fix_it() {
    let mut pty = scenario("no-authenticator-apps");
    pty.sign_in_with_the_demo_password();
    pty.wait_for_text("does not allow authenticator apps");
    let shown = pty.text();
    assert!(shown.contains("Only the pool's administrator"), "{shown}");
    assert!(!shown.contains("start the enrollment again"), "{shown}");
    assert!(!shown.contains("try again"), "no retry offered: {shown}");
    pty.send("q");
    assert_eq!(exit_code(&mut pty), 255);
    let printed = pty.text();
    assert!(
        !printed.contains("Delete any entry"),
        "no QR was shown: {printed}"
    );
    assert_eq!(
        printed.matches("does not allow authenticator apps").count(),
        1,
        "{printed}"
    );
}

#[test]
fn a_client_without_the_password_flow_falls_back_to_srp() {
    let mut pty = scenario("srp-only");
    pty.sign_in_with_the_demo_password();
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    pty.send("q");
    pty.send("y");
    assert_eq!(exit_code(&mut pty), 130);
}

#[test]
fn a_client_without_srp_falls_back_to_the_password_flow() {
    let mut pty = scenario("password-only");
    pty.sign_in_with_the_demo_password();
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    pty.send("\x03");
    pty.send("y");
    assert_eq!(exit_code(&mut pty), 130);
    let printed = pty.text();
    assert!(
        printed.contains("Delete any entry"),
        "a QR was shown: {printed}"
    );
}

#[test]
fn at_the_deadline_the_qr_gives_way_and_a_late_code_is_not_sent() {
    let mut pty = scenario("short-session");
    pty.sign_in_with_the_demo_password();
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    pty.send("\r");
    pty.wait_for_text("Type the code");
    pty.send("123456");
    pty.wait_for_text("This code has expired");
    assert!(decode_qr(pty.screen()).is_none(), "the dead QR is gone");
    pty.send("\r");
    // Had the code been sent it would have been checked (the emulator's session lasts three
    // minutes): instead the wizard asks for a new sign-in.
    pty.wait_for_text("you get a new secret to scan");
    assert!(!pty.text().contains("did not match"));
    pty.send("\x1b");
    assert_eq!(exit_code(&mut pty), 130);
}

#[test]
fn an_expired_access_token_offers_a_sign_in() {
    let mut pty = scenario("expired-token");
    pty.wait_for_text("The access token is no longer valid");
    assert!(pty.text().contains("Sign in below"));
    // The app client and user are known: only the password is asked.
    pty.sign_in_with_the_demo_password();
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    pty.send("\x03");
    pty.send("y");
    assert_eq!(exit_code(&mut pty), 130);
}

#[test]
fn esc_with_a_typed_password_asks_before_leaving() {
    let mut pty = scenario("default");
    pty.wait_for_text("demo password: ");
    pty.send("half-typed");
    pty.send("\x1b");
    pty.wait_for_text("What you typed is thrown away");
    pty.send("n");
    pty.wait_for("the question closed", |s| {
        !s.contents().contains("What you typed is thrown away")
    });
    pty.send("\x1b");
    pty.wait_for_text("What you typed is thrown away");
    pty.send("y");
    assert_eq!(exit_code(&mut pty), 130);
    let printed = pty.text();
    assert!(!printed.contains("Delete any entry"), "{printed}");
}

#[test]
fn choice_based_sign_in_reaches_the_qr_code() {
    let mut pty = scenario("user-auth");
    pty.sign_in_with_the_demo_password();
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    pty.send("\x03");
    pty.send("y");
    assert_eq!(exit_code(&mut pty), 130);
}

#[test]
fn with_mfa_off_the_done_screen_promises_no_code_and_the_exit_code_agrees() {
    let mut pty = Pty::spawn(&["demo", "--scenario", "mfa-off", "--json"], &[], 80, 24);
    pty.sign_in_with_the_demo_password();
    pty.wait_for("a QR code that decodes", |s| decode_qr(s).is_some());
    pty.send("\r");
    pty.wait_for_text("an app would show");
    let shown = pty
        .text()
        .split("an app would show ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .unwrap();
    pty.send(&shown);
    pty.send("\r");
    pty.wait_for_text("will not ask");
    assert!(!pty.text().contains("From now on"));
    pty.send("\r");
    assert_eq!(exit_code(&mut pty), 255);
    let summary = pty.json_summary();
    assert_eq!(summary["enrolled"], false);
    assert_eq!(summary["result"], "verified-not-listed");
}
