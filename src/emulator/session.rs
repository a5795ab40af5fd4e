//! Challenge sessions: opaque, random, bound to one user and client, expiring after the client's
//! `AuthSessionValidity`, and single-use: a session that has been answered is refused afterwards.

use super::fault::Fault;
use super::random::random_token;
use std::collections::HashMap;

/// What a session is waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    NewPasswordRequired,
    /// `verified`: a software token was verified with this session (the chain of sessions
    /// returned by AssociateSoftwareToken and VerifySoftwareToken).
    MfaSetup {
        verified: bool,
    },
    SoftwareTokenMfa,
}

impl Challenge {
    pub fn name(&self) -> &'static str {
        match self {
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            Self::MfaSetup { .. } => "MFA_SETUP",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub username: String,
    pub client_id: String,
    pub challenge: Challenge,
    pub expires_at: u64,
    pub failed_answers: u32,
}

/// Wrong answers a session survives before it is used up (Cognito allows a few retries).
pub const MAX_FAILED_ANSWERS: u32 = 3;

enum Entry {
    Live(Session),
    /// Kept until it would have expired, so a second use is told "can only be used once".
    Used {
        expires_at: u64,
    },
}

#[derive(Default)]
pub struct Sessions {
    entries: HashMap<String, Entry>,
}

impl Sessions {
    /// Stores a new session and returns its opaque value.
    pub fn open(&mut self, session: Session, now: u64) -> String {
        self.prune(now);
        let value = random_token(192);
        self.entries.insert(value.clone(), Entry::Live(session));
        value
    }

    /// The live session under `value`, or why it cannot be used.
    pub fn get(&self, value: &str, now: u64) -> Result<&Session, Fault> {
        match self.entries.get(value) {
            None => Err(Fault::invalid_session()),
            Some(Entry::Used { expires_at }) if now < *expires_at => Err(Fault::used_session()),
            Some(Entry::Used { .. }) => Err(Fault::expired_session()),
            Some(Entry::Live(s)) if now >= s.expires_at => Err(Fault::expired_session()),
            Some(Entry::Live(s)) => Ok(s),
        }
    }

    /// Marks a session answered: it cannot be used again.
    pub fn consume(&mut self, value: &str) {
        if let Some(entry) = self.entries.get_mut(value)
            && let Entry::Live(s) = entry
        {
            *entry = Entry::Used {
                expires_at: s.expires_at,
            };
        }
    }

    /// Counts a wrong answer; after too many the session is used up.
    pub fn record_failure(&mut self, value: &str) {
        let used_up = match self.entries.get_mut(value) {
            Some(Entry::Live(s)) => {
                s.failed_answers += 1;
                s.failed_answers >= MAX_FAILED_ANSWERS
            }
            _ => false,
        };
        if used_up {
            self.consume(value);
        }
    }

    fn prune(&mut self, now: u64) {
        self.entries.retain(|_, entry| match entry {
            Entry::Live(s) => now < s.expires_at,
            Entry::Used { expires_at } => now < *expires_at,
        });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_at: u64) -> Session {
        Session {
            username: "u".into(),
            client_id: "c".into(),
            challenge: Challenge::SoftwareTokenMfa,
            expires_at,
            failed_answers: 0,
        }
    }

    #[test]
    fn expires_and_is_single_use() {
        let mut sessions = Sessions::default();
        let a = sessions.open(session(100), 0);
        assert!(sessions.get(&a, 99).is_ok());
        assert_eq!(sessions.get(&a, 100).unwrap_err(), Fault::expired_session());
        sessions.consume(&a);
        assert_eq!(sessions.get(&a, 50).unwrap_err(), Fault::used_session());
        assert_eq!(
            sessions.get("nope", 50).unwrap_err(),
            Fault::invalid_session()
        );
    }

    #[test]
    fn too_many_failures_use_it_up() {
        let mut sessions = Sessions::default();
        let a = sessions.open(session(100), 0);
        for _ in 1..MAX_FAILED_ANSWERS {
            sessions.record_failure(&a);
            assert!(sessions.get(&a, 1).is_ok());
        }
        sessions.record_failure(&a);
        assert_eq!(sessions.get(&a, 1).unwrap_err(), Fault::used_session());
    }

    #[test]
    fn expired_entries_are_pruned() {
        let mut sessions = Sessions::default();
        sessions.open(session(10), 0);
        sessions.open(session(1000), 20);
        assert_eq!(sessions.len(), 1);
    }
}
