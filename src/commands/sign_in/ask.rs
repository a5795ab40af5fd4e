//! Asking the user: passwords without echo, codes and choices as lines, notes on stderr.

use std::io::{IsTerminal, Write};

use crate::auth::flow::{Answer, CodeKind, Prompt};
use crate::capped_read::{CappedReadError, SECRET_CAP, read_line_capped};
use crate::failure::Failure;
use crate::safe_text::lines;
use crate::secret::Sensitive;
use crate::text::sign_in as words;
use crate::wizard::reasons::ChallengeProblem;

/// What the sign-in needs from the person at the terminal. Tests answer with a script.
pub trait Asker {
    /// Whether prompts can be asked (a terminal is attached).
    fn interactive(&self) -> bool;
    /// A secret, typed without echo.
    fn secret(&mut self, label: &str) -> Result<Sensitive, Failure>;
    /// A line of text.
    fn line(&mut self, label: &str) -> Result<String, Failure>;
    /// The password from the first line of standard input.
    fn stdin_password(&mut self) -> Result<Sensitive, Failure>;
    /// A message for the user (stderr).
    fn note(&mut self, text: &str);
}

/// The real terminal: prompts and notes on stderr, answers from the terminal. What it prints
/// may hold the server's text (a code's destination, an error message): control characters
/// are shown escaped.
pub struct TerminalAsker {
    interactive: bool,
}

impl TerminalAsker {
    /// Prompts are asked only when standard input and standard error are a terminal and the
    /// password does not come from standard input.
    pub fn new(password_stdin: bool) -> Self {
        Self {
            interactive: !password_stdin
                && std::io::stdin().is_terminal()
                && std::io::stderr().is_terminal(),
        }
    }
}

fn io_failure(what: &str, e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::Interrupted {
        return Failure::Interrupted;
    }
    Failure::Other(format!("cannot read {what}: {e}"))
}

fn capped_failure(what: &str, e: CappedReadError) -> Failure {
    match e {
        CappedReadError::Io(e) => io_failure(what, e),
        CappedReadError::TooLarge { .. } => Failure::Usage(format!(
            "cannot read {what}: {e} without a newline; give one line"
        )),
        other => Failure::Other(format!("cannot read {what}: {other}")),
    }
}

impl Asker for TerminalAsker {
    fn interactive(&self) -> bool {
        self.interactive
    }

    fn secret(&mut self, label: &str) -> Result<Sensitive, Failure> {
        rpassword::prompt_password(lines(label))
            .map(Sensitive::new)
            .map_err(|e| io_failure("the password", e))
    }

    fn line(&mut self, label: &str) -> Result<String, Failure> {
        eprint!("{}", lines(label));
        let _ = std::io::stderr().flush();
        let line = read_line_capped(&mut std::io::stdin().lock(), SECRET_CAP)
            .map_err(|e| capped_failure("the answer", e))?;
        Ok(String::from_utf8_lossy(&line).trim().to_owned())
    }

    /// The first line of standard input (up to [`SECRET_CAP`] bytes), as before: a line, not
    /// everything until the end of input.
    fn stdin_password(&mut self) -> Result<Sensitive, Failure> {
        let mut bytes = read_line_capped(&mut std::io::stdin().lock(), SECRET_CAP)
            .map_err(|e| capped_failure("the password from standard input", e))?;
        let password = match std::str::from_utf8(&bytes) {
            Ok(text) => Ok(Sensitive::new(text)),
            Err(_) => Err(Failure::Usage(
                "the password on standard input is not UTF-8 text".into(),
            )),
        };
        zeroize::Zeroize::zeroize(&mut bytes);
        password
    }

    fn note(&mut self, text: &str) {
        eprintln!("{}", lines(text));
    }
}

/// Asks `prompt` and gives the answer for the flow: the same words as the wizard's.
pub fn ask(asker: &mut dyn Asker, prompt: &Prompt) -> Result<Answer, Failure> {
    asker.note(&words::intro(prompt));
    match prompt {
        Prompt::NewPassword {
            required_attributes,
        } => {
            let password = new_password(asker)?;
            let mut attributes = Vec::new();
            for name in required_attributes {
                attributes.push((name.clone(), asker.line(&format!("{name}: "))?));
            }
            Ok(Answer::NewPassword {
                password,
                attributes,
            })
        }
        Prompt::Code { kind, .. } => {
            if *kind == CodeKind::SoftwareToken {
                asker.note(words::REPLACING);
            }
            let code: String = asker
                .line(&format!("{}: ", words::title(prompt)))?
                .split_whitespace()
                .collect();
            Ok(Answer::Code(Sensitive::new(code)))
        }
        Prompt::SelectMfaType { choices } => {
            asker.note(&words::method_lines(choices).join("\n"));
            let picked = asker.line(&words::method_question(choices.len(), false))?;
            let choice = picked
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| choices.get(i))
                .cloned()
                .unwrap_or(picked);
            Ok(Answer::MfaType(choice))
        }
    }
}

fn new_password(asker: &mut dyn Asker) -> Result<Sensitive, Failure> {
    for _ in 0..3 {
        let first = asker.secret(&format!("{}: ", words::NEW_PASSWORD))?;
        let again = asker.secret(&format!("{}: ", words::NEW_PASSWORD_AGAIN_PROMPT))?;
        let problem = if first.is_empty() {
            ChallengeProblem::NoNewPassword
        } else if first == again {
            return Ok(first);
        } else {
            ChallengeProblem::PasswordsDiffer
        };
        asker.note(&words::challenge_problem(&problem));
    }
    Err(Failure::Usage("the new password was not confirmed".into()))
}
