//! Times as the helpdesk reads them: ISO 8601 in UTC, from Cognito's epoch seconds.

use std::time::{Duration, SystemTime, UNIX_EPOCH};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// `2024-05-01T09:30:00Z` (fractions of a second only when there are some).
pub fn iso8601(at: SystemTime) -> String {
    OffsetDateTime::from(at)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "an unprintable time".into())
}

/// Epoch seconds (as Cognito sends them) as a time; `None` when out of range.
pub fn from_epoch(seconds: f64) -> Option<SystemTime> {
    if !seconds.is_finite() || !(0.0..=253_402_300_799.0).contains(&seconds) {
        return None;
    }
    Some(UNIX_EPOCH + Duration::from_secs_f64(seconds))
}

/// Epoch seconds to the second, as the person-readable summary and the report show them.
pub fn epoch_to_utc(seconds: f64) -> Option<String> {
    let at = from_epoch(seconds.floor())?;
    Some(iso8601(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_read_as_utc() {
        assert_eq!(
            epoch_to_utc(1_700_000_000.75).as_deref(),
            Some("2023-11-14T22:13:20Z")
        );
        assert_eq!(epoch_to_utc(-1.0), None);
        assert_eq!(epoch_to_utc(f64::NAN), None);
    }
}
