//! Sessions and codes as Cognito treats them: sessions expire and are single-use, wrong codes
//! are retryable a few times, a code is accepted once, one step either side of now.

mod emulator_common;

use cognito_mfa::cognito::wire::*;
use cognito_mfa::emulator::MfaConfiguration;
use cognito_mfa::secret::Sensitive;
use emulator_common::scenarios::*;
use emulator_common::*;

fn associate_with_session(session: &Sensitive) -> AssociateSoftwareTokenRequest {
    AssociateSoftwareTokenRequest {
        access_token: None,
        session: Some(session.clone()),
    }
}

fn verify_with_token(token: &Sensitive, code: Sensitive) -> VerifySoftwareTokenRequest {
    VerifySoftwareTokenRequest {
        access_token: Some(token.clone()),
        session: None,
        user_code: code,
        friendly_device_name: None,
    }
}

/// Signs in a user without MFA (OPTIONAL pool) and returns the access token.
async fn token_for(emu: &TestEmulator) -> Sensitive {
    access_token(&password_sign_in(&emu.peer).await)
}

#[tokio::test]
async fn sessions_expire_after_the_clients_validity() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let session = password_sign_in(&emu.peer).await.session.unwrap();
    emu.clock.advance(180);
    let err = call(&emu.peer, &associate_with_session(&session))
        .await
        .unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    assert_eq!(
        err.message,
        "Invalid session for the user, session is expired."
    );

    let fresh = password_sign_in(&emu.peer).await.session.unwrap();
    emu.clock.advance(179);
    assert!(
        call(&emu.peer, &associate_with_session(&fresh))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn session_validity_follows_the_client_config() {
    let mut config = test_config(MfaConfiguration::On);
    config.clients[0].session_validity = std::time::Duration::from_secs(5);
    let emu = start(config).await;
    let session = password_sign_in(&emu.peer).await.session.unwrap();
    emu.clock.advance(5);
    let err = call(&emu.peer, &associate_with_session(&session))
        .await
        .unwrap_err();
    assert!(err.message.contains("expired"), "{}", err.message);
}

#[tokio::test]
async fn sessions_are_single_use() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let session = password_sign_in(&emu.peer).await.session.unwrap();
    let associated = call(&emu.peer, &associate_with_session(&session))
        .await
        .unwrap();
    let again = call(&emu.peer, &associate_with_session(&session))
        .await
        .unwrap_err();
    assert_eq!(again.error_type, "NotAuthorizedException");
    assert_eq!(
        again.message,
        "Invalid session for the user, session can only be used once."
    );

    let verified = call(
        &emu.peer,
        &VerifySoftwareTokenRequest {
            access_token: None,
            session: associated.session.clone(),
            user_code: code(&associated.secret_code, emu.clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap();
    let setup = verified.session.unwrap();
    call(&emu.peer, &answer(&emu.peer, "MFA_SETUP", &setup, &[]))
        .await
        .unwrap();
    let reused = call(&emu.peer, &answer(&emu.peer, "MFA_SETUP", &setup, &[]))
        .await
        .unwrap_err();
    assert_eq!(reused.error_type, "NotAuthorizedException");
    // The session that led to the verification is spent as well.
    let stale = call(
        &emu.peer,
        &VerifySoftwareTokenRequest {
            access_token: None,
            session: associated.session,
            user_code: next_code(&associated.secret_code, emu.clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(stale.error_type, "NotAuthorizedException");

    let unknown = call(
        &emu.peer,
        &associate_with_session(&Sensitive::new("made-up")),
    )
    .await
    .unwrap_err();
    assert_eq!(unknown.error_type, "NotAuthorizedException");
}

#[tokio::test]
async fn wrong_codes_are_retryable_a_few_times_then_the_session_is_spent() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let session = password_sign_in(&emu.peer).await.session.unwrap();
    let associated = call(&emu.peer, &associate_with_session(&session))
        .await
        .unwrap();
    let (secret, session) = (associated.secret_code, associated.session.unwrap());
    let verify = |code: Sensitive| VerifySoftwareTokenRequest {
        access_token: None,
        session: Some(session.clone()),
        user_code: code,
        friendly_device_name: None,
    };
    for _ in 0..2 {
        let err = call(&emu.peer, &verify(wrong_code(&secret, emu.clock.now())))
            .await
            .unwrap_err();
        assert_eq!(err.error_type, "EnableSoftwareTokenMFAException");
        assert_eq!(
            err.message,
            "Code mismatch and fail enable Software Token MFA"
        );
    }
    let third = call(&emu.peer, &verify(wrong_code(&secret, emu.clock.now())))
        .await
        .unwrap_err();
    assert_eq!(third.error_type, "EnableSoftwareTokenMFAException");
    let spent = call(&emu.peer, &verify(code(&secret, emu.clock.now())))
        .await
        .unwrap_err();
    assert_eq!(spent.error_type, "NotAuthorizedException");
}

#[tokio::test]
async fn codes_one_step_either_side_pass_two_steps_do_not() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let token = token_for(&emu).await;
    let secret = associate_with_token(&emu.peer, &token).await;
    let now = emu.clock.now();
    for off in [now - 60, now + 60] {
        let err = call(&emu.peer, &verify_with_token(&token, code(&secret, off)))
            .await
            .unwrap_err();
        assert_eq!(err.error_type, "EnableSoftwareTokenMFAException");
    }
    let malformed = call(&emu.peer, &verify_with_token(&token, "12345".into()))
        .await
        .unwrap_err();
    assert_eq!(malformed.error_type, "InvalidParameterException");
    let ok = call(
        &emu.peer,
        &verify_with_token(&token, code(&secret, now - 30)),
    )
    .await
    .unwrap();
    assert_eq!(ok.status, Some(VerifyStatus::Success));
}

#[tokio::test]
async fn an_accepted_code_is_not_accepted_again() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let token = token_for(&emu).await;
    let secret = associate_with_token(&emu.peer, &token).await;
    let used = code(&secret, emu.clock.now());
    call(&emu.peer, &verify_with_token(&token, used.clone()))
        .await
        .unwrap();
    let replay = call(&emu.peer, &verify_with_token(&token, used.clone()))
        .await
        .unwrap_err();
    assert_eq!(replay.error_type, "EnableSoftwareTokenMFAException");

    call(
        &emu.peer,
        &SetUserMfaPreferenceRequest {
            sms_mfa_settings: None,
            software_token_mfa_settings: Some(MfaSettings {
                enabled: Some(true),
                preferred_mfa: Some(true),
            }),
            email_mfa_settings: None,
            access_token: token,
        },
    )
    .await
    .unwrap();
    let challenge = password_sign_in(&emu.peer).await;
    let session = challenge.session.unwrap();
    let at_sign_in = call(
        &emu.peer,
        &answer(
            &emu.peer,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &used)],
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(at_sign_in.error_type, "CodeMismatchException");
    // An earlier step's code is no better once a later one was accepted.
    let earlier = code(&secret, emu.clock.now() - 30);
    let refused = call(
        &emu.peer,
        &answer(
            &emu.peer,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &earlier)],
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(refused.error_type, "CodeMismatchException");
    let fresh = next_code(&secret, emu.clock.now());
    let ok = call(
        &emu.peer,
        &answer(
            &emu.peer,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &fresh)],
        ),
    )
    .await
    .unwrap();
    assert!(ok.authentication_result.is_some());
}

#[tokio::test]
async fn a_session_belongs_to_its_client_and_user() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let token = token_for(&emu).await;
    let secret = associate_with_token(&emu.peer, &token).await;
    call(
        &emu.peer,
        &verify_with_token(&token, code(&secret, emu.clock.now())),
    )
    .await
    .unwrap();
    call(
        &emu.peer,
        &SetUserMfaPreferenceRequest {
            sms_mfa_settings: None,
            software_token_mfa_settings: Some(MfaSettings {
                enabled: Some(true),
                preferred_mfa: Some(true),
            }),
            email_mfa_settings: None,
            access_token: token,
        },
    )
    .await
    .unwrap();
    let session = password_sign_in(&emu.peer).await.session.unwrap();
    let fresh = next_code(&secret, emu.clock.now());
    let other_client = emu.peer.with_secret(SECRET_CLIENT_ID, CLIENT_SECRET);
    let err = call(
        &other_client,
        &answer(
            &other_client,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &fresh)],
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    let other_user = Peer {
        username: NEWCOMER.into(),
        ..emu.peer.clone()
    };
    let err = call(
        &emu.peer,
        &answer(
            &other_user,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &fresh)],
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    let ok = call(
        &emu.peer,
        &answer(
            &emu.peer,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &fresh)],
        ),
    )
    .await
    .unwrap();
    assert!(ok.authentication_result.is_some());
}
