//! `cognito-mfa emulator` (the release build, as a process) under SRP load: while WORKERS
//! clients run USER_SRP_AUTH sign-ins in a loop, how long does a plain request (GetUser) wait
//! for its answer? SRP proof checks are modular exponentiations of 3072-bit numbers; they must
//! not hold up everything else the emulator serves.
//!
//!     cargo bench --bench emulator_load
//!     env: WORKERS (concurrent SRP sign-ins, default 50), SAMPLES (GetUser calls, default 200)
//!
//! Each worker sends InitiateAuth USER_SRP_AUTH with a fixed SRP_A, then answers
//! PASSWORD_VERIFIER with a wrong signature: the emulator does all of its SRP work (B, then the
//! shared secret) and refuses the claim, while the worker spends next to no CPU of its own.
//! GetUser is timed from the first byte sent to the last byte read, one connection per call,
//! at most one call every 10 ms.

#[path = "../tests/support/emulator_process.rs"]
mod emulator_process;
#[path = "../tests/support/owned_child.rs"]
mod owned_child;
#[path = "support/raw_http.rs"]
mod raw_http;

use emulator_process::start_emulator;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

const POOL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/pool.toml");
const CLIENT_ID: &str = "bench0client000000000000aa";
const USERNAME: &str = "bench";
const PASSWORD: &str = "Bench-Passw0rd!";
const PACE: Duration = Duration::from_millis(10);

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One JSON 1.1 call on a fresh connection: the status and the JSON answer.
fn call(addr: SocketAddr, operation: &str, body: &Value) -> (u16, Value) {
    let body = body.to_string();
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: AWSCognitoIdentityProviderService.{operation}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    raw_http::exchange(addr, &request)
}

fn start() -> (Child, SocketAddr) {
    let (child, report) = start_emulator(&["--config", POOL], Stdio::null());
    let endpoint = report["endpoint"].as_str().unwrap();
    (
        child,
        endpoint.trim_start_matches("http://").parse().unwrap(),
    )
}

/// SRP sign-ins that the emulator refuses only after doing all of its maths, until `stop`.
fn srp_worker(addr: SocketAddr, srp_a: String, stop: Arc<AtomicBool>, done: Arc<AtomicU64>) {
    while !stop.load(Ordering::Relaxed) {
        let (status, challenge) = call(
            addr,
            "InitiateAuth",
            &json!({"AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT_ID,
                    "AuthParameters": {"USERNAME": USERNAME, "SRP_A": srp_a}}),
        );
        assert_eq!(status, 200, "{challenge}");
        let params = &challenge["ChallengeParameters"];
        let (status, refused) = call(
            addr,
            "RespondToAuthChallenge",
            &json!({"ClientId": CLIENT_ID, "ChallengeName": "PASSWORD_VERIFIER",
                    "ChallengeResponses": {
                        "USERNAME": USERNAME,
                        "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
                        "PASSWORD_CLAIM_SIGNATURE": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                        "TIMESTAMP": "Mon Jan 1 00:00:00 UTC 2024"}}),
        );
        assert_eq!(status, 400, "{refused}");
        done.fetch_add(1, Ordering::Relaxed);
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// `samples` GetUser calls, one every PACE at most (so they spread over the load rather than
/// fitting between two sign-ins); their latencies, sorted.
fn time_get_user(addr: SocketAddr, token: &str, samples: usize) -> Vec<Duration> {
    let mut latencies: Vec<Duration> = (0..samples)
        .map(|_| {
            let started = Instant::now();
            let (status, body) = call(addr, "GetUser", &json!({"AccessToken": token}));
            let elapsed = started.elapsed();
            assert_eq!(status, 200, "{body}");
            std::thread::sleep(PACE.saturating_sub(elapsed));
            elapsed
        })
        .collect();
    latencies.sort();
    latencies
}

fn report(label: &str, sorted: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<28} p50 {:>8.2} ms   p95 {:>8.2} ms   max {:>8.2} ms   ({} calls)",
        ms(percentile(sorted, 0.50)),
        ms(percentile(sorted, 0.95)),
        ms(*sorted.last().unwrap()),
        sorted.len()
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run once, briefly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let workers = env_or("WORKERS", if quick { 4 } else { 50 });
    let samples = env_or("SAMPLES", if quick { 10 } else { 200 });
    let (mut child, addr) = start();
    let (status, signed_in) = call(
        addr,
        "InitiateAuth",
        &json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT_ID,
                "AuthParameters": {"USERNAME": USERNAME, "PASSWORD": PASSWORD}}),
    );
    assert_eq!(status, 200, "{signed_in}");
    let token = signed_in["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let srp_a = cognito_mfa::auth::SrpClient::generate().srp_a();

    report(
        "GetUser, idle emulator",
        &time_get_user(addr, &token, samples),
    );

    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (srp_a, stop, done) = (srp_a.clone(), stop.clone(), done.clone());
            std::thread::spawn(move || srp_worker(addr, srp_a, stop, done))
        })
        .collect();
    // Let every worker get its first exchange under way before timing.
    while done.load(Ordering::Relaxed) < workers as u64 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let started = Instant::now();
    let before = done.load(Ordering::Relaxed);
    let loaded = time_get_user(addr, &token, samples);
    let sign_ins = done.load(Ordering::Relaxed) - before;
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }
    report(&format!("GetUser, {workers} SRP sign-ins"), &loaded);
    println!(
        "SRP sign-ins completed meanwhile: {sign_ins} ({:.1} per second)",
        sign_ins as f64 / elapsed.as_secs_f64()
    );
    let _ = child.kill();
    let _ = child.wait();
}
