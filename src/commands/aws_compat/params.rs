//! Parameters as the AWS CLI takes them: `--cli-input-json`/`--cli-input-yaml` documents,
//! command-line values that override them, `file://` values, and the API model's checks.

use crate::depth::{DOCUMENT_LIMIT, json_depth, yaml_depth};
use crate::failure::Failure;
use serde_json::{Map, Value};

pub use crate::commands::file_value::{load_document, load_value};

/// A pattern of the API model: the check, and its text for messages.
pub type Pattern = (fn(&str) -> bool, &'static str);

/// One member of a request, with the API model's constraints.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub name: &'static str,
    pub flag: &'static str,
    pub min_len: Option<usize>,
    pub max_len: Option<usize>,
    /// The model's pattern, as a check and as text for the message.
    pub pattern: Option<Pattern>,
}

fn token_chars(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'.'))
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

pub const ACCESS_TOKEN: Member = Member {
    name: "AccessToken",
    flag: "--access-token",
    min_len: None,
    max_len: None,
    pattern: Some((token_chars, "[A-Za-z0-9-_=.]+")),
};
pub const SESSION: Member = Member {
    name: "Session",
    flag: "--session",
    min_len: Some(20),
    max_len: Some(2048),
    pattern: None,
};
pub const USER_CODE: Member = Member {
    name: "UserCode",
    flag: "--user-code",
    min_len: Some(6),
    max_len: Some(6),
    pattern: Some((digits, "[0-9]+")),
};
pub const FRIENDLY_DEVICE_NAME: Member = Member {
    name: "FriendlyDeviceName",
    flag: "--friendly-device-name",
    min_len: None,
    max_len: None,
    pattern: None,
};

/// The `--cli-input-json` or `--cli-input-yaml` document as a JSON object of known members.
pub fn load_input(
    json: Option<&str>,
    yaml: Option<&str>,
    members: &[Member],
) -> Result<Map<String, Value>, Failure> {
    let (flag, raw, is_yaml) = match (json, yaml) {
        (Some(_), Some(_)) => {
            return Err(Failure::Usage(
                "Only one --cli-input-json or --cli-input-yaml may be specified.".into(),
            ));
        }
        (Some(j), None) => ("--cli-input-json", j, false),
        (None, Some(y)) => ("--cli-input-yaml", y, true),
        (None, None) => return Ok(Map::new()),
    };
    let text = load_document(flag, raw)?;
    let depth = if is_yaml {
        yaml_depth(&text)
    } else {
        json_depth(&text)
    };
    if depth > DOCUMENT_LIMIT {
        return Err(Failure::Usage(format!(
            "Error parsing parameter '{flag}': the document nests more than {DOCUMENT_LIMIT} levels deep; a request is a flat object of strings"
        )));
    }
    let parsed: Result<Value, String> = if is_yaml {
        serde_norway::from_str(&text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    };
    let value = parsed.map_err(|e| {
        Failure::Usage(format!(
            "Error parsing parameter '{flag}': Invalid {} received: {e}",
            if is_yaml { "YAML" } else { "JSON" }
        ))
    })?;
    let Value::Object(map) = value else {
        return Err(Failure::Usage(format!(
            "Error parsing parameter '{flag}': the input must be an object of request members"
        )));
    };
    for (key, v) in &map {
        if !members.iter().any(|m| m.name == key) {
            let names: Vec<&str> = members.iter().map(|m| m.name).collect();
            return Err(Failure::Usage(format!(
                "Parameter validation failed:\nUnknown parameter in input: \"{key}\", must be one of: {}",
                names.join(", ")
            )));
        }
        if !v.is_string() && !v.is_null() {
            return Err(Failure::Usage(format!(
                "Parameter validation failed:\nInvalid type for parameter {key}, value type: {}, valid types: <class 'str'>",
                type_name(v)
            )));
        }
    }
    Ok(map)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(_) => "<class 'int'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
        _ => "<class 'str'>",
    }
}

/// The request's members in model order: the input document, overridden by the command line.
pub fn merge(
    members: &[Member],
    input: Map<String, Value>,
    command_line: &[(Member, Option<&str>)],
) -> Result<Vec<(Member, String)>, Failure> {
    let mut out = Vec::new();
    for m in members {
        let from_cli = command_line
            .iter()
            .find(|(c, _)| c.name == m.name)
            .and_then(|(_, v)| *v);
        let value = match from_cli {
            Some(raw) => Some(load_value(m.flag, raw)?),
            None => input
                .get(m.name)
                .and_then(Value::as_str)
                .map(str::to_string),
        };
        if let Some(v) = value {
            out.push((*m, v));
        }
    }
    Ok(out)
}

