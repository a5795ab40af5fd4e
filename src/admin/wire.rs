//! Request and response types of the administrator's operations (AdminGetUser,
//! AdminSetUserMFAPreference, AdminUserGlobalSignOut, ListUsers, GetUserPoolMfaConfig), with
//! members in the API model's order: the order the AWS CLI prints them in. Timestamps stay the
//! JSON numbers Cognito sent, so they print exactly as received.

use crate::cognito::wire::{AttributeType, MfaSettings, Operation};
use serde::{Deserialize, Serialize};
use serde_json::Number;

macro_rules! admin_operation {
    ($req:ty, $resp:ty, $name:literal) => {
        impl Operation for $req {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminGetUserRequest {
    pub user_pool_id: String,
    pub username: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_medium: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminGetUserResponse {
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_attributes: Option<Vec<AttributeType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_create_date: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_last_modified_date: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_status: Option<String>,
    #[serde(
        default,
        rename = "MFAOptions",
        skip_serializing_if = "Option::is_none"
    )]
    pub mfa_options: Option<Vec<MfaOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
    #[serde(
        default,
        rename = "UserMFASettingList",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
}

impl AdminGetUserResponse {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.user_attributes
            .iter()
            .flatten()
            .find(|a| a.name == name)
            .and_then(|a| a.value.as_deref())
    }

    /// The MFA methods the user has turned on (moto sends an empty preferred method as "").
    pub fn methods(&self) -> &[String] {
        self.user_mfa_setting_list.as_deref().unwrap_or_default()
    }

    pub fn preferred(&self) -> Option<&str> {
        self.preferred_mfa_setting
            .as_deref()
            .filter(|p| !p.is_empty())
    }

    /// The authenticator app is on and preferred: what `admin watch` waits for.
    pub fn app_enabled_and_preferred(&self) -> bool {
        self.methods().iter().any(|m| m == SOFTWARE_TOKEN_MFA)
            && self.preferred() == Some(SOFTWARE_TOKEN_MFA)
    }
}
admin_operation!(AdminGetUserRequest, AdminGetUserResponse, "AdminGetUser");

pub const SOFTWARE_TOKEN_MFA: &str = "SOFTWARE_TOKEN_MFA";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserMfaPreferenceRequest {
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
    pub username: String,
    pub user_pool_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {}
admin_operation!(
    AdminSetUserMfaPreferenceRequest,
    Empty,
    "AdminSetUserMFAPreference"
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserGlobalSignOutRequest {
    pub user_pool_id: String,
    pub username: String,
}
admin_operation!(
    AdminUserGlobalSignOutRequest,
    Empty,
    "AdminUserGlobalSignOut"
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    pub user_pool_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes_to_get: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListedUser {
    #[serde(default)]
    pub username: String,
    #[serde(default, rename = "Attributes")]
    pub attributes: Option<Vec<AttributeType>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_create_date: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_last_modified_date: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    #[serde(default)]
    pub users: Vec<ListedUser>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
}
admin_operation!(ListUsersRequest, ListUsersResponse, "ListUsers");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserPoolMfaConfigRequest {
    pub user_pool_id: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EnabledOnly {
    #[serde(default)]
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserPoolMfaConfigResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_configuration: Option<EnabledOnly>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_configuration: Option<String>,
}
admin_operation!(
    GetUserPoolMfaConfigRequest,
    GetUserPoolMfaConfigResponse,
    "GetUserPoolMfaConfig"
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn admin_get_user_keeps_the_models_order_and_the_timestamps_as_sent() {
        let wire = json!({"UserStatus": "CONFIRMED", "Username": "ana",
            "UserCreateDate": 1.7e9, "UserLastModifiedDate": 1700000000.25,
            "Enabled": true, "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"],
            "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA", "Unknown": 1});
        let parsed: AdminGetUserResponse = serde_json::from_value(wire).unwrap();
        assert!(parsed.app_enabled_and_preferred());
        let printed = serde_json::to_string(&parsed).unwrap();
        assert_eq!(
            printed,
            r#"{"Username":"ana","UserCreateDate":1700000000.0,"UserLastModifiedDate":1700000000.25,"Enabled":true,"UserStatus":"CONFIRMED","PreferredMfaSetting":"SOFTWARE_TOKEN_MFA","UserMFASettingList":["SOFTWARE_TOKEN_MFA"]}"#
        );
    }

    #[test]
    fn an_empty_preferred_method_is_none() {
        let parsed: AdminGetUserResponse = serde_json::from_value(
            json!({"Username": "b", "PreferredMfaSetting": "", "UserMFASettingList": []}),
        )
        .unwrap();
        assert_eq!(parsed.preferred(), None);
        assert!(!parsed.app_enabled_and_preferred());
    }

    #[test]
    fn set_preference_turns_the_app_off_with_the_models_names() {
        let req = AdminSetUserMfaPreferenceRequest {
            sms_mfa_settings: None,
            software_token_mfa_settings: Some(MfaSettings {
                enabled: Some(false),
                preferred_mfa: Some(false),
            }),
            email_mfa_settings: None,
            username: "ana".into(),
            user_pool_id: "eu-west-1_abc".into(),
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"SoftwareTokenMfaSettings": {"Enabled": false, "PreferredMfa": false},
                "Username": "ana", "UserPoolId": "eu-west-1_abc"})
        );
    }
}
