//! AssociateSoftwareToken and VerifySoftwareToken.

use super::operation::{Operation, impl_operation};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenResponse {
    pub secret_code: Sensitive,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
}
impl_operation!(
    AssociateSoftwareTokenRequest,
    AssociateSoftwareTokenResponse,
    "AssociateSoftwareToken",
    |r| crate::cognito::secret_code::check(r.secret_code.expose())
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Sensitive>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
    pub user_code: Sensitive,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub friendly_device_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerifyStatus {
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<VerifyStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Sensitive>,
}
impl_operation!(
    VerifySoftwareTokenRequest,
    VerifySoftwareTokenResponse,
    "VerifySoftwareToken"
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn associate_request_omits_absent_members() {
        let req = AssociateSoftwareTokenRequest {
            access_token: Some("tok".into()),
            session: None,
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"AccessToken": "tok"})
        );
    }

    #[test]
    fn verify_request_in_model_order() {
        let req = VerifySoftwareTokenRequest {
            access_token: None,
            session: Some("s".repeat(20).into()),
            user_code: "123456".into(),
            friendly_device_name: Some("phone".into()),
        };
        assert_eq!(
            serde_json::to_string(&req).unwrap(),
            format!(
                r#"{{"Session":"{}","UserCode":"123456","FriendlyDeviceName":"phone"}}"#,
                "s".repeat(20)
            )
        );
    }

    #[test]
    fn verify_response_status() {
        let r: VerifySoftwareTokenResponse =
            serde_json::from_str(r#"{"Status":"SUCCESS","Session":"abc"}"#).unwrap();
        assert_eq!(r.status, Some(VerifyStatus::Success));
        assert!(
            serde_json::from_str::<VerifySoftwareTokenResponse>(r#"{"Status":"NOPE"}"#).is_err()
        );
    }
}
