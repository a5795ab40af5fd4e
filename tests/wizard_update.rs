//! Table tests of the wizard's pure `update`: every transition, failure paths included.

use cognito_mfa::secret::Sensitive;
mod wizard_common;

use cognito_mfa::auth::flow::{FlowError, SignInRequest};
use cognito_mfa::cognito::wire::{InitiateAuthRequest, RespondToAuthChallengeRequest};
use cognito_mfa::text;
use cognito_mfa::totp::CodeError;
use cognito_mfa::wizard::forms::{CodeField, SignInField};
use cognito_mfa::wizard::msg::{Association, Completed, Credential, UserInfo, Verified};
use cognito_mfa::wizard::reasons::{
    CodeProblem, EnrollResult, Problem, ScanNotice, SignInNotice, SignInProblem,
};
use cognito_mfa::wizard::state::{Outcome, Overlay, Settings, SignInTarget, Step, Wizard};
use cognito_mfa::wizard::update::MAX_THROTTLED_ATTEMPTS;
use cognito_mfa::wizard::{Cmd, Key, Msg, Start, WizError, init, press, update};
use wizard_common::{Input, feed, mfa_setup, refused, sign_in, tokens};

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const T0: u64 = 1_700_000_000;

fn token() -> Sensitive {
    Sensitive::new("access-token")
}

fn alice() -> UserInfo {
    UserInfo {
        username: "alice".into(),
        email: Some("alice@example.com".into()),
        ..UserInfo::default()
    }
}

fn association(secret: &str, session: Option<&str>) -> Msg {
    Msg::Associated(Ok(Association {
        secret: secret.into(),
        session: session.map(Sensitive::new),
        at: T0,
    }))
}

fn target() -> SignInTarget {
    SignInTarget::new("client", "bob")
}

fn send<I: Into<Input>>(w: &mut Wizard, inputs: impl IntoIterator<Item = I>) -> Vec<Cmd> {
    feed(w, inputs)
}

fn keys(text: &str) -> Vec<Input> {
    text.chars().map(|c| Input::Key(Key::Char(c))).collect()
}

/// Access-token flow, at the scan step.
fn at_scan() -> Wizard {
    let (mut w, cmds) = init(Settings::default(), Start::AccessToken(token()));
    assert_eq!(
        cmds,
        vec![Cmd::GetUser {
            access_token: token()
        }]
    );
    let cmds = update(&mut w, Msg::UserLoaded(Ok(alice()))).cmds;
    assert_eq!(cmds, vec![Cmd::Associate(Credential::AccessToken(token()))]);
    assert!(update(&mut w, association(SECRET, None)).cmds.is_empty());
    w
}

/// Access-token flow, code typed and submitted.
fn verifying() -> Wizard {
    let mut w = at_scan();
    send(&mut w, [Input::Key(Key::Enter)]);
    send(&mut w, keys("123 456"));
    send(&mut w, [Input::Key(Key::Tab)]);
    send(&mut w, keys("  Work phone "));
    let cmds = press(&mut w, Key::Enter).cmds;
    assert_eq!(
        cmds,
        vec![Cmd::Verify {
            credential: Credential::AccessToken(token()),
            code: "123456".into(),
            device: "Work phone".into(),
        }]
    );
    w
}

/// Everything the state holds, for "nothing changed" checks (`Wizard` is not `Clone`: the
/// sign-in under way is compared through its `Debug`).
fn snapshot(w: &Wizard) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        (
            w.settings.clone(),
            w.step.clone(),
            w.overlay,
            w.credential.clone(),
            w.sign_in.clone(),
            format!("{:?}", w.flow),
            w.user.clone(),
        ),
        (
            w.now,
            w.frame,
            w.in_flight.clone(),
            w.throttle.clone(),
            w.outcome.clone(),
            w.keychain_note.clone(),
            w.app_registered,
        ),
    )
}

fn secret_of(w: &Wizard) -> String {
    match &w.step {
        Step::Scan(e) => e.secret.expose().to_owned(),
        Step::Code(f) => f.enrollment.secret.expose().to_owned(),
        other => panic!("no secret in {other:?}"),
    }
}