/// The API model's checks, with botocore's kind of message. The value itself is never echoed.
pub fn validate(params: &[(Member, String)]) -> Result<(), Failure> {
    let mut problems = Vec::new();
    for (m, v) in params {
        let len = v.chars().count();
        if let Some(min) = m.min_len
            && len < min
        {
            problems.push(format!(
                "Invalid length for parameter {}, value: {len}, valid min length: {min}",
                m.name
            ));
        } else if let Some(max) = m.max_len
            && len > max
        {
            problems.push(format!(
                "Invalid length for parameter {}, value: {len}, valid max length: {max}",
                m.name
            ));
        }
        if let Some((check, text)) = m.pattern
            && !check(v)
        {
            problems.push(format!(
                "Invalid value for parameter {}: it must match the pattern {text}",
                m.name
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Usage(format!(
            "Parameter validation failed:\n{}",
            problems.join("\n")
        )))
    }
}

pub fn get<'a>(params: &'a [(Member, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(m, _)| m.name == name)
        .map(|(_, v)| v.as_str())
}

/// Exactly one of an access token and a session, checked before anything is sent.
pub fn require_token_or_session(params: &[(Member, String)]) -> Result<(), Failure> {
    match (get(params, "AccessToken"), get(params, "Session")) {
        (Some(_), None) | (None, Some(_)) => Ok(()),
        _ => Err(Failure::Usage(
            "The request takes an access token or a session string, but not both: give either --access-token or --session."
                .into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFY: [Member; 4] = [ACCESS_TOKEN, SESSION, USER_CODE, FRIENDLY_DEVICE_NAME];

    #[test]
    fn command_line_overrides_input_and_keeps_model_order() {
        let input = load_input(
            Some(r#"{"UserCode": "111111", "AccessToken": "abc"}"#),
            None,
            &VERIFY,
        )
        .unwrap();
        let merged = merge(&VERIFY, input, &[(USER_CODE, Some("222222"))]).unwrap();
        let names: Vec<_> = merged.iter().map(|(m, v)| (m.name, v.as_str())).collect();
        assert_eq!(names, vec![("AccessToken", "abc"), ("UserCode", "222222")]);
    }

    #[test]
    fn yaml_input_and_unknown_members() {
        let input = load_input(
            None,
            Some("Session: 'abcdefghijklmnopqrstuvwxyz'\n"),
            &VERIFY,
        )
        .unwrap();
        assert_eq!(input["Session"], "abcdefghijklmnopqrstuvwxyz");
        let err = load_input(Some(r#"{"Foo": "x"}"#), None, &VERIFY).unwrap_err();
        assert!(err.to_string().contains("Unknown parameter in input: \"Foo\", must be one of: AccessToken, Session, UserCode, FriendlyDeviceName"));
        assert!(matches!(
            load_input(Some("{}"), Some("{}"), &VERIFY),
            Err(Failure::Usage(_))
        ));
        assert!(
            load_input(Some("{not json"), None, &VERIFY)
                .unwrap_err()
                .to_string()
                .contains("Invalid JSON")
        );
    }

    #[test]
    fn deeply_nested_documents_are_refused_before_parsing() {
        for (json, yaml) in [
            (Some("[".repeat(100_000)), None),
            (None, Some("[".repeat(100_000))),
            (None, Some(format!("{}x", "- ".repeat(100_000)))),
        ] {
            let err = load_input(json.as_deref(), yaml.as_deref(), &VERIFY).unwrap_err();
            assert!(err.to_string().contains("more than 128 levels"), "{err}");
        }
    }

    #[test]
    fn model_checks_name_the_parameter_not_the_value() {
        let err = validate(&[(USER_CODE, "12345".into()), (SESSION, "short".into())]).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("Invalid length for parameter UserCode, value: 5, valid min length: 6")
        );
        assert!(
            text.contains("Invalid length for parameter Session, value: 5, valid min length: 20")
        );
        assert!(!text.contains("short"));
        assert!(validate(&[(USER_CODE, "12a456".into())]).is_err());
        assert!(validate(&[(ACCESS_TOKEN, "bad token!".into())]).is_err());
        assert!(
            validate(&[
                (ACCESS_TOKEN, "eyJ.abc-_=".into()),
                (USER_CODE, "012345".into())
            ])
            .is_ok()
        );
        assert!(
            validate(&[(SESSION, "s".repeat(2049))])
                .unwrap_err()
                .to_string()
                .contains("valid max length: 2048")
        );
    }

    #[test]
    fn token_or_session_but_not_both() {
        assert!(require_token_or_session(&[(ACCESS_TOKEN, "a".into())]).is_ok());
        let both = [(ACCESS_TOKEN, "a".into()), (SESSION, "s".repeat(20))];
        assert!(
            require_token_or_session(&both)
                .unwrap_err()
                .to_string()
                .contains("but not both")
        );
        assert!(require_token_or_session(&[]).is_err());
    }
}
