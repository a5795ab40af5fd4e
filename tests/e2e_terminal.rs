//! The terminal around the wizard: resize re-lays out the QR, quitting half way asks first, and
//! SIGTERM restores the terminal. All against `cognito-mfa demo` in a pseudo-terminal.

#[path = "support/pty.rs"]
mod pty;

use pty::{Pty, decode_qr};

/// Signs the demo user in and waits for the scan step (at a size where the QR may not fit).
fn at_scan(cols: u16, rows: u16) -> Pty {
    let mut pty = Pty::spawn(&["demo"], &[], cols, rows);
    pty.sign_in_with_the_demo_password();
    pty
}

#[test]
fn too_small_then_resized_shows_a_scannable_qr() {
    let mut pty = at_scan(70, 20);
    pty.wait_for_text("this step needs at least");
    let text = pty.text();
    assert!(text.contains("It is 70×20"), "{text}");
    assert!(
        text.contains("type this key"),
        "the secret is still shown: {text}"
    );
    assert!(decode_qr(pty.screen()).is_none());
    pty.resize(80, 24);
    pty.wait_for("the QR after resizing", |s| decode_qr(s).is_some());
    assert!(pty.text().contains("Scan the QR code"));
}

#[test]
fn quitting_half_way_asks_first_and_restores_the_terminal() {
    let mut pty = at_scan(80, 24);
    pty.wait_for("the QR", |s| decode_qr(s).is_some());
    pty.send("q");
    pty.wait_for_text("Quit now?");
    pty.send("n");
    pty.wait_for("the question to go", |s| {
        !s.contents().contains("Quit now?")
    });
    pty.send("q");
    pty.wait_for_text("Quit now?");
    pty.send("y");
    pty.wait_for_exit();
    assert_eq!(
        pty.child.wait().unwrap().exit_code(),
        130,
        "cancelled by the user"
    );
    assert!(!pty.screen().alternate_screen());
    assert!(pty.echo_on(), "raw mode is off again");
    assert!(
        pty.text().contains("Enrollment cancelled"),
        "{}",
        pty.text()
    );
}

#[test]
fn every_stopping_signal_restores_the_terminal_and_exits_128_plus_its_number() {
    for (name, number) in [("INT", 2), ("HUP", 1), ("QUIT", 3), ("TERM", 15)] {
        let mut pty = at_scan(80, 24);
        pty.wait_for("the QR", |s| decode_qr(s).is_some());
        assert!(pty.screen().alternate_screen());
        assert!(!pty.cooked(), "raw while the wizard runs");
        pty.signal(name);
        pty.wait_for_exit();
        let status = pty.child.wait().unwrap();
        assert_eq!(status.exit_code(), 128 + number, "SIG{name}");
        assert!(!pty.screen().alternate_screen(), "SIG{name}: main screen");
        assert!(!pty.screen().hide_cursor(), "SIG{name}: cursor shown");
        assert!(pty.cooked(), "SIG{name}: echo and line editing back on");
    }
}

#[test]
fn a_100_kb_paste_is_one_edit_and_ctrl_c_still_quits() {
    let mut pty = Pty::spawn(&["demo"], &[], 80, 24);
    pty.wait_for_text("Password");
    let paste = format!("\x1b[200~{}\x1b[201~", "x".repeat(100 * 1024));
    pty.send(&paste);
    // The password field takes what fits; the screen shows its dots.
    pty.wait_for("the pasted password", |s| s.contents().contains("••••••••"));
    pty.send("\x03");
    pty.wait_for_exit();
    assert_eq!(pty.child.wait().unwrap().exit_code(), 130);
    assert!(pty.cooked());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut pty = at_scan(80, 24);
    pty.wait_for("the QR", |s| decode_qr(s).is_some());
    assert!(pty.screen().alternate_screen());
    pty.signal("TERM");
    pty.wait_for_exit();
    pty.child.wait().unwrap();
    assert!(
        !pty.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert!(!pty.screen().hide_cursor(), "the cursor is back");
    assert!(pty.echo_on(), "raw mode is off again");
    assert!(
        decode_qr(pty.screen()).is_none(),
        "no QR left on the primary screen"
    );
}

#[test]
fn plain_mode_on_a_terminal_does_not_echo_the_password() {
    let mut pty = Pty::spawn(&["demo", "--plain"], &[], 100, 120);
    pty.wait_for_text("Password: ");
    let password = pty
        .text()
        .lines()
        .find_map(|l| l.split("(demo password: ").nth(1))
        .and_then(|p| p.split(')').next())
        .map(str::to_owned)
        .unwrap();
    pty.send(&format!("{password}\r"));
    pty.wait_for_text("Press Enter when the app shows the account");
    let after_prompt = pty
        .text()
        .split("Password: ")
        .nth(1)
        .map(str::to_owned)
        .unwrap();
    assert!(
        !after_prompt.contains(&password),
        "the typed password is not echoed: {after_prompt}"
    );
    pty.send("\x03");
    pty.wait_for_exit();
    assert_eq!(pty.child.wait().unwrap().exit_code(), 130);
    assert!(pty.echo_on(), "echo is back on after Ctrl-C");
}

#[test]
fn sigterm_at_a_plain_password_prompt_turns_echo_back_on() {
    let mut pty = Pty::spawn(&["demo", "--plain"], &[], 100, 60);
    pty.wait_for_text("Password: ");
    pty.wait_for_echo_off();
    pty.signal("TERM");
    pty.wait_for_exit();
    pty.child.wait().unwrap();
    assert!(pty.echo_on(), "echo is back on after SIGTERM");
}

#[test]
fn ctrl_c_at_the_sign_in_password_prompt_exits_130_with_echo_on() {
    let mut pty = Pty::spawn(
        &[
            "sign-in",
            "--client-id",
            "c",
            "--username",
            "u",
            "--user-pool-id",
            "us-east-1_Pool",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ],
        &[("COGNITO_MFA_KEYCHAIN", "none")],
        80,
        24,
    );
    pty.wait_for_text("Password");
    pty.wait_for_echo_off();
    pty.send("\x03");
    pty.wait_for_exit();
    assert_eq!(pty.child.wait().unwrap().exit_code(), 130);
    assert!(pty.echo_on(), "echo is back on after Ctrl-C");
}

#[test]
fn under_no_color_the_qr_keeps_its_black_and_white_and_nothing_else_is_coloured() {
    let mut pty = Pty::spawn(&["demo"], &[("NO_COLOR", "1")], 80, 24);
    pty.sign_in_with_the_demo_password();
    // decode_qr reads modules from the cells' colours: it decodes only if they arrived.
    pty.wait_for("the QR in colour", |s| decode_qr(s).is_some());
    let screen = pty.screen();
    let (rows, cols) = screen.size();
    let (black, white) = (vt100::Color::Idx(16), vt100::Color::Idx(231));
    for y in 0..rows.get() {
        for x in 0..cols.get() {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            if cell.bgcolor() == black || cell.bgcolor() == white {
                continue;
            }
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (vt100::Color::Default, vt100::Color::Default),
                "text at {x},{y} is uncoloured"
            );
        }
    }
}
