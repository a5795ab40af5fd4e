use super::*;
use crate::auth::{PasswordVerifier, ServerSession};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use time::macros::datetime;

const POOL: &str = "eu-west-1_Pool42";
const CLIENT: &str = "client-1";
const SESSION: &str = "session-0123456789abcdef";

fn client(secret: Option<&str>) -> AppClient {
    AppClient {
        client_id: CLIENT.into(),
        client_secret: secret.map(Sensitive::new),
    }
}

fn password() -> Credential {
    Credential::Password(Sensitive::new("Corr3ct-Horse!"))
}

fn start(flow: AuthFlow, secret: Option<&str>) -> (SignIn, SignInRequest) {
    SignIn::start(client(secret), "alice", password(), flow, Some(POOL)).unwrap()
}

fn challenge(name: &str, params: &[(&str, &str)]) -> AuthResponse {
    AuthResponse {
        challenge_name: Some(name.into()),
        session: Some(SESSION.into()),
        challenge_parameters: Some(
            params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        authentication_result: None,
    }
}

fn respond(request: SignInRequest) -> RespondToAuthChallengeRequest {
    match request {
        SignInRequest::Respond(r) => r,
        other => panic!("expected RespondToAuthChallenge, got {other:?}"),
    }
}

fn initiate(request: SignInRequest) -> InitiateAuthRequest {
    match request {
        SignInRequest::Initiate(r) => r,
        other => panic!("expected InitiateAuth, got {other:?}"),
    }
}

fn value<'a>(params: &'a SecretParams, key: &str) -> &'a str {
    params.get(key).map(Sensitive::expose).unwrap_or_default()
}

fn hash(user: &str) -> String {
    secret_hash(&Sensitive::new("s3cret"), user, CLIENT)
        .expose()
        .to_owned()
}

/// The MFA_SETUP response after a password sign-in.
fn at_mfa_setup(secret: Option<&str>) -> SignIn {
    let (mut flow, _) = start(AuthFlow::UserPassword, secret);
    let step = flow
        .on_response(&challenge(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]")],
        ))
        .unwrap();
    assert!(matches!(step, Step::MfaSetup(_)));
    flow
}

#[test]
fn srp_start_sends_srp_a_and_needs_the_pool_id() {
    let (_, request) = start(AuthFlow::UserSrp, None);
    let request = initiate(request);
    assert_eq!(request.auth_flow, "USER_SRP_AUTH");
    assert_eq!(value(&request.auth_parameters, "USERNAME"), "alice");
    assert!(value(&request.auth_parameters, "SRP_A").len() > 500);
    assert!(!request.auth_parameters.contains_key("PASSWORD"));
    assert!(!request.auth_parameters.contains_key("SECRET_HASH"));
    let missing = SignIn::start(client(None), "alice", password(), AuthFlow::UserSrp, None);
    assert_eq!(missing.err(), Some(FlowError::PoolIdRequired));
    let bad = SignIn::start(
        client(None),
        "alice",
        password(),
        AuthFlow::UserSrp,
        Some("nounderscore"),
    );
    assert_eq!(bad.err(), Some(FlowError::Srp(SrpError::InvalidPoolId)));
}

#[test]
fn password_and_refresh_starts() {
    let (_, request) = start(AuthFlow::UserPassword, Some("s3cret"));
    let request = initiate(request);
    assert_eq!(request.auth_flow, "USER_PASSWORD_AUTH");
    assert_eq!(
        value(&request.auth_parameters, "PASSWORD"),
        "Corr3ct-Horse!"
    );
    assert_eq!(
        value(&request.auth_parameters, "SECRET_HASH"),
        hash("alice")
    );
    let token = Credential::RefreshToken(Sensitive::new("refresh-me"));
    let (_, request) = SignIn::start(
        client(Some("s3cret")),
        "alice",
        token.clone(),
        AuthFlow::RefreshToken,
        None,
    )
    .unwrap();
    let request = initiate(request);
    assert_eq!(request.auth_flow, "REFRESH_TOKEN_AUTH");
    assert_eq!(
        value(&request.auth_parameters, "REFRESH_TOKEN"),
        "refresh-me"
    );
    assert_eq!(
        value(&request.auth_parameters, "SECRET_HASH"),
        hash("alice")
    );
    assert_eq!(
        SignIn::start(client(None), "a", token, AuthFlow::UserSrp, Some(POOL)).err(),
        Some(FlowError::PasswordRequired("USER_SRP_AUTH"))
    );
    assert_eq!(
        SignIn::start(client(None), "a", password(), AuthFlow::RefreshToken, None).err(),
        Some(FlowError::RefreshTokenRequired)
    );
}

