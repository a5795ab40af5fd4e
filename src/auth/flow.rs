//! Sign-in as a state machine over Cognito's challenges. No I/O: `SignIn::start` gives the
//! first request to send; each answer from Cognito goes to `on_response`, which gives the next
//! `Step`: another request (PASSWORD_VERIFIER is answered here, with SRP), a prompt for the
//! caller to answer with `answer`, MFA_SETUP (enroll on its session, then `finish_mfa_setup`),
//! or tokens. SECRET_HASH goes on every request when the app client has a secret.
//!
//! ```no_run
//! # use cognito_mfa::auth::flow::*;
//! # use cognito_mfa::secret::Sensitive;
//! # fn send(_: &SignInRequest) -> cognito_mfa::cognito::wire::AuthResponse { todo!() }
//! # fn ask(_: &Prompt) -> Answer { todo!() }
//! # fn main() -> Result<(), FlowError> {
//! let client = AppClient { client_id: "abc".into(), client_secret: None };
//! let credential = Credential::Password(Sensitive::new("p"));
//! let (mut flow, mut request) =
//!     SignIn::start(client, "alice", credential, AuthFlow::UserSrp, Some("eu-west-1_Pool"))?;
//! loop {
//!     match flow.on_response(&send(&request))? {
//!         Step::Send(next) => request = next,
//!         Step::Prompt(prompt) => request = flow.answer(ask(&prompt))?,
//!         Step::MfaSetup(setup) => { /* associate + verify on setup.session */ break }
//!         Step::Tokens(tokens) => { /* signed in */ break }
//!     }
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use time::OffsetDateTime;

use super::challenge::prompt_for;
pub use super::challenge::{Answer, ChallengeName, CodeKind, Prompt, parse_name_list};
pub use super::flow_types::{
    AppClient, AuthFlow, Credential, FlowError, MfaSetup, SignInRequest, Step,
};
use super::secret_hash::secret_hash;
use super::srp::{PasswordVerifierChallenge, SrpClient, pool_name};
use crate::cognito::wire::{
    AuthResponse, InitiateAuthRequest, RespondToAuthChallengeRequest, SecretParams,
};
use crate::secret::Sensitive;

/// A challenge that waits for the caller.
#[derive(Debug, Clone)]
struct Pending {
    challenge: ChallengeName,
    session: Option<Sensitive>,
    prompt: Option<Prompt>,
}

/// One sign-in, from the first request to tokens.
#[derive(Debug)]
pub struct SignIn {
    client: AppClient,
    /// The name Cognito knows the user by: the one typed until a challenge names another.
    username: String,
    pool_id: Option<String>,
    password: Option<Sensitive>,
    srp: Option<SrpClient>,
    pending: Option<Pending>,
    /// The flow of the first request.
    flow: AuthFlow,
    /// The password, until Cognito answers the first request: an app client that refuses the
    /// flow can be asked again with another (`restart_with`).
    first_password: Option<Sensitive>,
}

impl SignIn {
    /// The sign-in and its first request (InitiateAuth).
    pub fn start(
        client: AppClient,
        username: &str,
        credential: Credential,
        flow: AuthFlow,
        pool_id: Option<&str>,
    ) -> Result<(Self, SignInRequest), FlowError> {
        let mut params = SecretParams::new();
        let mut this = Self {
            client,
            username: username.to_owned(),
            pool_id: pool_id.map(str::to_owned),
            password: None,
            srp: None,
            pending: None,
            flow,
            first_password: None,
        };
        if let Credential::Password(password) = &credential {
            this.first_password = Some(password.clone());
        }
        match (flow, credential) {
            (AuthFlow::UserSrp, Credential::Password(password)) => {
                let pool_id = this.pool_id.as_deref().ok_or(FlowError::PoolIdRequired)?;
                pool_name(pool_id)?;
                let srp = SrpClient::generate();
                params.insert("USERNAME".into(), username.into());
                params.insert("SRP_A".into(), Sensitive::new(srp.srp_a()));
                this.srp = Some(srp);
                this.password = Some(password);
            }
            (AuthFlow::UserPassword, Credential::Password(password)) => {
                params.insert("USERNAME".into(), username.into());
                params.insert("PASSWORD".into(), password);
            }
            (AuthFlow::UserAuth, Credential::Password(password)) => {
                params.insert("USERNAME".into(), username.into());
                match this.pool_id.as_deref() {
                    Some(pool_id) => {
                        pool_name(pool_id)?;
                        let srp = SrpClient::generate();
                        params.insert("PREFERRED_CHALLENGE".into(), "PASSWORD_SRP".into());
                        params.insert("SRP_A".into(), Sensitive::new(srp.srp_a()));
                        this.srp = Some(srp);
                    }
                    None => {
                        params.insert("PREFERRED_CHALLENGE".into(), "PASSWORD".into());
                        params.insert("PASSWORD".into(), password.clone());
                    }
                }
                // Kept for PASSWORD_VERIFIER, or for SELECT_CHALLENGE's answer.
                this.password = Some(password);
            }
            (AuthFlow::RefreshToken, Credential::RefreshToken(token)) => {
                params.insert("REFRESH_TOKEN".into(), token);
            }
            (AuthFlow::RefreshToken, Credential::Password(_)) => {
                return Err(FlowError::RefreshTokenRequired);
            }
            (flow, Credential::RefreshToken(_)) => {
                return Err(FlowError::PasswordRequired(flow.as_str()));
            }
        }
        this.add_secret_hash(&mut params);
        let request = SignInRequest::Initiate(InitiateAuthRequest {
            auth_flow: flow.as_str().to_owned(),
            auth_parameters: params,
            client_id: this.client.client_id.clone(),
        });
        Ok((this, request))
    }

