//! `associate-software-token` and `verify-software-token`, with the AWS CLI's flags, input
//! documents, skeletons, output formats and exit codes.

pub mod params;
mod skeleton;

use crate::cli::{AwsCommonArgs, GlobalArgs, SkeletonKind};
use crate::cognito::CognitoClient;
use crate::cognito::wire::{AssociateSoftwareTokenRequest, Operation, VerifySoftwareTokenRequest};
use crate::failure::Failure;
use crate::secret::Sensitive;
use params::{ACCESS_TOKEN, FRIENDLY_DEVICE_NAME, Member, SESSION, USER_CODE};

const ASSOCIATE_MEMBERS: [Member; 2] = [ACCESS_TOKEN, SESSION];
const VERIFY_MEMBERS: [Member; 4] = [ACCESS_TOKEN, SESSION, USER_CODE, FRIENDLY_DEVICE_NAME];

/// What a command does after its parameters are checked.
pub enum Prepared<O> {
    /// Something was printed (a skeleton); nothing is sent.
    Printed,
    Request(O),
}

pub fn prepare_associate(
    common: &AwsCommonArgs,
    access_token: Option<&str>,
    session: Option<&str>,
) -> Result<Prepared<AssociateSoftwareTokenRequest>, Failure> {
    let cli = [(ACCESS_TOKEN, access_token), (SESSION, session)];
    let Some(values) = collect(common, &ASSOCIATE_MEMBERS, &cli, &[])? else {
        return Ok(Prepared::Printed);
    };
    let request = AssociateSoftwareTokenRequest {
        access_token: params::get(&values, "AccessToken").map(Sensitive::from),
        session: params::get(&values, "Session").map(Sensitive::from),
    };
    finish(common, request)
}

pub fn prepare_verify(
    common: &AwsCommonArgs,
    access_token: Option<&str>,
    session: Option<&str>,
    user_code: Option<&str>,
    friendly_device_name: Option<&str>,
) -> Result<Prepared<VerifySoftwareTokenRequest>, Failure> {
    let cli = [
        (ACCESS_TOKEN, access_token),
        (SESSION, session),
        (USER_CODE, user_code),
        (FRIENDLY_DEVICE_NAME, friendly_device_name),
    ];
    let Some(values) = collect(common, &VERIFY_MEMBERS, &cli, &[USER_CODE])? else {
        return Ok(Prepared::Printed);
    };
    let request = VerifySoftwareTokenRequest {
        access_token: params::get(&values, "AccessToken").map(Sensitive::from),
        session: params::get(&values, "Session").map(Sensitive::from),
        user_code: Sensitive::from(params::get(&values, "UserCode").unwrap_or_default()),
        friendly_device_name: params::get(&values, "FriendlyDeviceName").map(str::to_string),
    };
    finish(common, request)
}

/// Loads, merges and checks the parameters; `None` when an input skeleton was printed.
fn collect(
    common: &AwsCommonArgs,
    members: &[Member],
    cli: &[(Member, Option<&str>)],
    required: &[Member],
) -> Result<Option<Vec<(Member, String)>>, Failure> {
    if let Some(kind @ (SkeletonKind::Input | SkeletonKind::YamlInput)) =
        common.generate_cli_skeleton
    {
        print!(
            "{}",
            skeleton::input(members, kind == SkeletonKind::YamlInput)
        );
        return Ok(None);
    }
    let input = params::load_input(
        common.cli_input_json.as_deref(),
        common.cli_input_yaml.as_deref(),
        members,
    )?;
    let values = params::merge(members, input, cli)?;
    let missing: Vec<&str> = required
        .iter()
        .filter(|m| params::get(&values, m.name).is_none())
        .map(|m| m.flag)
        .collect();
    if !missing.is_empty() {
        return Err(Failure::Usage(format!(
            "the following arguments are required: {}",
            missing.join(", ")
        )));
    }
    params::require_token_or_session(&values)?;
    params::validate(&values)?;
    Ok(Some(values))
}

fn finish<O: Operation>(common: &AwsCommonArgs, request: O) -> Result<Prepared<O>, Failure> {
    if common.generate_cli_skeleton == Some(SkeletonKind::Output) {
        print!("{}", skeleton::output::<O>());
        return Ok(Prepared::Printed);
    }
    Ok(Prepared::Request(request))
}

/// Sends a prepared request and prints the answer as `--output` and `--query` say.
pub async fn send_and_print<O: Operation>(
    global: &GlobalArgs,
    client: &CognitoClient,
    request: &O,
) -> Result<(), Failure> {
    global.check_output()?;
    let response = client.call(request).await?;
    let value = serde_json::to_value(&response)
        .map_err(|e| Failure::Other(format!("cannot print the answer: {e}")))?;
    print!("{}", global.render(&value, O::NAME)?);
    Ok(())
}
