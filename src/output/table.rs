//! `--output table`: boxes in the AWS CLI's style. Values are shown terminal-safe.

use super::scalar::{is_scalar, scalar_text};
use crate::safe_text::one_line;
use serde_json::Value;

/// A box-drawn table in the AWS CLI's style: a title, then a row of names over a row of values
/// for each object, nested objects as sub-tables.
pub fn table(value: &Value, title: &str) -> String {
    let mut rows: Vec<Row> = Vec::new();
    table_rows(value, title, &mut rows);
    let width = rows
        .iter()
        .map(Row::min_width)
        .max()
        .unwrap_or(0)
        .max(title.len() + 4);
    let mut out = String::new();
    for row in rows {
        row.draw(width, &mut out);
    }
    out
}

enum Row {
    Title(String),
    Cells(Vec<String>),
    Rule(usize),
}

impl Row {
    fn min_width(&self) -> usize {
        match self {
            Row::Title(t) => t.chars().count() + 4,
            Row::Cells(c) => c.iter().map(|s| s.chars().count() + 4).sum::<usize>() + 1,
            Row::Rule(_) => 0,
        }
    }

    fn draw(&self, width: usize, out: &mut String) {
        match self {
            Row::Title(t) => {
                out.push_str(&format!("{}\n", "-".repeat(width)));
                out.push_str(&format!("|{:^w$}|\n", t, w = width - 2));
            }
            Row::Rule(n) => {
                let n = (*n).max(1);
                let cell = (width - 1) / n;
                let mut line = String::new();
                for i in 0..n {
                    let w = if i + 1 == n {
                        width - 1 - cell * (n - 1)
                    } else {
                        cell
                    };
                    line.push('+');
                    line.push_str(&"-".repeat(w - 1));
                }
                out.push_str(&format!("{line}+\n"));
            }
            Row::Cells(cells) => {
                let n = cells.len().max(1);
                let cell = (width - 1) / n;
                let mut line = String::new();
                for (i, c) in cells.iter().enumerate() {
                    let w = if i + 1 == n {
                        width - 1 - cell * (n - 1)
                    } else {
                        cell
                    };
                    line.push('|');
                    line.push_str(&format!("{:^w$}", c, w = w - 1));
                }
                out.push_str(&format!("{line}|\n"));
            }
        }
    }
}

fn table_rows(value: &Value, title: &str, rows: &mut Vec<Row>) {
    rows.push(Row::Title(one_line(title).into_owned()));
    match value {
        Value::Object(map) => {
            let scalars: Vec<(&String, &Value)> =
                map.iter().filter(|(_, v)| is_scalar(v)).collect();
            if !scalars.is_empty() {
                rows.push(Row::Rule(scalars.len()));
                rows.push(Row::Cells(
                    scalars
                        .iter()
                        .map(|(k, _)| one_line(k).into_owned())
                        .collect(),
                ));
                rows.push(Row::Rule(scalars.len()));
                rows.push(Row::Cells(
                    scalars.iter().map(|(_, v)| scalar_text(v)).collect(),
                ));
                rows.push(Row::Rule(scalars.len()));
            }
            for (k, v) in map.iter().filter(|(_, v)| !is_scalar(v)) {
                table_rows(v, k, rows);
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_scalar(item) {
                    rows.push(Row::Cells(vec![scalar_text(item)]));
                } else {
                    table_rows(item, title, rows);
                }
            }
            rows.push(Row::Rule(1));
        }
        scalar => {
            rows.push(Row::Rule(1));
            rows.push(Row::Cells(vec![scalar_text(scalar)]));
            rows.push(Row::Rule(1));
        }
    }
}
