//! The signed client: the Cognito client's transport (timeouts, capped answers, retries) with
//! each attempt signed for the pool's region with the current credentials.

use super::credentials::CredentialSource;
use super::error::{AdminError, classify};
use super::sign::{Unsigned, redacted_authorization, signature_headers};
use crate::cognito::CognitoClient;
use crate::cognito::client::SignRequest;
use crate::cognito::wire::Operation;
use aws_credential_types::Credentials;
use std::time::SystemTime;

#[derive(Debug)]
pub struct AdminClient {
    cognito: CognitoClient,
    credentials: CredentialSource,
    region: String,
    debug: bool,
}

impl AdminClient {
    pub fn new(
        cognito: CognitoClient,
        credentials: CredentialSource,
        region: String,
        debug: bool,
    ) -> Self {
        Self {
            cognito,
            credentials,
            region,
            debug,
        }
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// Calls one admin operation, signed.
    pub async fn call<O: Operation>(&self, request: &O) -> Result<O::Response, AdminError> {
        let credentials = self.credentials.current().await?;
        let signer = SigV4 {
            credentials,
            region: &self.region,
            debug: self.debug,
        };
        self.cognito
            .call_signed(request, &signer)
            .await
            .map_err(classify)
    }
}

struct SigV4<'a> {
    credentials: Credentials,
    region: &'a str,
    debug: bool,
}

impl SignRequest for SigV4<'_> {
    fn sign(&self, request: &mut reqwest::Request, body: &[u8]) -> Result<(), String> {
        let url = request.url().as_str().to_string();
        let method = request.method().as_str().to_string();
        let owned: Vec<(String, String)> = request
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let headers: Vec<(&str, &str)> = owned
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let added = signature_headers(
            &Unsigned {
                method: &method,
                url: &url,
                headers: &headers,
                body,
            },
            &self.credentials,
            self.region,
            SystemTime::now(),
        )?;
        for (name, value) in added {
            if self.debug {
                let shown = match name.as_str() {
                    "authorization" => redacted_authorization(&value),
                    "x-amz-security-token" => "[redacted]".into(),
                    _ => value.clone(),
                };
                eprintln!("DEBUG signed header {name}: {shown}");
            }
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| format!("bad header name from the signer: {e}"))?;
            let mut value = reqwest::header::HeaderValue::from_str(&value)
                .map_err(|_| "a signature header that cannot be sent".to_string())?;
            value.set_sensitive(true);
            request.headers_mut().insert(name, value);
        }
        Ok(())
    }
}
