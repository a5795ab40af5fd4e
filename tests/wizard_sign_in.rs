//! Table tests of the wizard's sign-in transitions: the flow chosen, SECRET_HASH, every
//! challenge step, MFA_SETUP, the remembered refresh token and `--remember`.

mod wizard_common;

use cognito_mfa::auth::flow::{AuthFlow, CodeKind, FlowError, Prompt, SignInRequest};
use cognito_mfa::cognito::wire::{InitiateAuthRequest, RespondToAuthChallengeRequest};
use cognito_mfa::keychain::Remembered;
use cognito_mfa::secret::Sensitive;
use cognito_mfa::text;
use cognito_mfa::wizard::forms::ChallengeField;
use cognito_mfa::wizard::msg::{Credential, Verified};
use cognito_mfa::wizard::reasons::{
    ChallengeProblem, EnrollResult, KeychainNote, Problem, SignInNotice,
};
use cognito_mfa::wizard::state::{Settings, SignInTarget, Step, Wizard};
use cognito_mfa::wizard::{Cmd, Key, Msg, Start, WizError, init, update};
use wizard_common::{
    challenge, feed, mfa_setup, refused, remembered, sign_in_to, tokens, type_keys,
};

fn press(w: &mut Wizard, keys: &[Key]) -> Vec<Cmd> {
    feed(w, keys.iter().copied())
}

fn type_text(w: &mut Wizard, text: &str) -> Vec<Cmd> {
    type_keys(w, text)
}

fn initiate(cmds: &[Cmd]) -> &InitiateAuthRequest {
    match cmds {
        [Cmd::Auth(SignInRequest::Initiate(r))] => r,
        other => panic!("not one InitiateAuth: {other:?}"),
    }
}

fn respond(cmds: &[Cmd]) -> &RespondToAuthChallengeRequest {
    match cmds {
        [Cmd::Auth(SignInRequest::Respond(r))] => r,
        other => panic!("not one RespondToAuthChallenge: {other:?}"),
    }
}

fn value<'a>(params: &'a std::collections::BTreeMap<String, Sensitive>, key: &str) -> &'a str {
    params.get(key).map_or("", Sensitive::expose)
}

fn target(pool: Option<&str>, secret: Option<&str>) -> SignInTarget {
    SignInTarget {
        user_pool_id: pool.map(str::to_owned),
        client_secret: secret.map(Sensitive::new),
        ..SignInTarget::new("client", "bob")
    }
}

/// Signed in with USER_PASSWORD_AUTH (no pool id), waiting for Cognito's answer.
fn submitted(target: SignInTarget, settings: Settings) -> Wizard {
    let (mut w, cmds) = init(settings, sign_in_to(target));
    assert!(cmds.is_empty());
    type_text(&mut w, "pw");
    let cmds = press(&mut w, &[Key::Enter]);
    assert_eq!(initiate(&cmds).auth_flow, "USER_PASSWORD_AUTH");
    w
}

fn form_prompt(w: &Wizard) -> &Prompt {
    match &w.step {
        Step::Challenge(form) => &form.prompt,
        other => panic!("not a challenge: {other:?}"),
    }
}

fn form_error(w: &Wizard) -> Option<ChallengeProblem> {
    match &w.step {
        Step::Challenge(form) => form.error.clone(),
        other => panic!("not a challenge: {other:?}"),
    }
}

#[test]
fn srp_is_the_default_with_a_pool_id_and_secret_hash_goes_on_every_call() {
    let (mut w, _) = init(
        Settings::default(),
        sign_in_to(target(Some("us-east-1_Pool"), Some("shh"))),
    );
    type_text(&mut w, "pw");
    let cmds = press(&mut w, &[Key::Enter]);
    let r = initiate(&cmds);
    assert_eq!(r.auth_flow, "USER_SRP_AUTH");
    assert_eq!(value(&r.auth_parameters, "USERNAME"), "bob");
    assert!(value(&r.auth_parameters, "SRP_A").len() > 100);
    assert!(!r.auth_parameters.contains_key("PASSWORD"));
    let hash = cognito_mfa::auth::secret_hash(&"shh".into(), "bob", "client");
    assert_eq!(value(&r.auth_parameters, "SECRET_HASH"), hash.expose());
    assert_eq!(w.in_flight.as_ref(), cmds.first(), "kept for a retry");

    let forced = SignInTarget {
        auth_flow: Some(AuthFlow::UserPassword),
        ..target(Some("us-east-1_Pool"), None)
    };
    submitted(forced, Settings::default());
}

