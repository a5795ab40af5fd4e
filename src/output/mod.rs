//! Printing a response as the AWS CLI does: json, text, yaml, yaml-stream or table, after an
//! optional JMESPath `--query`.

mod key_order;
mod legacy_literal;
mod scalar;
mod sections;
mod table;
mod wide_chars;
mod width;

use scalar::{is_scalar, scalar_text};

pub use table::{table, table_styled};
pub use width::stdout_columns;

use crate::depth::{QUERY_LIMIT, query_depth};
use crate::safe_text::{json_safe, one_line};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Json,
    Text,
    Yaml,
    YamlStream,
    Table,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("Bad value for --query {query}: {detail}")]
    BadQuery { query: String, detail: String },
}

/// Checks a JMESPath expression, so a bad one is refused before anything is sent.
pub fn check_query(query: &str) -> Result<(), OutputError> {
    compile(query).map(|_| ())
}

/// Compiles a query, refusing one nested deeper than [`QUERY_LIMIT`] before the parser (which
/// recurses) sees it. The query is shown with control characters escaped.
fn compile(query: &str) -> Result<jmespath::Expression<'static>, OutputError> {
    let bad = |detail: String| OutputError::BadQuery {
        query: one_line(query).into_owned(),
        detail: one_line(&detail).into_owned(),
    };
    if query_depth(query) > QUERY_LIMIT {
        return Err(bad(format!(
            "it nests more than {QUERY_LIMIT} operators and brackets deep"
        )));
    }
    jmespath::compile(&legacy_literal::modernise(query)).map_err(|e| bad(e.to_string()))
}

/// Applies a JMESPath expression to a response.
pub fn apply_query(value: &Value, query: &str) -> Result<Value, OutputError> {
    let bad = |detail: String| OutputError::BadQuery {
        query: one_line(query).into_owned(),
        detail: one_line(&detail).into_owned(),
    };
    let expr = compile(query)?;
    let data = jmespath::Variable::from_serializable(value).map_err(|e| bad(e.to_string()))?;
    let result = expr.search(data).map_err(|e| bad(e.to_string()))?;
    let result = serde_json::to_value(&*result).map_err(|e| bad(e.to_string()))?;
    Ok(key_order::restore(result, expr.as_ast(), value))
}

/// Renders `value` (titled `operation` for tables) in the chosen format, ending in a newline.
/// Every format is safe for a terminal: JSON and YAML escape control characters in their own
/// syntax, text and table show them as `\u{1b}`-style escapes.
/// `color`: `Some(on)` as `--color on|off` forces; `None` (auto) colours a table when stdout is a
/// terminal and NO_COLOR is unset or empty, as awscli's `--color auto` does (NO_COLOR is ours).
pub fn render(value: &Value, format: Format, operation: &str, color: Option<bool>) -> String {
    match format {
        Format::Json => json(value),
        Format::Text => text(value),
        Format::Yaml => yaml(value),
        Format::YamlStream => yaml(&Value::Array(vec![value.clone()])),
        Format::Table => {
            let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
            let color = color.unwrap_or_else(|| {
                tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            });
            let text = table_styled(value, operation, stdout_columns(), color);
            // colorama's reset at exit is written only to a terminal (`--color on` into a pipe).
            match text.strip_suffix("\x1b[0m") {
                Some(piped) if color && !tty => piped.to_string(),
                _ => text,
            }
        }
    }
}

/// `json.dumps(value, indent=4, ensure_ascii=False)`, as the AWS CLI prints.
pub fn json(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Serialising a Value into memory cannot fail.
    let _ = serde::Serialize::serialize(value, &mut ser);
    let mut s = json_safe(&String::from_utf8_lossy(&out)).into_owned();
    s.push('\n');
    s
}

pub fn yaml(value: &Value) -> String {
    if value.is_null() {
        return "null\n".into();
    }
    match serde_norway::to_string(value) {
        Ok(s) if s.ends_with('\n') => s,
        Ok(s) => s + "\n",
        Err(_) => json(value),
    }
}

/// The AWS CLI's text format: scalars of an object tab-separated in key order, nested values
/// on their own lines headed by their upper-cased key.
pub fn text(value: &Value) -> String {
    let mut out = String::new();
    text_into(value, None, None, &mut out);
    out
}

