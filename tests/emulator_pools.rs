//! The pools the emulator can be, as its TOML config describes them: authenticator apps off,
//! MFA OFF, users that may not sign in, user-existence errors, a rate limit, a client without
//! the password flow.

mod emulator_common;

use cognito_mfa::cognito::wire::*;
use cognito_mfa::emulator::{EmulatorConfig, MfaConfiguration, UserStatus};
use emulator_common::scenarios::*;
use emulator_common::*;

async fn refused_sign_in(config: EmulatorConfig, username: &str) -> ErrorAnswer {
    let emu = start(config).await;
    let peer = Peer {
        username: username.into(),
        ..emu.peer.clone()
    };
    call(&peer, &password_request(&peer)).await.unwrap_err()
}

#[tokio::test]
async fn users_that_may_not_sign_in_get_cognitos_answers() {
    let cases = [
        (
            Some(UserStatus::Unconfirmed),
            true,
            "UserNotConfirmedException",
        ),
        (
            Some(UserStatus::ResetRequired),
            true,
            "PasswordResetRequiredException",
        ),
        (None, false, "NotAuthorizedException"),
    ];
    for (status, enabled, expected) in cases {
        let mut config = test_config(MfaConfiguration::On);
        if let Some(status) = status {
            config.users[0].status = status;
        }
        config.users[0].enabled = enabled;
        let e = refused_sign_in(config, USERNAME).await;
        assert_eq!(e.error_type, expected, "{status:?} {enabled}");
        if !enabled {
            assert_eq!(e.message, "User is disabled.");
        }
    }
}

#[tokio::test]
async fn an_unknown_user_is_revealed_only_when_the_client_says_so() {
    let e = refused_sign_in(test_config(MfaConfiguration::On), "nobody").await;
    assert_eq!(e.error_type, "NotAuthorizedException");
    let mut config = test_config(MfaConfiguration::On);
    config.clients[0].prevent_user_existence_errors = false;
    let e = refused_sign_in(config, "nobody").await;
    assert_eq!(e.error_type, "UserNotFoundException");
}

#[tokio::test]
async fn a_pool_without_authenticator_apps_refuses_to_associate() {
    let mut config = test_config(MfaConfiguration::Optional);
    config.pool.software_token_mfa = false;
    let emu = start(config).await;
    let token = access_token(&password_sign_in(&emu.peer).await);
    let e = call(
        &emu.peer,
        &AssociateSoftwareTokenRequest {
            access_token: Some(token),
            session: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.error_type, "SoftwareTokenMFANotFoundException");
}

#[tokio::test]
async fn with_mfa_off_get_user_lists_no_mfa_after_enrollment() {
    let emu = start(test_config(MfaConfiguration::Off)).await;
    let token = access_token(&password_sign_in(&emu.peer).await);
    let secret = associate_with_token(&emu.peer, &token).await;
    let verified = call(
        &emu.peer,
        &VerifySoftwareTokenRequest {
            access_token: Some(token.clone()),
            session: None,
            user_code: code(&secret, emu.clock.now()),
            friendly_device_name: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(verified.status, Some(VerifyStatus::Success));
    call(
        &emu.peer,
        &SetUserMfaPreferenceRequest {
            access_token: token.clone(),
            ..totp_preference()
        },
    )
    .await
    .unwrap();
    // Sign-in will not ask for the code: GetUser lists nothing for the wizard to promise.
    let user = get_user(&emu.peer, &token).await;
    assert_eq!(user.user_mfa_setting_list, None);
    assert_eq!(user.preferred_mfa_setting, None);
}

#[tokio::test]
async fn a_client_without_the_password_flow_says_so() {
    let mut config = test_config(MfaConfiguration::On);
    config.clients[0].auth_flows = vec![cognito_mfa::emulator::AuthFlow::UserSrp];
    let e = refused_sign_in(config, USERNAME).await;
    assert_eq!(e.error_type, "InvalidParameterException");
    assert_eq!(
        e.message,
        "USER_PASSWORD_AUTH flow not enabled for this client"
    );
}

#[tokio::test]
async fn beyond_the_rate_limit_requests_are_throttled() {
    let mut config = test_config(MfaConfiguration::On);
    config.pool.requests_per_second = Some(2);
    let emu = start(config).await;
    let request = password_request(&emu.peer);
    assert!(call(&emu.peer, &request).await.is_ok());
    assert!(call(&emu.peer, &request).await.is_ok());
    let e = call(&emu.peer, &request).await.unwrap_err();
    assert_eq!(e.error_type, "TooManyRequestsException");
    emu.clock.advance(1);
    assert!(call(&emu.peer, &request).await.is_ok());
}

#[tokio::test]
async fn user_auth_without_a_preferred_challenge_asks_which_and_takes_the_password() {
    let mut config = test_config(MfaConfiguration::On);
    config.clients[0].auth_flows = vec![cognito_mfa::emulator::AuthFlow::UserAuth];
    let emu = start(config).await;
    let username = cognito_mfa::secret::Sensitive::new(USERNAME);
    let first = call(
        &emu.peer,
        &InitiateAuthRequest {
            auth_flow: "USER_AUTH".into(),
            auth_parameters: params(&[("USERNAME", &username)]),
            client_id: emu.peer.client_id.clone(),
        },
    )
    .await
    .unwrap();
    assert_eq!(first.challenge_name.as_deref(), Some("SELECT_CHALLENGE"));
    assert_eq!(
        first.available_challenges,
        Some(vec!["PASSWORD".to_owned(), "PASSWORD_SRP".to_owned()])
    );
    let password = cognito_mfa::secret::Sensitive::new(PASSWORD);
    let answer = "PASSWORD".into();
    let next = call(
        &emu.peer,
        &RespondToAuthChallengeRequest {
            client_id: emu.peer.client_id.clone(),
            challenge_name: "SELECT_CHALLENGE".into(),
            session: first.session,
            challenge_responses: params(&[
                ("USERNAME", &username),
                ("ANSWER", &answer),
                ("PASSWORD", &password),
            ]),
        },
    )
    .await
    .unwrap();
    assert_eq!(next.challenge_name.as_deref(), Some("MFA_SETUP"));
}
