//! `--generate-cli-skeleton`: the request with empty strings, or a sample answer.

use super::params::Member;
use crate::cognito::wire::Operation;
use crate::output;
use serde_json::{Map, Value};

/// The input skeleton: every member, in model order, with an empty string.
pub fn input(members: &[Member], yaml: bool) -> String {
    if yaml {
        members
            .iter()
            .map(|m| format!("{}: ''\n", m.name))
            .collect()
    } else {
        let map: Map<String, Value> = members
            .iter()
            .map(|m| (m.name.to_string(), Value::String(String::new())))
            .collect();
        output::json(&Value::Object(map))
    }
}

/// A sample answer, as the AWS CLI prints one: each string member holds its own name.
pub fn output<O: Operation>() -> String {
    let sample: Value = match O::NAME {
        "AssociateSoftwareToken" => {
            serde_json::json!({"SecretCode": "SecretCode", "Session": "Session"})
        }
        "VerifySoftwareToken" => serde_json::json!({"Status": "SUCCESS", "Session": "Session"}),
        _ => Value::Object(Map::new()),
    };
    output::json(&sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cognito::wire::{AssociateSoftwareTokenRequest, VerifySoftwareTokenRequest};
    use crate::commands::aws_compat::params::{
        ACCESS_TOKEN, FRIENDLY_DEVICE_NAME, SESSION, USER_CODE,
    };

    #[test]
    fn input_skeletons_in_model_order() {
        assert_eq!(
            input(&[ACCESS_TOKEN, SESSION], false),
            "{\n    \"AccessToken\": \"\",\n    \"Session\": \"\"\n}\n"
        );
        assert_eq!(
            input(
                &[ACCESS_TOKEN, SESSION, USER_CODE, FRIENDLY_DEVICE_NAME],
                true
            ),
            "AccessToken: ''\nSession: ''\nUserCode: ''\nFriendlyDeviceName: ''\n"
        );
    }

    #[test]
    fn output_samples_parse_as_the_responses() {
        let a: <AssociateSoftwareTokenRequest as Operation>::Response =
            serde_json::from_str(&output::<AssociateSoftwareTokenRequest>()).unwrap();
        assert_eq!(a.secret_code.expose(), "SecretCode");
        let v: <VerifySoftwareTokenRequest as Operation>::Response =
            serde_json::from_str(&output::<VerifySoftwareTokenRequest>()).unwrap();
        assert!(v.status.is_some());
    }
}