#[test]
fn new_password_required_is_asked_twice_masked_and_policy_errors_ask_again() {
    let mut w = submitted(target(None, Some("shh")), Settings::default());
    let cmds = update(
        &mut w,
        challenge(
            "NEW_PASSWORD_REQUIRED",
            "s1",
            &[("requiredAttributes", "[\"userAttributes.name\"]")],
        ),
    )
    .cmds;
    assert!(cmds.is_empty());
    assert!(
        matches!(form_prompt(&w), Prompt::NewPassword { required_attributes } if required_attributes == &["name"])
    );
    assert_eq!(w.step.number(), 1);

    type_text(&mut w, "New-Pass1!");
    press(&mut w, &[Key::Tab]);
    type_text(&mut w, "New-Pass2!");
    assert!(press(&mut w, &[Key::Enter]).is_empty());
    assert_eq!(form_error(&w), Some(ChallengeProblem::PasswordsDiffer));
    assert_eq!(
        text::sign_in::challenge_problem(&ChallengeProblem::PasswordsDiffer),
        "The two passwords differ; type them again."
    );
    let Step::Challenge(form) = &w.step else {
        panic!()
    };
    assert!(
        form.form.value(ChallengeField::NewPassword).is_empty()
            && form.form.value(ChallengeField::Again).is_empty()
            && form.form.focus() == Some(ChallengeField::NewPassword)
    );

    type_text(&mut w, "short");
    press(&mut w, &[Key::Tab]);
    type_text(&mut w, "short");
    assert!(press(&mut w, &[Key::Enter]).is_empty());
    let missing = ChallengeProblem::MissingAttribute("name".into());
    assert_eq!(form_error(&w), Some(missing.clone()));
    assert_eq!(
        text::sign_in::challenge_problem(&missing),
        "Type a value for name."
    );
    type_text(&mut w, "Bob Smith");
    let cmds = press(&mut w, &[Key::Enter]);
    let r = respond(&cmds);
    assert_eq!(r.challenge_name, "NEW_PASSWORD_REQUIRED");
    assert_eq!(r.session.as_ref().map(Sensitive::expose), Some("s1"));
    assert_eq!(value(&r.challenge_responses, "NEW_PASSWORD"), "short");
    assert_eq!(
        value(&r.challenge_responses, "userAttributes.name"),
        "Bob Smith"
    );
    assert!(r.challenge_responses.contains_key("SECRET_HASH"));
    assert!(w.step.busy());

    let policy = "Password does not conform to policy: Password not long enough";
    assert!(
        update(&mut w, refused(WizError::Other(policy.into())))
            .cmds
            .is_empty()
    );
    assert_eq!(
        form_error(&w),
        Some(ChallengeProblem::Refused(policy.into()))
    );
    assert_eq!(
        text::sign_in::challenge_problem(&ChallengeProblem::Refused(policy.into())),
        policy
    );
    assert!(!w.step.busy(), "asked again on the same form");

    for text in ["Long-enough-1!", "\t", "Long-enough-1!"] {
        if text == "\t" {
            press(&mut w, &[Key::Tab]);
        } else {
            type_text(&mut w, text);
        }
    }
    let cmds = press(&mut w, &[Key::Enter]);
    assert_eq!(
        value(&respond(&cmds).challenge_responses, "NEW_PASSWORD"),
        "Long-enough-1!"
    );
    let cmds = update(&mut w, mfa_setup("s2")).cmds;
    assert_eq!(cmds, vec![Cmd::Associate(Credential::Session("s2".into()))]);
    assert!(matches!(w.step, Step::Preparing(_)));
}

