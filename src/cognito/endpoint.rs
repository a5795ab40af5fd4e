//! Endpoint URLs: HTTPS, or plain HTTP to a loopback host only.

use reqwest::Url;
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    #[error(
        "Invalid endpoint: {url} ({reason}). Give a URL such as https://cognito-idp.eu-west-1.amazonaws.com"
    )]
    Invalid { url: String, reason: String },
    #[error(
        "Refusing plain HTTP to {url}: tokens and secrets would cross the network unencrypted. Use https://, or http:// only for a loopback host (127.0.0.1, ::1, localhost)"
    )]
    Insecure { url: String },
}

/// A checked endpoint: its scheme is `https`, or `http` with a loopback host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint(Url);

impl Endpoint {
    pub fn parse(url: &str) -> Result<Self, EndpointError> {
        let parsed = Url::parse(url).map_err(|e| EndpointError::Invalid {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(EndpointError::Invalid {
                url: url.to_string(),
                reason: "no host".into(),
            });
        }
        match parsed.scheme() {
            "https" => Ok(Self(parsed)),
            "http" if is_loopback(&parsed) => Ok(Self(parsed)),
            "http" => Err(EndpointError::Insecure {
                url: url.to_string(),
            }),
            other => Err(EndpointError::Invalid {
                url: url.to_string(),
                reason: format!("the scheme must be https, not {other}"),
            }),
        }
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    /// Plain HTTP to loopback: no TLS, so no root certificates need loading.
    pub fn is_plain_http(&self) -> bool {
        self.0.scheme() == "http"
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        assert!(Endpoint::parse("https://cognito-idp.us-east-1.amazonaws.com").is_ok());
        for ok in [
            "http://127.0.0.1:5055",
            "http://127.8.9.10/",
            "http://[::1]:80",
            "http://localhost:9",
        ] {
            assert!(Endpoint::parse(ok).unwrap().is_plain_http(), "{ok}");
        }
        for bad in [
            "http://10.0.0.1",
            "http://example.com",
            "http://127.0.0.1.example.com",
        ] {
            assert!(
                matches!(Endpoint::parse(bad), Err(EndpointError::Insecure { .. })),
                "{bad}"
            );
        }
        assert!(matches!(
            Endpoint::parse("ftp://x"),
            Err(EndpointError::Invalid { .. })
        ));
        assert!(matches!(
            Endpoint::parse("not a url"),
            Err(EndpointError::Invalid { .. })
        ));
    }
}
