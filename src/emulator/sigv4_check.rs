//! The signature check on administrator operations, as Cognito answers it: no signature,
//! an unknown access key or session token, a date more than 5 minutes away, a scope for another
//! region or service, a signature that does not match. The expected signature is computed by
//! AWS's own signer (`aws-sigv4`) over the request as it arrived, with the pool's one key, and
//! compared in constant time.

use super::config::AdminKeys;
use super::fault::Fault;
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use hyper::http::request::Parts;
use subtle::ConstantTimeEq;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// The service name in a Cognito user-pool signature's scope.
pub const SERVICE: &str = "cognito-idp";
/// How far `X-Amz-Date` may be from the emulator's clock.
pub const MAX_SKEW_SECONDS: i64 = 5 * 60;
const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const AMZ_DATE: &[BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second]Z");

/// The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    terminator: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn missing_token() -> Fault {
    Fault::new(
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
    )
}

fn incomplete(message: impl Into<String>) -> Fault {
    Fault::new("IncompleteSignatureException", message)
}

fn invalid(message: impl Into<String>) -> Fault {
    Fault::new("InvalidSignatureException", message)
}

fn unrecognized() -> Fault {
    Fault::new(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )
}

/// A value from the request, fit to quote in a message.
fn quoted(value: &str) -> String {
    value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(64)
        .collect()
}

fn parse_authorization(header: &str) -> Result<Authorization<'_>, Fault> {
    let Some(rest) = header.strip_prefix(ALGORITHM) else {
        let algorithm = header.split_whitespace().next().unwrap_or_default();
        return Err(if algorithm.starts_with("AWS4-") {
            incomplete(format!(
                "Unsupported AWS 'algorithm': '{}'.",
                quoted(algorithm)
            ))
        } else {
            missing_token()
        });
    };
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',').map(str::trim) {
        match part.split_once('=') {
            Some(("Credential", v)) => credential = Some(v),
            Some(("SignedHeaders", v)) => signed_headers = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => {}
        }
    }
    let mut missing = String::new();
    for (name, value) in [
        ("Credential", credential),
        ("Signature", signature),
        ("SignedHeaders", signed_headers),
    ] {
        if value.is_none_or(str::is_empty) {
            missing.push_str(&format!(
                "Authorization header requires '{name}' parameter. "
            ));
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) =
        (credential, signed_headers, signature)
    else {
        return Err(incomplete(missing.trim_end()));
    };
    if !missing.is_empty() {
        return Err(incomplete(missing.trim_end()));
    }
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, terminator] = scope[..] else {
        return Err(incomplete(format!(
            "Credential should be scoped to a valid region, not '{}'. ",
            quoted(scope.get(2).copied().unwrap_or_default())
        )));
    };
    Ok(Authorization {
        access_key_id,
        date,
        region,
        service,
        terminator,
        signed_headers: signed_headers.split(';').collect(),
        signature,
    })
}

