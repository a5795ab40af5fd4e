//! Where `enroll` starts the wizard: the credentials on the command line (flag > environment >
//! config file), the sign-in's app client, pool and flow, and a sign-in remembered in the
//! keychain for this client and user.

use super::config::EnrollConfig;
use crate::auth::flow::{AuthFlow, FlowError};
use crate::cli::{AuthFlowArg, EnrollArgs};
use crate::commands::aws_compat::params::load_value;
use crate::commands::sign_in::client_secret;
use crate::failure::Failure;
use crate::keychain::{Keychain, Remembered};
use crate::secret::Sensitive;
use crate::wizard::Start;
use crate::wizard::state::SignInTarget;

/// Credentials, in order: access token (flag or env), session with client id and user name,
/// client id (with or without user name) → sign in.
pub fn start_from(
    args: &EnrollArgs,
    file: &EnrollConfig,
    keychain: &Keychain,
) -> Result<Start, Failure> {
    let client_id = args.client_id.clone().or_else(|| file.client_id.clone());
    let client_secret = client_secret(&args.sign_in)?;
    if let Some(token) = &args.access_token {
        let token = Sensitive::new(load_value("--access-token", token.expose())?);
        // With an app client known, a refused token leads to a sign-in instead of a dead end.
        return Ok(match client_id {
            Some(client_id) => {
                let mut target =
                    SignInTarget::new(client_id, args.username.clone().unwrap_or_default());
                target.client_secret = client_secret;
                target.user_pool_id = args
                    .sign_in
                    .user_pool_id
                    .clone()
                    .or_else(|| file.user_pool_id.clone());
                target.auth_flow = args.sign_in.auth_flow.map(AuthFlowArg::flow);
                Start::AccessTokenOrSignIn { token, target }
            }
            None => Start::AccessToken(token),
        });
    }
    if let Some(session) = &args.session {
        let session = load_value("--session", session.expose())?;
        let (Some(client_id), Some(username)) = (client_id, args.username.clone()) else {
            return Err(Failure::Usage(
                "--session needs --client-id and --username (or COGNITO_MFA_CLIENT_ID and \
                 COGNITO_MFA_USERNAME, e.g. with --cli-auto-prompt) to answer the MFA_SETUP \
                 challenge."
                    .into(),
            ));
        };
        let mut target = SignInTarget::new(client_id, username);
        target.client_secret = client_secret;
        return Ok(Start::Session {
            session: Sensitive::new(session),
            target,
        });
    }
    let Some(client_id) = client_id else {
        return Err(Failure::Usage(
            "Say who is enrolling: --access-token (or COGNITO_MFA_ACCESS_TOKEN), or --client-id \
             and --username to sign in (try `cognito-mfa demo` to see the wizard)."
                .into(),
        ));
    };
    let mut target = SignInTarget::new(client_id, args.username.clone().unwrap_or_default());
    target.client_secret = client_secret;
    target.user_pool_id = args
        .sign_in
        .user_pool_id
        .clone()
        .or_else(|| file.user_pool_id.clone());
    target.auth_flow = args.sign_in.auth_flow.map(AuthFlowArg::flow);
    target.remember = args.sign_in.remember;
    if target.auth_flow == Some(AuthFlow::UserSrp) && target.user_pool_id.is_none() {
        return Err(Failure::Usage(FlowError::PoolIdRequired.to_string()));
    }
    let helpdesk = args.presentation.helpdesk || file.helpdesk;
    let (remembered, notice) = remembered(&target, helpdesk, keychain)?;
    Ok(Start::SignIn {
        target,
        remembered,
        notice,
    })
}