#[test]
fn password_verifier_is_answered_with_a_proof_the_server_accepts() {
    let (mut flow, request) = start(AuthFlow::UserSrp, Some("s3cret"));
    let srp_a = value(&initiate(request).auth_parameters, "SRP_A").to_owned();
    let internal = "2f1c-uuid";
    let verifier =
        PasswordVerifier::new(POOL, internal, &Sensitive::new("Corr3ct-Horse!")).unwrap();
    let server = ServerSession::start(&verifier);
    let block = b"opaque block".to_vec();
    let block64 = STANDARD.encode(&block);
    let srp_b = server.srp_b();
    let salt = server.salt_hex();
    let step = flow
        .on_response_at(
            &AuthResponse {
                session: None,
                ..challenge(
                    "PASSWORD_VERIFIER",
                    &[
                        ("SRP_B", &srp_b),
                        ("SALT", &salt),
                        ("SECRET_BLOCK", &block64),
                        ("USER_ID_FOR_SRP", internal),
                        ("USERNAME", internal),
                    ],
                )
            },
            datetime!(2024-03-05 09:07:03 UTC),
        )
        .unwrap();
    let Step::Send(request) = step else {
        panic!("expected a request, got {step:?}")
    };
    let request = respond(request);
    assert_eq!(request.challenge_name, "PASSWORD_VERIFIER");
    let answers = &request.challenge_responses;
    assert_eq!(value(answers, "USERNAME"), internal);
    assert_eq!(value(answers, "TIMESTAMP"), "Tue Mar 5 09:07:03 UTC 2024");
    assert_eq!(value(answers, "SECRET_HASH"), hash(internal));
    assert_eq!(value(answers, "PASSWORD_CLAIM_SECRET_BLOCK"), block64);
    server
        .verify(
            &srp_a,
            &block,
            value(answers, "TIMESTAMP"),
            value(answers, "PASSWORD_CLAIM_SIGNATURE"),
        )
        .unwrap();
    assert_eq!(flow.username(), internal);
}

#[test]
fn password_verifier_without_srp_or_with_bad_values_fails() {
    let (mut flow, _) = start(AuthFlow::UserPassword, None);
    assert_eq!(
        flow.on_response(&challenge("PASSWORD_VERIFIER", &[])),
        Err(FlowError::UnexpectedPasswordVerifier)
    );
    let (mut flow, _) = start(AuthFlow::UserSrp, None);
    assert_eq!(
        flow.on_response(&challenge("PASSWORD_VERIFIER", &[("SRP_B", "zz")])),
        Err(FlowError::Srp(SrpError::MissingParameter("SALT")))
    );
}