#[test]
fn access_token_flow_scan_shows_email_account_and_no_countdown() {
    let w = at_scan();
    let Step::Scan(e) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(e.account, "alice@example.com");
    assert_eq!(
        e.uri.expose(),
        format!(
            "otpauth://totp/Amazon%20Cognito:alice%40example.com?secret={SECRET}&issuer=Amazon%20Cognito"
        )
    );
    assert_eq!(e.deadline, None);
    assert!(e.revealed);
    assert!(!e.weak_secret());
    assert!(
        !w.wants_ticks(),
        "no countdown, no spinner: the timer must sleep"
    );
}

#[test]
fn account_name_flag_wins_and_short_secret_is_kept_with_a_warning() {
    let settings = Settings {
        account_name: Some("Jane".into()),
        ..Settings::default()
    };
    let (mut w, _) = init(settings, Start::AccessToken(token()));
    send(
        &mut w,
        [
            Msg::UserLoaded(Ok(alice())),
            association("asdfasdfasdf", None),
        ],
    );
    let Step::Scan(e) = &w.step else { panic!() };
    assert_eq!(e.account, "Jane");
    assert!(e.weak_secret());
    assert!(e.uri.expose().contains("secret=ASDFASDFASDF&"));
}

#[test]
fn success_in_the_access_token_flow_enables_mfa_and_reports_what_cognito_says() {
    let mut w = verifying();
    let cmds = update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: None,
            at: T0 + 5,
        })),
    )
    .cmds;
    assert_eq!(
        cmds,
        vec![Cmd::EnableMfa {
            access_token: token(),
            set_preferred: true
        }]
    );
    assert!(matches!(w.step, Step::Finishing(_)));
    let reported = UserInfo {
        mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
        preferred_mfa: Some("SOFTWARE_TOKEN_MFA".into()),
        ..alice()
    };
    update(
        &mut w,
        Msg::Completed(Ok(Completed {
            user: Some(reported),
            at: T0 + 6,
        })),
    );
    let Step::Done(summary) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(summary.user, "alice");
    assert_eq!(summary.device, "Work phone");
    assert_eq!(summary.result, EnrollResult::OnAndPreferred);
    assert_eq!(
        text::enroll::result(summary.result),
        "authenticator app MFA on and preferred"
    );
    assert_eq!(summary.time, T0 + 6);
    let summary = summary.clone();
    assert_eq!(press(&mut w, Key::Enter).cmds, vec![Cmd::Quit]);
    assert_eq!(w.outcome, Some(Outcome::Enrolled(summary)));
}

#[test]
fn no_set_preferred_is_passed_on_and_an_unlisted_method_is_reported_honestly() {
    let settings = Settings {
        set_preferred: false,
        ..Settings::default()
    };
    let (mut w, _) = init(settings, Start::AccessToken(token()));
    send(
        &mut w,
        [
            Input::Msg(Msg::UserLoaded(Ok(alice()))),
            Input::Msg(association(SECRET, None)),
            Input::Key(Key::Enter),
        ],
    );
    send(&mut w, keys("123456"));
    send(&mut w, [Input::Key(Key::Enter)]);
    let cmds = update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: None,
            at: T0,
        })),
    )
    .cmds;
    assert_eq!(
        cmds,
        vec![Cmd::EnableMfa {
            access_token: token(),
            set_preferred: false
        }]
    );
    update(
        &mut w,
        Msg::Completed(Ok(Completed {
            user: Some(alice()),
            at: T0,
        })),
    );
    let Step::Done(summary) = &w.step else {
        panic!()
    };
    assert_eq!(summary.result, EnrollResult::NotListed);
    assert!(
        text::enroll::result(summary.result).contains("does not list"),
        "{}",
        text::enroll::result(summary.result)
    );
    assert_eq!(
        summary.device, "Authenticator app",
        "empty device name takes the default"
    );
}

