//! The questions a sign-in may ask on its way (part of the pure `update`): a new password
//! (NEW_PASSWORD_REQUIRED), a code from the current authenticator app (SOFTWARE_TOKEN_MFA), a
//! code sent by text message or e-mail (SMS_MFA, EMAIL_OTP), an MFA method (SELECT_MFA_TYPE).

use crate::auth::flow::{Answer, CodeKind, Prompt};
use crate::secret::Sensitive;
use crate::totp::parse_user_code;
use crate::wizard::answers::fail;
use crate::wizard::field::{SecretField, TextField};
use crate::wizard::flow_cell::FlowCell;
use crate::wizard::msg::{Cmd, Key};
use crate::wizard::state::{Step, Wizard};
use crate::wizard::update::{call, common_key};

/// The longest value accepted for a required attribute.
const ATTRIBUTE_MAX: usize = 128;
/// `123 456`, or an 8-digit e-mail code with separators.
const CODE_MAX: usize = 11;

/// Which field has the focus: an index into the form's fields (new password, again, then the
/// required attributes), or for SELECT_MFA_TYPE the method chosen.
pub type ChallengeFocus = usize;

/// A challenge on screen, with the sign-in it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeForm {
    pub flow: FlowCell,
    pub prompt: Prompt,
    pub new_password: SecretField,
    pub again: SecretField,
    /// Attributes the pool requires and the user has no value for (NEW_PASSWORD_REQUIRED).
    pub attributes: Vec<(String, TextField)>,
    pub code: TextField,
    pub focus: ChallengeFocus,
    pub error: Option<String>,
    /// Waiting for Cognito's answer.
    pub busy: bool,
}

impl ChallengeForm {
    pub fn new(flow: FlowCell, prompt: Prompt) -> Self {
        let attributes = match &prompt {
            Prompt::NewPassword {
                required_attributes,
            } => required_attributes
                .iter()
                .map(|name| (name.clone(), TextField::new("", ATTRIBUTE_MAX)))
                .collect(),
            _ => Vec::new(),
        };
        Self {
            flow,
            prompt,
            new_password: SecretField::default(),
            again: SecretField::default(),
            attributes,
            code: TextField::new("", CODE_MAX),
            focus: 0,
            error: None,
            busy: false,
        }
    }

    pub fn title(&self) -> &'static str {
        match &self.prompt {
            Prompt::NewPassword { .. } => "Choose a new password",
            Prompt::Code {
                kind: CodeKind::SoftwareToken,
                ..
            } => "Code from your current app",
            Prompt::Code {
                kind: CodeKind::Sms,
                ..
            } => "Code sent by text message",
            Prompt::Code {
                kind: CodeKind::Email,
                ..
            } => "Code sent by e-mail",
            Prompt::SelectMfaType { .. } => "Choose how to confirm",
        }
    }

    /// How many places the focus moves through.
    fn stops(&self) -> usize {
        match &self.prompt {
            Prompt::NewPassword { .. } => 2 + self.attributes.len(),
            Prompt::Code { .. } => 1,
            Prompt::SelectMfaType { choices } => choices.len().max(1),
        }
    }

    /// After a refusal: the typed answers go, the focus returns to the first field.
    pub fn refused(&mut self, message: String) {
        self.busy = false;
        self.error = Some(message);
        self.new_password.clear();
        self.again.clear();
        self.code.value.clear();
        if !matches!(self.prompt, Prompt::SelectMfaType { .. }) {
            self.focus = 0;
        }
    }
}

