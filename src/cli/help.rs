//! The command line as users read it: the clap command with each command's examples, the global
//! options under their own heading, and none of them on the commands that never call Cognito
//! (there they are hidden and refused). `command()` is what is parsed; `command_for_docs()` is
//! what the completions and the man page describe.

use super::{Cli, GlobalArgs};
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Args, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// The commands on which the options shared with the AWS CLI mean nothing.
pub const LOCAL_ONLY: [&str; 5] = ["demo", "emulator", "forget", "completion", "man"];

/// The heading the options shared with the AWS CLI are listed under, after a command's own.
pub const GLOBAL_HEADING: &str = "Global options";

/// One example: what it does, then the command line (continued with ` \` where long).
pub type Example = (&'static str, &'static str);

/// Every command's examples, runnable as written (with real ids and tokens in place of the
/// placeholders). `None` is the program itself.
pub fn examples(command: Option<&str>) -> &'static [Example] {
    match command {
        None => &[
            (
                "Try the wizard with nothing leaving this machine:",
                "cognito-mfa demo",
            ),
            (
                "Enroll, signing in with the user's password (asked for):",
                "cognito-mfa --region eu-west-1 --client-id 1example23456789 \\\n    --username jane",
            ),
            (
                "Install the bash completion for this user:",
                "cognito-mfa completion bash > \\\n    ~/.local/share/bash-completion/completions/cognito-mfa",
            ),
        ],
        Some("demo") => &[
            (
                "The wizard against an embedded emulator:",
                "cognito-mfa demo",
            ),
            (
                "Line prompts instead of the full screen:",
                "cognito-mfa demo --plain",
            ),
            (
                "A pool where MFA is optional; then the list of pools:",
                "cognito-mfa demo --scenario mfa-optional\ncognito-mfa demo --scenario help",
            ),
        ],
        Some("enroll") => &[
            (
                "Sign in (USER_SRP_AUTH) and enroll:",
                "cognito-mfa enroll --client-id 1example23456789 --username jane \\\n    --user-pool-id eu-west-1_AbCdEf123",
            ),
            (
                "Enroll with an access token kept in a file:",
                "cognito-mfa enroll --region eu-west-1 --access-token file://token.txt",
            ),
            (
                "At a helpdesk: QR hidden until asked for, a summary at the end:",
                "cognito-mfa enroll --helpdesk --client-id 1example23456789 \\\n    --username jane --region eu-west-1",
            ),
        ],
        Some("sign-in") => &[
            (
                "Sign in with SRP; the password is asked for without echo:",
                "cognito-mfa sign-in --client-id 1example23456789 --username jane \\\n    --user-pool-id eu-west-1_AbCdEf123",
            ),
            (
                "The password from standard input, only the session printed:",
                "printf '%s\\n' \"$PASSWORD\" | cognito-mfa sign-in --password-stdin \\\n    --client-id 1example23456789 --username jane \\\n    --auth-flow USER_PASSWORD_AUTH --region eu-west-1 \\\n    --query Session --output text",
            ),
        ],
        Some("associate-software-token") => &[
            (
                "A new secret for the signed-in user:",
                "cognito-mfa associate-software-token --access-token file://token.txt \\\n    --region eu-west-1",
            ),
            (
                "During sign-in (MFA_SETUP), only the secret:",
                "cognito-mfa associate-software-token --session \"$SESSION\" \\\n    --region eu-west-1 --query SecretCode --output text",
            ),
        ],
        Some("verify-software-token") => &[
            (
                "Confirm the code the app shows:",
                "cognito-mfa verify-software-token --access-token file://token.txt \\\n    --user-code 123456 --friendly-device-name \"Work phone\" \\\n    --region eu-west-1",
            ),
            (
                "During sign-in (MFA_SETUP), as a table:",
                "cognito-mfa verify-software-token --session \"$SESSION\" \\\n    --user-code 123456 --region eu-west-1 --output table",
            ),
        ],
        Some("forget") => &[
            (
                "Forget one remembered sign-in:",
                "cognito-mfa forget --client-id 1example23456789 --username jane",
            ),
            ("Forget every remembered sign-in:", "cognito-mfa forget"),
        ],
        Some("emulator") => &[
            ("A Cognito on a free loopback port:", "cognito-mfa emulator"),
            (
                "On a fixed port, with a pool of your own:",
                "cognito-mfa emulator --port 9229 --config assets/emulator.toml",
            ),
        ],
        Some("completion") => &[
            (
                "bash, for this user:",
                "cognito-mfa completion bash > \\\n    ~/.local/share/bash-completion/completions/cognito-mfa",
            ),
            (
                "zsh (a directory on $fpath):",
                "cognito-mfa completion zsh > ~/.zfunc/_cognito-mfa",
            ),
            (
                "fish:",
                "cognito-mfa completion fish > ~/.config/fish/completions/cognito-mfa.fish",
            ),
            (
                "PowerShell, in the current session:",
                "cognito-mfa completion powershell | Out-String | Invoke-Expression",
            ),
        ],
        Some("man") => &[
            ("Read it:", "cognito-mfa man | man -l -"),
            (
                "Install it for this user:",
                "cognito-mfa man > ~/.local/share/man/man1/cognito-mfa.1",
            ),
        ],
        Some("admin") => &[
            (
                "On the phone with a user who lost their phone: see, reset, then watch:",
                "cognito-mfa admin status --user-pool-id eu-west-1_AbC123 --username ana\ncognito-mfa admin reset-mfa --user-pool-id eu-west-1_AbC123 --username ana \\\n    --sign-out\ncognito-mfa admin watch --user-pool-id eu-west-1_AbC123 --username ana",
            ),
            (
                "Every user of the pool without an authenticator app, as CSV:",
                "cognito-mfa admin report --user-pool-id eu-west-1_AbC123 --without-mfa \\\n    --out users.csv",
            ),
        ],
        Some(_) => &[],
    }
}

