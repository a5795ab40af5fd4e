//! Renders of the sign-in's challenge steps at 80×24 and 120×40 (snapshots), with explicit
//! checks that passwords are masked and the replacement warning is on screen.

mod wizard_common;

use cognito_mfa::secret::Sensitive;
use cognito_mfa::wizard::msg::Association;
use cognito_mfa::wizard::state::{Settings, SignInTarget, Step, Wizard};
use cognito_mfa::wizard::view::{Theme, render};
use cognito_mfa::wizard::{Key, Msg, Start, WizError, init, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wizard_common::{challenge, refused, sign_in};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screen(w: &Wizard, cols: u16, rows: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    terminal
        .draw(|f| render(f, w, Theme { color: true }))
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..rows)
        .map(|y| {
            let line: String = (0..cols).map(|x| buf[(x, y)].symbol()).collect();
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn snapshot_all(name: &str, w: &Wizard) {
    for (cols, rows) in SIZES {
        insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), screen(w, cols, rows));
    }
}

fn keys(w: &mut Wizard, text: &str) {
    for c in text.chars() {
        press(w, Key::Char(c));
    }
}

fn press(w: &mut Wizard, key: Key) {
    cognito_mfa::wizard::press(w, key);
}

/// Signed in with a password; Cognito answered with `msg`.
fn at(msg: Msg) -> Wizard {
    let (mut w, _) = init(Settings::default(), sign_in("client", "jane"));
    keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(&mut w, msg);
    assert!(matches!(w.step, Step::Challenge(_)), "{:?}", w.step);
    w
}

#[test]
fn new_password_step() {
    let mut w = at(challenge(
        "NEW_PASSWORD_REQUIRED",
        "s",
        &[("requiredAttributes", "[\"userAttributes.name\"]")],
    ));
    keys(&mut w, "Secret-1");
    press(&mut w, Key::Tab);
    keys(&mut w, "Secret-1");
    snapshot_all("new_password", &w);
    let text = screen(&w, 80, 24);
    assert!(
        text.contains("••••••••") && !text.contains("Secret-1"),
        "masked"
    );
    assert!(
        text.contains("Step 1 of 4 · Choose a new password"),
        "{text}"
    );
    press(&mut w, Key::Tab);
    keys(&mut w, "Jane Doe");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        refused(WizError::Other(
            "Password does not conform to policy: Password must have symbol characters \
             (InvalidPasswordException)\nThe new password does not meet the pool's password \
             policy; choose a longer or more varied one."
                .into(),
        )),
    );
    snapshot_all("new_password_policy", &w);
    assert!(screen(&w, 80, 24).contains("Password must have symbol characters"));
}

#[test]
fn software_token_step_warns_that_the_old_entry_stops_working() {
    let mut w = at(challenge("SOFTWARE_TOKEN_MFA", "s", &[]));
    keys(&mut w, "123 45");
    snapshot_all("software_token", &w);
    let text = screen(&w, 80, 24);
    assert!(text.contains("already has an authenticator app"), "{text}");
    assert!(text.contains("stops"), "{text}");
}

#[test]
fn sms_email_and_choice_steps() {
    let w = at(challenge(
        "SMS_MFA",
        "s",
        &[("CODE_DELIVERY_DESTINATION", "+*******1234")],
    ));
    snapshot_all("sms_code", &w);
    assert!(screen(&w, 80, 24).contains("text message to +*******1234"));
    let w = at(challenge(
        "EMAIL_OTP",
        "s",
        &[("CODE_DELIVERY_DESTINATION", "j***@e***.com")],
    ));
    assert!(screen(&w, 80, 24).contains("by e-mail to j***@e***.com"));
    let mut w = at(challenge(
        "SELECT_MFA_TYPE",
        "s",
        &[("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]")],
    ));
    press(&mut w, Key::Char('2'));
    snapshot_all("select_mfa_type", &w);
    let text = screen(&w, 80, 24);
    assert!(text.contains("› 2. Authenticator app"), "{text}");
    assert!(text.contains("1-9 choose"), "the hint bar: {text}");
    press(&mut w, Key::Enter);
    snapshot_all("challenge_sending", &w);
}

#[test]
fn unsupported_challenge_on_the_error_screen() {
    let (mut w, _) = init(Settings::default(), sign_in("client", "jane"));
    keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(&mut w, challenge("DEVICE_SRP_AUTH", "s", &[]));
    snapshot_all("unsupported_challenge", &w);
}

#[test]
fn refreshing_and_the_keychain_note_on_the_done_screen() {
    let start = Start::SignIn {
        target: SignInTarget {
            remember: true,
            ..SignInTarget::new("client", "jane")
        },
        remembered: Some(wizard_common::remembered("r")),
        notice: None,
    };
    let (mut w, _) = init(Settings::default(), start);
    snapshot_all("refreshing", &w);
    update(
        &mut w,
        refused(WizError::Other("Invalid Refresh Token".into())),
    );
    snapshot_all("refresh_refused", &w);

    let (mut w, _) = init(
        Settings::default(),
        Start::Session {
            session: "s".into(),
            target: SignInTarget::new("client", "jane"),
        },
    );
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: Sensitive::new("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            session: Some("s2".into()),
            at: 0,
        })),
    );
    press(&mut w, Key::Enter);
    keys(&mut w, "123456");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::Verified(Ok(cognito_mfa::wizard::msg::Verified {
            session: Some("s3".into()),
            at: 0,
        })),
    );
    update(&mut w, wizard_common::tokens("a", Some("r")));
    update(&mut w, Msg::Remembered(Ok(())));
    // The access token MFA_SETUP returned asks GetUser what Cognito reports.
    update(
        &mut w,
        Msg::UserLoaded(Ok(cognito_mfa::wizard::msg::UserInfo {
            username: "jane".into(),
            mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
            ..Default::default()
        })),
    );
    assert!(matches!(w.step, Step::Done(_)));
    let text = screen(&w, 120, 40);
    assert!(text.contains("remembered in the keychain"), "{text}");
}
