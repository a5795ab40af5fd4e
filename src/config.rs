//! Region, endpoint and client settings, resolved in the AWS CLI's order:
//! flag, then environment, then the profile in `~/.aws/config`.

use crate::capped_read::{DOCUMENT_CAP, read_capped_to_string};
use crate::cognito::endpoint::{Endpoint, EndpointError};
use crate::cognito::{ClientSettings, RetryPolicy};
use std::collections::HashMap;
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
    /// The region in a user pool id (`eu-west-1_AbC123`): used when nothing else sets one.
    pub pool_region: Option<String>,
}

/// The region a user pool id starts with (`eu-west-1_AbC123` → `eu-west-1`).
pub fn region_of_pool(pool_id: &str) -> Option<String> {
    let (region, rest) = pool_id.split_once('_')?;
    (valid_region(region) && !rest.is_empty()).then(|| region.to_owned())
}

/// Where environment variables come from: the process, or a map in tests.
pub trait Env {
    fn var(&self, key: &str) -> Option<String>;
}

pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, key: &str) -> Option<String> {
        std::env::var(key).ok().filter(|v| !v.is_empty())
    }
}

impl Env for HashMap<&str, &str> {
    fn var(&self, key: &str) -> Option<String> {
        self.get(key)
            .map(|v| v.to_string())
            .filter(|v| !v.is_empty())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "You must specify a region: --region (e.g. eu-west-1), AWS_REGION, or `region` in the config file. A user pool id (--user-pool-id eu-west-1_AbC123) also gives it."
    )]
    NoRegion,
    #[error("Provided region_name '{0}' doesn't match a supported format.")]
    BadRegion(String),
    #[error("The config profile ({0}) could not be found")]
    ProfileNotFound(String),
    #[error("Cannot read the AWS config file {}: {detail}", crate::safe_text::one_line(&path.to_string_lossy()))]
    ConfigFile { path: PathBuf, detail: String },
    #[error("{0}")]
    Endpoint(#[from] EndpointError),
}

/// The settings of the profile in use, as read from the AWS config file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Profile {
    pub values: HashMap<String, String>,
}

/// Reads `[default]` or `[profile NAME]` from an AWS config file (INI). A missing file is an
/// empty profile, as for the AWS CLI; a named profile that is absent is an error.
pub fn read_profile(text: &str, name: &str) -> Option<Profile> {
    let wanted = if name == "default" {
        "default".to_string()
    } else {
        format!("profile {name}")
    };
    let mut current: Option<bool> = None;
    let mut found = None::<Profile>;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let section = section.split_whitespace().collect::<Vec<_>>().join(" ");
            let matches = section == wanted;
            current = Some(matches);
            if matches && found.is_none() {
                found = Some(Profile::default());
            }
            continue;
        }
        if current == Some(true)
            && let (Some(profile), Some((k, v))) = (found.as_mut(), line.split_once('='))
        {
            profile
                .values
                .insert(k.trim().to_string(), v.trim().to_string());
        }
    }
    found
}

fn load_profile(over: &Overrides, env: &dyn Env) -> Result<Profile, ConfigError> {
    let explicit = over.profile.clone().or_else(|| env.var("AWS_PROFILE"));
    let name = explicit.clone().unwrap_or_else(|| "default".into());
    let path = env
        .var("AWS_CONFIG_FILE")
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".aws").join("config")));
    let text = match path {
        Some(path) => match read_capped_to_string(&path, DOCUMENT_CAP) {
            Ok(text) => text,
            Err(e) if e.is_not_found() => String::new(),
            Err(e) => {
                return Err(ConfigError::ConfigFile {
                    path,
                    detail: e.to_string(),
                });
            }
        },
        None => String::new(),
    };
    match read_profile(&text, &name) {
        Some(p) => Ok(p),
        None if explicit.is_some() => Err(ConfigError::ProfileNotFound(name)),
        None => Ok(Profile::default()),
    }
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

/// The public endpoint of Cognito user pools in a region.
pub fn default_endpoint(region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://cognito-idp.{region}.{suffix}")
}

/// Everything resolved: where to send requests and how.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub region: Option<String>,
    pub settings: ClientSettings,
}

