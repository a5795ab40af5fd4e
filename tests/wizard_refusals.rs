//! Every answer Cognito documents for the wizard's calls, as `tasks::classify` hands it to
//! `update`: the step it leads to, and the words' key facts (what happened, who fixes it,
//! what comes next).

mod wizard_common;

use cognito_mfa::cognito::{ApiError, ServiceError, ServiceErrorKind};
use cognito_mfa::secret::Sensitive;
use cognito_mfa::text;
use cognito_mfa::wizard::msg::{Association, Credential, UserInfo};
use cognito_mfa::wizard::reasons::Refusal;
use cognito_mfa::wizard::state::{SignInTarget, Step, Wizard};
use cognito_mfa::wizard::tasks::classify;
use cognito_mfa::wizard::{Cmd, Key, Msg, Start, WizError, init, press, update};
use wizard_common::{challenge, sign_in_to, type_keys};

const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn error(operation: &'static str, code: &str, message: &str) -> WizError {
    classify(&ApiError::Service(ServiceError {
        operation,
        kind: ServiceErrorKind::from_code(code),
        code: code.into(),
        message: message.into(),
        status: 400,
        request_id: None,
    }))
}

/// Where each case starts, and the message its failed call arrives as.
#[derive(Clone, Copy, Debug)]
enum At {
    /// The sign-in form sent USER_PASSWORD_AUTH (no pool id known).
    SignIn,
    /// As above, with a pool id: SRP is there to fall back to.
    SignInWithPool,
    /// Access-token flow: GetUser, no app client known.
    GetUser,
    /// Access-token flow with an app client to sign in to: GetUser.
    GetUserWithClient,
    /// Access-token flow: AssociateSoftwareToken.
    Associate,
    /// Access-token flow: VerifySoftwareToken.
    Verify,
    /// Access-token flow: SetUserMFAPreference and GetUser.
    Finish,
    /// NEW_PASSWORD_REQUIRED answered.
    NewPassword,
    /// SOFTWARE_TOKEN_MFA answered.
    AppCode,
}

fn at(at: At) -> Wizard {
    let token = || Sensitive::new("access-token");
    match at {
        At::SignIn | At::SignInWithPool | At::NewPassword | At::AppCode => {
            let mut target = SignInTarget::new("client", "bob");
            if matches!(at, At::SignInWithPool) {
                target.user_pool_id = Some("eu-west-1_Pool".into());
                target.auth_flow = Some(cognito_mfa::auth::flow::AuthFlow::UserPassword);
            }
            let (mut w, _) = init(Default::default(), sign_in_to(target));
            type_keys(&mut w, "hunter2");
            assert!(matches!(press(&mut w, Key::Enter).cmds[..], [Cmd::Auth(_)]));
            let asked = match at {
                At::NewPassword => challenge("NEW_PASSWORD_REQUIRED", "s1", &[]),
                At::AppCode => challenge("SOFTWARE_TOKEN_MFA", "s1", &[]),
                _ => return w,
            };
            update(&mut w, asked);
            match at {
                At::NewPassword => {
                    type_keys(&mut w, "N3w-password!");
                    press(&mut w, Key::Tab);
                    type_keys(&mut w, "N3w-password!");
                }
                _ => {
                    type_keys(&mut w, "123456");
                }
            }
            assert!(matches!(press(&mut w, Key::Enter).cmds[..], [Cmd::Auth(_)]));
            w
        }
        At::GetUser => init(Default::default(), Start::AccessToken(token())).0,
        At::GetUserWithClient => {
            let target = SignInTarget::new("client", "");
            init(
                Default::default(),
                Start::AccessTokenOrSignIn {
                    token: token(),
                    target,
                },
            )
            .0
        }
        At::Associate | At::Verify | At::Finish => {
            let (mut w, _) = init(Default::default(), Start::AccessToken(token()));
            let user = UserInfo {
                username: "alice".into(),
                ..UserInfo::default()
            };
            update(&mut w, Msg::UserLoaded(Ok(user)));
            if matches!(at, At::Associate) {
                return w;
            }
            update(
                &mut w,
                Msg::Associated(Ok(Association {
                    secret: SECRET.into(),
                    session: None,
                    at: 1_700_000_000,
                })),
            );
            press(&mut w, Key::Enter);
            type_keys(&mut w, "123456");
            assert!(matches!(
                press(&mut w, Key::Enter).cmds[..],
                [Cmd::Verify { .. }]
            ));
            if matches!(at, At::Verify) {
                return w;
            }
            update(
                &mut w,
                Msg::Verified(Ok(cognito_mfa::wizard::msg::Verified {
                    session: None,
                    at: 1_700_000_001,
                })),
            );
            w
        }
    }
}

