//! SECRET_HASH, which Cognito requires on every call of an app client that has a secret:
//! Base64(HMAC-SHA256(client secret, username + client id)).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::hmac_sha256::hmac_sha256;
use crate::secret::Sensitive;

/// The SECRET_HASH for `username` (the name the user signs in with, or the internal
/// `USERNAME` Cognito returns in a challenge) on the app client `client_id`.
pub fn secret_hash(client_secret: &Sensitive, username: &str, client_id: &str) -> Sensitive {
    let tag = hmac_sha256(
        client_secret.expose().as_bytes(),
        &[username.as_bytes(), client_id.as_bytes()],
    );
    Sensitive::new(STANDARD.encode(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_base64_of_32_bytes_and_depends_on_every_input() {
        let secret = Sensitive::new("s3cr3t");
        let hash = secret_hash(&secret, "alice", "client");
        assert_eq!(hash.len(), 44);
        assert!(hash.expose().ends_with('='));
        assert_ne!(
            hash,
            secret_hash(&Sensitive::new("s3cr3T"), "alice", "client")
        );
        assert_ne!(hash, secret_hash(&secret, "alicf", "client"));
        assert_ne!(hash, secret_hash(&secret, "alice", "clienu"));
    }

    #[test]
    fn debug_hides_the_hash() {
        let hash = secret_hash(&Sensitive::new("s"), "u", "c");
        assert_eq!(format!("{hash:?}"), "[redacted]");
    }
}
