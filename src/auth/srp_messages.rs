//! The `PASSWORD_VERIFIER` challenge as Cognito sends it, and the answer as it wants it back.

use std::collections::BTreeMap;
use std::fmt;

use super::srp_error::SrpError;
use crate::secret::Sensitive;

/// What the `PASSWORD_VERIFIER` challenge carries.
#[derive(Clone)]
pub struct PasswordVerifierChallenge {
    pub srp_b: String,
    pub salt: String,
    pub secret_block: Sensitive,
    pub user_id_for_srp: String,
    /// The internal username Cognito names in the challenge; answers must carry it.
    pub username: String,
}

impl PasswordVerifierChallenge {
    /// Reads the ChallengeParameters of a `PASSWORD_VERIFIER` challenge. `USERNAME` falls back
    /// to the name the user signed in with, as pycognito does.
    pub fn from_parameters(
        parameters: &BTreeMap<String, String>,
        signed_in_as: &str,
    ) -> Result<Self, SrpError> {
        let get = |key: &'static str| {
            parameters
                .get(key)
                .cloned()
                .ok_or(SrpError::MissingParameter(key))
        };
        Ok(Self {
            srp_b: get("SRP_B")?,
            salt: get("SALT")?,
            secret_block: Sensitive::new(get("SECRET_BLOCK")?),
            user_id_for_srp: get("USER_ID_FOR_SRP")?,
            username: parameters
                .get("USERNAME")
                .cloned()
                .unwrap_or_else(|| signed_in_as.to_owned()),
        })
    }
}

impl fmt::Debug for PasswordVerifierChallenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordVerifierChallenge")
            .field("user_id_for_srp", &self.user_id_for_srp)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// The ChallengeResponses of `RespondToAuthChallenge PASSWORD_VERIFIER` (SECRET_HASH apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordVerifierResponse {
    pub username: String,
    pub password_claim_secret_block: Sensitive,
    pub password_claim_signature: Sensitive,
    pub timestamp: String,
}

impl PasswordVerifierResponse {
    /// Keyed as Cognito names them: USERNAME, PASSWORD_CLAIM_SECRET_BLOCK,
    /// PASSWORD_CLAIM_SIGNATURE, TIMESTAMP.
    pub fn into_challenge_responses(self) -> BTreeMap<String, Sensitive> {
        BTreeMap::from([
            ("USERNAME".to_owned(), Sensitive::new(self.username)),
            (
                "PASSWORD_CLAIM_SECRET_BLOCK".to_owned(),
                self.password_claim_secret_block,
            ),
            (
                "PASSWORD_CLAIM_SIGNATURE".to_owned(),
                self.password_claim_signature,
            ),
            ("TIMESTAMP".to_owned(), Sensitive::new(self.timestamp)),
        ])
    }
}
