//! Single-line input fields: typed text appended at the end, Backspace removes the last char.

use zeroize::Zeroizing;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextField {
    pub value: String,
    pub max_chars: usize,
}

impl TextField {
    pub fn new(value: impl Into<String>, max_chars: usize) -> Self {
        let mut field = Self {
            value: String::new(),
            max_chars,
        };
        for c in value.into().chars() {
            field.push(c);
        }
        field
    }

    /// Appends a character; returns false when the field is full or the char is a control.
    pub fn push(&mut self, c: char) -> bool {
        if c.is_control() || self.value.chars().count() >= self.max_chars {
            return false;
        }
        self.value.push(c);
        true
    }

    pub fn pop(&mut self) -> bool {
        self.value.pop().is_some()
    }

    pub fn trimmed(&self) -> &str {
        self.value.trim()
    }
}

/// A masked field whose memory is zeroed on drop and whose `Debug` shows only the length.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretField(Zeroizing<String>);

impl SecretField {
    pub fn push(&mut self, c: char) -> bool {
        if c.is_control() || self.0.chars().count() >= 256 {
            return false;
        }
        self.0.push(c);
        true
    }

    pub fn pop(&mut self) -> bool {
        self.0.pop().is_some()
    }

    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn to_sensitive(&self) -> crate::secret::Sensitive {
        crate::secret::Sensitive::new(self.0.as_str())
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

impl std::fmt::Debug for SecretField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretField(len {})", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_field_caps_length_and_refuses_controls() {
        let mut f = TextField::new("ab", 3);
        assert!(f.push('c'));
        assert!(!f.push('d'));
        assert!(!TextField::default().push('\n'));
        assert!(f.pop());
        assert_eq!(f.value, "ab");
    }

    #[test]
    fn secret_field_debug_hides_the_value() {
        let mut f = SecretField::default();
        for c in "hunter2".chars() {
            f.push(c);
        }
        assert_eq!(format!("{f:?}"), "SecretField(len 7)");
        assert_eq!(f.to_sensitive().expose(), "hunter2");
    }
}
