//! Choice-based sign-in (USER_AUTH): SELECT_CHALLENGE answered with the password, over SRP
//! when the pool id is known (PASSWORD_SRP), else as it is (PASSWORD).

use super::{ChallengeName, FlowError, SignIn, Step};
use crate::auth::srp::SrpClient;
use crate::cognito::wire::{AuthResponse, SecretParams};
use crate::secret::Sensitive;

impl SignIn {
    pub(super) fn select_challenge(&mut self, response: &AuthResponse) -> Result<Step, FlowError> {
        let session = response
            .session
            .clone()
            .ok_or_else(|| FlowError::MissingSession("SELECT_CHALLENGE".into()))?;
        let offered = response.available_challenges.clone().unwrap_or_default();
        let offers = |name: &str| offered.iter().any(|c| c == name);
        let Some(password) = self.password.clone() else {
            return Err(FlowError::PasswordRequired("SELECT_CHALLENGE"));
        };
        let mut responses = SecretParams::new();
        responses.insert("USERNAME".into(), self.username.as_str().into());
        if offers("PASSWORD_SRP") && self.pool_id.is_some() {
            let srp = SrpClient::generate();
            responses.insert("ANSWER".into(), "PASSWORD_SRP".into());
            responses.insert("SRP_A".into(), Sensitive::new(srp.srp_a()));
            self.srp = Some(srp);
        } else if offers("PASSWORD") {
            responses.insert("ANSWER".into(), "PASSWORD".into());
            responses.insert("PASSWORD".into(), password);
        } else {
            return Err(FlowError::Unsupported(format!(
                "SELECT_CHALLENGE ({})",
                crate::safe_text::one_line(&offered.join(", "))
            )));
        }
        self.add_secret_hash(&mut responses);
        Ok(Step::Send(self.respond(
            ChallengeName::SelectChallenge,
            Some(session),
            responses,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::flow::{AppClient, AuthFlow, Credential, SignInRequest};

    fn start(pool_id: Option<&str>) -> (SignIn, SignInRequest) {
        let client = AppClient {
            client_id: "c".into(),
            client_secret: None,
        };
        SignIn::start(
            client,
            "jane",
            Credential::Password("pw".into()),
            AuthFlow::UserAuth,
            pool_id,
        )
        .unwrap()
    }

    fn select(offered: &[&str]) -> AuthResponse {
        AuthResponse {
            challenge_name: Some("SELECT_CHALLENGE".into()),
            session: Some("s1".into()),
            challenge_parameters: Some(Default::default()),
            available_challenges: Some(offered.iter().map(|c| (*c).to_owned()).collect()),
            ..AuthResponse::default()
        }
    }

    fn param<'a>(params: &'a SecretParams, key: &str) -> Option<&'a str> {
        params.get(key).map(Sensitive::expose)
    }

    #[test]
    fn user_auth_prefers_srp_with_a_pool_id_else_the_password() {
        let (_, SignInRequest::Initiate(first)) = start(Some("eu-west-1_Pool")) else {
            panic!("not InitiateAuth");
        };
        assert_eq!(first.auth_flow, "USER_AUTH");
        let p = &first.auth_parameters;
        assert_eq!(param(p, "PREFERRED_CHALLENGE"), Some("PASSWORD_SRP"));
        assert!(p.contains_key("SRP_A") && !p.contains_key("PASSWORD"));
        let (_, SignInRequest::Initiate(first)) = start(None) else {
            panic!("not InitiateAuth");
        };
        let p = &first.auth_parameters;
        assert_eq!(param(p, "PREFERRED_CHALLENGE"), Some("PASSWORD"));
        assert_eq!(param(p, "PASSWORD"), Some("pw"));
    }

    #[test]
    fn select_challenge_is_answered_with_the_password() {
        let (mut flow, _) = start(Some("eu-west-1_Pool"));
        let Ok(Step::Send(SignInRequest::Respond(r))) =
            flow.on_response(&select(&["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]))
        else {
            panic!("no answer");
        };
        assert_eq!(r.challenge_name, "SELECT_CHALLENGE");
        assert_eq!(
            param(&r.challenge_responses, "ANSWER"),
            Some("PASSWORD_SRP")
        );
        assert!(r.challenge_responses.contains_key("SRP_A"));

        let (mut flow, _) = start(None);
        let Ok(Step::Send(SignInRequest::Respond(r))) =
            flow.on_response(&select(&["PASSWORD", "PASSWORD_SRP"]))
        else {
            panic!("no answer");
        };
        assert_eq!(param(&r.challenge_responses, "ANSWER"), Some("PASSWORD"));
        assert_eq!(param(&r.challenge_responses, "PASSWORD"), Some("pw"));

        let (mut flow, _) = start(None);
        assert!(matches!(
            flow.on_response(&select(&["WEB_AUTHN"])),
            Err(FlowError::Unsupported(_))
        ));
    }
}
