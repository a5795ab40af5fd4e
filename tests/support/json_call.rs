//! One Cognito JSON 1.1 call with a raw body, blocking: for operations the project's client
//! does not have (moto's admin API) and for talking to a process under test.

use serde_json::Value;

/// Sends `operation` with `body` to `endpoint`; the HTTP status and the JSON answer.
pub fn json_call(endpoint: &str, operation: &str, body: &Value) -> (u16, Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    cognito_mfa::cognito::client::install_tls_provider();
    rt.block_on(async {
        let response = reqwest::Client::new()
            .post(endpoint)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header(
                "X-Amz-Target",
                format!("AWSCognitoIdentityProviderService.{operation}"),
            )
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{operation} -> {status}, not JSON ({e}): {text}"));
        (status, value)
    })
}
