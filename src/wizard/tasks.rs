//! Runs the wizard's API commands against Cognito and turns the answers into messages.
//! The only place the wizard meets the HTTP client and its errors.

use crate::auth::flow::SignInRequest;
use crate::cognito::wire::{
    AssociateSoftwareTokenRequest, AuthResponse, GetUserRequest, GetUserResponse, MfaSettings,
    SetUserMfaPreferenceRequest, VerifySoftwareTokenRequest, VerifyStatus,
};
use crate::cognito::{ApiError, CognitoClient, ServiceErrorKind};
use crate::keychain::{Keychain, Remembered};
use crate::safe_text::{lines, one_line};
use crate::secret::Sensitive;
use crate::totp::now_unix;
use crate::wizard::msg::{
    Association, AuthAnswer, Cmd, Completed, Credential, DemoShown, Msg, UserInfo, Verified,
    WizError,
};
use crate::wizard::reasons::Denial;
use std::sync::Arc;

/// What the wizard's commands run against: Cognito, and the keychain for `--remember`.
#[derive(Debug, Clone)]
pub struct Services {
    pub client: CognitoClient,
    pub keychain: Keychain,
    /// The demo emulator's hook (only `demo` has one): the code an app would show now.
    pub demo: Option<Arc<dyn DemoHook>>,
}

/// What the demo emulator knows: the code an app would show now for a user's newest secret.
pub trait DemoHook: Send + Sync + std::fmt::Debug {
    fn current_code(&self, username: &str) -> Option<DemoShown>;
}

/// What the wizard makes of a failed call; messages keep their lines, with every other control
/// character escaped.
pub fn classify(error: &ApiError) -> WizError {
    match classify_raw(error) {
        WizError::Network(m) => WizError::Network(lines(&m).into_owned()),
        WizError::Other(m) => WizError::Other(lines(&m).into_owned()),
        WizError::Refused(mut d) => {
            d.said = lines(&d.said).into_owned();
            WizError::Refused(d)
        }
        other => other,
    }
}

fn classify_raw(error: &ApiError) -> WizError {
    if error.is_network() {
        return WizError::Network(error.to_string());
    }
    let Some(service) = error.service() else {
        return WizError::Other(error.to_string());
    };
    match service.kind {
        kind if kind.is_wrong_code() => WizError::WrongCode,
        ServiceErrorKind::TooManyRequests => WizError::Throttled,
        ServiceErrorKind::NotAuthorized if service.message.to_lowercase().contains("session") => {
            WizError::SessionExpired
        }
        ServiceErrorKind::InternalError => WizError::Network(error.to_string()),
        _ if let Some(refusal) = super::classify::refusal(service) => WizError::Refused(Denial {
            refusal,
            said: if service.message.is_empty() {
                one_line(&service.code).into_owned()
            } else {
                format!(
                    "{} ({})",
                    one_line(&service.message),
                    one_line(&service.code)
                )
            },
        }),
        kind => WizError::Other(if service.message.is_empty() {
            kind.hint().to_owned()
        } else {
            format!("{} ({})\n{}", service.message, service.code, kind.hint())
        }),
    }
}

fn credential_fields(credential: Credential) -> (Option<Sensitive>, Option<Sensitive>) {
    match credential {
        Credential::AccessToken(token) => (Some(token), None),
        Credential::Session(session) => (None, Some(session)),
    }
}

/// What the wizard keeps of GetUser's answer: every string shown with control characters
/// escaped, since the screen, plain mode and the printed summary all show them.
fn user_info(user: GetUserResponse) -> UserInfo {
    let safe = |text: &str| one_line(text).into_owned();
    UserInfo {
        email: user.attribute("email").map(safe),
        username: safe(&user.username),
        mfa_methods: user
            .user_mfa_setting_list
            .unwrap_or_default()
            .iter()
            .map(|m| safe(m))
            .collect(),
        preferred_mfa: user.preferred_mfa_setting.as_deref().map(safe),
    }
}