#[test]
fn a_user_with_an_authenticator_signs_in_with_its_code_then_enrolls_with_the_token() {
    let mut w = submitted(target(None, None), Settings::default());
    update(&mut w, challenge("SOFTWARE_TOKEN_MFA", "s1", &[]));
    assert!(matches!(
        form_prompt(&w),
        Prompt::Code {
            kind: CodeKind::SoftwareToken,
            ..
        }
    ));
    type_text(&mut w, "12a");
    assert_eq!(form_error(&w), Some(ChallengeProblem::OnlyDigits));
    assert!(
        text::sign_in::challenge_problem(&ChallengeProblem::OnlyDigits).contains("Only digits")
    );
    press(&mut w, &[Key::Backspace, Key::Backspace]);
    type_text(&mut w, "123 456");
    let cmds = press(&mut w, &[Key::Enter]);
    let r = respond(&cmds);
    assert_eq!(r.challenge_name, "SOFTWARE_TOKEN_MFA");
    assert_eq!(
        value(&r.challenge_responses, "SOFTWARE_TOKEN_MFA_CODE"),
        "123456"
    );
    assert_eq!(value(&r.challenge_responses, "USERNAME"), "bob");

    update(&mut w, refused(WizError::WrongCode));
    // A code from the app is asked for again in the app's words, never an SMS's.
    assert_eq!(form_error(&w), Some(ChallengeProblem::WrongAppCode));
    let words = text::sign_in::challenge_problem(&ChallengeProblem::WrongAppCode);
    assert!(words.contains("did not match") && words.contains("authenticator app"));
    assert!(!words.contains("sent"), "{words}");
    type_text(&mut w, "654321");
    respond(&press(&mut w, &[Key::Enter]));
    let cmds = update(&mut w, tokens("access", Some("refresh"))).cmds;
    assert_eq!(
        cmds,
        vec![Cmd::GetUser {
            access_token: "access".into()
        }],
        "not remembered without --remember"
    );
    assert_eq!(w.credential, Some(Credential::AccessToken("access".into())));
}

#[test]
fn codes_sent_by_text_message_or_email_and_the_mfa_choice() {
    let mut w = submitted(target(None, None), Settings::default());
    update(
        &mut w,
        challenge(
            "SELECT_MFA_TYPE",
            "s1",
            &[("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"EMAIL_OTP\"]")],
        ),
    );
    assert!(press(&mut w, &[Key::Char('7')]).is_empty(), "no 7th method");
    press(&mut w, &[Key::Char('2')]);
    let cmds = press(&mut w, &[Key::Enter]);
    assert_eq!(
        value(&respond(&cmds).challenge_responses, "ANSWER"),
        "EMAIL_OTP"
    );

    update(
        &mut w,
        challenge(
            "EMAIL_OTP",
            "s2",
            &[("CODE_DELIVERY_DESTINATION", "b***@e***")],
        ),
    );
    assert!(
        matches!(form_prompt(&w), Prompt::Code { kind: CodeKind::Email, destination } if destination.as_deref() == Some("b***@e***"))
    );
    type_text(&mut w, "12345");
    assert!(
        press(&mut w, &[Key::Enter]).is_empty(),
        "5 digits is too few"
    );
    type_text(&mut w, "678");
    let cmds = press(&mut w, &[Key::Enter]);
    assert_eq!(
        value(&respond(&cmds).challenge_responses, "EMAIL_OTP_CODE"),
        "12345678"
    );

    update(&mut w, challenge("SMS_MFA", "s3", &[]));
    type_text(&mut w, "111-222");
    let r = respond(&press(&mut w, &[Key::Enter])).clone();
    assert_eq!(r.session.as_ref().map(Sensitive::expose), Some("s3"));
    assert_eq!(value(&r.challenge_responses, "SMS_MFA_CODE"), "111222");
    assert_eq!(press(&mut w, &[Key::Char('q')]), vec![], "busy: keys wait");
}

