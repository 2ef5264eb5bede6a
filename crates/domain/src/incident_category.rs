//! The categories of incident reports, apart from the reports themselves so that
//! commitments (`promise`) can name them without depending on how reports are read.

use crate::problem::Problem;

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter)]
pub enum IncidentCategory {
    /// Skadegörelse.
    Vandalism,
    /// Klotter.
    Graffiti,
    /// Otrygghetsskapande samling (a gathering that makes people feel unsafe).
    Gathering,
    /// Annat ordningsstörande.
    Disorder,
    /// Störning från motorfordon (mopeds, EPA tractors, cars driven recklessly).
    MotorVehicles,
    /// Narkotikarelaterat fynd (syringes, bags).
    DrugFind,
    /// Brand (a fire set, e.g. in a bin).
    Fire,
    /// Otrygg plats (a place that feels unsafe: dark, hidden).
    UnsafePlace,
    /// Arrangemang (an event that drew a crowd).
    Event,
}

impl IncidentCategory {
    /// Every category with its code and the words other systems and spreadsheets write for
    /// it (Swedish and English, lower case).
    pub(crate) const WORDS: [(IncidentCategory, &'static str, &'static [&'static str]); 9] = [
        (
            IncidentCategory::Vandalism,
            "vandalism",
            &["skadegörelse", "skadegorelse", "vandalism"],
        ),
        (
            IncidentCategory::Graffiti,
            "graffiti",
            &["klotter", "graffiti"],
        ),
        (
            IncidentCategory::Gathering,
            "gathering",
            &[
                "otrygghetsskapande samling",
                "samling",
                "gäng",
                "unsafe gathering",
            ],
        ),
        (
            IncidentCategory::Disorder,
            "disorder",
            &[
                "annat ordningsstörande",
                "ordningsstörande",
                "ordningsstörning",
                "störning",
                "disorder",
            ],
        ),
        (
            IncidentCategory::MotorVehicles,
            "motor_vehicles",
            &[
                "störning från motorfordon",
                "motorfordon",
                "buskörning",
                "mopedbuskörning",
                "epa-traktor",
                "motor vehicles",
            ],
        ),
        (
            IncidentCategory::DrugFind,
            "drug_find",
            &[
                "narkotikarelaterat fynd",
                "narkotikafynd",
                "sprutfynd",
                "drug find",
            ],
        ),
        (
            IncidentCategory::Fire,
            "fire",
            &["brand", "anlagd brand", "fire"],
        ),
        (
            IncidentCategory::UnsafePlace,
            "unsafe_place",
            &["otrygg plats", "unsafe place"],
        ),
        (
            IncidentCategory::Event,
            "event",
            &["arrangemang", "evenemang", "event"],
        ),
    ];

    /// Every category, in the order forms and tables list them.
    pub fn all() -> impl Iterator<Item = IncidentCategory> {
        Self::WORDS.iter().map(|(c, _, _)| *c)
    }

    /// The code stored and exchanged, e.g. `motor_vehicles`.
    pub fn code(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map(|(_, code, _)| *code)
            .expect("every category has a code")
    }

    /// Reads a code or a word for one ("Klotter", "störning från motorfordon").
    pub fn parse(raw: &str) -> Result<IncidentCategory, Problem> {
        let word = raw.trim().to_lowercase();
        Self::WORDS
            .iter()
            .find(|(_, code, words)| *code == word || words.contains(&word.as_str()))
            .map(|(c, _, _)| *c)
            .ok_or_else(|| Problem::NotOneOf {
                value: raw.trim().to_owned(),
                allowed: Self::WORDS
                    .iter()
                    .map(|(_, code, words)| format!("{code} ({})", words[0]))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}
