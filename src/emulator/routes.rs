//! One request: the checks every request passes (POST, a known `X-Amz-Target`, the JSON 1.1
//! content type, the size limit; for administrator operations, the SigV4 signature), then the
//! operation its target names.

use super::admin_wire::{
    AdminGetUserRequest, AdminSetUserMfaPreferenceRequest, AdminUserGlobalSignOutRequest,
    GetUserPoolMfaConfigRequest, ListUsersRequest,
};
use super::fault::Fault;
use super::ops_auth::{self, Next};
use super::pool::PoolState;
use super::shared::Shared;
use super::{list_users, ops_admin, ops_token, ops_user, sigv4_check};
use crate::cognito::wire::{
    AssociateSoftwareTokenRequest, AuthResponse, GetUserRequest, InitiateAuthRequest, Operation,
    RespondToAuthChallengeRequest, SetUserMfaPreferenceRequest, VerifySoftwareTokenRequest,
};
use futures_util::FutureExt;
use http_body_util::{BodyExt, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Method, Request};
use std::panic::AssertUnwindSafe;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const JSON_CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";

/// The operations the emulator serves, by their wire names.
const OPERATIONS: &[&str] = &[
    AssociateSoftwareTokenRequest::NAME,
    VerifySoftwareTokenRequest::NAME,
    InitiateAuthRequest::NAME,
    RespondToAuthChallengeRequest::NAME,
    GetUserRequest::NAME,
    SetUserMfaPreferenceRequest::NAME,
    AdminGetUserRequest::NAME,
    AdminSetUserMfaPreferenceRequest::NAME,
    AdminUserGlobalSignOutRequest::NAME,
    ListUsersRequest::NAME,
    GetUserPoolMfaConfigRequest::NAME,
];

/// The operations that need AWS credentials: their requests must be signed (SigV4). The
/// others are the user's own and stay unsigned (a signature on them is ignored).
const SIGNED: &[&str] = &[
    AdminGetUserRequest::NAME,
    AdminSetUserMfaPreferenceRequest::NAME,
    AdminUserGlobalSignOutRequest::NAME,
    ListUsersRequest::NAME,
    GetUserPoolMfaConfigRequest::NAME,
];

/// The operation's name (when known) and its JSON answer or fault.
pub async fn answer(
    shared: &Shared,
    req: Request<Incoming>,
) -> (Option<&'static str>, Result<Vec<u8>, Fault>) {
    if req.method() != Method::POST {
        return (None, Err(unknown()));
    }
    let operation = req
        .headers()
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix(TARGET_PREFIX))
        .and_then(known_operation);
    let Some(operation) = operation else {
        return (None, Err(unknown()));
    };
    let declared_length = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared_length.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return (Some(operation), Err(too_large()));
    }
    let content_type_ok = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case(JSON_CONTENT_TYPE));
    if !content_type_ok {
        return (
            Some(operation),
            Err(Fault::serialization(format!(
                "Content-Type must be {JSON_CONTENT_TYPE}"
            ))),
        );
    }
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return (Some(operation), Err(too_large())),
    };
    let result = AssertUnwindSafe(async {
        if SIGNED.contains(&operation) {
            let (keys, region) = {
                let state = shared.lock();
                (
                    state.config.admin.clone(),
                    state.config.region().to_string(),
                )
            };
            sigv4_check::verify(&keys, &region, shared.clock.now(), &parts, &body)?;
        }
        dispatch(shared, operation, &body).await
    })
    .catch_unwind()
    .await
    .unwrap_or_else(|_| Err(Fault::internal()));
    (Some(operation), result)
}

fn unknown() -> Fault {
    Fault::new("UnknownOperationException", "Unknown operation")
}

fn too_large() -> Fault {
    Fault::serialization(format!(
        "Request body is larger than {MAX_BODY_BYTES} bytes"
    ))
    .with_status(413)
}

fn known_operation(name: &str) -> Option<&'static str> {
    OPERATIONS.iter().copied().find(|op| *op == name)
}

