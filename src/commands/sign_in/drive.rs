//! Runs a sign-in flow against Cognito: sends each request, asks the prompts on a terminal
//! (again after a refused answer), remembers the tokens when asked, prints the last answer.

use super::ask::{Asker, ask};
use crate::auth::SrpError;
use crate::auth::flow::{FlowError, Prompt, SignIn, SignInRequest, Step};
use crate::cli::GlobalArgs;
use crate::cognito::wire::{AuthResponse, AuthenticationResult, Operation};
use crate::cognito::{ApiError, CognitoClient, ServiceErrorKind};
use crate::failure::Failure;
use crate::keychain::{Keychain, Remembered};
use crate::text::sign_in as words;
use crate::wizard::reasons::KeychainNote;

/// Where and what to remember once tokens arrive.
pub struct Remember<'a> {
    pub keychain: &'a Keychain,
    /// The name the user typed: the entry is `<client id>:<this>`.
    pub username: &'a str,
    /// Kept from before (the client secret, and a refresh token Cognito does not resend).
    pub base: &'a Remembered,
}

/// How many answers a prompt gets before a refusal ends the sign-in.
const ATTEMPTS: usize = 3;

/// Drives `flow` from `request` to tokens or to a step the caller must take, and gives the
/// text to print. With `remember`, tokens are stored in the keychain, over `base`'s fields.
pub async fn drive(
    global: &GlobalArgs,
    client: &CognitoClient,
    asker: &mut dyn Asker,
    flow: &mut SignIn,
    mut request: SignInRequest,
    remember: Option<Remember<'_>>,
) -> Result<String, Failure> {
    let mut prompt: Option<(Prompt, usize)> = None;
    loop {
        let (response, operation) = match send(client, &request).await {
            Ok(answer) => answer,
            Err(Failure::Api(ApiError::Service(e)))
                if refusal(e.kind) && prompt.as_ref().is_some_and(|(_, n)| *n < ATTEMPTS) =>
            {
                asker.note(&format!("{}\n{}", e.message, e.kind.hint()));
                let Some((open, n)) = prompt.take() else {
                    continue;
                };
                request = flow.answer(ask(asker, &open)?).map_err(flow_failure)?;
                prompt = Some((open, n + 1));
                continue;
            }
            Err(e) => return Err(e),
        };
        prompt = None;
        match flow.on_response(&response).map_err(flow_failure)? {
            Step::Send(next) => request = next,
            Step::Prompt(open) => {
                if !asker.interactive() {
                    return print(global, &response, operation);
                }
                request = flow.answer(ask(asker, &open)?).map_err(flow_failure)?;
                prompt = Some((open, 1));
            }
            Step::MfaSetup(setup) => {
                if !setup.allows_totp() {
                    asker.note(
                        "This user must set up an MFA method other than an authenticator app.",
                    );
                }
                asker.note(
                    "Next: cognito-mfa associate-software-token --session <Session>, verify-software-token \
                     --session <Session> --user-code <code>, then sign-in --mfa-setup-session \
                     <the Session verify-software-token returned>.",
                );
                return print(global, &response, operation);
            }
            Step::Tokens(tokens) => {
                if let Some(remember) = remember {
                    save(asker, &remember, flow, &tokens);
                }
                return print(global, &response, operation);
            }
        }
    }
}

/// Errors after which the same prompt may be answered again.
fn refusal(kind: ServiceErrorKind) -> bool {
    kind.is_wrong_code()
        || matches!(
            kind,
            ServiceErrorKind::InvalidPassword | ServiceErrorKind::PasswordHistoryPolicyViolation
        )
}

async fn send(
    client: &CognitoClient,
    request: &SignInRequest,
) -> Result<(AuthResponse, &'static str), Failure> {
    Ok(match request {
        SignInRequest::Initiate(r) => (client.call(r).await?, operation_name(r)),
        SignInRequest::Respond(r) => (client.call(r).await?, operation_name(r)),
    })
}

fn operation_name<O: Operation>(_: &O) -> &'static str {
    O::NAME
}

fn print(global: &GlobalArgs, response: &AuthResponse, operation: &str) -> Result<String, Failure> {
    let value = serde_json::to_value(response)
        .map_err(|e| Failure::Other(format!("cannot print the answer: {e}")))?;
    global.render(&value, operation)
}

fn save(
    asker: &mut dyn Asker,
    remember: &Remember<'_>,
    flow: &SignIn,
    tokens: &AuthenticationResult,
) {
    let Some(remembered) = Remembered::after_sign_in(tokens, remember.base, flow.username()) else {
        asker.note(&words::keychain_note(&KeychainNote::NoRefreshToken));
        return;
    };
    let client_id = &flow.client().client_id;
    let note = match remember
        .keychain
        .save(client_id, remember.username, &remembered)
    {
        Ok(()) => KeychainNote::Stored,
        Err(e) => KeychainNote::Failed(e.to_string()),
    };
    asker.note(&words::keychain_note(&note));
}

/// A sign-in that cannot go on: a usage error when the command line is at fault.
pub(super) fn flow_failure(e: FlowError) -> Failure {
    match e {
        FlowError::PoolIdRequired
        | FlowError::Srp(SrpError::InvalidPoolId)
        | FlowError::PasswordRequired(_)
        | FlowError::RefreshTokenRequired => Failure::Usage(e.to_string()),
        other => Failure::Other(other.to_string()),
    }
}
