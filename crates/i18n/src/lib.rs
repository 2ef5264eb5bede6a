//! Everything a person reads, in Swedish first and English second.
//!
//! Messages live in `locales/{sv,en}/*.ftl` and are compiled into the binary. Swedish is
//! the fallback, so a message missing in English shows in Swedish rather than as a key;
//! each area has its own file (`site.ftl`, `promise.ftl`, `staff.ftl`, …), and a test
//! checks that both languages define the same messages in each.

pub mod labels;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use lofte_domain::{ActivityCatalogue, FieldError};

use labels::{ACTIVITY_COUNT, ACTIVITY_NAME, LOG_TYPE, MEASURE_AMOUNT, MEASURE_NOUN, PROBLEM};
pub use labels::{Family, Named};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "sv",
        // Unicode isolation marks around arguments show up as stray characters in
        // terminals and in `pdftotext`; our arguments are never right-to-left.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static SV: LanguageIdentifier = langid!("sv");
static EN: LanguageIdentifier = langid!("en");

/// The languages of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The BCP 47 tag, as used in `lang` attributes and the language cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Recognises `sv`, `en` and regional or POSIX forms such as `en-GB` or `en_US.UTF-8`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, in the order given.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(|tag| Lang::from_tag(tag.trim()))
    }

    /// A whole number with its thousands grouped as the language writes them:
    /// "16 407" (a no-break space) in Swedish, "16,407" in English.
    pub fn integer(self, n: u64) -> String {
        let digits = n.to_string();
        let separator = match self {
            Lang::Sv => '\u{a0}',
            Lang::En => ',',
        };
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(separator);
            }
            grouped.push(d);
        }
        grouped
    }

    /// The other language, for the switch that offers it.
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    /// The message `key`.
    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    /// The message `key`, or `None` if no language defines it (for keys built from data,
    /// such as a municipality's own method code).
    pub fn try_t(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.id(), key)
    }

    /// The message of `code` in `family`. A code the family lacks (from data newer than
    /// this build) is shown as it is, so the page still says something.
    pub fn label(self, family: &Family, code: &str) -> String {
        family
            .id(code)
            .map_or_else(|| code.to_owned(), |id| self.t(id))
    }

    /// [`Lang::label`] with arguments.
    pub fn label_args(self, family: &Family, code: &str, args: &[(&str, String)]) -> String {
        family
            .id(code)
            .map_or_else(|| code.to_owned(), |id| self.t_args(id, args))
    }

    /// The message of `code` in `family`, or `None` if the family has none (a
    /// municipality's own method or activity type).
    pub fn try_label(self, family: &Family, code: &str) -> Option<String> {
        family.id(code).map(|id| self.t(id))
    }

    /// A domain value by its name: `lang.name(&ProgressStatus::OnTrack)`.
    pub fn name<N: Named>(self, value: &N) -> String {
        self.label(N::FAMILY, value.code())
    }

    /// The message `key` with arguments.
    pub fn t_args(self, key: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Owned((*name).to_owned()), numeric_or_text(value)))
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// A field error as a sentence: "commitments[2].text: Får inte vara tomt."
    pub fn field_error(self, error: &FieldError) -> String {
        let message = self.problem(&error.problem);
        if error.path.is_empty() {
            message
        } else {
            format!("{}: {message}", self.path(&error.path))
        }
    }

    /// A field path for people: commitments are numbered from 1 as on the page
    /// ("Åtagande 6, target.at_least" for `commitments[5].target.at_least`); the rest of
    /// the path stays as the file writes it, so it can be found there.
    pub fn path(self, path: &str) -> String {
        let Some((index, rest)) = path
            .strip_prefix("commitments[")
            .and_then(|p| p.split_once(']'))
            .and_then(|(i, rest)| Some((i.parse::<usize>().ok()?, rest)))
        else {
            return path.to_owned();
        };
        let commitment = self.t_args("path-commitment", &[("number", (index + 1).to_string())]);
        match rest.strip_prefix('.') {
            Some(field) => format!("{commitment}, {field}"),
            None => commitment,
        }
    }

    /// What is wrong, without where.
    pub fn problem(self, problem: &lofte_domain::Problem) -> String {
        self.label_args(&PROBLEM, problem.code(), &problem.args())
    }

    /// A municipality's own names for a type, in this language: (singular, plural).
    fn own_names(self, types: &ActivityCatalogue, code: &str) -> Option<(String, String)> {
        let names = types.get(code)?.names.as_ref()?;
        Some(match self {
            Lang::Sv => (names.sv_one.to_string(), names.sv_other.to_string()),
            Lang::En => (names.en_one.to_string(), names.en_other.to_string()),
        })
    }

    /// A number of activities: "4 trygghetsvandringar", "1 hundpatrull".
    pub fn activity_count(self, types: &ActivityCatalogue, code: &str, n: u32) -> String {
        match self.own_names(types, code) {
            Some((one, other)) => self.t_args(
                "activity-own-count",
                &[
                    ("count", n.to_string()),
                    ("name", if n == 1 { one } else { other }),
                ],
            ),
            None => match ACTIVITY_COUNT.id(code) {
                Some(id) => self.t_args(id, &[("count", n.to_string())]),
                None => format!("{n} {code}"),
            },
        }
    }

    /// The type in the plural, inside a sentence: "trygghetsvandringar".
    pub fn activity_plural(self, types: &ActivityCatalogue, code: &str) -> String {
        match self.own_names(types, code) {
            Some((_, other)) => other,
            None => self
                .try_label(&ACTIVITY_NAME, code)
                .unwrap_or_else(|| code.to_owned()),
        }
    }

    /// Items as a sentence lists them: "a, b och c" (`conjunction` is the Fluent id of
    /// the last joint, `list-and` or `list-or`).
    pub fn list(self, items: &[String], conjunction: &str) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => self.t_args(
                conjunction,
                &[("first", init.join(", ")), ("last", last.clone())],
            ),
        }
    }

    /// Several types in the plural: "trafikkontroller eller fotpatruller".
    pub fn activities_plural(self, types: &ActivityCatalogue, codes: &[String]) -> String {
        let names: Vec<String> = codes
            .iter()
            .map(|c| self.activity_plural(types, c))
            .collect();
        self.list(&names, "list-or")
    }

    /// An amount of a target's measure: "46 trafikkontroller", "12 aktiviteter
    /// (trafikkontroller eller fotpatruller)", "230 deltagare i Trygg vuxen-aktiviteter",
    /// "600 minuter med fotpatruller", "5 olika platser med trygghetsvandringar".
    pub fn measure_amount(
        self,
        types: &ActivityCatalogue,
        codes: &[String],
        measure: &str,
        n: u32,
    ) -> String {
        let activity = self.activities_plural(types, codes);
        let count = n.to_string();
        match (measure, codes) {
            ("count", [one]) => self.activity_count(types, one, n),
            ("participants" | "minutes" | "places", _) => self.label_args(
                &MEASURE_AMOUNT,
                measure,
                &[("count", count), ("activity", activity)],
            ),
            _ => self.t_args(
                "measure-activities",
                &[("count", count), ("activity", activity)],
            ),
        }
    }

    /// What a target's measure counts, as a plural noun: "trafikkontroller", "deltagare",
    /// "minuter", "platser".
    pub fn measure_noun(
        self,
        types: &ActivityCatalogue,
        codes: &[String],
        measure: &str,
    ) -> String {
        match measure {
            "participants" | "minutes" | "places" => self.label(&MEASURE_NOUN, measure),
            _ => self.activities_plural(types, codes),
        }
    }

    /// The type as a label on its own: "Trafikkontroll", "Hundpatrull".
    pub fn activity_label(self, types: &ActivityCatalogue, code: &str) -> String {
        match self.own_names(types, code) {
            Some((one, _)) => capitalised(&one),
            None => self
                .try_label(&LOG_TYPE, code)
                .unwrap_or_else(|| code.to_owned()),
        }
    }
}

