//! GetUser and SetUserMFAPreference: what the access token's user has set up.

use super::config::MfaConfiguration;
use super::fault::Fault;
use super::pool::{PoolState, SOFTWARE_TOKEN_MFA};
use crate::cognito::wire::{
    AttributeType, GetUserRequest, GetUserResponse, SetUserMfaPreferenceRequest,
    SetUserMfaPreferenceResponse,
};

pub fn get_user(
    state: &mut PoolState,
    now: u64,
    req: GetUserRequest,
) -> Result<GetUserResponse, Fault> {
    let username = state.authorize(req.access_token.expose(), now)?.username;
    let mfa = state.mfa();
    let user = state.user_mut(&username)?;
    let mut attributes = vec![AttributeType {
        name: "sub".into(),
        value: Some(user.sub.clone()),
    }];
    if let Some(email) = &user.email {
        attributes.push(AttributeType {
            name: "email_verified".into(),
            value: Some("true".into()),
        });
        attributes.push(AttributeType {
            name: "email".into(),
            value: Some(email.clone()),
        });
    }
    // What sign-in asks for: with MFA OFF nothing, so nothing is listed.
    let enabled = user.token.is_some()
        && match mfa {
            MfaConfiguration::On => true,
            MfaConfiguration::Optional => user.totp_enabled,
            MfaConfiguration::Off => false,
        };
    Ok(GetUserResponse {
        username: user.username.clone(),
        user_attributes: attributes,
        preferred_mfa_setting: (enabled && user.totp_preferred).then(|| SOFTWARE_TOKEN_MFA.into()),
        user_mfa_setting_list: enabled.then(|| vec![SOFTWARE_TOKEN_MFA.into()]),
    })
}

pub fn set_user_mfa_preference(
    state: &mut PoolState,
    now: u64,
    req: SetUserMfaPreferenceRequest,
) -> Result<SetUserMfaPreferenceResponse, Fault> {
    let username = state.authorize(req.access_token.expose(), now)?.username;
    let turns_on = |s: Option<crate::cognito::wire::MfaSettings>| {
        s.is_some_and(|s| s.enabled == Some(true) || s.preferred_mfa == Some(true))
    };
    if turns_on(req.sms_mfa_settings) {
        return Err(Fault::invalid_parameter(
            "User does not have delivery config set to turn on SMS_MFA",
        ));
    }
    if turns_on(req.email_mfa_settings) {
        return Err(Fault::invalid_parameter(
            "Email MFA is not enabled for this user pool",
        ));
    }
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
    }
    Ok(SetUserMfaPreferenceResponse {})
}
