//! Kinds of logged work that targets count, and the methods that govern them.
//!
//! The catalogue is built in for now; logging (a later step) turns activity types into
//! data a municipality can extend, and these codes become the seeded rows.

use std::fmt;

use crate::place::parse_slug;
use crate::problem::Problem;

/// An activity type's code, e.g. `traffic_control`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivityTypeCode(String);

/// The activity types every installation knows. Names live in the Fluent files
/// (`activity-<code>` and its plural form).
pub const BUILTIN_ACTIVITY_TYPES: [&str; 11] = [
    "traffic_control",
    "foot_patrol",
    "bicycle_patrol",
    "safety_walk",
    "trygg_vuxen",
    "parenting_support",
    "andt_activity",
    "licensing_inspection",
    "concern_visit",
    "citizen_dialogue",
    "other",
];

impl ActivityTypeCode {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let code = parse_slug(raw)?;
        if BUILTIN_ACTIVITY_TYPES.contains(&code.as_str()) {
            Ok(Self(code))
        } else {
            Err(Problem::UnknownActivityType { value: code })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActivityTypeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A working method's code, e.g. `twenty_minute` (20-minutersmetoden) or
/// `fifteen_minute` (15-minutersmetoden).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MethodCode(String);

impl MethodCode {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        parse_slug(raw).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MethodCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_activity_types() {
        assert!(ActivityTypeCode::parse("traffic_control").is_ok());
        assert_eq!(
            ActivityTypeCode::parse("tea_party"),
            Err(Problem::UnknownActivityType {
                value: "tea_party".into()
            })
        );
        assert!(matches!(
            ActivityTypeCode::parse("Traffic"),
            Err(Problem::Slug { .. })
        ));
    }
}
