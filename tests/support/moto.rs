//! moto, a third-party Cognito emulator, started on a free loopback port for one test binary,
//! and a pool seeded through its admin API. The moto_server path comes from
//! COGNITO_MFA_MOTO_SERVER (tests/peers/install-moto.sh installs it and prints the path).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Moto {
    child: Child,
    pub endpoint: String,
}

#[derive(Debug, Clone)]
pub struct SeededPool {
    pub endpoint: String,
    pub pool_id: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub username: String,
    pub password: String,
}

impl Moto {
    /// Starts moto with TOTP checking on, and returns once it says it is listening.
    pub fn start() -> Moto {
        let server = std::env::var("COGNITO_MFA_MOTO_SERVER").unwrap_or_else(|_| {
            panic!("COGNITO_MFA_MOTO_SERVER must name moto_server: run tests/peers/install-moto.sh (the moto suite runs with --features moto-tests)")
        });
        // Port 0: moto binds a free port itself and says which (no port is picked here and
        // then bound by another process in between).
        let mut command = Command::new(&server);
        command
            .args(["-H", "127.0.0.1", "-p", "0"])
            .env("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        // The binaries keep one moto in a `static`: it must end with the test process.
        let mut child = super::owned_child::spawn_owned(command)
            .unwrap_or_else(|e| panic!("cannot start {server}: {e}"));
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut seen = Vec::new();
        let port = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    let port = line
                        .split_once("Running on http://127.0.0.1:")
                        .map(|(_, rest)| rest.trim().trim_end_matches('/').to_string());
                    seen.push(line);
                    if let Some(port) = port {
                        break port;
                    }
                }
                _ => panic!("moto_server exited before listening:\n{}", seen.join("\n")),
            }
        };
        // Keep draining its log so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    /// A pool with TOTP MFA (`mfa`: ON or OPTIONAL), an app client and a confirmed user.
    pub fn seed(&self, mfa: &str, with_secret: bool) -> SeededPool {
        let pool = admin(
            &self.endpoint,
            "CreateUserPool",
            json!({"PoolName": format!("mfa-{mfa}"), "MfaConfiguration": mfa}),
        );
        let pool_id = pool["UserPool"]["Id"].as_str().unwrap().to_string();
        admin(
            &self.endpoint,
            "SetUserPoolMfaConfig",
            json!({"UserPoolId": pool_id, "MfaConfiguration": mfa, "SoftwareTokenMfaConfiguration": {"Enabled": true}}),
        );
        let client = admin(
            &self.endpoint,
            "CreateUserPoolClient",
            json!({
            "UserPoolId": pool_id, "ClientName": "wizard", "GenerateSecret": with_secret,
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
        );
        let client_id = client["UserPoolClient"]["ClientId"]
            .as_str()
            .unwrap()
            .to_string();
        let client_secret = client["UserPoolClient"]["ClientSecret"]
            .as_str()
            .map(str::to_string);
        let username = format!("user-{}@example.com", rand::random::<u32>());
        let password = "Corr3ct-Horse!".to_string();
        admin(
            &self.endpoint,
            "AdminCreateUser",
            json!({"UserPoolId": pool_id, "Username": username, "MessageAction": "SUPPRESS",
            "UserAttributes": [{"Name": "email", "Value": username}]}),
        );
        admin(
            &self.endpoint,
            "AdminSetUserPassword",
            json!({"UserPoolId": pool_id, "Username": username, "Password": password, "Permanent": true}),
        );
        SeededPool {
            endpoint: self.endpoint.clone(),
            pool_id,
            client_id,
            client_secret,
            username,
            password,
        }
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One call of moto's admin API (operations this project's client does not need).
pub fn admin(endpoint: &str, operation: &str, body: Value) -> Value {
    let (status, answer) = super::json_call::json_call(endpoint, operation, &body);
    assert!(status == 200, "{operation} -> {status}: {answer}");
    answer
}

/// The code an app shows now. moto accepts only the current 30-s step, so when the step is
/// about to turn, wait for the turn rather than race it.
pub fn current_code(secret: &str) -> String {
    use cognito_mfa::totp;
    let key = totp::decode_secret(secret).unwrap();
    if totp::seconds_left(totp::now_unix()) < 4 {
        let next = (totp::step_at(totp::now_unix()) + 1) * totp::STEP_SECONDS;
        while totp::now_unix() < next {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    totp::code_at(&key, totp::now_unix())
}

/// Signs the pool's user in with USER_PASSWORD_AUTH (moto answers with tokens even when MFA is
/// ON) and returns the access token.
pub fn access_token(pool: &SeededPool) -> String {
    use cognito_mfa::cognito::wire::{InitiateAuthRequest, SecretParams};
    use cognito_mfa::cognito::{ClientSettings, CognitoClient, Endpoint};
    let client = CognitoClient::new(ClientSettings::new(
        Endpoint::parse(&pool.endpoint).unwrap(),
    ))
    .unwrap();
    let mut params = SecretParams::new();
    params.insert("USERNAME".into(), pool.username.as_str().into());
    params.insert("PASSWORD".into(), pool.password.as_str().into());
    if let Some(secret) = &pool.client_secret {
        let hash = cognito_mfa::auth::secret_hash(
            &secret.as_str().into(),
            &pool.username,
            &pool.client_id,
        );
        params.insert("SECRET_HASH".into(), hash);
    }
    let request = InitiateAuthRequest {
        auth_flow: "USER_PASSWORD_AUTH".into(),
        auth_parameters: params,
        client_id: pool.client_id.clone(),
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer = rt.block_on(client.call(&request)).unwrap();
    answer
        .authentication_result
        .unwrap()
        .access_token
        .unwrap()
        .expose()
        .to_owned()
}
