//! The AWS-CLI-compatible commands' flags: `associate-software-token`, `verify-software-token`,
//! and the input and skeleton options they share with the AWS CLI.

use crate::secret::Sensitive;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SkeletonKind {
    Input,
    YamlInput,
    Output,
}

/// The AWS CLI's input and skeleton options.
#[derive(Args, Clone, Default)]
pub struct AwsCommonArgs {
    /// The request as JSON (a string, or file://path). Values given as flags override it.
    #[arg(long, value_name = "JSON")]
    pub cli_input_json: Option<String>,
    /// The request as YAML (a string, or file://path). Values given as flags override it.
    #[arg(long, value_name = "YAML")]
    pub cli_input_yaml: Option<String>,
    /// Print a request skeleton (input, yaml-input) or a sample answer (output) and send nothing.
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "input")]
    pub generate_cli_skeleton: Option<SkeletonKind>,
    /// Open the enrollment wizard with the given values filled in.
    #[arg(long)]
    pub cli_auto_prompt: bool,
}

#[derive(Args, Clone)]
pub struct AssociateArgs {
    /// A valid access token that Amazon Cognito issued to the user (or file://path).
    #[arg(long, value_name = "TOKEN")]
    pub access_token: Option<Sensitive>,
    /// The session from the MFA_SETUP challenge of the user's sign-in (or file://path).
    #[arg(long, value_name = "SESSION")]
    pub session: Option<Sensitive>,
    #[command(flatten)]
    pub common: AwsCommonArgs,
}

#[derive(Args, Clone)]
pub struct VerifyArgs {
    /// A valid access token that Amazon Cognito issued to the user (or file://path).
    #[arg(long, value_name = "TOKEN")]
    pub access_token: Option<Sensitive>,
    /// The session from AssociateSoftwareToken in the MFA_SETUP flow (or file://path).
    #[arg(long, value_name = "SESSION")]
    pub session: Option<Sensitive>,
    /// The 6-digit code the authenticator app shows (required).
    #[arg(long, value_name = "CODE")]
    pub user_code: Option<Sensitive>,
    /// A name for the device, shown in the user's MFA settings.
    #[arg(long, value_name = "NAME")]
    pub friendly_device_name: Option<String>,
    #[command(flatten)]
    pub common: AwsCommonArgs,
}
