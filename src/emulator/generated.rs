//! Users made in bulk (`[generated_users]`, `emulator --generate-users N`) for load and report
//! tests: `user000001` … with one shared password, a verified e-mail, and an authenticator for
//! every n-th user.

use super::config::GeneratedUsers;
use super::random::random_key;
use super::user::{SoftwareToken, User};
use std::collections::BTreeMap;

/// Key bytes of a generated user's authenticator (as AssociateSoftwareToken issues).
const KEY_BYTES: usize = 32;

/// Adds the generated users to `users`. They were created one second apart, the last one a
/// second before `now_ms`, so their creation dates differ and sort by number.
pub fn add_users(users: &mut BTreeMap<String, User>, generated: &GeneratedUsers, now_ms: u64) {
    let count = generated.count;
    let generated_users = (1..=count).map(|index| {
        let username = generated.username(index);
        let email = format!("{username}@{}", generated.email_domain);
        let seconds_before = u64::try_from(count - index + 1).unwrap_or(u64::MAX);
        let created_ms = now_ms.saturating_sub(seconds_before.saturating_mul(1000));
        let mut user = User::new(
            username.clone(),
            generated.password.clone(),
            Some(email),
            created_ms,
        );
        if generated.has_authenticator(index) {
            user.token = Some(Box::new(SoftwareToken {
                key: random_key(KEY_BYTES),
                friendly_device_name: None,
                last_accepted_step: None,
            }));
            user.totp_enabled = true;
            user.totp_preferred = true;
        }
        (username, user)
    });
    users.extend(generated_users);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_count_users_in_order_with_every_third_enrolled() {
        let mut users = BTreeMap::new();
        add_users(&mut users, &GeneratedUsers::new(2000), 10_000_000);
        assert_eq!(users.len(), 2000);
        let first = users.values().next().unwrap();
        assert_eq!(first.username, "user000001");
        assert_eq!(first.email.as_deref(), Some("user000001@example.com"));
        assert_eq!(first.password.expose(), "Gen-Passw0rd!");
        assert!(first.token.is_none());
        let third = &users["user000003"];
        assert!(third.token.is_some() && third.totp_enabled && third.totp_preferred);
        assert_eq!(users.values().filter(|u| u.token.is_some()).count(), 666);
        let last = &users["user002000"];
        assert_eq!(last.created_ms, 10_000_000 - 1000);
        assert!(first.created_ms < last.created_ms);
        assert_ne!(first.sub, last.sub);
    }
}
