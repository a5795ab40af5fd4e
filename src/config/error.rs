//! What can be wrong with the configuration (exit 253), each saying what to fix.

use crate::cognito::endpoint::EndpointError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "You must specify a region: --region (e.g. eu-west-1), AWS_DEFAULT_REGION, or `region` in the config file. A user pool id (--user-pool-id eu-west-1_AbC123) also gives it."
    )]
    NoRegion,
    #[error("Provided region_name '{0}' doesn't match a supported format.")]
    BadRegion(String),
    #[error("The config profile ({0}) could not be found")]
    ProfileNotFound(String),
    #[error("Cannot read the AWS config file {}: {detail}", crate::safe_text::one_line(&path.to_string_lossy()))]
    ConfigFile { path: PathBuf, detail: String },
    #[error(
        "The profile is configured to use the services section but the \"{name}\" services configuration does not exist. Add a [services {name}] section to the config file or remove `services` from the profile.",
        name = crate::safe_text::one_line(.0)
    )]
    NoServicesSection(String),
    #[error(
        "Invalid value provided to retry mode: {}, valid values are: legacy, standard, adaptive (AWS_RETRY_MODE or `retry_mode` in the config file)",
        crate::safe_text::one_line(.0)
    )]
    BadRetryMode(String),
    #[error(
        "max_attempts must be a whole number, not '{}' (AWS_MAX_ATTEMPTS or `max_attempts` in the config file)",
        crate::safe_text::one_line(.0)
    )]
    BadMaxAttempts(String),
    #[error("{0}")]
    Endpoint(#[from] EndpointError),
}
