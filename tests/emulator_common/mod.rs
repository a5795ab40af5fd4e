//! Shared by the emulator tests: a seeded-pool description, a raw JSON 1.1 caller, and an
//! in-process emulator on a free port with a clock the test moves.
#![allow(dead_code)]

pub mod scenarios;
pub mod signed;

use cognito_mfa::cognito::wire::Operation;
use cognito_mfa::emulator::{
    AdminKeys, AuthFlow, ClientConfig, Emulator, EmulatorConfig, ManualClock, MfaConfiguration,
    PoolConfig, RunningEmulator, UserConfig, UserStatus,
};
use cognito_mfa::secret::Sensitive;
use std::time::Duration;

pub const USERNAME: &str = "alice";
pub const PASSWORD: &str = "Corr3ct-Horse!";
pub const NEWCOMER: &str = "newcomer";
pub const NEWCOMER_PASSWORD: &str = "Temp-Passw0rd!";
pub const CLIENT_ID: &str = "testclient0000000000000001";
pub const SECRET_CLIENT_ID: &str = "testclient0000000000000002";
pub const CLIENT_SECRET: &str = "client-secret-for-tests";
/// A fixed start, mid-way through a 30-second step.
pub const START: u64 = 1_699_999_995;

/// Where a seeded pool is served and who is in it: the emulator or moto.
#[derive(Clone, Debug)]
pub struct Peer {
    pub endpoint: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub username: String,
    pub password: String,
}

impl Peer {
    pub fn with_secret(&self, client_id: &str, secret: &str) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: Some(secret.into()),
            ..self.clone()
        }
    }

    /// SECRET_HASH for this client, when it has a secret.
    pub fn secret_hash(&self, username: &str) -> Option<Sensitive> {
        self.client_secret
            .as_deref()
            .map(|s| cognito_mfa::auth::secret_hash(&s.into(), username, &self.client_id))
    }
}

/// An error answer as it came over the wire.
#[derive(Debug, Clone)]
pub struct ErrorAnswer {
    pub status: u16,
    pub error_type: String,
    pub message: String,
    pub header_type: Option<String>,
    pub request_id: Option<String>,
}

/// Any answer, undecoded.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub header_type: Option<String>,
    pub request_id: Option<String>,
    pub content_type: Option<String>,
    pub body: serde_json::Value,
}

impl RawAnswer {
    pub fn error_type(&self) -> &str {
        self.body["__type"].as_str().unwrap_or("")
    }
}