#[test]
fn wrong_code_keeps_the_same_secret_and_lets_the_user_retry() {
    let mut w = verifying();
    let before = secret_of(&w);
    assert!(
        update(&mut w, Msg::Verified(Err(WizError::WrongCode)))
            .cmds
            .is_empty()
    );
    let Step::Code(form) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(form.error, Some(CodeProblem::WrongCode));
    assert_eq!(
        text::enroll::code_problem(&CodeProblem::WrongCode),
        text::enroll::WRONG_CODE
    );
    assert!(!form.busy);
    assert_eq!(form.form.focus(), Some(CodeField::Code));
    assert_eq!(
        form.form.value(CodeField::Code),
        "",
        "the wrong code is cleared"
    );
    assert_eq!(
        form.form.value(CodeField::Device),
        "  Work phone ",
        "the device name is kept"
    );
    assert_eq!(secret_of(&w), before);
    send(&mut w, keys("654321"));
    let cmds = press(&mut w, Key::Enter).cmds;
    assert!(matches!(&cmds[..], [Cmd::Verify { code, .. }] if code.expose() == "654321"));
}

#[test]
fn expired_enrollment_in_the_access_token_flow_associates_again() {
    let mut w = verifying();
    let cmds = update(&mut w, Msg::Verified(Err(WizError::SessionExpired))).cmds;
    assert_eq!(cmds, vec![Cmd::Associate(Credential::AccessToken(token()))]);
    assert!(matches!(&w.step, Step::Preparing(p) if p.notice == Some(ScanNotice::NewSecret)));
    update(&mut w, association("KRUGS4ZANFZSAYJANZSXO4Z2", None));
    let Step::Scan(e) = &w.step else { panic!() };
    assert_eq!(e.secret.expose(), "KRUGS4ZANFZSAYJANZSXO4Z2");
    assert_eq!(e.notice, Some(ScanNotice::NewSecret));
    assert!(text::enroll::notice(ScanNotice::NewSecret).contains("new secret"));
}

/// Session flow from a sign-in: at the code step with a countdown.
fn session_flow_at_code() -> Wizard {
    let (mut w, cmds) = init(Settings::default(), sign_in("client", "bob"));
    assert!(cmds.is_empty());
    let Step::SignIn(form) = &w.step else {
        panic!()
    };
    assert_eq!(
        form.form.focus(),
        Some(SignInField::Password),
        "user name given: the password has focus"
    );
    send(&mut w, keys("pw"));
    let cmds = press(&mut w, Key::Enter).cmds;
    assert_eq!(
        cmds,
        vec![Cmd::Auth(SignInRequest::Initiate(InitiateAuthRequest {
            auth_flow: "USER_PASSWORD_AUTH".into(),
            auth_parameters: [("USERNAME", "bob"), ("PASSWORD", "pw")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.into()))
                .collect(),
            client_id: "client".into(),
        }))]
    );
    let Step::SignIn(form) = &w.step else {
        panic!()
    };
    assert!(
        form.busy && form.form.value(SignInField::Password).is_empty(),
        "the password is not kept"
    );
    let cmds = update(&mut w, mfa_setup("s1")).cmds;
    assert_eq!(cmds, vec![Cmd::Associate(Credential::Session("s1".into()))]);
    update(&mut w, association(SECRET, Some("s2")));
    let Step::Scan(e) = &w.step else { panic!() };
    assert_eq!(e.deadline, Some(T0 + 180));
    assert_eq!(e.account, "bob");
    assert!(w.wants_ticks(), "the countdown needs the timer");
    send(&mut w, [Input::Key(Key::Char('n'))]);
    send(&mut w, keys("123456"));
    w
}