fn text_into(value: &Value, id: Option<&str>, keys: Option<&[String]>, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut scalars = Vec::new();
            let mut nested = Vec::new();
            match keys {
                None => {
                    let mut sorted: Vec<_> = map.iter().collect();
                    sorted.sort_by(|a, b| a.0.cmp(b.0));
                    for (k, v) in sorted {
                        if is_scalar(v) {
                            scalars.push(scalar_text(v));
                        } else {
                            nested.push((k.clone(), v));
                        }
                    }
                }
                Some(keys) => {
                    for k in keys {
                        scalars.push(map.get(k).map(scalar_text).unwrap_or_default());
                    }
                    let mut rest: Vec<_> = map.iter().filter(|(k, _)| !keys.contains(k)).collect();
                    rest.sort_by(|a, b| a.0.cmp(b.0));
                    nested.extend(rest.into_iter().map(|(k, v)| (k.clone(), v)));
                }
            }
            if !scalars.is_empty() {
                if let Some(id) = id {
                    scalars.insert(0, one_line(&id.to_uppercase()).into_owned());
                }
                out.push_str(&scalars.join("\t"));
                out.push('\n');
            }
            for (k, v) in nested {
                text_into(v, Some(&k), None, out);
            }
        }
        Value::Array(items) => {
            if items.is_empty() {
                return;
            }
            if items.iter().any(Value::is_object) {
                let mut all: Vec<String> = items
                    .iter()
                    .filter_map(Value::as_object)
                    .flat_map(|m| {
                        m.iter()
                            .filter(|(_, v)| is_scalar(v))
                            .map(|(k, _)| k.clone())
                    })
                    .collect();
                all.sort();
                all.dedup();
                for item in items {
                    text_into(item, id, Some(&all), out);
                }
            } else {
                let (scalars, lists): (Vec<&Value>, Vec<&Value>) =
                    items.iter().partition(|v| is_scalar(v));
                if !scalars.is_empty() {
                    match id {
                        Some(id) => {
                            for s in &scalars {
                                out.push_str(&format!(
                                    "{}\t{}\n",
                                    one_line(&id.to_uppercase()),
                                    scalar_text(s)
                                ));
                            }
                        }
                        None => {
                            let joined: Vec<String> =
                                scalars.iter().map(|v| scalar_text(v)).collect();
                            out.push_str(&joined.join("\t"));
                            out.push('\n');
                        }
                    }
                }
                for list in lists {
                    text_into(list, id, None, out);
                }
            }
        }
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        serde_json::from_str(r#"{"SecretCode": "JBSWY3DPEHPK3PXP", "Session": "sess-abc"}"#)
            .unwrap()
    }

    #[test]
    fn json_is_four_space_indented_in_response_order() {
        assert_eq!(
            json(&sample()),
            "{\n    \"SecretCode\": \"JBSWY3DPEHPK3PXP\",\n    \"Session\": \"sess-abc\"\n}\n"
        );
        assert_eq!(json(&json!({})), "{}\n");
    }

    #[test]
    fn text_is_tab_separated_sorted_scalars() {
        let v: Value = serde_json::from_str(r#"{"Status": "SUCCESS", "Session": "s1"}"#).unwrap();
        assert_eq!(text(&v), "s1\tSUCCESS\n");
        let v = json!({"Username": "bob", "UserAttributes": [{"Name": "email", "Value": "b@x"}, {"Name": "sub"}], "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]});
        assert_eq!(
            text(&v),
            "bob\nUSERATTRIBUTES\temail\tb@x\nUSERATTRIBUTES\tsub\t\nUSERMFASETTINGLIST\tSOFTWARE_TOKEN_MFA\n"
        );
        assert_eq!(text(&json!("x")), "x\n");
        assert_eq!(text(&json!(true)), "True\n");
    }

    #[test]
    fn yaml_and_yaml_stream() {
        assert_eq!(
            yaml(&sample()),
            "SecretCode: JBSWY3DPEHPK3PXP\nSession: sess-abc\n"
        );
        assert_eq!(
            render(&sample(), Format::YamlStream, "X", None),
            "- SecretCode: JBSWY3DPEHPK3PXP\n  Session: sess-abc\n"
        );
    }

    #[test]
    fn query_selects_a_member() {
        assert_eq!(
            apply_query(&sample(), "SecretCode").unwrap(),
            json!("JBSWY3DPEHPK3PXP")
        );
        assert!(apply_query(&sample(), "[[").is_err());
    }

    #[test]
    fn no_format_writes_a_raw_control_character() {
        let nasty = "a\u{1b}[2J\u{7}b\u{7f}c\u{9b}31md\re\u{0}";
        let value = json!({"Session": nasty, nasty: [nasty, {"Name": nasty}]});
        for format in [
            Format::Json,
            Format::Text,
            Format::Yaml,
            Format::YamlStream,
            Format::Table,
        ] {
            // A table on a terminal is coloured: the uncoloured one is checked here.
            let out = match format {
                Format::Table => table(&value, nasty, 80),
                _ => render(&value, format, nasty, None),
            };
            let raw: Vec<char> = out
                .chars()
                .filter(|c| crate::safe_text::is_unsafe(*c, crate::safe_text::Keep::LINES))
                .collect();
            assert!(raw.is_empty(), "{format:?} wrote {raw:?}: {out}");
        }
        let back: Value = serde_json::from_str(&json(&value)).unwrap();
        assert_eq!(back, value, "the JSON still says the same");
        assert_eq!(text(&json!({"S": "x\u{1b}y"})), "x\\u{1b}y\n");
    }

    #[test]
    fn a_deeply_nested_query_is_refused_before_parsing() {
        let err = check_query(&"[".repeat(20_000)).unwrap_err().to_string();
        assert!(err.contains("more than 64"), "{err}");
        assert!(check_query(&format!("{}a", "!".repeat(65))).is_err());
        assert!(check_query("UserAttributes[?Name=='email'].Value | [0]").is_ok());
    }
}
