//! The command line, every clap type of it: global options shared with the AWS CLI, the
//! subcommands, and each command's flags (one module per command). Nothing here imports from
//! `commands`: the commands read these types, not the other way round.

mod admin;
mod argv;
mod aws;
mod demo;
mod enroll;
pub mod help;
mod presentation;
mod sign_in;

pub use admin::{
    AdminArgs, AdminCommand, ReportArgs, ReportFormat, ResetArgs, UserArgs, WatchArgs,
    parse_duration,
};
pub use argv::Prepared;
pub use aws::{AssociateArgs, AwsCommonArgs, SkeletonKind, VerifyArgs};
pub use demo::DemoArgs;
pub use enroll::{EnrollArgs, parse_duration_secs};
pub use presentation::{PresentationArgs, QrArg};
pub use sign_in::{AuthFlowArg, ForgetArgs, SignInArgs, SignInOptions};

use crate::config::{self, Overrides};
use crate::failure::Failure;
use crate::output::{self, Format};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The command line's definition, built (global options known to every subcommand).
pub fn command() -> clap::Command {
    let mut cmd = help::command();
    cmd.build();
    cmd
}

/// The arguments as clap should see them, or `--version` (see `argv.rs`).
pub fn prepare(cmd: &clap::Command, args: Vec<std::ffi::OsString>) -> Prepared {
    argv::prepare(cmd, args)
}

/// Parses a prepared command line.
pub fn parse(cmd: &clap::Command, args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    help::parse_with(cmd, args)
}

#[derive(Parser)]
#[command(
    name = "cognito-mfa",
    version,
    about = "Enroll an Amazon Cognito user-pool user in TOTP (authenticator-app) MFA"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// With no command: `enroll`, with its flags (listed before the global options).
    #[command(flatten)]
    pub enroll: EnrollArgs,
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command that calls Cognito takes, named as in the AWS CLI, listed after each
/// command's own (`help::command` hides and refuses them where they mean nothing).
#[derive(Args, Clone, Default)]
#[command(next_help_heading = help::GLOBAL_HEADING)]
pub struct GlobalArgs {
    /// The AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region).
    #[arg(long, global = true)]
    pub region: Option<String>,
    /// The Cognito endpoint (else AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL).
    /// Plain http:// only for loopback hosts.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// The profile in ~/.aws/config (else AWS_PROFILE, else default).
    #[arg(long, global = true)]
    pub profile: Option<String>,
    /// A PEM bundle of CA certificates to trust instead of the system's (else AWS_CA_BUNDLE).
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_bundle: Option<PathBuf>,
    /// Seconds to wait for a connection (default 5; 0 waits forever).
    #[arg(long, global = true, value_name = "SECONDS")]
    pub cli_connect_timeout: Option<u64>,
    /// Seconds to wait for one whole request (default 30; 0 waits forever).
    #[arg(long, global = true, value_name = "SECONDS")]
    pub cli_read_timeout: Option<u64>,
    /// Output format (else AWS_DEFAULT_OUTPUT, else json).
    #[arg(long, global = true, value_enum)]
    pub output: Option<Format>,
    /// A JMESPath query applied to the answer.
    #[arg(long, global = true)]
    pub query: Option<String>,
    /// Show each request and answer on stderr, with tokens, sessions, secrets and codes redacted.
    #[arg(long, global = true)]
    pub debug: bool,
    /// Do not check TLS certificates (a warning is printed on stderr). No effect on http://
    /// loopback endpoints, which use no TLS.
    #[arg(long, global = true)]
    pub no_verify_ssl: bool,
    /// Colour in the wizard and in `--output table`: on (even under NO_COLOR or into a pipe),
    /// off, or auto (colour on a terminal unless NO_COLOR is set). json, text and yaml are never
    /// coloured.
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorArg>,
    /// Accepted for compatibility with the AWS CLI: output is never paged.
    #[arg(long, global = true, hide = true)]
    pub no_cli_pager: bool,
    /// Accepted for compatibility with the AWS CLI: these operations return one page.
    #[arg(long, global = true, hide = true)]
    pub no_paginate: bool,
    /// Accepted for compatibility with the AWS CLI: these operations take no binary blobs.
    #[arg(long, global = true, hide = true, value_parser = ["base64", "raw-in-base64-out"])]
    pub cli_binary_format: Option<String>,
    /// Accepted for compatibility with the AWS CLI: there is no auto-prompt.
    #[arg(long, global = true, hide = true)]
    pub no_cli_auto_prompt: bool,
    /// Accepted for compatibility with the AWS CLI: these calls are never signed.
    #[arg(long, global = true, hide = true)]
    pub no_sign_request: bool,
}

impl GlobalArgs {
    pub fn overrides(&self) -> Overrides {
        Overrides {
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            profile: self.profile.clone(),
            ca_bundle: self.ca_bundle.clone(),
            connect_timeout_secs: self.cli_connect_timeout,
            read_timeout_secs: self.cli_read_timeout,
            debug: self.debug,
            no_verify_ssl: self.no_verify_ssl,
            pool_region: None,
        }
    }

