//! The emulator's pool description: the pool's MFA setting, its app clients and seeded users.
//! Loaded from the embedded `assets/emulator.toml`, from a TOML file, or built in code by tests.

pub use super::config_admin::{
    AdminKeys, DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, GeneratedUsers,
};
use super::config_admin::{RawAdmin, RawGenerated, validate_generated};
use crate::secret::Sensitive;
use serde::Deserialize;
use std::path::Path;
use std::time::Duration;

/// The default pool, embedded in the binary: MFA required, one public client, two demo users.
pub const EMBEDDED_CONFIG: &str = include_str!("../../assets/emulator.toml");

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the emulator config {path}: {source}")]
    Read {
        path: String,
        source: crate::capped_read::CappedReadError,
    },
    #[error("the emulator config is not valid TOML: {0}")]
    Parse(String),
    #[error("the emulator config is invalid: {0}")]
    Invalid(String),
}

/// `MfaConfiguration` of the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MfaConfiguration {
    Off,
    On,
    Optional,
}

/// An authentication flow a client may allow (`ExplicitAuthFlows`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum AuthFlow {
    #[serde(rename = "ALLOW_USER_PASSWORD_AUTH")]
    UserPassword,
    #[serde(rename = "ALLOW_USER_SRP_AUTH")]
    UserSrp,
    #[serde(rename = "ALLOW_REFRESH_TOKEN_AUTH")]
    RefreshToken,
    /// Choice-based sign-in; the first factors come from the pool's
    /// `allowed_first_auth_factors`.
    #[serde(rename = "ALLOW_USER_AUTH")]
    UserAuth,
}