pub(crate) fn key(w: &mut Wizard, key: Key) -> Vec<Cmd> {
    let Step::Challenge(form) = &mut w.step else {
        return Vec::new();
    };
    if form.busy {
        return Vec::new();
    }
    let stops = form.stops();
    let select = matches!(form.prompt, Prompt::SelectMfaType { .. });
    match key {
        Key::Tab => form.focus = (form.focus + 1) % stops,
        Key::BackTab => form.focus = (form.focus + stops - 1) % stops,
        Key::Enter => return submit(w),
        Key::Esc | Key::F1 | Key::CtrlC => return common_key(w, key),
        Key::Char(c @ '1'..='9') if select => {
            let chosen = c as usize - '1' as usize;
            if chosen < stops {
                form.focus = chosen;
            }
        }
        Key::Char('q' | '?') if !matches!(form.prompt, Prompt::NewPassword { .. }) => {
            return common_key(w, key);
        }
        Key::Char(_) if select => {}
        Key::Char(c) => {
            form.error = None;
            match (&form.prompt, form.focus) {
                (Prompt::NewPassword { .. }, 0) => form.new_password.push(c),
                (Prompt::NewPassword { .. }, 1) => form.again.push(c),
                (Prompt::NewPassword { .. }, n) => form
                    .attributes
                    .get_mut(n - 2)
                    .is_some_and(|(_, field)| field.push(c)),
                (_, _) if c.is_ascii_digit() || c == ' ' || c == '-' => form.code.push(c),
                _ => {
                    form.error = Some("Only digits: type the code you were given.".into());
                    false
                }
            };
        }
        Key::Backspace => {
            match (&form.prompt, form.focus) {
                (Prompt::NewPassword { .. }, 0) => form.new_password.pop(),
                (Prompt::NewPassword { .. }, 1) => form.again.pop(),
                (Prompt::NewPassword { .. }, n) => form
                    .attributes
                    .get_mut(n - 2)
                    .is_some_and(|(_, field)| field.pop()),
                _ => form.code.pop(),
            };
        }
    }
    Vec::new()
}

/// The answer the form holds, or what is wrong with it (and the field to fix).
fn answer_of(form: &ChallengeForm) -> Result<Answer, (String, usize)> {
    match &form.prompt {
        Prompt::NewPassword { .. } => {
            if form.new_password.is_empty() {
                return Err(("Type a new password.".into(), 0));
            }
            if form.again.is_empty() {
                return Err(("Type the new password again.".into(), 1));
            }
            if form.new_password != form.again {
                return Err(("The two passwords differ; type them again.".into(), 0));
            }
            let mut attributes = Vec::new();
            for (i, (name, field)) in form.attributes.iter().enumerate() {
                if field.trimmed().is_empty() {
                    return Err((format!("Type a value for {name}."), i + 2));
                }
                attributes.push((name.clone(), field.trimmed().to_owned()));
            }
            Ok(Answer::NewPassword {
                password: form.new_password.to_sensitive(),
                attributes,
            })
        }
        Prompt::Code { kind, .. } => {
            let digits: String = form
                .code
                .value
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect();
            let code = match kind {
                CodeKind::SoftwareToken => parse_user_code(&form.code.value)
                    .map_err(|e| (format!("That is not a code: {e}."), 0))?,
                _ if (6..=8).contains(&digits.len()) => digits,
                _ => return Err(("Type the code you were sent (6 to 8 digits).".into(), 0)),
            };
            Ok(Answer::Code(Sensitive::new(code)))
        }
        Prompt::SelectMfaType { choices } => choices
            .get(form.focus)
            .map(|c| Answer::MfaType(c.clone()))
            .ok_or_else(|| ("Cognito offered no MFA method to choose.".into(), 0)),
    }
}

fn submit(w: &mut Wizard) -> Vec<Cmd> {
    let Step::Challenge(form) = &mut w.step else {
        return Vec::new();
    };
    let answer = match answer_of(form) {
        Ok(answer) => answer,
        Err((message, focus)) => {
            form.error = Some(message);
            form.focus = focus;
            if focus == 0 {
                form.new_password.clear();
                form.again.clear();
            }
            return Vec::new();
        }
    };
    match form.flow.with(|flow| flow.answer(answer)) {
        Ok(request) => {
            form.busy = true;
            form.error = None;
            form.new_password.clear();
            form.again.clear();
            call(w, Cmd::Auth(request))
        }
        Err(e) => fail(w, &format!("The sign-in cannot go on: {e}."), false),
    }
}
