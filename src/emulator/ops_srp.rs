//! USER_SRP_AUTH and its PASSWORD_VERIFIER answer, with the SRP-6a server maths of `auth`.
//!
//! As Cognito does, the challenge carries no Session: the SECRET_BLOCK identifies it, and it can
//! be answered once, within the client's session validity.
//!
//! Each request is handled in three parts: `initiate` or `respond` check it under the pool's
//! lock and give the `SrpWork`; `SrpWork::compute` does the modular exponentiations with no lock
//! held (the server runs it off the runtime thread); `SrpDone::finish` records the outcome under
//! the lock again.

use super::after_password::after_password;
use super::checks::{check_secret_hash, required};
use super::config::ClientConfig;
use super::fault::Fault;
use super::pool::{PendingSrp, PoolState};
use super::random::random_key;
use crate::auth::{PasswordVerifier, ServerSession};
use crate::cognito::wire::{AuthResponse, SecretParams};
use crate::secret::Sensitive;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::collections::BTreeMap;

const SECRET_BLOCK_BYTES: usize = 96;

/// The SRP maths a request needs, with everything it needs to do them without the pool.
pub enum SrpWork {
    /// USER_SRP_AUTH: the server's B (and, at a user's first SRP sign-in, the verifier).
    Start(Start),
    /// PASSWORD_VERIFIER: the shared secret, and the check of the claim's signature.
    Verify(Verify),
}

pub struct Start {
    username: String,
    client: ClientConfig,
    srp_a: String,
    now: u64,
    pool_id: String,
    password: Sensitive,
    verifier: Option<PasswordVerifier>,
}

pub struct Verify {
    username: String,
    client: ClientConfig,
    now: u64,
    pending: PendingSrp,
    secret_block: Vec<u8>,
    timestamp: String,
    signature: String,
}

/// The maths done: what to record in the pool.
pub enum SrpDone {
    Started(Box<Started>),
    Verified {
        username: String,
        client: ClientConfig,
        now: u64,
    },
}

pub struct Started {
    start: Start,
    verifier: PasswordVerifier,
    server: ServerSession,
}

pub fn initiate(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    params: &SecretParams,
) -> Result<SrpWork, Fault> {
    let username = required(params, "USERNAME")?.expose().to_string();
    let srp_a = required(params, "SRP_A")?.expose();
    if srp_a.is_empty() || srp_a.len() > 2048 || !srp_a.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Fault::invalid_parameter(
            "SRP_A is not a valid hexadecimal number",
        ));
    }
    check_secret_hash(client, &[&username], params.get("SECRET_HASH"))?;
    let pool_id = state.config.pool.id.clone();
    let user = state.signing_in(client, &username)?;
    Ok(SrpWork::Start(Start {
        srp_a: srp_a.to_string(),
        client: client.clone(),
        now,
        pool_id,
        password: user.password.clone(),
        verifier: user.srp_verifier.as_deref().cloned(),
        username,
    }))
}

pub fn respond(
    state: &mut PoolState,
    now: u64,
    client: &ClientConfig,
    answers: &SecretParams,
) -> Result<SrpWork, Fault> {
    let username = required(answers, "USERNAME")?.expose().to_string();
    let secret_block = required(answers, "PASSWORD_CLAIM_SECRET_BLOCK")?.expose();
    let signature = required(answers, "PASSWORD_CLAIM_SIGNATURE")?.expose();
    let timestamp = required(answers, "TIMESTAMP")?.expose();
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
    let secret_block = STANDARD
        .decode(secret_block)
        .map_err(|_| Fault::invalid_session())?;
    Ok(SrpWork::Verify(Verify {
        username,
        client: client.clone(),
        now,
        pending,
        secret_block,
        timestamp: timestamp.to_string(),
        signature: signature.to_string(),
    }))
}

impl SrpWork {
    /// The modular exponentiations: slow (milliseconds), and needing nothing from the pool.
    pub fn compute(self) -> Result<SrpDone, Fault> {
        match self {
            Self::Start(start) => {
                let verifier = match &start.verifier {
                    Some(verifier) => verifier.clone(),
                    None => PasswordVerifier::new(&start.pool_id, &start.username, &start.password)
                        .map_err(|_| Fault::internal())?,
                };
                let server = ServerSession::start(&verifier);
                Ok(SrpDone::Started(Box::new(Started {
                    start,
                    verifier,
                    server,
                })))
            }
            Self::Verify(v) => {
                v.pending
                    .server
                    .verify(
                        &v.pending.srp_a,
                        &v.secret_block,
                        &v.timestamp,
                        &v.signature,
                    )
                    .map_err(|_| Fault::wrong_credentials())?;
                Ok(SrpDone::Verified {
                    username: v.username,
                    client: v.client,
                    now: v.now,
                })
            }
        }
    }
}

impl SrpDone {
    /// Records the outcome: a PASSWORD_VERIFIER challenge to answer, or what follows a password.
    pub fn finish(self, state: &mut PoolState) -> Result<AuthResponse, Fault> {
        match self {
            Self::Started(started) => Ok(challenge(state, *started)),
            Self::Verified {
                username,
                client,
                now,
            } => after_password(state, now, &client, &username),
        }
    }
}

fn challenge(state: &mut PoolState, started: Started) -> AuthResponse {
    let Started {
        start,
        verifier,
        server,
    } = started;
    // Kept for the next sign-in, unless the password changed while the maths ran.
    if let Some(user) = state.users.get_mut(&start.username)
        && user.srp_verifier.is_none()
        && user.password == start.password
    {
        user.srp_verifier = Some(Box::new(verifier));
    }
    let secret_block = STANDARD.encode(&random_key(SECRET_BLOCK_BYTES)[..]);
    let parameters = BTreeMap::from([
        ("SALT".to_string(), server.salt_hex()),
        ("SECRET_BLOCK".to_string(), secret_block.clone()),
        ("SRP_B".to_string(), server.srp_b()),
        ("USERNAME".to_string(), start.username.clone()),
        (
            "USER_ID_FOR_SRP".to_string(),
            server.user_id_for_srp().to_string(),
        ),
    ]);
    state.prune_srp(start.now);
    state.srp_pending.insert(
        secret_block,
        PendingSrp {
            username: start.username,
            client_id: start.client.id.clone(),
            srp_a: start.srp_a,
            server,
            expires_at: start.now + start.client.session_validity.as_secs(),
        },
    );
    AuthResponse {
        challenge_name: Some("PASSWORD_VERIFIER".into()),
        session: None,
        challenge_parameters: Some(parameters),
        authentication_result: None,
        available_challenges: None,
    }
}
