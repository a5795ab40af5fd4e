//! Enrollment scenarios written against any peer serving a seeded pool (the emulator, moto):
//! each takes the pool description and the peer's clock, and asserts what Cognito documents.

use super::{Peer, PeerClock, call, code, wrong_code};
use cognito_mfa::cognito::wire::*;
use cognito_mfa::secret::Sensitive;

pub fn params(pairs: &[(&str, &Sensitive)]) -> SecretParams {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), (*v).clone()))
        .collect()
}

/// USER_PASSWORD_AUTH with the peer's user.
pub async fn password_sign_in(peer: &Peer) -> AuthResponse {
    call(peer, &password_request(peer)).await.unwrap()
}

pub fn password_request(peer: &Peer) -> InitiateAuthRequest {
    let username = Sensitive::new(peer.username.as_str());
    let password = Sensitive::new(peer.password.as_str());
    let mut auth = params(&[("USERNAME", &username), ("PASSWORD", &password)]);
    if let Some(hash) = peer.secret_hash(&peer.username) {
        auth.insert("SECRET_HASH".into(), hash);
    }
    InitiateAuthRequest {
        auth_flow: "USER_PASSWORD_AUTH".into(),
        auth_parameters: auth,
        client_id: peer.client_id.clone(),
    }
}

/// A challenge answer with USERNAME (and SECRET_HASH for a client with a secret).
pub fn answer(
    peer: &Peer,
    challenge: &str,
    session: &Sensitive,
    extra: &[(&str, &Sensitive)],
) -> RespondToAuthChallengeRequest {
    let username = Sensitive::new(peer.username.as_str());
    let mut responses = params(extra);
    responses.insert("USERNAME".into(), username);
    if let Some(hash) = peer.secret_hash(&peer.username) {
        responses.insert("SECRET_HASH".into(), hash);
    }
    RespondToAuthChallengeRequest {
        client_id: peer.client_id.clone(),
        challenge_name: challenge.into(),
        session: Some(session.clone()),
        challenge_responses: responses,
    }
}

pub fn access_token(response: &AuthResponse) -> Sensitive {
    response
        .authentication_result
        .as_ref()
        .and_then(|r| r.access_token.clone())
        .expect("tokens")
}

pub async fn get_user(peer: &Peer, token: &Sensitive) -> GetUserResponse {
    call(
        peer,
        &GetUserRequest {
            access_token: token.clone(),
        },
    )
    .await
    .unwrap()
}

pub fn totp_preference() -> SetUserMfaPreferenceRequest {
    SetUserMfaPreferenceRequest {
        sms_mfa_settings: None,
        software_token_mfa_settings: Some(MfaSettings {
            enabled: Some(true),
            preferred_mfa: Some(true),
        }),
        email_mfa_settings: None,
        access_token: Sensitive::new(""),
    }
}

