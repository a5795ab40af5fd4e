//! Retries as the AWS CLI makes them: a mode (`legacy`, `standard`, `adaptive`) and a total
//! number of attempts, resolved from the config by `crate::config`.

use std::sync::Mutex;
use std::time::Duration;

/// botocore's retry modes. `legacy` (awscli v1's default) waits rand·2ⁿ seconds with no cap;
/// `standard` and `adaptive` cap each wait at 20 s and share a [`RetryQuota`]. `adaptive` adds, in the SDKs, a client-side
/// rate limiter that only matters to a process sending many requests: here it retries as
/// `standard` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetryMode {
    #[default]
    Legacy,
    Standard,
    Adaptive,
}

impl RetryMode {
    /// The attempts (first one included) when nothing sets `max_attempts`: 5 for legacy
    /// (botocore's `_retry.json`), 3 otherwise.
    pub fn default_attempts(self) -> u32 {
        match self {
            Self::Legacy => 5,
            Self::Standard | Self::Adaptive => 3,
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "legacy" => Some(Self::Legacy),
            "standard" => Some(Self::Standard),
            "adaptive" => Some(Self::Adaptive),
            _ => None,
        }
    }
}

/// How many attempts and how long between them: full-jitter exponential backoff.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub mode: RetryMode,
    pub max_attempts: u32,
    pub base_delay: Duration,
    /// The cap on one wait in standard and adaptive modes (legacy has none).
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// The standard mode's 3 attempts, for clients built in code (the tests, the emulator's
    /// callers); the command line resolves its own from the config.
    fn default() -> Self {
        Self::new(RetryMode::Standard, None)
    }
}

impl RetryPolicy {
    /// A mode with its attempts (`None`: the mode's default; 0 counts as 1).
    pub fn new(mode: RetryMode, max_attempts: Option<u32>) -> Self {
        Self {
            mode,
            max_attempts: max_attempts.unwrap_or(mode.default_attempts()).max(1),
            base_delay: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// The wait before retry number `retry` (0 for the first retry): random in [0, base·2^retry],
    /// capped except in legacy mode.
    pub fn backoff(&self, retry: u32, random_unit: f64) -> Duration {
        let ceiling = self.base_delay.saturating_mul(2u32.saturating_pow(retry));
        let ceiling = match self.mode {
            RetryMode::Legacy => ceiling,
            RetryMode::Standard | RetryMode::Adaptive => ceiling.min(self.max_backoff),
        };
        ceiling.mul_f64(random_unit.clamp(0.0, 1.0))
    }
}

/// botocore's retry quota (standard and adaptive modes), one per client: 500 units; a retry
/// takes 14 (5 after throttling) and is not made when the quota cannot pay; a success gives back
/// what its retries took, or 1 when it needed none. A client that keeps failing (a Cognito
/// outage during `admin report`'s thousands of calls) soon stops retrying instead of
/// multiplying the load, and starts again as answers come back.
#[derive(Debug)]
pub struct RetryQuota {
    available: Mutex<u32>,
}

impl RetryQuota {
    pub const CAPACITY: u32 = 500;
    pub const RETRY_COST: u32 = 14;
    pub const THROTTLING_RETRY_COST: u32 = 5;
    const NO_RETRY_INCREMENT: u32 = 1;

    pub fn new() -> Self {
        Self {
            available: Mutex::new(Self::CAPACITY),
        }
    }

    /// Takes the cost of one retry; `None` when the quota cannot pay it (no retry then).
    pub fn acquire(&self, throttled: bool) -> Option<u32> {
        let cost = match throttled {
            true => Self::THROTTLING_RETRY_COST,
            false => Self::RETRY_COST,
        };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        let left = available.checked_sub(cost)?;
        *available = left;
        Some(cost)
    }

    /// After a success: gives back `last_acquired` (the cost of its last retry), else 1.
    pub fn release(&self, last_acquired: Option<u32>) {
        let amount = last_acquired.unwrap_or(Self::NO_RETRY_INCREMENT);
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = available.saturating_add(amount).min(Self::CAPACITY);
    }

    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_full_jitter_and_capped_outside_legacy() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(0, 1.0), Duration::from_secs(1));
        assert_eq!(p.backoff(1, 1.0), Duration::from_secs(2));
        assert_eq!(p.backoff(1, 0.5), Duration::from_secs(1));
        assert_eq!(p.backoff(0, 0.0), Duration::ZERO);
        assert_eq!(p.backoff(10, 1.0), Duration::from_secs(20));
        let legacy = RetryPolicy::new(RetryMode::Legacy, None);
        assert_eq!(legacy.max_attempts, 5);
        assert_eq!(legacy.backoff(5, 1.0), Duration::from_secs(32));
    }

    #[test]
    fn attempts_per_mode() {
        assert_eq!(RetryPolicy::new(RetryMode::Standard, None).max_attempts, 3);
        assert_eq!(
            RetryPolicy::new(RetryMode::Adaptive, Some(7)).max_attempts,
            7
        );
        assert_eq!(RetryPolicy::new(RetryMode::Legacy, Some(0)).max_attempts, 1);
        assert_eq!(RetryMode::parse("standard"), Some(RetryMode::Standard));
        assert_eq!(RetryMode::parse("Standard"), None);
    }

    #[test]
    fn the_quota_pays_for_35_retries_then_refuses_until_successes_give_back() {
        let quota = RetryQuota::new();
        let paid = std::iter::from_fn(|| quota.acquire(false)).count();
        assert_eq!(paid, 35);
        assert_eq!(quota.available(), 500 - 35 * 14);
        assert_eq!(quota.acquire(false), None);
        assert_eq!(
            quota.acquire(true),
            Some(5),
            "a throttling retry costs less"
        );
        assert_eq!(quota.acquire(true), Some(5));
        assert_eq!(quota.acquire(true), None);
        quota.release(Some(14));
        assert_eq!(quota.available(), 14);
        quota.release(None);
        assert_eq!(quota.available(), 15);
        for _ in 0..100 {
            quota.release(Some(14));
        }
        assert_eq!(quota.available(), 500, "never above the capacity");
    }
}