fn answer(at: At, error: WizError) -> Msg {
    match at {
        At::SignIn | At::SignInWithPool | At::NewPassword | At::AppCode => {
            Msg::AuthAnswered(Err(error))
        }
        At::GetUser | At::GetUserWithClient => Msg::UserLoaded(Err(error)),
        At::Associate => Msg::Associated(Err(error)),
        At::Verify => Msg::Verified(Err(error)),
        At::Finish => Msg::Completed(Err(error)),
    }
}

/// The step a case ends on.
#[derive(Debug, PartialEq, Eq)]
enum Lands {
    /// The sign-in form, with its error or notice.
    SignIn,
    /// The same challenge, asked again.
    Challenge,
    /// The code form, asked again.
    Code,
    /// The error screen; `true` when it offers to try again.
    Failed(bool),
}

/// Everything the screen says about what went wrong.
fn said(w: &Wizard) -> (Lands, String) {
    match &w.step {
        Step::SignIn(form) => {
            let mut words = form
                .error
                .as_ref()
                .map(text::sign_in::problem)
                .unwrap_or_default();
            if let Some(notice) = &form.notice {
                words.push_str(&text::sign_in::notice(notice));
            }
            (Lands::SignIn, words)
        }
        Step::Challenge(form) => (
            Lands::Challenge,
            form.error
                .as_ref()
                .map(text::sign_in::challenge_problem)
                .unwrap_or_default(),
        ),
        Step::Code(form) => (
            Lands::Code,
            form.error
                .as_ref()
                .map(text::enroll::code_problem)
                .unwrap_or_default(),
        ),
        Step::Failed(f) => (
            Lands::Failed(f.retry.is_some()),
            text::problems::problem(&f.problem),
        ),
        other => panic!("not a step that explains: {other:?}"),
    }
}

/// Where, which operation, Cognito's code and message, where it lands, the facts it states.
type Case = (
    At,
    &'static str,
    &'static str,
    &'static str,
    Lands,
    &'static [&'static str],
);

