//! Region, endpoint, output format, retries and CA bundle, resolved as the AWS CLI (awscli
//! 1.46.3, botocore inside) resolves them: the flag, then the environment, then the profile in
//! `~/.aws/config` (read as botocore reads it: `ini.rs`, `profiles.rs`), then the defaults.
//! Where the AWS CLI would stop for want of a region, `AWS_REGION` and then the user pool id's
//! region are tried before giving up.

mod endpoints;
mod env;
mod error;
mod ini;
mod profiles;

use crate::cognito::endpoint::Endpoint;
use crate::cognito::{ClientSettings, RetryMode, RetryPolicy};
pub use endpoints::public_endpoint;
pub use env::{Env, ProcessEnv};
pub use error::ConfigError;
use profiles::{ConfigFiles, Scoped};
use std::path::PathBuf;
use std::time::Duration;

/// What the command line says; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub profile: Option<String>,
    pub ca_bundle: Option<PathBuf>,
    pub connect_timeout_secs: Option<u64>,
    pub read_timeout_secs: Option<u64>,
    pub debug: bool,
    /// `--no-verify-ssl`: TLS certificates are not checked.
    pub no_verify_ssl: bool,
    /// The region in a user pool id (`eu-west-1_AbC123`): used when nothing else sets one.
    pub pool_region: Option<String>,
}

/// The region a user pool id starts with (`eu-west-1_AbC123` → `eu-west-1`).
pub fn region_of_pool(pool_id: &str) -> Option<String> {
    let (region, rest) = pool_id.split_once('_')?;
    (valid_region(region) && !rest.is_empty()).then(|| region.to_owned())
}

fn valid_region(region: &str) -> bool {
    let bytes = region.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// The public endpoint of Cognito user pools in a region (neither FIPS nor dual stack).
pub fn default_endpoint(region: &str) -> String {
    public_endpoint(region, false, false)
}

/// Everything resolved: where to send requests and how.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub region: Option<String>,
    pub settings: ClientSettings,
}

/// botocore's `ensure_boolean`: `true` in any case is true, anything else false.
fn is_true(value: Option<String>) -> bool {
    value.is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// A setting from its environment variable, else from the profile.
fn setting(env: &dyn Env, var: &str, scoped: &Scoped, key: &str) -> Option<String> {
    env.var(var).or_else(|| {
        scoped
            .text(key)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    })
}

/// The endpoint configured for Cognito, in botocore's order: `--endpoint-url`; unless
/// configured endpoints are ignored, `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`,
/// `AWS_ENDPOINT_URL`, the profile's `[services]` section, the profile's `endpoint_url`.
fn configured_endpoint(
    over: &Overrides,
    env: &dyn Env,
    scoped: &Scoped,
) -> Result<Option<String>, ConfigError> {
    if let Some(url) = &over.endpoint_url {
        return Ok(Some(url.clone()));
    }
    let ignore = setting(
        env,
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        scoped,
        "ignore_configured_endpoint_urls",
    );
    if is_true(ignore) {
        return Ok(None);
    }
    if let Some(url) = env
        .var("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER")
        .or_else(|| env.var("AWS_ENDPOINT_URL"))
    {
        return Ok(Some(url));
    }
    if let Some(name) = scoped.text("services") {
        let section = scoped
            .files
            .and_then(|f| f.services.get(name))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ConfigError::NoServicesSection(name.to_string()))?;
        if let Some(ini::Value::Nested(service)) = section.get("cognito_identity_provider")
            && let Some(url) = service.get("endpoint_url").filter(|u| !u.is_empty())
        {
            return Ok(Some(url.clone()));
        }
    }
    Ok(scoped
        .text("endpoint_url")
        .filter(|u| !u.is_empty())
        .map(str::to_string))
}

fn retry_policy(env: &dyn Env, scoped: &Scoped) -> Result<RetryPolicy, ConfigError> {
    let mode = match setting(env, "AWS_RETRY_MODE", scoped, "retry_mode") {
        Some(name) => RetryMode::parse(&name).ok_or(ConfigError::BadRetryMode(name))?,
        None => RetryMode::Legacy,
    };
    let attempts = match setting(env, "AWS_MAX_ATTEMPTS", scoped, "max_attempts") {
        Some(n) => Some(
            n.trim()
                .parse::<i64>()
                .map_err(|_| ConfigError::BadMaxAttempts(n.clone()))?
                .clamp(0, i64::from(u32::MAX)) as u32,
        ),
        None => None,
    };
    Ok(RetryPolicy::new(mode, attempts))
}

/// The output format the config asks for (`AWS_DEFAULT_OUTPUT`, else the profile's `output`),
/// before the default `json`. `--output` is the caller's.
pub fn output_format(over: &Overrides, env: &dyn Env) -> Result<Option<String>, ConfigError> {
    if let Some(v) = env.var("AWS_DEFAULT_OUTPUT") {
        return Ok(Some(v));
    }
    let files = ConfigFiles::load(env)?;
    let name = profiles::profile_name(over.profile.as_deref(), env);
    let scoped = files.scoped(name.as_deref())?;
    Ok(scoped
        .text("output")
        .filter(|v| !v.is_empty())
        .map(str::to_string))
}

pub fn resolve(over: &Overrides, env: &dyn Env) -> Result<Resolved, ConfigError> {
    let files = ConfigFiles::load(env)?;
    let name = profiles::profile_name(over.profile.as_deref(), env);
    let scoped = files.scoped(name.as_deref())?;
    let region = over
        .region
        .clone()
        .or_else(|| setting(env, "AWS_DEFAULT_REGION", &scoped, "region"))
        .or_else(|| env.var("AWS_REGION"))
        .or_else(|| over.pool_region.clone());
    if let Some(r) = &region
        && !valid_region(r)
    {
        return Err(ConfigError::BadRegion(r.clone()));
    }
    let endpoint = match (configured_endpoint(over, env, &scoped)?, &region) {
        (Some(url), _) => url,
        (None, Some(region)) => {
            let fips = setting(env, "AWS_USE_FIPS_ENDPOINT", &scoped, "use_fips_endpoint");
            let dual = setting(
                env,
                "AWS_USE_DUALSTACK_ENDPOINT",
                &scoped,
                "use_dualstack_endpoint",
            );
            public_endpoint(region, is_true(fips), is_true(dual))
        }
        (None, None) => return Err(ConfigError::NoRegion),
    };
    let mut settings = ClientSettings::new(Endpoint::parse(&endpoint)?);
    settings.ca_bundle = over
        .ca_bundle
        .clone()
        .or_else(|| setting(env, "AWS_CA_BUNDLE", &scoped, "ca_bundle").map(PathBuf::from));
    settings.verify_tls = !over.no_verify_ssl;
    let secs = |s: u64| (s > 0).then(|| Duration::from_secs(s));
    if let Some(s) = over.connect_timeout_secs {
        settings.connect_timeout = secs(s);
    }
    if let Some(s) = over.read_timeout_secs {
        settings.request_timeout = secs(s);
    }
    settings.debug = over.debug;
    settings.retry = retry_policy(env, &scoped)?;
    Ok(Resolved { region, settings })
}

#[cfg(test)]
mod tests;
