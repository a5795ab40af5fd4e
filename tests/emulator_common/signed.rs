//! Signed (SigV4) calls to the emulator's administrator operations, signed in the test by
//! AWS's own signer, and ways to spoil a request after it was signed.

use super::{RawAnswer, START, http, read};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use cognito_mfa::emulator::config::{DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const REGION: &str = "us-east-1";
pub const POOL_ID: &str = "us-east-1_TestPool1";

/// Who signs, for which scope, at what time.
#[derive(Clone, Debug)]
pub struct Signer {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    pub region: String,
    pub service: String,
    /// Unix seconds the signature claims.
    pub time: u64,
}

impl Default for Signer {
    /// The emulator's demo key, for its pool's region, at the tests' fixed start.
    fn default() -> Self {
        Self {
            access_key_id: DEMO_ACCESS_KEY_ID.into(),
            secret_access_key: DEMO_SECRET_ACCESS_KEY.into(),
            session_token: None,
            region: REGION.into(),
            service: "cognito-idp".into(),
            time: START,
        }
    }
}

/// What to change after signing: the request then differs from what was signed.
#[derive(Clone, Debug, Default)]
pub enum Tamper {
    #[default]
    Nothing,
    Body(serde_json::Value),
    Target(String),
    /// Sent with no Authorization header at all.
    Unsigned,
    /// Sent with this session token header (instead of, or besides, the signed one).
    SessionToken(String),
}

/// `operation` with `body`, signed by `signer`, then spoiled by `tamper`.
pub async fn signed_raw(
    endpoint: &str,
    operation: &str,
    body: &serde_json::Value,
    signer: &Signer,
    tamper: Tamper,
) -> RawAnswer {
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let bytes = serde_json::to_vec(body).unwrap();
    let host = endpoint.trim_start_matches("http://").to_string();
    let headers = [
        ("host", host.as_str()),
        ("content-type", "application/x-amz-json-1.1"),
        ("x-amz-target", target.as_str()),
    ];
    let identity = Credentials::new(
        &signer.access_key_id,
        &signer.secret_access_key,
        signer.session_token.clone(),
        None,
        "test",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(&signer.region)
        .name(&signer.service)
        .time(UNIX_EPOCH + Duration::from_secs(signer.time))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        "POST",
        format!("{endpoint}/"),
        headers.iter().copied(),
        SignableBody::Bytes(&bytes),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut request = http()
        .post(format!("{endpoint}/"))
        .header("content-type", "application/x-amz-json-1.1");
    let mut sent_target = target.clone();
    let mut sent_body = bytes.clone();
    let mut extra_token = None;
    let mut signed = true;
    match tamper {
        Tamper::Nothing => {}
        Tamper::Body(value) => sent_body = serde_json::to_vec(&value).unwrap(),
        Tamper::Target(name) => sent_target = format!("AWSCognitoIdentityProviderService.{name}"),
        Tamper::Unsigned => signed = false,
        Tamper::SessionToken(token) => extra_token = Some(token),
    }
    request = request.header("x-amz-target", sent_target);
    if signed {
        for (name, value) in instructions.headers() {
            if name == "x-amz-security-token" && extra_token.is_some() {
                continue;
            }
            request = request.header(name, value);
        }
    }
    if let Some(token) = extra_token {
        request = request.header("x-amz-security-token", token);
    }
    read(request.body(sent_body).send().await.unwrap()).await
}

/// A signed call that must succeed: its JSON answer.
pub async fn admin(endpoint: &str, operation: &str, body: serde_json::Value) -> serde_json::Value {
    let answer = signed_raw(
        endpoint,
        operation,
        &body,
        &Signer::default(),
        Tamper::Nothing,
    )
    .await;
    assert_eq!(answer.status, 200, "{operation}: {}", answer.body);
    answer.body
}

/// The current Unix time, for tests whose emulator runs on the system clock.
pub fn system_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}
