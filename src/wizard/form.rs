//! Forms that own their editing: single-line fields with a cursor (typing, paste, Backspace,
//! Delete, arrows, Home/End), and a form holding its fields in focus order. The sign-in, the
//! challenge and the code steps all edit through this; `update` only says which edit to make.
//!
//! Every field keeps its text in zeroizing memory: a field may hold a password, and the editor
//! never copies it anywhere else.

use zeroize::Zeroizing;

/// A change to the focused field, from a key press or a paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// A bracketed paste: one event, cut to what the field takes.
    Paste(Zeroizing<String>),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

/// What a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Any printable character.
    Text,
    /// Digits, spaces and dashes (`123 456`, `123-456`).
    CodeChars,
}

/// Why an edit was not (wholly) made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejected {
    /// The field is at its maximum length (a paste was cut there).
    Full,
    /// A code field got something other than a digit, space or dash.
    NotDigit,
}

/// One line of input with a cursor, measured in characters.
#[derive(Clone, PartialEq, Eq)]
pub struct Field {
    value: Zeroizing<String>,
    cursor: usize,
    max_chars: usize,
    accept: Accept,
    /// Shown as dots (passwords).
    pub masked: bool,
}

impl Field {
    pub fn text(max_chars: usize) -> Self {
        Self {
            value: Zeroizing::new(String::new()),
            cursor: 0,
            max_chars,
            accept: Accept::Text,
            masked: false,
        }
    }

    pub fn secret(max_chars: usize) -> Self {
        Self {
            masked: true,
            ..Self::text(max_chars)
        }
    }

    pub fn code(max_chars: usize) -> Self {
        Self {
            accept: Accept::CodeChars,
            ..Self::text(max_chars)
        }
    }

    /// The field with `value` typed in (what fits of it).
    pub fn with(mut self, value: &str) -> Self {
        for c in value.chars() {
            let _ = self.insert(c);
        }
        self
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn trimmed(&self) -> &str {
        self.value.trim()
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    pub fn len(&self) -> usize {
        self.value.chars().count()
    }

    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// The cursor's position in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// What the screen shows: the value, or a dot per character when masked.
    pub fn shown(&self) -> String {
        if self.masked {
            "•".repeat(self.len())
        } else {
            self.value.to_string()
        }
    }

    pub fn clear(&mut self) {
        // Zeroizing<String>: the old text is wiped when replaced.
        self.value = Zeroizing::new(String::new());
        self.cursor = 0;
    }

    /// Replaces the whole text (a value given as a whole, e.g. from a plain-mode line).
    pub fn set(&mut self, value: &str) -> Result<(), Rejected> {
        self.clear();
        self.paste(value)
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.value
            .char_indices()
            .nth(chars)
            .map_or(self.value.len(), |(i, _)| i)
    }

    fn check(&self, c: char) -> Result<(), Rejected> {
        if self.accept == Accept::CodeChars && !(c.is_ascii_digit() || c == ' ' || c == '-') {
            return Err(Rejected::NotDigit);
        }
        if self.len() >= self.max_chars {
            return Err(Rejected::Full);
        }
        Ok(())
    }

    /// Types one character at the cursor. Control characters are ignored.
    pub fn insert(&mut self, c: char) -> Result<(), Rejected> {
        if c.is_control() {
            return Ok(());
        }
        self.check(c)?;
        let at = self.byte_at(self.cursor);
        // Grow into a fresh zeroizing buffer so no copy of the old text is left behind.
        let mut grown = Zeroizing::new(String::with_capacity(self.value.len() + c.len_utf8()));
        grown.push_str(&self.value[..at]);
        grown.push(c);
        grown.push_str(&self.value[at..]);
        self.value = grown;
        self.cursor += 1;
        Ok(())
    }

    /// Inserts pasted text: line breaks and other controls are dropped, the rest is cut to
    /// the field's maximum. The first refusal is returned; what fits before it is kept.
    pub fn paste(&mut self, text: &str) -> Result<(), Rejected> {
        for c in text.chars().filter(|c| !c.is_control()) {
            self.insert(c)?;
        }
        Ok(())
    }

    pub fn apply(&mut self, edit: &Edit) -> Result<(), Rejected> {
        match edit {
            Edit::Insert(c) => return self.insert(*c),
            Edit::Paste(text) => return self.paste(text),
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.remove_at_cursor();
            }
            Edit::Delete if self.cursor < self.len() => self.remove_at_cursor(),
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(self.len()),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.len(),
            Edit::Backspace | Edit::Delete => {}
        }
        Ok(())
    }

    fn remove_at_cursor(&mut self) {
        let at = self.byte_at(self.cursor);
        let next = self.byte_at(self.cursor + 1);
        let mut shrunk = Zeroizing::new(String::with_capacity(self.value.len()));
        shrunk.push_str(&self.value[..at]);
        shrunk.push_str(&self.value[next..]);
        self.value = shrunk;
    }
}

impl std::fmt::Debug for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.masked {
            write!(f, "Field(masked, len {})", self.len())
        } else {
            write!(f, "Field({:?})", self.value.as_str())
        }
    }
}

