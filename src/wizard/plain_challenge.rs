//! Plain mode's sign-in questions: a new password (typed twice without echo), a code, an MFA
//! method by number. Each answer goes to `update` whole, as the form's Enter would send it.

use std::io;

use crate::auth::flow::{CodeKind, Prompt};
use crate::secret::Sensitive;
use crate::text::sign_in as words;
use crate::wizard::forms::ChallengeForm;
use crate::wizard::msg::{Intent, Msg, Submission};
use crate::wizard::plain_io::{Input, ask, ask_secret, say};

pub(super) async fn prompt(
    form: &ChallengeForm,
    input: &mut Input,
) -> io::Result<Option<Vec<Msg>>> {
    say(&words::intro(&form.prompt))?;
    if let Some(error) = &form.error {
        say(&words::challenge_problem(error))?;
    }
    let msg = match &form.prompt {
        Prompt::NewPassword { .. } => {
            let question = format!("{}: ", words::NEW_PASSWORD);
            let Some(first) = ask_secret(input, &question).await? else {
                return Ok(None);
            };
            let question = format!("{}: ", words::NEW_PASSWORD_AGAIN_PROMPT);
            let Some(again) = ask_secret(input, &question).await? else {
                return Ok(None);
            };
            let mut attributes = Vec::new();
            for name in &form.attributes {
                let Some(value) = ask(input, &format!("{name}: ")).await? else {
                    return Ok(None);
                };
                attributes.push(value.trim().to_owned());
            }
            Msg::Submit(Submission::NewPassword {
                password: Sensitive::new(first.as_str()),
                again: Sensitive::new(again.as_str()),
                attributes,
            })
        }
        Prompt::Code { kind, .. } => {
            if *kind == CodeKind::SoftwareToken {
                say(words::REPLACING)?;
            }
            let Some(code) = ask(
                input,
                &format!("{} (q to quit): ", words::title(&form.prompt)),
            )
            .await?
            else {
                return Ok(None);
            };
            if code.trim() == "q" {
                return Ok(Some(vec![Msg::Intent(Intent::Quit)]));
            }
            Msg::Submit(Submission::ChallengeCode(Sensitive::new(code.trim())))
        }
        Prompt::SelectMfaType { choices } => {
            for line in words::method_lines(choices) {
                say(&line)?;
            }
            let question = words::method_question(choices.len(), true);
            let Some(picked) = ask(input, &question).await? else {
                return Ok(None);
            };
            match picked.trim().parse::<usize>() {
                Ok(n) if (1..=choices.len()).contains(&n) => {
                    return Ok(Some(vec![
                        Msg::Intent(Intent::Choose(n - 1)),
                        Msg::Intent(Intent::Submit),
                    ]));
                }
                _ if picked.trim() == "q" => return Ok(Some(vec![Msg::Intent(Intent::Quit)])),
                _ => {
                    say(words::PICK_A_NUMBER)?;
                    return Ok(Some(Vec::new()));
                }
            }
        }
    };
    Ok(Some(vec![msg]))
}
