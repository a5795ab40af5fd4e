//! Leaving says what happened: the quit question on a form with typed text, the advice about
//! the app's entry only when a QR code or key was shown, no key hints in the printed message.

mod wizard_common;

use cognito_mfa::text::problems;
use cognito_mfa::wizard::msg::Association;
use cognito_mfa::wizard::reasons::Problem;
use cognito_mfa::wizard::state::{Outcome, Overlay, Settings, Step};
use cognito_mfa::wizard::{Cmd, Key, Msg, init, press, update};
use wizard_common::{mfa_setup, sign_in, type_keys};

#[test]
fn esc_with_a_typed_password_asks_before_leaving() {
    let (mut w, _) = init(Settings::default(), sign_in("client", "bob"));
    // Nothing typed: Esc leaves at once.
    assert_eq!(press(&mut w, Key::Esc).cmds, vec![Cmd::Quit]);

    let (mut w, _) = init(Settings::default(), sign_in("client", "bob"));
    type_keys(&mut w, "secret");
    assert!(press(&mut w, Key::Esc).cmds.is_empty());
    assert_eq!(w.overlay, Overlay::ConfirmQuit);
    press(&mut w, Key::Char('n'));
    assert_eq!(w.overlay, Overlay::None);
    let Step::SignIn(form) = &w.step else {
        panic!("left the form");
    };
    assert_eq!(
        form.form
            .value(cognito_mfa::wizard::forms::SignInField::Password),
        "secret",
        "the password is kept when the user keeps going"
    );
    press(&mut w, Key::Esc);
    assert_eq!(press(&mut w, Key::Char('y')).cmds, vec![Cmd::Quit]);
    let Some(Outcome::Cancelled {
        app_registered,
        secret_shown,
        ..
    }) = w.outcome.clone()
    else {
        panic!("not cancelled: {:?}", w.outcome);
    };
    let said = problems::cancelled(app_registered, secret_shown);
    assert!(!said.contains("Delete"), "no QR was shown: {said}");
}

#[test]
fn the_entry_advice_follows_what_was_shown() {
    let (mut w, _) = init(Settings::default(), sign_in("client", "bob"));
    type_keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(&mut w, mfa_setup("s1"));
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".into(),
            session: Some("s2".into()),
            at: 1_700_000_000,
        })),
    );
    press(&mut w, Key::Char('q'));
    press(&mut w, Key::Char('y'));
    let Some(Outcome::Cancelled { secret_shown, .. }) = w.outcome.clone() else {
        panic!("not cancelled");
    };
    assert!(secret_shown);
    assert!(problems::cancelled(false, true).contains("Delete any entry"));
    assert!(problems::cancelled(true, true).contains("keep the entry"));
}

#[test]
fn helpdesk_mode_shows_nothing_until_revealed_and_copies_nothing_hidden() {
    let settings = Settings {
        helpdesk: true,
        ..Settings::default()
    };
    let (mut w, _) = init(settings, sign_in("client", "bob"));
    type_keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(&mut w, mfa_setup("s1"));
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".into(),
            session: Some("s2".into()),
            at: 1_700_000_000,
        })),
    );
    assert!(!w.secret_shown);
    assert!(
        press(&mut w, Key::Char('c')).cmds.is_empty(),
        "copied while hidden"
    );
    press(&mut w, Key::Char('r'));
    assert!(w.secret_shown);
    assert!(matches!(
        press(&mut w, Key::Char('c')).cmds[..],
        [Cmd::Copy(_)]
    ));
}

#[test]
fn the_printed_message_has_no_in_wizard_keys() {
    for problem in [
        Problem::Network("No answer.".into()),
        Problem::StillThrottled,
    ] {
        let printed = problems::failed(Some(&problem), false, false);
        assert!(!printed.contains("press r"), "{printed}");
        assert!(!printed.contains("Delete"), "{printed}");
    }
}
