//! The platform's credential store: macOS Keychain, Windows Credential Manager, and on Linux
//! the Secret Service, else kernel keyutils. `COGNITO_MFA_KEYCHAIN=none` turns it off.

use std::sync::Arc;

use keyring_core::CredentialStore;

/// The environment variable that turns the keychain off (`none`).
pub const KEYCHAIN_ENV: &str = "COGNITO_MFA_KEYCHAIN";

pub fn store() -> Result<Arc<CredentialStore>, String> {
    if std::env::var(KEYCHAIN_ENV).is_ok_and(|v| v.eq_ignore_ascii_case("none")) {
        return Err(format!("{KEYCHAIN_ENV} is none"));
    }
    platform_store()
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    match zbus_secret_service_keyring_store::Store::new() {
        Ok(store) => Ok(store),
        Err(secret_service) => linux_keyutils_keyring_store::Store::new()
            .map(|store| store as Arc<CredentialStore>)
            .map_err(|keyutils| {
                format!("Secret Service: {secret_service}; kernel keyutils: {keyutils}")
            }),
    }
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    apple_native_keyring_store::keychain::Store::new()
        .map(|store| store as Arc<CredentialStore>)
        .map_err(|e| e.to_string())
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    windows_native_keyring_store::Store::new()
        .map(|store| store as Arc<CredentialStore>)
        .map_err(|e| e.to_string())
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> Result<Arc<CredentialStore>, String> {
    Err("this platform has no supported keychain".into())
}
