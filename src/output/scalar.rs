//! One value of an answer as the text and table formats print it: Python's `str()` of the
//! value the AWS CLI decoded (`True`, `None`, `1e+16`), shown terminal-safe.

use crate::safe_text::one_line;
use serde_json::Value;

pub(crate) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => one_line(s).into_owned(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        Value::Number(n) => match (n.is_f64(), n.as_f64()) {
            (true, Some(f)) => python_float(f),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

pub(crate) fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Array(_))
}

/// Python's `repr(float)`: the shortest digits that read back the same, in positional notation
/// with at least one decimal when the exponent is from -4 to 15, else as `1.5e+16` / `1e-05`.
fn python_float(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "nan".into()
        } else if f > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    // Rust's `{:e}` writes the same shortest digits: `-1.2345e6`, `1e-5`.
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let (int, frac) = if point <= 0 {
            let zeros = "0".repeat(point.unsigned_abs() as usize);
            ("0".to_string(), format!("{zeros}{digits}"))
        } else if point as usize >= digits.len() {
            let zeros = "0".repeat(point as usize - digits.len());
            (format!("{digits}{zeros}"), "0".to_string())
        } else {
            let (i, fr) = digits.split_at(point as usize);
            (i.to_string(), fr.to_string())
        };
        format!("{sign}{int}.{frac}")
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let dot = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{dot}e{esign}{:02}", exp.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_prints_them() {
        for (f, text) in [
            (1.0, "1.0"),
            (0.5, "0.5"),
            (-0.0, "-0.0"),
            (1700000000.123, "1700000000.123"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-7, "-2.5e-07"),
            (1e100, "1e+100"),
            (123.456, "123.456"),
        ] {
            assert_eq!(python_float(f), text, "{f}");
        }
    }
}