#[test]
fn mfa_setup_reads_json_and_python_lists() {
    for list in ["[\"SOFTWARE_TOKEN_MFA\"]", "['SOFTWARE_TOKEN_MFA']"] {
        let (mut flow, _) = start(AuthFlow::UserPassword, None);
        let step = flow
            .on_response(&challenge(
                "MFA_SETUP",
                &[("MFAS_CAN_SETUP", list), ("USER_ID_FOR_SRP", "internal-id")],
            ))
            .unwrap();
        let Step::MfaSetup(setup) = step else {
            panic!("{step:?}")
        };
        assert_eq!(setup.mfas_can_setup, vec!["SOFTWARE_TOKEN_MFA"]);
        assert!(setup.allows_totp());
        assert_eq!(setup.session.expose(), SESSION);
        assert_eq!(setup.username, "internal-id");
    }
    assert_eq!(
        parse_name_list("['SMS_MFA', 'SOFTWARE_TOKEN_MFA']"),
        vec!["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    );
    assert!(parse_name_list("[]").is_empty());
}

#[test]
fn mfa_setup_finishes_on_the_verified_session_with_secret_hash() {
    let mut flow = at_mfa_setup(Some("s3cret"));
    let request = respond(
        flow.finish_mfa_setup("verified-session-123".into())
            .unwrap(),
    );
    assert_eq!(request.challenge_name, "MFA_SETUP");
    assert_eq!(request.session.unwrap().expose(), "verified-session-123");
    assert_eq!(value(&request.challenge_responses, "USERNAME"), "alice");
    assert_eq!(
        value(&request.challenge_responses, "SECRET_HASH"),
        hash("alice")
    );
    assert_eq!(
        flow.finish_mfa_setup("again".into()),
        Err(FlowError::NotAtMfaSetup)
    );
    let mut resumed = SignIn::at_mfa_setup(client(Some("s3cret")), "bob");
    let request = respond(
        resumed
            .finish_mfa_setup("verified-session-456".into())
            .unwrap(),
    );
    assert_eq!(
        value(&request.challenge_responses, "SECRET_HASH"),
        hash("bob")
    );
    assert_eq!(request.client_id, CLIENT);
}

#[test]
fn new_password_required_asks_and_sends_the_new_password() {
    let (mut flow, _) = start(AuthFlow::UserPassword, Some("s3cret"));
    let step = flow
        .on_response(&challenge(
            "NEW_PASSWORD_REQUIRED",
            &[
                ("USER_ID_FOR_SRP", "alice-internal"),
                ("requiredAttributes", "[\"userAttributes.name\"]"),
                ("userAttributes", "{\"email\":\"a@example.com\"}"),
            ],
        ))
        .unwrap();
    assert_eq!(
        step,
        Step::Prompt(Prompt::NewPassword {
            required_attributes: vec!["name".into()]
        })
    );
    assert_eq!(
        flow.answer(Answer::Code("123456".into())),
        Err(FlowError::NoPendingPrompt)
    );
    let request = respond(
        flow.answer(Answer::NewPassword {
            password: "N3w-Password!".into(),
            attributes: vec![("name".into(), "Alice".into())],
        })
        .unwrap(),
    );
    assert_eq!(request.challenge_name, "NEW_PASSWORD_REQUIRED");
    assert_eq!(request.session.unwrap().expose(), SESSION);
    let answers = &request.challenge_responses;
    assert_eq!(value(answers, "NEW_PASSWORD"), "N3w-Password!");
    assert_eq!(value(answers, "userAttributes.name"), "Alice");
    assert_eq!(value(answers, "USERNAME"), "alice-internal");
    assert_eq!(value(answers, "SECRET_HASH"), hash("alice-internal"));
    let again = flow.answer(Answer::NewPassword {
        password: "An0ther-Password!".into(),
        attributes: vec![],
    });
    assert!(again.is_ok(), "a refused password can be answered again");
    assert_eq!(
        flow.answer(Answer::Code("1".into())),
        Err(FlowError::NoPendingPrompt)
    );
}

#[test]
fn code_challenges_ask_for_the_right_code() {
    for (name, kind, key) in [
        (
            "SOFTWARE_TOKEN_MFA",
            CodeKind::SoftwareToken,
            "SOFTWARE_TOKEN_MFA_CODE",
        ),
        ("SMS_MFA", CodeKind::Sms, "SMS_MFA_CODE"),
        ("EMAIL_OTP", CodeKind::Email, "EMAIL_OTP_CODE"),
    ] {
        let (mut flow, _) = start(AuthFlow::UserPassword, Some("s3cret"));
        let step = flow
            .on_response(&challenge(
                name,
                &[("CODE_DELIVERY_DESTINATION", "+*******1234")],
            ))
            .unwrap();
        assert_eq!(
            step,
            Step::Prompt(Prompt::Code {
                kind,
                destination: Some("+*******1234".into())
            })
        );
        let request = respond(flow.answer(Answer::Code("654321".into())).unwrap());
        assert_eq!(request.challenge_name, name);
        assert_eq!(value(&request.challenge_responses, key), "654321");
        assert_eq!(value(&request.challenge_responses, "USERNAME"), "alice");
        assert_eq!(
            value(&request.challenge_responses, "SECRET_HASH"),
            hash("alice")
        );
    }
}

#[test]
fn select_mfa_type_offers_cognitos_choices() {
    let (mut flow, _) = start(AuthFlow::UserPassword, None);
    let step = flow
        .on_response(&challenge(
            "SELECT_MFA_TYPE",
            &[("MFAS_CAN_CHOOSE", "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]")],
        ))
        .unwrap();
    assert_eq!(
        step,
        Step::Prompt(Prompt::SelectMfaType {
            choices: vec!["SMS_MFA".into(), "SOFTWARE_TOKEN_MFA".into()]
        })
    );
    assert_eq!(
        flow.answer(Answer::MfaType("EMAIL_OTP".into())),
        Err(FlowError::InvalidChoice("EMAIL_OTP".into()))
    );
    let request = respond(
        flow.answer(Answer::MfaType("SOFTWARE_TOKEN_MFA".into()))
            .unwrap(),
    );
    assert_eq!(request.challenge_name, "SELECT_MFA_TYPE");
    assert_eq!(
        value(&request.challenge_responses, "ANSWER"),
        "SOFTWARE_TOKEN_MFA"
    );
    assert!(!request.challenge_responses.contains_key("SECRET_HASH"));
    let step = flow
        .on_response(&challenge("SOFTWARE_TOKEN_MFA", &[]))
        .unwrap();
    assert!(matches!(
        step,
        Step::Prompt(Prompt::Code {
            kind: CodeKind::SoftwareToken,
            ..
        })
    ));
}

#[test]
fn tokens_end_the_flow() {
    let (mut flow, _) = start(AuthFlow::UserPassword, None);
    let result = AuthenticationResult {
        access_token: Some("access".into()),
        expires_in: Some(3600),
        ..AuthenticationResult::default()
    };
    let step = flow
        .on_response(&AuthResponse {
            authentication_result: Some(result.clone()),
            ..AuthResponse::default()
        })
        .unwrap();
    assert_eq!(step, Step::Tokens(result));
    assert_eq!(
        flow.on_response(&AuthResponse::default()),
        Err(FlowError::EmptyResponse)
    );
}

#[test]
fn device_and_custom_challenges_are_not_supported() {
    for name in [
        "DEVICE_SRP_AUTH",
        "DEVICE_PASSWORD_VERIFIER",
        "CUSTOM_CHALLENGE",
    ] {
        let (mut flow, _) = start(AuthFlow::UserSrp, None);
        let err = flow.on_response(&challenge(name, &[])).unwrap_err();
        assert_eq!(err, FlowError::Unsupported(name.into()));
        assert!(err.to_string().contains("does not support"));
    }
}

#[test]
fn a_challenge_without_a_session_is_refused() {
    let (mut flow, _) = start(AuthFlow::UserPassword, None);
    let response = AuthResponse {
        session: None,
        ..challenge("SMS_MFA", &[])
    };
    assert_eq!(
        flow.on_response(&response),
        Err(FlowError::MissingSession("SMS_MFA".into()))
    );
}

#[test]
fn debug_never_shows_the_password_or_secret() {
    let (flow, request) = start(AuthFlow::UserPassword, Some("s3cret"));
    let text = format!("{flow:?} {request:?}");
    assert!(
        !text.contains("Corr3ct") && !text.contains("s3cret"),
        "{text}"
    );
}

#[test]
fn a_secret_block_that_is_not_base64_is_signed_as_text_and_sent_back_unchanged() {
    let (mut flow, _) = start(AuthFlow::UserSrp, None);
    let uuid = "0b5c3f6e-3d4a-4c55-9a0e-4b8f0f1c2d3e";
    let step = flow
        .on_response(&challenge(
            "PASSWORD_VERIFIER",
            &[
                ("SRP_B", "1f2e3d"),
                ("SALT", "abcdef"),
                ("SECRET_BLOCK", uuid),
                ("USER_ID_FOR_SRP", "alice"),
                ("USERNAME", "alice"),
            ],
        ))
        .unwrap();
    let Step::Send(request) = step else {
        panic!("{step:?}")
    };
    let request = respond(request);
    assert_eq!(
        value(&request.challenge_responses, "PASSWORD_CLAIM_SECRET_BLOCK"),
        uuid
    );
    assert_eq!(request.session.unwrap().expose(), SESSION);
}
