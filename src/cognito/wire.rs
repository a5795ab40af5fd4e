//! Request and response types of the Cognito JSON 1.1 protocol, shared by the client and the
//! embedded emulator. Members are declared in the API model's order, which is also the order the
//! AWS CLI prints them in.

mod auth;
mod operation;
mod token;
mod user;

pub use auth::{
    AuthResponse, AuthenticationResult, InitiateAuthRequest, RespondToAuthChallengeRequest,
    SecretParams,
};
pub use operation::Operation;
pub use token::{
    AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse, VerifySoftwareTokenRequest,
    VerifySoftwareTokenResponse, VerifyStatus,
};
pub use user::{
    AttributeType, GetUserRequest, GetUserResponse, MfaSettings, SetUserMfaPreferenceRequest,
    SetUserMfaPreferenceResponse,
};

use serde::{Deserialize, Serialize};

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
mod tests {
    use super::*;
    use serde_json::json;

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
}
