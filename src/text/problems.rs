//! What went wrong, in words: the error screen, plain mode, and the message printed after the
//! wizard ends.

use crate::wizard::reasons::Problem;

/// What happened and what to do about it.
pub fn problem(problem: &Problem) -> String {
    match problem {
        Problem::Network(message) => {
            format!("{message}\nCheck your connection, then try again.")
        }
        Problem::StillThrottled => "Cognito is still asking us to slow down. Wait a minute, then \
                                    try again."
            .into(),
        Problem::Refused(message) => message.clone(),
        Problem::Denied(denial) => super::refusals::denial(denial),
        Problem::WrongCode => super::enroll::WRONG_CODE.into(),
        Problem::NoClientId => "No app client id to sign in with: pass --client-id.".into(),
        Problem::CannotSignIn(e) => format!("Cannot sign in: {e}."),
        Problem::SignInStopped(e) => format!("The sign-in stopped: {e}."),
        Problem::ChallengeStopped(e) => format!("The sign-in cannot go on: {e}."),
        Problem::NoTotpOffered => "The user pool wants this user to set up an MFA method other \
                                   than an authenticator app, which this wizard cannot do. Ask \
                                   the pool's administrator."
            .into(),
        Problem::AnswerWithoutSignIn => {
            "An answer came for a sign-in that is not under way.".into()
        }
        Problem::ChallengeAfterSetup(asked) => {
            let asked = if asked.is_empty() {
                "something unknown".into()
            } else {
                crate::safe_text::one_line(asked)
            };
            format!(
                "MFA is set up, but the sign-in asked for {asked} next, which this wizard cannot \
                 answer. Sign in with your app to finish."
            )
        }
        Problem::NoAccessToken => "Cognito signed the user in but sent no access token.".into(),
        Problem::NoSessionAfterVerify => "Cognito accepted the code but sent no session to \
                                          finish signing in with. Sign in again: your app is set \
                                          up."
        .into(),
        Problem::NoSignInToFinish => "Cognito accepted the code, but there is no sign-in to \
                                      finish. Sign in again: your app is set up."
            .into(),
        Problem::CannotFinish(e) => format!("Cannot finish the sign-in: {e}."),
        Problem::SessionExpired { secret_shown: true } => {
            super::sign_in::SIGN_IN_AGAIN_NEW_SECRET.into()
        }
        Problem::SessionExpired {
            secret_shown: false,
        } => "Your sign-in session expired or was used up. Sign in again to get a new one.".into(),
        Problem::CannotDrawQr(e) => format!("Cannot draw the QR code: {e}."),
    }
}

/// A VerifySoftwareToken answer without `Status`.
pub const NO_VERIFY_STATUS: &str = "Cognito's answer to the code did not say whether it was \
     accepted (no Status), so MFA was not turned on. Try again; if it persists, the endpoint \
     is not Cognito or is misbehaving: tell the pool's administrator.";

/// After the wizard ends without MFA on: what the user does about the app's entry (nothing
/// when no QR code or key was ever shown).
pub fn unfinished_advice(app_registered: bool, secret_shown: bool) -> &'static str {
    if app_registered {
        " Cognito accepted the code, so keep the entry in your app: it is registered. Run the \
         enrollment again to finish turning MFA on."
    } else if secret_shown {
        " Delete any entry you added to your app for this account."
    } else {
        ""
    }
}

pub fn cancelled(app_registered: bool, secret_shown: bool) -> String {
    format!(
        "Enrollment cancelled: authenticator-app MFA is not on.{}",
        unfinished_advice(app_registered, secret_shown)
    )
}

/// The closing message of a wizard that stopped on a problem; `None` when the user has read
/// the problem already (plain mode printed it before asking whether to try again).
pub fn failed(problem: Option<&Problem>, app_registered: bool, secret_shown: bool) -> String {
    let advice = unfinished_advice(app_registered, secret_shown);
    match problem {
        Some(problem) => format!(
            "{}\nAuthenticator-app MFA is not on.{advice}",
            self::problem(problem)
        ),
        None => format!("Authenticator-app MFA is not on.{advice}"),
    }
}
