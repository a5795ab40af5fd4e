//! InitiateAuth and RespondToAuthChallenge: sign-in as a chain of challenges ending in tokens.
//! Both password paths (USER_PASSWORD_AUTH here, SRP in `ops_srp`) go on in `after_password`.

use super::after_password::{after_password, tokens};
use super::checks::{accept_code, check_password_policy, check_secret_hash, required};
use super::config::{AuthFlow, UserStatus};
use super::fault::Fault;
use super::ops_srp::{self, SrpWork};
use super::pool::PoolState;
use super::session::Challenge;
use crate::cognito::wire::{AuthResponse, InitiateAuthRequest, RespondToAuthChallengeRequest};

/// A sign-in step's outcome: the answer, or SRP maths to do first (see `ops_srp`).
pub enum Next {
    Answer(AuthResponse),
    Srp(Box<SrpWork>),
}

pub fn initiate_auth(
    state: &mut PoolState,
    now: u64,
    req: InitiateAuthRequest,
) -> Result<Next, Fault> {
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
            let user = state.signing_in(&client, &username)?;
            if user.password != *password {
                return Err(Fault::wrong_credentials());
            }
            after_password(state, now, &client, &username).map(Next::Answer)
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
            tokens(state, now, &username, &client.id, false).map(Next::Answer)
        }
        AuthFlow::UserSrp => {
            ops_srp::initiate(state, now, &client, params).map(|w| Next::Srp(Box::new(w)))
        }
        AuthFlow::UserAuth => super::ops_user_auth::initiate(state, now, &client, params),
    }
}

pub fn respond_to_auth_challenge(
    state: &mut PoolState,
    now: u64,
    req: RespondToAuthChallengeRequest,
) -> Result<Next, Fault> {
    let client = state.client(&req.client_id)?.clone();
    let answers = &req.challenge_responses;
    if req.challenge_name == "PASSWORD_VERIFIER" {
        return ops_srp::respond(state, now, &client, answers).map(|w| Next::Srp(Box::new(w)));
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
    let response = match session.challenge {
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
            tokens(state, now, &username, &client.id, true)
        }
        Challenge::FirstFactor => {
            state.sessions.consume(&value);
            return super::ops_user_auth::answer(state, now, &client, &username, answers);
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
            tokens(state, now, &username, &client.id, true)
        }
    };
    response.map(Next::Answer)
}

/// A name from the request, fit to quote in a message: short and plain.
fn sanitize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .take(40)
        .collect()
}
