//! The steps that ask: the sign-in form, a sign-in challenge, the code and device name. Each
//! holds a `Form` (which owns the editing and the focus order) and a typed reason for what is
//! wrong, if anything.

use crate::auth::flow::Prompt;
use crate::wizard::form::{Field, Form};
use crate::wizard::msg::DemoShown;
use crate::wizard::reasons::{ChallengeProblem, CodeProblem, SignInNotice, SignInProblem};
use crate::wizard::settings::{DEVICE_NAME_MAX, USERNAME_MAX};
use crate::wizard::steps::Enrollment;

/// The longest password accepted, in characters.
pub const PASSWORD_MAX: usize = 256;
/// The longest value accepted for a required attribute.
pub const ATTRIBUTE_MAX: usize = 128;
/// `123 456`: six digits and a separator.
pub const CODE_MAX: usize = 7;
/// An 8-digit e-mail code with separators.
pub const SENT_CODE_MAX: usize = 11;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInField {
    Username,
    Password,
    /// Asked only when SRP needs the pool id and nothing gave it.
    PoolId,
}

/// The longest user pool id accepted (Cognito: 55 characters).
pub const POOL_ID_MAX: usize = 55;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInForm {
    pub form: Form<SignInField>,
    pub error: Option<SignInProblem>,
    pub notice: Option<SignInNotice>,
    /// Waiting for Cognito's answer.
    pub busy: bool,
    /// Signing in with a refresh token from the keychain (no password typed).
    pub refreshing: bool,
}

impl SignInForm {
    /// Adds the pool id field (once) and puts the focus there.
    pub fn ask_pool_id(&mut self) {
        if self.form.field(SignInField::PoolId).is_none() {
            let mut fields: Vec<(SignInField, Field)> = self.form.fields().cloned().collect();
            fields.push((SignInField::PoolId, Field::text(POOL_ID_MAX)));
            self.form = Form::new(fields);
        }
        self.form.set_focus(SignInField::PoolId);
    }

    /// The form for `username` (empty: the user types it), the focus where typing starts.
    pub fn new(username: &str, notice: Option<SignInNotice>) -> Self {
        let mut form = Form::new(vec![
            (
                SignInField::Username,
                Field::text(USERNAME_MAX).with(username),
            ),
            (SignInField::Password, Field::secret(PASSWORD_MAX)),
        ]);
        if !username.is_empty() {
            form.set_focus(SignInField::Password);
        }
        Self {
            form,
            error: None,
            notice,
            busy: false,
            refreshing: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeField {
    NewPassword,
    Again,
    /// The n-th attribute the pool requires.
    Attribute(usize),
    Code,
}

/// A challenge on screen: a new password, a code, or a choice of MFA method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeForm {
    pub prompt: Prompt,
    pub form: Form<ChallengeField>,
    /// Attributes the pool requires and the user has no value for (NEW_PASSWORD_REQUIRED).
    pub attributes: Vec<String>,
    /// SELECT_MFA_TYPE: the method chosen.
    pub choice: usize,
    pub error: Option<ChallengeProblem>,
    /// Waiting for Cognito's answer.
    pub busy: bool,
}

impl ChallengeForm {
    pub fn new(prompt: Prompt) -> Self {
        let (fields, attributes) = match &prompt {
            Prompt::NewPassword {
                required_attributes,
            } => {
                let mut fields = vec![
                    (ChallengeField::NewPassword, Field::secret(PASSWORD_MAX)),
                    (ChallengeField::Again, Field::secret(PASSWORD_MAX)),
                ];
                fields.extend(
                    (0..required_attributes.len())
                        .map(|i| (ChallengeField::Attribute(i), Field::text(ATTRIBUTE_MAX))),
                );
                (fields, required_attributes.clone())
            }
            Prompt::Code { .. } => (
                vec![(ChallengeField::Code, Field::code(SENT_CODE_MAX))],
                Vec::new(),
            ),
            Prompt::SelectMfaType { .. } => (Vec::new(), Vec::new()),
        };
        Self {
            prompt,
            form: Form::new(fields),
            attributes,
            choice: 0,
            error: None,
            busy: false,
        }
    }

    /// How many methods SELECT_MFA_TYPE offers (0 for other prompts).
    pub fn choices(&self) -> usize {
        match &self.prompt {
            Prompt::SelectMfaType { choices } => choices.len(),
            _ => 0,
        }
    }

    /// After a refusal: the typed answers go, the focus returns to the first field.
    pub fn refused(&mut self, problem: ChallengeProblem) {
        self.busy = false;
        self.error = Some(problem);
        self.form.clear_secrets();
        if let Some(code) = self.form.field_mut(ChallengeField::Code) {
            code.clear();
        }
        self.form.set_focus(ChallengeField::NewPassword);
        self.form.set_focus(ChallengeField::Code);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeField {
    Code,
    Device,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeForm {
    pub enrollment: Enrollment,
    pub form: Form<CodeField>,
    pub error: Option<CodeProblem>,
    /// Waiting for VerifySoftwareToken.
    pub busy: bool,
    /// Demo mode: what an app would show now, from the demo emulator.
    pub demo_code: Option<DemoShown>,
}

impl CodeForm {
    pub fn new(enrollment: Enrollment) -> Self {
        Self {
            enrollment,
            form: Form::new(vec![
                (CodeField::Code, Field::code(CODE_MAX)),
                (CodeField::Device, Field::text(DEVICE_NAME_MAX)),
            ]),
            error: None,
            busy: false,
            demo_code: None,
        }
    }
}
