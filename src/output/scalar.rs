//! One value of an answer as the text and table formats print it.

use crate::safe_text::one_line;
use serde_json::Value;

pub(crate) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => one_line(s).into_owned(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

pub(crate) fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}