#[test]
fn session_flow_verifies_with_the_associate_session_and_answers_mfa_setup() {
    let mut w = session_flow_at_code();
    let cmds = press(&mut w, Key::Enter).cmds;
    assert!(
        matches!(&cmds[..], [Cmd::Verify { credential: Credential::Session(s), .. }] if s.expose() == "s2")
    );
    let cmds = update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: Some("s3".into()),
            at: T0,
        })),
    )
    .cmds;
    assert_eq!(
        cmds,
        vec![Cmd::Auth(SignInRequest::Respond(
            RespondToAuthChallengeRequest {
                client_id: "client".into(),
                challenge_name: "MFA_SETUP".into(),
                session: Some("s3".into()),
                challenge_responses: [("USERNAME".to_owned(), "bob".into())].into(),
            }
        ))]
    );
    // The access token MFA_SETUP returned asks GetUser what Cognito reports; if that fails,
    // the enrollment is still done.
    assert_eq!(
        update(&mut w, tokens("access", Some("refresh"))).cmds,
        vec![Cmd::GetUser {
            access_token: "access".into()
        }]
    );
    update(
        &mut w,
        Msg::UserLoaded(Err(WizError::Network("no answer".into()))),
    );
    let Step::Done(summary) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(summary.user, "bob");
    assert_eq!(summary.result, EnrollResult::SetUpAndSignedIn);
    assert!(text::enroll::result(summary.result).contains("signed in"));
}

#[test]
fn expired_session_in_the_session_flow_asks_to_sign_in_again() {
    let mut w = session_flow_at_code();
    press(&mut w, Key::Enter);
    assert!(
        update(&mut w, Msg::Verified(Err(WizError::SessionExpired)))
            .cmds
            .is_empty()
    );
    let Step::SignIn(form) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(
        form.notice,
        Some(SignInNotice::SignInAgainNewSecret),
        "the secret shown is useless now: its entry must go"
    );
    assert_eq!(
        text::sign_in::notice(&SignInNotice::SignInAgainNewSecret),
        text::sign_in::SIGN_IN_AGAIN_NEW_SECRET
    );
    assert!(text::sign_in::SIGN_IN_AGAIN_NEW_SECRET.contains("Delete the entry"));
    assert_eq!(form.form.value(SignInField::Username), "bob");
    assert_eq!(w.credential, None);
}

#[test]
fn expired_given_session_without_a_way_to_sign_in_explains() {
    let (mut w, cmds) = init(
        Settings::default(),
        Start::Session {
            session: "given".into(),
            target: target(),
        },
    );
    assert_eq!(
        cmds,
        vec![Cmd::Associate(Credential::Session("given".into()))]
    );
    update(&mut w, Msg::Associated(Err(WizError::SessionExpired)));
    assert!(matches!(&w.step, Step::SignIn(f) if f.notice == Some(SignInNotice::SignInAgain)));
    assert!(text::sign_in::notice(&SignInNotice::SignInAgain).contains("Sign in again"));
}

#[test]
fn network_failure_offers_retry_of_the_same_call() {
    let mut w = verifying();
    let Some(sent) = w.in_flight.clone() else {
        panic!()
    };
    update(
        &mut w,
        Msg::Verified(Err(WizError::Network("No answer from Cognito.".into()))),
    );
    let Step::Failed(failed) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(
        failed.problem,
        Problem::Network("No answer from Cognito.".into())
    );
    // The words say what to do; the key to do it is on the screen's key line, never in the
    // message printed after the wizard ends.
    let words = text::problems::problem(&failed.problem);
    assert!(
        words.contains("try again") && !words.contains("press r"),
        "{words}"
    );
    assert!(failed.retry.is_some());
    assert!(w.step.enrollment_in_progress());
    let cmds = press(&mut w, Key::Char('r')).cmds;
    assert_eq!(cmds, vec![sent]);
    assert!(matches!(&w.step, Step::Code(f) if f.busy));
    // And the answer to the retried call is handled as usual.
    update(&mut w, Msg::Verified(Err(WizError::WrongCode)));
    assert!(matches!(&w.step, Step::Code(f) if f.error.is_some()));
}

