//! What a sign-in leaves to remember: one rule for the wizard and the `sign-in` command.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::Remembered;
use crate::cognito::wire::AuthenticationResult;
use crate::secret::Sensitive;

impl Remembered {
    /// What to keep after a sign-in that ended in `tokens`: the new refresh token (else the one
    /// kept in `before`, which Cognito does not resend on a refresh), the client secret, and the
    /// name Cognito knows the user by (the ID token's `cognito:username`, else what `before`
    /// knew, else `signed_in_as`). `None` when there is no refresh token at all.
    pub fn after_sign_in(
        tokens: &AuthenticationResult,
        before: &Remembered,
        signed_in_as: &str,
    ) -> Option<Remembered> {
        let refresh_token = tokens
            .refresh_token
            .clone()
            .or_else(|| (!before.refresh_token.is_empty()).then(|| before.refresh_token.clone()))?;
        Some(Remembered {
            refresh_token,
            client_secret: before.client_secret.clone(),
            cognito_username: tokens
                .id_token
                .as_ref()
                .and_then(cognito_username)
                .or_else(|| before.cognito_username.clone())
                .or_else(|| Some(signed_in_as.to_owned())),
        })
    }

    /// Nothing remembered yet, for an app client with (or without) a secret.
    pub fn nothing(client_secret: Option<Sensitive>) -> Remembered {
        Remembered {
            refresh_token: Sensitive::new(""),
            client_secret,
            cognito_username: None,
        }
    }
}

/// The `cognito:username` claim of an ID token (not verified: used only as a name).
fn cognito_username(id_token: &Sensitive) -> Option<String> {
    let payload = id_token.expose().split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    claims["cognito:username"].as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_token(name: &str) -> Sensitive {
        let claims = URL_SAFE_NO_PAD.encode(format!(r#"{{"cognito:username":"{name}"}}"#));
        Sensitive::new(format!("e30.{claims}.sig"))
    }

    #[test]
    fn a_new_refresh_token_and_the_id_tokens_name_win() {
        let tokens = AuthenticationResult {
            refresh_token: Some("new".into()),
            id_token: Some(id_token("uuid-7")),
            ..AuthenticationResult::default()
        };
        let before = Remembered {
            refresh_token: "old".into(),
            client_secret: Some("shh".into()),
            cognito_username: Some("uuid-1".into()),
        };
        let kept = Remembered::after_sign_in(&tokens, &before, "jane").unwrap();
        assert_eq!(kept.refresh_token.expose(), "new");
        assert_eq!(kept.client_secret, Some("shh".into()));
        assert_eq!(kept.cognito_username.as_deref(), Some("uuid-7"));
    }

    #[test]
    fn a_refresh_keeps_the_old_token_and_no_token_keeps_nothing() {
        let tokens = AuthenticationResult::default();
        let before = Remembered {
            refresh_token: "old".into(),
            ..Remembered::nothing(None)
        };
        let kept = Remembered::after_sign_in(&tokens, &before, "jane").unwrap();
        assert_eq!(kept.refresh_token.expose(), "old");
        assert_eq!(kept.cognito_username.as_deref(), Some("jane"));
        assert!(Remembered::after_sign_in(&tokens, &Remembered::nothing(None), "jane").is_none());
    }
}
