//! `admin report`'s rows and how they are written: RFC 4180 CSV (formula-safe for spreadsheet
//! users), JSON Lines or one JSON array, streamed; and where an interrupted file resumes.

use crate::admin::time::epoch_to_utc;
use crate::admin::wire::{AdminGetUserResponse, ListedUser};
use crate::cli::ReportFormat;
use crate::safe_text::{json_safe, one_line};
use serde::Serialize;
use std::io::{self, Read, Seek, SeekFrom, Write};

pub const COLUMNS: [&str; 9] = [
    "username",
    "status",
    "enabled",
    "email",
    "phone_number",
    "mfa_methods",
    "preferred_mfa",
    "created",
    "last_modified",
];

/// One user as the report shows them; every string already terminal-safe.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub username: String,
    pub status: String,
    pub enabled: bool,
    pub email: String,
    pub phone_number: String,
    pub mfa_methods: Vec<String>,
    pub preferred_mfa: String,
    pub created: String,
    pub last_modified: String,
}

impl Row {
    pub fn new(listed: &ListedUser, user: &AdminGetUserResponse) -> Self {
        let safe = |s: &str| one_line(s).into_owned();
        let when = |n: &Option<serde_json::Number>| {
            n.as_ref()
                .and_then(serde_json::Number::as_f64)
                .and_then(epoch_to_utc)
                .unwrap_or_default()
        };
        Row {
            username: safe(&listed.username),
            status: safe(
                user.user_status
                    .as_deref()
                    .or(listed.user_status.as_deref())
                    .unwrap_or(""),
            ),
            enabled: user.enabled.or(listed.enabled).unwrap_or(true),
            email: safe(user.attribute("email").unwrap_or("")),
            phone_number: safe(user.attribute("phone_number").unwrap_or("")),
            mfa_methods: user.methods().iter().map(|m| safe(m)).collect(),
            preferred_mfa: safe(user.preferred().unwrap_or("")),
            created: when(&user.user_create_date),
            last_modified: when(&user.user_last_modified_date),
        }
    }

    fn cells(&self) -> [String; 9] {
        [
            self.username.clone(),
            self.status.clone(),
            self.enabled.to_string(),
            self.email.clone(),
            self.phone_number.clone(),
            self.mfa_methods.join(";"),
            self.preferred_mfa.clone(),
            self.created.clone(),
            self.last_modified.clone(),
        ]
    }
}

/// A CSV cell: text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading `'`; quoted when it holds `,`, `"` or a line break.
pub fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A row as JSON with every control character escaped (serde_json leaves DEL and C1 raw): the
/// same document, safe on a terminal.
fn json_line(row: &Row) -> io::Result<String> {
    Ok(json_safe(&serde_json::to_string(row)?).into_owned())
}

/// Writes rows in one format; `finish` closes a JSON array.
pub struct RowWriter<W: Write> {
    out: W,
    format: ReportFormat,
    rows: u64,
    /// The rows go to a terminal: control characters in CSV cells are shown escaped.
    terminal: bool,
}

impl<W: Write> RowWriter<W> {
    /// `fresh`: the output is empty, so CSV starts with its header (a resumed file has one).
    pub fn new(mut out: W, format: ReportFormat, fresh: bool) -> io::Result<Self> {
        match format {
            ReportFormat::Csv if fresh => write!(out, "{}\r\n", COLUMNS.join(","))?,
            ReportFormat::Json => out.write_all(b"[")?,
            _ => {}
        }
        Ok(Self {
            out,
            format,
            rows: 0,
            terminal: false,
        })
    }

    /// Rows written to a terminal: a user attribute holding escape sequences is shown as
    /// `\u{1b}`-style text instead of reaching the terminal (JSON is always escaped; CSV written
    /// to a file or a pipe keeps the values as they are).
    pub fn for_terminal(mut self, terminal: bool) -> Self {
        self.terminal = terminal;
        self
    }