#[test]
fn throttling_waits_then_retries_by_itself() {
    let mut w = verifying();
    let Some(sent) = w.in_flight.clone() else {
        panic!()
    };
    assert!(
        update(&mut w, Msg::Verified(Err(WizError::Throttled)))
            .cmds
            .is_empty()
    );
    assert_eq!(w.throttle.as_ref().map(|t| t.seconds_left), Some(2));
    assert!(w.wants_ticks());
    assert!(update(&mut w, Msg::Tick(T0 + 1)).cmds.is_empty());
    assert_eq!(update(&mut w, Msg::Tick(T0 + 2)).cmds, vec![sent.clone()]);
    // Throttled again: a longer wait.
    update(&mut w, Msg::Verified(Err(WizError::Throttled)));
    assert_eq!(
        w.throttle.as_ref().map(|t| (t.attempt, t.seconds_left)),
        Some((2, 4))
    );
    for attempt in 3..=MAX_THROTTLED_ATTEMPTS + 1 {
        let Some(t) = w.throttle.clone() else {
            panic!("attempt {attempt}")
        };
        for i in 0..t.seconds_left {
            update(&mut w, Msg::Tick(T0 + 10 + i));
        }
        update(&mut w, Msg::Verified(Err(WizError::Throttled)));
    }
    let Step::Failed(failed) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert!(
        failed.retry.is_some(),
        "after too many waits the user can still retry"
    );
}

#[test]
fn an_answer_clears_throttling() {
    let mut w = verifying();
    update(&mut w, Msg::Verified(Err(WizError::Throttled)));
    update(&mut w, Msg::Tick(T0 + 1));
    update(&mut w, Msg::Tick(T0 + 2));
    update(&mut w, Msg::Verified(Err(WizError::WrongCode)));
    assert_eq!(w.throttle, None);
}

#[test]
fn other_errors_are_final_and_shown() {
    let mut w = verifying();
    update(
        &mut w,
        Msg::Verified(Err(WizError::Other("The pool has no TOTP.".into()))),
    );
    let Step::Failed(failed) = &w.step else {
        panic!()
    };
    assert_eq!(
        failed.problem,
        Problem::Refused("The pool has no TOTP.".into())
    );
    assert_eq!(
        text::problems::problem(&failed.problem),
        "The pool has no TOTP."
    );
    assert!(failed.retry.is_none());
    assert!(press(&mut w, Key::Char('r')).cmds.is_empty());
}

#[test]
fn refused_sign_in_stays_on_the_form_with_the_message() {
    let (mut w, _) = init(Settings::default(), sign_in("c", ""));
    let Step::SignIn(form) = &w.step else {
        panic!()
    };
    assert_eq!(form.form.focus(), Some(SignInField::Username));
    assert!(press(&mut w, Key::Enter).cmds.is_empty());
    assert!(matches!(&w.step, Step::SignIn(f) if f.error == Some(SignInProblem::NoUsername)));
    assert_eq!(
        text::sign_in::problem(&SignInProblem::NoUsername),
        "Type your user name."
    );
    send(&mut w, keys("carol"));
    send(&mut w, [Input::Key(Key::Enter)]);
    assert!(
        matches!(&w.step, Step::SignIn(f) if f.form.focus() == Some(SignInField::Password) && !f.busy)
    );
    send(&mut w, keys("bad"));
    send(&mut w, [Input::Key(Key::Enter)]);
    update(
        &mut w,
        refused(WizError::Other("Incorrect username or password.".into())),
    );
    let refusal = SignInProblem::Refused("Incorrect username or password.".into());
    assert!(matches!(&w.step, Step::SignIn(f) if !f.busy && f.error.as_ref() == Some(&refusal)));
    assert_eq!(
        text::sign_in::problem(&refusal),
        "Incorrect username or password."
    );
}

#[test]
fn tokens_from_sign_in_start_the_access_token_flow_and_unknown_challenges_fail() {
    let (mut w, _) = init(Settings::default(), sign_in("c", "d"));
    send(&mut w, keys("pw"));
    send(&mut w, [Input::Key(Key::Enter)]);
    let cmds = update(&mut w, tokens("access-token", None)).cmds;
    assert_eq!(
        cmds,
        vec![Cmd::GetUser {
            access_token: token()
        }]
    );

    let (mut w, _) = init(Settings::default(), sign_in("c", "d"));
    send(&mut w, keys("pw"));
    send(&mut w, [Input::Key(Key::Enter)]);
    update(
        &mut w,
        wizard_common::challenge("DEVICE_SRP_AUTH", "s", &[]),
    );
    let Step::Failed(f) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(
        f.problem,
        Problem::SignInStopped(FlowError::Unsupported("DEVICE_SRP_AUTH".into()))
    );
    let words = text::problems::problem(&f.problem);
    assert!(
        words.contains("DEVICE_SRP_AUTH") && words.contains("not support"),
        "{words}"
    );
}

