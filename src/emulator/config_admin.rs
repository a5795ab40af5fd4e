//! The pool's admin side in the emulator's config: the one access key it accepts for signed
//! (administrator) operations, and users generated in bulk for load and report tests.

use crate::secret::Sensitive;
use serde::Deserialize;

/// The access key id the emulator accepts when the config names none.
pub const DEMO_ACCESS_KEY_ID: &str = "AKIAEMULATOR00000001";
/// Its secret: demo data, printed in the start-up report, never a real credential.
pub const DEMO_SECRET_ACCESS_KEY: &str = "emulator/demo/secret/key/0000000000000000";
/// More generated users than this is refused: the pool lives in memory.
pub const MAX_GENERATED_USERS: usize = 5_000_000;

/// The credentials signed operations must be signed with (`[admin]`).
#[derive(Debug, Clone)]
pub struct AdminKeys {
    pub access_key_id: String,
    pub secret_access_key: Sensitive,
    /// When set, signed requests must carry it as `X-Amz-Security-Token`.
    pub session_token: Option<Sensitive>,
}

impl Default for AdminKeys {
    fn default() -> Self {
        Self {
            access_key_id: DEMO_ACCESS_KEY_ID.into(),
            secret_access_key: DEMO_SECRET_ACCESS_KEY.into(),
            session_token: None,
        }
    }
}

/// `[generated_users]`: `count` users named `prefix` + a zero-padded number from 1.
#[derive(Debug, Clone)]
pub struct GeneratedUsers {
    pub count: usize,
    pub prefix: String,
    pub password: Sensitive,
    /// Each user's e-mail is `<username>@<email_domain>`, verified.
    pub email_domain: String,
    /// Every n-th user (n, 2n, …) has a verified authenticator, enabled and preferred; 0: none.
    pub with_authenticator_every: usize,
}

impl GeneratedUsers {
    /// `count` users with the default prefix, password, domain and authenticator share.
    pub fn new(count: usize) -> Self {
        Self {
            count,
            prefix: "user".into(),
            password: "Gen-Passw0rd!".into(),
            email_domain: "example.com".into(),
            with_authenticator_every: 3,
        }
    }

    /// Digits in a generated name: 6, or more when `count` needs them.
    pub fn digits(&self) -> usize {
        self.count.to_string().len().max(6)
    }

    /// The name of user `index` (1-based).
    pub fn username(&self, index: usize) -> String {
        format!("{}{index:0width$}", self.prefix, width = self.digits())
    }

