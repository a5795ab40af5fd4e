//! The sections of an AWS CLI table (awscli `table.Section`) and how an answer is cut into
//! them (`formatter.TableFormatter._build_table`): an object's scalar members as one row under
//! a header row of their names (sorted), one scalar member as a name/value row, each nested
//! object or list as a section one level deeper, a list of objects as rows under the names
//! every object has.

use super::scalar::{is_scalar, scalar_text};
use super::width::text_width;
use crate::safe_text::one_line;
use serde_json::{Map, Value};

pub(super) struct Section {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub indent: usize,
    max_widths: Vec<usize>,
}

impl Section {
    pub fn new(title: String, indent: usize) -> Self {
        Self {
            title,
            headers: Vec::new(),
            rows: Vec::new(),
            indent,
            max_widths: Vec::new(),
        }
    }

    pub fn add_header(&mut self, headers: Vec<String>) {
        self.widen(&headers);
        self.headers = headers;
    }

    pub fn add_row(&mut self, row: Vec<String>) {
        self.widen(&row);
        self.rows.push(row);
    }

    fn widen(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            let w = text_width(cell);
            match self.max_widths.get_mut(i) {
                Some(max) => *max = (*max).max(w),
                None => self.max_widths.push(w),
            }
        }
    }

    /// `total_width(padding=4, with_border=True, outer_padding=indent)`.
    pub fn total_width(&self) -> usize {
        let columns: usize = self.max_widths.iter().map(|w| w + 4).sum::<usize>() + 2;
        let title = text_width(&self.title) + 2;
        columns.max(title) + self.indent * 2
    }

    /// `calculate_column_widths`: each column's content plus `padding`, scaled (rounding half
    /// to even, as Python's `round`) so that together they are `max_width`, the rounding error
    /// taken off the first columns or added to the last.
    pub fn column_widths(&self, padding: usize, max_width: usize) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let total: usize = unscaled.iter().sum();
        if unscaled.is_empty() || total == 0 {
            return unscaled;
        }
        let factor = max_width as f64 / total as f64;
        let mut scaled: Vec<isize> = unscaled
            .iter()
            .map(|w| (factor * *w as f64).round_ties_even() as isize)
            .collect();
        let mut off_by = scaled.iter().sum::<isize>() - max_width as isize;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..scaled.len()).rev().collect()
            } else {
                (0..scaled.len()).collect()
            };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }
}

/// The sections of `value`'s table, or `None` when the AWS CLI prints nothing for it (an empty
/// or false answer).
pub(super) fn build(value: &Value, title: &str) -> Option<Vec<Section>> {
    let mut sections = Vec::new();
    add_value(&mut sections, Some(title), value, 0).then_some(sections)
}

/// Python's truth: `{}`, `[]`, `""`, `0`, `false` and `null` are false.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn current(sections: &mut Vec<Section>) -> &mut Section {
    if sections.is_empty() {
        sections.push(Section::new(String::new(), 0));
    }
    let last = sections.len() - 1;
    &mut sections[last]
}

fn add_value(
    sections: &mut Vec<Section>,
    title: Option<&str>,
    value: &Value,
    indent: usize,
) -> bool {
    if !truthy(value) {
        return false;
    }
    if let Some(title) = title {
        sections.push(Section::new(one_line(title).into_owned(), indent));
    }
    match value {
        Value::Array(items) if items.first().is_some_and(Value::is_object) => {
            add_list_of_objects(sections, items, indent, title.unwrap_or_default());
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Array(inner) if inner.iter().all(is_scalar) => {
                        current(sections).add_row(inner.iter().map(scalar_text).collect());
                    }
                    Value::Object(map) => {
                        // Python iterates an object's keys: a row of its names.
                        current(sections)
                            .add_row(map.keys().map(|k| one_line(k).into_owned()).collect());
                    }
                    Value::Array(_) => {
                        add_value(sections, None, item, 0);
                    }
                    scalar => current(sections).add_row(vec![scalar_text(scalar)]),
                }
            }
        }
        Value::Object(map) => add_object(sections, map, indent),
        _ => {}
    }
    true
}

/// Scalar members' names (sorted) and the other members' names (sorted).
fn split_keys(map: &Map<String, Value>) -> (Vec<&String>, Vec<&String>) {
    let (mut scalars, mut nested): (Vec<&String>, Vec<&String>) =
        map.keys().partition(|k| map.get(*k).is_some_and(is_scalar));
    scalars.sort();
    nested.sort();
    (scalars, nested)
}

fn add_object(sections: &mut Vec<Section>, map: &Map<String, Value>, indent: usize) {
    let (scalars, nested) = split_keys(map);
    let cell = |k: &String| map.get(k).map(scalar_text).unwrap_or_default();
    match scalars.as_slice() {
        [] => {}
        [only] => current(sections).add_row(vec![one_line(only).into_owned(), cell(only)]),
        many => {
            let section = current(sections);
            section.add_header(many.iter().map(|k| one_line(k).into_owned()).collect());
            section.add_row(many.iter().map(|k| cell(k)).collect());
        }
    }
    for key in nested {
        if let Some(v) = map.get(key) {
            add_value(sections, Some(key), v, indent + 1);
        }
    }
}

fn add_list_of_objects(sections: &mut Vec<Section>, items: &[Value], indent: usize, title: &str) {
    let mut headers: Vec<&String> = Vec::new();
    let mut nested: Vec<&String> = Vec::new();
    for map in items.iter().filter_map(Value::as_object) {
        let (s, n) = split_keys(map);
        headers.extend(s);
        nested.extend(n);
    }
    headers.sort();
    headers.dedup();
    nested.sort();
    nested.dedup();
    let header_row: Vec<String> = headers.iter().map(|k| one_line(k).into_owned()).collect();
    current(sections).add_header(header_row.clone());
    for (i, item) in items.iter().enumerate() {
        if i > 0 && !nested.is_empty() {
            sections.push(Section::new(one_line(title).into_owned(), indent));
            current(sections).add_header(header_row.clone());
        }
        let map = item.as_object();
        let row = headers
            .iter()
            .map(|k| {
                map.and_then(|m| m.get(*k))
                    .map(scalar_text)
                    .unwrap_or_default()
            })
            .collect();
        current(sections).add_row(row);
        for key in &nested {
            if let Some(v) = map.and_then(|m| m.get(*key)) {
                add_value(sections, Some(key), v, indent + 1);
            }
        }
    }
}
