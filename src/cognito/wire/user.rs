//! GetUser and SetUserMFAPreference.

use super::operation::{Operation, impl_operation};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserRequest {
    pub access_token: Sensitive,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AttributeType {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserResponse {
    pub username: String,
    #[serde(default)]
    pub user_attributes: Vec<AttributeType>,
    /// Absent when the user prefers no MFA method (moto sends an empty string instead).
    #[serde(
        default,
        deserialize_with = "empty_as_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub preferred_mfa_setting: Option<String>,
    #[serde(
        default,
        rename = "UserMFASettingList",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
}

fn empty_as_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.filter(|s| !s.is_empty()))
}

impl GetUserResponse {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes
            .iter()
            .find(|a| a.name == name)
            .and_then(|a| a.value.as_deref())
    }
}
impl_operation!(GetUserRequest, GetUserResponse, "GetUser");

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetUserMfaPreferenceRequest {
    #[serde(
        default,
        rename = "SMSMfaSettings",
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_mfa_settings: Option<MfaSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_settings: Option<MfaSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_mfa_settings: Option<MfaSettings>,
    pub access_token: Sensitive,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SetUserMfaPreferenceResponse {}
impl_operation!(
    SetUserMfaPreferenceRequest,
    SetUserMfaPreferenceResponse,
    "SetUserMFAPreference"
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
