//! The emulator's administrator operations, signed: each answer's shape as the Cognito API
//! reference gives it; AdminSetUserMFAPreference turning the authenticator off before a sign-in
//! in MFA ON and OPTIONAL pools; AdminUserGlobalSignOut revoking the tokens issued before it.

mod emulator_common;

use cognito_mfa::cognito::wire::*;
use cognito_mfa::emulator::MfaConfiguration;
use cognito_mfa::secret::Sensitive;
use emulator_common::scenarios::*;
use emulator_common::signed::{POOL_ID, Signer, Tamper, admin, signed_raw};
use emulator_common::*;
use serde_json::json;

fn user(name: &str) -> serde_json::Value {
    json!({"UserPoolId": POOL_ID, "Username": name})
}

async fn admin_error(emu: &TestEmulator, operation: &str, body: serde_json::Value) -> RawAnswer {
    let answer = signed_raw(
        &emu.peer.endpoint,
        operation,
        &body,
        &Signer::default(),
        Tamper::Nothing,
    )
    .await;
    assert_eq!(answer.status, 400, "{}", answer.body);
    answer
}

fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[tokio::test]
async fn admin_get_user_has_cognitos_shape_before_and_after_enrollment() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let before = admin(&emu.peer.endpoint, "AdminGetUser", user(USERNAME)).await;
    assert_eq!(
        keys(&before),
        [
            "Enabled",
            "UserAttributes",
            "UserCreateDate",
            "UserLastModifiedDate",
            "UserStatus",
            "Username"
        ],
        "no MFA members before enrollment: {before}"
    );
    assert_eq!(before["Username"], USERNAME);
    assert_eq!(before["Enabled"], true);
    assert_eq!(before["UserStatus"], "CONFIRMED");
    let attributes = before["UserAttributes"].as_array().unwrap();
    let names: Vec<&str> = attributes
        .iter()
        .map(|a| a["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sub", "email_verified", "email"]);
    assert_eq!(attributes[2]["Value"], "alice@example.com");
    // Epoch seconds as a number with a fractional part, as Cognito sends them.
    assert!(before["UserCreateDate"].is_f64(), "{before}");
    assert_eq!(before["UserCreateDate"].as_f64(), Some(START as f64));
    let newcomer = admin(&emu.peer.endpoint, "AdminGetUser", user(NEWCOMER)).await;
    assert_eq!(newcomer["UserStatus"], "FORCE_CHANGE_PASSWORD");

    emu.clock.advance(30);
    mfa_setup_after_password(&emu.peer, &emu.clock).await;
    let after = admin(&emu.peer.endpoint, "AdminGetUser", user(USERNAME)).await;
    assert_eq!(after["UserMFASettingList"], json!(["SOFTWARE_TOKEN_MFA"]));
    assert_eq!(after["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(after["UserCreateDate"], before["UserCreateDate"]);
}

#[tokio::test]
async fn unknown_users_pools_and_malformed_pool_ids_are_refused() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    let unknown = admin_error(&emu, "AdminGetUser", user("nobody")).await;
    assert_eq!(unknown.error_type(), "UserNotFoundException");
    assert_eq!(unknown.body["message"], "User does not exist.");
    let other_pool = json!({"UserPoolId": "us-east-1_OtherPool", "Username": USERNAME});
    let other = admin_error(&emu, "AdminGetUser", other_pool).await;
    assert_eq!(other.error_type(), "ResourceNotFoundException");
    assert_eq!(
        other.body["message"],
        "User pool us-east-1_OtherPool does not exist."
    );
    let malformed = json!({"UserPoolId": "no-underscore", "Username": USERNAME});
    let bad = admin_error(&emu, "AdminGetUser", malformed).await;
    assert_eq!(bad.error_type(), "InvalidParameterException");
    let missing = admin_error(&emu, "AdminGetUser", json!({"UserPoolId": POOL_ID})).await;
    assert_eq!(missing.error_type(), "InvalidParameterException");
    assert!(
        missing.body["message"]
            .as_str()
            .unwrap()
            .contains("'username'"),
        "{}",
        missing.body
    );
}

#[tokio::test]
async fn get_user_pool_mfa_config_reports_the_pool() {
    for (mfa, name) in [
        (MfaConfiguration::On, "ON"),
        (MfaConfiguration::Optional, "OPTIONAL"),
        (MfaConfiguration::Off, "OFF"),
    ] {
        let mut config = test_config(mfa);
        config.pool.software_token_mfa = mfa != MfaConfiguration::Off;
        let emu = start(config).await;
        let answer = admin(
            &emu.peer.endpoint,
            "GetUserPoolMfaConfig",
            json!({"UserPoolId": POOL_ID}),
        )
        .await;
        assert_eq!(
            answer,
            json!({
                "SoftwareTokenMfaConfiguration": {"Enabled": mfa != MfaConfiguration::Off},
                "MfaConfiguration": name
            })
        );
    }
}

fn disable_totp(name: &str) -> serde_json::Value {
    json!({
        "UserPoolId": POOL_ID,
        "Username": name,
        "SoftwareTokenMfaSettings": {"Enabled": false, "PreferredMfa": false}
    })
}

