//! The wizard's config file: what a helpdesk sets once (region, endpoint, client id, user pool
//! id, issuer, helpdesk mode, how the QR is shown). TOML; `--config`, else `cognito-mfa/config.toml` in the platform config dir.
//! Precedence: flag > environment > this file.

use crate::capped_read::{DOCUMENT_CAP, read_capped_to_string};
use crate::failure::Failure;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EnrollConfig {
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub client_id: Option<String>,
    pub user_pool_id: Option<String>,
    pub issuer: Option<String>,
    #[serde(default)]
    pub helpdesk: bool,
    /// How the QR code is shown: auto, image, cells or none (as `--qr`).
    pub qr: Option<crate::cli::QrArg>,
}

pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("cognito-mfa").join("config.toml"))
}

/// Reads the named file (which must exist), else the default one if it exists.
pub fn load(explicit: Option<&Path>) -> Result<EnrollConfig, Failure> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.is_file() => p,
            _ => return Ok(EnrollConfig::default()),
        },
    };
    let text = read_capped_to_string(&path, DOCUMENT_CAP).map_err(|e| {
        Failure::Config(format!(
            "Cannot read the config file {}: {e}.",
            path.display()
        ))
    })?;
    parse(&text).map_err(|e| {
        Failure::Config(format!(
            "The config file {} is not valid: {e}",
            path.display()
        ))
    })
}

pub fn parse(text: &str) -> Result<EnrollConfig, toml::de::Error> {
    toml::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_a_helpdesk_sets() {
        let c = parse(
            "region = \"eu-west-1\"\nclient-id = \"abc\"\nuser-pool-id = \"eu-west-1_Abc\"\nissuer = \"Acme\"\nhelpdesk = true\n",
        )
        .unwrap();
        assert_eq!(c.region.as_deref(), Some("eu-west-1"));
        assert_eq!(c.client_id.as_deref(), Some("abc"));
        assert_eq!(c.user_pool_id.as_deref(), Some("eu-west-1_Abc"));
        assert!(c.helpdesk);
        assert_eq!(c.qr, None);
        let c = parse("qr = \"cells\"\n").unwrap();
        assert_eq!(c.qr, Some(crate::cli::QrArg::Cells));
        assert!(parse("qr = \"sometimes\"").is_err());
        assert!(
            parse("colour = \"red\"").is_err(),
            "unknown keys are refused"
        );
    }

    #[test]
    fn a_named_file_must_exist() {
        assert!(load(Some(Path::new("/nonexistent/cognito-mfa.toml"))).is_err());
    }
}
