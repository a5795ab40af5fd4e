//! Credentials as Cognito checks them: SECRET_HASH, signed access tokens (forged, expired,
//! foreign), the arguments of AssociateSoftwareToken, passwords, the flows a client allows.

mod emulator_common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cognito_mfa::cognito::wire::*;
use cognito_mfa::emulator::{AuthFlow, MfaConfiguration};
use cognito_mfa::secret::Sensitive;
use emulator_common::scenarios::*;
use emulator_common::*;

fn associate_with_session(session: &Sensitive) -> AssociateSoftwareTokenRequest {
    AssociateSoftwareTokenRequest {
        access_token: None,
        session: Some(session.clone()),
    }
}

/// Signs in a user without MFA (OPTIONAL pool) and returns the access token.
async fn token_for(emu: &TestEmulator) -> Sensitive {
    access_token(&password_sign_in(&emu.peer).await)
}

#[tokio::test]
async fn secret_hash_missing_or_wrong_is_refused() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let peer = emu.peer.with_secret(SECRET_CLIENT_ID, CLIENT_SECRET);
    let mut request = password_request(&peer);
    request.auth_parameters.remove("SECRET_HASH");
    let missing = call(&peer, &request).await.unwrap_err();
    assert_eq!(missing.error_type, "NotAuthorizedException");
    assert!(missing.message.contains("secret was not received"));

    let wrong_secret = peer.with_secret(SECRET_CLIENT_ID, "not-the-secret");
    let wrong = call(&peer, &password_request(&wrong_secret))
        .await
        .unwrap_err();
    assert_eq!(wrong.error_type, "NotAuthorizedException");
    assert_eq!(
        wrong.message,
        format!("Unable to verify secret hash for client {SECRET_CLIENT_ID}")
    );

    // The challenge answer is checked too.
    let session = password_sign_in(&peer).await.session.unwrap();
    let associated = call(&peer, &associate_with_session(&session))
        .await
        .unwrap();
    let verified = call(
        &peer,
        &VerifySoftwareTokenRequest {
            access_token: None,
            session: associated.session,
            user_code: code(&associated.secret_code, emu.clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap();
    let setup = verified.session.unwrap();
    let mut unsigned = answer(&peer, "MFA_SETUP", &setup, &[]);
    unsigned.challenge_responses.remove("SECRET_HASH");
    let err = call(&peer, &unsigned).await.unwrap_err();
    assert_eq!(err.error_type, "NotAuthorizedException");
    assert!(
        call(&peer, &answer(&peer, "MFA_SETUP", &setup, &[]))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn access_tokens_are_signed_jwts_with_cognitos_claims() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let token = token_for(&emu).await;
    let parts: Vec<&str> = token.expose().split('.').collect();
    assert_eq!(parts.len(), 3);
    let claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["username"], USERNAME);
    assert_eq!(claims["client_id"], CLIENT_ID);
    assert_eq!(claims["token_use"], "access");
    assert_eq!(claims["scope"], "aws.cognito.signin.user.admin");
    assert_eq!(claims["exp"], START + 3600);
}

#[tokio::test]
async fn forged_expired_and_unknown_tokens_are_refused() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let signed_in = password_sign_in(&emu.peer).await;
    let token = access_token(&signed_in);
    let parts: Vec<&str> = token.expose().split('.').collect();

    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["username"] = NEWCOMER.into();
    let forged_payload = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    let other = start(test_config(MfaConfiguration::Optional)).await;
    let foreign = token_for(&other).await;
    let id_token = signed_in.authentication_result.unwrap().id_token.unwrap();
    for forged in [
        Sensitive::new(forged_payload),
        Sensitive::new(format!("{}.{}.AAAA", parts[0], parts[1])),
        Sensitive::new(
            format!(
                "{}.{}",
                URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
                parts[1]
            ) + ".",
        ),
        foreign,
        id_token,
        Sensitive::new("not a token"),
        Sensitive::new(""),
    ] {
        let err = call(
            &emu.peer,
            &GetUserRequest {
                access_token: forged,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(err.error_type, "NotAuthorizedException");
        assert_eq!(err.message, "Invalid Access Token");
    }

    assert!(get_user(&emu.peer, &token).await.username == USERNAME);
    emu.clock.advance(3600);
    for err in [
        call(
            &emu.peer,
            &GetUserRequest {
                access_token: token.clone(),
            },
        )
        .await
        .unwrap_err(),
        call(
            &emu.peer,
            &AssociateSoftwareTokenRequest {
                access_token: Some(token.clone()),
                session: None,
            },
        )
        .await
        .unwrap_err(),
    ] {
        assert_eq!(err.error_type, "NotAuthorizedException");
        assert_eq!(err.message, "Access Token has expired");
    }
}

#[tokio::test]
async fn associate_takes_a_token_or_a_session_not_both() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let session = password_sign_in(&emu.peer).await.session.unwrap();
    for request in [
        AssociateSoftwareTokenRequest {
            access_token: Some("x.y.z".into()),
            session: Some(session.clone()),
        },
        AssociateSoftwareTokenRequest::default(),
    ] {
        let err = call(&emu.peer, &request).await.unwrap_err();
        assert_eq!(err.error_type, "InvalidParameterException");
    }
    // The refused call did not spend the session.
    assert!(
        call(&emu.peer, &associate_with_session(&session))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn secrets_are_fresh_long_upper_case_base32() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let token = token_for(&emu).await;
    let mut seen = Vec::new();
    for _ in 0..3 {
        let secret = associate_with_token(&emu.peer, &token).await;
        let text = secret.expose().to_string();
        assert_eq!(text.len(), 52);
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
        );
        assert!(!seen.contains(&text));
        seen.push(text);
    }
}

#[tokio::test]
async fn preference_before_verification_is_refused() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let token = token_for(&emu).await;
    let err = call(
        &emu.peer,
        &SetUserMfaPreferenceRequest {
            sms_mfa_settings: None,
            software_token_mfa_settings: Some(MfaSettings {
                enabled: Some(true),
                preferred_mfa: Some(true),
            }),
            email_mfa_settings: None,
            access_token: token.clone(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.error_type, "InvalidParameterException");
    let user = get_user(&emu.peer, &token).await;
    assert_eq!(user.user_mfa_setting_list, None);
    assert_eq!(user.attribute("email"), Some("alice@example.com"));
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let wrong_password = Peer {
        password: "Wrong-Passw0rd!".into(),
        ..emu.peer.clone()
    };
    let unknown_user = Peer {
        username: "mallory".into(),
        ..emu.peer.clone()
    };
    let a = call(&emu.peer, &password_request(&wrong_password))
        .await
        .unwrap_err();
    let b = call(&emu.peer, &password_request(&unknown_user))
        .await
        .unwrap_err();
    assert_eq!(a.error_type, "NotAuthorizedException");
    assert_eq!((a.error_type, a.message), (b.error_type, b.message));
}

#[tokio::test]
async fn clients_allow_only_their_flows() {
    let mut config = test_config(MfaConfiguration::On);
    config.clients[0].auth_flows = vec![AuthFlow::UserSrp];
    let emu = start(config).await;
    let err = call(&emu.peer, &password_request(&emu.peer))
        .await
        .unwrap_err();
    assert_eq!(err.error_type, "InvalidParameterException");
    assert_eq!(
        err.message,
        "USER_PASSWORD_AUTH flow not enabled for this client"
    );

    let unknown = Peer {
        client_id: "nosuchclient".into(),
        ..emu.peer.clone()
    };
    let err = call(&emu.peer, &password_request(&unknown))
        .await
        .unwrap_err();
    assert_eq!(err.error_type, "ResourceNotFoundException");
}
