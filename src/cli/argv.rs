//! The raw command line, read before clap parses it, for two things clap cannot do alone:
//!
//! - a value that begins with `-` (a Cognito session can: `--session -jAbc…`) is taken as the
//!   value of the option before it, unless it is one of the command's own options; it is
//!   passed on as `--session=-jAbc…`, the form the AWS CLI accepts;
//! - `--version` anywhere (after a subcommand too) prints what `cognito-mfa --version` prints.

use clap::Command;
use std::ffi::OsString;

pub enum Prepared {
    /// `--version` was given: print the version, nothing else.
    Version,
    /// The arguments to parse.
    Args(Vec<OsString>),
}

/// Reads `args` (the program's name first) against `cmd` (built, so that global options are
/// known to every subcommand).
pub fn prepare(cmd: &Command, args: Vec<OsString>) -> Prepared {
    let mut out: Vec<OsString> = Vec::with_capacity(args.len());
    let mut context = cmd;
    let mut awaiting: Option<String> = None;
    let mut positional_only = false;
    for (index, arg) in args.into_iter().enumerate() {
        let Some(text) = arg.to_str().map(str::to_string) else {
            awaiting = None;
            out.push(arg);
            continue;
        };
        if index == 0 || positional_only {
            out.push(arg);
            continue;
        }
        if let Some(option) = awaiting.take() {
            if !text.starts_with('-') {
                out.push(arg);
                continue;
            }
            if !is_option(context, &text) {
                out.pop();
                out.push(format!("{option}={text}").into());
                continue;
            }
        }
        if text == "--" {
            positional_only = true;
        } else if text == "--version" {
            return Prepared::Version;
        } else if let Some(name) = text.strip_prefix("--") {
            if !name.contains('=') && takes_value(context, name) {
                awaiting = Some(text.clone());
            }
        } else if std::ptr::eq(context, cmd)
            && let Some(sub) = cmd.find_subcommand(&text)
        {
            context = sub;
        }
        out.push(arg);
    }
    Prepared::Args(out)
}

/// One of the command's options (`--name`, `--name=value`), or help or version.
fn is_option(cmd: &Command, text: &str) -> bool {
    if matches!(text, "-h" | "-V") {
        return true;
    }
    let Some(name) = text.strip_prefix("--") else {
        return false;
    };
    let name = name.split('=').next().unwrap_or(name);
    matches!(name, "help" | "version")
        || cmd.get_arguments().any(|a| {
            a.get_long() == Some(name)
                || a.get_all_aliases()
                    .is_some_and(|aliases| aliases.contains(&name))
        })
}

/// An option that needs a value (an optional one, like `--generate-cli-skeleton [input]`, is
/// left to clap).
fn takes_value(cmd: &Command, name: &str) -> bool {
    cmd.get_arguments().any(|a| {
        a.get_long() == Some(name)
            && a.get_action().takes_values()
            && a.get_num_args().is_some_and(|n| n.min_values() > 0)
    })
}