#[tokio::test]
async fn turning_the_authenticator_off_in_an_on_pool_leads_to_mfa_setup() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    mfa_setup_after_password(&emu.peer, &emu.clock).await;
    let before = admin(&emu.peer.endpoint, "AdminGetUser", user(USERNAME)).await;
    emu.clock.advance(60);
    let answer = admin(
        &emu.peer.endpoint,
        "AdminSetUserMFAPreference",
        disable_totp(USERNAME),
    )
    .await;
    assert_eq!(answer, json!({}));
    let after = admin(&emu.peer.endpoint, "AdminGetUser", user(USERNAME)).await;
    assert!(after.get("UserMFASettingList").is_none(), "{after}");
    assert!(after.get("PreferredMfaSetting").is_none(), "{after}");
    assert!(
        after["UserLastModifiedDate"].as_f64() > before["UserLastModifiedDate"].as_f64(),
        "{before} → {after}"
    );
    let next = password_sign_in(&emu.peer).await;
    assert_eq!(next.challenge_name.as_deref(), Some("MFA_SETUP"));
    // The user sets up a new app from there.
    mfa_setup_after_password(&emu.peer, &emu.clock).await;
}

#[tokio::test]
async fn turning_the_authenticator_off_in_an_optional_pool_asks_for_no_code() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    enroll_with_access_token(&emu.peer, &emu.clock).await;
    let asked = password_sign_in(&emu.peer).await;
    assert_eq!(asked.challenge_name.as_deref(), Some("SOFTWARE_TOKEN_MFA"));
    admin(
        &emu.peer.endpoint,
        "AdminSetUserMFAPreference",
        disable_totp(USERNAME),
    )
    .await;
    let next = password_sign_in(&emu.peer).await;
    assert_eq!(next.challenge_name, None, "no code asked");
    let token = access_token(&next);
    let listed = get_user(&emu.peer, &token).await;
    assert_eq!(listed.user_mfa_setting_list, None);
    assert_eq!(listed.preferred_mfa_setting, None);
}

#[tokio::test]
async fn turning_on_an_authenticator_the_user_never_verified_is_refused() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let body = json!({
        "UserPoolId": POOL_ID,
        "Username": USERNAME,
        "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}
    });
    let refused = admin_error(&emu, "AdminSetUserMFAPreference", body).await;
    assert_eq!(refused.error_type(), "InvalidParameterException");
    assert_eq!(
        refused.body["message"],
        "User has not verified software token mfa"
    );
    let sms = json!({
        "UserPoolId": POOL_ID,
        "Username": USERNAME,
        "SMSMfaSettings": {"Enabled": true}
    });
    let refused = admin_error(&emu, "AdminSetUserMFAPreference", sms).await;
    assert_eq!(refused.error_type(), "InvalidParameterException");
}

fn refresh_request(peer: &Peer, token: &Sensitive) -> InitiateAuthRequest {
    InitiateAuthRequest {
        auth_flow: "REFRESH_TOKEN_AUTH".into(),
        auth_parameters: params(&[("REFRESH_TOKEN", token)]),
        client_id: peer.client_id.clone(),
    }
}

#[tokio::test]
async fn global_sign_out_revokes_earlier_tokens_and_a_new_sign_in_works() {
    let emu = start(test_config(MfaConfiguration::Optional)).await;
    let signed_in = password_sign_in(&emu.peer).await;
    let result = signed_in.authentication_result.clone().unwrap();
    let (access, refresh) = (result.access_token.unwrap(), result.refresh_token.unwrap());
    get_user(&emu.peer, &access).await;
    let refreshed = call(&emu.peer, &refresh_request(&emu.peer, &refresh)).await;
    assert!(refreshed.is_ok(), "the refresh token works before");

    let answer = admin(&emu.peer.endpoint, "AdminUserGlobalSignOut", user(USERNAME)).await;
    assert_eq!(answer, json!({}));

    let refused = call(
        &emu.peer,
        &GetUserRequest {
            access_token: access.clone(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        (refused.error_type.as_str(), refused.message.as_str()),
        ("NotAuthorizedException", "Access Token has been revoked")
    );
    let refreshed_access = access_token(&refreshed.unwrap());
    let refused = call(
        &emu.peer,
        &GetUserRequest {
            access_token: refreshed_access,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(refused.message, "Access Token has been revoked");
    let refused = call(&emu.peer, &refresh_request(&emu.peer, &refresh))
        .await
        .unwrap_err();
    assert_eq!(
        (refused.error_type.as_str(), refused.message.as_str()),
        ("NotAuthorizedException", "Refresh Token has been revoked")
    );

    // In the same second, a new sign-in's tokens work.
    let again = password_sign_in(&emu.peer).await;
    let new_result = again.authentication_result.unwrap();
    let user = get_user(&emu.peer, new_result.access_token.as_ref().unwrap()).await;
    assert_eq!(user.username, USERNAME);
    let refreshed = call(
        &emu.peer,
        &refresh_request(&emu.peer, new_result.refresh_token.as_ref().unwrap()),
    )
    .await;
    assert!(refreshed.is_ok(), "the new refresh token works");
}

#[tokio::test]
async fn admin_operations_on_an_unknown_user_say_so() {
    let emu = start(test_config(MfaConfiguration::On)).await;
    for operation in ["AdminUserGlobalSignOut", "AdminSetUserMFAPreference"] {
        let answer = admin_error(&emu, operation, disable_totp("nobody")).await;
        assert_eq!(answer.error_type(), "UserNotFoundException", "{operation}");
    }
}