/// The sign-in remembered for this client and user, when the command line leaves room for one;
/// or a notice saying why the keychain could not be read.
fn remembered(
    target: &SignInTarget,
    helpdesk: bool,
    keychain: &Keychain,
) -> Result<(Option<Remembered>, Option<String>), Failure> {
    let explicit = target.auth_flow == Some(AuthFlow::RefreshToken);
    let may_refresh = target.auth_flow.is_none() || explicit;
    if target.username.is_empty() || helpdesk || !may_refresh {
        if explicit {
            return Err(Failure::Usage(
                "REFRESH_TOKEN_AUTH needs --username, and is not used in helpdesk mode.".into(),
            ));
        }
        return Ok((None, None));
    }
    let missing = || {
        Failure::Usage(format!(
            "No remembered sign-in for {}:{}; sign in with the password and --remember first.",
            target.client_id, target.username
        ))
    };
    match keychain.load(&target.client_id, &target.username) {
        Ok(Some(found)) => Ok((Some(found), None)),
        Ok(None) if explicit => Err(missing()),
        Ok(None) => Ok((None, None)),
        Err(e) if explicit => Err(Failure::Other(format!("Cannot read the keychain: {e}."))),
        Err(e) if target.remember => Ok((
            None,
            Some(format!(
                "Cannot use the keychain: {e}. Signing in goes on; nothing will be remembered."
            )),
        )),
        Err(_) => Ok((None, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{PresentationArgs, SignInOptions};

    fn mock() -> Keychain {
        Keychain::with_store(keyring_core::mock::Store::new().unwrap())
    }

    #[test]
    fn credentials_in_order() {
        let keychain = Keychain::unavailable("test");
        let args = EnrollArgs {
            access_token: Some("tok".into()),
            session: Some("s".into()),
            client_id: Some("c".into()),
            ..EnrollArgs::default()
        };
        let file = EnrollConfig::default();
        assert!(matches!(start_from(&args, &file, &keychain),
                Ok(Start::AccessTokenOrSignIn { token, target })
                    if token.expose() == "tok" && target.client_id == "c"));
        let token_only = EnrollArgs {
            client_id: None,
            ..args.clone()
        };
        assert!(
            matches!(start_from(&token_only, &file, &keychain), Ok(Start::AccessToken(t)) if t.expose() == "tok")
        );
        let args = EnrollArgs {
            access_token: None,
            ..args
        };
        assert!(
            start_from(&args, &file, &keychain).is_err(),
            "a session needs a user name"
        );
        let args = EnrollArgs {
            username: Some("u".into()),
            sign_in: SignInOptions {
                client_secret: Some("shh".into()),
                ..SignInOptions::default()
            },
            ..args
        };
        assert!(matches!(
            start_from(&args, &file, &keychain),
            Ok(Start::Session { target, .. }) if target.client_secret == Some("shh".into())
        ));
        let args = EnrollArgs {
            session: None,
            client_id: None,
            ..args
        };
        let file = EnrollConfig {
            client_id: Some("from-file".into()),
            user_pool_id: Some("eu-west-1_Pool".into()),
            ..EnrollConfig::default()
        };
        let Ok(Start::SignIn { target, .. }) = start_from(&args, &file, &keychain) else {
            panic!("a client id signs in");
        };
        assert_eq!(target.client_id, "from-file");
        assert_eq!(target.user_pool_id.as_deref(), Some("eu-west-1_Pool"));
        assert_eq!(target.password_flow(), AuthFlow::UserSrp);
        let empty = EnrollArgs::default();
        assert!(start_from(&empty, &EnrollConfig::default(), &keychain).is_err());
    }

    #[test]
    fn srp_without_a_pool_id_is_refused_and_no_pool_means_password() {
        let keychain = Keychain::unavailable("test");
        let args = EnrollArgs {
            client_id: Some("c".into()),
            sign_in: SignInOptions {
                auth_flow: Some(AuthFlowArg::UserSrpAuth),
                ..SignInOptions::default()
            },
            ..EnrollArgs::default()
        };
        let file = EnrollConfig::default();
        assert!(matches!(
            start_from(&args, &file, &keychain),
            Err(Failure::Usage(m)) if m.contains("--user-pool-id")
        ));
        let args = EnrollArgs {
            sign_in: SignInOptions::default(),
            ..args
        };
        let Ok(Start::SignIn { target, .. }) = start_from(&args, &file, &keychain) else {
            panic!()
        };
        assert_eq!(target.password_flow(), AuthFlow::UserPassword);
    }

    #[test]
    fn a_remembered_sign_in_is_found_but_not_in_helpdesk_mode() {
        let keychain = mock();
        let remembered = Remembered {
            refresh_token: "refresh".into(),
            client_secret: None,
            cognito_username: Some("uuid-1".into()),
        };
        keychain.save("c", "jane", &remembered).unwrap();
        let args = EnrollArgs {
            client_id: Some("c".into()),
            username: Some("jane".into()),
            ..EnrollArgs::default()
        };
        let file = EnrollConfig::default();
        let Ok(Start::SignIn {
            remembered: found, ..
        }) = start_from(&args, &file, &keychain)
        else {
            panic!()
        };
        assert_eq!(found, Some(remembered));
        let helpdesk = EnrollArgs {
            presentation: PresentationArgs {
                helpdesk: true,
                ..PresentationArgs::default()
            },
            ..args.clone()
        };
        assert!(matches!(
            start_from(&helpdesk, &file, &keychain),
            Ok(Start::SignIn {
                remembered: None,
                ..
            })
        ));
        let password = EnrollArgs {
            sign_in: SignInOptions {
                auth_flow: Some(AuthFlowArg::UserPasswordAuth),
                ..SignInOptions::default()
            },
            ..args.clone()
        };
        assert!(matches!(
            start_from(&password, &file, &keychain),
            Ok(Start::SignIn {
                remembered: None,
                ..
            })
        ));
        let other = EnrollArgs {
            username: Some("john".into()),
            sign_in: SignInOptions {
                auth_flow: Some(AuthFlowArg::RefreshTokenAuth),
                ..SignInOptions::default()
            },
            ..args
        };
        assert!(matches!(
            start_from(&other, &file, &keychain),
            Err(Failure::Usage(m)) if m.contains("No remembered sign-in")
        ));
    }

    #[test]
    fn an_unavailable_keychain_is_a_notice_when_remembering() {
        let keychain = Keychain::unavailable("no store");
        let args = EnrollArgs {
            client_id: Some("c".into()),
            username: Some("jane".into()),
            sign_in: SignInOptions {
                remember: true,
                ..SignInOptions::default()
            },
            ..EnrollArgs::default()
        };
        let Ok(Start::SignIn { notice, .. }) =
            start_from(&args, &EnrollConfig::default(), &keychain)
        else {
            panic!()
        };
        assert!(notice.is_some_and(|n| n.contains("Cannot use the keychain")));
    }
}
