//! Challenge sessions: opaque, random, bound to one user and client, expiring after the client's
//! `AuthSessionValidity`, and single-use: a session that has been answered is refused afterwards.

use super::capped::CappedMap;
use super::fault::Fault;
use super::random::cognito_session;

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
    /// SELECT_CHALLENGE: USER_AUTH without a usable preferred challenge asks which first factor.
    FirstFactor,
}

impl Challenge {
    pub fn name(&self) -> &'static str {
        match self {
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            Self::MfaSetup { .. } => "MFA_SETUP",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            Self::FirstFactor => "SELECT_CHALLENGE",
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

/// Sessions kept at once (live, or used and not yet expired); beyond that the oldest goes.
pub const MAX_SESSIONS: usize = 10_000;

pub struct Sessions {
    entries: CappedMap<String, Entry>,
}

impl Default for Sessions {
    fn default() -> Self {
        Self::with_capacity(MAX_SESSIONS)
    }
}

impl Sessions {
    /// At most `capacity` sessions; opening one more forgets the oldest.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            entries: CappedMap::new(capacity),
        }
    }

    /// Stores a new session and returns its opaque value.
    pub fn open(&mut self, session: Session, now: u64) -> String {
        self.prune(now);
        let value = cognito_session();
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

    /// Forgets the oldest sessions while they have expired (every one is checked on use).
    fn prune(&mut self, now: u64) {
        self.entries.drop_oldest_while(|entry| match entry {
            Entry::Live(s) => now >= s.expires_at,
            Entry::Used { expires_at } => now >= *expires_at,
        });
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
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
    fn the_oldest_session_goes_when_the_store_is_full() {
        let mut sessions = Sessions::with_capacity(10);
        let values: Vec<String> = (0..25).map(|_| sessions.open(session(1000), 0)).collect();
        assert_eq!(sessions.len(), 10);
        for old in &values[..15] {
            assert_eq!(sessions.get(old, 1).unwrap_err(), Fault::invalid_session());
        }
        for recent in &values[15..] {
            assert!(sessions.get(recent, 1).is_ok());
        }
    }

    #[test]
    fn a_hundred_thousand_sign_ins_keep_the_default_store_bounded() {
        let mut sessions = Sessions::default();
        for _ in 0..100_000 {
            sessions.open(session(1000), 0);
        }
        assert_eq!(sessions.len(), MAX_SESSIONS);
    }

    #[test]
    fn expired_entries_are_pruned() {
        let mut sessions = Sessions::default();
        sessions.open(session(10), 0);
        sessions.open(session(1000), 20);
        assert_eq!(sessions.len(), 1);
    }
}
