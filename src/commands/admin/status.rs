//! `admin status`: AdminGetUser for a person (with the pool's MFA setting), or exactly as
//! `aws cognito-idp admin-get-user` prints it when --output or --query is given.

use super::describe::summary;
use crate::admin::AdminClient;
use crate::admin::wire::{AdminGetUserRequest, GetUserPoolMfaConfigRequest};
use crate::cli::{GlobalArgs, UserArgs};
use crate::cognito::wire::Operation;
use crate::failure::Failure;

pub async fn run(
    global: &GlobalArgs,
    client: &AdminClient,
    args: &UserArgs,
) -> Result<(), Failure> {
    let request = AdminGetUserRequest {
        user_pool_id: args.user_pool_id.clone(),
        username: args.username.clone(),
    };
    let user = client.call(&request).await?;
    if global.output.is_some() || global.query.is_some() {
        let value = serde_json::to_value(&user)
            .map_err(|e| Failure::Other(format!("cannot print the answer: {e}")))?;
        print!("{}", global.render(&value, AdminGetUserRequest::NAME)?);
        return Ok(());
    }
    let pool = client
        .call(&GetUserPoolMfaConfigRequest {
            user_pool_id: args.user_pool_id.clone(),
        })
        .await?;
    print!("{}", summary(&user, &pool));
    Ok(())
}
