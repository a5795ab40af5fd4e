//! Cognito's refusals in plain words: what happened, who can fix it (the user, or the pool's
//! administrator and the setting to change), and Cognito's own words last, for a ticket.

use crate::wizard::reasons::{Denial, Fixer, Refusal};

/// What happened and who can fix it.
pub fn what(refusal: &Refusal) -> String {
    match refusal {
        Refusal::WrongPassword => "The user name or password is wrong. Check both and type the \
                                   password again."
            .into(),
        Refusal::UserNotFound => "There is no user with that name in this pool. Check the user \
                                  name (it may be your e-mail address)."
            .into(),
        Refusal::UserDisabled => "This account is disabled. Only the pool's administrator can \
                                  enable it again (Enable user, in the Cognito console)."
            .into(),
        Refusal::UserNotConfirmed => "This account is not confirmed yet. Confirm it with the \
                                      code you were sent when it was created (or ask the pool's \
                                      administrator to confirm it), then run this again."
            .into(),
        Refusal::PasswordResetRequired => "You must reset your password before signing in. Use \
                                           your application's \"forgot password\" link (or ask \
                                           the pool's administrator to reset it), then run this \
                                           again."
            .into(),
        Refusal::TokenExpired => "The access token is no longer valid: it expired (they last an \
                                  hour by default), was revoked, or is not from this pool. Sign \
                                  in again to get a new one."
            .into(),
        Refusal::FlowNotEnabled { flow } => format!(
            "This app client does not allow signing in with {}. The pool's administrator can \
             allow it (the app client's authentication flows, e.g. ALLOW_USER_SRP_AUTH or \
             ALLOW_USER_PASSWORD_AUTH), or give you the id of a client that does.",
            flow_name(flow)
        ),
        Refusal::FlowNeedsPoolId { flow } => format!(
            "This app client does not allow signing in with {}, and the other way (SRP) needs \
             the user pool's id: type it in the Pool id field with your password (e.g. \
             eu-west-1_AbC123), or run again with --user-pool-id. The pool's administrator can tell you it.",
            flow_name(flow)
        ),
        Refusal::TotpDisabledInPool => "This user pool does not allow authenticator apps. Only \
                                        the pool's administrator can turn them on (MFA settings: \
                                        Authenticator apps / software token MFA); enrolling \
                                        again will not help until then."
            .into(),
        Refusal::ExpiredCode => "That code has expired. Use the newest code your app shows.".into(),
        Refusal::TooManyFailedAttempts => "Too many failed attempts: Cognito blocks this account \
                                           for a while. Wait a few minutes, then try again."
            .into(),
        Refusal::LimitExceeded => "A Cognito limit for this pool was reached. Wait a few \
                                   minutes, then try again; if it keeps happening, tell the \
                                   pool's administrator."
            .into(),
        Refusal::TooManyRequests => "Cognito is receiving too many requests and asked us to slow \
                                     down. Wait a minute, then try again."
            .into(),
        Refusal::InvalidPassword => "The new password does not meet the pool's password policy. \
                                     Choose a longer or more varied one."
            .into(),
        Refusal::InvalidUserPoolConfiguration => "The user pool is not set up for this (for \
                                                   example its MFA settings). Only the pool's \
                                                   administrator can change that."
            .into(),
        Refusal::ResourceNotFound => "Cognito does not know this app client or user pool. Check \
                                      the client id and the region (--region, or the one in the \
                                      pool id); the pool's administrator can tell you both."
            .into(),
        Refusal::Forbidden => "AWS WAF blocked the request to this user pool. Only the pool's \
                               administrator can change that (the web ACL on the pool)."
            .into(),
        Refusal::Lambda => "A Lambda trigger of the user pool failed or refused. Only the pool's \
                            administrator can fix it."
            .into(),
        Refusal::CannotDeliver => "The user pool cannot send text messages or e-mail. Only the \
                                   pool's administrator can fix it (its SMS role or SES \
                                   settings)."
            .into(),
        Refusal::NotVerified => "Cognito does not count the authenticator as verified yet. Run \
                                 the enrollment again."
            .into(),
        Refusal::Other => "Cognito refused the request.".into(),
    }
}

/// "USER_SRP_AUTH" → "SRP (USER_SRP_AUTH)", in the words a user may have seen.
fn flow_name(flow: &str) -> String {
    match flow {
        "USER_PASSWORD_AUTH" => "a password (USER_PASSWORD_AUTH)".into(),
        "USER_SRP_AUTH" => "a password over SRP (USER_SRP_AUTH)".into(),
        "USER_AUTH" => "choice-based sign-in (USER_AUTH)".into(),
        "" => "this sign-in flow".into(),
        other => crate::safe_text::one_line(other).into_owned(),
    }
}

/// Who can fix it, in a few words (for the summary and plain mode).
pub fn fixer(fixer: Fixer) -> &'static str {
    match fixer {
        Fixer::User => "you can fix this here",
        Fixer::UserElsewhere => "you can fix this outside this program",
        Fixer::Administrator => "only the user pool's administrator can fix this",
    }
}

/// The whole message: what happened, who fixes it, and what Cognito said.
pub fn denial(denial: &Denial) -> String {
    if denial.said.is_empty() {
        return what(&denial.refusal);
    }
    // One paragraph: forms draw a problem as one wrapped line.
    format!("{} Cognito said: {}.", what(&denial.refusal), denial.said)
}
