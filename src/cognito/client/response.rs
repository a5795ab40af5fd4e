//! Reading an answer: the body within its cap, what a body that is not JSON looks like, and
//! the words for a transport failure (a refused certificate, the root cause, a redirect's host).

/// Answers larger than this are refused: no Cognito answer comes near it.
pub const MAX_RESPONSE_BYTES: usize = 1024 * 1024;

use crate::safe_text::one_line;

pub(super) enum BodyError {
    TooLarge,
    Read(reqwest::Error),
}

pub(super) async fn read_bounded(mut response: reqwest::Response) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|n| n > MAX_RESPONSE_BYTES as u64)
    {
        return Err(BodyError::TooLarge);
    }
    let mut out = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        if out.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(BodyError::TooLarge);
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

pub(super) fn describe_bad_body(bytes: &[u8], e: &serde_json::Error) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_lowercase();
    if bytes.is_empty() {
        "empty body".into()
    } else if head.trim_start().starts_with('<') {
        "an HTML page".into()
    } else if e.is_eof() {
        "truncated JSON".into()
    } else if e.is_data() || serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok() {
        format!("unexpected JSON: {}", one_line(&e.to_string()))
    } else {
        "not JSON".into()
    }
}

/// rustls's refusal of the server's certificate, wherever it is in the chain of causes (an
/// `io::Error` hides the error it wraps from `source()`: it is looked into instead).
pub(super) fn certificate_refusal<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a rustls::Error> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(error) = next {
        if let Some(tls @ rustls::Error::InvalidCertificate(_)) =
            error.downcast_ref::<rustls::Error>()
        {
            return Some(tls);
        }
        next = match error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(wrapped) => Some(wrapped as &(dyn std::error::Error + 'static)),
            None => error.source(),
        };
    }
    None
}

pub(super) fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    one_line(&source.to_string()).into_owned()
}

/// The host a redirect points at, for the message: never followed, never looked up.
pub(super) fn redirect_host(location: Option<&str>) -> String {
    let Some(location) = location else {
        return "no location".into();
    };
    let host = reqwest::Url::parse(location)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "a relative or unreadable location".into());
    one_line(&host).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bodies_are_described() {
        let err = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).unwrap_err();
        assert_eq!(
            describe_bad_body(b"<html>oops", &err(b"<html>oops")),
            "an HTML page"
        );
        assert_eq!(
            describe_bad_body(b"{\"a\":", &err(b"{\"a\":")),
            "truncated JSON"
        );
        assert_eq!(describe_bad_body(b"garbage", &err(b"garbage")), "not JSON");
    }
}