fn header<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Checks the signature of a request to the pool in `region`, at `now` (Unix seconds).
pub fn verify(
    keys: &AdminKeys,
    region: &str,
    now: u64,
    parts: &Parts,
    body: &[u8],
) -> Result<(), Fault> {
    let Some(authorization) = parts.headers.get(hyper::header::AUTHORIZATION) else {
        return Err(missing_token());
    };
    let authorization = authorization
        .to_str()
        .map_err(|_| incomplete("The Authorization header is not valid text."))?;
    let auth = parse_authorization(authorization)?;
    if auth.access_key_id != keys.access_key_id {
        return Err(unrecognized());
    }
    let sent_token = header(parts, "x-amz-security-token");
    let token_matches = match (&keys.session_token, sent_token) {
        (None, None) => true,
        (Some(expected), Some(sent)) => expected.expose().as_bytes().ct_eq(sent.as_bytes()).into(),
        _ => false,
    };
    if !token_matches {
        return Err(unrecognized());
    }
    let Some(amz_date) = header(parts, "x-amz-date") else {
        return Err(incomplete(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        ));
    };
    let signed_at = PrimitiveDateTime::parse(amz_date, AMZ_DATE)
        .map_err(|_| incomplete("X-Amz-Date must be in the ISO-8601 basic format."))?
        .assume_utc();
    check_clock(signed_at, now)?;
    let day = &amz_date[..8];
    if auth.date != day {
        return Err(invalid(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date \
             from HTTP: '{}' != '{day}', from '{amz_date}'.",
            quoted(auth.date)
        )));
    }
    if auth.region != region {
        return Err(invalid(format!(
            "Credential should be scoped to a valid region, not '{}'. ",
            quoted(auth.region)
        )));
    }
    if auth.service != SERVICE {
        return Err(invalid(format!(
            "Credential should be scoped to correct service: '{SERVICE}'. "
        )));
    }
    if auth.terminator != "aws4_request" {
        return Err(invalid(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'. ",
            quoted(auth.terminator)
        )));
    }
    let expected = expected_signature(keys, region, signed_at, &auth.signed_headers, parts, body)
        .ok_or_else(mismatch)?;
    if bool::from(expected.as_bytes().ct_eq(auth.signature.as_bytes())) {
        Ok(())
    } else {
        Err(mismatch())
    }
}

fn mismatch() -> Fault {
    invalid(
        "The request signature we calculated does not match the signature you provided. Check \
         your AWS Secret Access Key and signing method. Consult the service documentation for \
         details.",
    )
}

fn check_clock(signed_at: OffsetDateTime, now: u64) -> Result<(), Fault> {
    let now = OffsetDateTime::from_unix_timestamp(i64::try_from(now).unwrap_or(i64::MAX))
        .map_err(|_| Fault::internal())?;
    let skew = time::Duration::seconds(MAX_SKEW_SECONDS);
    let text = |t: OffsetDateTime| t.format(AMZ_DATE).unwrap_or_default();
    if signed_at < now - skew {
        return Err(invalid(format!(
            "Signature expired: {} is now earlier than {} ({} - 5 min.)",
            text(signed_at),
            text(now - skew),
            text(now)
        )));
    }
    if signed_at > now + skew {
        return Err(invalid(format!(
            "Signature not yet current: {} is still later than {} ({} + 5 min.)",
            text(signed_at),
            text(now + skew),
            text(now)
        )));
    }
    Ok(())
}

/// The signature AWS's signer gives this request with the pool's key: the headers the client
/// signed, as they arrived, the body, the time it claims. `None` when the request cannot be
/// signed at all (a header that is not text, a host that is not one).
fn expected_signature(
    keys: &AdminKeys,
    region: &str,
    signed_at: OffsetDateTime,
    signed_headers: &[&str],
    parts: &Parts,
    body: &[u8],
) -> Option<String> {
    let host = header(parts, "host").unwrap_or("localhost");
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let uri = format!("http://{host}{path}");
    let mut headers = Vec::new();
    for name in signed_headers {
        if name.eq_ignore_ascii_case("authorization") {
            continue;
        }
        for value in parts.headers.get_all(*name) {
            headers.push((*name, value.to_str().ok()?));
        }
    }
    let signable = SignableRequest::new(
        parts.method.as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(body),
    )
    .ok()?;
    let identity = Credentials::new(
        keys.access_key_id.clone(),
        keys.secret_access_key.expose().to_string(),
        keys.session_token.as_ref().map(|t| t.expose().to_string()),
        None,
        "cognito-mfa-emulator",
    )
    .into();
    let mut settings = SigningSettings::default();
    // Whatever the client signed counts, User-Agent included (the list came from it).
    settings.excluded_headers = None;
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(SERVICE)
        .time(signed_at.into())
        .settings(settings)
        .build()
        .ok()?
        .into();
    let output = sign(signable, &params).ok()?;
    Some(output.signature().to_string())
}
