//! The JSON shapes of the signed (administrator) operations the emulator serves, as the Cognito
//! API reference gives them. Timestamps are epoch seconds with a fractional part.

use crate::cognito::wire::{AttributeType, MfaSettings, Operation};
use serde::{Deserialize, Serialize};

macro_rules! operation {
    ($req:ty, $resp:ty, $name:literal) => {
        impl Operation for $req {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminGetUserRequest {
    pub user_pool_id: String,
    pub username: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminGetUserResponse {
    pub username: String,
    pub user_attributes: Vec<AttributeType>,
    pub user_create_date: f64,
    pub user_last_modified_date: f64,
    pub enabled: bool,
    pub user_status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
    #[serde(
        rename = "UserMFASettingList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub user_mfa_setting_list: Option<Vec<String>>,
}
operation!(AdminGetUserRequest, AdminGetUserResponse, "AdminGetUser");

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserMfaPreferenceRequest {
    pub user_pool_id: String,
    pub username: String,
    #[serde(rename = "SMSMfaSettings", default)]
    pub sms_mfa_settings: Option<MfaSettings>,
    #[serde(default)]
    pub software_token_mfa_settings: Option<MfaSettings>,
    #[serde(default)]
    pub email_mfa_settings: Option<MfaSettings>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Empty {}
operation!(
    AdminSetUserMfaPreferenceRequest,
    Empty,
    "AdminSetUserMFAPreference"
);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserGlobalSignOutRequest {
    pub user_pool_id: String,
    pub username: String,
}
operation!(
    AdminUserGlobalSignOutRequest,
    Empty,
    "AdminUserGlobalSignOut"
);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserPoolMfaConfigRequest {
    pub user_pool_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserPoolMfaConfigResponse {
    pub software_token_mfa_configuration: SoftwareTokenMfaConfiguration,
    pub mfa_configuration: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SoftwareTokenMfaConfiguration {
    pub enabled: bool,
}
operation!(
    GetUserPoolMfaConfigRequest,
    GetUserPoolMfaConfigResponse,
    "GetUserPoolMfaConfig"
);

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub attributes_to_get: Option<Vec<String>>,
    #[serde(default)]
    pub limit: Option<i64>,
    #[serde(default)]
    pub pagination_token: Option<String>,
    #[serde(default)]
    pub filter: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    pub users: Vec<UserType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
}
operation!(ListUsersRequest, ListUsersResponse, "ListUsers");

/// One user in a ListUsers page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserType {
    pub username: String,
    pub attributes: Vec<AttributeType>,
    pub user_create_date: f64,
    pub user_last_modified_date: f64,
    pub enabled: bool,
    pub user_status: String,
}

/// Unix milliseconds as the epoch seconds Cognito sends.
pub fn epoch_seconds(ms: u64) -> f64 {
    // Exact for any date before the year 287,396: u64 milliseconds fit f64 until 2^53.
    ms as f64 / 1000.0
}