#[test]
fn unsupported_challenges_and_mfa_setup_without_totp_say_so() {
    for name in ["DEVICE_SRP_AUTH", "CUSTOM_CHALLENGE"] {
        let mut w = submitted(target(None, None), Settings::default());
        update(&mut w, challenge(name, "s", &[]));
        let Step::Failed(f) = &w.step else {
            panic!("{:?}", w.step)
        };
        assert_eq!(
            f.problem,
            Problem::SignInStopped(FlowError::Unsupported(name.into()))
        );
        let words = text::problems::problem(&f.problem);
        assert!(
            words.contains(name) && words.contains("does not support"),
            "{words}"
        );
        assert!(f.retry.is_none());
    }
    let mut w = submitted(target(None, None), Settings::default());
    update(
        &mut w,
        challenge("MFA_SETUP", "s", &[("MFAS_CAN_SETUP", "[\"SMS_MFA\"]")]),
    );
    assert!(matches!(&w.step, Step::Failed(f) if f.problem == Problem::NoTotpOffered));
    assert!(
        text::problems::problem(&Problem::NoTotpOffered)
            .contains("other than an authenticator app")
    );
}

fn at_finishing(target: SignInTarget) -> (Wizard, Vec<Cmd>) {
    let (mut w, _) = init(
        Settings::default(),
        Start::Session {
            session: "given".into(),
            target,
        },
    );
    update(
        &mut w,
        Msg::Associated(Ok(cognito_mfa::wizard::msg::Association {
            secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".into(),
            session: Some("s2".into()),
            at: 1,
        })),
    );
    press(&mut w, &[Key::Enter]);
    type_text(&mut w, "123456");
    press(&mut w, &[Key::Enter]);
    let cmds = update(
        &mut w,
        Msg::Verified(Ok(Verified {
            session: Some("s3".into()),
            at: 2,
        })),
    )
    .cmds;
    (w, cmds)
}

