//! Entry points: one module per command; `dispatch` picks the one the command line names.

pub mod admin;
pub mod aws_compat;
pub mod completion;
pub mod demo;
pub mod demo_helpdesk;
pub mod demo_scenarios;
pub mod emulator;
pub mod enroll;
pub mod file_value;
pub mod man_page;
pub mod sign_in;

use crate::cli::{AssociateArgs, Cli, Command, EnrollArgs, GlobalArgs, VerifyArgs};
use crate::cognito::CognitoClient;
use crate::failure::Failure;
use crate::secret::Sensitive;
use aws_compat::Prepared;

pub async fn dispatch(cli: Cli) -> Result<(), Failure> {
    let global = cli.global;
    if holds_secrets(cli.command.as_ref()) {
        no_core_dumps();
    }
    match cli.command {
        Some(Command::AssociateSoftwareToken(args)) => associate(global, args).await,
        Some(Command::VerifySoftwareToken(args)) => verify(global, args).await,
        Some(Command::Enroll(args)) => enroll::run(&global, args).await,
        Some(Command::Demo(args)) => demo::run(&global, args).await,
        Some(Command::Emulator(args)) => emulator::run(&args).await,
        Some(Command::SignIn(args)) => {
            // Ctrl-C at a hidden-password prompt: the handler lets the prompt put the
            // terminal back before the command ends with 130.
            interruptible(async {
                let mut asker = sign_in::TerminalAsker::new(args.password_stdin);
                let keychain = crate::keychain::Keychain::os();
                let text = sign_in::run(&global, &args, &mut asker, &keychain).await?;
                print!("{text}");
                Ok(())
            })
            .await
        }
        Some(Command::Forget(args)) => {
            print!(
                "{}",
                crate::safe_text::lines(&sign_in::forget(&args, &crate::keychain::Keychain::os())?)
            );
            Ok(())
        }
        Some(Command::Completion(args)) => completion::run(args.shell),
        Some(Command::Man) => man_page::run(),
        Some(Command::Admin(args)) => admin::run(&global, args).await,
        None => enroll::run(&global, cli.enroll).await,
    }
}

/// The commands that read tokens, sessions, passwords or TOTP secrets.
fn holds_secrets(command: Option<&Command>) -> bool {
    !matches!(
        command,
        Some(Command::Emulator(_) | Command::Forget(_) | Command::Completion(_) | Command::Man)
    )
}

/// Turns core dumps off before any secret is read; a failure is reported, not fatal.
fn no_core_dumps() {
    if let Err(e) = crate::core_dumps::disable() {
        eprintln!("cognito-mfa: warning: cannot turn core dumps off: {e}");
    }
}

/// A request-and-answer command: Ctrl-C ends it with exit code 130. The handler is in place
/// before the command starts, so no Ctrl-C is missed.
#[cfg(unix)]
async fn interruptible(
    command: impl std::future::Future<Output = Result<(), Failure>>,
) -> Result<(), Failure> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())
        .map_err(|e| Failure::Other(format!("cannot watch for Ctrl-C: {e}")))?;
    tokio::select! {
        result = command => result,
        _ = interrupt.recv() => Err(Failure::Interrupted),
    }
}

#[cfg(not(unix))]
async fn interruptible(
    command: impl std::future::Future<Output = Result<(), Failure>>,
) -> Result<(), Failure> {
    tokio::select! {
        result = command => result,
        _ = tokio::signal::ctrl_c() => Err(Failure::Interrupted),
    }
}

async fn associate(global: GlobalArgs, args: AssociateArgs) -> Result<(), Failure> {
    if args.common.cli_auto_prompt {
        return enroll::run(&global, auto_prompt_args(args.access_token, args.session)).await;
    }
    let prepared = aws_compat::prepare_associate(
        &args.common,
        args.access_token.as_ref().map(|s| s.expose()),
        args.session.as_ref().map(|s| s.expose()),
    )?;
    if let Prepared::Request(request) = prepared {
        let client = CognitoClient::new(global.resolve()?.settings)?;
        interruptible(aws_compat::send_and_print(&global, &client, &request)).await?;
    }
    Ok(())
}

async fn verify(global: GlobalArgs, args: VerifyArgs) -> Result<(), Failure> {
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
        interruptible(aws_compat::send_and_print(&global, &client, &request)).await?;
    }
    Ok(())
}

/// The wizard's flags from a CLI command's values (`--cli-auto-prompt`); the rest comes from
/// the environment and the config file.
fn auto_prompt_args(access_token: Option<Sensitive>, session: Option<Sensitive>) -> EnrollArgs {
    EnrollArgs {
        access_token,
        session,
        ..EnrollArgs::default()
    }
}