    pub fn resolve(&self) -> Result<config::Resolved, Failure> {
        Ok(config::resolve(&self.overrides(), &config::ProcessEnv)?)
    }

    /// `--output`, else `AWS_DEFAULT_OUTPUT`, else the profile's `output`, else json.
    pub fn format(&self) -> Result<Format, Failure> {
        if let Some(f) = self.output {
            return Ok(f);
        }
        match config::output_format(&self.overrides(), &config::ProcessEnv)? {
            Some(v) => Format::from_str(&v, true).map_err(|_| {
                Failure::Config(format!(
                    "The output format '{}' (AWS_DEFAULT_OUTPUT or `output` in the config file) is unknown; it must be one of json, text, yaml, yaml-stream, table",
                    crate::safe_text::one_line(&v)
                ))
            }),
            None => Ok(Format::Json),
        }
    }

    /// What `--color` forces: `Some(true)` on, `Some(false)` off, `None` for NO_COLOR to say.
    pub fn color_choice(&self) -> Option<bool> {
        match self.color {
            Some(ColorArg::On) => Some(true),
            Some(ColorArg::Off) => Some(false),
            Some(ColorArg::Auto) | None => None,
        }
    }

    /// Checks `--query` and the output format before a request is sent: a mistake there must
    /// not cost a secret or a session whose answer could not be printed.
    pub fn check_output(&self) -> Result<(), Failure> {
        if let Some(q) = &self.query {
            output::check_query(q).map_err(|e| Failure::Usage(e.to_string()))?;
        }
        self.format().map(|_| ())
    }

    /// The answer as `--query` and `--output` say.
    pub fn render(&self, value: &serde_json::Value, operation: &str) -> Result<String, Failure> {
        let selected = match &self.query {
            Some(q) => output::apply_query(value, q).map_err(|e| Failure::Usage(e.to_string()))?,
            None => value.clone(),
        };
        Ok(output::render(
            &selected,
            self.format()?,
            operation,
            self.color_choice(),
        ))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    On,
    Off,
    Auto,
}

/// The commands, in the order help lists them: trying it out, enrolling, then the AWS CLI's
/// steps one by one, then the tools around them.
#[derive(Subcommand)]
pub enum Command {
    /// Run the wizard against an embedded emulator on a loopback port: nothing leaves the machine.
    Demo(DemoArgs),
    /// Enroll a user in authenticator-app MFA with the full-screen wizard (the default command).
    Enroll(EnrollArgs),
    /// Sign in (USER_SRP_AUTH by default) and print what `aws cognito-idp initiate-auth`
    /// prints for the next step: a challenge and its Session (e.g. MFA_SETUP, for
    /// associate-software-token --session), or the tokens.
    SignIn(SignInArgs),
    /// Returns a unique generated shared secret key code for the user account. The request
    /// takes an access token or a session string, but not both.
    AssociateSoftwareToken(AssociateArgs),
    /// Registers a user's entered TOTP code and marks the user's software token MFA status as
    /// verified if successful.
    VerifySoftwareToken(VerifyArgs),
    /// Delete sign-ins remembered with `sign-in --remember` from the OS keychain.
    Forget(ForgetArgs),
    /// The helpdesk's commands, signed with AWS credentials: status, watch, reset-mfa, report.
    Admin(AdminArgs),
    /// Run the embedded Cognito emulator on 127.0.0.1 until Ctrl-C or SIGTERM. The first line
    /// on stdout is a JSON report: endpoint, user pool id, client id, demo users.
    Emulator(EmulatorArgs),
    /// Print a shell completion script (bash, zsh, fish or powershell) on stdout.
    Completion(CompletionArgs),
    /// Print the manual page (roff, every command included) on stdout.
    Man,
}

#[derive(Args, Clone)]
pub struct CompletionArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args, Clone)]
pub struct EmulatorArgs {
    /// The port to listen on (default: any free port; the report names it).
    #[arg(long)]
    pub port: Option<u16>,
    /// A TOML pool description instead of the embedded demo pool (see assets/emulator.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Add N users (user000001, user000002 and so on; password Gen-Passw0rd!, every third with
    /// an authenticator), as `[generated_users] count = N` in the config.
    #[arg(long, value_name = "N")]
    pub generate_users: Option<usize>,
    /// Serve HTTPS with a certificate for 127.0.0.1 and localhost signed by a CA made at
    /// start-up; the report's `ca_certificate` holds that CA, for --ca-bundle.
    #[arg(long)]
    pub tls: bool,
    /// With --tls: also write the CA certificate (PEM) to FILE, for --ca-bundle or
    /// AWS_CA_BUNDLE. It is written before the report is printed.
    #[arg(long, value_name = "FILE", requires = "tls")]
    pub ca_out: Option<PathBuf>,
}
