//! `--output table`, character for character as the AWS CLI (awscli 1.x `table.py` and
//! `formatter.py`'s `TableFormatter`) prints it: a title row, columns sized to their content and
//! stretched to the widest section, nested objects and lists as indented sub-tables, and when
//! the table is wider than the terminal, every one-row section turned into key/value rows.
//! `tests/awscli_table.rs` compares the two on the same answers.
//!
//! Text is measured as the AWS CLI measures it: East Asian Wide, Fullwidth and Ambiguous
//! characters count two columns, every other character one. Values are shown terminal-safe.

use super::sections::{Section, build};
use super::width::text_width;
use serde_json::Value;

/// The table the AWS CLI prints for `value` under the title `title` on a terminal `columns`
/// wide, without colour. An answer that is empty or false (`{}`, `[]`, `""`, `0`, `false`,
/// `null`) prints nothing, as there.
pub fn table(value: &Value, title: &str, columns: usize) -> String {
    table_styled(value, title, columns, false)
}

/// The table, coloured as awscli colours it on a terminal (`--color auto`): values bright blue,
/// the indentation bars dim yellow, and a reset after every piece awscli writes (colorama's
/// `autoreset`), one more at exit, even when the answer prints nothing.
pub fn table_styled(value: &Value, title: &str, columns: usize, color: bool) -> String {
    let mut out = Stream {
        text: String::new(),
        color,
    };
    if let Some(mut sections) = build(value, title) {
        let mut max_width = widest(&sections);
        if max_width > columns {
            to_key_value_rows(&mut sections);
            max_width = widest(&sections);
        }
        out.write(&format!("{}\n", "-".repeat(max_width)));
        for section in &sections {
            draw_section(section, max_width, &mut out);
        }
    }
    if color {
        out.text.push_str(RESET);
    }
    out.text
}

const RESET: &str = "\x1b[0m";

/// What awscli writes to, one piece at a time.
struct Stream {
    text: String,
    color: bool,
}

impl Stream {
    fn write(&mut self, piece: &str) {
        self.text.push_str(piece);
        if self.color {
            self.text.push_str(RESET);
        }
    }

    /// `IndentedStream.write` of a line: the bars, the line, the bars, the newline.
    fn line(&mut self, indent: usize, text: &str) {
        let bar = if self.color {
            "\x1b[2m\x1b[33m|\x1b[0m"
        } else {
            "|"
        };
        let bars = bar.repeat(indent);
        self.write(&bars);
        self.write(text);
        self.write(&bars);
        self.write("\n");
    }