/// Pool with MFA ON, user without a token: password → MFA_SETUP → associate (session) →
/// verify → MFA_SETUP answered → tokens; the user then has TOTP and the next sign-in asks for a
/// code. Returns the secret.
pub async fn mfa_setup_after_password(peer: &Peer, clock: &dyn PeerClock) -> Sensitive {
    let first = password_sign_in(peer).await;
    assert_eq!(first.challenge_name.as_deref(), Some("MFA_SETUP"));
    let can_setup = &first.challenge_parameters.as_ref().unwrap()["MFAS_CAN_SETUP"];
    let methods: Vec<String> = serde_json::from_str(can_setup).expect("MFAS_CAN_SETUP is JSON");
    assert_eq!(methods, ["SOFTWARE_TOKEN_MFA"]);
    let session = first.session.expect("MFA_SETUP comes with a session");

    let associated = call(
        peer,
        &AssociateSoftwareTokenRequest {
            access_token: None,
            session: Some(session.clone()),
        },
    )
    .await
    .unwrap();
    let secret = associated.secret_code;
    assert!(cognito_mfa::totp::secret_bits(secret.expose()) >= 160);
    assert_eq!(secret.expose(), secret.expose().to_ascii_uppercase());
    assert!(!secret.expose().contains('='));
    let session = associated.session.expect("a session continues the setup");

    // Answering MFA_SETUP before the token is verified is refused.
    let early = call(peer, &answer(peer, "MFA_SETUP", &session, &[])).await;
    assert!(early.is_err(), "MFA_SETUP answered before verification");

    let wrong = call(
        peer,
        &VerifySoftwareTokenRequest {
            access_token: None,
            session: Some(session.clone()),
            user_code: wrong_code(&secret, clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(wrong.error_type, "EnableSoftwareTokenMFAException");

    let verified = call(
        peer,
        &VerifySoftwareTokenRequest {
            access_token: None,
            session: Some(session),
            user_code: code(&secret, clock.now()),
            friendly_device_name: Some("test phone".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(verified.status, Some(VerifyStatus::Success));
    let session = verified.session.expect("verify returns a new session");

    let done = call(peer, &answer(peer, "MFA_SETUP", &session, &[]))
        .await
        .unwrap();
    let token = access_token(&done);
    let user = get_user(peer, &token).await;
    assert_eq!(user.username, peer.username);
    assert_eq!(
        user.user_mfa_setting_list.as_deref(),
        Some(&["SOFTWARE_TOKEN_MFA".to_string()][..])
    );

    let again = password_sign_in(peer).await;
    assert_eq!(again.challenge_name.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    clock.next_step();
    let signed_in = call(
        peer,
        &answer(
            peer,
            "SOFTWARE_TOKEN_MFA",
            again.session.as_ref().unwrap(),
            &[("SOFTWARE_TOKEN_MFA_CODE", &code(&secret, clock.now()))],
        ),
    )
    .await
    .unwrap();
    assert!(signed_in.authentication_result.is_some());
    secret
}

/// Pool with MFA OPTIONAL, user without a token: sign in → associate (access token) →
/// preference refused before verification → verify → preference → GetUser shows TOTP → the
/// next sign-in asks for a code, and a code answers it. Returns the secret.
pub async fn enroll_with_access_token(peer: &Peer, clock: &dyn PeerClock) -> Sensitive {
    let first = password_sign_in(peer).await;
    assert_eq!(first.challenge_name, None, "no challenge without MFA");
    let token = access_token(&first);
    let before = get_user(peer, &token).await;
    assert_eq!(before.preferred_mfa_setting, None);

    let associated = call(
        peer,
        &AssociateSoftwareTokenRequest {
            access_token: Some(token.clone()),
            session: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(associated.session, None);
    let secret = associated.secret_code;

    let premature = call(
        peer,
        &SetUserMfaPreferenceRequest {
            access_token: token.clone(),
            ..totp_preference()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(premature.error_type, "InvalidParameterException");

    let verified = call(
        peer,
        &VerifySoftwareTokenRequest {
            access_token: Some(token.clone()),
            session: None,
            user_code: code(&secret, clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(verified.status, Some(VerifyStatus::Success));

    call(
        peer,
        &SetUserMfaPreferenceRequest {
            access_token: token.clone(),
            ..totp_preference()
        },
    )
    .await
    .unwrap();
    let after = get_user(peer, &token).await;
    assert_eq!(
        after.preferred_mfa_setting.as_deref(),
        Some("SOFTWARE_TOKEN_MFA")
    );
    assert_eq!(
        after.user_mfa_setting_list.as_deref(),
        Some(&["SOFTWARE_TOKEN_MFA".to_string()][..])
    );

    let next = password_sign_in(peer).await;
    assert_eq!(next.challenge_name.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    let session = next.session.expect("a session for the code");
    let mismatch = call(
        peer,
        &answer(
            peer,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &wrong_code(&secret, clock.now()))],
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(mismatch.error_type, "CodeMismatchException");
    clock.next_step();
    let signed_in = call(
        peer,
        &answer(
            peer,
            "SOFTWARE_TOKEN_MFA",
            &session,
            &[("SOFTWARE_TOKEN_MFA_CODE", &code(&secret, clock.now()))],
        ),
    )
    .await
    .unwrap();
    assert!(signed_in.authentication_result.is_some());
    secret
}
