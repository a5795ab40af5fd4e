use super::*;
use serde_json::json;

#[test]
fn associate_request_omits_absent_members() {
    let req = AssociateSoftwareTokenRequest {
        access_token: Some("tok".into()),
        session: None,
    };
    assert_eq!(
        serde_json::to_value(&req).unwrap(),
        json!({"AccessToken": "tok"})
    );
}

#[test]
fn verify_request_in_model_order() {
    let req = VerifySoftwareTokenRequest {
        access_token: None,
        session: Some("s".repeat(20).into()),
        user_code: "123456".into(),
        friendly_device_name: Some("phone".into()),
    };
    assert_eq!(
        serde_json::to_string(&req).unwrap(),
        format!(
            r#"{{"Session":"{}","UserCode":"123456","FriendlyDeviceName":"phone"}}"#,
            "s".repeat(20)
        )
    );
}

#[test]
fn set_mfa_preference_uses_the_models_odd_names() {
    let req = SetUserMfaPreferenceRequest {
        sms_mfa_settings: Some(MfaSettings::default()),
        software_token_mfa_settings: Some(MfaSettings {
            enabled: Some(true),
            preferred_mfa: Some(true),
        }),
        email_mfa_settings: None,
        access_token: "t".into(),
    };
    let v = serde_json::to_value(&req).unwrap();
    assert_eq!(
        v,
        json!({"SMSMfaSettings": {}, "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": true}, "AccessToken": "t"})
    );
}

#[test]
fn get_user_reads_mfa_settings() {
    let r: GetUserResponse = serde_json::from_value(json!({
        "Username": "alice",
        "UserAttributes": [{"Name": "email", "Value": "a@example.com"}],
        "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
        "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]
    }))
    .unwrap();
    assert_eq!(r.attribute("email"), Some("a@example.com"));
    assert_eq!(r.user_mfa_setting_list.unwrap(), vec!["SOFTWARE_TOKEN_MFA"]);
    let none: GetUserResponse =
        serde_json::from_value(json!({"Username": "b", "PreferredMfaSetting": ""})).unwrap();
    assert_eq!(none.preferred_mfa_setting, None);
}

#[test]
fn verify_response_status() {
    let r: VerifySoftwareTokenResponse =
        serde_json::from_str(r#"{"Status":"SUCCESS","Session":"abc"}"#).unwrap();
    assert_eq!(r.status, Some(VerifyStatus::Success));
    assert!(serde_json::from_str::<VerifySoftwareTokenResponse>(r#"{"Status":"NOPE"}"#).is_err());
}

#[test]
fn debug_of_auth_request_hides_the_password() {
    let mut params = SecretParams::new();
    params.insert("USERNAME".into(), "alice".into());
    params.insert("PASSWORD".into(), "Corr3ct-Horse!".into());
    let req = InitiateAuthRequest {
        auth_flow: "USER_PASSWORD_AUTH".into(),
        auth_parameters: params,
        client_id: "c".into(),
    };
    assert!(!format!("{req:?}").contains("Corr3ct"));
}

#[test]
fn debug_of_a_challenge_shows_parameter_names_only() {
    let r: AuthResponse = serde_json::from_value(json!({
        "ChallengeName": "PASSWORD_VERIFIER",
        "ChallengeParameters": {"SRP_B": "abcdef0123", "SECRET_BLOCK": "c2VjcmV0YmxvY2s="}
    }))
    .unwrap();
    let text = format!("{r:?}");
    assert!(
        text.contains("SRP_B") && text.contains("PASSWORD_VERIFIER"),
        "{text}"
    );
    assert!(
        !text.contains("abcdef0123") && !text.contains("c2VjcmV0YmxvY2s="),
        "{text}"
    );
}

#[test]
fn redact_hides_nested_secrets_and_keeps_the_rest() {
    let v = json!({"AccessToken": "a", "UserCode": "123456", "FriendlyDeviceName": "phone",
        "AuthParameters": {"USERNAME": "bob", "PASSWORD": "p"},
        "AuthenticationResult": {"IdToken": "i", "ExpiresIn": 3600}});
    let r = redact(&v);
    let text = r.to_string();
    for secret in ["\"a\"", "123456", "\"p\"", "\"i\""] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains("phone") && text.contains("bob") && text.contains("3600"));
}
