//! The enrollment session's deadline: a warning in the last 30 s, the QR code and key replaced
//! once it has passed, a code typed after it never sent, Enter for a new secret; and the new
//! screens at 80×24.

use cognito_mfa::secret::Sensitive;
mod wizard_common;

use cognito_mfa::text;
use cognito_mfa::wizard::msg::Association;
use cognito_mfa::wizard::reasons::SignInNotice;
use cognito_mfa::wizard::state::{Step, Wizard};
use cognito_mfa::wizard::view::{Theme, render};
use cognito_mfa::wizard::{Cmd, Key, Msg, init, press, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wizard_common::{mfa_setup, sign_in, type_keys};

const T0: u64 = 1_700_000_000;
const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// Session flow at the scan step; the session ends at T0 + 180.
fn at_scan() -> Wizard {
    let (mut w, _) = init(Default::default(), sign_in("client", "bob"));
    type_keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(&mut w, mfa_setup("s1"));
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: SECRET.into(),
            session: Some(Sensitive::new("s2")),
            at: T0,
        })),
    );
    assert!(matches!(w.step, Step::Scan(_)));
    w
}

fn screen(w: &Wizard) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| render(f, w, Theme { color: false }))
        .unwrap();
    wizard_common::screen_text(terminal.backend().buffer())
}

#[test]
fn the_countdown_warns_in_its_last_30_seconds() {
    let mut w = at_scan();
    update(&mut w, Msg::Tick(T0 + 149));
    let calm = screen(&w);
    assert!(calm.contains("Session ends in 0:31"), "{calm}");
    assert!(!calm.contains("hurry"), "{calm}");
    update(&mut w, Msg::Tick(T0 + 150));
    let warned = screen(&w);
    assert!(warned.contains("Session ends in 0:30: hurry"), "{warned}");
}

#[test]
fn at_the_deadline_the_qr_and_key_give_way_and_enter_signs_in_again() {
    let mut w = at_scan();
    update(&mut w, Msg::Tick(T0 + 180));
    let shown = screen(&w);
    assert!(shown.contains("This code has expired"), "{shown}");
    assert!(shown.contains("Press Enter for a new one"), "{shown}");
    assert!(
        !shown.contains("JBSW"),
        "the dead key is still shown:\n{shown}"
    );
    assert!(
        !shown.contains('▀') && !shown.contains('▄'),
        "the dead QR is still shown"
    );
    insta::assert_snapshot!("session_over_80x24", shown);
    // Nothing secret is copied any more.
    assert!(press(&mut w, Key::Char('c')).cmds.is_empty());
    let cmds = press(&mut w, Key::Enter).cmds;
    assert!(cmds.is_empty(), "{cmds:?}");
    let Step::SignIn(form) = &w.step else {
        panic!("not signing in again: {:?}", w.step);
    };
    assert_eq!(form.notice, Some(SignInNotice::SignInAgainNewSecret));
    insta::assert_snapshot!("sign_in_after_session_over_80x24", screen(&w));
}

#[test]
fn a_code_typed_after_the_deadline_is_never_sent() {
    let mut w = at_scan();
    press(&mut w, Key::Enter);
    type_keys(&mut w, "123456");
    update(&mut w, Msg::Tick(T0 + 181));
    let cmds = press(&mut w, Key::Enter).cmds;
    assert!(
        !cmds.iter().any(|c| matches!(c, Cmd::Verify { .. })),
        "{cmds:?}"
    );
    assert!(matches!(w.step, Step::SignIn(_)), "{:?}", w.step);
    // The same through plain mode's whole submission.
    let mut w = at_scan();
    press(&mut w, Key::Enter);
    update(&mut w, Msg::Tick(T0 + 200));
    let cmds = update(
        &mut w,
        Msg::Submit(cognito_mfa::wizard::msg::Submission::Code {
            code: Sensitive::new("123456"),
            device: String::new(),
        }),
    )
    .cmds;
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(text::enroll::SESSION_OVER.contains("no code is sent"));
}
