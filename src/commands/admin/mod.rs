//! `cognito-mfa admin …`: the helpdesk's side. Each command signs its calls with the AWS
//! credentials of the default chain (`src/admin/`); region and endpoint are resolved as for
//! every other command, with the pool id's region as the last resort.

mod describe;
mod report;
mod report_output;
mod reset;
mod status;
mod watch;

use crate::admin::AdminClient;
use crate::admin::credentials::CredentialSource;
use crate::cli::{AdminArgs, AdminCommand, GlobalArgs};
use crate::cognito::CognitoClient;
use crate::config::{self, ProcessEnv};
use crate::failure::Failure;

pub async fn run(global: &GlobalArgs, args: AdminArgs) -> Result<(), Failure> {
    match args.command {
        AdminCommand::Status(user) => {
            global.check_output()?;
            let client = connect(global, &user.user_pool_id).await?;
            super::interruptible(status::run(global, &client, &user)).await
        }
        AdminCommand::Watch(watch) => {
            let client = connect(global, &watch.user.user_pool_id).await?;
            super::interruptible(watch::run(&client, &watch)).await
        }
        AdminCommand::ResetMfa(reset) => {
            let client = connect(global, &reset.user.user_pool_id).await?;
            super::interruptible(reset::run(&client, &reset)).await
        }
        AdminCommand::Report(report) => {
            let client = connect(global, &report.user_pool_id).await?;
            super::interruptible(report::run(&client, &report)).await
        }
    }
}

/// The signed client for a pool: the endpoint and region as `GlobalArgs::resolve` finds them
/// (the pool id's region when nothing else names one), the credentials of the default chain.
async fn connect(global: &GlobalArgs, pool_id: &str) -> Result<AdminClient, Failure> {
    let mut overrides = global.overrides();
    overrides.pool_region = config::region_of_pool(pool_id);
    let resolved = config::resolve(&overrides, &ProcessEnv)?;
    let region = resolved.region.clone().ok_or_else(|| {
        Failure::Config(
            "No region to sign the request for: give --region, set AWS_REGION, or use a pool id that starts with its region (eu-west-1_…).".into(),
        )
    })?;
    let debug = resolved.settings.debug;
    let cognito = CognitoClient::new(resolved.settings)?;
    let credentials = CredentialSource::default_chain(global.profile.as_deref(), &region).await?;
    Ok(AdminClient::new(cognito, credentials, region, debug))
}