#[test]
fn code_field_rejects_letters_inline_and_checks_on_enter() {
    let mut w = at_scan();
    send(&mut w, [Input::Key(Key::Enter)]);
    send(&mut w, keys("12x"));
    let Step::Code(form) = &w.step else { panic!() };
    assert_eq!(form.form.value(CodeField::Code), "12");
    assert_eq!(form.error, Some(CodeProblem::OnlyDigits));
    assert!(text::enroll::code_problem(&CodeProblem::OnlyDigits).contains("Only digits"));
    send(&mut w, keys("3-4"));
    assert!(press(&mut w, Key::Enter).cmds.is_empty());
    let Step::Code(form) = &w.step else { panic!() };
    assert_eq!(
        form.error,
        Some(CodeProblem::NotACode(CodeError::WrongLength(4)))
    );
    assert!(
        form.error
            .as_ref()
            .is_some_and(|e| text::enroll::code_problem(e).contains("6 digits")),
        "{:?}",
        form.error
    );
    assert!(!form.busy);
}

#[test]
fn device_name_is_capped() {
    let mut w = at_scan();
    send(&mut w, [Input::Key(Key::Enter), Input::Key(Key::Tab)]);
    send(&mut w, keys(&"x".repeat(40)));
    let Step::Code(form) = &w.step else { panic!() };
    assert_eq!(form.form.value(CodeField::Device).len(), 32);
    assert_eq!(form.error, Some(CodeProblem::DeviceNameTooLong(32)));
}

#[test]
fn esc_on_the_code_step_goes_back_to_the_same_qr() {
    let mut w = at_scan();
    let Step::Scan(before) = w.step.clone() else {
        panic!()
    };
    send(&mut w, [Input::Key(Key::Enter), Input::Key(Key::Esc)]);
    assert_eq!(w.step, Step::Scan(before));
}

#[test]
fn copy_sends_the_secret_and_says_so() {
    let mut w = at_scan();
    assert_eq!(
        press(&mut w, Key::Char('c')).cmds,
        vec![Cmd::Copy(SECRET.into())]
    );
    assert!(matches!(&w.step, Step::Scan(e) if e.notice == Some(ScanNotice::Copied)));
    assert!(text::enroll::notice(ScanNotice::Copied).contains("clipboard"));
}

#[test]
fn helpdesk_mode_hides_until_r() {
    let settings = Settings {
        helpdesk: true,
        ..Settings::default()
    };
    let (mut w, _) = init(settings, Start::AccessToken(token()));
    send(
        &mut w,
        [Msg::UserLoaded(Ok(alice())), association(SECRET, None)],
    );
    assert!(matches!(&w.step, Step::Scan(e) if !e.revealed));
    press(&mut w, Key::Char('r'));
    assert!(matches!(&w.step, Step::Scan(e) if e.revealed));
    press(&mut w, Key::Char('r'));
    assert!(matches!(&w.step, Step::Scan(e) if !e.revealed));
}

#[test]
fn quitting_half_way_asks_first() {
    let mut w = at_scan();
    assert!(press(&mut w, Key::Char('q')).cmds.is_empty());
    assert_eq!(w.overlay, Overlay::ConfirmQuit);
    press(&mut w, Key::Char('n'));
    assert_eq!(w.overlay, Overlay::None);
    press(&mut w, Key::CtrlC);
    assert_eq!(w.overlay, Overlay::ConfirmQuit);
    assert_eq!(press(&mut w, Key::Char('y')).cmds, vec![Cmd::Quit]);
    assert_eq!(
        w.outcome,
        Some(Outcome::Cancelled {
            user: Some("alice".into()),
            app_registered: false,
            secret_shown: true,
        })
    );
    assert!(
        press(&mut w, Key::Enter).cmds.is_empty(),
        "nothing happens after quitting"
    );
}

