//! `cognito-mfa admin …`: the helpdesk's commands, signed with AWS credentials.

use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Args, Clone)]
pub struct AdminArgs {
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Subcommand, Clone)]
pub enum AdminCommand {
    /// Show a user's status and MFA (AdminGetUser), and what their next sign-in will ask.
    /// With --output or --query: exactly what `aws cognito-idp admin-get-user` prints.
    #[command(
        after_help = "Examples:\n  cognito-mfa admin status --user-pool-id eu-west-1_AbC123 --username ana\n  cognito-mfa admin status --user-pool-id eu-west-1_AbC123 --username ana \\\n      --output json\n\nNeeds cognito-idp:AdminGetUser and cognito-idp:GetUserPoolMfaConfig."
    )]
    Status(UserArgs),
    /// On a call: poll the user until their authenticator app is enabled and preferred, then
    /// exit 0 (124 when --timeout passes first, 130 on Ctrl-C).
    #[command(
        after_help = "Examples:\n  cognito-mfa admin watch --user-pool-id eu-west-1_AbC123 --username ana\n  cognito-mfa admin watch --user-pool-id eu-west-1_AbC123 --username ana \\\n      --timeout 10m\n\nNeeds cognito-idp:AdminGetUser."
    )]
    Watch(WatchArgs),
    /// Turn the user's authenticator-app MFA off (a lost phone), so their next sign-in asks
    /// them to set one up again (pool MFA ON) or asks for no code (OPTIONAL).
    #[command(
        override_usage = "cognito-mfa admin reset-mfa [OPTIONS] --user-pool-id <ID>\n       --username <NAME>",
        after_help = "Examples:\n  cognito-mfa admin reset-mfa --user-pool-id eu-west-1_AbC123 --username ana\n  cognito-mfa admin reset-mfa --user-pool-id eu-west-1_AbC123 --username ana \\\n      --sign-out --yes\n\nNeeds cognito-idp:AdminGetUser, cognito-idp:GetUserPoolMfaConfig,\ncognito-idp:AdminSetUserMFAPreference (and cognito-idp:AdminUserGlobalSignOut\nwith --sign-out)."
    )]
    ResetMfa(ResetArgs),
    /// Every user of the pool with their MFA methods, as CSV or JSON, streamed as it goes.
    #[command(
        after_help = "Examples:\n  cognito-mfa admin report --user-pool-id eu-west-1_AbC123 --out users.csv\n  cognito-mfa admin report --user-pool-id eu-west-1_AbC123 --without-mfa \\\n      --format jsonl\n  cognito-mfa admin report --user-pool-id eu-west-1_AbC123 --out users.csv \\\n      --resume\n\nNeeds cognito-idp:ListUsers and cognito-idp:AdminGetUser."
    )]
    Report(ReportArgs),
}

#[derive(Args, Clone)]
pub struct UserArgs {
    /// The user pool id, e.g. eu-west-1_AbC123 (its region is the default region).
    #[arg(long, value_name = "ID")]
    pub user_pool_id: String,
    /// The user's name in the pool (or an alias the pool accepts, such as the e-mail address).
    #[arg(long, value_name = "NAME")]
    pub username: String,
}

#[derive(Args, Clone)]
pub struct WatchArgs {
    #[command(flatten)]
    pub user: UserArgs,
    /// How often to ask (from 100ms to 5m).
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = interval)]
    pub interval: Duration,
    /// Give up after this long, with exit code 124 (from 1s to 24h).
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = limit)]
    pub timeout: Duration,
}

#[derive(Args, Clone)]
pub struct ResetArgs {
    #[command(flatten)]
    pub user: UserArgs,
    /// Do not ask for confirmation (needed when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Also sign the user out everywhere (AdminUserGlobalSignOut): for a stolen phone.
    #[arg(long)]
    pub sign_out: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

#[derive(Args, Clone)]
pub struct ReportArgs {
    /// The user pool id, e.g. eu-west-1_AbC123.
    #[arg(long, value_name = "ID")]
    pub user_pool_id: String,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ReportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Continue an interrupted --out file (csv or jsonl) after its last complete row.
    #[arg(long, requires = "out")]
    pub resume: bool,
    /// Only users without an enabled MFA method.
    #[arg(long)]
    pub without_mfa: bool,
    /// Only users in this status (CONFIRMED, FORCE_CHANGE_PASSWORD, …); Cognito filters.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// AdminGetUser calls in flight at once (1 to 32).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: u16,
}

/// A duration from `500ms`, `3s`, `3` (seconds), `10m` or `1h`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let bad = || format!("'{text}' is not a duration: use 500ms, 3s, 10m or 1h");
    let (number, unit_ms) = if let Some(n) = text.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = text.strip_suffix('s') {
        (n, 1000)
    } else if let Some(n) = text.strip_suffix('m') {
        (n, 60_000)
    } else if let Some(n) = text.strip_suffix('h') {
        (n, 3_600_000)
    } else {
        (text, 1000)
    };
    let n: u64 = number.trim().parse().map_err(|_| bad())?;
    Ok(Duration::from_millis(
        n.checked_mul(unit_ms).ok_or_else(bad)?,
    ))
}

fn bounded(text: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let d = parse_duration(text)?;
    if d < min || d > max {
        return Err(format!(
            "'{text}' is out of range: from {} to {}",
            show(min),
            show(max)
        ));
    }
    Ok(d)
}

fn show(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{}ms", d.as_millis())
    } else if d.as_secs() < 60 {
        format!("{}s", d.as_secs())
    } else if d.as_secs() < 3600 {
        format!("{}m", d.as_secs() / 60)
    } else {
        format!("{}h", d.as_secs() / 3600)
    }
}

fn interval(text: &str) -> Result<Duration, String> {
    bounded(text, Duration::from_millis(100), Duration::from_secs(300))
}

fn limit(text: &str) -> Result<Duration, String> {
    bounded(text, Duration::from_secs(1), Duration::from_secs(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_their_bounds() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("3"), Ok(Duration::from_secs(3)));
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("soon").is_err());
        assert!(interval("10ms").unwrap_err().contains("from 100ms to 5m"));
        assert!(limit("2d").is_err());
        assert!(limit("25h").is_err());
    }
}