    /// A value cell's text (`style_row_element`).
    fn value(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m\x1b[34m{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// `MultiTable._calculate_max_width`: the widest section, with its borders and indentation.
fn widest(sections: &[Section]) -> usize {
    sections.iter().map(Section::total_width).max().unwrap_or(0)
}

/// `convert_to_vertical_table`: a section of one row under a header row becomes one row per
/// column, its name beside its value.
fn to_key_value_rows(sections: &mut [Section]) {
    for section in sections.iter_mut() {
        if section.rows.len() == 1 && !section.headers.is_empty() {
            let mut vertical = Section::new(std::mem::take(&mut section.title), section.indent);
            let headers = std::mem::take(&mut section.headers);
            let row = std::mem::take(&mut section.rows[0]);
            for (header, value) in headers.into_iter().zip(row) {
                vertical.add_row(vec![header, value]);
            }
            *section = vertical;
        }
    }
}

/// One section, its lines framed by one `|` per level of indentation on each side.
fn draw_section(section: &Section, max_width: usize, out: &mut Stream) {
    let indent = section.indent;
    let inner = max_width.saturating_sub(indent * 2);
    if !section.title.is_empty() {
        out.line(indent, &center(&section.title, inner, "|", "|"));
        if section.headers.is_empty() && section.rows.is_empty() {
            out.line(
                indent,
                &format!("+{}+", "-".repeat(inner.saturating_sub(2))),
            );
        }
    }
    let widths = section.column_widths(4, inner);
    if !section.headers.is_empty() {
        out.line(indent, &rule(&widths));
        let mut cells = String::new();
        for (i, (width, header)) in widths.iter().zip(&section.headers).enumerate() {
            let left = if i == 0 { "|" } else { "" };
            cells.push_str(&center(header, *width, left, "|"));
        }
        out.line(indent, &cells);
    }
    if !section.rows.is_empty() && !widths.is_empty() {
        out.line(indent, &rule(&widths));
        for row in &section.rows {
            let mut cells = String::new();
            for (i, (width, value)) in widths.iter().zip(row).enumerate() {
                let left = if i == 0 { "|" } else { "" };
                let shown = out.value(value);
                cells.push_str(&align_left(&shown, text_width(value), *width, left, "|"));
            }
            out.line(indent, &cells);
        }
        out.line(indent, &rule(&widths));
    }
}

/// `_write_line_break`: `+-----+------+`.
fn rule(widths: &[usize]) -> String {
    let mut out = String::new();
    for (i, width) in widths.iter().enumerate() {
        if i == 0 {
            out.push('+');
            out.push_str(&"-".repeat(width.saturating_sub(2)));
        } else {
            out.push_str(&"-".repeat(width.saturating_sub(1)));
        }
        out.push('+');
    }
    out
}

/// `center_text`, including its arithmetic when the text is wider than the cell.
fn center(text: &str, length: usize, left: &str, right: &str) -> String {
    let text_len = text_width(text) as isize;
    let length = length as isize;
    let start = length / 2 - text_len / 2 - 1;
    let so_far = left.len() as isize + start + text_len;
    let right_spaces = length - right.len() as isize - so_far;
    format!(
        "{left}{}{text}{}{right}",
        spaces(start),
        spaces(right_spaces)
    )
}

/// `align_left`: two spaces of padding when they fit, none when they do not; `text_len` is the
/// width of the text without its colours.
fn align_left(text: &str, text_len: usize, length: usize, left: &str, right: &str) -> String {
    let text_len = text_len as isize;
    let length = length as isize;
    let edges = (left.len() + right.len()) as isize;
    let padding = if length - (text_len + 2 + edges) >= 0 {
        2
    } else {
        0
    };
    let so_far = left.len() as isize + padding + text_len;
    format!(
        "{left}{}{text}{}{right}",
        spaces(padding),
        spaces(length - so_far - right.len() as isize)
    )
}

/// Python's `' ' * n`: nothing for a negative `n`.
fn spaces(n: isize) -> String {
    " ".repeat(n.max(0) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_scalar_is_a_key_value_row() {
        assert_eq!(
            table(&json!({"Status": "SUCCESS"}), "VerifySoftwareToken", 80),
            "-----------------------\n\
             | VerifySoftwareToken |\n\
             +---------+-----------+\n\
             |  Status |  SUCCESS  |\n\
             +---------+-----------+\n"
        );
    }

    #[test]
    fn columns_are_sized_to_their_content_and_sorted() {
        assert_eq!(
            table(&json!({"b": "x", "a": "long value"}), "T", 80),
            "---------------------\n\
             |         T         |\n\
             +-------------+-----+\n\
             |      a      |  b  |\n\
             +-------------+-----+\n\
             |  long value |  x  |\n\
             +-------------+-----+\n"
        );
    }

    #[test]
    fn too_wide_becomes_key_value_rows() {
        let v = json!({"a": "x".repeat(50), "b": "y".repeat(50)});
        let wide = table(&v, "T", 200);
        assert_eq!(wide.lines().count(), 7, "{wide}");
        assert!(wide.lines().all(|l| l.chars().count() == 110), "{wide}");
        let narrow = table(&v, "T", 80);
        let x = "x".repeat(50);
        assert!(narrow.contains(&format!("\n|  a|  {x}   |\n")), "{narrow}");
        assert!(narrow.lines().all(|l| l.chars().count() == 61), "{narrow}");
    }

    #[test]
    fn empty_answers_print_nothing() {
        for v in [
            json!({}),
            json!([]),
            json!(""),
            json!(0),
            json!(false),
            json!(null),
        ] {
            assert_eq!(table(&v, "T", 80), "", "{v}");
        }
    }

    #[test]
    fn colours_as_awscli_writes_them_on_a_terminal() {
        let v = json!({"Status": "SUCCESS", "Nested": {"A": "1", "B": "2"}});
        let styled = table_styled(&v, "V", 80, true);
        let mut plain = String::new();
        let mut chars = styled.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|c| *c == 'm');
            } else {
                plain.push(c);
            }
        }
        assert_eq!(
            plain,
            table(&v, "V", 80),
            "the same table under the colours"
        );
        let r = RESET;
        assert!(styled.contains(&format!("\n{r}{r}|")), "{styled:?}");
        assert!(
            styled.contains(&format!("\x1b[1m\x1b[34mSUCCESS{r}")),
            "{styled:?}"
        );
        let bar = format!("\x1b[2m\x1b[33m|{r}");
        assert!(styled.contains(&format!("{r}{bar}{r}|")), "{styled:?}");
        assert!(
            styled.ends_with(&format!("+{r}{bar}{r}\n{r}{r}")),
            "{styled:?}"
        );
        assert_eq!(table_styled(&json!({}), "V", 80, true), r);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let t = table(&json!({"k": "日本"}), "T", 80);
        assert!(t.contains("|  k |  日本  |"), "{t}");
    }
}