async fn get_user(client: &CognitoClient, access_token: Sensitive) -> Result<UserInfo, WizError> {
    let user = client
        .call(&GetUserRequest { access_token })
        .await
        .map_err(|e| classify(&e))?;
    Ok(user_info(user))
}

async fn send(client: &CognitoClient, request: &SignInRequest) -> Result<AuthResponse, ApiError> {
    match request {
        SignInRequest::Initiate(r) => client.call(r).await,
        SignInRequest::Respond(r) => client.call(r).await,
    }
}

/// Stores a sign-in; the keychain may block (D-Bus, a password dialog), so off the runtime.
async fn remember(
    keychain: Keychain,
    client_id: String,
    username: String,
    remembered: Remembered,
) -> Result<(), String> {
    tokio::task::spawn_blocking(move || {
        keychain
            .save(&client_id, &username, &remembered)
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Runs one command; `None` for commands that produce no message (copy, quit).
pub async fn perform(services: &Services, cmd: Cmd) -> Option<Msg> {
    let client = &services.client;
    let map = |e: ApiError| classify(&e);
    Some(match cmd {
        Cmd::Auth(request) => {
            Msg::AuthAnswered(send(client, &request).await.map_err(map).map(|response| {
                AuthAnswer {
                    response,
                    at: now_unix(),
                }
            }))
        }
        Cmd::Remember {
            client_id,
            username,
            remembered,
        } => Msg::Remembered(
            remember(services.keychain.clone(), client_id, username, remembered).await,
        ),
        Cmd::DemoCode { username } => Msg::DemoCode(
            services
                .demo
                .as_ref()
                .and_then(|hook| hook.current_code(&username)),
        ),
        Cmd::GetUser { access_token } => Msg::UserLoaded(get_user(client, access_token).await),
        Cmd::Associate(credential) => {
            let (access_token, session) = credential_fields(credential);
            let request = AssociateSoftwareTokenRequest {
                access_token,
                session,
            };
            Msg::Associated(
                client
                    .call(&request)
                    .await
                    .map_err(map)
                    .map(|answer| Association {
                        secret: answer.secret_code,
                        session: answer.session,
                        at: now_unix(),
                    }),
            )
        }
        Cmd::Verify {
            credential,
            code,
            device,
        } => {
            let (access_token, session) = credential_fields(credential);
            let request = VerifySoftwareTokenRequest {
                access_token,
                session,
                user_code: code,
                friendly_device_name: Some(device),
            };
            Msg::Verified(match client.call(&request).await {
                Ok(answer) if answer.status == Some(VerifyStatus::Error) => {
                    Err(WizError::WrongCode)
                }
                // Only an explicit SUCCESS is success.
                Ok(answer) if answer.status.is_none() => Err(WizError::Other(
                    crate::text::problems::NO_VERIFY_STATUS.into(),
                )),
                Ok(answer) => Ok(Verified {
                    session: answer.session,
                    at: now_unix(),
                }),
                Err(e) => Err(map(e)),
            })
        }
        Cmd::EnableMfa {
            access_token,
            set_preferred,
        } => Msg::Completed(enable_mfa(client, access_token, set_preferred).await),
        Cmd::Copy(_) | Cmd::Quit => return None,
    })
}

/// SetUserMFAPreference (TOTP on, preferred unless told not to), then GetUser to report the
/// state Cognito has, not an assumed one.
async fn enable_mfa(
    client: &CognitoClient,
    access_token: Sensitive,
    set_preferred: bool,
) -> Result<Completed, WizError> {
    let request = SetUserMfaPreferenceRequest {
        sms_mfa_settings: None,
        software_token_mfa_settings: Some(MfaSettings {
            enabled: Some(true),
            preferred_mfa: set_preferred.then_some(true),
        }),
        email_mfa_settings: None,
        access_token: access_token.clone(),
    };
    client.call(&request).await.map_err(|e| classify(&e))?;
    let user = get_user(client, access_token).await?;
    Ok(Completed {
        user: Some(user),
        at: now_unix(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::ServiceError;
    use crate::wizard::reasons::Refusal;

    fn service(code: &str, message: &str) -> ApiError {
        ApiError::Service(ServiceError {
            operation: "VerifySoftwareToken",
            kind: ServiceErrorKind::from_code(code),
            code: code.into(),
            message: message.into(),
            status: 400,
            request_id: None,
        })
    }

    #[test]
    fn service_errors_become_wizard_errors() {
        let cases = [
            (
                "CodeMismatchException",
                "Code mismatch",
                WizError::WrongCode,
            ),
            (
                "EnableSoftwareTokenMFAException",
                "Code mismatch",
                WizError::WrongCode,
            ),
            (
                "TooManyRequestsException",
                "Rate exceeded",
                WizError::Throttled,
            ),
            (
                "NotAuthorizedException",
                "Invalid session for the user, session is expired.",
                WizError::SessionExpired,
            ),
        ];
        for (code, message, expected) in cases {
            assert_eq!(classify(&service(code, message)), expected, "{code}");
        }
        let WizError::Refused(denial) = classify(&service(
            "NotAuthorizedException",
            "Access Token has expired",
        )) else {
            panic!("an expired token is not an expired session");
        };
        assert_eq!(denial.refusal, Refusal::TokenExpired);
        assert_eq!(
            denial.said,
            "Access Token has expired (NotAuthorizedException)"
        );
        let WizError::Refused(limit) = classify(&service("LimitExceededException", "Limit")) else {
            panic!("a limit is not retried on its own");
        };
        assert_eq!(limit.refusal, Refusal::LimitExceeded);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn remember_stores_the_sign_in_in_the_keychain() {
        let keychain = Keychain::with_store(keyring_core::mock::Store::new().unwrap());
        let endpoint = crate::cognito::Endpoint::parse("http://127.0.0.1:1").unwrap();
        let services = Services {
            client: CognitoClient::new(crate::cognito::ClientSettings::new(endpoint)).unwrap(),
            keychain: keychain.clone(),
            demo: None,
        };
        let remembered = Remembered {
            refresh_token: "refresh".into(),
            client_secret: Some("shh".into()),
            cognito_username: Some("uuid".into()),
        };
        let cmd = Cmd::Remember {
            client_id: "c".into(),
            username: "jane".into(),
            remembered: remembered.clone(),
        };
        assert_eq!(
            perform(&services, cmd.clone()).await,
            Some(Msg::Remembered(Ok(())))
        );
        assert_eq!(keychain.load("c", "jane").unwrap(), Some(remembered));
        let none = Services {
            keychain: Keychain::unavailable("none here"),
            ..services
        };
        assert!(matches!(
            perform(&none, cmd).await,
            Some(Msg::Remembered(Err(e))) if e.contains("none here")
        ));
    }

    #[test]
    fn server_strings_reach_the_wizard_with_controls_escaped() {
        let osc52 = "\u{1b}]52;c;aGk=\u{7}";
        let WizError::Refused(Denial { said: text, .. }) =
            classify(&service("InvalidParameterException", osc52))
        else {
            panic!("not a plain refusal");
        };
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("\\u{1b}]52"), "{text:?}");
        let user: GetUserResponse = serde_json::from_value(serde_json::json!({
            "Username": format!("eve{osc52}"),
            "UserAttributes": [{"Name": "email", "Value": "e\u{9b}31m@x"}],
            "UserMFASettingList": ["SOFTWARE_TOKEN_MFA\u{1b}[2J"],
        }))
        .unwrap();
        let info = user_info(user);
        let all = format!("{}{:?}{:?}", info.username, info.email, info.mfa_methods);
        assert!(info.username.starts_with("eve\\u{1b}"), "{all}");
        assert!(!info.username.contains('\u{1b}'));
        assert!(!info.email.unwrap().contains('\u{9b}'));
        assert!(!info.mfa_methods[0].contains('\u{1b}'));
    }

    #[test]
    fn network_failures_offer_retry() {
        let e = ApiError::Connect {
            endpoint: "http://127.0.0.1:1".into(),
            detail: "refused".into(),
        };
        assert!(matches!(classify(&e), WizError::Network(m) if m.contains("Could not connect")));
    }
}