#[test]
fn quitting_before_any_secret_is_immediate() {
    let (mut w, _) = init(Settings::default(), sign_in("c", ""));
    assert_eq!(press(&mut w, Key::Esc).cmds, vec![Cmd::Quit]);
    let (mut w, _) = init(Settings::default(), Start::AccessToken(token()));
    assert_eq!(press(&mut w, Key::Char('q')).cmds, vec![Cmd::Quit]);
}

#[test]
fn help_opens_with_question_mark_or_f1_and_any_key_closes_it() {
    let mut w = at_scan();
    press(&mut w, Key::Char('?'));
    assert_eq!(w.overlay, Overlay::Help);
    let step = w.step.clone();
    press(&mut w, Key::Enter);
    assert_eq!(
        (w.overlay, &w.step),
        (Overlay::None, &step),
        "the closing key does nothing else"
    );
    let (mut w, _) = init(Settings::default(), sign_in("c", ""));
    press(&mut w, Key::Char('?'));
    assert!(
        matches!(&w.step, Step::SignIn(f) if f.form.value(SignInField::Username) == "?"),
        "? is text in a text field"
    );
    press(&mut w, Key::F1);
    assert_eq!(w.overlay, Overlay::Help);
}

#[test]
fn ticks_move_the_countdown_and_answers_nobody_waits_for_are_dropped() {
    let mut w = session_flow_at_code();
    update(&mut w, Msg::Tick(T0 + 100));
    let Step::Code(form) = &w.step else { panic!() };
    assert_eq!(w.session_left(&form.enrollment), Some(80));
    update(&mut w, Msg::Tick(T0 + 500));
    let Step::Code(form) = &w.step else { panic!() };
    assert_eq!(w.session_left(&form.enrollment), Some(0));
    let before = snapshot(&w);
    let answer = update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: None,
            at: T0,
        })),
    );
    assert!(answer.cmds.is_empty() && !answer.changed);
    assert_eq!(snapshot(&w), before);
}

#[test]
fn keys_are_ignored_while_verifying_except_quit() {
    let mut w = verifying();
    let before = snapshot(&w);
    assert!(send(&mut w, keys("99")).is_empty());
    assert!(send(&mut w, [Input::Key(Key::Esc), Input::Key(Key::Enter)]).is_empty());
    assert_eq!(snapshot(&w), before);
    press(&mut w, Key::CtrlC);
    assert_eq!(w.overlay, Overlay::ConfirmQuit);
}

#[test]
fn leaving_after_the_code_was_accepted_says_to_keep_the_apps_entry() {
    let verified = || {
        let mut w = verifying();
        update(
            &mut w,
            Msg::Verified(Ok(Verified {
                session: None,
                at: T0,
            })),
        );
        assert!(w.app_registered);
        w
    };
    // Quitting while MFA is being turned on.
    let mut w = verified();
    press(&mut w, Key::CtrlC);
    assert_eq!(w.overlay, Overlay::ConfirmQuit);
    assert_eq!(press(&mut w, Key::Char('y')).cmds, vec![Cmd::Quit]);
    assert_eq!(
        w.outcome,
        Some(Outcome::Cancelled {
            user: Some("alice".into()),
            app_registered: true,
            secret_shown: true,
        })
    );
    // Leaving the error screen after SetUserMFAPreference failed.
    let mut w = verified();
    update(
        &mut w,
        Msg::Completed(Err(WizError::Other("refused".into()))),
    );
    assert!(matches!(w.step, Step::Failed(_)));
    press(&mut w, Key::Char('q'));
    press(&mut w, Key::Char('y'));
    assert!(
        matches!(
            &w.outcome,
            Some(Outcome::Failed { problem, app_registered: true, .. })
                if *problem == Problem::Refused("refused".into())
                    && text::problems::problem(problem).contains("refused")
        ),
        "{:?}",
        w.outcome
    );
}
