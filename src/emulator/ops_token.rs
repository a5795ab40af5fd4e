//! AssociateSoftwareToken and VerifySoftwareToken: issue a TOTP secret, then prove the app has it.

use super::checks::{accept_code, validate_user_code};
use super::fault::Fault;
use super::pool::{PoolState, SoftwareToken};
use super::random::{base32_upper, random_key};
use super::session::{Challenge, Session};
use crate::cognito::wire::{
    AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse, VerifySoftwareTokenRequest,
    VerifySoftwareTokenResponse, VerifyStatus,
};
use crate::secret::Sensitive;

/// Key length of a new secret: 256 bits, 52 base32 characters, as Cognito issues.
pub const SECRET_KEY_BYTES: usize = 32;

/// Who is calling: the holder of an access token, or of an MFA_SETUP session.
enum Caller {
    Token { username: String },
    Session { value: String, session: Session },
}

fn caller(
    state: &PoolState,
    access_token: Option<&Sensitive>,
    session: Option<&Sensitive>,
    now: u64,
) -> Result<Caller, Fault> {
    match (access_token, session) {
        (Some(_), Some(_)) => Err(Fault::invalid_parameter(
            "Only one of AccessToken or Session may be given.",
        )),
        (None, None) => Err(Fault::invalid_parameter(
            "Either AccessToken or Session must be given.",
        )),
        (Some(token), None) => Ok(Caller::Token {
            username: state.authorize(token.expose(), now)?.username,
        }),
        (None, Some(value)) => {
            let session = state.sessions.get(value.expose(), now)?;
            if !matches!(session.challenge, Challenge::MfaSetup { .. }) {
                return Err(Fault::invalid_session());
            }
            Ok(Caller::Session {
                value: value.expose().to_string(),
                session: session.clone(),
            })
        }
    }
}

/// A fresh session continuing an MFA_SETUP chain, with a fresh validity period.
fn next_setup_session(
    state: &mut PoolState,
    previous: &Session,
    verified: bool,
    now: u64,
) -> Result<Sensitive, Fault> {
    let validity = state
        .client(&previous.client_id)?
        .session_validity
        .as_secs();
    let value = state.sessions.open(
        Session {
            username: previous.username.clone(),
            client_id: previous.client_id.clone(),
            challenge: Challenge::MfaSetup { verified },
            expires_at: now + validity,
            failed_answers: 0,
        },
        now,
    );
    Ok(Sensitive::new(value))
}

pub fn associate_software_token(
    state: &mut PoolState,
    now: u64,
    req: AssociateSoftwareTokenRequest,
) -> Result<AssociateSoftwareTokenResponse, Fault> {
    state.software_tokens_allowed()?;
    let caller = caller(state, req.access_token.as_ref(), req.session.as_ref(), now)?;
    let username = match &caller {
        Caller::Token { username } => username.clone(),
        Caller::Session { session, .. } => session.username.clone(),
    };
    let key = random_key(SECRET_KEY_BYTES);
    let secret_code = Sensitive::new(base32_upper(&key).as_str());
    state.user_mut(&username)?.pending_token = Some(Box::new(SoftwareToken {
        key,
        friendly_device_name: None,
        last_accepted_step: None,
    }));
    let session = match &caller {
        Caller::Token { .. } => None,
        Caller::Session { value, session } => {
            state.sessions.consume(value);
            Some(next_setup_session(state, session, false, now)?)
        }
    };
    Ok(AssociateSoftwareTokenResponse {
        secret_code,
        session,
    })
}

pub fn verify_software_token(
    state: &mut PoolState,
    now: u64,
    req: VerifySoftwareTokenRequest,
) -> Result<VerifySoftwareTokenResponse, Fault> {
    validate_user_code(req.user_code.expose())?;
    state.software_tokens_allowed()?;
    let caller = caller(state, req.access_token.as_ref(), req.session.as_ref(), now)?;
    let username = match &caller {
        Caller::Token { username } => username.clone(),
        Caller::Session { session, .. } => session.username.clone(),
    };
    let step = {
        let user = state.user_mut(&username)?;
        // The secret just associated; without one, the verified token is checked again.
        let candidate = match (&user.pending_token, &user.token) {
            (Some(pending), _) => pending,
            (None, Some(active)) => active,
            (None, None) => {
                return Err(Fault::invalid_parameter(
                    "The user has not associated a software token.",
                ));
            }
        };
        accept_code(candidate, req.user_code.expose(), now)
    };
    let Some(step) = step else {
        if let Caller::Session { value, .. } = &caller {
            state.sessions.record_failure(value);
        }
        return Err(Fault::enable_mfa_mismatch());
    };
    let user = state.user_mut(&username)?;
    // Only now does the new secret replace an earlier one.
    let mut token = match user.pending_token.take() {
        Some(pending) => pending,
        None => user.token.take().ok_or_else(Fault::internal)?,
    };
    token.last_accepted_step = Some(step);
    if req.friendly_device_name.is_some() {
        token.friendly_device_name = req.friendly_device_name;
    }
    user.token = Some(token);
    let session = match &caller {
        Caller::Token { .. } => None,
        Caller::Session { value, session } => {
            state.sessions.consume(value);
            Some(next_setup_session(state, session, true, now)?)
        }
    };
    Ok(VerifySoftwareTokenResponse {
        status: Some(VerifyStatus::Success),
        session,
    })
}
