//! `cognito-mfa emulator --generate-users N` (the release build, as a process): how long it
//! takes to start with N users, how much memory they take, and how fast the signed admin
//! operations answer over them: AdminGetUser (a lookup), and ListUsers pages at the start, the
//! middle and the end of the pool (each page starts with a lookup from its token, so a page
//! near the end costs what the first one does), and a walk over every page.
//!
//!     cargo bench --bench emulator_admin
//!     env: USERS (default 100000), SAMPLES (AdminGetUser and page calls, default 200)
//!
//! Requests are signed here with aws-sigv4 and the emulator's demo key, one connection each.

#[path = "../tests/support/emulator_process.rs"]
mod emulator_process;
#[path = "../tests/support/owned_child.rs"]
mod owned_child;
#[path = "support/raw_http.rs"]
mod raw_http;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime};

const POOL_ID: &str = "us-east-1_DemoPool1";

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Admin {
    addr: SocketAddr,
    key_id: String,
    secret: String,
}

impl Admin {
    /// One signed call on a fresh connection: the status and the JSON answer.
    fn call(&self, operation: &str, body: &Value) -> (u16, Value) {
        let body = body.to_string();
        let host = self.addr.to_string();
        let target = format!("AWSCognitoIdentityProviderService.{operation}");
        let headers = [
            ("host", host.as_str()),
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amz-target", target.as_str()),
        ];
        let identity = Credentials::new(&self.key_id, &self.secret, None, None, "bench").into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("cognito-idp")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let signable = SignableRequest::new(
            "POST",
            format!("http://{host}/"),
            headers.iter().copied(),
            SignableBody::Bytes(body.as_bytes()),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut request = format!(
            "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-amz-json-1.1\r\n\
             X-Amz-Target: {target}\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (name, value) in instructions.headers() {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        request.push_str(&body);
        raw_http::exchange(self.addr, &request)
    }

    fn ok(&self, operation: &str, body: &Value) -> Value {
        let (status, answer) = self.call(operation, body);
        assert_eq!(status, 200, "{operation}: {answer}");
        answer
    }
}

/// The emulator with `users` generated users: the process, the admin caller, and how long it
/// took from spawning to the start-up report.
fn start(users: usize) -> (Child, Admin, Duration) {
    let started = Instant::now();
    let count = users.to_string();
    let (child, report) =
        emulator_process::start_emulator(&["--generate-users", &count], Stdio::null());
    let elapsed = started.elapsed();
    let admin = Admin {
        addr: report["endpoint"]
            .as_str()
            .unwrap()
            .trim_start_matches("http://")
            .parse()
            .unwrap(),
        key_id: report["admin"]["accessKeyId"].as_str().unwrap().into(),
        secret: report["admin"]["secretAccessKey"].as_str().unwrap().into(),
    };
    (child, admin, elapsed)
}

/// VmRSS and VmHWM of a process, in kB.
fn memory_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn timed(samples: usize, mut call: impl FnMut(usize)) -> Vec<Duration> {
    let mut latencies: Vec<Duration> = (0..samples)
        .map(|i| {
            let started = Instant::now();
            call(i);
            started.elapsed()
        })
        .collect();
    latencies.sort();
    latencies
}

fn report(label: &str, sorted: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   ({} calls)",
        ms(percentile(sorted, 0.50)),
        ms(percentile(sorted, 0.95)),
        sorted.len()
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing: run once, briefly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let users = env_or("USERS", if quick { 2_000 } else { 100_000 });
    let samples = env_or("SAMPLES", if quick { 10 } else { 200 });

    let (mut empty, _, empty_start) = start(0);
    let (empty_rss, _) = memory_kb(empty.id());
    let _ = empty.kill();
    let _ = empty.wait();
    let (mut child, admin, startup) = start(users);
    let (rss, _) = memory_kb(child.id());
    println!(
        "start-up to report: {:.1} ms with no generated users, {:.1} ms with {users}",
        empty_start.as_secs_f64() * 1000.0,
        startup.as_secs_f64() * 1000.0
    );
    println!(
        "resident memory: {empty_rss} kB empty, {rss} kB with {users} users ({:.0} bytes per user)",
        (rss.saturating_sub(empty_rss) * 1024) as f64 / users.max(1) as f64
    );

    let get = timed(samples, |i| {
        let name = format!("user{:06}", 1 + (i * 7919) % users);
        admin.ok(
            "AdminGetUser",
            &json!({"UserPoolId": POOL_ID, "Username": name}),
        );
    });
    report("AdminGetUser", &get);
    for (label, at) in [("first", 0), ("middle", users / 2), ("last", users - 30)] {
        let body = if at == 0 {
            json!({"UserPoolId": POOL_ID})
        } else {
            use base64::Engine;
            let after = format!("user{at:06}");
            let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(after);
            json!({"UserPoolId": POOL_ID, "PaginationToken": token})
        };
        let pages = timed(samples, |_| {
            let page = admin.ok("ListUsers", &body);
            assert!(!page["Users"].as_array().unwrap().is_empty());
        });
        report(
            &format!("ListUsers page of 60, {label} of the pool"),
            &pages,
        );
    }

    let started = Instant::now();
    let (mut listed, mut pages) = (0usize, 0usize);
    let mut body = json!({"UserPoolId": POOL_ID});
    loop {
        let page = admin.ok("ListUsers", &body);
        listed += page["Users"].as_array().unwrap().len();
        pages += 1;
        match page["PaginationToken"].as_str() {
            Some(token) => body["PaginationToken"] = json!(token),
            None => break,
        }
    }
    let walk = started.elapsed().as_secs_f64();
    assert_eq!(
        listed,
        users + 2,
        "every generated user and the 2 demo users"
    );
    println!(
        "ListUsers over the whole pool: {pages} pages, {listed} users in {walk:.2} s \
         ({:.0} pages/s, {:.0} users/s)",
        pages as f64 / walk,
        listed as f64 / walk
    );
    let (rss_after, hwm) = memory_kb(child.id());
    println!("resident memory after the walk: {rss_after} kB (peak {hwm} kB)");
    let _ = child.kill();
    let _ = child.wait();
}
