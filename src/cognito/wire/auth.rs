//! InitiateAuth and RespondToAuthChallenge: sign-in, as a chain of challenges ending in tokens.

use super::operation::{Operation, impl_operation};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
impl_operation!(InitiateAuthRequest, AuthResponse, "InitiateAuth");

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
impl_operation!(
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
    /// Choice-based sign-in (USER_AUTH): the challenges SELECT_CHALLENGE may be answered with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_challenges: Option<Vec<String>>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