pub fn http() -> reqwest::Client {
    cognito_mfa::cognito::client::install_tls_provider();
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

pub async fn raw(
    endpoint: &str,
    target: Option<&str>,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> RawAnswer {
    let mut request = http().post(endpoint).body(body);
    if let Some(target) = target {
        request = request.header("X-Amz-Target", target);
    }
    if let Some(content_type) = content_type {
        request = request.header("Content-Type", content_type);
    }
    read(request.send().await.unwrap()).await
}

pub async fn read(response: reqwest::Response) -> RawAnswer {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (header_type, request_id, content_type) = (
        header("x-amzn-ErrorType"),
        header("x-amzn-RequestId"),
        header("content-type"),
    );
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    RawAnswer {
        status,
        header_type,
        request_id,
        content_type,
        body,
    }
}

/// One operation, typed, as the CLI sends it.
/// AssociateSoftwareToken with an access token: the secret it issues.
pub async fn associate_with_token(peer: &Peer, token: &Sensitive) -> Sensitive {
    call(
        peer,
        &cognito_mfa::cognito::wire::AssociateSoftwareTokenRequest {
            access_token: Some(token.clone()),
            session: None,
        },
    )
    .await
    .unwrap()
    .secret_code
}

pub async fn call<O: Operation>(peer: &Peer, request: &O) -> Result<O::Response, ErrorAnswer> {
    let answer = raw(
        &peer.endpoint,
        Some(&format!("AWSCognitoIdentityProviderService.{}", O::NAME)),
        Some("application/x-amz-json-1.1"),
        serde_json::to_vec(request).unwrap(),
    )
    .await;
    if answer.status == 200 {
        Ok(serde_json::from_value(answer.body).unwrap())
    } else {
        Err(ErrorAnswer {
            status: answer.status,
            error_type: answer.error_type().to_string(),
            message: answer.body["message"].as_str().unwrap_or("").to_string(),
            header_type: answer.header_type,
            request_id: answer.request_id,
        })
    }
}

/// The pool the tests use: one public and one secret client, a confirmed user, a newcomer.
pub fn test_config(mfa: MfaConfiguration) -> EmulatorConfig {
    let flows = vec![
        AuthFlow::UserPassword,
        AuthFlow::UserSrp,
        AuthFlow::RefreshToken,
    ];
    EmulatorConfig {
        pool: PoolConfig {
            id: "us-east-1_TestPool1".into(),
            name: "test pool".into(),
            mfa_configuration: mfa,
            access_token_validity: Duration::from_secs(3600),
            software_token_mfa: true,
            requests_per_second: None,
            allowed_first_auth_factors: vec!["PASSWORD".into()],
        },
        clients: vec![
            ClientConfig {
                id: CLIENT_ID.into(),
                name: "public".into(),
                secret: None,
                auth_flows: flows.clone(),
                session_validity: Duration::from_secs(180),
                prevent_user_existence_errors: true,
            },
            ClientConfig {
                id: SECRET_CLIENT_ID.into(),
                name: "confidential".into(),
                secret: Some(CLIENT_SECRET.into()),
                auth_flows: flows,
                session_validity: Duration::from_secs(180),
                prevent_user_existence_errors: true,
            },
        ],
        users: vec![
            UserConfig {
                username: USERNAME.into(),
                password: PASSWORD.into(),
                email: Some("alice@example.com".into()),
                status: UserStatus::Confirmed,
                enabled: true,
            },
            UserConfig {
                username: NEWCOMER.into(),
                password: NEWCOMER_PASSWORD.into(),
                email: Some("newcomer@example.com".into()),
                status: UserStatus::ForceChangePassword,
                enabled: true,
            },
        ],
        admin: AdminKeys::default(),
        generated_users: None,
    }
}

/// An emulator on a free port with a manual clock, and the peer description for it.
pub struct TestEmulator {
    pub running: RunningEmulator,
    pub clock: ManualClock,
    pub peer: Peer,
}

pub async fn start(config: EmulatorConfig) -> TestEmulator {
    let clock = ManualClock::new(START);
    let running = Emulator::new(config)
        .clock(clock.clone())
        .start()
        .await
        .unwrap();
    let peer = Peer {
        endpoint: running.endpoint().to_string(),
        client_id: CLIENT_ID.into(),
        client_secret: None,
        username: USERNAME.into(),
        password: PASSWORD.into(),
    };
    TestEmulator {
        running,
        clock,
        peer,
    }
}

/// The code an authenticator app shows for `secret` at `now`.
pub fn code(secret: &Sensitive, now: u64) -> Sensitive {
    let key = cognito_mfa::totp::decode_secret(secret.expose()).unwrap();
    Sensitive::new(cognito_mfa::totp::code_at(&key, now))
}

/// The code of the step after `now`'s (accepted: Cognito allows one step either side).
pub fn next_code(secret: &Sensitive, now: u64) -> Sensitive {
    code(secret, now + cognito_mfa::totp::STEP_SECONDS)
}

/// A well-formed code that none of the steps around `now` accepts.
pub fn wrong_code(secret: &Sensitive, now: u64) -> Sensitive {
    let valid: Vec<String> = [now - 30, now, now + 30]
        .iter()
        .map(|t| code(secret, *t).expose().to_string())
        .collect();
    (0..4u32)
        .map(|i| format!("{:06}", 111_111 * i + 123))
        .find(|c| !valid.contains(c))
        .map(Sensitive::new)
        .unwrap()
}

/// Time as the peer sees it, and a way to reach the next TOTP step (so a fresh code exists).
pub trait PeerClock {
    fn now(&self) -> u64;
    fn next_step(&self);
}

impl PeerClock for ManualClock {
    fn now(&self) -> u64 {
        cognito_mfa::emulator::Clock::now(self)
    }
    fn next_step(&self) {
        self.advance(cognito_mfa::totp::STEP_SECONDS);
    }
}

/// A peer on real time (moto): the next step comes by waiting for it. Waiting here is the flow
/// itself (a fresh code exists only in the next 30-second step), not synchronisation.
pub struct SystemPeerClock;

impl PeerClock for SystemPeerClock {
    fn now(&self) -> u64 {
        cognito_mfa::totp::now_unix()
    }
    fn next_step(&self) {
        let left = cognito_mfa::totp::seconds_left(self.now());
        std::thread::sleep(Duration::from_secs(left));
    }
}