#[test]
fn each_refusal_lands_where_it_can_be_dealt_with_and_says_who_fixes_it() {
    use At::*;
    use Lands::Failed as F;
    let na = "NotAuthorizedException";
    let ip = "InvalidParameterException";
    #[rustfmt::skip]
    let cases: &[Case] = &[
        (SignIn, "InitiateAuth", na, "Incorrect username or password.", Lands::SignIn, &["password is wrong", "type the password again"]),
        (SignIn, "InitiateAuth", "UserNotFoundException", "User does not exist.", Lands::SignIn, &["no user with that name", "Check the user name"]),
        (SignIn, "InitiateAuth", na, "User is disabled.", Lands::SignIn, &["disabled", "Only the pool's administrator"]),
        (SignIn, "InitiateAuth", "UserNotConfirmedException", "User is not confirmed.", Lands::SignIn, &["not confirmed", "administrator to confirm"]),
        (SignIn, "InitiateAuth", "PasswordResetRequiredException", "Password reset required for the user", Lands::SignIn, &["reset your password", "forgot password"]),
        (SignIn, "InitiateAuth", "TooManyFailedAttemptsException", "", Lands::SignIn, &["Too many failed attempts", "Wait a few minutes"]),
        (SignIn, "InitiateAuth", na, "Password attempts exceeded", Lands::SignIn, &["Too many failed attempts", "Wait"]),
        (SignIn, "InitiateAuth", "LimitExceededException", "", Lands::SignIn, &["limit", "Wait a few minutes"]),
        (SignIn, "InitiateAuth", ip, "USER_PASSWORD_AUTH flow not enabled for this client", Lands::SignIn, &["does not allow", "--user-pool-id", "administrator"]),
        (SignIn, "InitiateAuth", "ResourceNotFoundException", "User pool client abc does not exist.", Lands::SignIn, &["client id", "region"]),
        (SignIn, "InitiateAuth", "ForbiddenException", "", Lands::SignIn, &["WAF", "Only the pool's administrator"]),
        (SignIn, "InitiateAuth", "InvalidUserPoolConfigurationException", "", Lands::SignIn, &["not set up", "Only the pool's administrator"]),
        (SignIn, "InitiateAuth", "UserLambdaValidationException", "", Lands::SignIn, &["Lambda", "administrator"]),
        (NewPassword, "RespondToAuthChallenge", "InvalidPasswordException", "Password does not conform to policy: Password not long enough", Lands::Challenge, &["password policy", "Password not long enough"]),
        (AppCode, "RespondToAuthChallenge", "CodeMismatchException", "Invalid code received for user", Lands::Challenge, &["authenticator app shows now"]),
        (AppCode, "RespondToAuthChallenge", "ExpiredCodeException", "", Lands::Challenge, &["expired", "newest code"]),
        (GetUser, "GetUser", na, "Access Token has expired", F(false), &["no longer valid", "Sign in again"]),
        (GetUserWithClient, "GetUser", na, "Access Token has been revoked", Lands::SignIn, &["no longer valid", "Sign in below"]),
        (GetUser, "GetUser", "ResourceNotFoundException", "", F(false), &["client id", "region"]),
        (Associate, "AssociateSoftwareToken", "SoftwareTokenMFANotFoundException", "Software Token MFA is not enabled for the user pool", F(false), &["does not allow authenticator apps", "Only the pool's administrator", "will not help"]),
        (Associate, "AssociateSoftwareToken", "ForbiddenException", "", F(false), &["WAF", "administrator"]),
        (Associate, "AssociateSoftwareToken", "LimitExceededException", "", F(true), &["Wait a few minutes, then try again"]),
        (Associate, "AssociateSoftwareToken", na, "Access Token has expired", F(false), &["Sign in again"]),
        (Verify, "VerifySoftwareToken", "CodeMismatchException", "Invalid code received for user", Lands::Code, &["did not match"]),
        (Verify, "VerifySoftwareToken", "EnableSoftwareTokenMFAException", "Code mismatch", Lands::Code, &["did not match"]),
        (Verify, "VerifySoftwareToken", "ExpiredCodeException", "", Lands::Code, &["expired"]),
        (Verify, "VerifySoftwareToken", "TooManyFailedAttemptsException", "", Lands::Code, &["Wait a few minutes"]),
        (Verify, "VerifySoftwareToken", "SoftwareTokenMFANotFoundException", "", F(false), &["Only the pool's administrator"]),
        (Finish, "SetUserMFAPreference", ip, "User has not verified software token mfa", F(false), &["not count the authenticator as verified", "Run the enrollment again"]),
        (Finish, "SetUserMFAPreference", "TooManyRequestsException", "Rate exceeded", Lands::Failed(false), &[]),
    ];
    for (at_, operation, code, message, lands, facts) in cases {
        let mut w = at(*at_);
        let error = error(operation, code, message);
        if error == WizError::Throttled {
            // Throttling is waited out and retried before anything is shown.
            update(&mut w, answer(*at_, error));
            assert!(w.throttled_for().is_some(), "{code}");
            continue;
        }
        update(&mut w, answer(*at_, error));
        let (landed, words) = said(&w);
        assert_eq!(&landed, lands, "{code} {message:?} at {at_:?}: {words}");
        for fact in *facts {
            assert!(
                words.contains(fact),
                "{code} {message:?}: {fact:?} not in {words:?}"
            );
        }
        assert!(!words.contains(")Cognito"), "a missing space: {words}");
        assert!(!words.contains(".Cognito"), "a missing space: {words}");
    }
}