    /// A sign-in already at MFA_SETUP, from an earlier run: only `finish_mfa_setup` is left.
    /// `username` is the name Cognito knows the user by.
    pub fn at_mfa_setup(client: AppClient, username: &str) -> Self {
        Self {
            client,
            username: username.to_owned(),
            pool_id: None,
            password: None,
            srp: None,
            pending: Some(Pending {
                challenge: ChallengeName::MfaSetup,
                session: None,
                prompt: None,
            }),
            flow: AuthFlow::UserSrp,
            first_password: None,
        }
    }

    /// The flow the sign-in started with.
    pub fn flow(&self) -> AuthFlow {
        self.flow
    }

    /// The app client refused the first request's flow: the same sign-in with `flow`, while
    /// the password is still held (before Cognito has answered anything).
    pub fn restart_with(self, flow: AuthFlow) -> Result<(Self, SignInRequest), FlowError> {
        let Some(password) = self.first_password else {
            return Err(FlowError::PasswordRequired(flow.as_str()));
        };
        let pool_id = self.pool_id.clone();
        Self::start(
            self.client,
            &self.username,
            Credential::Password(password),
            flow,
            pool_id.as_deref(),
        )
    }

    /// The name SECRET_HASH and challenge answers use: the internal username once Cognito has
    /// named it (USERNAME or USER_ID_FOR_SRP in a challenge), else the one signed in with.
    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn client(&self) -> &AppClient {
        &self.client
    }

    /// The next step after Cognito's answer. PASSWORD_VERIFIER is signed at the current time.
    pub fn on_response(&mut self, response: &AuthResponse) -> Result<Step, FlowError> {
        self.on_response_at(response, OffsetDateTime::now_utc())
    }

    /// `on_response` with the time PASSWORD_VERIFIER is signed at.
    pub fn on_response_at(
        &mut self,
        response: &AuthResponse,
        now: OffsetDateTime,
    ) -> Result<Step, FlowError> {
        self.pending = None;
        self.first_password = None;
        let Some(name) = response.challenge_name.as_deref() else {
            return match &response.authentication_result {
                Some(tokens) => Ok(Step::Tokens(tokens.clone())),
                None => Err(FlowError::EmptyResponse),
            };
        };
        let empty = BTreeMap::new();
        let parameters = response.challenge_parameters.as_ref().unwrap_or(&empty);
        let challenge = ChallengeName::parse(name);
        if let ChallengeName::Other(name) = challenge {
            return Err(FlowError::Unsupported(name));
        }
        if let Some(named) = parameters
            .get("USERNAME")
            .or_else(|| parameters.get("USER_ID_FOR_SRP"))
            .filter(|n| !n.is_empty())
        {
            self.username = named.clone();
        }
        if challenge == ChallengeName::PasswordVerifier {
            return self.password_verifier(response, parameters, now);
        }
        if challenge == ChallengeName::SelectChallenge {
            return self.select_challenge(response);
        }
        let session = response
            .session
            .clone()
            .ok_or_else(|| FlowError::MissingSession(challenge.as_str().to_owned()))?;
        if challenge == ChallengeName::MfaSetup {
            self.pending = Some(Pending {
                challenge,
                session: None,
                prompt: None,
            });
            return Ok(Step::MfaSetup(MfaSetup {
                session,
                username: self.username.clone(),
                mfas_can_setup: parameters
                    .get("MFAS_CAN_SETUP")
                    .map(|text| parse_name_list(text))
                    .unwrap_or_default(),
            }));
        }
        let prompt = prompt_for(&challenge, parameters)
            .ok_or_else(|| FlowError::Unsupported(challenge.as_str().to_owned()))?;
        self.pending = Some(Pending {
            challenge,
            session: Some(session),
            prompt: Some(prompt.clone()),
        });
        Ok(Step::Prompt(prompt))
    }

