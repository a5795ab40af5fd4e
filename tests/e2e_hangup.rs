//! A terminal that hangs up (an SSH connection drops, a terminal window closes) ends the wizard
//! within a second or so as SIGHUP ends it, in full screen and in plain mode, and leaves
//! nothing running: exit code 129, or 0 once the user is enrolled. Against `cognito-mfa demo`
//! in a pseudo-terminal whose master side the test closes.

#![cfg(unix)]

#[path = "support/hangup_pty.rs"]
mod hangup_pty;

use hangup_pty::HangUpPty;
use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

/// How long the program may take to end after the hang-up: a bound for failing, generous for a
/// loaded machine (the full screen notices within a second).
const EXIT_WITHIN: Duration = Duration::from_secs(10);

/// Hangs the terminal up and checks that the program ends with `code` and leaves no process
/// behind. Exit code 129 may also be death by SIGHUP itself.
fn hang_up_and_expect(mut pty: HangUpPty, code: i32) {
    pty.hang_up();
    let Some(status) = pty.wait_for_exit(EXIT_WITHIN) else {
        panic!(
            "still running {} s after its terminal hung up:\n{}",
            EXIT_WITHIN.as_secs(),
            pty.threads()
        );
    };
    let by_sighup = code == 129 && status.signal() == Some(1);
    assert!(
        status.code() == Some(code) || by_sighup,
        "exit code {code} expected, not {status:?}"
    );
    assert_eq!(
        pty.leftovers(),
        Vec::<String>::new(),
        "processes left behind"
    );
}

/// The kernel sends SIGHUP too, and the terminal is gone by the time the wizard handles it.
#[test]
fn the_full_screen_wizard_exits_129_when_its_terminal_hangs_up() {
    let mut pty = HangUpPty::spawn(&["demo"], 100, 30);
    pty.wait_for_text("demo password: ");
    hang_up_and_expect(pty, 129);
}

/// No signal comes: the wizard has only the terminal to tell it.
#[test]
fn the_full_screen_wizard_exits_129_when_its_terminal_hangs_up_without_sighup() {
    let mut pty = HangUpPty::spawn_without_sighup(&["demo"], 100, 30);
    pty.wait_for_text("demo password: ");
    hang_up_and_expect(pty, 129);
}

/// Closing the terminal on the done screen: enrolled, as when SIGHUP stops the wizard there.
#[test]
fn the_full_screen_wizard_exits_0_when_its_terminal_hangs_up_after_enrolling() {
    let pty = HangUpPty::spawn(&["demo"], 100, 30);
    hang_up_and_expect(enrolled(pty), 0);
}

/// The same without SIGHUP: the watchdog's exit code follows the wizard.
#[test]
fn the_full_screen_wizard_exits_0_when_its_terminal_hangs_up_after_enrolling_without_sighup() {
    let pty = HangUpPty::spawn_without_sighup(&["demo"], 100, 30);
    hang_up_and_expect(enrolled(pty), 0);
}

/// Signs the demo user in and enrolls with the code the demo shows, up to the done screen.
fn enrolled(mut pty: HangUpPty) -> HangUpPty {
    pty.wait_for_text("demo password: ");
    let password = pty
        .text()
        .lines()
        .find_map(|l| l.split("demo password: ").nth(1))
        .map(|p| p.trim().to_owned())
        .unwrap();
    pty.send(&format!("{password}\r"));
    pty.wait_for_text("Scan the QR code");
    pty.send("\r");
    pty.wait_for_text("an app would show");
    let code = pty
        .text()
        .split("an app would show ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .unwrap();
    pty.send(&format!("{code}\tHang-up phone\r"));
    pty.wait_for_text("Enrolled");
    pty
}

#[test]
fn the_plain_wizard_exits_129_when_its_terminal_hangs_up() {
    let mut pty = HangUpPty::spawn(&["demo", "--plain"], 100, 30);
    pty.wait_for_text("Password: ");
    hang_up_and_expect(pty, 129);
}

#[test]
fn the_plain_wizard_exits_129_when_its_terminal_hangs_up_without_sighup() {
    let mut pty = HangUpPty::spawn_without_sighup(&["demo", "--plain"], 100, 30);
    pty.wait_for_text("Password: ");
    hang_up_and_expect(pty, 129);
}