/// The examples as a help section.
pub fn examples_help(command: Option<&str>) -> String {
    let mut out = String::from("Examples:\n");
    for (i, (what, line)) in examples(command).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("  {what}\n"));
        for line in line.lines() {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}

pub const EXIT_CODES: &str = "Exit codes: 0 success, 252 bad command line or parameters, 253 bad \
configuration, 254 the service answered with an error, 255 anything else, 130 interrupted.";

/// The options shared with the AWS CLI, as clap args.
fn global_args() -> Vec<clap::Arg> {
    GlobalArgs::augment_args(clap::Command::new("global"))
        .get_arguments()
        .cloned()
        .collect()
}

/// The ids of the options shared with the AWS CLI.
pub fn global_ids() -> Vec<String> {
    global_args()
        .iter()
        .map(|a| a.get_id().to_string())
        .collect()
}

/// The whole command line: examples on every command, and the global options kept from the
/// commands they mean nothing to. There each has a hidden stand-in of the same name, which
/// clap's propagation of global options leaves in place and `parse_with` refuses.
pub fn command() -> clap::Command {
    let stand_ins: Vec<clap::Arg> = global_args()
        .into_iter()
        .map(|a| a.global(false).hide(true))
        .collect();
    with_examples(Cli::command(), |name, sub| {
        if LOCAL_ONLY.contains(&name) {
            sub.args(stand_ins.iter().cloned())
        } else {
            sub
        }
    })
}

/// The command line as the completion scripts and the man page describe it: the global options
/// are not propagated but copied onto each command they mean something to (a completion script
/// would offer the hidden stand-ins of `command()`).
pub fn command_for_docs() -> clap::Command {
    let globals = global_args();
    let mut cmd = Cli::command();
    for arg in &globals {
        cmd = cmd.mut_arg(arg.get_id(), |a| a.global(false));
    }
    with_examples(cmd, |name, sub| {
        if LOCAL_ONLY.contains(&name) {
            sub
        } else {
            sub.args(globals.iter().cloned().map(|a| a.global(false)))
        }
    })
}

/// Each subcommand with its examples, after `each` had its say; the program's examples and exit
/// codes at the end of its help.
fn with_examples(
    mut cmd: clap::Command,
    each: impl Fn(&str, clap::Command) -> clap::Command,
) -> clap::Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let help = examples_help(Some(&name));
        cmd = cmd.mut_subcommand(&name, |sub| each(&name, sub).after_help(help));
    }
    let top = format!("{}\n{EXIT_CODES}", examples_help(None));
    cmd.after_help(top)
}

/// Parses a command line: clap's parse, then the refusal of a global option given to a command
/// it means nothing to.
pub fn parse_with(cmd: &clap::Command, args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let mut cmd = cmd.clone();
    let matches = cmd.try_get_matches_from_mut(args)?;
    if let Some((name, sub)) = matches.subcommand()
        && LOCAL_ONLY.contains(&name)
    {
        for id in global_ids() {
            let given = [&matches, sub].iter().any(|m| {
                m.try_contains_id(&id).is_ok()
                    && m.value_source(&id) == Some(ValueSource::CommandLine)
            });
            if given {
                let flag = sub_long(&cmd, name, &id);
                return Err(cmd.error(
                    ErrorKind::ArgumentConflict,
                    format!(
                        "{flag} means nothing to `cognito-mfa {name}`: it is an option of the \
                         commands that call Cognito. Leave it out."
                    ),
                ));
            }
        }
    }
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// `--long` of one option of a subcommand, as the user typed it.
fn sub_long(cmd: &clap::Command, sub: &str, id: &str) -> String {
    let long = cmd
        .find_subcommand(sub)
        .and_then(|s| s.get_arguments().find(|a| a.get_id() == id))
        .and_then(|a| a.get_long())
        .map(str::to_string);
    format!("--{}", long.unwrap_or_else(|| id.replace('_', "-")))
}
