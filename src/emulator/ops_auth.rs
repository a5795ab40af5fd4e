//! InitiateAuth and RespondToAuthChallenge: sign-in as a chain of challenges ending in tokens.

use super::checks::{accept_code, check_password_policy, check_secret_hash};
use super::config::{AuthFlow, ClientConfig, MfaConfiguration, UserStatus};
use super::fault::Fault;
use super::ops_user::SOFTWARE_TOKEN_MFA;
use super::pool::PoolState;
use super::session::{Challenge, Session};
use crate::cognito::wire::{
    AuthResponse, InitiateAuthRequest, RespondToAuthChallengeRequest, SecretParams,
};
use crate::secret::Sensitive;
use std::collections::BTreeMap;

fn required<'a>(params: &'a SecretParams, name: &str) -> Result<&'a Sensitive, Fault> {
    params
        .get(name)
        .ok_or_else(|| Fault::invalid_parameter(format!("Missing required parameter {name}")))
}

pub fn initiate_auth(
    state: &mut PoolState,
    now: u64,
    req: InitiateAuthRequest,
) -> Result<AuthResponse, Fault> {
    let client = state.client(&req.client_id)?.clone();
    let flow = AuthFlow::from_request(&req.auth_flow)
        .ok_or_else(|| Fault::invalid_parameter("Initiate Auth method not supported."))?;
    if !client.auth_flows.contains(&flow) {
        return Err(Fault::invalid_parameter(format!(
            "{} flow not enabled for this client",
            req.auth_flow
        )));
    }
    let params = &req.auth_parameters;
    match flow {
        AuthFlow::UserPassword => {
            let username = required(params, "USERNAME")?.expose().to_string();
            let password = required(params, "PASSWORD")?;
            check_secret_hash(&client, &[&username], params.get("SECRET_HASH"))?;
            let user = state
                .users
                .get(&username)
                .ok_or_else(Fault::wrong_credentials)?;
            if user.password != *password {
                return Err(Fault::wrong_credentials());
            }
            after_password(state, now, &client, &username)
        }
        AuthFlow::RefreshToken => {
            let token = required(params, "REFRESH_TOKEN")?;
            let username = state.refresh_grant(token.expose(), &client.id)?;
            let sub = state
                .users
                .get(&username)
                .map(|u| u.sub.clone())
                .unwrap_or_default();
            check_secret_hash(&client, &[&username, &sub], params.get("SECRET_HASH"))?;
            Ok(AuthResponse {
                authentication_result: Some(state.issue_tokens(&username, &client.id, now, false)?),
                challenge_parameters: Some(BTreeMap::new()),
                ..AuthResponse::default()
            })
        }
        AuthFlow::UserSrp => super::ops_srp::initiate(state, now, &client, params),
    }
}

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
        return Ok(AuthResponse {
            authentication_result: Some(state.issue_tokens(username, &client.id, now, true)?),
            challenge_parameters: Some(BTreeMap::new()),
            ..AuthResponse::default()
        });
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
    })
}

pub fn respond_to_auth_challenge(
    state: &mut PoolState,
    now: u64,
    req: RespondToAuthChallengeRequest,
) -> Result<AuthResponse, Fault> {
    let client = state.client(&req.client_id)?.clone();
    let answers = &req.challenge_responses;
    if req.challenge_name == "PASSWORD_VERIFIER" {
        return super::ops_srp::respond(state, now, &client, answers);
    }
    let value = req
        .session
        .as_ref()
        .ok_or_else(|| Fault::invalid_parameter("Missing required parameter Session"))?
        .expose()
        .to_string();
    let session = state.sessions.get(&value, now)?.clone();
    if session.client_id != client.id {
        return Err(Fault::invalid_session());
    }
    if session.challenge.name() != req.challenge_name {
        return Err(Fault::invalid_parameter(format!(
            "The session is not for the {} challenge.",
            sanitize(&req.challenge_name)
        )));
    }
    let username = required(answers, "USERNAME")?;
    if username.expose() != session.username {
        return Err(Fault::invalid_session());
    }
    check_secret_hash(&client, &[&session.username], answers.get("SECRET_HASH"))?;
    let username = session.username.clone();
    match session.challenge {
        Challenge::NewPasswordRequired => {
            let new_password = required(answers, "NEW_PASSWORD")?;
            if let Err(fault) = check_password_policy(new_password.expose()) {
                state.sessions.record_failure(&value);
                return Err(fault);
            }
            let user = state.user_mut(&username)?;
            user.password = new_password.clone();
            user.srp_verifier = None;
            user.status = UserStatus::Confirmed;
            state.sessions.consume(&value);
            after_password(state, now, &client, &username)
        }
        Challenge::MfaSetup { verified: false } => Err(Fault::invalid_parameter(
            "Software token MFA has not been verified for this session.",
        )),
        Challenge::MfaSetup { verified: true } => {
            let user = state.user_mut(&username)?;
            user.totp_enabled = true;
            user.totp_preferred = true;
            state.sessions.consume(&value);
            tokens(state, now, &client, &username)
        }
        Challenge::SoftwareTokenMfa => {
            let code = required(answers, "SOFTWARE_TOKEN_MFA_CODE")?;
            let user = state.user_mut(&username)?;
            let accepted = user
                .token
                .as_ref()
                .and_then(|t| accept_code(t, code.expose(), now));
            let Some(step) = accepted else {
                state.sessions.record_failure(&value);
                return Err(Fault::code_mismatch());
            };
            if let Some(token) = user.token.as_mut() {
                token.last_accepted_step = Some(step);
            }
            state.sessions.consume(&value);
            tokens(state, now, &client, &username)
        }
    }
}

fn tokens(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    username: &str,
) -> Result<AuthResponse, Fault> {
    Ok(AuthResponse {
        authentication_result: Some(state.issue_tokens(username, &client.id, now, true)?),
        challenge_parameters: Some(BTreeMap::new()),
        ..AuthResponse::default()
    })
}

/// A name from the request, fit to quote in a message: short and plain.
fn sanitize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect()
}