pub fn resolve(over: &Overrides, env: &dyn Env) -> Result<Resolved, ConfigError> {
    let profile = load_profile(over, env)?;
    let from_profile = |key: &str| profile.values.get(key).cloned().filter(|v| !v.is_empty());
    let region = over
        .region
        .clone()
        .or_else(|| env.var("AWS_REGION"))
        .or_else(|| env.var("AWS_DEFAULT_REGION"))
        .or_else(|| from_profile("region"))
        .or_else(|| over.pool_region.clone());
    if let Some(r) = &region
        && !valid_region(r)
    {
        return Err(ConfigError::BadRegion(r.clone()));
    }
    let endpoint = over
        .endpoint_url
        .clone()
        .or_else(|| env.var("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"))
        .or_else(|| env.var("AWS_ENDPOINT_URL"))
        .or_else(|| from_profile("endpoint_url"));
    let endpoint = match (endpoint, &region) {
        (Some(url), _) => url,
        (None, Some(region)) => default_endpoint(region),
        (None, None) => return Err(ConfigError::NoRegion),
    };
    let mut settings = ClientSettings::new(Endpoint::parse(&endpoint)?);
    settings.ca_bundle = over
        .ca_bundle
        .clone()
        .or_else(|| env.var("AWS_CA_BUNDLE").map(PathBuf::from))
        .or_else(|| from_profile("ca_bundle").map(PathBuf::from));
    let secs = |s: u64| (s > 0).then(|| Duration::from_secs(s));
    if let Some(s) = over.connect_timeout_secs {
        settings.connect_timeout = secs(s);
    }
    if let Some(s) = over.read_timeout_secs {
        settings.request_timeout = secs(s);
    }
    settings.debug = over.debug;
    settings.retry = RetryPolicy::default();
    Ok(Resolved { region, settings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn resolve_with(
        over: Overrides,
        vars: &[(&'static str, &'static str)],
    ) -> Result<Resolved, ConfigError> {
        let mut env: HashMap<&str, &str> = vars.iter().copied().collect();
        env.entry("AWS_CONFIG_FILE")
            .or_insert("/nonexistent/aws-config");
        resolve(&over, &env)
    }

    fn endpoint(r: &Resolved) -> &str {
        r.settings.endpoint.as_str()
    }

    #[test]
    fn region_order_flag_then_aws_region_then_default_region() {
        let r = resolve_with(
            Overrides {
                region: Some("eu-west-1".into()),
                ..Default::default()
            },
            &[
                ("AWS_REGION", "us-east-2"),
                ("AWS_DEFAULT_REGION", "ap-south-1"),
            ],
        )
        .unwrap();
        assert_eq!(endpoint(&r), "https://cognito-idp.eu-west-1.amazonaws.com/");
        let r = resolve_with(
            Overrides::default(),
            &[
                ("AWS_REGION", "us-east-2"),
                ("AWS_DEFAULT_REGION", "ap-south-1"),
            ],
        )
        .unwrap();
        assert_eq!(r.region.as_deref(), Some("us-east-2"));
        let r = resolve_with(
            Overrides::default(),
            &[("AWS_DEFAULT_REGION", "cn-north-1")],
        )
        .unwrap();
        assert_eq!(
            endpoint(&r),
            "https://cognito-idp.cn-north-1.amazonaws.com.cn/"
        );
    }

    #[test]
    fn no_region_and_no_endpoint_says_where_a_region_comes_from() {
        let err = resolve_with(Overrides::default(), &[])
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("You must specify a region"), "{err}");
        assert!(
            err.contains("--region") && err.contains("--user-pool-id"),
            "{err}"
        );
        assert!(!err.contains("aws configure"), "{err}");
        assert!(matches!(
            resolve_with(
                Overrides {
                    region: Some("bad region".into()),
                    ..Default::default()
                },
                &[]
            ),
            Err(ConfigError::BadRegion(_))
        ));
    }

    #[test]
    fn endpoint_order_flag_then_service_env_then_global_env() {
        let vars = [
            (
                "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                "http://127.0.0.1:2",
            ),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:3"),
        ];
        let r = resolve_with(
            Overrides {
                endpoint_url: Some("http://127.0.0.1:1".into()),
                ..Default::default()
            },
            &vars,
        )
        .unwrap();
        assert_eq!(endpoint(&r), "http://127.0.0.1:1/");
        let r = resolve_with(Overrides::default(), &vars).unwrap();
        assert_eq!(endpoint(&r), "http://127.0.0.1:2/");
        let r = resolve_with(Overrides::default(), &vars[1..]).unwrap();
        assert_eq!(endpoint(&r), "http://127.0.0.1:3/");
        assert!(r.region.is_none(), "an endpoint needs no region");
        assert!(matches!(
            resolve_with(
                Overrides {
                    endpoint_url: Some("http://example.com".into()),
                    ..Default::default()
                },
                &[]
            ),
            Err(ConfigError::Endpoint(EndpointError::Insecure { .. }))
        ));
    }

    #[test]
    fn profile_region_from_config_file() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(file, "[default]\nregion = us-west-2\n\n[profile helpdesk]\nregion=eu-central-1\nca_bundle = /etc/ca.pem\n").unwrap();
        let path: &'static str =
            Box::leak(file.path().to_str().unwrap().to_string().into_boxed_str());
        let r = resolve_with(Overrides::default(), &[("AWS_CONFIG_FILE", path)]).unwrap();
        assert_eq!(r.region.as_deref(), Some("us-west-2"));
        let r = resolve_with(
            Overrides::default(),
            &[("AWS_CONFIG_FILE", path), ("AWS_PROFILE", "helpdesk")],
        )
        .unwrap();
        assert_eq!(r.region.as_deref(), Some("eu-central-1"));
        assert_eq!(r.settings.ca_bundle, Some(PathBuf::from("/etc/ca.pem")));
        let r = resolve_with(
            Overrides {
                profile: Some("default".into()),
                ..Default::default()
            },
            &[("AWS_CONFIG_FILE", path), ("AWS_PROFILE", "helpdesk")],
        )
        .unwrap();
        assert_eq!(
            r.region.as_deref(),
            Some("us-west-2"),
            "--profile beats AWS_PROFILE"
        );
        let err = resolve_with(
            Overrides {
                profile: Some("nope".into()),
                ..Default::default()
            },
            &[("AWS_CONFIG_FILE", path)],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "The config profile (nope) could not be found"
        );
    }

    #[test]
    fn timeouts_default_and_zero_means_none() {
        let r = resolve_with(
            Overrides {
                region: Some("us-east-1".into()),
                ..Default::default()
            },
            &[],
        )
        .unwrap();
        assert_eq!(r.settings.connect_timeout, Some(Duration::from_secs(5)));
        assert_eq!(r.settings.request_timeout, Some(Duration::from_secs(30)));
        let r = resolve_with(
            Overrides {
                region: Some("us-east-1".into()),
                connect_timeout_secs: Some(0),
                read_timeout_secs: Some(7),
                ..Default::default()
            },
            &[],
        )
        .unwrap();
        assert_eq!(r.settings.connect_timeout, None);
        assert_eq!(r.settings.request_timeout, Some(Duration::from_secs(7)));
    }
}
