//! AWS credentials from `aws-config`'s default chain (environment, the shared config and
//! credentials files with a profile, SSO, `credential_process`, assume-role, web identity,
//! containers, instance metadata), kept until five minutes before they expire.

use super::error::AdminError;
use crate::safe_text::one_line;
use aws_config::BehaviorVersion;
use aws_config::Region;
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_http_client::tls;
use std::time::{Duration, SystemTime};
use tokio::sync::Mutex;

/// Credentials are fetched again when they have less than this left.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

pub struct CredentialSource {
    provider: SharedCredentialsProvider,
    profile: Option<String>,
    cached: Mutex<Option<Credentials>>,
}

impl std::fmt::Debug for CredentialSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialSource")
            .field("profile", &self.profile)
            .finish_non_exhaustive()
    }
}

impl CredentialSource {
    /// The default chain for `profile` (else AWS_PROFILE, else default). Its own HTTP calls
    /// (SSO, STS, containers, instance metadata) go through rustls with ring, as ours do.
    pub async fn default_chain(profile: Option<&str>, region: &str) -> Result<Self, AdminError> {
        crate::cognito::client::install_tls_provider();
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(tls::Provider::Rustls(
                tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .http_client(http)
            .region(Region::new(region.to_string()));
        if let Some(p) = profile {
            loader = loader.profile_name(p);
        }
        let config = loader.load().await;
        let provider = config.credentials_provider().ok_or_else(|| {
            AdminError::Credentials("the AWS SDK built no credential chain".into())
        })?;
        Ok(Self::from_provider(provider, profile))
    }

    pub fn from_provider(provider: SharedCredentialsProvider, profile: Option<&str>) -> Self {
        Self {
            provider,
            profile: profile.map(str::to_string),
            cached: Mutex::new(None),
        }
    }

    /// Current credentials: the cached ones while they last, else a new fetch.
    pub async fn current(&self) -> Result<Credentials, AdminError> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some(c) = cached.as_ref()
            && c.expiry().is_none_or(|e| e > now + REFRESH_BEFORE_EXPIRY)
        {
            return Ok(c.clone());
        }
        let fresh = self
            .provider
            .provide_credentials()
            .await
            .map_err(|e| AdminError::Credentials(describe(&e, self.profile.as_deref())))?;
        if let Some(expiry) = fresh.expiry()
            && expiry <= now
        {
            return Err(AdminError::Credentials(format!(
                "The AWS credentials found expired at {}. Refresh them (for SSO: aws sso login{}), or ask whoever issued them for new ones.",
                crate::admin::time::iso8601(expiry),
                profile_flag(self.profile.as_deref())
            )));
        }
        *cached = Some(fresh.clone());
        Ok(fresh)
    }
}

fn profile_flag(profile: Option<&str>) -> String {
    profile
        .map(|p| format!(" --profile {}", one_line(p)))
        .unwrap_or_default()
}

/// What went wrong loading credentials, and who can fix it. The chain's own messages never
/// hold a secret (they name providers, files and profiles).
fn describe(e: &CredentialsError, profile: Option<&str>) -> String {
    let mut chain = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        chain.push(one_line(&s.to_string()).into_owned());
        source = s.source();
    }
    chain.dedup();
    let detail = chain.join(": ");
    let lower = detail.to_lowercase();
    let advice = if matches!(e, CredentialsError::CredentialsNotLoaded(_)) {
        format!(
            "No AWS credentials were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run `aws configure`, or name a profile with --profile or AWS_PROFILE (for SSO: aws sso login{}). Your AWS administrator can tell you which profile the helpdesk uses.",
            profile_flag(profile)
        )
    } else if lower.contains("sso") && (lower.contains("expired") || lower.contains("token")) {
        format!(
            "The SSO sign-in for these credentials has expired or is missing: run `aws sso login{}` and try again.",
            profile_flag(profile)
        )
    } else if lower.contains("credential_process") || lower.contains("external process") {
        "The profile's credential_process failed. Run that command by hand to see why, or ask whoever set up the profile.".into()
    } else if lower.contains("profile") {
        "The AWS profile is missing or incomplete: check ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE), or choose another with --profile.".into()
    } else {
        "The AWS credentials could not be loaded; check the profile and the environment, or ask your AWS administrator.".into()
    };
    format!("{advice} ({detail})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_credential_types::provider::error::CredentialsError;

    #[test]
    fn no_credentials_says_how_to_provide_them() {
        let text = describe(
            &CredentialsError::not_loaded("nothing in the chain"),
            Some("help"),
        );
        assert!(text.starts_with("No AWS credentials were found."), "{text}");
        assert!(text.contains("--profile help"), "{text}");
    }

    #[test]
    fn a_failed_credential_process_is_named() {
        let text = describe(
            &CredentialsError::provider_error(
                "Error retrieving credentials from external process: exit status 3",
            ),
            None,
        );
        assert!(text.contains("credential_process failed"), "{text}");
        assert!(text.contains("exit status 3"), "{text}");
    }

    #[tokio::test]
    async fn expired_credentials_are_refused_before_anything_is_sent() {
        let expired = Credentials::new(
            "AKID",
            "secret-that-must-not-show",
            None,
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)),
            "test",
        );
        let source = CredentialSource::from_provider(SharedCredentialsProvider::new(expired), None);
        let err = source.current().await.unwrap_err().to_string();
        assert!(err.contains("expired at 2001-09-09T01:46:40Z"), "{err}");
        assert!(!err.contains("secret-that-must-not-show"));
    }
}
