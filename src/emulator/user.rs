//! One user of the pool: password, status, software tokens, timestamps, and what GetUser and
//! AdminGetUser say about them.

use super::config::{MfaConfiguration, UserConfig, UserStatus};
use super::fault::Fault;
use crate::auth::PasswordVerifier;
use crate::cognito::wire::AttributeType;
use crate::secret::Sensitive;
use zeroize::Zeroizing;

/// The MFA method name of authenticator apps, as GetUser and MFAS_CAN_SETUP say it.
pub const SOFTWARE_TOKEN_MFA: &str = "SOFTWARE_TOKEN_MFA";

/// A TOTP key associated with a user.
pub struct SoftwareToken {
    pub key: Zeroizing<Vec<u8>>,
    pub friendly_device_name: Option<String>,
    /// The last time step whose code was accepted: that code and earlier ones are refused.
    pub last_accepted_step: Option<u64>,
}

/// Rarely set members are boxed, so a pool of 100,000 users stays small.
pub struct User {
    pub username: String,
    pub sub: String,
    pub password: Sensitive,
    pub status: UserStatus,
    pub email: Option<String>,
    /// Issued by AssociateSoftwareToken, not verified yet.
    pub pending_token: Option<Box<SoftwareToken>>,
    /// Verified: the token sign-in checks.
    pub token: Option<Box<SoftwareToken>>,
    pub totp_enabled: bool,
    pub totp_preferred: bool,
    pub enabled: bool,
    /// The SRP salt and verifier for the current password, computed at the first SRP sign-in.
    pub srp_verifier: Option<Box<PasswordVerifier>>,
    /// `UserCreateDate` and `UserLastModifiedDate`, Unix milliseconds.
    pub created_ms: u64,
    pub modified_ms: u64,
    /// AdminUserGlobalSignOut calls so far: tokens issued before the last one are revoked.
    pub sign_outs: u32,
}

impl User {
    pub fn from_config(u: &UserConfig, now_ms: u64) -> Self {
        Self::new(
            u.username.clone(),
            u.password.clone(),
            u.email.clone(),
            now_ms,
        )
        .with_status(u.status, u.enabled)
    }

    /// A confirmed, enabled user without MFA.
    pub fn new(username: String, password: Sensitive, email: Option<String>, now_ms: u64) -> Self {
        Self {
            username,
            sub: super::random::uuid_v4(),
            password,
            status: UserStatus::Confirmed,
            email,
            pending_token: None,
            token: None,
            totp_enabled: false,
            totp_preferred: false,
            enabled: true,
            srp_verifier: None,
            created_ms: now_ms,
            modified_ms: now_ms,
            sign_outs: 0,
        }
    }

    fn with_status(mut self, status: UserStatus, enabled: bool) -> Self {
        self.status = status;
        self.enabled = enabled;
        self
    }

    /// Whether this user may sign in at all, checked before the password as Cognito does:
    /// a disabled user, one not confirmed, one whose password an administrator reset.
    pub fn may_sign_in(&self) -> Result<(), Fault> {
        if !self.enabled {
            return Err(Fault::not_authorized("User is disabled."));
        }
        match self.status {
            UserStatus::Unconfirmed => Err(Fault::new(
                "UserNotConfirmedException",
                "User is not confirmed.",
            )),
            UserStatus::ResetRequired => Err(Fault::new(
                "PasswordResetRequiredException",
                "Password reset required for the user",
            )),
            UserStatus::Confirmed | UserStatus::ForceChangePassword => Ok(()),
        }
    }

    /// Whether sign-in asks this user for a TOTP code.
    pub fn totp_required(&self, mfa: MfaConfiguration) -> bool {
        self.token.is_some()
            && match mfa {
                MfaConfiguration::On => true,
                MfaConfiguration::Optional => self.totp_enabled,
                MfaConfiguration::Off => false,
            }
    }

    /// `UserMFASettingList` and `PreferredMfaSetting` as GetUser and AdminGetUser report them:
    /// what sign-in asks for (with MFA OFF nothing, so nothing is listed).
    pub fn mfa_listing(&self, mfa: MfaConfiguration) -> (Option<Vec<String>>, Option<String>) {
        let listed = self.totp_required(mfa);
        (
            listed.then(|| vec![SOFTWARE_TOKEN_MFA.into()]),
            (listed && self.totp_preferred).then(|| SOFTWARE_TOKEN_MFA.into()),
        )
    }

    /// The user's attributes, in Cognito's order: sub, then email_verified and email.
    pub fn attributes(&self) -> Vec<AttributeType> {
        let mut attributes = vec![AttributeType {
            name: "sub".into(),
            value: Some(self.sub.clone()),
        }];
        if let Some(email) = &self.email {
            attributes.push(AttributeType {
                name: "email_verified".into(),
                value: Some("true".into()),
            });
            attributes.push(AttributeType {
                name: "email".into(),
                value: Some(email.clone()),
            });
        }
        attributes
    }

    /// `UserStatus` as Cognito spells it.
    pub fn status_name(&self) -> &'static str {
        match self.status {
            UserStatus::Confirmed => "CONFIRMED",
            UserStatus::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            UserStatus::Unconfirmed => "UNCONFIRMED",
            UserStatus::ResetRequired => "RESET_REQUIRED",
        }
    }

    /// Records a change (`UserLastModifiedDate`).
    pub fn touch(&mut self, now_ms: u64) {
        self.modified_ms = self.modified_ms.max(now_ms);
    }
}