    pub fn write(&mut self, row: &Row) -> io::Result<()> {
        match self.format {
            ReportFormat::Csv => {
                let cells: Vec<String> = row
                    .cells()
                    .iter()
                    .map(|c| match self.terminal {
                        true => csv_cell(&one_line(c)),
                        false => csv_cell(c),
                    })
                    .collect();
                write!(self.out, "{}\r\n", cells.join(","))?;
            }
            ReportFormat::Jsonl => {
                self.out.write_all(json_line(row)?.as_bytes())?;
                self.out.write_all(b"\n")?;
            }
            ReportFormat::Json => {
                self.out
                    .write_all(if self.rows == 0 { b"\n" } else { b",\n" })?;
                self.out.write_all(json_line(row)?.as_bytes())?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<u64> {
        if self.format == ReportFormat::Json {
            self.out
                .write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.rows)
    }
}

/// Where an interrupted report resumes: the file is cut after its last complete line, and the
/// user name on that line is returned (`None`: nothing written yet but the header).
pub fn prepare_resume(
    file: &mut std::fs::File,
    format: ReportFormat,
) -> Result<ResumePoint, String> {
    const TAIL: u64 = 64 * 1024;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let start = len.saturating_sub(TAIL);
    file.seek(SeekFrom::Start(start))
        .map_err(|e| e.to_string())?;
    let mut tail = Vec::new();
    file.take(TAIL)
        .read_to_end(&mut tail)
        .map_err(|e| e.to_string())?;
    let Some(last_newline) = tail.iter().rposition(|&b| b == b'\n') else {
        if start == 0 {
            file.set_len(0).map_err(|e| e.to_string())?;
            return Ok(ResumePoint {
                after: None,
                fresh: true,
            });
        }
        return Err("its last 64 KiB hold no complete line".into());
    };
    let keep = start + last_newline as u64 + 1;
    file.set_len(keep).map_err(|e| e.to_string())?;
    file.seek(SeekFrom::End(0)).map_err(|e| e.to_string())?;
    let before = &tail[..last_newline];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    if line_start == 0 && start > 0 {
        return Err("its last line is longer than 64 KiB".into());
    }
    let line = String::from_utf8_lossy(&before[line_start..]);
    let line = line.trim_end_matches('\r');
    let after = match format {
        ReportFormat::Csv if line == COLUMNS.join(",") => None,
        ReportFormat::Csv => Some(first_csv_cell(line)),
        ReportFormat::Jsonl => {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("its last line is not JSON: {e}"))?;
            let name = v["username"]
                .as_str()
                .ok_or("its last line has no username")?;
            Some(name.to_string())
        }
        ReportFormat::Json => {
            return Err("a JSON array cannot be resumed: use --format jsonl or csv".into());
        }
    };
    Ok(ResumePoint {
        after,
        fresh: false,
    })
}

pub struct ResumePoint {
    /// The cell (as written) of the last user in the file.
    pub after: Option<String>,
    /// The file was empty: write the header.
    pub fresh: bool,
}

/// How the user name appears in the file, to find the resume point in ListUsers' order.
pub fn written_name(format: ReportFormat, username: &str) -> String {
    let safe = one_line(username);
    match format {
        ReportFormat::Csv => csv_cell(&safe),
        _ => safe.into_owned(),
    }
}

/// The first cell of a CSV line, exactly as written (quotes kept, so it compares with
/// [`written_name`]).
fn first_csv_cell(line: &str) -> String {
    if !line.starts_with('"') {
        return line.split(',').next().unwrap_or("").to_string();
    }
    let mut end = 1;
    let bytes = line.as_bytes();
    while end < bytes.len() {
        if bytes[end] == b'"' {
            if bytes.get(end + 1) == Some(&b'"') {
                end += 2;
                continue;
            }
            return line[..=end].to_string();
        }
        end += 1;
    }
    line.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formula_safe() {
        assert_eq!(csv_cell("ana"), "ana");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1 555"), "'+1 555");
        assert_eq!(csv_cell("-2"), "'-2");
        assert_eq!(csv_cell("@sum"), "'@sum");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
    }

    #[test]
    fn resume_cuts_a_partial_row_and_names_the_last_user() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, "username,status,enabled,email,phone_number,mfa_methods,preferred_mfa,created,last_modified\r\n\"a,b\",CONFIRMED\r\nzed,CONF").unwrap();
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let point = prepare_resume(&mut f, ReportFormat::Csv).unwrap();
        assert_eq!(point.after.as_deref(), Some("\"a,b\""));
        assert_eq!(point.after, Some(written_name(ReportFormat::Csv, "a,b")));
        assert!(!point.fresh);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.ends_with("\"a,b\",CONFIRMED\r\n"), "{text}");
    }

    #[test]
    fn resume_of_a_header_only_file_starts_from_the_first_user() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        std::fs::write(&path, format!("{}\r\n", COLUMNS.join(","))).unwrap();
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let point = prepare_resume(&mut f, ReportFormat::Csv).unwrap();
        assert_eq!(point.after, None);
        assert!(!point.fresh);
    }

    #[test]
    fn a_json_array_streams_and_closes() {
        let mut out = Vec::new();
        let mut w = RowWriter::new(&mut out, ReportFormat::Json, true).unwrap();
        let row = Row {
            username: "a".into(),
            status: "CONFIRMED".into(),
            enabled: true,
            email: String::new(),
            phone_number: String::new(),
            mfa_methods: vec!["SOFTWARE_TOKEN_MFA".into()],
            preferred_mfa: String::new(),
            created: String::new(),
            last_modified: String::new(),
        };
        w.write(&row).unwrap();
        w.write(&row).unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
    }

    #[test]
    fn escape_sequences_in_attributes_never_reach_a_terminal() {
        let row = Row {
            username: "mallory\u{1b}]0;owned\u{7}".into(),
            status: "CONFIRMED".into(),
            enabled: true,
            email: "m@example.com\u{9b}2J".into(),
            phone_number: String::new(),
            mfa_methods: Vec::new(),
            preferred_mfa: String::new(),
            created: String::new(),
            last_modified: String::new(),
        };
        let written = |format, terminal| {
            let mut out = Vec::new();
            let mut w = RowWriter::new(&mut out, format, false)
                .unwrap()
                .for_terminal(terminal);
            w.write(&row).unwrap();
            w.finish().unwrap();
            String::from_utf8(out).unwrap()
        };
        let raw = |s: &str| s.contains(['\u{1b}', '\u{7}', '\u{9b}']);
        let csv = written(ReportFormat::Csv, true);
        assert!(
            !raw(&csv) && csv.starts_with("mallory\\u{1b}]0;owned"),
            "{csv}"
        );
        for format in [ReportFormat::Json, ReportFormat::Jsonl] {
            for terminal in [true, false] {
                let json = written(format, terminal);
                assert!(!raw(&json), "{json}");
                assert!(json.contains(r"\u009b"), "{json}");
            }
        }
        // A file or a pipe gets the values as Cognito holds them.
        assert!(raw(&written(ReportFormat::Csv, false)));
    }
}
