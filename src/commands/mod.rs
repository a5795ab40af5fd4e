//! Entry points: one module per command; `dispatch` picks the one the command line names.

pub mod aws_compat;
pub mod demo;
pub mod emulator;
pub mod enroll;
pub mod enroll_args;
pub mod enroll_config;

use crate::cli::{Cli, Command};
use crate::cognito::CognitoClient;
use crate::failure::Failure;
use aws_compat::Prepared;

pub async fn dispatch(cli: Cli) -> Result<(), Failure> {
    let global = cli.global;
    match cli.command {
        Some(Command::AssociateSoftwareToken(args)) => {
            if args.common.cli_auto_prompt {
                return enroll::run(&global, auto_prompt_args(args.access_token, args.session))
                    .await;
            }
            let prepared = aws_compat::prepare_associate(
                &args.common,
                args.access_token.as_ref().map(|s| s.expose()),
                args.session.as_ref().map(|s| s.expose()),
            )?;
            if let Prepared::Request(request) = prepared {
                let client = CognitoClient::new(global.resolve()?.settings)?;
                aws_compat::send_and_print(&global, &client, &request).await?;
            }
            Ok(())
        }
        Some(Command::VerifySoftwareToken(args)) => {
            if args.common.cli_auto_prompt {
                let mut wizard = auto_prompt_args(args.access_token, args.session);
                wizard.device_name = args.friendly_device_name;
                return enroll::run(&global, wizard).await;
            }
            let prepared = aws_compat::prepare_verify(
                &args.common,
                args.access_token.as_ref().map(|s| s.expose()),
                args.session.as_ref().map(|s| s.expose()),
                args.user_code.as_ref().map(|s| s.expose()),
                args.friendly_device_name.as_deref(),
            )?;
            if let Prepared::Request(request) = prepared {
                let client = CognitoClient::new(global.resolve()?.settings)?;
                aws_compat::send_and_print(&global, &client, &request).await?;
            }
            Ok(())
        }
        Some(Command::Enroll(args)) => enroll::run(&global, args).await,
        Some(Command::Demo(args)) => demo::run(&global, args).await,
        None => enroll::run(&global, enroll_args::EnrollArgs::default()).await,
    }
}

/// The wizard's flags from a CLI command's values (`--cli-auto-prompt`); the rest comes from
/// the environment and the config file.
fn auto_prompt_args(
    access_token: Option<crate::secret::Sensitive>,
    session: Option<crate::secret::Sensitive>,
) -> enroll_args::EnrollArgs {
    enroll_args::EnrollArgs {
        access_token,
        session,
        ..enroll_args::EnrollArgs::default()
    }
}
