//! Plain mode's sign-in questions: a new password (typed twice without echo), a code, an MFA
//! method by number. Answers become the key presses the full-screen form would get.

use std::io;

use zeroize::Zeroizing;

use crate::auth::flow::{CodeKind, Prompt};
use crate::wizard::challenge::ChallengeForm;
use crate::wizard::echo::EchoOff;
use crate::wizard::msg::Key;
use crate::wizard::plain::{Input, ask, erase, say, typed};
use crate::wizard::view::challenge::{REPLACING, intro, method_label};

/// A secret line, typed without echo on a terminal.
async fn ask_secret(input: &mut Input, question: &str) -> io::Result<Option<Zeroizing<String>>> {
    let echo = EchoOff::on_stdin();
    let answer = ask(input, question).await?.map(Zeroizing::new);
    if echo.active() {
        say("")?;
    }
    Ok(answer)
}

pub(super) async fn prompt(
    form: &ChallengeForm,
    input: &mut Input,
) -> io::Result<Option<Vec<Key>>> {
    for line in intro(&form.prompt) {
        say(&line)?;
    }
    if let Some(error) = &form.error {
        say(error)?;
    }
    let mut keys = Vec::new();
    match &form.prompt {
        Prompt::NewPassword { .. } => {
            let stops = 2 + form.attributes.len();
            keys.extend(std::iter::repeat_n(Key::Tab, (stops - form.focus) % stops));
            let Some(first) = ask_secret(input, "New password: ").await? else {
                return Ok(None);
            };
            let Some(again) = ask_secret(input, "New password again: ").await? else {
                return Ok(None);
            };
            keys.extend(erase(form.new_password.len()));
            keys.extend(typed(&first));
            keys.push(Key::Tab);
            keys.extend(erase(form.again.len()));
            keys.extend(typed(&again));
            for (name, field) in &form.attributes {
                let Some(value) = ask(input, &format!("{name}: ")).await? else {
                    return Ok(None);
                };
                keys.push(Key::Tab);
                keys.extend(erase(field.value.chars().count()));
                keys.extend(typed(value.trim()).collect::<Vec<_>>());
            }
        }
        Prompt::Code { kind, .. } => {
            if *kind == CodeKind::SoftwareToken {
                say(REPLACING)?;
            }
            let Some(code) = ask(input, "Code (q to quit): ").await? else {
                return Ok(None);
            };
            if code.trim() == "q" {
                return Ok(Some(vec![Key::Char('q')]));
            }
            keys.extend(erase(form.code.value.chars().count()));
            keys.extend(typed(code.trim()).collect::<Vec<_>>());
        }
        Prompt::SelectMfaType { choices } => {
            for (i, choice) in choices.iter().enumerate() {
                say(&format!("  {}. {}", i + 1, method_label(choice)))?;
            }
            let question = format!("Method (1-{}, q to quit): ", choices.len());
            let Some(picked) = ask(input, &question).await? else {
                return Ok(None);
            };
            match picked.trim().parse::<usize>() {
                Ok(n @ 1..=9) if n <= choices.len() => {
                    keys.push(Key::Char(char::from(b'0' + n as u8)));
                }
                _ if picked.trim() == "q" => return Ok(Some(vec![Key::Char('q')])),
                _ => {
                    say("Type one of the numbers shown.")?;
                    return Ok(Some(Vec::new()));
                }
            }
        }
    }
    keys.push(Key::Enter);
    Ok(Some(keys))
}
