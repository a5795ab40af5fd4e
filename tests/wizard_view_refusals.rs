//! The screens issue #12 added, at 80×24 (snapshots): refusals on the sign-in form and the
//! error screen, the notices of a refused token and a switched flow, the quit question over
//! typed text, the warning before replacing an authenticator, a done screen that promises no
//! code at sign-in.

mod wizard_common;

use cognito_mfa::secret::Sensitive;
use cognito_mfa::wizard::msg::{Association, Completed, UserInfo, Verified};
use cognito_mfa::wizard::reasons::{Denial, Refusal};
use cognito_mfa::wizard::state::{Settings, SignInTarget, Wizard};
use cognito_mfa::wizard::view::{Theme, render};
use cognito_mfa::wizard::{Key, Msg, Start, WizError, init, press, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wizard_common::{sign_in, sign_in_to, type_keys};

fn screen(w: &Wizard) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| render(f, w, Theme { color: false }))
        .unwrap();
    wizard_common::screen_text(terminal.backend().buffer())
}

fn denial(refusal: Refusal, said: &str) -> WizError {
    WizError::Refused(Denial {
        refusal,
        said: said.into(),
    })
}

fn access_token_flow(methods: &[&str]) -> Wizard {
    let (mut w, _) = init(Settings::default(), Start::AccessToken(Sensitive::new("t")));
    update(
        &mut w,
        Msg::UserLoaded(Ok(UserInfo {
            username: "jane".into(),
            email: Some("jane@example.com".into()),
            mfa_methods: methods.iter().map(|m| (*m).to_owned()).collect(),
            preferred_mfa: None,
        })),
    );
    w
}

#[test]
fn refusals_on_the_sign_in_form_and_the_error_screen() {
    let (mut w, _) = init(Settings::default(), sign_in("client", "jane"));
    type_keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::AuthAnswered(Err(denial(
            Refusal::UserDisabled,
            "User is disabled. (NotAuthorizedException)",
        ))),
    );
    insta::assert_snapshot!("sign_in_user_disabled_80x24", screen(&w));

    let mut w = access_token_flow(&[]);
    update(
        &mut w,
        Msg::Associated(Err(denial(
            Refusal::TotpDisabledInPool,
            "Software Token MFA is not enabled for the user pool. \
             (SoftwareTokenMFANotFoundException)",
        ))),
    );
    insta::assert_snapshot!("failed_authenticator_apps_off_80x24", screen(&w));
}

#[test]
fn a_refused_token_and_a_switched_flow() {
    let (mut w, _) = init(
        Settings::default(),
        Start::AccessTokenOrSignIn {
            token: Sensitive::new("t"),
            target: SignInTarget::new("client", "jane"),
        },
    );
    update(
        &mut w,
        Msg::UserLoaded(Err(denial(
            Refusal::TokenExpired,
            "Access Token has expired",
        ))),
    );
    insta::assert_snapshot!("sign_in_token_expired_80x24", screen(&w));

    let mut target = SignInTarget::new("client", "jane");
    target.user_pool_id = Some("eu-west-1_Pool".into());
    target.auth_flow = Some(cognito_mfa::auth::flow::AuthFlow::UserPassword);
    let (mut w, _) = init(Settings::default(), sign_in_to(target));
    type_keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::AuthAnswered(Err(denial(
            Refusal::FlowNotEnabled {
                flow: "USER_PASSWORD_AUTH".into(),
            },
            "",
        ))),
    );
    insta::assert_snapshot!("sign_in_switched_flow_80x24", screen(&w));

    let (mut w, _) = init(Settings::default(), sign_in("client", "jane"));
    type_keys(&mut w, "pw");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::AuthAnswered(Err(denial(
            Refusal::FlowNotEnabled {
                flow: "USER_PASSWORD_AUTH".into(),
            },
            "USER_PASSWORD_AUTH flow not enabled for this client (InvalidParameterException)",
        ))),
    );
    insta::assert_snapshot!("sign_in_needs_pool_id_80x24", screen(&w));
}

#[test]
fn the_quit_question_over_typed_text() {
    let (mut w, _) = init(Settings::default(), sign_in("client", "jane"));
    type_keys(&mut w, "half");
    press(&mut w, Key::Esc);
    insta::assert_snapshot!("quit_typed_text_80x24", screen(&w));
}

#[test]
fn replacing_an_authenticator_and_a_done_screen_without_a_code_at_sign_in() {
    let mut w = access_token_flow(&["SOFTWARE_TOKEN_MFA"]);
    update(
        &mut w,
        Msg::Associated(Ok(Association {
            secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".into(),
            session: None,
            at: 1_700_000_000,
        })),
    );
    let shown = screen(&w);
    assert!(shown.contains("stops working"), "{shown}");
    insta::assert_snapshot!("scan_replacing_80x24", shown);

    press(&mut w, Key::Enter);
    type_keys(&mut w, "123456");
    press(&mut w, Key::Enter);
    update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: None,
            at: 1_700_000_001,
        })),
    );
    update(
        &mut w,
        Msg::Completed(Ok(Completed {
            user: Some(UserInfo {
                username: "jane".into(),
                ..UserInfo::default()
            }),
            at: 1_700_000_002,
        })),
    );
    let shown = screen(&w);
    assert!(shown.contains("will not ask"), "{shown}");
    assert!(!shown.contains("From now on"), "{shown}");
    insta::assert_snapshot!("done_not_listed_80x24", shown);
}

#[test]
fn steps_are_counted_from_where_the_journey_starts() {
    let w = access_token_flow(&[]);
    assert_eq!(
        w.step_of(),
        (1, 3),
        "with an access token there is no sign-in step"
    );
    assert!(screen(&w).starts_with("Step 1 of 3"), "{}", screen(&w));
    let (w, _) = init(Settings::default(), sign_in("client", "jane"));
    assert_eq!(w.step_of(), (1, 4));
}

#[test]
fn at_60_columns_the_hint_bar_keeps_what_fits_and_help() {
    let (mut w, _) = init(Settings::default(), sign_in("client", "jane"));
    type_keys(&mut w, "pw");
    let mut terminal = Terminal::new(TestBackend::new(60, 24)).unwrap();
    terminal
        .draw(|f| render(f, &w, Theme { color: false }))
        .unwrap();
    let buf = terminal.backend().buffer().clone();
    let bar: String = (0..60).map(|x| buf[(x, 23)].symbol()).collect();
    let bar = bar.trim_end();
    assert!(bar.contains("help"), "{bar:?}");
    assert!(bar.starts_with("Enter sign in"), "{bar:?}");
    // Whole hints only: nothing cut in the middle of a word.
    assert!(bar.ends_with("help") || bar.ends_with("quit"), "{bar:?}");
}
