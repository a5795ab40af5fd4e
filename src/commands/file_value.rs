//! `file://path` values, as the AWS CLI reads them, for every command: the file's text with one
//! trailing newline dropped, read with a size cap (and a deadline for pipes and devices).

use crate::capped_read::{DOCUMENT_CAP, SECRET_CAP, read_capped_to_string};
use crate::failure::Failure;
use crate::safe_text::one_line;
use std::path::Path;

/// Reads one value (a token, a session, a secret, a name); `file://path` means the file's
/// text, at most [`SECRET_CAP`] bytes.
pub fn load_value(flag: &str, raw: &str) -> Result<String, Failure> {
    load(flag, raw, SECRET_CAP)
}

/// Reads a document (`--cli-input-json`, `--cli-input-yaml`); `file://path` means the file's
/// text, at most [`DOCUMENT_CAP`] bytes.
pub fn load_document(flag: &str, raw: &str) -> Result<String, Failure> {
    load(flag, raw, DOCUMENT_CAP)
}

fn load(flag: &str, raw: &str, cap: usize) -> Result<String, Failure> {
    let Some(path) = raw.strip_prefix("file://") else {
        return Ok(raw.to_string());
    };
    let text = read_capped_to_string(Path::new(path), cap).map_err(|e| {
        Failure::Usage(format!(
            "Error parsing parameter '{flag}': Unable to load paramfile {}: {e}",
            one_line(raw)
        ))
    })?;
    let trimmed = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(&text);
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn file_values_are_read_and_missing_files_explained() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        writeln!(f, "token-from-file").unwrap();
        let raw = format!("file://{}", f.path().display());
        assert_eq!(
            load_value("--access-token", &raw).unwrap(),
            "token-from-file"
        );
        assert_eq!(load_value("--user-code", "123456").unwrap(), "123456");
        let err = load_value("--access-token", "file:///nonexistent/x").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Error parsing parameter '--access-token': Unable to load paramfile")
        );
    }

    #[test]
    fn values_and_documents_have_their_own_caps() {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), "a".repeat(SECRET_CAP + 1)).unwrap();
        let raw = format!("file://{}", f.path().display());
        let err = load_value("--session", &raw).unwrap_err();
        assert!(matches!(err, Failure::Usage(_)));
        assert!(err.to_string().contains("larger than 64 KiB"), "{err}");
        assert_eq!(
            load_document("--cli-input-json", &raw).unwrap().len(),
            SECRET_CAP + 1
        );
    }
}
