//! The end of the journey: what Cognito reports once MFA is on, for the done screen.

use crate::wizard::msg::{Cmd, Completed, Credential};
use crate::wizard::reasons::EnrollResult;
use crate::wizard::state::{Step, Wizard};
use crate::wizard::steps::Summary;

pub(super) fn on_completed(w: &mut Wizard, completed: Completed) -> Vec<Cmd> {
    let Step::Finishing(finishing) = &w.step else {
        return Vec::new();
    };
    let finishing = finishing.clone();
    w.now = w.now.max(completed.at);
    let session_flow = matches!(w.credential, Some(Credential::Session(_)));
    let (result, mfa_methods, preferred_mfa) = match &completed.user {
        Some(user) if session_flow => (
            EnrollResult::SetUpAndSignedIn,
            user.mfa_methods.clone(),
            user.preferred_mfa.clone(),
        ),
        Some(user) => {
            let on = user.mfa_methods.iter().any(|m| m == "SOFTWARE_TOKEN_MFA");
            let preferred = user.preferred_mfa.as_deref() == Some("SOFTWARE_TOKEN_MFA");
            let result = match (on, preferred) {
                (true, true) => EnrollResult::OnAndPreferred,
                (true, false) => EnrollResult::On,
                (false, _) => EnrollResult::NotListed,
            };
            (result, user.mfa_methods.clone(), user.preferred_mfa.clone())
        }
        None => (EnrollResult::SetUpAndSignedIn, Vec::new(), None),
    };
    if let Some(user) = completed.user {
        w.user = Some(user);
    }
    w.step = Step::Done(Summary {
        user: w.user_name().unwrap_or_default(),
        account: finishing.account,
        issuer: w.settings.issuer.clone(),
        device: finishing.device,
        time: completed.at,
        result,
        mfa_methods,
        preferred_mfa,
        qr_shown: w.secret_shown,
        code_accepted: w.app_registered,
    });
    Vec::new()
}
