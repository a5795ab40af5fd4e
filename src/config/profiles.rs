//! The profiles of the AWS config and credentials files, mapped as botocore maps them
//! (`configloader.build_profile_map`, `Session.full_config`):
//!
//! - `[default]` and `[profile NAME]` are profiles (`NAME` split as a shell word, so
//!   `[profile "a b"]` names `a b`); when both `[default]` and `[profile default]` exist, the one
//!   later in the file wins whole;
//! - `[services NAME]` sections hold per-service settings (`cognito_identity_provider =` then
//!   indented `endpoint_url = …`);
//! - each section of the credentials file is a profile of that name whose keys override the
//!   config file's (only the keys read here are kept: never the secrets).

use super::env::Env;
use super::error::ConfigError;
use super::ini::{self, Section, Value};
use crate::capped_read::{DOCUMENT_CAP, read_capped_to_string};
use std::collections::HashMap;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// The keys read from a profile; anything else (credentials above all) is dropped on reading.
const KEPT: &[&str] = &[
    "region",
    "output",
    "endpoint_url",
    "services",
    "ca_bundle",
    "max_attempts",
    "retry_mode",
    "use_fips_endpoint",
    "use_dualstack_endpoint",
    "ignore_configured_endpoint_urls",
];

/// Both files, mapped.
#[derive(Debug, Default)]
pub struct ConfigFiles {
    pub profiles: HashMap<String, Section>,
    pub services: HashMap<String, Section>,
}

/// The profile in use and its settings.
#[derive(Debug, Default)]
pub struct Scoped<'a> {
    pub values: Option<&'a Section>,
    pub files: Option<&'a ConfigFiles>,
}

impl Scoped<'_> {
    /// A plain `key = value` of the profile.
    pub fn text(&self, key: &str) -> Option<&str> {
        self.values?.get(key)?.text()
    }
}

/// The profile botocore would use: `--profile`, else `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`,
/// else `default` (whose absence is no error, unlike a named profile's).
pub fn profile_name(flag: Option<&str>, env: &dyn Env) -> Option<String> {
    flag.map(str::to_string)
        .or_else(|| env.var("AWS_DEFAULT_PROFILE"))
        .or_else(|| env.var("AWS_PROFILE"))
}

impl ConfigFiles {
    pub fn load(env: &dyn Env) -> Result<Self, ConfigError> {
        let mut files = Self::default();
        let config = file_path(env, "AWS_CONFIG_FILE", "config");
        if let Some((path, text)) = read(config)? {
            files.add_config(&text).map_err(|e| bad_file(&path, e))?;
        }
        let credentials = file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
        if let Some((path, text)) = read(credentials)? {
            files
                .add_credentials(&text)
                .map_err(|e| bad_file(&path, e))?;
        }
        Ok(files)
    }

    pub fn add_config(&mut self, text: &str) -> Result<(), ini::ParseError> {
        for (name, section) in ini::parse(text)? {
            let section = kept(section);
            if name.starts_with("profile") {
                if let Some(profile) = second_word(&name) {
                    self.profiles.insert(profile, section);
                }
            } else if name.starts_with("services") {
                if let Some(services) = second_word(&name) {
                    self.services.insert(services, section);
                }
            } else if name == "default" {
                self.profiles.insert(name, section);
            }
        }
        Ok(())
    }

    pub fn add_credentials(&mut self, text: &str) -> Result<(), ini::ParseError> {
        for (name, section) in ini::parse(text)? {
            self.profiles.entry(name).or_default().extend(kept(section));
        }
        Ok(())
    }

    /// The named profile (an error if absent), or `default` (empty if absent).
    pub fn scoped(&self, name: Option<&str>) -> Result<Scoped<'_>, ConfigError> {
        let values = match name {
            None => self.profiles.get("default"),
            Some(n) => Some(
                self.profiles
                    .get(n)
                    .ok_or_else(|| ConfigError::ProfileNotFound(n.to_string()))?,
            ),
        };
        Ok(Scoped {
            values,
            files: Some(self),
        })
    }
}

/// Profiles keep the keys read here; `[services]` sections keep every service's sub-section.
fn kept(section: Section) -> Section {
    section
        .into_iter()
        .filter(|(k, v)| KEPT.contains(&k.as_str()) || matches!(v, Value::Nested(_)))
        .map(|(k, v)| match v {
            Value::Nested(n) => (
                k,
                Value::Nested(n.into_iter().filter(|(k, _)| k == "endpoint_url").collect()),
            ),
            text => (k, text),
        })
        .collect()
}

fn file_path(env: &dyn Env, var: &str, name: &str) -> Option<PathBuf> {
    match env.var(var) {
        Some(p) => Some(expand_path(&p, env)),
        None => env.home().map(|h| h.join(".aws").join(name)),
    }
}

