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
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
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
}
