//! `cognito-mfa completion SHELL`: the shell's completion script, generated from the same clap
//! definition the parser uses.

use crate::cli::help;
use crate::failure::Failure;
use std::io::Write;

pub fn run(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut cmd = help::command_for_docs();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cognito-mfa", &mut script);
    if shell == clap_complete::Shell::Bash {
        script = bash_fix(&script);
    }
    std::io::stdout()
        .write_all(&script)
        .map_err(|e| Failure::Other(format!("cannot write the completion script: {e}")))
}

/// clap_complete 4.6.12 names the bash cases of a subcommand of a program whose name has a `-`
/// with that `-` spelled `__subcmd__` (`cognito__subcmd__mfa__subcmd__demo`) while the code that
/// picks the case spells it `__` (`cognito__mfa__subcmd__demo`): no subcommand's options would
/// complete. The cases are renamed to match.
fn bash_fix(script: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(script)
        .replace("cognito__subcmd__mfa__subcmd__", "cognito__mfa__subcmd__")
        .into_bytes()
}
