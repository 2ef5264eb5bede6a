//! The domain's promise written as a document: what `into_promise` reads back unchanged.

use crate::calendar::Year;
use crate::condition::{self, Measure, Per, When};
use crate::place::PlaceSlug;
use crate::promise::{
    Commitment, CommitmentKind, EnglishTexts, InternalFollowUp, Party, PlaceScope, Promise,
    PromiseStatus,
};
use crate::stats::Better;
use crate::text::Text;

use super::promise::*;

impl From<&EnglishTexts> for EnglishDocument {
    fn from(e: &EnglishTexts) -> Self {
        EnglishDocument {
            title: e.title.as_ref().map(Text::to_string),
            aim: e.aim.as_ref().map(Text::to_string),
            focus_areas: e.focus_areas.iter().map(Text::to_string).collect(),
            focus_text: e.focus_text.as_ref().map(Text::to_string),
            outcome_goal: e.outcome_goal.as_ref().map(Text::to_string),
        }
    }
}

impl From<&When> for WhenDocument {
    fn from(w: &When) -> Self {
        WhenDocument {
            months: w.months.clone(),
            weekdays: w
                .weekdays
                .iter()
                .map(|d| condition::weekday_code(*d).to_owned())
                .collect(),
            hours: w.hours.map(|h| HoursDocument {
                from: h.from.format("%H:%M").to_string(),
                to: h.to.format("%H:%M").to_string(),
            }),
        }
    }
}

impl From<&Promise> for PromiseDocument {
    fn from(p: &Promise) -> Self {
        PromiseDocument {
            municipality: p.municipality.to_string(),
            years: YearsDocument {
                first: p.years.first().get(),
                last: p.years.last().get(),
            },
            title: p.title.to_string(),
            aim: p.aim.to_string(),
            focus_areas: p.focus_areas.iter().map(Text::to_string).collect(),
            focus_text: p.focus_text.as_ref().map(Text::to_string),
            outcome_goal: OutcomeGoalDocument {
                text: p.outcome_goal.text.to_string(),
                measured_in: p.outcome_goal.measured_in.get(),
                baseline_year: p.outcome_goal.measure.as_ref().map(|m| m.baseline.get()),
                indicators: p
                    .outcome_goal
                    .measure
                    .iter()
                    .flat_map(|m| &m.indicators)
                    .map(|i| OutcomeIndicatorDocument {
                        indicator: i.indicator.to_string(),
                        better: match i.better {
                            Better::Higher => BetterDocument::Higher,
                            Better::Lower => BetterDocument::Lower,
                        },
                    })
                    .collect(),
            },
            follow_up: FollowUpDocument {
                internal: match p.follow_up.internal {
                    InternalFollowUp::Tertial => InternalFollowUpDocument::Tertial,
                    InternalFollowUp::Yearly => InternalFollowUpDocument::Yearly,
                },
                final_report: FinalReportDocument {
                    year: p.follow_up.final_report_year.get(),
                    quarter: p.follow_up.final_report_quarter.number(),
                },
            },
            status: match p.status {
                PromiseStatus::Draft => StatusDocument::Draft,
                PromiseStatus::Signed => StatusDocument::Signed,
                PromiseStatus::Published => StatusDocument::Published,
                PromiseStatus::Closed => StatusDocument::Closed,
            },
            signed_on: p.signed_on,
            signatories: p
                .signatories
                .iter()
                .map(|s| SignatoryDocument {
                    name: s.name.to_string(),
                    role: s.role.to_string(),
                })
                .collect(),
            continues: p.continues.map(Year::get),
            commitments: p.commitments.iter().map(CommitmentDocument::from).collect(),
            english: (!p.english.is_empty()).then(|| EnglishDocument::from(&p.english)),
        }
    }
}

impl From<&crate::incident::IncidentIndicator> for IncidentIndicatorDocument {
    fn from(i: &crate::incident::IncidentIndicator) -> Self {
        IncidentIndicatorDocument {
            categories: i.categories.iter().map(|c| c.code().to_owned()).collect(),
            places: i.places.iter().map(ToString::to_string).collect(),
            hours: i.hours.map(|h| HoursDocument {
                from: h.from.format("%H:%M").to_string(),
                to: h.to.format("%H:%M").to_string(),
            }),
            baseline_year: i.baseline.get(),
            better: match i.better {
                Better::Lower => None,
                Better::Higher => Some(BetterDocument::Higher),
            },
        }
    }
}

impl From<&Commitment> for CommitmentDocument {
    fn from(c: &Commitment) -> Self {
        CommitmentDocument {
            incident_indicator: c.indicator.as_ref().map(IncidentIndicatorDocument::from),
            party: match &c.party {
                Party::Together => PartyDocument::Together,
                Party::Police => PartyDocument::Police,
                Party::Municipality => PartyDocument::Municipality,
                Party::Partner(name) => PartyDocument::Partner(name.to_string()),
            },
            text: c.text.to_string(),
            kind: match c.kind {
                CommitmentKind::Output => KindDocument::Output,
                CommitmentKind::Process => KindDocument::Process,
                CommitmentKind::Outcome => KindDocument::Outcome,
            },
            target: c.target.as_ref().map(|t| TargetDocument {
                activity: match t.activities.as_slice() {
                    [one] => ActivitiesDocument::One(one.to_string()),
                    many => {
                        ActivitiesDocument::Many(many.iter().map(ToString::to_string).collect())
                    }
                },
                at_least: t.at_least,
                when: (!t.when.is_always()).then(|| WhenDocument::from(&t.when)),
                per: (t.per != Per::Span).then(|| t.per.code().to_owned()),
                measure: (t.measure != Measure::Count).then(|| t.measure.code().to_owned()),
                method: t.method.as_ref().map(|m| MethodDocument {
                    code: m.code.to_string(),
                    min_minutes: m.min_minutes,
                    max_minutes: m.max_minutes,
                }),
                scope: ScopeDocument::from(&t.scope),
                emphasis: t.emphasis.as_ref().map(ScopeDocument::from),
            }),
            local_plan: c.local_plan.as_ref().map(Text::to_string),
            english: c.english.as_ref().map(|t| CommitmentEnglishDocument {
                text: t.to_string(),
            }),
        }
    }
}

impl From<&PlaceScope> for ScopeDocument {
    fn from(s: &PlaceScope) -> Self {
        match s {
            PlaceScope::Anywhere => ScopeDocument::Anywhere,
            PlaceScope::OutlyingVillages => ScopeDocument::OutlyingVillages,
            PlaceScope::Places(slugs) => {
                ScopeDocument::Places(slugs.iter().map(PlaceSlug::to_string).collect())
            }
        }
    }
}
