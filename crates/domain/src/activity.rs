//! Kinds of logged work that targets count, and the methods that govern them.
//!
//! Activity types are data: every installation has the built-in ones below (named in the
//! Fluent files), and a municipality can add its own with names in Swedish and English.
//! A code is checked for its form here and for its existence against the municipality's
//! [`ActivityCatalogue`], which the database loads.

use std::fmt;

use crate::place::parse_slug;
use crate::problem::Problem;
use crate::text::Text;

/// An activity type's code, e.g. `traffic_control`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivityTypeCode(String);

/// The activity types every installation knows, seeded as rows by the migrations.
/// Names live in the Fluent files (`activity-<code>`, `activity-<code>-name`,
/// `log-type-<code>`).
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

/// Words other systems and spreadsheets write for the built-in types (Swedish and
/// English, singular and plural, lower case): an import reads them as the codes.
pub const BUILTIN_TYPE_WORDS: [(&str, &[&str]); 11] = [
    (
        "traffic_control",
        &[
            "trafikkontroll",
            "trafikkontroller",
            "traffic control",
            "traffic controls",
        ],
    ),
    (
        "foot_patrol",
        &["fotpatrull", "fotpatruller", "foot patrol", "foot patrols"],
    ),
    (
        "bicycle_patrol",
        &[
            "cykelpatrull",
            "cykelpatruller",
            "bicycle patrol",
            "bicycle patrols",
        ],
    ),
    (
        "safety_walk",
        &[
            "trygghetsvandring",
            "trygghetsvandringar",
            "safety walk",
            "safety walks",
        ],
    ),
    (
        "trygg_vuxen",
        &[
            "trygg vuxen",
            "trygg vuxen-aktivitet",
            "trygg vuxen-aktiviteter",
        ],
    ),
    (
        "parenting_support",
        &["föräldraskapsstöd", "föräldrastöd", "parenting support"],
    ),
    (
        "andt_activity",
        &["andt-insats", "andt-insatser", "andt", "andt activity"],
    ),
    (
        "licensing_inspection",
        &[
            "tillsyn",
            "tillsyn alkohol/tobak",
            "alkoholtillsyn",
            "tobakstillsyn",
            "alcohol/tobacco inspection",
        ],
    ),
    ("concern_visit", &["orosbesök", "concern visit"]),
    (
        "citizen_dialogue",
        &["medborgardialog", "medborgardialoger", "citizen dialogue"],
    ),
    ("other", &["annat", "övrigt", "other"]),
];

/// Built-in types about identifiable minors (orosbesök): only counts may be recorded,
/// never names or case details, so they take no free-text note.
pub const BUILTIN_COUNTS_ONLY: [&str; 1] = ["concern_visit"];

impl ActivityTypeCode {
    /// Checks the code's form only; whether the municipality has such a type is the
    /// catalogue's question ([`ActivityCatalogue::resolve`]).
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        parse_slug(raw).map(Self)
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

/// What a municipality calls a type of its own, in the singular ("hundpatrull") and the
/// plural ("hundpatruller"), in Swedish and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeNames {
    pub sv_one: Text,
    pub sv_other: Text,
    pub en_one: Text,
    pub en_other: Text,
}

impl TypeNames {
    pub const MAX_CHARS: usize = 60;
}

/// A kind of logged work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityType {
    pub code: ActivityTypeCode,
    /// `None` for built-in types, whose names live in the Fluent files.
    pub names: Option<TypeNames>,
    /// Only a count may be recorded: the type refuses a free-text note.
    pub counts_only: bool,
}

impl ActivityType {
    pub fn is_builtin(&self) -> bool {
        self.names.is_none()
    }
}

/// The activity types one municipality can log: the built-in ones and its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityCatalogue(Vec<ActivityType>);

impl ActivityCatalogue {
    pub fn new(types: Vec<ActivityType>) -> Self {
        Self(types)
    }

    /// Only the built-in types, as a municipality without types of its own has them.
    pub fn builtin() -> Self {
        Self(
            BUILTIN_ACTIVITY_TYPES
                .iter()
                .map(|code| ActivityType {
                    code: ActivityTypeCode((*code).to_owned()),
                    names: None,
                    counts_only: BUILTIN_COUNTS_ONLY.contains(code),
                })
                .collect(),
        )
    }

    pub fn types(&self) -> &[ActivityType] {
        &self.0
    }

    pub fn get(&self, code: &str) -> Option<&ActivityType> {
        self.0.iter().find(|t| t.code.as_str() == code)
    }

    /// Parses a code and checks that the municipality has such a type.
    pub fn resolve(&self, raw: &str) -> Result<ActivityTypeCode, Problem> {
        let code = ActivityTypeCode::parse(raw)?;
        match self.get(code.as_str()) {
            Some(t) => Ok(t.code.clone()),
            None => Err(Problem::UnknownActivityType {
                value: code.to_string(),
            }),
        }
    }

    pub fn counts_only(&self, code: &ActivityTypeCode) -> bool {
        self.get(code.as_str()).is_some_and(|t| t.counts_only)
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
        let catalogue = ActivityCatalogue::builtin();
        assert!(catalogue.resolve("traffic_control").is_ok());
        assert_eq!(
            catalogue.resolve("tea_party"),
            Err(Problem::UnknownActivityType {
                value: "tea_party".into()
            })
        );
        assert!(matches!(
            catalogue.resolve("Traffic"),
            Err(Problem::Slug { .. })
        ));
        assert!(catalogue.counts_only(&ActivityTypeCode::parse("concern_visit").unwrap()));
        assert!(!catalogue.counts_only(&ActivityTypeCode::parse("foot_patrol").unwrap()));
    }

    #[test]
    fn a_municipality_can_add_its_own_types() {
        let mut types = ActivityCatalogue::builtin().types().to_vec();
        let name = |s: &str| Text::parse(s, TypeNames::MAX_CHARS).unwrap();
        types.push(ActivityType {
            code: ActivityTypeCode::parse("dog_patrol").unwrap(),
            names: Some(TypeNames {
                sv_one: name("hundpatrull"),
                sv_other: name("hundpatruller"),
                en_one: name("dog patrol"),
                en_other: name("dog patrols"),
            }),
            counts_only: false,
        });
        let catalogue = ActivityCatalogue::new(types);
        assert!(catalogue.resolve("dog_patrol").is_ok());
        assert!(!catalogue.get("dog_patrol").unwrap().is_builtin());
    }
}
