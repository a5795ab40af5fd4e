//! The emulator against clients that misbehave: bodies that stall, headers that never end,
//! and a stop while such requests are open. Every wait is bounded by PATIENCE, so a server that
//! never answers fails the test instead of hanging it.

use cognito_mfa::emulator::{Emulator, EmulatorConfig, RunningEmulator};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

const PATIENCE: Duration = Duration::from_secs(10);

/// A GetUser whose headers promise a body that never comes in full.
const STALLED: &[u8] = b"POST / HTTP/1.1\r\nHost: emulator\r\n\
    Content-Type: application/x-amz-json-1.1\r\n\
    X-Amz-Target: AWSCognitoIdentityProviderService.GetUser\r\n\
    Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n";

async fn start(emulator: Emulator) -> RunningEmulator {
    emulator.start().await.unwrap()
}

fn emulator() -> Emulator {
    Emulator::new(EmulatorConfig::embedded().unwrap())
}

/// Sends the stalled request's headers and a little of its body, and returns once the server
/// has started reading that body (it says `100 Continue` then).
async fn stalled_request(running: &RunningEmulator) -> TcpStream {
    let mut stream = TcpStream::connect(running.addr()).await.unwrap();
    stream.write_all(STALLED).await.unwrap();
    let mut continued = [0u8; 25];
    timeout(PATIENCE, stream.read_exact(&mut continued))
        .await
        .unwrap()
        .unwrap();
    assert!(continued.starts_with(b"HTTP/1.1 100 Continue"));
    stream.write_all(b"{\"AccessToken\": \"ey").await.unwrap();
    stream
}

/// Everything the server sends until it closes the connection.
async fn until_closed(mut stream: TcpStream) -> String {
    let mut answer = Vec::new();
    timeout(PATIENCE, stream.read_to_end(&mut answer))
        .await
        .expect("the server closed the connection")
        .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// Waits until no connection task is left (each one's buffers freed), then stops the emulator.
async fn every_connection_ends(running: RunningEmulator) {
    let mut open = running.open_connections();
    timeout(PATIENCE, open.wait_for(|n| *n == 0))
        .await
        .expect("every connection task ended")
        .unwrap();
    running.shutdown().await;
}

#[tokio::test]
async fn a_stalled_body_is_cut_at_the_deadline_and_its_connection_freed() {
    let running = start(emulator().request_deadline(Duration::from_millis(200))).await;
    let mut stalled = Vec::new();
    for _ in 0..20 {
        stalled.push(stalled_request(&running).await);
    }
    for stream in stalled {
        let answer = until_closed(stream).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("RequestTimeoutException"), "{answer}");
        assert!(answer.to_ascii_lowercase().contains("connection: close"));
    }
    every_connection_ends(running).await;
}

#[tokio::test]
async fn headers_that_never_end_and_silent_clients_are_dropped() {
    let running = start(emulator().header_read_timeout(Duration::from_millis(200))).await;
    let mut partial = TcpStream::connect(running.addr()).await.unwrap();
    partial
        .write_all(b"POST / HTTP/1.1\r\nHost: emulator\r\nX-Amz-Tar")
        .await
        .unwrap();
    let silent = TcpStream::connect(running.addr()).await.unwrap();
    until_closed(partial).await;
    until_closed(silent).await;
    every_connection_ends(running).await;
}

#[tokio::test]
async fn a_stop_does_not_wait_for_stalled_requests() {
    // A deadline far away: only the stop can end these requests.
    let running = start(emulator().request_deadline(Duration::from_secs(3600))).await;
    let first = stalled_request(&running).await;
    let second = stalled_request(&running).await;
    timeout(PATIENCE, running.shutdown())
        .await
        .expect("the emulator stopped with requests still open");
    until_closed(first).await;
    until_closed(second).await;
}

#[tokio::test]
async fn well_behaved_requests_are_unaffected_by_the_limits() {
    let running = start(
        emulator()
            .request_deadline(Duration::from_millis(500))
            .header_read_timeout(Duration::from_millis(500)),
    )
    .await;
    let body = br#"{"AccessToken": "not-a-token"}"#;
    let mut stream = TcpStream::connect(running.addr()).await.unwrap();
    let head = format!(
        "POST / HTTP/1.1\r\nHost: emulator\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: AWSCognitoIdentityProviderService.GetUser\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let answer = until_closed(stream).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("NotAuthorizedException"), "{answer}");
    running.shutdown().await;
}
