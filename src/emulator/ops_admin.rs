//! The signed (administrator) operations on one user or the pool: AdminGetUser,
//! AdminSetUserMFAPreference, AdminUserGlobalSignOut, GetUserPoolMfaConfig. The signature was
//! checked before any of these runs (`sigv4_check`); ListUsers is in `list_users`.

use super::admin_wire::{
    AdminGetUserRequest, AdminGetUserResponse, AdminSetUserMfaPreferenceRequest,
    AdminUserGlobalSignOutRequest, Empty, GetUserPoolMfaConfigRequest,
    GetUserPoolMfaConfigResponse, SoftwareTokenMfaConfiguration, epoch_seconds,
};
use super::config::MfaConfiguration;
use super::fault::Fault;
use super::pool::{PoolState, User};
use crate::cognito::wire::MfaSettings;

/// Checks `UserPoolId` as Cognito does: its pattern first, then that it names this pool.
pub fn check_pool(state: &PoolState, user_pool_id: &str) -> Result<(), Fault> {
    let well_formed = (1..=55).contains(&user_pool_id.len())
        && user_pool_id.split_once('_').is_some_and(|(region, name)| {
            !region.is_empty()
                && region
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                && !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if !well_formed {
        return Err(Fault::invalid_parameter(
            "1 validation error detected: Value at 'userPoolId' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
        ));
    }
    if user_pool_id != state.config.pool.id {
        return Err(Fault::new(
            "ResourceNotFoundException",
            format!("User pool {user_pool_id} does not exist."),
        ));
    }
    Ok(())
}

/// The user `username` of the pool `user_pool_id`, checked in Cognito's order.
fn admin_user<'a>(
    state: &'a mut PoolState,
    user_pool_id: &str,
    username: &str,
) -> Result<&'a mut User, Fault> {
    check_pool(state, user_pool_id)?;
    if !(1..=128).contains(&username.chars().count()) {
        return Err(Fault::invalid_parameter(
            "1 validation error detected: Value at 'username' failed to satisfy constraint: \
             Member must have length between 1 and 128",
        ));
    }
    state.user_mut(username)
}

pub fn admin_get_user(
    state: &mut PoolState,
    _now_ms: u64,
    req: AdminGetUserRequest,
) -> Result<AdminGetUserResponse, Fault> {
    let mfa = state.mfa();
    let user = admin_user(state, &req.user_pool_id, &req.username)?;
    let (user_mfa_setting_list, preferred_mfa_setting) = user.mfa_listing(mfa);
    Ok(AdminGetUserResponse {
        username: user.username.clone(),
        user_attributes: user.attributes(),
        user_create_date: epoch_seconds(user.created_ms),
        user_last_modified_date: epoch_seconds(user.modified_ms),
        enabled: user.enabled,
        user_status: user.status_name().into(),
        preferred_mfa_setting,
        user_mfa_setting_list,
    })
}

/// SMS and e-mail MFA are not offered by the emulator's pools: turning either on is refused
/// with Cognito's words; turning them off is accepted.
pub fn refuse_sms_and_email(
    sms: Option<MfaSettings>,
    email: Option<MfaSettings>,
) -> Result<(), Fault> {
    let turns_on = |s: Option<MfaSettings>| {
        s.is_some_and(|s| s.enabled == Some(true) || s.preferred_mfa == Some(true))
    };
    if turns_on(sms) {
        return Err(Fault::invalid_parameter(
            "User does not have delivery config set to turn on SMS_MFA",
        ));
    }
    if turns_on(email) {
        return Err(Fault::invalid_parameter(
            "Email MFA is not enabled for this user pool",
        ));
    }
    Ok(())
}

/// As an administrator resets a lost phone: `Enabled: false` takes the authenticator off the
/// user's MFA altogether (the next sign-in in an MFA ON pool sets up a new one; in an OPTIONAL
/// pool it asks for no code). `Enabled`/`PreferredMfa: true` needs a verified authenticator.
pub fn admin_set_user_mfa_preference(
    state: &mut PoolState,
    now_ms: u64,
    req: AdminSetUserMfaPreferenceRequest,
) -> Result<Empty, Fault> {
    check_pool(state, &req.user_pool_id)?;
    refuse_sms_and_email(req.sms_mfa_settings, req.email_mfa_settings)?;
    let user = admin_user(state, &req.user_pool_id, &req.username)?;
    let Some(settings) = req.software_token_mfa_settings else {
        return Ok(Empty {});
    };
    let enabled = settings.enabled.unwrap_or(user.totp_enabled);
    let preferred = settings.preferred_mfa.unwrap_or(user.totp_preferred) && enabled;
    if settings.preferred_mfa == Some(true) && !enabled {
        return Err(Fault::invalid_parameter(
            "A preferred MFA method must also be enabled",
        ));
    }
    if enabled && user.token.is_none() {
        return Err(Fault::invalid_parameter(
            "User has not verified software token mfa",
        ));
    }
    if !enabled {
        user.token = None;
        user.pending_token = None;
    }
    user.totp_enabled = enabled;
    user.totp_preferred = preferred;
    user.touch(now_ms);
    Ok(Empty {})
}

/// Signs the user out everywhere: access and refresh tokens issued so far are refused from now
/// on ("… has been revoked"); a new sign-in works.
pub fn admin_user_global_sign_out(
    state: &mut PoolState,
    _now_ms: u64,
    req: AdminUserGlobalSignOutRequest,
) -> Result<Empty, Fault> {
    let user = admin_user(state, &req.user_pool_id, &req.username)?;
    user.sign_outs = user.sign_outs.wrapping_add(1);
    Ok(Empty {})
}

pub fn get_user_pool_mfa_config(
    state: &mut PoolState,
    _now_ms: u64,
    req: GetUserPoolMfaConfigRequest,
) -> Result<GetUserPoolMfaConfigResponse, Fault> {
    check_pool(state, &req.user_pool_id)?;
    let mfa_configuration = match state.mfa() {
        MfaConfiguration::Off => "OFF",
        MfaConfiguration::On => "ON",
        MfaConfiguration::Optional => "OPTIONAL",
    };
    Ok(GetUserPoolMfaConfigResponse {
        software_token_mfa_configuration: SoftwareTokenMfaConfiguration {
            enabled: state.config.pool.software_token_mfa,
        },
        mfa_configuration: mfa_configuration.into(),
    })
}
