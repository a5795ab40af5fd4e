//! HTTP: the accept loop, routing by `X-Amz-Target`, request limits and Cognito's error shape.

use super::clock::Clock;
use super::fault::Fault;
use super::pool::PoolState;
use super::random::uuid_v4;
use super::{ops_auth, ops_token, ops_user};
use crate::cognito::wire::Operation;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use hyper::{Method, Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const JSON_CONTENT_TYPE: &str = "application/x-amz-json-1.1";
pub const TARGET_PREFIX: &str = "AWSCognitoIdentityProviderService.";
/// A client that has not sent its headers by then is dropped.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// What every connection shares.
pub struct Shared {
    pub state: Mutex<PoolState>,
    pub clock: Arc<dyn Clock>,
    pub log: bool,
}

impl Shared {
    /// The state, even if a handler panicked while holding it (the panic answered 500).
    pub fn lock(&self) -> MutexGuard<'_, PoolState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Accepts connections until `shutdown` changes (or its sender is dropped), then lets open
/// connections finish their current request.
pub async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    connections.spawn(connection(stream, shared.clone(), shutdown.clone()));
                }
                // Out of file descriptors and the like: back off briefly instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            _ = shutdown.changed() => break,
        }
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

async fn connection(
    stream: tokio::net::TcpStream,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let service = hyper::service::service_fn(move |req| handle(shared.clone(), req));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let conn = builder.serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = shutdown.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let started = Instant::now();
    let request_id = uuid_v4();
    let (operation, result) = answer(&shared, req).await;
    if shared.log {
        let outcome = match &result {
            Ok(_) => "200".to_string(),
            Err(fault) => format!("{} {}", fault.status, fault.code),
        };
        eprintln!(
            "{request_id} {} {outcome} {} µs",
            operation.unwrap_or("-"),
            started.elapsed().as_micros()
        );
    }
    Ok(respond(&request_id, result))
}

/// The operation's name (when known) and its JSON answer or fault.
async fn answer(
    shared: &Shared,
    req: Request<Incoming>,
) -> (Option<&'static str>, Result<Vec<u8>, Fault>) {
    let unknown = || Fault::new("UnknownOperationException", "Unknown operation");
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
    let body = match Limited::new(req.into_body(), MAX_BODY_BYTES)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return (Some(operation), Err(too_large())),
    };
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| dispatch(shared, operation, &body)))
        .unwrap_or_else(|_| Err(Fault::internal()));
    (Some(operation), result)
}

fn too_large() -> Fault {
    Fault::serialization(format!(
        "Request body is larger than {MAX_BODY_BYTES} bytes"
    ))
    .with_status(413)
}

const OPERATIONS: &[&str] = &[
    "AssociateSoftwareToken",
    "VerifySoftwareToken",
    "InitiateAuth",
    "RespondToAuthChallenge",
    "GetUser",
    "SetUserMFAPreference",
];

fn known_operation(name: &str) -> Option<&'static str> {
    OPERATIONS.iter().copied().find(|op| *op == name)
}

fn dispatch(shared: &Shared, operation: &str, body: &[u8]) -> Result<Vec<u8>, Fault> {
    match operation {
        "AssociateSoftwareToken" => call(shared, body, ops_token::associate_software_token),
        "VerifySoftwareToken" => call(shared, body, ops_token::verify_software_token),
        "InitiateAuth" => call(shared, body, ops_auth::initiate_auth),
        "RespondToAuthChallenge" => call(shared, body, ops_auth::respond_to_auth_challenge),
        "GetUser" => call(shared, body, ops_user::get_user),
        "SetUserMFAPreference" => call(shared, body, ops_user::set_user_mfa_preference),
        _ => Err(Fault::new("UnknownOperationException", "Unknown operation")),
    }
}

type Handler<O> = fn(&mut PoolState, u64, O) -> Result<<O as Operation>::Response, Fault>;

fn call<O: Operation>(shared: &Shared, body: &[u8], handler: Handler<O>) -> Result<Vec<u8>, Fault> {
    let request: O = parse(body)?;
    let now = shared.clock.now();
    let response = handler(&mut shared.lock(), now, request)?;
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

fn respond(request_id: &str, result: Result<Vec<u8>, Fault>) -> Response<Full<Bytes>> {
    let (status, body, error_type) = match result {
        Ok(body) => (200, body, None),
        Err(fault) => {
            let body = serde_json::json!({"__type": fault.code, "message": fault.message});
            (
                fault.status,
                body.to_string().into_bytes(),
                Some(fault.code),
            )
        }
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert("x-amzn-requestid", id);
    }
    if let Some(code) = error_type {
        headers.insert("x-amzn-errortype", HeaderValue::from_static(code));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::wire::{GetUserRequest, VerifySoftwareTokenRequest};

    #[test]
    fn every_wire_operation_is_routed() {
        for name in [
            crate::cognito::wire::AssociateSoftwareTokenRequest::NAME,
            VerifySoftwareTokenRequest::NAME,
            crate::cognito::wire::InitiateAuthRequest::NAME,
            crate::cognito::wire::RespondToAuthChallengeRequest::NAME,
            GetUserRequest::NAME,
            crate::cognito::wire::SetUserMfaPreferenceRequest::NAME,
        ] {
            assert_eq!(known_operation(name), Some(name));
        }
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
