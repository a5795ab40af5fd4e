//! The challenges after the password: MFA_SETUP, NEW_PASSWORD_REQUIRED, codes, the MFA
//! choice, tokens, and the challenges the flow refuses.

use super::*;

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
