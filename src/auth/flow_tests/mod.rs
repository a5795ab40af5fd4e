//! The sign-in flow's tests: how it starts and answers PASSWORD_VERIFIER (`start_and_srp`), and
//! each challenge after the password (`challenges`). The helpers below build clients, challenges
//! and the requests' parts.

mod challenges;
mod start_and_srp;

use super::*;
use crate::auth::{PasswordVerifier, ServerSession, SrpError};
use crate::cognito::wire::AuthenticationResult;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use time::macros::datetime;

const POOL: &str = "eu-west-1_Pool42";
const CLIENT: &str = "client-1";
const SESSION: &str = "session-0123456789abcdef";

fn client(secret: Option<&str>) -> AppClient {
    AppClient {
        client_id: CLIENT.into(),
        client_secret: secret.map(Sensitive::new),
    }
}

fn password() -> Credential {
    Credential::Password(Sensitive::new("Corr3ct-Horse!"))
}

fn start(flow: AuthFlow, secret: Option<&str>) -> (SignIn, SignInRequest) {
    SignIn::start(client(secret), "alice", password(), flow, Some(POOL)).unwrap()
}

fn challenge(name: &str, params: &[(&str, &str)]) -> AuthResponse {
    AuthResponse {
        challenge_name: Some(name.into()),
        session: Some(SESSION.into()),
        challenge_parameters: Some(
            params
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
        authentication_result: None,
        available_challenges: None,
    }
}

fn respond(request: SignInRequest) -> RespondToAuthChallengeRequest {
    match request {
        SignInRequest::Respond(r) => r,
        other => panic!("expected RespondToAuthChallenge, got {other:?}"),
    }
}

fn initiate(request: SignInRequest) -> InitiateAuthRequest {
    match request {
        SignInRequest::Initiate(r) => r,
        other => panic!("expected InitiateAuth, got {other:?}"),
    }
}

fn value<'a>(params: &'a SecretParams, key: &str) -> &'a str {
    params.get(key).map(Sensitive::expose).unwrap_or_default()
}

fn hash(user: &str) -> String {
    secret_hash(&Sensitive::new("s3cret"), user, CLIENT)
        .expose()
        .to_owned()
}

/// The MFA_SETUP response after a password sign-in.
fn at_mfa_setup(secret: Option<&str>) -> SignIn {
    let (mut flow, _) = start(AuthFlow::UserPassword, secret);
    let step = flow
        .on_response(&challenge(
            "MFA_SETUP",
            &[("MFAS_CAN_SETUP", "[\"SOFTWARE_TOKEN_MFA\"]")],
        ))
        .unwrap();
    assert!(matches!(step, Step::MfaSetup(_)));
    flow
}