#[test]
fn a_given_session_finishes_mfa_setup_with_the_secret_hash() {
    let t = SignInTarget {
        remember: true,
        ..target(None, Some("shh"))
    };
    let (mut w, cmds) = at_finishing(t);
    let r = respond(&cmds);
    assert_eq!(r.challenge_name, "MFA_SETUP");
    assert_eq!(r.session.as_ref().map(Sensitive::expose), Some("s3"));
    let hash = cognito_mfa::auth::secret_hash(&"shh".into(), "bob", "client");
    assert_eq!(value(&r.challenge_responses, "SECRET_HASH"), hash.expose());

    let cmds = update(&mut w, tokens("access", Some("refresh"))).cmds;
    // The access token MFA_SETUP returned asks GetUser what Cognito now reports.
    assert_eq!(
        cmds,
        vec![
            Cmd::GetUser {
                access_token: "access".into()
            },
            Cmd::Remember {
                client_id: "client".into(),
                username: "bob".into(),
                remembered: Remembered {
                    refresh_token: "refresh".into(),
                    client_secret: Some("shh".into()),
                    cognito_username: Some("bob".into()),
                },
            }
        ]
    );
    let user = cognito_mfa::wizard::msg::UserInfo {
        username: "bob".into(),
        mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
        preferred_mfa: Some("SOFTWARE_TOKEN_MFA".into()),
        ..Default::default()
    };
    update(&mut w, Msg::UserLoaded(Ok(user)));
    let Step::Done(s) = &w.step else {
        panic!("not done: {:?}", w.step);
    };
    assert_eq!(s.result, EnrollResult::SetUpAndSignedIn);
    assert_eq!(s.mfa_methods, vec!["SOFTWARE_TOKEN_MFA".to_owned()]);
    assert_eq!(s.preferred_mfa.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    assert!(text::enroll::result(EnrollResult::SetUpAndSignedIn).contains("signed in"));
    update(&mut w, Msg::Remembered(Err("no keychain".into())));
    assert_eq!(
        w.keychain_note,
        Some(KeychainNote::Failed("no keychain".into()))
    );
    assert!(
        w.keychain_note.as_ref().is_some_and(
            |n| text::sign_in::keychain_note(n).contains("Not remembered: no keychain")
        )
    );
}

#[test]
fn finishing_answered_with_another_challenge_explains() {
    let (mut w, _) = at_finishing(target(None, None));
    update(&mut w, challenge("SMS_MFA", "s4", &[]));
    let Step::Failed(f) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert_eq!(f.problem, Problem::ChallengeAfterSetup("SMS_MFA".into()));
    assert!(text::problems::problem(&f.problem).contains("asked for SMS_MFA next"));
}

#[test]
fn remember_never_stores_in_helpdesk_mode() {
    let t = SignInTarget {
        remember: true,
        ..target(None, None)
    };
    let helpdesk = Settings {
        helpdesk: true,
        ..Settings::default()
    };
    let mut w = submitted(t.clone(), helpdesk);
    let cmds = update(&mut w, tokens("access", Some("refresh"))).cmds;
    assert!(!cmds.iter().any(|c| matches!(c, Cmd::Remember { .. })));
    assert_eq!(w.keychain_note, Some(KeychainNote::HelpdeskNeverStores));
    assert!(text::sign_in::keychain_note(&KeychainNote::HelpdeskNeverStores).contains("helpdesk"));

    let mut w = submitted(t, Settings::default());
    let cmds = update(&mut w, tokens("access", Some("refresh"))).cmds;
    assert!(matches!(
        &cmds[..],
        [Cmd::GetUser { .. }, Cmd::Remember { .. }]
    ));
    update(&mut w, Msg::Remembered(Ok(())));
    assert_eq!(w.keychain_note, Some(KeychainNote::Stored));
    assert!(
        text::sign_in::keychain_note(&KeychainNote::Stored).contains("remembered in the keychain")
    );
}

#[test]
fn a_remembered_refresh_token_skips_the_password_and_falls_back_when_refused() {
    let start = |r: Remembered| Start::SignIn {
        target: target(None, None),
        remembered: Some(r),
        notice: None,
    };
    let kept = Remembered {
        client_secret: Some("kept".into()),
        cognito_username: Some("uuid-bob".into()),
        ..remembered("refresh-1")
    };
    let (mut w, cmds) = init(Settings::default(), start(kept));
    let r = initiate(&cmds);
    assert_eq!(r.auth_flow, "REFRESH_TOKEN_AUTH");
    assert_eq!(value(&r.auth_parameters, "REFRESH_TOKEN"), "refresh-1");
    let hash = cognito_mfa::auth::secret_hash(&"kept".into(), "uuid-bob", "client");
    assert_eq!(value(&r.auth_parameters, "SECRET_HASH"), hash.expose());
    assert!(
        matches!(&w.step, Step::SignIn(f) if f.busy && f.notice == Some(SignInNotice::Refreshing))
    );
    assert!(
        text::sign_in::notice(&SignInNotice::Refreshing).contains("remembered in the keychain")
    );
    let cmds = update(&mut w, tokens("access", None)).cmds;
    assert_eq!(
        cmds,
        vec![Cmd::GetUser {
            access_token: "access".into()
        }]
    );

    let (mut w, _) = init(Settings::default(), start(remembered("stale")));
    let cmds = update(
        &mut w,
        refused(WizError::Other("Invalid Refresh Token".into())),
    )
    .cmds;
    assert!(cmds.is_empty());
    let Step::SignIn(form) = &w.step else {
        panic!("{:?}", w.step)
    };
    assert!(!form.busy && !form.refreshing);
    assert_eq!(form.notice, Some(SignInNotice::RememberedRefused));
    assert!(text::sign_in::notice(&SignInNotice::RememberedRefused).contains("Type your password"));
    assert_eq!(w.in_flight, None);
    type_text(&mut w, "pw");
    let cmds = press(&mut w, &[Key::Enter]);
    assert_eq!(initiate(&cmds).auth_flow, "USER_PASSWORD_AUTH");
}

#[test]
fn a_network_failure_in_a_challenge_retries_the_same_answer() {
    let mut w = submitted(target(None, None), Settings::default());
    update(&mut w, challenge("SMS_MFA", "s1", &[]));
    type_text(&mut w, "123456");
    let sent = press(&mut w, &[Key::Enter]);
    update(
        &mut w,
        refused(WizError::Network("Could not connect".into())),
    );
    assert!(matches!(&w.step, Step::Failed(f) if f.retry.is_some()));
    assert_eq!(press(&mut w, &[Key::Char('r')]), sent);
    assert!(matches!(&w.step, Step::Challenge(f) if f.busy));
    update(&mut w, mfa_setup("s2"));
    assert!(matches!(w.step, Step::Preparing(_)));
}
