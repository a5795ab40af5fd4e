//! USER_SRP_AUTH and its PASSWORD_VERIFIER answer, with the SRP-6a server maths of `auth`.
//!
//! As Cognito does, the challenge carries no Session: the SECRET_BLOCK identifies it, and it can
//! be answered once, within the client's session validity.

use super::checks::check_secret_hash;
use super::config::ClientConfig;
use super::fault::Fault;
use super::ops_auth::after_password;
use super::pool::PoolState;
use super::random::random_key;
use crate::auth::{PasswordVerifier, ServerSession};
use crate::cognito::wire::{AuthResponse, SecretParams};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::collections::BTreeMap;

const SECRET_BLOCK_BYTES: usize = 96;

/// A PASSWORD_VERIFIER challenge waiting for its answer.
pub struct PendingSrp {
    username: String,
    client_id: String,
    srp_a: String,
    server: ServerSession,
    expires_at: u64,
}

impl PendingSrp {
    pub fn expired(&self, now: u64) -> bool {
        now >= self.expires_at
    }
}

fn required<'a>(params: &'a SecretParams, name: &str) -> Result<&'a str, Fault> {
    params
        .get(name)
        .map(|v| v.expose())
        .ok_or_else(|| Fault::invalid_parameter(format!("Missing required parameter {name}")))
}

pub fn initiate(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    params: &SecretParams,
) -> Result<AuthResponse, Fault> {
    let username = required(params, "USERNAME")?.to_string();
    let srp_a = required(params, "SRP_A")?;
    if srp_a.is_empty() || srp_a.len() > 2048 || !srp_a.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Fault::invalid_parameter(
            "SRP_A is not a valid hexadecimal number",
        ));
    }
    check_secret_hash(client, &[&username], params.get("SECRET_HASH"))?;
    let pool_id = state.config.pool.id.clone();
    let user = state
        .users
        .get_mut(&username)
        .ok_or_else(Fault::wrong_credentials)?;
    let verifier = match &user.srp_verifier {
        Some(verifier) => verifier.clone(),
        None => {
            let verifier = PasswordVerifier::new(&pool_id, &username, &user.password)
                .map_err(|_| Fault::internal())?;
            user.srp_verifier = Some(verifier.clone());
            verifier
        }
    };
    let server = ServerSession::start(&verifier);
    let secret_block = new_secret_block();
    let parameters = BTreeMap::from([
        ("SALT".to_string(), server.salt_hex()),
        ("SECRET_BLOCK".to_string(), secret_block.clone()),
        ("SRP_B".to_string(), server.srp_b()),
        ("USERNAME".to_string(), username.clone()),
        (
            "USER_ID_FOR_SRP".to_string(),
            server.user_id_for_srp().to_string(),
        ),
    ]);
    state.prune_srp(now);
    state.srp_pending.insert(
        secret_block,
        PendingSrp {
            username,
            client_id: client.id.clone(),
            srp_a: srp_a.to_string(),
            server,
            expires_at: now + client.session_validity.as_secs(),
        },
    );
    Ok(AuthResponse {
        challenge_name: Some("PASSWORD_VERIFIER".into()),
        session: None,
        challenge_parameters: Some(parameters),
        authentication_result: None,
    })
}

/// Fresh random bytes in standard base64, as SECRET_BLOCK travels.
fn new_secret_block() -> String {
    STANDARD.encode(&random_key(SECRET_BLOCK_BYTES)[..])
}

pub fn respond(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    answers: &SecretParams,
) -> Result<AuthResponse, Fault> {
    let username = required(answers, "USERNAME")?.to_string();
    let secret_block = required(answers, "PASSWORD_CLAIM_SECRET_BLOCK")?;
    let signature = required(answers, "PASSWORD_CLAIM_SIGNATURE")?;
    let timestamp = required(answers, "TIMESTAMP")?;
    // Answered once, right or wrong.
    let pending = state
        .srp_pending
        .remove(secret_block)
        .ok_or_else(Fault::invalid_session)?;
    if pending.expired(now) {
        return Err(Fault::expired_session());
    }
    if pending.client_id != client.id || pending.username != username {
        return Err(Fault::invalid_session());
    }
    check_secret_hash(client, &[&username], answers.get("SECRET_HASH"))?;
    let block = STANDARD
        .decode(secret_block)
        .map_err(|_| Fault::invalid_session())?;
    pending
        .server
        .verify(&pending.srp_a, &block, timestamp, signature)
        .map_err(|_| Fault::wrong_credentials())?;
    after_password(state, now, client, &username)
}
