//! ListUsers' `Filter`: `AttributeName = "value"` (exact) or `AttributeName ^= "value"`
//! (starts with), one attribute at a time, quotes inside the value escaped with a backslash.
//! An empty filter matches every user.

use super::fault::Fault;
use super::user::User;

/// The attributes Cognito can search on.
const SEARCHABLE: &[&str] = &[
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub attribute: String,
    pub prefix: bool,
    pub value: String,
}

impl Filter {
    /// `None` for an empty filter (every user).
    pub fn parse(text: &str) -> Result<Option<Self>, Fault> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let invalid = || Fault::invalid_parameter("Error while parsing filter.");
        let name_end = text
            .find(|c: char| c.is_whitespace() || c == '=' || c == '^')
            .ok_or_else(invalid)?;
        let (attribute, rest) = text.split_at(name_end);
        let rest = rest.trim_start();
        let (prefix, rest) = match (rest.strip_prefix("^="), rest.strip_prefix('=')) {
            (Some(rest), _) => (true, rest),
            (None, Some(rest)) => (false, rest),
            (None, None) => return Err(invalid()),
        };
        let quoted = rest.trim().strip_prefix('"').ok_or_else(invalid)?;
        let mut value = String::new();
        let mut chars = quoted.chars();
        loop {
            match chars.next().ok_or_else(invalid)? {
                '\\' => value.push(chars.next().ok_or_else(invalid)?),
                '"' => break,
                c => value.push(c),
            }
        }
        if !chars.as_str().trim().is_empty() {
            return Err(invalid());
        }
        if !SEARCHABLE.contains(&attribute) {
            return Err(Fault::invalid_parameter(
                "Invalid search attribute: only username, email, phone_number, name, given_name, \
                 family_name, preferred_username, cognito:user_status, status and sub can be \
                 searched",
            ));
        }
        Ok(Some(Self {
            attribute: attribute.to_string(),
            prefix,
            value,
        }))
    }

    pub fn matches(&self, user: &User) -> bool {
        let status_word = if user.enabled { "Enabled" } else { "Disabled" };
        let (candidate, case_insensitive) = match self.attribute.as_str() {
            "username" => (Some(user.username.as_str()), false),
            "email" => (user.email.as_deref(), false),
            "sub" => (Some(user.sub.as_str()), false),
            "cognito:user_status" => (Some(user.status_name()), false),
            "status" => (Some(status_word), true),
            _ => (None, false),
        };
        let Some(candidate) = candidate else {
            return false;
        };
        if case_insensitive {
            let (candidate, value) = (candidate.to_lowercase(), self.value.to_lowercase());
            self.compare(&candidate, &value)
        } else {
            self.compare(candidate, &self.value)
        }
    }

    fn compare(&self, candidate: &str, value: &str) -> bool {
        if self.prefix {
            candidate.starts_with(value)
        } else {
            candidate == value
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Filter {
        Filter::parse(text).unwrap().unwrap()
    }

    #[test]
    fn parses_exact_and_prefix_filters_with_escaped_quotes() {
        assert_eq!(
            parsed(r#"username = "alice""#),
            Filter {
                attribute: "username".into(),
                prefix: false,
                value: "alice".into()
            }
        );
        let f = parsed(r#"  email^="a\"b"  "#);
        assert!(f.prefix);
        assert_eq!(f.value, "a\"b");
        assert_eq!(
            parsed(r#"cognito:user_status = "CONFIRMED""#).attribute,
            "cognito:user_status"
        );
        assert_eq!(Filter::parse("   ").unwrap(), None);
    }

    #[test]
    fn refuses_broken_filters_and_unsearchable_attributes() {
        for text in [
            "username",
            "username = alice",
            r#"username = "alice"#,
            r#"username ~ "alice""#,
            r#"username = "a" extra"#,
            r#"custom:team = "x""#,
        ] {
            let fault = Filter::parse(text).unwrap_err();
            assert_eq!(fault.code, "InvalidParameterException", "{text}");
        }
    }

    #[test]
    fn status_is_case_insensitive_and_user_status_is_not() {
        let user = User::new("u".into(), "p".into(), Some("u@example.com".into()), 0);
        assert!(parsed(r#"status = "enabled""#).matches(&user));
        assert!(parsed(r#"cognito:user_status = "CONFIRMED""#).matches(&user));
        assert!(!parsed(r#"cognito:user_status = "confirmed""#).matches(&user));
        assert!(parsed(r#"email ^= "u@""#).matches(&user));
        assert!(!parsed(r#"given_name = "u""#).matches(&user));
    }
}