/// `~` and `$VAR` / `${VAR}` expanded, as Python's `expanduser(expandvars(path))` does.
fn expand_path(path: &str, env: &dyn Env) -> PathBuf {
    let mut out = String::new();
    let mut rest = path;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (name, tail) = match after.strip_prefix('{') {
            Some(b) => match b.find('}') {
                Some(end) => (&b[..end], &b[end + 1..]),
                None => ("", after),
            },
            None => {
                let end = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        match env.var(name).filter(|_| !name.is_empty()) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[at..rest.len() - tail.len()]),
        }
        rest = tail;
    }
    out.push_str(rest);
    match (out.strip_prefix('~'), env.home()) {
        (Some(tail), Some(home)) if tail.is_empty() || tail.starts_with('/') => {
            PathBuf::from(format!("{}{tail}", home.display()))
        }
        _ => PathBuf::from(out),
    }
}

/// A file's text, zeroized when dropped (the credentials file holds secret keys). A path that
/// is not a file is no file, as for botocore.
fn read(path: Option<PathBuf>) -> Result<Option<(PathBuf, Zeroizing<String>)>, ConfigError> {
    let Some(path) = path.filter(|p| p.is_file()) else {
        return Ok(None);
    };
    match read_capped_to_string(&path, DOCUMENT_CAP) {
        Ok(text) => Ok(Some((path, Zeroizing::new(text)))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(ConfigError::ConfigFile {
            path,
            detail: e.to_string(),
        }),
    }
}

fn bad_file(path: &std::path::Path, e: ini::ParseError) -> ConfigError {
    ConfigError::ConfigFile {
        path: path.to_path_buf(),
        detail: format!("{e}; fix the file or point AWS_CONFIG_FILE elsewhere"),
    }
}

/// The second of exactly two shell words (`profile "a b"` → `a b`), as `shlex.split` gives it.
fn second_word(header: &str) -> Option<String> {
    let words = shell_words(header)?;
    match <[String; 2]>::try_from(words) {
        Ok([_, second]) => Some(second),
        Err(_) => None,
    }
}

/// POSIX shell words: blanks separate, quotes group, a backslash escapes (outside single
/// quotes). An unclosed quote is no split at all.
fn shell_words(s: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('\\' | '"' | '$' | '`' | '\n') => w.push(c),
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(config: &str) -> ConfigFiles {
        let mut f = ConfigFiles::default();
        f.add_config(config).unwrap();
        f
    }

    #[test]
    fn profile_sections_and_the_later_default_wins() {
        let f = files(
            "[default]\nregion=a\n[profile default]\nregion=b\n[profile  \"x y\"]\nregion=c\n[profilez]\nregion=d\n[sso-session s]\nregion=e\n",
        );
        assert_eq!(f.scoped(None).unwrap().text("region"), Some("b"));
        assert_eq!(f.scoped(Some("x y")).unwrap().text("region"), Some("c"));
        assert!(f.scoped(Some("profilez")).is_err());
        let f = files("[profile default]\nregion=b\n[default]\nregion=a\n");
        assert_eq!(f.scoped(Some("default")).unwrap().text("region"), Some("a"));
        assert!(f.scoped(Some("nope")).is_err());
        assert!(files("").scoped(None).unwrap().values.is_none());
    }

    #[test]
    fn credentials_override_and_secrets_are_dropped() {
        let mut f = files("[profile a]\nregion=x\n");
        f.add_credentials("[a]\nregion=y\naws_secret_access_key=s\n[b]\naws_access_key_id=k\n")
            .unwrap();
        let a = f.scoped(Some("a")).unwrap();
        assert_eq!(a.text("region"), Some("y"));
        assert_eq!(a.text("aws_secret_access_key"), None);
        assert!(
            f.scoped(Some("b")).is_ok(),
            "a credentials-only profile exists"
        );
    }

    #[test]
    fn shell_words_as_shlex_splits_them() {
        assert_eq!(shell_words("profile  a").unwrap(), ["profile", "a"]);
        assert_eq!(shell_words("profile 'a b'").unwrap(), ["profile", "a b"]);
        assert_eq!(
            shell_words(r#"profile "a\"b""#).unwrap(),
            ["profile", "a\"b"]
        );
        assert!(shell_words("profile \"open").is_none());
        assert_eq!(second_word("profile a b"), None);
    }

    #[test]
    fn paths_expand_home_and_variables() {
        let env: HashMap<&str, &str> = [("HOME", "/h"), ("D", "dir")].into_iter().collect();
        assert_eq!(expand_path("~/x", &env), PathBuf::from("/h/x"));
        assert_eq!(
            expand_path("/a/$D/${D}/$NOPE", &env),
            PathBuf::from("/a/dir/dir/$NOPE")
        );
    }
}