impl AuthFlow {
    /// The flow named in an `InitiateAuth` request (`REFRESH_TOKEN` is an alias).
    pub fn from_request(name: &str) -> Option<Self> {
        match name {
            "USER_PASSWORD_AUTH" => Some(Self::UserPassword),
            "USER_SRP_AUTH" => Some(Self::UserSrp),
            "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => Some(Self::RefreshToken),
            "USER_AUTH" => Some(Self::UserAuth),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserStatus {
    Confirmed,
    ForceChangePassword,
    /// Signed up, not confirmed: sign-in answers UserNotConfirmedException.
    Unconfirmed,
    /// An administrator reset the password: sign-in answers PasswordResetRequiredException.
    ResetRequired,
}

#[derive(Debug, Clone)]
pub struct PoolConfig {
    pub id: String,
    pub name: String,
    pub mfa_configuration: MfaConfiguration,
    /// How long access and ID tokens live (Cognito's default: one hour).
    pub access_token_validity: Duration,
    /// `SoftwareTokenMfaConfiguration.Enabled`: authenticator apps allowed.
    pub software_token_mfa: bool,
    /// Requests answered per second before TooManyRequestsException (`None`: no limit).
    pub requests_per_second: Option<u32>,
    /// `SignInPolicy.AllowedFirstAuthFactors` for USER_AUTH: PASSWORD (answered as PASSWORD or
    /// PASSWORD_SRP), EMAIL_OTP, SMS_OTP, WEB_AUTHN. Only PASSWORD can be completed here.
    pub allowed_first_auth_factors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub id: String,
    pub name: String,
    pub secret: Option<Sensitive>,
    pub auth_flows: Vec<AuthFlow>,
    /// `AuthSessionValidity`: how long a challenge session lives (Cognito: 3–15 min, default 3).
    pub session_validity: Duration,
    /// `PreventUserExistenceErrors`: an unknown user reads as a wrong password (Cognito's
    /// default) rather than UserNotFoundException.
    pub prevent_user_existence_errors: bool,
}

#[derive(Debug, Clone)]
pub struct UserConfig {
    pub username: String,
    pub password: Sensitive,
    pub email: Option<String>,
    pub status: UserStatus,
    /// A disabled user's sign-in answers NotAuthorizedException "User is disabled.".
    pub enabled: bool,
}

#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    pub pool: PoolConfig,
    pub clients: Vec<ClientConfig>,
    pub users: Vec<UserConfig>,
    /// The access key signed (admin) operations must be signed with (`[admin]`).
    pub admin: AdminKeys,
    /// Users made in bulk at start, besides `users` (`[generated_users]`).
    pub generated_users: Option<GeneratedUsers>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    pool: RawPool,
    #[serde(default)]
    clients: Vec<RawClient>,
    #[serde(default)]
    users: Vec<RawUser>,
    #[serde(default)]
    admin: Option<RawAdmin>,
    #[serde(default)]
    generated_users: Option<RawGenerated>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPool {
    id: String,
    #[serde(default)]
    name: Option<String>,
    mfa_configuration: MfaConfiguration,
    #[serde(default)]
    access_token_validity_minutes: Option<u64>,
    #[serde(default)]
    software_token_mfa: Option<bool>,
    #[serde(default)]
    requests_per_second: Option<u32>,
    #[serde(default)]
    allowed_first_auth_factors: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClient {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    secret: Option<Sensitive>,
    explicit_auth_flows: Vec<AuthFlow>,
    #[serde(default)]
    auth_session_validity_minutes: Option<u64>,
    #[serde(default)]
    prevent_user_existence_errors: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUser {
    username: String,
    password: Sensitive,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    status: Option<UserStatus>,
    #[serde(default)]
    enabled: Option<bool>,
}

impl EmulatorConfig {
    /// The pool embedded in the binary.
    pub fn embedded() -> Result<Self, ConfigError> {
        Self::from_toml(EMBEDDED_CONFIG)
    }

    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text =
            crate::capped_read::read_capped_to_string(path, crate::capped_read::DOCUMENT_CAP)
                .map_err(|source| ConfigError::Read {
                    path: path.display().to_string(),
                    source,
                })?;
        Self::from_toml(&text)
    }

    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        // toml's messages quote the offending line, which may hold a password: keep only the
        // position and the reason.
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let position = e
                .span()
                .map(|span| format!(" at byte {}", span.start))
                .unwrap_or_default();
            ConfigError::Parse(format!("{}{position}", e.message()))
        })?;
        let minutes = |m: u64| Duration::from_secs(m * 60);
        let config = Self {
            pool: PoolConfig {
                name: raw.pool.name.unwrap_or_else(|| raw.pool.id.clone()),
                id: raw.pool.id,
                mfa_configuration: raw.pool.mfa_configuration,
                access_token_validity: minutes(
                    raw.pool.access_token_validity_minutes.unwrap_or(60),
                ),
                software_token_mfa: raw.pool.software_token_mfa.unwrap_or(true),
                requests_per_second: raw.pool.requests_per_second,
                allowed_first_auth_factors: raw
                    .pool
                    .allowed_first_auth_factors
                    .unwrap_or_else(|| vec!["PASSWORD".into()]),
            },
            clients: raw
                .clients
                .into_iter()
                .map(|c| {
                    let validity = c.auth_session_validity_minutes.unwrap_or(3);
                    if !(3..=15).contains(&validity) {
                        return Err(ConfigError::Invalid(format!(
                            "client {}: auth_session_validity_minutes must be 3 to 15",
                            c.id
                        )));
                    }
                    Ok(ClientConfig {
                        name: c.name.unwrap_or_else(|| c.id.clone()),
                        id: c.id,
                        secret: c.secret,
                        auth_flows: c.explicit_auth_flows,
                        session_validity: minutes(validity),
                        prevent_user_existence_errors: c
                            .prevent_user_existence_errors
                            .unwrap_or(true),
                    })
                })
                .collect::<Result<_, _>>()?,
            users: raw
                .users
                .into_iter()
                .map(|u| UserConfig {
                    username: u.username,
                    password: u.password,
                    email: u.email,
                    status: u.status.unwrap_or(UserStatus::Confirmed),
                    enabled: u.enabled.unwrap_or(true),
                })
                .collect(),
            admin: raw
                .admin
                .unwrap_or_default()
                .into_keys()
                .map_err(ConfigError::Invalid)?,
            generated_users: raw.generated_users.map(RawGenerated::into_generated),
        };
        config.validate()?;
        Ok(config)
    }

    /// Checks what the server relies on: at least one client, unique ids and usernames.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if crate::auth::pool_name(&self.pool.id).is_err() {
            return Err(ConfigError::Invalid(
                "the pool id must look like REGION_NAME, e.g. us-east-1_DemoPool1".into(),
            ));
        }
        if self.clients.is_empty() {
            return Err(ConfigError::Invalid("the pool has no app client".into()));
        }
        let mut ids: Vec<&str> = self.clients.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return Err(ConfigError::Invalid("two clients share an id".into()));
        }
        let mut names: Vec<&str> = self.users.iter().map(|u| u.username.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            return Err(ConfigError::Invalid("two users share a username".into()));
        }
        if self.users.iter().any(|u| u.username.is_empty()) {
            return Err(ConfigError::Invalid("a user has an empty username".into()));
        }
        if let Some(generated) = &self.generated_users {
            validate_generated(generated, self.users.iter().map(|u| u.username.as_str()))
                .map_err(ConfigError::Invalid)?;
        }
        Ok(())
    }

    /// The pool's region: the part of its id before `_`.
    pub fn region(&self) -> &str {
        self.pool.id.split('_').next().unwrap_or_default()
    }

    pub fn client(&self, id: &str) -> Option<&ClientConfig> {
        self.clients.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
