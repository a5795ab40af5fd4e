//! Entry points: one module per command; `dispatch` picks the one the command line names.

pub mod aws_compat;
pub mod enroll;
pub mod enroll_args;
pub mod enroll_config;

use crate::cli::{Cli, Command};
use crate::cognito::CognitoClient;
use crate::failure::{EXIT_USAGE, Failure};
use aws_compat::Prepared;

pub async fn dispatch(cli: Cli) -> Result<(), Failure> {
    let global = cli.global;
    match cli.command {
        Some(Command::AssociateSoftwareToken(args)) => {
            if args.common.cli_auto_prompt {
                return auto_prompt_unavailable();
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
                return auto_prompt_unavailable();
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
        None => Err(Failure::Usage(
            "name a command: associate-software-token or verify-software-token (see --help)".into(),
        )),
    }
}

fn auto_prompt_unavailable() -> Result<(), Failure> {
    debug_assert_eq!(EXIT_USAGE, 252);
    Err(Failure::Usage(
        "--cli-auto-prompt opens the enrollment wizard, which this build does not include yet."
            .into(),
    ))
}
