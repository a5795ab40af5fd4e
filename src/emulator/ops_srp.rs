//! USER_SRP_AUTH and its PASSWORD_VERIFIER answer.
//!
//! The SRP verifier maths (`auth::srp`) is not part of this build yet: until it is, the flow is
//! refused with an explicit message rather than accepting unchecked proofs.

use super::config::ClientConfig;
use super::fault::Fault;
use super::pool::PoolState;
use crate::cognito::wire::{AuthResponse, SecretParams};

fn unavailable() -> Fault {
    Fault::invalid_parameter("USER_SRP_AUTH is not supported by this emulator build yet.")
}

pub fn initiate(
    _state: &mut PoolState,
    _now: u64,
    _client: &ClientConfig,
    _params: &SecretParams,
) -> Result<AuthResponse, Fault> {
    Err(unavailable())
}

pub fn respond(
    _state: &mut PoolState,
    _now: u64,
    _client: &ClientConfig,
    _answers: &SecretParams,
) -> Result<AuthResponse, Fault> {
    Err(unavailable())
}
