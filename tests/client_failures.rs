//! The client against a fake server: every failure a user can meet becomes a clear error.

mod support;

use cognito_mfa::cognito::wire::{AssociateSoftwareTokenRequest, GetUserRequest};
use cognito_mfa::cognito::{
    ApiError, ClientSettings, CognitoClient, Endpoint, RetryMode, RetryPolicy, ServiceErrorKind,
};
use std::time::Duration;
use support::fake_server::{FakeServer, Reply};

fn client(server: &FakeServer, timeout: Duration) -> CognitoClient {
    let mut settings = ClientSettings::new(Endpoint::parse(&server.url).unwrap());
    settings.request_timeout = Some(timeout);
    settings.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        ..RetryPolicy::default()
    };
    CognitoClient::new(settings).unwrap()
}

fn associate() -> AssociateSoftwareTokenRequest {
    AssociateSoftwareTokenRequest {
        access_token: Some("token".into()),
        session: None,
    }
}

#[tokio::test]
async fn sends_the_json_1_1_protocol_and_reads_the_answer() {
    let server = FakeServer::start(vec![Reply::json(
        200,
        r#"{"SecretCode":"JBSWY3DPEHPK3PXP"}"#,
    )]);
    let answer = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap();
    assert_eq!(answer.secret_code.expose(), "JBSWY3DPEHPK3PXP");
    let req = server.last();
    assert_eq!(
        req.header("X-Amz-Target"),
        Some("AWSCognitoIdentityProviderService.AssociateSoftwareToken")
    );
    assert_eq!(
        req.header("Content-Type"),
        Some("application/x-amz-json-1.1")
    );
    assert_eq!(
        req.header("User-Agent"),
        Some(concat!("cognito-mfa/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(req.body, r#"{"AccessToken":"token"}"#);
}

#[tokio::test]
async fn service_error_from_body_with_namespace() {
    let server = FakeServer::start(vec![Reply::error(
        400,
        "com.amazonaws.cognito#CodeMismatchException",
        "Code mismatch",
    )]);
    let err = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap_err();
    assert_eq!(err.service_code(), Some("CodeMismatchException"));
    assert_eq!(err.kind(), Some(ServiceErrorKind::CodeMismatch));
    assert!(err.to_string().contains("fresh code"));
    assert_eq!(server.count(), 1, "not retried");
}

#[tokio::test]
async fn service_error_from_header_when_the_body_is_empty() {
    let server = FakeServer::start(vec![Reply::Http(
        400,
        vec![(
            "x-amzn-ErrorType",
            "NotAuthorizedException:http://internal".into(),
        )],
        Vec::new(),
    )]);
    let err = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap_err();
    assert_eq!(err.service_code(), Some("NotAuthorizedException"));
}

#[tokio::test]
async fn html_500_is_retried_then_explained() {
    let server = FakeServer::start(vec![Reply::Http(
        500,
        vec![("Content-Type", "text/html".into())],
        b"<html><body>Internal Server Error</body></html>".to_vec(),
    )]);
    let err = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::BadResponse { status: 500, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("HTML"), "{err}");
    assert_eq!(server.count(), 3, "three attempts in all");
}

#[tokio::test]
async fn garbage_and_truncated_success_bodies_are_errors() {
    for (body, words) in [
        ("garbage", "not JSON"),
        (r#"{"SecretCode": "AB"#, "truncated"),
        ("{}", "unexpected JSON"),
    ] {
        let server = FakeServer::start(vec![Reply::json(200, body)]);
        let err = client(&server, Duration::from_secs(5))
            .call(&associate())
            .await
            .unwrap_err();
        assert!(err.to_string().contains(words), "{body}: {err}");
    }
}

#[tokio::test]
async fn empty_503_is_explained() {
    let server = FakeServer::start(vec![Reply::Http(503, vec![], Vec::new())]);
    let err = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("HTTP 503") && err.to_string().contains("empty body"),
        "{err}"
    );
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let big = format!(r#"{{"SecretCode":"{}"}}"#, "A".repeat(1024 * 1024 + 10));
    let server = FakeServer::start(vec![Reply::json(200, &big)]);
    let err = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("larger than 1024 KiB"), "{err}");
}

#[tokio::test]
async fn throttling_is_retried_then_succeeds() {
    let server = FakeServer::start(vec![
        Reply::error(400, "TooManyRequestsException", "Rate exceeded"),
        Reply::error(400, "TooManyRequestsException", "Rate exceeded"),
        Reply::json(200, r#"{"Username":"alice","UserAttributes":[]}"#),
    ]);
    let answer = client(&server, Duration::from_secs(5))
        .call(&GetUserRequest {
            access_token: "t".into(),
        })
        .await
        .unwrap();
    assert_eq!(answer.username, "alice");
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn throttling_gives_up_after_three_attempts() {
    let server = FakeServer::start(vec![Reply::error(
        400,
        "TooManyRequestsException",
        "Rate exceeded",
    )]);
    let err = client(&server, Duration::from_secs(5))
        .call(&associate())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), Some(ServiceErrorKind::TooManyRequests));
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = FakeServer::start(vec![Reply::Hang]);
    let err = client(&server, Duration::from_millis(300))
        .call(&associate())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert!(err.to_string().contains("--cli-read-timeout"));
    assert_eq!(server.count(), 1, "a timeout is not retried");
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    let refusing = support::refusing_port::RefusingPort::new();
    let mut settings = ClientSettings::new(Endpoint::parse(&refusing.url()).unwrap());
    settings.retry.base_delay = Duration::from_millis(1);
    let err = CognitoClient::new(settings)
        .unwrap()
        .call(&associate())
        .await
        .unwrap_err();
    assert!(
        err.is_network() && matches!(err, ApiError::Connect { .. }),
        "{err:?}"
    );
}

/// A client of `mode` with 3 attempts and no wait between them.
fn no_wait_client(server: &FakeServer, mode: RetryMode) -> CognitoClient {
    let mut settings = ClientSettings::new(Endpoint::parse(&server.url).unwrap());
    settings.retry = RetryPolicy {
        base_delay: Duration::ZERO,
        ..RetryPolicy::new(mode, Some(3))
    };
    CognitoClient::new(settings).unwrap()
}

/// 20 calls to a server that always fails, from one standard-mode client: botocore's retry
/// quota (500 units, 14 a retry) pays for 17 calls' two retries each, then one retry, then
/// none; a success gives back what its retry took.
#[tokio::test]
async fn the_retry_quota_stops_retries_once_spent() {
    let server = FakeServer::start(vec![Reply::error(500, "InternalErrorException", "down")]);
    let client = no_wait_client(&server, RetryMode::Standard);
    for _ in 0..20 {
        client.call(&associate()).await.unwrap_err();
    }
    assert_eq!(server.count(), 17 * 3 + 2 + 1 + 1);

    // Legacy mode (awscli v1's default) has no quota: every call makes all its attempts.
    let legacy = FakeServer::start(vec![Reply::error(500, "InternalErrorException", "down")]);
    let client = no_wait_client(&legacy, RetryMode::Legacy);
    for _ in 0..20 {
        client.call(&associate()).await.unwrap_err();
    }
    assert_eq!(legacy.count(), 20 * 3);
}

#[tokio::test]
async fn successes_refill_the_retry_quota() {
    // 55 failures spend the quota down to 10 (as above); 14 successes without a retry give back
    // 1 each (24); then a failure can be retried (14), which it could not have been at 10.
    let fail = Reply::error(500, "InternalErrorException", "down");
    let ok = Reply::json(200, r#"{"SecretCode":"JBSWY3DPEHPK3PXP"}"#);
    let mut replies = vec![fail.clone(); 55];
    replies.extend(vec![ok.clone(); 14]);
    replies.extend([fail, ok]);
    let server = FakeServer::start(replies);
    let client = no_wait_client(&server, RetryMode::Standard);
    for _ in 0..20 {
        client.call(&associate()).await.unwrap_err();
    }
    assert_eq!(server.count(), 55);
    for _ in 0..14 {
        client.call(&associate()).await.unwrap();
    }
    client.call(&associate()).await.unwrap();
    assert_eq!(server.count(), 55 + 14 + 2);
}
