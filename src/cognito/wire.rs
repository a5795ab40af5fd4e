//! Request and response types of the Cognito JSON 1.1 protocol, shared by the client and the
//! embedded emulator. Members are declared in the API model's order, which is also the order the
//! AWS CLI prints them in.

use crate::secret::Sensitive;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One Cognito operation: its request type names the operation and its response type.
pub trait Operation: Serialize + DeserializeOwned {
    /// The name after `AWSCognitoIdentityProviderService.` in `X-Amz-Target`.
    const NAME: &'static str;
    type Response: Serialize + DeserializeOwned;

    /// Checks an answer that parsed, beyond its JSON shape; the text says what is wrong.
    fn check_response(_response: &Self::Response) -> Result<(), String> {
        Ok(())
    }
}

macro_rules! operation {
    ($req:ty, $resp:ty, $name:literal) => {
        operation!($req, $resp, $name, |_| Ok(()));
    };
    ($req:ty, $resp:ty, $name:literal, $check:expr) => {
        impl Operation for $req {
            const NAME: &'static str = $name;
            type Response = $resp;

            fn check_response(response: &Self::Response) -> Result<(), String> {
                let check: fn(&Self::Response) -> Result<(), String> = $check;
                check(response)
            }
        }
    };
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenResponse {
    pub secret_code: Sensitive,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
}
operation!(
    AssociateSoftwareTokenRequest,
    AssociateSoftwareTokenResponse,
    "AssociateSoftwareToken",
    |r| super::secret_code::check(r.secret_code.expose())
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
    pub user_code: Sensitive,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_device_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerifyStatus {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<VerifyStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
}
operation!(
    VerifySoftwareTokenRequest,
    VerifySoftwareTokenResponse,
    "VerifySoftwareToken"
);

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
operation!(GetUserRequest, GetUserResponse, "GetUser");

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
operation!(
    SetUserMfaPreferenceRequest,
    SetUserMfaPreferenceResponse,
    "SetUserMFAPreference"
);

/// Auth parameters and challenge responses: every value is treated as secret (PASSWORD,
/// SECRET_HASH, REFRESH_TOKEN, SRP_A, codes …), so `Debug` shows only the keys.
pub type SecretParams = BTreeMap<String, Sensitive>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    pub auth_flow: String,
    #[serde(default)]
    pub auth_parameters: SecretParams,
    pub client_id: String,
}
operation!(InitiateAuthRequest, AuthResponse, "InitiateAuth");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    pub client_id: String,
    pub challenge_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
    #[serde(default)]
    pub challenge_responses: SecretParams,
}
operation!(
    RespondToAuthChallengeRequest,
    AuthResponse,
    "RespondToAuthChallenge"
);

/// The answer of InitiateAuth and RespondToAuthChallenge: a challenge, or tokens. `Debug` shows
/// the challenge parameters' names only (SRP_B, SALT, SECRET_BLOCK … are no business of logs).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge_parameters: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_result: Option<AuthenticationResult>,
}

impl std::fmt::Debug for AuthResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthResponse")
            .field("challenge_name", &self.challenge_name)
            .field("session", &self.session)
            .field(
                "challenge_parameters",
                &self
                    .challenge_parameters
                    .as_ref()
                    .map(|p| p.keys().collect::<Vec<_>>()),
            )
            .field("authentication_result", &self.authentication_result)
            .finish()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Sensitive>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<Sensitive>,
}

/// The error body Cognito sends with every 4xx/5xx answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(rename = "__type")]
    pub error_type: String,
    #[serde(default)]
    pub message: String,
}

/// The keys whose values `--debug` output and logs must never show.
pub const SENSITIVE_KEYS: &[&str] = &[
    "AccessToken",
    "Session",
    "SecretCode",
    "UserCode",
    "RefreshToken",
    "IdToken",
    "PASSWORD",
    "NEW_PASSWORD",
    "SECRET_HASH",
    "REFRESH_TOKEN",
    "SRP_A",
    "SRP_B",
    "SECRET_BLOCK",
    "PASSWORD_CLAIM_SECRET_BLOCK",
    "PASSWORD_CLAIM_SIGNATURE",
    "SOFTWARE_TOKEN_MFA_CODE",
    "SMS_MFA_CODE",
    "EMAIL_OTP_CODE",
];

/// A copy of a JSON document with every sensitive value replaced, for `--debug` and logs.
pub fn redact(value: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if SENSITIVE_KEYS.contains(&k.as_str()) && !v.is_object() {
                        Value::String("[redacted]".into())
                    } else {
                        redact(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
