//! The enrollment scenarios against the in-process emulator, plus the flows around them:
//! new password, refresh, re-association, the demo hook, the embedded pool.

mod emulator_common;

use cognito_mfa::cognito::wire::*;
use cognito_mfa::emulator::{Emulator, EmulatorConfig, MfaConfiguration};
use cognito_mfa::secret::Sensitive;
use emulator_common::scenarios::*;
use emulator_common::*;

#[tokio::test]
async fn mfa_setup_chain_after_password_sign_in() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    mfa_setup_after_password(&emu.peer, &emu.clock).await;
}

#[tokio::test]
async fn mfa_setup_chain_with_a_client_secret() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let peer = emu.peer.with_secret(SECRET_CLIENT_ID, CLIENT_SECRET);
    mfa_setup_after_password(&peer, &emu.clock).await;
}

#[tokio::test]
async fn enrollment_with_an_access_token_in_an_optional_pool() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    enroll_with_access_token(&emu.peer, &emu.clock).await;
}

#[tokio::test]
async fn new_password_required_then_mfa_setup() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let peer = Peer {
        username: NEWCOMER.into(),
        password: NEWCOMER_PASSWORD.into(),
        ..emu.peer.clone()
    };
    let first = password_sign_in(&peer).await;
    assert_eq!(
        first.challenge_name.as_deref(),
        Some("NEW_PASSWORD_REQUIRED")
    );
    let parameters = first.challenge_parameters.unwrap();
    let attributes: serde_json::Value =
        serde_json::from_str(&parameters["userAttributes"]).unwrap();
    assert_eq!(attributes["email"], "newcomer@example.com");
    let session = first.session.unwrap();

    let weak = Sensitive::new("short");
    let refused = call(
        &peer,
        &answer(
            &peer,
            "NEW_PASSWORD_REQUIRED",
            &session,
            &[("NEW_PASSWORD", &weak)],
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(refused.error_type, "InvalidPasswordException");

    let new_password = Sensitive::new("Brand-New-Passw0rd");
    let next = call(
        &peer,
        &answer(
            &peer,
            "NEW_PASSWORD_REQUIRED",
            &session,
            &[("NEW_PASSWORD", &new_password)],
        ),
    )
    .await
    .unwrap();
    assert_eq!(next.challenge_name.as_deref(), Some("MFA_SETUP"));

    // The old password no longer works; the new one does.
    let old = call(&peer, &password_request(&peer)).await.unwrap_err();
    assert_eq!(old.error_type, "NotAuthorizedException");
    let renewed = Peer {
        password: "Brand-New-Passw0rd".into(),
        ..peer.clone()
    };
    mfa_setup_after_password(&renewed, &emu.clock).await;
}

#[tokio::test]
async fn refresh_token_gives_a_working_access_token() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let first = password_sign_in(&emu.peer).await;
    let refresh = first
        .authentication_result
        .unwrap()
        .refresh_token
        .expect("a refresh token");
    let auth = params(&[("REFRESH_TOKEN", &refresh)]);
    let refreshed = call(
        &emu.peer,
        &InitiateAuthRequest {
            auth_flow: "REFRESH_TOKEN_AUTH".into(),
            auth_parameters: auth.clone(),
            client_id: CLIENT_ID.into(),
        },
    )
    .await
    .unwrap();
    let token = access_token(&refreshed);
    assert_eq!(get_user(&emu.peer, &token).await.username, USERNAME);

    let bogus = params(&[("REFRESH_TOKEN", &Sensitive::new("not-a-refresh-token"))]);
    let refused = call(
        &emu.peer,
        &InitiateAuthRequest {
            auth_flow: "REFRESH_TOKEN_AUTH".into(),
            auth_parameters: bogus,
            client_id: CLIENT_ID.into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(refused.error_type, "NotAuthorizedException");
}

#[tokio::test]
async fn a_new_secret_replaces_the_old_one_only_once_verified() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let old_secret = mfa_setup_after_password(&emu.peer, &emu.clock).await;
    emu.clock.next_step();
    let signed_in = {
        let challenge = password_sign_in(&emu.peer).await;
        let code = code(&old_secret, emu.clock.now());
        call(
            &emu.peer,
            &answer(
                &emu.peer,
                "SOFTWARE_TOKEN_MFA",
                challenge.session.as_ref().unwrap(),
                &[("SOFTWARE_TOKEN_MFA_CODE", &code)],
            ),
        )
        .await
        .unwrap()
    };
    let token = access_token(&signed_in);
    let new_secret = associate_with_token(&emu.peer, &token).await;
    assert_ne!(new_secret, old_secret);

    // Not verified yet: sign-in still takes the old secret's codes.
    emu.clock.next_step();
    let answer_with = |secret: Sensitive| {
        let peer = emu.peer.clone();
        let now = emu.clock.now();
        async move {
            let challenge = password_sign_in(&peer).await;
            call(
                &peer,
                &answer(
                    &peer,
                    "SOFTWARE_TOKEN_MFA",
                    challenge.session.as_ref().unwrap(),
                    &[("SOFTWARE_TOKEN_MFA_CODE", &code(&secret, now))],
                ),
            )
            .await
        }
    };
    assert!(answer_with(new_secret.clone()).await.is_err());
    assert!(answer_with(old_secret.clone()).await.is_ok());

    emu.clock.next_step();
    let verified = call(
        &emu.peer,
        &VerifySoftwareTokenRequest {
            access_token: Some(token),
            session: None,
            user_code: code(&new_secret, emu.clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(verified.status, Some(VerifyStatus::Success));
    emu.clock.next_step();
    assert!(answer_with(old_secret).await.is_err());
    assert!(answer_with(new_secret).await.is_ok());
}

#[tokio::test]
async fn demo_hook_shows_the_code_of_the_latest_secret() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let demo = emu.running.demo_codes();
    assert!(demo.current_code(USERNAME).is_none());
    let first = password_sign_in(&emu.peer).await;
    let associated = call(
        &emu.peer,
        &AssociateSoftwareTokenRequest {
            access_token: None,
            session: first.session,
        },
    )
    .await
    .unwrap();
    let shown = demo.current_code(USERNAME).unwrap();
    assert_eq!(shown.code, code(&associated.secret_code, emu.clock.now()));
    assert_eq!(shown.seconds_left, 15);
    let verified = call(
        &emu.peer,
        &VerifySoftwareTokenRequest {
            access_token: None,
            session: associated.session,
            user_code: shown.code,
            friendly_device_name: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(verified.status, Some(VerifyStatus::Success));
    assert!(demo.current_code("nobody").is_none());
}

#[tokio::test]
async fn embedded_pool_serves_its_report_users() {
    let running = Emulator::new(EmulatorConfig::embedded().unwrap())
        .start()
        .await
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&running.report().to_json_line()).unwrap();
    assert_eq!(report["endpoint"], running.endpoint());
    assert!(running.endpoint().starts_with("http://127.0.0.1:"));
    let users = report["users"].as_array().unwrap();
    assert_eq!(users.len(), 2);
    let peer = Peer {
        endpoint: running.endpoint().into(),
        client_id: report["client_id"].as_str().unwrap().into(),
        client_secret: None,
        username: users[0]["username"].as_str().unwrap().into(),
        password: users[0]["password"].as_str().unwrap().into(),
    };
    let first = password_sign_in(&peer).await;
    assert_eq!(first.challenge_name.as_deref(), Some("MFA_SETUP"));
    running.shutdown().await;
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let endpoint = emu.peer.endpoint.clone();
    emu.running.shutdown().await;
    let refused = http().post(&endpoint).body("{}").send().await;
    assert!(refused.is_err(), "still serving after shutdown");
}
