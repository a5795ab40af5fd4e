//! GetUser and SetUserMFAPreference: what the access token's user has set up.

use super::fault::Fault;
use super::ops_admin::refuse_sms_and_email;
use super::pool::PoolState;
use crate::cognito::wire::{
    GetUserRequest, GetUserResponse, SetUserMfaPreferenceRequest, SetUserMfaPreferenceResponse,
};

pub fn get_user(
    state: &mut PoolState,
    now: u64,
    req: GetUserRequest,
) -> Result<GetUserResponse, Fault> {
    let username = state.authorize(req.access_token.expose(), now)?.username;
    let mfa = state.mfa();
    let user = state.user_mut(&username)?;
    let (user_mfa_setting_list, preferred_mfa_setting) = user.mfa_listing(mfa);
    Ok(GetUserResponse {
        username: user.username.clone(),
        user_attributes: user.attributes(),
        preferred_mfa_setting,
        user_mfa_setting_list,
    })
}

pub fn set_user_mfa_preference(
    state: &mut PoolState,
    now: u64,
    req: SetUserMfaPreferenceRequest,
) -> Result<SetUserMfaPreferenceResponse, Fault> {
    let username = state.authorize(req.access_token.expose(), now)?.username;
    refuse_sms_and_email(req.sms_mfa_settings, req.email_mfa_settings)?;
    let user = state.user_mut(&username)?;
    if let Some(settings) = req.software_token_mfa_settings {
        let enabled = settings.enabled.unwrap_or(user.totp_enabled);
        let preferred = settings.preferred_mfa.unwrap_or(user.totp_preferred);
        if (enabled || preferred) && user.token.is_none() {
            return Err(Fault::invalid_parameter(
                "User has not verified software token mfa",
            ));
        }
        if preferred && !enabled {
            return Err(Fault::invalid_parameter(
                "A preferred MFA method must also be enabled",
            ));
        }
        user.totp_enabled = enabled;
        user.totp_preferred = preferred;
        user.touch(now.saturating_mul(1000));
    }
    Ok(SetUserMfaPreferenceResponse {})
}
