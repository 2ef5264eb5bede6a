//! Hints for writing commitments that can be followed up, after Brå's guidance on
//! formulating goals: say what will be done, how much, where, when, by whom, and how it
//! will be known. Hints, never refusals: a promise with hints is as valid as one without,
//! and each hint comes with a suggestion.

use crate::activity::ActivityTypeCode;
use crate::promise::{Commitment, Party, PlaceScope, Promise};

/// What a hint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum HintCode {
    /// "verka för", "värna om", "arbeta för" with nothing measurable.
    VagueVerb,
    /// No number: neither a target nor a figure in the text.
    NoNumber,
    /// No place: the whole municipality, nowhere named.
    NoPlace,
    /// No time: no target, and no time of year, week or day in the text.
    NoTime,
    /// A commitment made together that does not say who does it.
    NoResponsible,
    /// Nothing to know it by: no target counted from the activity log, and no data
    /// source named.
    NoDataSource,
    /// The outcome goal has no survey indicator to judge it by.
    OutcomeWithoutIndicator,
    /// A target counts an activity type that no one has logged in the last year.
    UnloggedType,
}

impl HintCode {
    pub fn code(self) -> &'static str {
        match self {
            HintCode::VagueVerb => "vague-verb",
            HintCode::NoNumber => "no-number",
            HintCode::NoPlace => "no-place",
            HintCode::NoTime => "no-time",
            HintCode::NoResponsible => "no-responsible",
            HintCode::NoDataSource => "no-data-source",
            HintCode::OutcomeWithoutIndicator => "outcome-without-indicator",
            HintCode::UnloggedType => "unlogged-type",
        }
    }
}

/// One hint, on a part of the promise: `commitments[2]` or `outcome_goal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub path: String,
    pub code: HintCode,
    /// What was found: the vague words, the activity type.
    pub value: Option<String>,
}

/// What the hints are checked against beyond the promise itself.
#[derive(Debug, Clone, Default)]
pub struct LintContext {
    /// The municipality's place names, lower case.
    pub place_names: Vec<String>,
    /// The activity types logged in the municipality in the last year; `None` when not
    /// known (a document for a municipality this installation does not follow).
    pub logged_types: Option<Vec<ActivityTypeCode>>,
}

/// Words that promise effort rather than something done.
const VAGUE: [&str; 9] = [
    "verka för",
    "värna om",
    "arbeta för",
    "sträva efter",
    "främja",
    "bidra till",
    "jobba för",
    "arbeta aktivt",
    "ha en dialog",
];

/// Words that place a commitment without naming one of the municipality's places.
const PLACE_WORDS: [&str; 13] = [
    "centrum",
    "kransort",
    "skola",
    "skolor",
    "park",
    "station",
    "resecentrum",
    "torg",
    "bostadsområde",
    "stadsdel",
    "ort ",
    "orter",
    "gata",
];

/// Words that say when.
const TIME_WORDS: [&str; 34] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
    "helg",
    "kväll",
    "natt",
    "morgon",
    "sommar",
    "vinter",
    "höst",
    "vår ",
    "vecka",
    "månad",
    "tertial",
    "kvartal",
    "varje",
    "kl.",
    "skollov",
];

/// Words that name how it will be known.
const SOURCE_WORDS: [&str; 10] = [
    "trygghetsmätning",
    "enkät",
    "mätning",
    "statistik",
    "uppföljning",
    "rapport",
    "medborgardialog",
    "logg",
    "redovisa",
    "trygghetsvandring",
];

/// The hints for a whole promise, commitments in order, the outcome goal last.
pub fn lint_promise(promise: &Promise, context: &LintContext) -> Vec<Hint> {
    let mut hints: Vec<Hint> = promise
        .commitments
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            lint_commitment(c, context)
                .into_iter()
                .map(move |(code, value)| Hint {
                    path: format!("commitments[{i}]"),
                    code,
                    value,
                })
        })
        .collect();
    if promise.outcome_goal.measure.is_none() {
        hints.push(Hint {
            path: "outcome_goal".to_owned(),
            code: HintCode::OutcomeWithoutIndicator,
            value: None,
        });
    }
    hints
}