    /// Whether `name` is one of the generated names.
    pub fn generates(&self, name: &str) -> bool {
        name.strip_prefix(self.prefix.as_str())
            .filter(|digits| digits.len() == self.digits())
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse::<usize>().ok())
            .is_some_and(|n| (1..=self.count).contains(&n))
    }

    /// Whether user `index` has an authenticator.
    pub fn has_authenticator(&self, index: usize) -> bool {
        self.with_authenticator_every != 0 && index.is_multiple_of(self.with_authenticator_every)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAdmin {
    #[serde(default)]
    access_key_id: Option<String>,
    #[serde(default)]
    secret_access_key: Option<Sensitive>,
    #[serde(default)]
    session_token: Option<Sensitive>,
}

impl RawAdmin {
    pub(super) fn into_keys(self) -> Result<AdminKeys, String> {
        let defaults = AdminKeys::default();
        let keys = AdminKeys {
            access_key_id: self.access_key_id.unwrap_or(defaults.access_key_id),
            secret_access_key: self.secret_access_key.unwrap_or(defaults.secret_access_key),
            session_token: self.session_token,
        };
        let id_ok = (16..=128).contains(&keys.access_key_id.len())
            && keys
                .access_key_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric());
        if !id_ok {
            return Err("admin.access_key_id must be 16 to 128 letters and digits".into());
        }
        if keys.secret_access_key.is_empty() {
            return Err("admin.secret_access_key must not be empty".into());
        }
        if keys.session_token.as_ref().is_some_and(Sensitive::is_empty) {
            return Err("admin.session_token must not be empty when set".into());
        }
        Ok(keys)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGenerated {
    count: usize,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    password: Option<Sensitive>,
    #[serde(default)]
    email_domain: Option<String>,
    #[serde(default)]
    with_authenticator_every: Option<usize>,
}

impl RawGenerated {
    pub(super) fn into_generated(self) -> GeneratedUsers {
        let defaults = GeneratedUsers::new(self.count);
        GeneratedUsers {
            count: self.count,
            prefix: self.prefix.unwrap_or(defaults.prefix),
            password: self.password.unwrap_or(defaults.password),
            email_domain: self.email_domain.unwrap_or(defaults.email_domain),
            with_authenticator_every: self
                .with_authenticator_every
                .unwrap_or(defaults.with_authenticator_every),
        }
    }
}

/// What the server relies on: a bounded count, names a client can send, no clash with the
/// users listed one by one.
pub(super) fn validate_generated<'a>(
    generated: &GeneratedUsers,
    mut listed: impl Iterator<Item = &'a str>,
) -> Result<(), String> {
    if generated.count > MAX_GENERATED_USERS {
        return Err(format!(
            "generated_users.count must be at most {MAX_GENERATED_USERS}"
        ));
    }
    let name_ok = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-+@".contains(c))
    };
    if !name_ok(&generated.prefix) || generated.prefix.len() > 100 {
        return Err(
            "generated_users.prefix may hold only letters, digits and . _ - + @ (at most 100)"
                .into(),
        );
    }
    if generated.email_domain.is_empty()
        || !name_ok(&generated.email_domain)
        || generated.email_domain.contains('@')
    {
        return Err("generated_users.email_domain must be a domain name".into());
    }
    if let Some(clash) = listed.find(|name| generated.generates(name)) {
        return Err(format!("user {clash} is also one of the generated users"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_zero_padded_to_six_digits_or_as_many_as_the_count_needs() {
        let small = GeneratedUsers::new(2000);
        assert_eq!(small.username(1), "user000001");
        assert_eq!(small.username(2000), "user002000");
        assert!(small.generates("user002000"));
        assert!(!small.generates("user002001"));
        assert!(!small.generates("user000000"));
        assert!(!small.generates("user00001"));
        let large = GeneratedUsers::new(12_345_678);
        assert_eq!(large.username(7), "user00000007");
    }

    #[test]
    fn every_third_user_has_an_authenticator_and_zero_means_none() {
        let mut generated = GeneratedUsers::new(9);
        let with: Vec<usize> = (1..=9)
            .filter(|&i| generated.has_authenticator(i))
            .collect();
        assert_eq!(with, [3, 6, 9]);
        generated.with_authenticator_every = 0;
        assert!(!(1..=9).any(|i| generated.has_authenticator(i)));
    }

    #[test]
    fn generated_users_may_not_clash_with_listed_ones_or_have_odd_names() {
        let generated = GeneratedUsers::new(5);
        assert!(validate_generated(&generated, ["demo", "user000006"].into_iter()).is_ok());
        let clash = validate_generated(&generated, ["user000005"].into_iter()).unwrap_err();
        assert!(clash.contains("user000005"), "{clash}");
        let odd = GeneratedUsers {
            prefix: "bad name".into(),
            ..GeneratedUsers::new(5)
        };
        assert!(validate_generated(&odd, std::iter::empty()).is_err());
        let huge = GeneratedUsers::new(MAX_GENERATED_USERS + 1);
        assert!(validate_generated(&huge, std::iter::empty()).is_err());
    }

    #[test]
    fn admin_keys_are_checked() {
        let raw = RawAdmin {
            access_key_id: Some("short".into()),
            ..RawAdmin::default()
        };
        assert!(raw.into_keys().is_err());
        let keys = RawAdmin::default().into_keys().unwrap();
        assert_eq!(keys.access_key_id, DEMO_ACCESS_KEY_ID);
        assert!(keys.session_token.is_none());
    }
}
