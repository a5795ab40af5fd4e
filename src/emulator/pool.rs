//! The pool's state: users with their passwords and software tokens, sessions, pending SRP
//! exchanges, refresh tokens, and the key that signs access tokens. Operations lock it, change
//! it and let go. The types every operation shares live here, below the operations.

use super::capped::CappedMap;
use super::config::{ClientConfig, EmulatorConfig, MfaConfiguration};
use super::fault::Fault;
use super::jwt::JwtKey;
use super::random::{random_token, uuid_v4};
use super::session::Sessions;
pub use super::user::{SOFTWARE_TOKEN_MFA, SoftwareToken, User};
use crate::auth::ServerSession;
use crate::secret::Sensitive;
use std::collections::BTreeMap;

/// The claim that carries the user's sign-out count when the token was issued: a token from
/// before an AdminUserGlobalSignOut is refused as revoked.
const SIGN_OUTS_CLAIM: &str = "cognito-mfa:sign_outs";

/// PASSWORD_VERIFIER challenges waiting at once; beyond that the oldest is dropped.
pub const MAX_PENDING_SRP: usize = 1_000;
/// Refresh tokens kept; beyond that the oldest stops working.
pub const MAX_REFRESH_TOKENS: usize = 10_000;

/// A PASSWORD_VERIFIER challenge waiting for its answer.
pub struct PendingSrp {
    pub username: String,
    pub client_id: String,
    pub srp_a: String,
    pub server: ServerSession,
    pub expires_at: u64,
}

impl PendingSrp {
    pub fn expired(&self, now: u64) -> bool {
        now >= self.expires_at
    }
}

/// What a refresh token stands for.
struct RefreshGrant {
    username: String,
    client_id: String,
    /// The user's sign-out count when it was issued.
    sign_outs: u32,
}

pub struct PoolState {
    pub config: EmulatorConfig,
    /// By username, in order: ListUsers pages walk it from where the last page ended.
    pub users: BTreeMap<String, User>,
    pub sessions: Sessions,
    /// PASSWORD_VERIFIER challenges by SECRET_BLOCK.
    pub srp_pending: CappedMap<String, PendingSrp>,
    refresh_tokens: CappedMap<String, RefreshGrant>,
    jwt: JwtKey,
    issuer: String,
    /// The second being counted and the requests answered in it (`requests_per_second`).
    rate: (u64, u32),
}

/// The claims every access token carries.
pub const ACCESS_SCOPE: &str = "aws.cognito.signin.user.admin";

/// An access token that checked out.
pub struct AccessGrant {
    pub username: String,
}

impl PoolState {
    /// The pool as configured, its users created at `now_ms` (generated ones just before).
    pub fn new(config: EmulatorConfig, issuer: String, now_ms: u64) -> Self {
        let mut users: BTreeMap<String, User> = config
            .users
            .iter()
            .map(|u| (u.username.clone(), User::from_config(u, now_ms)))
            .collect();
        if let Some(generated) = &config.generated_users {
            super::generated::add_users(&mut users, generated, now_ms);
        }
        Self {
            config,
            users,
            sessions: Sessions::default(),
            srp_pending: CappedMap::new(MAX_PENDING_SRP),
            refresh_tokens: CappedMap::new(MAX_REFRESH_TOKENS),
            jwt: JwtKey::random(),
            issuer,
            rate: (0, 0),
        }
    }

    /// Counts a request against the pool's rate limit: beyond it, TooManyRequestsException.
    pub fn admit(&mut self, now: u64) -> Result<(), Fault> {
        let Some(limit) = self.config.pool.requests_per_second else {
            return Ok(());
        };
        if self.rate.0 != now {
            self.rate = (now, 0);
        }
        if self.rate.1 >= limit {
            return Err(Fault::new("TooManyRequestsException", "Rate exceeded"));
        }
        self.rate.1 += 1;
        Ok(())
    }

    /// Drops PASSWORD_VERIFIER challenges that can no longer be answered.
    pub fn prune_srp(&mut self, now: u64) {
        self.srp_pending
            .drop_oldest_while(|pending| pending.expired(now));
    }

    pub fn mfa(&self) -> MfaConfiguration {
        self.config.pool.mfa_configuration
    }

    pub fn client(&self, client_id: &str) -> Result<&ClientConfig, Fault> {
        self.config.client(client_id).ok_or_else(|| {
            Fault::new(
                "ResourceNotFoundException",
                format!("User pool client {client_id} does not exist."),
            )
        })
    }

    /// The user signing in with `client`: an unknown one reads as a wrong password unless the
    /// client reveals whether users exist (PreventUserExistenceErrors off).
    pub fn signing_in(&self, client: &ClientConfig, username: &str) -> Result<&User, Fault> {
        match self.users.get(username) {
            Some(user) => user.may_sign_in().map(|()| user),
            None if client.prevent_user_existence_errors => Err(Fault::wrong_credentials()),
            None => Err(Fault::new("UserNotFoundException", "User does not exist.")),
        }
    }

