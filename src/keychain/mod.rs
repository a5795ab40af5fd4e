//! The OS keychain, used only when the user asks (`--remember`): the refresh token, and the
//! client secret when one was given, kept under service `cognito-mfa`, account
//! `<client id>:<username>`, so a later sign-in needs no password.
//!
//! The store is a `keyring_core` credential store: macOS Keychain, Windows Credential Manager,
//! the Secret Service on Linux with kernel keyutils as the fallback; tests pass
//! `keyring_core::mock::Store`. No store, or a locked one, is an error the caller reports and
//! goes on from: nothing is ever written anywhere else.

mod after_sign_in;
mod platform;

use std::collections::HashMap;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};
use serde::{Deserialize, Serialize};

use crate::secret::Sensitive;

/// The keychain service every entry is stored under.
pub const SERVICE: &str = "cognito-mfa";

/// What a remembered sign-in keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Remembered {
    pub refresh_token: Sensitive,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Sensitive>,
    /// The name Cognito knows the user by (SECRET_HASH of a refresh uses it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cognito_username: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    #[error("no keychain is available ({0})")]
    Unavailable(String),
    #[error("the keychain is locked or refused access ({0})")]
    NoAccess(String),
    #[error("the keychain failed: {0}")]
    Failed(String),
    #[error("the keychain entry for {0} is not one cognito-mfa wrote; run `cognito-mfa forget`")]
    Unreadable(String),
    #[error(
        "this keychain cannot list its entries; name the entry with --client-id and --username"
    )]
    CannotList,
}

impl From<Error> for KeychainError {
    fn from(e: Error) -> Self {
        match e {
            Error::NoStorageAccess(inner) => Self::NoAccess(inner.to_string()),
            Error::NoDefaultStore => Self::Unavailable("no default store".into()),
            Error::NotSupportedByStore(what) => Self::Failed(what),
            other => Self::Failed(other.to_string()),
        }
    }
}

/// The account name of a client and user.
pub fn account(client_id: &str, username: &str) -> String {
    format!("{client_id}:{username}")
}

/// A credential store, or the reason there is none.
#[derive(Clone)]
pub struct Keychain {
    store: Result<Arc<CredentialStore>, String>,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.store {
            Ok(store) => write!(f, "Keychain({})", store.id()),
            Err(why) => write!(f, "Keychain(unavailable: {why})"),
        }
    }
}

impl Keychain {
    /// The platform's keychain.
    pub fn os() -> Self {
        Self {
            store: platform::store(),
        }
    }

    /// A keychain over any `keyring_core` store (tests: `keyring_core::mock::Store::new()`).
    pub fn with_store(store: Arc<CredentialStore>) -> Self {
        Self { store: Ok(store) }
    }

    /// No keychain, for the given reason.
    pub fn unavailable(reason: impl Into<String>) -> Self {
        Self {
            store: Err(reason.into()),
        }
    }

    fn entry(&self, client_id: &str, username: &str) -> Result<Entry, KeychainError> {
        let store = self
            .store
            .as_ref()
            .map_err(|why| KeychainError::Unavailable(why.clone()))?;
        Ok(store.build(SERVICE, &account(client_id, username), None)?)
    }

    /// The remembered sign-in of this client and user, if any.
    pub fn load(
        &self,
        client_id: &str,
        username: &str,
    ) -> Result<Option<Remembered>, KeychainError> {
        let entry = self.entry(client_id, username)?;
        match entry.get_password() {
            Ok(text) => {
                let text = Sensitive::new(text);
                serde_json::from_str(text.expose())
                    .map(Some)
                    .map_err(|_| KeychainError::Unreadable(account(client_id, username)))
            }
            Err(Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Stores (or replaces) the sign-in of this client and user.
    pub fn save(
        &self,
        client_id: &str,
        username: &str,
        remembered: &Remembered,
    ) -> Result<(), KeychainError> {
        let entry = self.entry(client_id, username)?;
        let text = Sensitive::new(
            serde_json::to_string(remembered)
                .map_err(|e| KeychainError::Failed(format!("cannot encode the entry: {e}")))?,
        );
        entry.set_password(text.expose())?;
        Ok(())
    }

    /// Deletes the entry of this client and user; false when there was none.
    pub fn forget(&self, client_id: &str, username: &str) -> Result<bool, KeychainError> {
        match self.entry(client_id, username)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(Error::NoEntry) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes every entry of the `cognito-mfa` service; how many there were.
    pub fn forget_all(&self) -> Result<usize, KeychainError> {
        let store = self
            .store
            .as_ref()
            .map_err(|why| KeychainError::Unavailable(why.clone()))?;
        let spec = HashMap::from([("service", SERVICE)]);
        let entries = match store.search(&spec) {
            Ok(entries) => entries,
            Err(Error::NotSupportedByStore(_)) => return Err(KeychainError::CannotList),
            Err(e) => return Err(e.into()),
        };
        let mut deleted = 0;
        for entry in entries {
            if entry.get_specifiers().is_some_and(|(s, _)| s != SERVICE) {
                continue;
            }
            match entry.delete_credential() {
                Ok(()) => deleted += 1,
                Err(Error::NoEntry) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(deleted)
    }
}

#[cfg(test)]
mod tests;
