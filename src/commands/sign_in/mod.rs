//! `cognito-mfa sign-in`: InitiateAuth with SRP (or a password, or a remembered refresh token),
//! PASSWORD_VERIFIER answered here, then the answer printed as `aws cognito-idp initiate-auth`
//! prints it: a challenge with its Session (pipe it into `associate-software-token --session`),
//! or the tokens. On a terminal, password, code and MFA-choice challenges are asked and
//! answered; elsewhere they are printed as they are.

mod ask;
mod drive;

pub use ask::{Asker, TerminalAsker};

use crate::auth::flow::{AppClient, AuthFlow, Credential, FlowError, SignIn};
use crate::cli::{AuthFlowArg, ForgetArgs, GlobalArgs, SignInArgs, SignInOptions};
use crate::cognito::{ApiError, CognitoClient};
use crate::commands::file_value::load_value;
use crate::failure::Failure;
use crate::keychain::{Keychain, Remembered};
use crate::secret::Sensitive;
use drive::{Remember, drive, flow_failure};

/// Runs the sign-in and gives the text to print on stdout.
pub async fn run(
    global: &GlobalArgs,
    args: &SignInArgs,
    asker: &mut dyn Asker,
    keychain: &Keychain,
) -> Result<String, Failure> {
    global.check_output()?;
    let mut over = global.overrides();
    over.pool_region = args
        .options
        .user_pool_id
        .as_deref()
        .and_then(crate::config::region_of_pool);
    let resolved = crate::config::resolve(&over, &crate::config::ProcessEnv)?;
    let client = CognitoClient::new(resolved.settings)?;
    let secret = client_secret(&args.options)?;
    if let Some(session) = &args.mfa_setup_session {
        let session = Sensitive::new(load_value("--mfa-setup-session", session.expose())?);
        let app = AppClient {
            client_id: args.client_id.clone(),
            client_secret: secret,
        };
        let mut flow = SignIn::at_mfa_setup(app, &args.username);
        let request = flow.finish_mfa_setup(session).map_err(flow_failure)?;
        return drive(global, &client, asker, &mut flow, request, None).await;
    }
    let remembered = remembered(args, keychain, asker);
    let secret = secret.or_else(|| remembered.as_ref().and_then(|r| r.client_secret.clone()));
    let app = AppClient {
        client_id: args.client_id.clone(),
        client_secret: secret.clone(),
    };
    if let Some(remembered) = remembered {
        let name = remembered
            .cognito_username
            .as_deref()
            .unwrap_or(&args.username);
        let credential = Credential::RefreshToken(remembered.refresh_token.clone());
        let (mut flow, request) =
            SignIn::start(app.clone(), name, credential, AuthFlow::RefreshToken, None)
                .map_err(flow_failure)?;
        let remember = args.options.remember.then_some(Remember {
            keychain,
            username: &args.username,
            base: &remembered,
        });
        match drive(global, &client, asker, &mut flow, request, remember).await {
            Err(Failure::Api(ApiError::Service(e)))
                if args.options.auth_flow.is_none() && e.code == "NotAuthorizedException" =>
            {
                asker.note(
                    "The remembered sign-in is no longer valid; signing in with the password.",
                );
            }
            other => return other,
        }
    } else if args.options.auth_flow == Some(AuthFlowArg::RefreshTokenAuth) {
        return Err(Failure::Usage(format!(
            "No remembered sign-in for {}:{}; sign in with the password and --remember first.",
            args.client_id, args.username
        )));
    }
    let flow_kind = match args.options.auth_flow.map(AuthFlowArg::flow) {
        Some(AuthFlow::UserPassword) => AuthFlow::UserPassword,
        Some(AuthFlow::UserAuth) => AuthFlow::UserAuth,
        _ => AuthFlow::UserSrp,
    };
    if flow_kind == AuthFlow::UserSrp && args.options.user_pool_id.is_none() {
        return Err(flow_failure(FlowError::PoolIdRequired));
    }
    let password = password(args, asker)?;
    let (mut flow, request) = SignIn::start(
        app,
        &args.username,
        Credential::Password(password),
        flow_kind,
        args.options.user_pool_id.as_deref(),
    )
    .map_err(flow_failure)?;
    let fresh = Remembered {
        refresh_token: Sensitive::new(""),
        client_secret: secret,
        cognito_username: None,
    };
    let remember = args.options.remember.then_some(Remember {
        keychain,
        username: &args.username,
        base: &fresh,
    });
    drive(global, &client, asker, &mut flow, request, remember).await
}

/// `cognito-mfa forget`: deletes the remembered sign-in of a client and user, or all of them.
pub fn forget(args: &ForgetArgs, keychain: &Keychain) -> Result<String, Failure> {
    let failed = |e: crate::keychain::KeychainError| Failure::Other(e.to_string());
    match (&args.client_id, &args.username) {
        (Some(client_id), Some(username)) => {
            if keychain.forget(client_id, username).map_err(failed)? {
                Ok(format!(
                    "Forgot the sign-in of {username} on {client_id}.\n"
                ))
            } else {
                Ok(format!(
                    "Nothing was remembered for {username} on {client_id}.\n"
                ))
            }
        }
        (None, None) => {
            let n = keychain.forget_all().map_err(failed)?;
            Ok(format!("Forgot {n} remembered sign-in(s).\n"))
        }
        _ => Err(Failure::Usage(
            "give both --client-id and --username, or neither to forget every sign-in".into(),
        )),
    }
}

/// The keychain entry to sign in with, when the command line leaves room for one.
fn remembered(args: &SignInArgs, keychain: &Keychain, asker: &mut dyn Asker) -> Option<Remembered> {
    let may_refresh = matches!(
        args.options.auth_flow,
        None | Some(AuthFlowArg::RefreshTokenAuth)
    );
    if !may_refresh || args.password_stdin {
        return None;
    }
    match keychain.load(&args.client_id, &args.username) {
        Ok(found) => found,
        Err(e) => {
            if args.options.remember || args.options.auth_flow.is_some() {
                asker.note(&format!("Cannot read the keychain: {e}."));
            }
            None
        }
    }
}

fn password(args: &SignInArgs, asker: &mut dyn Asker) -> Result<Sensitive, Failure> {
    let password = if args.password_stdin {
        asker.stdin_password()?
    } else if asker.interactive() {
        asker.secret(&format!("Password for {}: ", args.username))?
    } else {
        return Err(Failure::Usage(
            "no terminal to ask the password on: pipe it in with --password-stdin".into(),
        ));
    };
    if password.is_empty() {
        return Err(Failure::Usage("the password is empty".into()));
    }
    Ok(password)
}

/// The client secret, read from its file when given as file://path.
pub fn client_secret(options: &SignInOptions) -> Result<Option<Sensitive>, Failure> {
    options
        .client_secret
        .as_ref()
        .map(|raw| load_value("--client-secret", raw.expose()).map(Sensitive::new))
        .transpose()
}
