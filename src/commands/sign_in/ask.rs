//! Asking the user: passwords without echo, codes and choices as lines, notes on stderr.

use std::io::{BufRead, IsTerminal, Write};

use crate::auth::flow::{Answer, CodeKind, Prompt};
use crate::failure::Failure;
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

/// The real terminal: prompts and notes on stderr, answers from the terminal.
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

impl Asker for TerminalAsker {
    fn interactive(&self) -> bool {
        self.interactive
    }

    fn secret(&mut self, label: &str) -> Result<Sensitive, Failure> {
        rpassword::prompt_password(label)
            .map(Sensitive::new)
            .map_err(|e| io_failure("the password", e))
    }

    fn line(&mut self, label: &str) -> Result<String, Failure> {
        eprint!("{label}");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| io_failure("the answer", e))?;
        Ok(line.trim().to_owned())
    }

    fn stdin_password(&mut self) -> Result<Sensitive, Failure> {
        let mut line = Sensitive::new(String::new());
        let mut text = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut text)
            .map_err(|e| io_failure("the password from standard input", e))?;
        let trimmed = text.strip_suffix('\n').unwrap_or(&text);
        let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
        if !trimmed.is_empty() {
            line = Sensitive::new(trimmed);
        }
        zeroize::Zeroize::zeroize(&mut text);
        Ok(line)
    }

    fn note(&mut self, text: &str) {
        eprintln!("{text}");
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
