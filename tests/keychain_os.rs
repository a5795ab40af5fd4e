//! The platform's real keychain: save, load, forget. Runs with `--features keychain-tests`;
//! on a headless Linux machine inside a fresh kernel session keyring:
//! `keyctl session - cargo test --features keychain-tests --test keychain_os`.

use cognito_mfa::keychain::{Keychain, Remembered};
use cognito_mfa::secret::Sensitive;

#[test]
fn the_os_keychain_saves_loads_and_forgets_an_entry() {
    let keychain = Keychain::os();
    let client = format!("ci-client-{}", std::process::id());
    let remembered = Remembered {
        refresh_token: Sensitive::new("refresh-token-for-the-os-keychain"),
        client_secret: Some(Sensitive::new("client-secret-for-the-os-keychain")),
        cognito_username: Some("internal-id".into()),
    };
    keychain
        .save(&client, "alice", &remembered)
        .unwrap_or_else(|e| panic!("{keychain:?}: {e}"));
    assert_eq!(keychain.load(&client, "alice").unwrap(), Some(remembered));
    assert!(keychain.forget(&client, "alice").unwrap());
    assert_eq!(keychain.load(&client, "alice").unwrap(), None);
    assert!(!keychain.forget(&client, "alice").unwrap());
}