/// The hints for one commitment, each with what was found.
pub fn lint_commitment(
    commitment: &Commitment,
    context: &LintContext,
) -> Vec<(HintCode, Option<String>)> {
    let text = commitment.text.as_str().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let target = commitment.target.as_ref();
    let mut hints = Vec::new();
    if !commitment.is_measurable()
        && let Some(vague) = VAGUE.iter().find(|w| text.contains(*w))
    {
        hints.push((HintCode::VagueVerb, Some((*vague).to_owned())));
    }
    if target.and_then(|t| t.at_least).is_none() && !text.chars().any(|c| c.is_ascii_digit()) {
        hints.push((HintCode::NoNumber, None));
    }
    let scoped = target.is_some_and(|t| t.scope != PlaceScope::Anywhere);
    let named = context
        .place_names
        .iter()
        .any(|p| !p.is_empty() && text.contains(p.as_str()));
    if !scoped && !named && !has(&PLACE_WORDS) {
        hints.push((HintCode::NoPlace, None));
    }
    if target.is_none() && !has(&TIME_WORDS) && !text.chars().any(|c| c.is_ascii_digit()) {
        hints.push((HintCode::NoTime, None));
    }
    if commitment.party == Party::Together && !has(&["polis", "kommun", "ansvar"]) {
        hints.push((HintCode::NoResponsible, None));
    }
    if target.is_none() && !has(&SOURCE_WORDS) {
        hints.push((HintCode::NoDataSource, None));
    }
    if let (Some(t), Some(logged)) = (target, &context.logged_types) {
        for activity in &t.activities {
            if !logged.contains(activity) {
                hints.push((HintCode::UnloggedType, Some(activity.to_string())));
            }
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::promise::{CommitmentKind, Target};
    use crate::text::Text;

    fn commitment(party: Party, text: &str, target: Option<Target>) -> Commitment {
        Commitment {
            party,
            text: Text::parse(text, 2000).unwrap(),
            kind: CommitmentKind::Output,
            target,
            local_plan: None,
            english: None,
            indicator: None,
        }
    }

    fn codes(hints: &[(HintCode, Option<String>)]) -> Vec<&'static str> {
        hints.iter().map(|(c, _)| c.code()).collect()
    }

    #[test]
    fn a_vague_commitment_gets_every_hint_and_a_concrete_one_none() {
        let context = LintContext {
            place_names: vec!["stationsområdet".into()],
            logged_types: Some(vec![ActivityTypeCode::parse("trafikkontroll").unwrap()]),
        };
        let vague = commitment(Party::Together, "Vi ska verka för en ökad trygghet.", None);
        let hints = lint_commitment(&vague, &context);
        assert_eq!(
            codes(&hints),
            [
                "vague-verb",
                "no-number",
                "no-place",
                "no-time",
                "no-responsible",
                "no-data-source"
            ]
        );
        assert_eq!(hints[0].1.as_deref(), Some("verka för"));

        let concrete = commitment(
            Party::Police,
            "Polisen genomför minst 12 trafikkontroller vid Stationsområdet fredagskvällar.",
            Some(Target::counting(
                ActivityTypeCode::parse("trafikkontroll").unwrap(),
                Some(12),
            )),
        );
        assert!(lint_commitment(&concrete, &context).is_empty());
    }

    #[test]
    fn a_target_whose_type_no_one_logs_is_pointed_out() {
        let context = LintContext {
            place_names: vec![],
            logged_types: Some(vec![]),
        };
        let c = commitment(
            Party::Municipality,
            "Kommunen genomför 4 trygghetsvandringar i centrum varje år.",
            Some(Target::counting(
                ActivityTypeCode::parse("trygghetsvandring").unwrap(),
                Some(4),
            )),
        );
        assert_eq!(
            lint_commitment(&c, &context),
            [(HintCode::UnloggedType, Some("trygghetsvandring".to_owned()))]
        );
        let unknown = LintContext::default();
        assert!(
            lint_commitment(&c, &unknown).is_empty(),
            "without the log, no such hint"
        );
    }
}
