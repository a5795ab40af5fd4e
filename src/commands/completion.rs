//! `cognito-mfa completion SHELL`: the shell's completion script, generated from the same clap
//! definition the parser uses.

use crate::cli::help;
use crate::failure::Failure;
use std::io::Write;

pub fn run(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut cmd = help::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cognito-mfa", &mut script);
    std::io::stdout()
        .write_all(&script)
        .map_err(|e| Failure::Other(format!("cannot write the completion script: {e}")))
}
