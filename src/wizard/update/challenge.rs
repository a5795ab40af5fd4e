//! The questions a sign-in may ask on its way: a new password (NEW_PASSWORD_REQUIRED), a code
//! from the current authenticator app (SOFTWARE_TOKEN_MFA), a code sent by text message or
//! e-mail (SMS_MFA, EMAIL_OTP), an MFA method (SELECT_MFA_TYPE).

use super::toolkit::{call, fail};
use crate::auth::flow::{Answer, CodeKind, Prompt};
use crate::secret::Sensitive;
use crate::totp::parse_user_code;
use crate::wizard::forms::{ChallengeField, ChallengeForm};
use crate::wizard::msg::Cmd;
use crate::wizard::reasons::{ChallengeProblem, Problem};
use crate::wizard::state::{Step, Wizard};

/// A number key on SELECT_MFA_TYPE.
pub(super) fn choose(w: &mut Wizard, n: usize) -> Vec<Cmd> {
    if let Step::Challenge(form) = &mut w.step
        && n < form.choices()
    {
        form.choice = n;
    }
    Vec::new()
}

/// Enter on a challenge form.
pub(super) fn submit_form(w: &mut Wizard) -> Vec<Cmd> {
    let Step::Challenge(form) = &w.step else {
        return Vec::new();
    };
    let answer = match &form.prompt {
        Prompt::NewPassword { .. } => new_password(
            form,
            Sensitive::new(form.form.value(ChallengeField::NewPassword)),
            Sensitive::new(form.form.value(ChallengeField::Again)),
            (0..form.attributes.len())
                .map(|i| form.form.value(ChallengeField::Attribute(i)).to_owned())
                .collect(),
        ),
        Prompt::Code { kind, .. } => code(*kind, form.form.value(ChallengeField::Code)),
        Prompt::SelectMfaType { choices } => choices
            .get(form.choice)
            .map(|c| Answer::MfaType(c.clone()))
            .ok_or((ChallengeProblem::NoMethodOffered, None)),
    };
    send(w, answer)
}

/// A new password typed twice and the required attributes, from a plain-mode prompt.
pub(super) fn submit_new_password(
    w: &mut Wizard,
    password: Sensitive,
    again: Sensitive,
    attributes: Vec<String>,
) -> Vec<Cmd> {
    let Step::Challenge(form) = &w.step else {
        return Vec::new();
    };
    let answer = new_password(form, password, again, attributes);
    send(w, answer)
}

/// A code for the challenge on screen, from a plain-mode prompt.
pub(super) fn submit_code(w: &mut Wizard, typed: Sensitive) -> Vec<Cmd> {
    let Step::Challenge(form) = &w.step else {
        return Vec::new();
    };
    let answer = match &form.prompt {
        Prompt::Code { kind, .. } => code(*kind, typed.expose()),
        _ => return Vec::new(),
    };
    send(w, answer)
}

/// What is wrong with an answer, and the field to fix (none: keep the focus).
type Refusal = (ChallengeProblem, Option<ChallengeField>);

fn new_password(
    form: &ChallengeForm,
    password: Sensitive,
    again: Sensitive,
    attributes: Vec<String>,
) -> Result<Answer, Refusal> {
    if password.is_empty() {
        return Err((
            ChallengeProblem::NoNewPassword,
            Some(ChallengeField::NewPassword),
        ));
    }
    if again.is_empty() {
        return Err((ChallengeProblem::NoRepeat, Some(ChallengeField::Again)));
    }
    if password != again {
        return Err((
            ChallengeProblem::PasswordsDiffer,
            Some(ChallengeField::NewPassword),
        ));
    }
    let mut named = Vec::new();
    for (i, name) in form.attributes.iter().enumerate() {
        let value = attributes.get(i).map_or("", |v| v.trim());
        if value.is_empty() {
            return Err((
                ChallengeProblem::MissingAttribute(name.clone()),
                Some(ChallengeField::Attribute(i)),
            ));
        }
        named.push((name.clone(), value.to_owned()));
    }
    Ok(Answer::NewPassword {
        password,
        attributes: named,
    })
}

fn code(kind: CodeKind, typed: &str) -> Result<Answer, Refusal> {
    let digits: String = typed.chars().filter(|c| c.is_ascii_digit()).collect();
    let code = match kind {
        CodeKind::SoftwareToken => parse_user_code(typed)
            .map_err(|e| (ChallengeProblem::NotACode(e), Some(ChallengeField::Code)))?,
        _ if (6..=8).contains(&digits.len()) => digits,
        _ => {
            return Err((ChallengeProblem::SentCodeLength, Some(ChallengeField::Code)));
        }
    };
    Ok(Answer::Code(Sensitive::new(code)))
}

fn send(w: &mut Wizard, answer: Result<Answer, Refusal>) -> Vec<Cmd> {
    let Step::Challenge(form) = &mut w.step else {
        return Vec::new();
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err((problem, field)) => {
            form.error = Some(problem);
            if let Some(field) = field {
                form.form.set_focus(field);
                if field == ChallengeField::NewPassword {
                    form.form.clear_secrets();
                }
            }
            return Vec::new();
        }
    };
    let Some(flow) = &mut w.flow else {
        return fail(w, Problem::AnswerWithoutSignIn);
    };
    match flow.answer(answer) {
        Ok(request) => {
            form.busy = true;
            form.error = None;
            form.form.clear_secrets();
            call(w, Cmd::Auth(request))
        }
        Err(e) => fail(w, Problem::ChallengeStopped(e)),
    }
}
