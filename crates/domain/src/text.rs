//! Text a person typed: trimmed, non-empty, bounded.

use std::fmt;

use crate::problem::Problem;

/// Trimmed, non-empty text of bounded length (counted in characters, not bytes).
///
/// Text is stored and passed around as typed; escaping is the job of whatever renders it
/// (askama for HTML, bind parameters for SQL, JSON for typst).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(String);

impl Text {
    /// Short labels: titles, names, focus areas.
    pub const SHORT: usize = 200;
    /// Paragraphs: aims, commitments, goals.
    pub const LONG: usize = 4000;

    pub fn parse(raw: &str, max_chars: usize) -> Result<Self, Problem> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Problem::Empty);
        }
        if trimmed.chars().count() > max_chars {
            return Err(Problem::TooLong { max: max_chars });
        }
        if has_control_character(trimmed) {
            return Err(Problem::ControlCharacter);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether `raw` holds a control character other than line breaks and tabs: nobody types
/// one, some databases refuse a NUL byte, and terminals act on escapes.
pub fn has_control_character(raw: &str) -> bool {
    raw.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_rejects_blank_and_overlong() {
        assert_eq!(Text::parse("  Flen \n", 10).unwrap().as_str(), "Flen");
        assert_eq!(Text::parse(" \t", 10), Err(Problem::Empty));
        assert_eq!(Text::parse("åäöåäö", 5), Err(Problem::TooLong { max: 5 }));
        assert!(
            Text::parse("åäöåä", 5).is_ok(),
            "limit counts characters, not bytes"
        );
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept() {
        assert_eq!(
            Text::parse("före\0efter", 50),
            Err(Problem::ControlCharacter)
        );
        assert_eq!(
            Text::parse("färg\u{1b}[31m", 50),
            Err(Problem::ControlCharacter)
        );
        assert_eq!(
            Text::parse("rad ett\r\nrad två\tmed tabb", 50)
                .unwrap()
                .as_str(),
            "rad ett\r\nrad två\tmed tabb"
        );
    }
}