async fn dispatch(shared: &Shared, operation: &str, body: &Bytes) -> Result<Vec<u8>, Fault> {
    if known_operation(operation).is_some() {
        let now = shared.clock.now();
        shared.lock().admit(now)?;
    }
    match operation {
        AssociateSoftwareTokenRequest::NAME => {
            call(shared, body, ops_token::associate_software_token)
        }
        VerifySoftwareTokenRequest::NAME => call(shared, body, ops_token::verify_software_token),
        InitiateAuthRequest::NAME => sign_in(shared, body, ops_auth::initiate_auth).await,
        RespondToAuthChallengeRequest::NAME => {
            sign_in(shared, body, ops_auth::respond_to_auth_challenge).await
        }
        GetUserRequest::NAME => call(shared, body, ops_user::get_user),
        SetUserMfaPreferenceRequest::NAME => call(shared, body, ops_user::set_user_mfa_preference),
        AdminGetUserRequest::NAME => call_admin(shared, body, ops_admin::admin_get_user),
        AdminSetUserMfaPreferenceRequest::NAME => {
            call_admin(shared, body, ops_admin::admin_set_user_mfa_preference)
        }
        AdminUserGlobalSignOutRequest::NAME => {
            call_admin(shared, body, ops_admin::admin_user_global_sign_out)
        }
        ListUsersRequest::NAME => call_admin(shared, body, list_users::list_users),
        GetUserPoolMfaConfigRequest::NAME => {
            call_admin(shared, body, ops_admin::get_user_pool_mfa_config)
        }
        _ => Err(unknown()),
    }
}

type Handler<O, R> = fn(&mut PoolState, u64, O) -> Result<R, Fault>;

fn call<O: Operation>(
    shared: &Shared,
    body: &[u8],
    handler: Handler<O, O::Response>,
) -> Result<Vec<u8>, Fault> {
    let request: O = parse(body)?;
    let now = shared.clock.now();
    let response = handler(&mut shared.lock(), now, request)?;
    serde_json::to_vec(&response).map_err(|_| Fault::internal())
}

/// An administrator operation: its handler is given the time in milliseconds, for the
/// timestamps it records.
fn call_admin<O: Operation>(
    shared: &Shared,
    body: &[u8],
    handler: Handler<O, O::Response>,
) -> Result<Vec<u8>, Fault> {
    let request: O = parse(body)?;
    let now_ms = shared.clock.now_millis();
    let response = handler(&mut shared.lock(), now_ms, request)?;
    serde_json::to_vec(&response).map_err(|_| Fault::internal())
}

/// A sign-in step: SRP maths, when the step needs them, run off this thread with the pool
/// unlocked, between two short turns holding the lock.
async fn sign_in<O: Operation<Response = AuthResponse>>(
    shared: &Shared,
    body: &[u8],
    handler: Handler<O, Next>,
) -> Result<Vec<u8>, Fault> {
    let request: O = parse(body)?;
    let now = shared.clock.now();
    let next = handler(&mut shared.lock(), now, request)?;
    let response = match next {
        Next::Answer(response) => response,
        Next::Srp(work) => shared.proofs.run(*work).await?.finish(&mut shared.lock())?,
    };
    serde_json::to_vec(&response).map_err(|_| Fault::internal())
}

/// Decodes a request. serde's own messages can quote values (tokens, codes), so none of them
/// reaches the answer: only the name of a missing member does.
fn parse<O: Operation>(body: &[u8]) -> Result<O, Fault> {
    let value: serde_json::Value = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        serde_json::from_slice(body)
            .map_err(|_| Fault::serialization("Malformed JSON in the request body"))?
    };
    if !value.is_object() {
        return Err(Fault::serialization(
            "The request body must be a JSON object",
        ));
    }
    serde_json::from_value(value).map_err(|e| {
        let text = e.to_string();
        match text
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
        {
            Some(member) => Fault::missing_member(member),
            None => Fault::serialization("A member of the request has the wrong type"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wire_operation_is_routed() {
        for name in OPERATIONS {
            assert_eq!(known_operation(name), Some(*name));
        }
        assert_eq!(OPERATIONS.len(), 11);
        assert!(SIGNED.iter().all(|name| known_operation(name).is_some()));
        assert_eq!(known_operation("AdminDeleteUser"), None);
    }

    #[test]
    fn parse_names_the_missing_member_but_never_quotes_values() {
        let fault = parse::<GetUserRequest>(b"{}").unwrap_err();
        assert!(fault.message.contains("'accessToken'"), "{}", fault.message);
        let fault =
            parse::<VerifySoftwareTokenRequest>(br#"{"UserCode": ["SeCrEt-value"]}"#).unwrap_err();
        assert_eq!(fault.code, "SerializationException");
        assert!(!fault.message.contains("SeCrEt"));
        assert_eq!(
            parse::<GetUserRequest>(b"[1]").unwrap_err().code,
            "SerializationException"
        );
        assert_eq!(
            parse::<GetUserRequest>(b"{\"Acc").unwrap_err().code,
            "SerializationException"
        );
    }
}
