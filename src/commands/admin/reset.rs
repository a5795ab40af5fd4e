//! `admin reset-mfa`: turns the user's authenticator app off (AdminSetUserMFAPreference), after
//! showing what they have and what their next sign-in would do, and a confirmation naming the
//! user and pool; `--sign-out` also ends every session (AdminUserGlobalSignOut).

use super::describe::{next_sign_in, next_sign_in_text, summary};
use crate::admin::AdminClient;
use crate::admin::wire::{
    AdminGetUserRequest, AdminGetUserResponse, AdminSetUserMfaPreferenceRequest,
    AdminUserGlobalSignOutRequest, GetUserPoolMfaConfigRequest, GetUserPoolMfaConfigResponse,
    SOFTWARE_TOKEN_MFA,
};
use crate::capped_read::read_line_capped;
use crate::cli::ResetArgs;
use crate::cognito::wire::MfaSettings;
use crate::failure::Failure;
use crate::safe_text::one_line;
use std::io::{IsTerminal, Write};

pub async fn run(client: &AdminClient, args: &ResetArgs) -> Result<(), Failure> {
    let pool_id = &args.user.user_pool_id;
    let (name, pool_name) = (one_line(&args.user.username), one_line(pool_id));
    let (user, pool) = look(client, args).await?;
    println!("Before:\n{}", indent(&summary(&user, &pool)));
    let has_app = user.methods().iter().any(|m| m == SOFTWARE_TOKEN_MFA);
    if !has_app && !args.sign_out {
        println!("{name} has no authenticator app to turn off: nothing changed.");
        return Ok(());
    }
    if !args.yes {
        confirm(&format!(
            "Turn off the authenticator app of {name} in pool {pool_name}{}?",
            if args.sign_out {
                " and sign them out everywhere"
            } else {
                ""
            }
        ))?;
    }
    if has_app {
        client
            .call(&AdminSetUserMfaPreferenceRequest {
                sms_mfa_settings: None,
                software_token_mfa_settings: Some(MfaSettings {
                    enabled: Some(false),
                    preferred_mfa: Some(false),
                }),
                email_mfa_settings: None,
                username: args.user.username.clone(),
                user_pool_id: pool_id.clone(),
            })
            .await?;
        println!("Turned off {name}'s authenticator app.");
    }
    if args.sign_out {
        client
            .call(&AdminUserGlobalSignOutRequest {
                user_pool_id: pool_id.clone(),
                username: args.user.username.clone(),
            })
            .await?;
        println!(
            "Signed {name} out everywhere: their refresh tokens no longer work, and access tokens are refused."
        );
    }
    let (after, pool) = look(client, args).await?;
    println!("After:\n{}", indent(&summary(&after, &pool)));
    println!(
        "{name}'s next sign-in {}.",
        next_sign_in_text(&next_sign_in(&after, &pool))
    );
    Ok(())
}

async fn look(
    client: &AdminClient,
    args: &ResetArgs,
) -> Result<(AdminGetUserResponse, GetUserPoolMfaConfigResponse), Failure> {
    let user = client
        .call(&AdminGetUserRequest {
            user_pool_id: args.user.user_pool_id.clone(),
            username: args.user.username.clone(),
        })
        .await?;
    let pool = client
        .call(&GetUserPoolMfaConfigRequest {
            user_pool_id: args.user.user_pool_id.clone(),
        })
        .await?;
    Ok((user, pool))
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// Asks on stderr, reads one line from stdin; only `y` or `yes` goes on. Without a terminal
/// there is nobody to ask: refuse, pointing to --yes.
fn confirm(question: &str) -> Result<(), Failure> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Failure::Usage(format!(
            "{question} Refusing without confirmation: stdin is not a terminal. Add --yes to confirm from a script."
        )));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let line = read_line_capped(&mut stdin.lock(), 64)
        .map_err(|e| Failure::Other(format!("cannot read the answer: {e}")))?;
    let answer = String::from_utf8_lossy(&line).trim().to_lowercase();
    if matches!(answer.as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(Failure::Cancelled("Nothing changed.".into()))
    }
}