#[test]
fn a_client_without_the_password_flow_falls_back_to_srp_and_says_so() {
    let mut w = at(At::SignInWithPool);
    let refused = error(
        "InitiateAuth",
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    );
    let cmds = update(&mut w, Msg::AuthAnswered(Err(refused.clone()))).cmds;
    let [Cmd::Auth(cognito_mfa::auth::flow::SignInRequest::Initiate(request))] = &cmds[..] else {
        panic!("no second try: {cmds:?}");
    };
    assert_eq!(request.auth_flow, "USER_SRP_AUTH");
    assert!(request.auth_parameters.contains_key("SRP_A"));
    let (landed, words) = said(&w);
    assert_eq!(landed, Lands::SignIn);
    assert!(
        words.contains("does not allow USER_PASSWORD_AUTH"),
        "{words}"
    );
    assert!(words.contains("USER_SRP_AUTH instead"), "{words}");
    // Refused again: no third try, the form says who can fix it.
    let cmds = update(
        &mut w,
        Msg::AuthAnswered(Err(error(
            "InitiateAuth",
            "InvalidParameterException",
            "USER_SRP_AUTH flow not enabled for this client",
        ))),
    )
    .cmds;
    assert!(cmds.is_empty(), "{cmds:?}");
    let (_, words) = said(&w);
    assert!(words.contains("administrator"), "{words}");
}

#[test]
fn an_expired_access_token_offers_a_sign_in_that_leads_back_to_the_enrollment() {
    let mut w = at(At::GetUserWithClient);
    update(
        &mut w,
        Msg::UserLoaded(Err(error(
            "GetUser",
            "NotAuthorizedException",
            "Access Token has expired",
        ))),
    );
    assert!(matches!(w.step, Step::SignIn(_)));
    assert_eq!(w.credential, None);
    type_keys(&mut w, "jane");
    press(&mut w, Key::Tab);
    type_keys(&mut w, "pw");
    let cmds = press(&mut w, Key::Enter).cmds;
    assert!(matches!(cmds[..], [Cmd::Auth(_)]), "{cmds:?}");
    let cmds = update(&mut w, wizard_common::tokens("fresh", None)).cmds;
    assert_eq!(
        cmds,
        vec![Cmd::GetUser {
            access_token: Sensitive::new("fresh")
        }]
    );
    assert_eq!(
        w.credential,
        Some(Credential::AccessToken(Sensitive::new("fresh")))
    );
}

#[test]
fn every_refusal_names_who_can_fix_it() {
    for refusal in [
        Refusal::UserDisabled,
        Refusal::TotpDisabledInPool,
        Refusal::Forbidden,
        Refusal::InvalidUserPoolConfiguration,
        Refusal::FlowNotEnabled {
            flow: "USER_SRP_AUTH".into(),
        },
    ] {
        assert!(
            text::refusals::what(&refusal).contains("administrator"),
            "{refusal:?}"
        );
    }
}

#[test]
fn srp_without_a_pool_id_asks_for_it_on_the_form() {
    let mut w = at(At::SignIn);
    let refused = error(
        "InitiateAuth",
        "InvalidParameterException",
        "USER_PASSWORD_AUTH flow not enabled for this client",
    );
    assert!(
        update(&mut w, Msg::AuthAnswered(Err(refused)))
            .cmds
            .is_empty()
    );
    let Step::SignIn(form) = &w.step else {
        panic!("{:?}", w.step);
    };
    assert_eq!(
        form.form.focus(),
        Some(cognito_mfa::wizard::forms::SignInField::PoolId)
    );
    type_keys(&mut w, "not a pool id");
    assert!(press(&mut w, Key::Enter).cmds.is_empty());
    let (_, words) = said(&w);
    assert!(words.contains("eu-west-1_AbC123"), "{words}");
    for _ in 0.."not a pool id".len() {
        press(&mut w, Key::Backspace);
    }
    type_keys(&mut w, "eu-west-1_Pool");
    // The password went with the refused attempt: Enter asks for it, then signs in with SRP.
    assert!(press(&mut w, Key::Enter).cmds.is_empty());
    type_keys(&mut w, "hunter2");
    let cmds = press(&mut w, Key::Enter).cmds;
    let [Cmd::Auth(cognito_mfa::auth::flow::SignInRequest::Initiate(request))] = &cmds[..] else {
        panic!("no sign-in: {cmds:?}");
    };
    assert_eq!(request.auth_flow, "USER_SRP_AUTH");
}