/// The text with its first letter in upper case, for a name or phrase that stands on its
/// own ("hundpatrull" → "Hundpatrull").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Fluent selects plural forms only for numeric arguments. Only canonical integers count
/// as numbers: a code such as "0499" must keep its leading zero.
fn numeric_or_text(value: &str) -> FluentValue<'static> {
    match value.parse::<i64>() {
        Ok(n) if n.to_string() == value => FluentValue::from(n),
        _ => FluentValue::from(value.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lofte_domain::Problem;
    use std::collections::BTreeSet;

    fn message_ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn integers_are_grouped_as_each_language_writes_them() {
        assert_eq!(Lang::Sv.integer(16_407), "16\u{a0}407");
        assert_eq!(Lang::En.integer(1_234_567), "1,234,567");
        assert_eq!(Lang::Sv.integer(999), "999");
        assert_eq!(Lang::En.integer(0), "0");
    }

    #[test]
    fn swedish_and_english_define_the_same_messages() {
        // Each area's file holds the same messages in both languages.
        let dir = |lang: &str| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang)
        };
        let mut areas: Vec<String> = std::fs::read_dir(dir("sv"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        areas.sort();
        assert!(areas.len() > 5, "{areas:?}");
        let mut sv = std::collections::BTreeSet::new();
        let mut en = std::collections::BTreeSet::new();
        for area in &areas {
            let read = |lang: &str| std::fs::read_to_string(dir(lang).join(area)).unwrap();
            let (s, e) = (message_ids(&read("sv")), message_ids(&read("en")));
            assert_eq!(
                s.symmetric_difference(&e).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "{area}"
            );
            sv.extend(s);
            en.extend(e);
        }
        assert!(
            sv.len() > 50,
            "expected the full message set, got {}",
            sv.len()
        );
        assert_eq!(
            sv.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new()
        );
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        use strum::IntoEnumIterator;
        let problems: Vec<Problem> = Problem::iter().collect();
        assert!(problems.len() > 50, "{}", problems.len());
        let codes: std::collections::HashSet<&str> = problems.iter().map(Problem::code).collect();
        assert_eq!(
            codes.len(),
            problems.len(),
            "every variant has a code of its own"
        );
        for lang in Lang::ALL {
            for p in &problems {
                let text = lang.problem(p);
                assert!(
                    !text.starts_with("Unknown localization") && !text.contains("problem-"),
                    "{lang:?} {p:?}: {text}"
                );
            }
        }
        assert_eq!(
            Lang::Sv.problem(&Problem::TooLong { max: 200 }),
            "Får vara högst 200 tecken."
        );
        assert_eq!(
            Lang::En.problem(&Problem::TooLong { max: 200 }),
            "Must be at most 200 characters."
        );
    }

    #[test]
    fn a_municipalitys_own_activity_types_are_named_in_its_words() {
        use lofte_domain::{ActivityType, ActivityTypeCode, Text, TypeNames};
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
        let types = ActivityCatalogue::new(types);
        assert_eq!(
            Lang::Sv.activity_count(&types, "dog_patrol", 1),
            "1 hundpatrull"
        );
        assert_eq!(
            Lang::Sv.activity_count(&types, "dog_patrol", 12),
            "12 hundpatruller"
        );
        assert_eq!(
            Lang::En.activity_count(&types, "dog_patrol", 2),
            "2 dog patrols"
        );
        assert_eq!(Lang::Sv.activity_label(&types, "dog_patrol"), "Hundpatrull");
        assert_eq!(
            Lang::En.activity_plural(&types, "dog_patrol"),
            "dog patrols"
        );
        assert_eq!(
            Lang::Sv.activity_count(&types, "safety_walk", 4),
            "4 trygghetsvandringar"
        );
        assert_eq!(
            Lang::Sv.activity_label(&types, "traffic_control"),
            "Trafikkontroll"
        );
    }

    #[test]
    fn codes_keep_their_leading_zeros_and_counts_select_plurals() {
        let e = Problem::UnknownMunicipality {
            code: "0499".into(),
        };
        assert_eq!(
            Lang::Sv.problem(&e),
            "Det finns ingen kommun med koden 0499."
        );
        assert_eq!(
            Lang::Sv.t_args("activity-safety_walk", &[("count", "1".into())]),
            "1 trygghetsvandring"
        );
        assert_eq!(
            Lang::Sv.t_args("activity-safety_walk", &[("count", "4".into())]),
            "4 trygghetsvandringar"
        );
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::from_tag("de"), None);
        assert_eq!(
            Lang::from_accept_language("de-DE,de;q=0.9,en;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fi"), None);
    }
}
