use super::*;
use keyring_core::api::CredentialStoreApi;
use keyring_core::mock;

fn keychain() -> Keychain {
    Keychain::with_store(mock::Store::new().unwrap())
}

fn remembered() -> Remembered {
    Remembered {
        refresh_token: Sensitive::new("refresh-token-value"),
        client_secret: Some(Sensitive::new("client-secret-value")),
        cognito_username: Some("internal-id".into()),
    }
}

#[test]
fn save_load_forget_round_trip() {
    let keychain = keychain();
    assert_eq!(keychain.load("client", "alice").unwrap(), None);
    keychain.save("client", "alice", &remembered()).unwrap();
    assert_eq!(
        keychain.load("client", "alice").unwrap(),
        Some(remembered())
    );
    assert_eq!(keychain.load("client", "bob").unwrap(), None);
    assert_eq!(keychain.load("other", "alice").unwrap(), None);
    assert!(keychain.forget("client", "alice").unwrap());
    assert!(!keychain.forget("client", "alice").unwrap());
    assert_eq!(keychain.load("client", "alice").unwrap(), None);
}

#[test]
fn entries_live_under_the_service_and_client_user_account() {
    let store = mock::Store::new().unwrap();
    let keychain = Keychain::with_store(store.clone());
    keychain.save("client", "alice", &remembered()).unwrap();
    let entry = store.build(SERVICE, "client:alice", None).unwrap();
    let text = entry.get_password().unwrap();
    let stored: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(stored["RefreshToken"], "refresh-token-value");
    assert_eq!(stored["ClientSecret"], "client-secret-value");
}

#[test]
fn forget_all_deletes_every_entry() {
    let keychain = keychain();
    keychain.save("c1", "alice", &remembered()).unwrap();
    keychain.save("c2", "bob", &remembered()).unwrap();
    assert_eq!(keychain.forget_all().unwrap(), 2);
    assert_eq!(keychain.load("c1", "alice").unwrap(), None);
    assert_eq!(keychain.forget_all().unwrap(), 0);
}

#[test]
fn a_locked_store_is_reported_as_no_access() {
    let store = mock::Store::new().unwrap();
    let keychain = Keychain::with_store(store.clone());
    let entry = store.build(SERVICE, "client:alice", None).unwrap();
    let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(Error::NoStorageAccess("locked".into()));
    let err = keychain.save("client", "alice", &remembered()).unwrap_err();
    assert!(matches!(err, KeychainError::NoAccess(_)), "{err:?}");
    assert!(err.to_string().contains("locked"));
}

#[test]
fn no_store_is_unavailable() {
    let keychain = Keychain::unavailable("no backend");
    let err = keychain.save("c", "u", &remembered()).unwrap_err();
    assert_eq!(err, KeychainError::Unavailable("no backend".into()));
    assert!(keychain.load("c", "u").is_err());
}

#[test]
fn a_foreign_entry_is_unreadable_not_a_crash() {
    let store = mock::Store::new().unwrap();
    let keychain = Keychain::with_store(store.clone());
    let entry = store.build(SERVICE, "c:u", None).unwrap();
    entry.set_password("not json").unwrap();
    assert_eq!(
        keychain.load("c", "u").unwrap_err(),
        KeychainError::Unreadable("c:u".into())
    );
}

#[test]
fn debug_hides_the_secrets() {
    let text = format!("{:?}", remembered());
    assert!(!text.contains("refresh-token-value") && !text.contains("client-secret-value"));
}
