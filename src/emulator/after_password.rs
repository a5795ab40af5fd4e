//! What follows an accepted password, however it was proved (USER_PASSWORD_AUTH, or SRP's
//! PASSWORD_VERIFIER): a new password, a TOTP code, MFA_SETUP, or the tokens.

use super::config::{ClientConfig, MfaConfiguration, UserStatus};
use super::fault::Fault;
use super::pool::{PoolState, SOFTWARE_TOKEN_MFA};
use super::session::{Challenge, Session};
use crate::cognito::wire::AuthResponse;
use crate::secret::Sensitive;
use std::collections::BTreeMap;

/// The password checked out: a new password, MFA, or tokens come next.
pub fn after_password(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    username: &str,
) -> Result<AuthResponse, Fault> {
    let mfa = state.mfa();
    let user = state.user_mut(username)?;
    let (challenge, parameters) = if user.status == UserStatus::ForceChangePassword {
        let mut attributes = serde_json::Map::new();
        if let Some(email) = &user.email {
            attributes.insert("email".into(), email.clone().into());
        }
        let parameters = BTreeMap::from([
            ("USER_ID_FOR_SRP".to_string(), username.to_string()),
            ("requiredAttributes".to_string(), "[]".to_string()),
            (
                "userAttributes".to_string(),
                serde_json::Value::Object(attributes).to_string(),
            ),
        ]);
        (Challenge::NewPasswordRequired, parameters)
    } else if user.totp_required(mfa) {
        let mut parameters =
            BTreeMap::from([("USER_ID_FOR_SRP".to_string(), username.to_string())]);
        if let Some(name) = user
            .token
            .as_ref()
            .and_then(|t| t.friendly_device_name.clone())
        {
            parameters.insert("FRIENDLY_DEVICE_NAME".into(), name);
        }
        (Challenge::SoftwareTokenMfa, parameters)
    } else if mfa == MfaConfiguration::On {
        let parameters = BTreeMap::from([(
            "MFAS_CAN_SETUP".to_string(),
            format!("[\"{SOFTWARE_TOKEN_MFA}\"]"),
        )]);
        (Challenge::MfaSetup { verified: false }, parameters)
    } else {
        return tokens(state, now, username, &client.id, true);
    };
    let name = challenge.name();
    let session = state.sessions.open(
        Session {
            username: username.to_string(),
            client_id: client.id.clone(),
            challenge,
            expires_at: now + client.session_validity.as_secs(),
            failed_answers: 0,
        },
        now,
    );
    Ok(AuthResponse {
        challenge_name: Some(name.into()),
        session: Some(Sensitive::new(session)),
        challenge_parameters: Some(parameters),
        authentication_result: None,
        available_challenges: None,
    })
}

/// Signed in: the tokens, with a refresh token unless the sign-in used one.
pub fn tokens(
    state: &mut PoolState,
    now: u64,
    username: &str,
    client_id: &str,
    with_refresh: bool,
) -> Result<AuthResponse, Fault> {
    Ok(AuthResponse {
        authentication_result: Some(state.issue_tokens(username, client_id, now, with_refresh)?),
        challenge_parameters: Some(BTreeMap::new()),
        ..AuthResponse::default()
    })
}
