//! Choice-based sign-in (USER_AUTH): the preferred challenge when it can be met, else
//! SELECT_CHALLENGE listing what the pool's first factors allow; the answer PASSWORD or
//! PASSWORD_SRP goes on as those flows do.

use super::after_password::after_password;
use super::checks::{check_secret_hash, required};
use super::config::ClientConfig;
use super::fault::Fault;
use super::ops_auth::Next;
use super::ops_srp;
use super::pool::PoolState;
use super::session::{Challenge, Session};
use crate::cognito::wire::{AuthResponse, SecretParams};
use crate::secret::Sensitive;
use std::collections::BTreeMap;

/// The challenges SELECT_CHALLENGE offers for the pool's first factors.
fn available(state: &PoolState) -> Vec<String> {
    state
        .config
        .pool
        .allowed_first_auth_factors
        .iter()
        .flat_map(|factor| match factor.as_str() {
            "PASSWORD" => vec!["PASSWORD".to_owned(), "PASSWORD_SRP".to_owned()],
            other => vec![other.to_owned()],
        })
        .collect()
}

fn password(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    username: &str,
    params: &SecretParams,
) -> Result<Next, Fault> {
    let password = required(params, "PASSWORD")?;
    if state.signing_in(client, username)?.password != *password {
        return Err(Fault::wrong_credentials());
    }
    after_password(state, now, client, username).map(Next::Answer)
}

/// The first factor asked for, or chosen: PASSWORD or PASSWORD_SRP.
fn first_factor(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    username: &str,
    factor: &str,
    params: &SecretParams,
) -> Option<Result<Next, Fault>> {
    if !available(state).iter().any(|a| a == factor) {
        return None;
    }
    match factor {
        "PASSWORD" if params.contains_key("PASSWORD") => {
            Some(password(state, now, client, username, params))
        }
        "PASSWORD_SRP" if params.contains_key("SRP_A") => {
            Some(ops_srp::initiate(state, now, client, params).map(|w| Next::Srp(Box::new(w))))
        }
        _ => None,
    }
}

pub fn initiate(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    params: &SecretParams,
) -> Result<Next, Fault> {
    let username = required(params, "USERNAME")?.expose().to_string();
    check_secret_hash(client, &[&username], params.get("SECRET_HASH"))?;
    state.signing_in(client, &username)?;
    if let Some(preferred) = params.get("PREFERRED_CHALLENGE")
        && let Some(next) = first_factor(state, now, client, &username, preferred.expose(), params)
    {
        return next;
    }
    let session = state.sessions.open(
        Session {
            username: username.clone(),
            client_id: client.id.clone(),
            challenge: Challenge::FirstFactor,
            expires_at: now + client.session_validity.as_secs(),
            failed_answers: 0,
        },
        now,
    );
    Ok(Next::Answer(AuthResponse {
        challenge_name: Some("SELECT_CHALLENGE".into()),
        session: Some(Sensitive::new(session)),
        challenge_parameters: Some(BTreeMap::new()),
        authentication_result: None,
        available_challenges: Some(available(state)),
    }))
}

/// RespondToAuthChallenge SELECT_CHALLENGE: ANSWER names the first factor.
pub fn answer(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    username: &str,
    answers: &SecretParams,
) -> Result<Next, Fault> {
    let choice = required(answers, "ANSWER")?.expose().to_owned();
    first_factor(state, now, client, username, &choice, answers).unwrap_or_else(|| {
        Err(Fault::invalid_parameter(
            "The chosen challenge is not available for this user.",
        ))
    })
}
