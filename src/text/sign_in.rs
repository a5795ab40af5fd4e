//! The sign-in's words: the form, each challenge (one wording for the wizard, plain mode and
//! the `sign-in` command), and the keychain notes.

use crate::auth::flow::{CodeKind, Prompt};
use crate::safe_text::one_line;
use crate::wizard::reasons::{ChallengeProblem, KeychainNote, SignInNotice, SignInProblem};

pub const FORM_INTRO: &str = "Sign in to the account that gets the authenticator app.";
pub const USERNAME: &str = "User name";
pub const PASSWORD: &str = "Password";
pub const POOL_ID: &str = "Pool id";
pub const SIGNING_IN: &str = "Signing in…";
pub const SENDING_ANSWER: &str = "Sending your answer…";

pub fn demo_password(hint: &str) -> String {
    format!("demo password: {hint}")
}

pub fn notice(notice: &SignInNotice) -> String {
    match notice {
        SignInNotice::Refreshing => {
            "Signing in with the sign-in remembered in the keychain…".into()
        }
        SignInNotice::RememberedRefused => {
            "The sign-in remembered in the keychain is no longer valid. Type your password.".into()
        }
        SignInNotice::SignInAgain => {
            "Your sign-in session expired or was used up. Sign in again to get a new one.".into()
        }
        SignInNotice::SignInAgainNewSecret => SIGN_IN_AGAIN_NEW_SECRET.into(),
        SignInNotice::TokenExpired => format!(
            "{} Sign in below to get a new one.",
            "The access token is no longer valid (expired, revoked or not from this pool)."
        ),
        SignInNotice::SwitchedFlow { from, to } => {
            format!("This app client does not allow {from}; signing in with {to} instead.")
        }
        SignInNotice::Given(text) => text.clone(),
    }
}

pub const SIGN_IN_AGAIN_NEW_SECRET: &str = "Your sign-in session expired or was used up. Delete \
     the entry you added to your app, then sign in again: you get a new secret to scan.";

pub fn problem(problem: &SignInProblem) -> String {
    match problem {
        SignInProblem::NoUsername => "Type your user name.".into(),
        SignInProblem::BadPoolId => "A user pool id looks like eu-west-1_AbC123: the region, an \
                                     underscore, letters and digits."
            .into(),
        SignInProblem::Refused(message) => message.clone(),
        SignInProblem::Denied(denial) => super::refusals::denial(denial),
    }
}

/// A challenge's title, as the step header shows it.
pub fn title(prompt: &Prompt) -> &'static str {
    match prompt {
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

/// The explanation above a challenge's fields (and before `sign-in`'s question).
pub fn intro(prompt: &Prompt) -> String {
    match prompt {
        Prompt::NewPassword { .. } => {
            "Your account has a temporary password. Choose a new one to go on.".into()
        }
        Prompt::Code {
            kind: CodeKind::SoftwareToken,
            ..
        } => "This account already has an authenticator app. To sign in, type the code that \
              app shows now."
            .into(),
        Prompt::Code { kind, destination } => {
            let by = if *kind == CodeKind::Sms {
                "text message"
            } else {
                "e-mail"
            };
            match destination {
                Some(to) => format!("Cognito sent a code by {by} to {}.", one_line(to)),
                None => format!("Cognito sent a code by {by}."),
            }
        }
        Prompt::SelectMfaType { .. } => "How do you want to confirm this sign-in?".into(),
    }
}

/// The warning a user replacing an authenticator must read before going on.
pub const REPLACING: &str = "Once you verify the new entry, the old entry in your app stops \
     working: delete it then.";

pub const NEW_PASSWORD: &str = "New password";
pub const NEW_PASSWORD_AGAIN: &str = "Again";
pub const NEW_PASSWORD_AGAIN_PROMPT: &str = "New password again";
pub const CODE: &str = "Code";

/// What to call an MFA method Cognito names.
pub fn method_label(name: &str) -> String {
    match name {
        "SOFTWARE_TOKEN_MFA" => "Authenticator app".into(),
        "SMS_MFA" => "Text message (SMS)".into(),
        "EMAIL_OTP" => "E-mail".into(),
        other => one_line(other).into_owned(),
    }
}

/// The numbered list of methods SELECT_MFA_TYPE offers, one line each.
pub fn method_lines(choices: &[String]) -> Vec<String> {
    choices
        .iter()
        .enumerate()
        .map(|(i, c)| format!("  {}. {}", i + 1, method_label(c)))
        .collect()
}

/// The question after the list of methods; plain mode adds how to quit.
pub fn method_question(count: usize, with_quit: bool) -> String {
    if with_quit {
        format!("Method (1-{count}, q to quit): ")
    } else {
        format!("Method (1-{count}): ")
    }
}

pub const PICK_A_NUMBER: &str = "Type one of the numbers shown.";

pub fn challenge_problem(problem: &ChallengeProblem) -> String {
    match problem {
        ChallengeProblem::NoNewPassword => "Type a new password.".into(),
        ChallengeProblem::NoRepeat => "Type the new password again.".into(),
        ChallengeProblem::PasswordsDiffer => "The two passwords differ; type them again.".into(),
        ChallengeProblem::MissingAttribute(name) => {
            format!("Type a value for {}.", one_line(name))
        }
        ChallengeProblem::NotACode(e) => super::enroll::not_a_code(e),
        ChallengeProblem::SentCodeLength => "Type the code you were sent (6 to 8 digits).".into(),
        ChallengeProblem::OnlyDigits => "Only digits: type the code you were given.".into(),
        ChallengeProblem::NoMethodOffered => "Cognito offered no MFA method to choose.".into(),
        ChallengeProblem::WrongCode => {
            "That code did not match. Type the code just sent, or ask for a new one by signing \
             in again."
                .into()
        }
        ChallengeProblem::WrongAppCode => "That code did not match. Type the code your \
                                           authenticator app shows now (check that the phone \
                                           sets its clock automatically)."
            .into(),
        ChallengeProblem::Refused(message) => message.clone(),
        ChallengeProblem::Denied(denial) => super::refusals::denial(denial),
    }
}

pub fn keychain_note(note: &KeychainNote) -> String {
    match note {
        KeychainNote::Stored => {
            "Sign-in remembered in the keychain; `cognito-mfa forget` removes it.".into()
        }
        KeychainNote::HelpdeskNeverStores => {
            "Not remembered: helpdesk mode never stores a sign-in.".into()
        }
        KeychainNote::NoRefreshToken => {
            "Cognito sent no refresh token: nothing to remember.".into()
        }
        KeychainNote::Failed(e) => format!("Not remembered: {e}. The sign-in itself succeeded."),
    }
}
