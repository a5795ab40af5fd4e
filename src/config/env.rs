//! Where environment variables (and the home directory) come from: the process, or a map in
//! tests.

use std::collections::HashMap;
use std::path::PathBuf;

/// Where environment variables come from: the process, or a map in tests.
pub trait Env {
    fn var(&self, key: &str) -> Option<String>;
    /// The home directory, where `~/.aws/config` is.
    fn home(&self) -> Option<PathBuf> {
        self.var("HOME").map(PathBuf::from)
    }
}

pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, key: &str) -> Option<String> {
        std::env::var(key).ok().filter(|v| !v.is_empty())
    }
    fn home(&self) -> Option<PathBuf> {
        dirs::home_dir()
    }
}

impl Env for HashMap<&str, &str> {
    fn var(&self, key: &str) -> Option<String> {
        self.get(key)
            .map(|v| v.to_string())
            .filter(|v| !v.is_empty())
    }
}
