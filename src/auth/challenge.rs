//! Reading Cognito's challenges: their names, the lists in their parameters, and what the user
//! must be asked for each.

use std::collections::BTreeMap;

/// Every challenge name the sign-in flow may meet, as Cognito spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChallengeName {
    PasswordVerifier,
    NewPasswordRequired,
    MfaSetup,
    SelectMfaType,
    /// Choice-based sign-in asks which first factor (USER_AUTH).
    SelectChallenge,
    SoftwareTokenMfa,
    SmsMfa,
    EmailOtp,
    /// Any other challenge (DEVICE_SRP_AUTH, CUSTOM_CHALLENGE, WEB_AUTHN …): not supported.
    Other(String),
}

impl ChallengeName {
    pub fn parse(name: &str) -> Self {
        match name {
            "PASSWORD_VERIFIER" => Self::PasswordVerifier,
            "NEW_PASSWORD_REQUIRED" => Self::NewPasswordRequired,
            "MFA_SETUP" => Self::MfaSetup,
            "SELECT_MFA_TYPE" => Self::SelectMfaType,
            "SELECT_CHALLENGE" => Self::SelectChallenge,
            "SOFTWARE_TOKEN_MFA" => Self::SoftwareTokenMfa,
            "SMS_MFA" => Self::SmsMfa,
            "EMAIL_OTP" => Self::EmailOtp,
            other => Self::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::PasswordVerifier => "PASSWORD_VERIFIER",
            Self::NewPasswordRequired => "NEW_PASSWORD_REQUIRED",
            Self::MfaSetup => "MFA_SETUP",
            Self::SelectMfaType => "SELECT_MFA_TYPE",
            Self::SelectChallenge => "SELECT_CHALLENGE",
            Self::SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA",
            Self::SmsMfa => "SMS_MFA",
            Self::EmailOtp => "EMAIL_OTP",
            Self::Other(name) => name,
        }
    }
}

/// Which one-time code a challenge wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// From the authenticator app (SOFTWARE_TOKEN_MFA).
    SoftwareToken,
    /// Sent by text message (SMS_MFA).
    Sms,
    /// Sent by e-mail (EMAIL_OTP).
    Email,
}

impl CodeKind {
    pub fn challenge(self) -> ChallengeName {
        match self {
            Self::SoftwareToken => ChallengeName::SoftwareTokenMfa,
            Self::Sms => ChallengeName::SmsMfa,
            Self::Email => ChallengeName::EmailOtp,
        }
    }

    /// The ChallengeResponses key the code goes under.
    pub fn response_key(self) -> &'static str {
        match self {
            Self::SoftwareToken => "SOFTWARE_TOKEN_MFA_CODE",
            Self::Sms => "SMS_MFA_CODE",
            Self::Email => "EMAIL_OTP_CODE",
        }
    }
}

/// What the user must be asked before the sign-in can go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// A new password (the account was created with a temporary one), and any attributes the
    /// pool requires that the user has no value for yet (names without `userAttributes.`).
    NewPassword { required_attributes: Vec<String> },
    /// A one-time code; `destination` is the masked phone number or address it went to.
    Code {
        kind: CodeKind,
        destination: Option<String>,
    },
    /// Which MFA method to use this time, from Cognito's list (e.g. SMS_MFA,
    /// SOFTWARE_TOKEN_MFA, EMAIL_OTP).
    SelectMfaType { choices: Vec<String> },
}

/// The user's answer to a `Prompt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The new password, and values for required attributes (names without the prefix).
    NewPassword {
        password: crate::secret::Sensitive,
        attributes: Vec<(String, String)>,
    },
    Code(crate::secret::Sensitive),
    /// One of the `SelectMfaType` choices.
    MfaType(String),
}

/// A list in a challenge parameter: real Cognito sends JSON text (`["SOFTWARE_TOKEN_MFA"]`),
/// moto a Python list (`['SOFTWARE_TOKEN_MFA']`). Both, and a bare comma list, are read.
pub fn parse_name_list(text: &str) -> Vec<String> {
    if let Ok(list) = serde_json::from_str::<Vec<String>>(text) {
        return list;
    }
    let inner = text.trim();
    let inner = inner.strip_prefix('[').unwrap_or(inner);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    inner
        .split(',')
        .map(|item| item.trim().trim_matches(|c| c == '\'' || c == '"').trim())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The prompt a challenge needs, or `None` for challenges that are not prompts.
pub fn prompt_for(name: &ChallengeName, parameters: &BTreeMap<String, String>) -> Option<Prompt> {
    let destination = || parameters.get("CODE_DELIVERY_DESTINATION").cloned();
    let code = |kind| Prompt::Code {
        kind,
        destination: destination(),
    };
    match name {
        ChallengeName::NewPasswordRequired => Some(Prompt::NewPassword {
            required_attributes: parameters
                .get("requiredAttributes")
                .map(|text| parse_name_list(text))
                .unwrap_or_default()
                .into_iter()
                .map(|a| a.strip_prefix("userAttributes.").unwrap_or(&a).to_owned())
                .collect(),
        }),
        ChallengeName::SoftwareTokenMfa => Some(code(CodeKind::SoftwareToken)),
        ChallengeName::SmsMfa => Some(code(CodeKind::Sms)),
        ChallengeName::EmailOtp => Some(code(CodeKind::Email)),
        ChallengeName::SelectMfaType => Some(Prompt::SelectMfaType {
            choices: parameters
                .get("MFAS_CAN_CHOOSE")
                .map(|text| parse_name_list(text))
                .unwrap_or_default(),
        }),
        _ => None,
    }
}