/// Fields in focus order. `Id` names each field (an enum of the form's fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form<Id> {
    fields: Vec<(Id, Field)>,
    focus: usize,
}

impl<Id: Copy + PartialEq> Form<Id> {
    pub fn new(fields: Vec<(Id, Field)>) -> Self {
        Self { fields, focus: 0 }
    }

    pub fn focus(&self) -> Option<Id> {
        self.fields.get(self.focus).map(|(id, _)| *id)
    }

    pub fn is_focused(&self, id: Id) -> bool {
        self.focus() == Some(id)
    }

    /// Tab: the next field, wrapping round.
    pub fn focus_next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    /// Shift-Tab: the previous field, wrapping round.
    pub fn focus_prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    pub fn set_focus(&mut self, id: Id) {
        if let Some(i) = self.fields.iter().position(|(f, _)| *f == id) {
            self.focus = i;
        }
    }

    pub fn field(&self, id: Id) -> Option<&Field> {
        self.fields.iter().find(|(f, _)| *f == id).map(|(_, v)| v)
    }

    pub fn field_mut(&mut self, id: Id) -> Option<&mut Field> {
        self.fields
            .iter_mut()
            .find(|(f, _)| *f == id)
            .map(|(_, v)| v)
    }

    /// The text of field `id` ("" when the form has no such field).
    pub fn value(&self, id: Id) -> &str {
        self.field(id).map_or("", Field::value)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus).map(|(_, f)| f)
    }

    /// Applies an edit to the focused field.
    pub fn edit(&mut self, edit: &Edit) -> Result<(), Rejected> {
        match self.fields.get_mut(self.focus) {
            Some((_, field)) => field.apply(edit),
            None => Ok(()),
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = &(Id, Field)> {
        self.fields.iter()
    }

    /// Empties every masked field (after a refusal, passwords are typed again).
    pub fn clear_secrets(&mut self) {
        for (_, field) in &mut self.fields {
            if field.masked {
                field.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_moves_the_cursor_and_edits_happen_at_it() {
        let mut f = Field::text(10).with("acd");
        f.apply(&Edit::Left).unwrap();
        f.apply(&Edit::Left).unwrap();
        f.apply(&Edit::Insert('b')).unwrap();
        assert_eq!((f.value(), f.cursor()), ("abcd", 2));
        f.apply(&Edit::Delete).unwrap();
        assert_eq!(f.value(), "abd");
        f.apply(&Edit::Home).unwrap();
        f.apply(&Edit::Backspace).unwrap();
        assert_eq!((f.value(), f.cursor()), ("abd", 0));
        f.apply(&Edit::End).unwrap();
        f.apply(&Edit::Backspace).unwrap();
        assert_eq!((f.value(), f.cursor()), ("ab", 2));
    }

    #[test]
    fn fields_cap_length_refuse_non_digits_and_ignore_controls() {
        let mut f = Field::text(3).with("ab");
        assert_eq!(f.insert('c'), Ok(()));
        assert_eq!(f.insert('d'), Err(Rejected::Full));
        assert_eq!(f.insert('\n'), Ok(()));
        assert_eq!(f.value(), "abc");
        let mut code = Field::code(7);
        assert_eq!(code.insert('x'), Err(Rejected::NotDigit));
        assert_eq!(code.paste("123 456"), Ok(()));
        assert_eq!(code.value(), "123 456");
    }

    #[test]
    fn a_paste_is_cut_to_the_field_and_loses_line_breaks() {
        let mut f = Field::text(5);
        let big = "x\n".repeat(50_000);
        assert_eq!(f.paste(&big), Err(Rejected::Full));
        assert_eq!(f.value(), "xxxxx");
    }

    #[test]
    fn masked_fields_never_show_or_debug_their_text() {
        let f = Field::secret(64).with("hunter2");
        assert_eq!(f.shown(), "•••••••");
        assert_eq!(format!("{f:?}"), "Field(masked, len 7)");
    }

    #[test]
    fn focus_wraps_both_ways_and_edits_go_to_the_focused_field() {
        let mut form = Form::new(vec![
            (1, Field::text(5)),
            (2, Field::text(5)),
            (3, Field::text(5)),
        ]);
        form.focus_prev();
        assert_eq!(form.focus(), Some(3));
        form.focus_next();
        form.focus_next();
        assert_eq!(form.focus(), Some(2));
        form.edit(&Edit::Insert('z')).unwrap();
        assert_eq!(form.value(2), "z");
        assert_eq!(form.value(1), "");
    }
}