    fn password_verifier(
        &mut self,
        response: &AuthResponse,
        parameters: &BTreeMap<String, String>,
        now: OffsetDateTime,
    ) -> Result<Step, FlowError> {
        let (Some(srp), Some(password), Some(pool_id)) = (&self.srp, &self.password, &self.pool_id)
        else {
            return Err(FlowError::UnexpectedPasswordVerifier);
        };
        let mut challenge = PasswordVerifierChallenge::from_parameters(parameters, &self.username)?;
        // Cognito's SECRET_BLOCK is base64. moto sends its session id (a UUID) and checks no
        // signature: sign over the text's bytes, and send the block back exactly as received.
        let received_block = challenge.secret_block.clone();
        if STANDARD.decode(received_block.expose()).is_err() {
            challenge.secret_block = Sensitive::new(STANDARD.encode(received_block.expose()));
        }
        let mut answer = srp.respond(&challenge, pool_id, password, now)?;
        answer.password_claim_secret_block = received_block;
        let mut responses = answer.into_challenge_responses();
        self.username = challenge.username;
        self.add_secret_hash(&mut responses);
        Ok(Step::Send(self.respond(
            ChallengeName::PasswordVerifier,
            response.session.clone(),
            responses,
        )))
    }

    /// The request that answers the prompt `on_response` gave. The prompt stays open until the
    /// next `on_response`, so a refused answer (a wrong code, a password the policy rejects) can
    /// be answered again on the same session.
    pub fn answer(&mut self, answer: Answer) -> Result<SignInRequest, FlowError> {
        let pending = self.pending.clone().ok_or(FlowError::NoPendingPrompt)?;
        let mut responses = SecretParams::new();
        match (&pending.prompt, answer) {
            (
                Some(Prompt::NewPassword { .. }),
                Answer::NewPassword {
                    password,
                    attributes,
                },
            ) => {
                responses.insert("NEW_PASSWORD".into(), password);
                for (name, value) in attributes {
                    responses.insert(format!("userAttributes.{name}"), value.into());
                }
            }
            (Some(Prompt::Code { kind, .. }), Answer::Code(code)) => {
                responses.insert(kind.response_key().into(), code);
            }
            (Some(Prompt::SelectMfaType { choices }), Answer::MfaType(choice)) => {
                if !choices.contains(&choice) {
                    return Err(FlowError::InvalidChoice(choice));
                }
                responses.insert("ANSWER".into(), choice.into());
            }
            _ => return Err(FlowError::NoPendingPrompt),
        }
        responses.insert("USERNAME".into(), self.username.as_str().into());
        self.add_secret_hash(&mut responses);
        Ok(self.respond(pending.challenge, pending.session, responses))
    }

    /// After the user verified a TOTP on the MFA_SETUP session: the RespondToAuthChallenge
    /// MFA_SETUP that ends the sign-in, on the session VerifySoftwareToken returned.
    pub fn finish_mfa_setup(&mut self, session: Sensitive) -> Result<SignInRequest, FlowError> {
        match &self.pending {
            Some(p) if p.challenge == ChallengeName::MfaSetup => {}
            _ => return Err(FlowError::NotAtMfaSetup),
        }
        let mut responses = SecretParams::new();
        responses.insert("USERNAME".into(), self.username.as_str().into());
        self.add_secret_hash(&mut responses);
        self.pending = None;
        Ok(self.respond(ChallengeName::MfaSetup, Some(session), responses))
    }

    fn respond(
        &self,
        challenge: ChallengeName,
        session: Option<Sensitive>,
        responses: SecretParams,
    ) -> SignInRequest {
        SignInRequest::Respond(RespondToAuthChallengeRequest {
            client_id: self.client.client_id.clone(),
            challenge_name: challenge.as_str().to_owned(),
            session,
            challenge_responses: responses,
        })
    }

    fn add_secret_hash(&self, params: &mut SecretParams) {
        if let Some(secret) = &self.client.client_secret {
            params.insert(
                "SECRET_HASH".into(),
                secret_hash(secret, &self.username, &self.client.client_id),
            );
        }
    }
}

#[path = "flow_select.rs"]
mod select;

#[cfg(test)]
#[path = "flow_tests/mod.rs"]
mod tests;
