//! The INI dialect of the AWS config files, read as botocore reads it: Python's
//! `configparser.RawConfigParser` with its defaults, then botocore's indented sub-sections.
//!
//! - `#` and `;` start a comment only at the start of a line; `key = v # x` keeps `# x`.
//! - `=` or `:` separates a key from its value; keys are lower-cased, values trimmed.
//! - A line indented deeper than its key continues the value; a value that starts on the next
//!   line (`s3 =` then `  addressing_style = path`) is a sub-section of `key = value` lines.
//! - `[DEFAULT]` gives every section its keys; a repeated section or key, a line outside any
//!   section and a line with no separator are errors, as they are for botocore.

use std::collections::BTreeMap;

/// A value: one string, or the keys of an indented sub-section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Nested(BTreeMap<String, String>),
}

impl Value {
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            Self::Nested(_) => None,
        }
    }
}

pub type Section = BTreeMap<String, Value>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct ParseError {
    pub line: usize,
    pub what: &'static str,
}

fn err(line: usize, what: &'static str) -> ParseError {
    ParseError { line, what }
}

/// The sections of a file in the order they first appear, each with its keys (those of
/// `[DEFAULT]` included).
pub fn parse(text: &str) -> Result<Vec<(String, Section)>, ParseError> {
    let mut sections: Vec<(String, Lines)> = Vec::new();
    let mut defaults: Lines = Vec::new();
    // Which section lines go to: None before any, Some(None) for [DEFAULT].
    let mut current: Option<Option<usize>> = None;
    let mut option: Option<usize> = None;
    let mut indent = 0usize;
    let mut first_error = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let stripped = raw.trim();
        let is_comment = stripped.starts_with('#') || stripped.starts_with(';');
        let value = if is_comment { "" } else { stripped };
        let in_value = current.is_some() && option.is_some();
        if value.is_empty() {
            // An empty line inside a value is kept (and trimmed off its end later).
            if !is_comment && in_value {
                push_line(&mut sections, &mut defaults, current, option, String::new());
            }
            continue;
        }
        let line_indent = raw.len() - raw.trim_start().len();
        if in_value && line_indent > indent {
            push_line(
                &mut sections,
                &mut defaults,
                current,
                option,
                value.to_string(),
            );
            continue;
        }
        indent = line_indent;
        if let Some(header) = section_header(value) {
            option = None;
            if header == "DEFAULT" {
                current = Some(None);
            } else if sections.iter().any(|(name, _)| name == header) {
                return Err(err(number, "a section appears twice"));
            } else {
                sections.push((header.to_string(), Vec::new()));
                current = Some(Some(sections.len() - 1));
            }
            continue;
        }
        let keys = match current {
            Some(Some(i)) => &mut sections[i].1,
            Some(None) => &mut defaults,
            None => return Err(err(number, "a line before the first [section]")),
        };
        match split_option(value) {
            Some((key, v)) => {
                let key = key.to_lowercase();
                if keys.iter().any(|(k, _)| *k == key) {
                    return Err(err(number, "a key appears twice in one section"));
                }
                keys.push((key, vec![v.to_string()]));
                option = Some(keys.len() - 1);
            }
            None => {
                first_error.get_or_insert(err(number, "a line with no `=`"));
                option = None;
            }
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    let joined = |keys: Lines| -> Result<Vec<(String, Value)>, ParseError> {
        keys.into_iter()
            .map(|(k, lines)| Ok((k, finish(&lines.join("\n"))?)))
            .collect()
    };
    let defaults = joined(defaults)?;
    sections
        .into_iter()
        .map(|(name, keys)| {
            let mut section: Section = defaults.iter().cloned().collect();
            section.extend(joined(keys)?);
            Ok((name, section))
        })
        .collect()
}

type Lines = Vec<(String, Vec<String>)>;

/// Adds a line to the value being read.
fn push_line(
    sections: &mut [(String, Lines)],
    defaults: &mut Lines,
    current: Option<Option<usize>>,
    option: Option<usize>,
    line: String,
) {
    let keys = match current {
        Some(Some(i)) => &mut sections[i].1,
        Some(None) => defaults,
        None => return,
    };
    if let Some(entry) = option.and_then(|o| keys.get_mut(o)) {
        entry.1.push(line);
    }
}

/// `[name]`: what lies between the first `[` and the last `]` of the line.
fn section_header(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('[')?;
    let end = inner.rfind(']')?;
    (end > 0).then(|| &inner[..end])
}

/// `key = value` or `key: value`, split at the first of either separator; an empty key is not
/// an option line.
fn split_option(line: &str) -> Option<(&str, &str)> {
    let at = line.find(['=', ':'])?;
    let key = line[..at].trim_end();
    (!key.is_empty()).then(|| (key, line[at + 1..].trim()))
}

/// A value as botocore keeps it: trailing blank lines trimmed; one that starts on the line
/// after its key is a sub-section.
fn finish(value: &str) -> Result<Value, ParseError> {
    let value = value.trim_end();
    let Some(body) = value.strip_prefix('\n') else {
        return Ok(Value::Text(value.to_string()));
    };
    let mut nested = BTreeMap::new();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (k, v) = line
            .split_once('=')
            .ok_or(err(0, "an indented line with no `=` in a sub-section"))?;
        nested.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(Value::Nested(nested))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(sections: &[(String, Section)], name: &str, key: &str) -> Option<String> {
        let (_, s) = sections.iter().find(|(n, _)| n == name)?;
        s.get(key)?.text().map(str::to_string)
    }

    #[test]
    fn keys_values_comments_and_separators() {
        let s = parse("# top\n[default]\nRegion : us-east-1\n; c\noutput=text # not a comment\n")
            .unwrap();
        assert_eq!(text(&s, "default", "region").as_deref(), Some("us-east-1"));
        assert_eq!(
            text(&s, "default", "output").as_deref(),
            Some("text # not a comment")
        );
    }

    #[test]
    fn indented_lines_are_sub_sections_or_continuations() {
        let s = parse("[default]\ns3 =\n  endpoint_url = http://x\n\n  addressing_style=path\nregion = a\n  b\n").unwrap();
        let (_, d) = &s[0];
        let Value::Nested(n) = &d["s3"] else {
            panic!("not nested: {d:?}")
        };
        assert_eq!(n["endpoint_url"], "http://x");
        assert_eq!(n["addressing_style"], "path");
        assert!(!d.contains_key("endpoint_url"));
        assert_eq!(text(&s, "default", "region").as_deref(), Some("a\nb"));
    }

    #[test]
    fn default_section_is_inherited_and_errors_are_botocores() {
        let s = parse("[DEFAULT]\nregion = r\n[profile a]\n[b]\nregion = own\n").unwrap();
        assert_eq!(text(&s, "profile a", "region").as_deref(), Some("r"));
        assert_eq!(text(&s, "b", "region").as_deref(), Some("own"));
        assert!(parse("region = x\n[default]\n").is_err());
        assert!(parse("[a]\n[a]\n").is_err());
        assert!(parse("[a]\nk=1\nk=2\n").is_err());
        assert!(parse("[a]\nno separator\n").is_err());
        assert!(parse("[a]\nk =\n  no separator\n").is_err());
    }
}