    /// Authenticator apps allowed in the pool, else SoftwareTokenMFANotFoundException.
    pub fn software_tokens_allowed(&self) -> Result<(), Fault> {
        if self.config.pool.software_token_mfa {
            Ok(())
        } else {
            Err(Fault::new(
                "SoftwareTokenMFANotFoundException",
                "Software Token MFA is not enabled for the user pool.",
            ))
        }
    }

    pub fn user_mut(&mut self, username: &str) -> Result<&mut User, Fault> {
        self.users
            .get_mut(username)
            .ok_or_else(|| Fault::new("UserNotFoundException", "User does not exist."))
    }

    /// Access, ID and refresh tokens for a signed-in user.
    pub fn issue_tokens(
        &mut self,
        username: &str,
        client_id: &str,
        now: u64,
        with_refresh: bool,
    ) -> Result<crate::cognito::wire::AuthenticationResult, Fault> {
        let validity = self.config.pool.access_token_validity.as_secs();
        let user = self
            .users
            .get(username)
            .ok_or_else(|| Fault::new("UserNotFoundException", "User does not exist."))?;
        let event_id = uuid_v4();
        let mut access = serde_json::Map::new();
        access.insert("sub".into(), user.sub.clone().into());
        access.insert("iss".into(), self.issuer.clone().into());
        access.insert("client_id".into(), client_id.into());
        access.insert("origin_jti".into(), uuid_v4().into());
        access.insert("event_id".into(), event_id.clone().into());
        access.insert("token_use".into(), "access".into());
        access.insert("scope".into(), ACCESS_SCOPE.into());
        access.insert("auth_time".into(), now.into());
        access.insert("exp".into(), (now + validity).into());
        access.insert("iat".into(), now.into());
        access.insert("jti".into(), uuid_v4().into());
        access.insert("username".into(), user.username.clone().into());
        access.insert(SIGN_OUTS_CLAIM.into(), user.sign_outs.into());
        let mut id = serde_json::Map::new();
        id.insert("sub".into(), user.sub.clone().into());
        if let Some(email) = &user.email {
            id.insert("email".into(), email.clone().into());
        }
        id.insert("iss".into(), self.issuer.clone().into());
        id.insert("cognito:username".into(), user.username.clone().into());
        id.insert("aud".into(), client_id.into());
        id.insert("event_id".into(), event_id.into());
        id.insert("token_use".into(), "id".into());
        id.insert("auth_time".into(), now.into());
        id.insert("exp".into(), (now + validity).into());
        id.insert("iat".into(), now.into());
        let sign_outs = user.sign_outs;
        let refresh_token = with_refresh.then(|| {
            let token = random_token(96);
            self.refresh_tokens.insert(
                token.clone(),
                RefreshGrant {
                    username: username.to_string(),
                    client_id: client_id.to_string(),
                    sign_outs,
                },
            );
            Sensitive::new(token)
        });
        Ok(crate::cognito::wire::AuthenticationResult {
            access_token: Some(Sensitive::new(self.jwt.sign(&access))),
            expires_in: Some(i64::try_from(validity).unwrap_or(i64::MAX)),
            token_type: Some("Bearer".into()),
            refresh_token,
            id_token: Some(Sensitive::new(self.jwt.sign(&id))),
        })
    }

    /// The user a refresh token was issued to, for this client.
    pub fn refresh_grant(&self, token: &str, client_id: &str) -> Result<String, Fault> {
        match self.refresh_tokens.get(token) {
            Some(grant) if grant.client_id == client_id => {
                let current = self.users.get(&grant.username).map(|u| u.sign_outs);
                if current.is_some_and(|n| n != grant.sign_outs) {
                    return Err(Fault::not_authorized("Refresh Token has been revoked"));
                }
                Ok(grant.username.clone())
            }
            _ => Err(Fault::not_authorized("Invalid Refresh Token")),
        }
    }

    /// Checks an access token: our signature, not expired, an access token, a known user.
    pub fn authorize(&self, token: &str, now: u64) -> Result<AccessGrant, Fault> {
        let claims = self
            .jwt
            .verify(token)
            .map_err(|_| Fault::invalid_access_token())?;
        let text = |name: &str| claims.get(name).and_then(serde_json::Value::as_str);
        if text("token_use") != Some("access") || text("iss") != Some(self.issuer.as_str()) {
            return Err(Fault::invalid_access_token());
        }
        let exp = claims
            .get("exp")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(Fault::invalid_access_token)?;
        if now >= exp {
            return Err(Fault::expired_access_token());
        }
        let username = text("username").ok_or_else(Fault::invalid_access_token)?;
        let Some(user) = self.users.get(username) else {
            return Err(Fault::new("UserNotFoundException", "User does not exist."));
        };
        let sign_outs = claims
            .get(SIGN_OUTS_CLAIM)
            .and_then(serde_json::Value::as_u64);
        if sign_outs != Some(u64::from(user.sign_outs)) {
            return Err(Fault::not_authorized("Access Token has been revoked"));
        }
        Ok(AccessGrant {
            username: username.to_string(),
        })
    }
}
