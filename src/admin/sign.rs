//! SigV4 with the AWS SDK's own `aws-sigv4` crate: the headers a request needs for a given time
//! and set of credentials, and the signer the Cognito client calls before each attempt.

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use std::time::SystemTime;

/// The service name Cognito user pools sign with.
pub const SERVICE: &str = "cognito-idp";

/// One request as it will be sent: what the signature covers.
pub struct Unsigned<'a> {
    pub method: &'a str,
    pub url: &'a str,
    /// Every header that is sent and signed (`Host` is taken from the URL when absent).
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// The headers SigV4 adds (`Authorization`, `X-Amz-Date`, and `X-Amz-Security-Token` with
/// temporary credentials), computed by `aws-sigv4` for `time`.
pub fn signature_headers(
    request: &Unsigned<'_>,
    credentials: &Credentials,
    region: &str,
    time: SystemTime,
) -> Result<Vec<(String, String)>, String> {
    let identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(SERVICE)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("bad signing parameters: {e}"))?
        .into();
    let signable = SignableRequest::new(
        request.method,
        request.url,
        request.headers.iter().copied(),
        SignableBody::Bytes(request.body),
    )
    .map_err(|e| format!("cannot sign this request: {e}"))?;
    let (instructions, _) = sign(signable, &params)
        .map_err(|e| format!("cannot sign this request: {e}"))?
        .into_parts();
    Ok(instructions
        .headers()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

/// An `Authorization` header with its signature hidden, for `--debug`: the access key id,
/// scope and signed headers stay readable.
pub fn redacted_authorization(value: &str) -> String {
    match value.find("Signature=") {
        Some(at) => format!("{}Signature=[redacted]", &value[..at]),
        None => "[redacted]".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn fixed() -> (Credentials, SystemTime) {
        (
            Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
                None,
                "test",
            ),
            UNIX_EPOCH + Duration::from_secs(1_700_000_000),
        )
    }

    #[test]
    fn signs_the_target_content_type_and_host_with_the_pool_region() {
        let (creds, time) = fixed();
        let headers = [
            ("Content-Type", "application/x-amz-json-1.1"),
            (
                "X-Amz-Target",
                "AWSCognitoIdentityProviderService.AdminGetUser",
            ),
        ];
        let out = signature_headers(
            &Unsigned {
                method: "POST",
                url: "https://cognito-idp.eu-west-1.amazonaws.com/",
                headers: &headers,
                body: b"{}",
            },
            &creds,
            "eu-west-1",
            time,
        )
        .unwrap();
        let auth = &out.iter().find(|(k, _)| k == "authorization").unwrap().1;
        assert!(auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
        ), "{auth}");
        assert!(
            out.iter()
                .any(|(k, v)| k == "x-amz-date" && v == "20231114T221320Z")
        );
        assert!(!out.iter().any(|(k, _)| k == "x-amz-security-token"));
    }

    #[test]
    fn a_session_token_is_sent_and_signed() {
        let (_, time) = fixed();
        let creds = Credentials::new("ASIAEXAMPLE", "secret", Some("token-1".into()), None, "t");
        let out = signature_headers(
            &Unsigned {
                method: "POST",
                url: "http://127.0.0.1:9/",
                headers: &[],
                body: b"",
            },
            &creds,
            "us-east-1",
            time,
        )
        .unwrap();
        assert!(
            out.iter()
                .any(|(k, v)| k == "x-amz-security-token" && v == "token-1")
        );
        let auth = &out.iter().find(|(k, _)| k == "authorization").unwrap().1;
        assert!(auth.contains("x-amz-security-token"), "{auth}");
    }

    #[test]
    fn debug_output_hides_the_signature_only() {
        let shown = redacted_authorization(
            "AWS4-HMAC-SHA256 Credential=AKID/20231114/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=abcdef",
        );
        assert!(shown.ends_with("Signature=[redacted]") && shown.contains("AKID/"));
        assert!(!shown.contains("abcdef"));
    }
}
