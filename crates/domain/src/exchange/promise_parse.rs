//! A promise's document parsed into the domain's [`crate::Promise`], every problem with its
//! field path.

use crate::activity::{ActivityTypeCode, MethodCode};
use crate::calendar::{Quarter, Year, YearSpan};
use crate::condition::{self, Hours, Measure, Per, When};
use crate::municipality::MunicipalityCode;
use crate::place::PlaceSlug;
use crate::problem::{Errors, FieldError, Problem};
use crate::promise::{
    Commitment, CommitmentKind, EnglishTexts, FollowUpPlan, InternalFollowUp, Method, OutcomeGoal,
    OutcomeIndicator, OutcomeMeasure, Party, PlaceScope, Promise, PromiseStatus, Signatory, Target,
};
use crate::stats::Better;
use crate::survey::SurveyCode;
use crate::text::Text;

use super::promise::*;
use super::{text, year};

/// Parses a promise document from JSON text. Text that is not JSON yields one error at
/// the place the reader stopped; JSON yields every problem at once, wrong types and
/// unknown fields included (`lenient`).
pub fn parse_promise_json(json: &str) -> Result<Promise, Vec<FieldError>> {
    crate::lenient::parse(json, PromiseDocument::into_promise)
}

impl OutcomeGoalDocument {
    fn parse_measure(&self, e: &mut Errors, measured_in: Option<Year>) -> Option<OutcomeMeasure> {
        let baseline = self
            .baseline_year
            .and_then(|y| year(e, "outcome_goal.baseline_year", y));
        if let (Some(baseline), Some(measured)) = (baseline, measured_in)
            && baseline >= measured
        {
            e.push(
                "outcome_goal.baseline_year",
                Problem::BaselineNotBefore {
                    measured: measured.get(),
                },
            );
        }
        match (self.baseline_year, self.indicators.is_empty()) {
            (None, true) => return None,
            (None, false) => e.push("outcome_goal.baseline_year", Problem::Required),
            (Some(_), true) => e.push("outcome_goal.indicators", Problem::Required),
            (Some(_), false) => {}
        }
        if self.indicators.len() > OutcomeMeasure::MAX_INDICATORS {
            e.push(
                "outcome_goal.indicators",
                Problem::TooMany {
                    max: OutcomeMeasure::MAX_INDICATORS,
                },
            );
        }
        let mut indicators: Vec<OutcomeIndicator> = Vec::new();
        for (i, doc) in self.indicators.iter().enumerate() {
            let path = format!("outcome_goal.indicators[{i}].indicator");
            if let Some(code) = e.take(&path, SurveyCode::parse(&doc.indicator)) {
                if indicators.iter().any(|o| o.indicator == code) {
                    e.push(
                        path,
                        Problem::Duplicate {
                            value: code.to_string(),
                        },
                    );
                }
                indicators.push(OutcomeIndicator {
                    indicator: code,
                    better: match doc.better {
                        BetterDocument::Higher => Better::Higher,
                        BetterDocument::Lower => Better::Lower,
                    },
                });
            }
        }
        Some(OutcomeMeasure {
            baseline: baseline?,
            indicators,
        })
    }
}

impl PromiseDocument {
    /// Parses into a [`Promise`], collecting every problem with its path.
    pub fn into_promise(self) -> Result<Promise, Vec<FieldError>> {
        let mut e = Errors::default();
        let municipality = e.take("municipality", MunicipalityCode::parse(&self.municipality));
        let first = year(&mut e, "years.first", self.years.first);
        let last = year(&mut e, "years.last", self.years.last);
        let years = match (first, last) {
            (Some(first), Some(last)) => e.take("years", YearSpan::new(first, last)),
            _ => None,
        };
        let title = text(&mut e, "title", &self.title, Text::SHORT);
        let aim = text(&mut e, "aim", &self.aim, Text::LONG);
        if self.focus_areas.len() > Promise::MAX_FOCUS_AREAS {
            e.push(
                "focus_areas",
                Problem::TooMany {
                    max: Promise::MAX_FOCUS_AREAS,
                },
            );
        }
        let focus_areas: Vec<Option<Text>> = self
            .focus_areas
            .iter()
            .enumerate()
            .map(|(i, f)| text(&mut e, &format!("focus_areas[{i}]"), f, Text::SHORT))
            .collect();
        let focus_text = self
            .focus_text
            .as_deref()
            .map(|t| text(&mut e, "focus_text", t, Text::LONG));
        let goal_text = text(
            &mut e,
            "outcome_goal.text",
            &self.outcome_goal.text,
            Text::LONG,
        );
        let measured_in = year(
            &mut e,
            "outcome_goal.measured_in",
            self.outcome_goal.measured_in,
        );
        if let (Some(years), Some(measured)) = (years, measured_in)
            && measured < years.first()
        {
            e.push(
                "outcome_goal.measured_in",
                Problem::MeasuredBeforeStart {
                    first: years.first().get(),
                },
            );
        }
        let measure = self.outcome_goal.parse_measure(&mut e, measured_in);
        let report_year = year(
            &mut e,
            "follow_up.final_report.year",
            self.follow_up.final_report.year,
        );
        if let (Some(years), Some(report)) = (years, report_year)
            && report <= years.last()
        {
            e.push(
                "follow_up.final_report.year",
                Problem::FinalReportTooEarly {
                    last: years.last().get(),
                },
            );
        }
        let report_quarter = e.take(
            "follow_up.final_report.quarter",
            Quarter::new(self.follow_up.final_report.quarter),
        );
        let signatories: Vec<Option<Signatory>> = self
            .signatories
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let name = text(
                    &mut e,
                    &format!("signatories[{i}].name"),
                    &s.name,
                    Text::SHORT,
                );
                let role = text(
                    &mut e,
                    &format!("signatories[{i}].role"),
                    &s.role,
                    Text::SHORT,
                );
                Some(Signatory {
                    name: name?,
                    role: role?,
                })
            })
            .collect();
        let continues = self.continues.and_then(|c| year(&mut e, "continues", c));
        if let (Some(years), Some(continues)) = (years, continues)
            && continues >= years.first()
        {
            e.push(
                "continues",
                Problem::ContinuesNotEarlier {
                    first: years.first().get(),
                },
            );
        }
        if self.commitments.is_empty() {
            e.push("commitments", Problem::NoCommitments);
        }
        if self.commitments.len() > Promise::MAX_COMMITMENTS {
            e.push(
                "commitments",
                Problem::TooMany {
                    max: Promise::MAX_COMMITMENTS,
                },
            );
        }
        let english = self
            .english
            .as_ref()
            .map(|en| en.parse(&mut e, self.focus_areas.len()));
        let commitments: Vec<Option<Commitment>> = self
            .commitments
            .into_iter()
            .enumerate()
            .map(|(i, c)| c.parse(&mut e, &format!("commitments[{i}]")))
            .collect();

        e.finish(|| Promise {
            municipality: municipality.expect("no errors, so parsed"),
            years: years.expect("no errors, so parsed"),
            title: title.expect("no errors, so parsed"),
            aim: aim.expect("no errors, so parsed"),
            focus_areas: focus_areas.into_iter().flatten().collect(),
            focus_text: focus_text.flatten(),
            outcome_goal: OutcomeGoal {
                text: goal_text.expect("no errors, so parsed"),
                measured_in: measured_in.expect("no errors, so parsed"),
                measure,
            },
            follow_up: FollowUpPlan {
                internal: match self.follow_up.internal {
                    InternalFollowUpDocument::Tertial => InternalFollowUp::Tertial,
                    InternalFollowUpDocument::Yearly => InternalFollowUp::Yearly,
                },
                final_report_year: report_year.expect("no errors, so parsed"),
                final_report_quarter: report_quarter.expect("no errors, so parsed"),
            },
            status: match self.status {
                StatusDocument::Draft => PromiseStatus::Draft,
                StatusDocument::Signed => PromiseStatus::Signed,
                StatusDocument::Published => PromiseStatus::Published,
                StatusDocument::Closed => PromiseStatus::Closed,
            },
            signed_on: self.signed_on,
            signatories: signatories.into_iter().flatten().collect(),
            continues,
            commitments: commitments.into_iter().flatten().collect(),
            english: english.unwrap_or_default(),
        })
    }
}

impl EnglishDocument {
    /// The English texts; every problem is reported under `english.…`. `focus_areas` is
    /// how many focus areas the Swedish text names: the English names are one for each.
    fn parse(&self, e: &mut Errors, focus_areas: usize) -> EnglishTexts {
        let mut optional = |field: &str, raw: &Option<String>, max: usize| {
            raw.as_deref()
                .and_then(|t| text(e, &format!("english.{field}"), t, max))
        };
        let title = optional("title", &self.title, Text::SHORT);
        let aim = optional("aim", &self.aim, Text::LONG);
        let focus_text = optional("focus_text", &self.focus_text, Text::LONG);
        let outcome_goal = optional("outcome_goal", &self.outcome_goal, Text::LONG);
        if !self.focus_areas.is_empty() && self.focus_areas.len() != focus_areas {
            e.push(
                "english.focus_areas",
                Problem::TranslationCount {
                    expected: focus_areas,
                },
            );
        }
        let focus_areas = self
            .focus_areas
            .iter()
            .enumerate()
            .filter_map(|(i, f)| text(e, &format!("english.focus_areas[{i}]"), f, Text::SHORT))
            .collect();
        EnglishTexts {
            title,
            aim,
            focus_areas,
            focus_text,
            outcome_goal,
        }
    }
}

impl CommitmentDocument {
    /// Parses one commitment on its own (a staff form); paths are relative to it,
    /// e.g. `target.at_least`.
    pub fn into_commitment(self) -> Result<Commitment, Vec<FieldError>> {
        let mut e = Errors::default();
        let parsed = self.parse(&mut e, "");
        e.finish(|| parsed.expect("no errors, so parsed"))
            .map_err(|errors| {
                errors
                    .into_iter()
                    .map(|mut f| {
                        f.path = f.path.trim_start_matches('.').to_owned();
                        f
                    })
                    .collect()
            })
    }

    fn parse(self, e: &mut Errors, path: &str) -> Option<Commitment> {
        let party = match self.party {
            PartyDocument::Together => Some(Party::Together),
            PartyDocument::Police => Some(Party::Police),
            PartyDocument::Municipality => Some(Party::Municipality),
            PartyDocument::Partner(name) => {
                text(e, &format!("{path}.party.partner"), &name, Text::SHORT).map(Party::Partner)
            }
        };
        let text_ = text(e, &format!("{path}.text"), &self.text, Text::LONG);
        let kind = match self.kind {
            KindDocument::Output => CommitmentKind::Output,
            KindDocument::Process => CommitmentKind::Process,
            KindDocument::Outcome => CommitmentKind::Outcome,
        };
        let target = self.target.map(|t| t.parse(e, &format!("{path}.target")));
        let local_plan = self
            .local_plan
            .as_deref()
            .map(|p| text(e, &format!("{path}.local_plan"), p, Text::SHORT));
        let english = self
            .english
            .as_ref()
            .map(|en| text(e, &format!("{path}.english.text"), &en.text, Text::LONG));
        let indicator = self
            .incident_indicator
            .map(|i| i.parse(e, &format!("{path}.incident_indicator")));
        Some(Commitment {
            party: party?,
            text: text_?,
            kind,
            target: target.map(|t| t.ok_or(())).transpose().ok()?,
            local_plan: local_plan.map(|p| p.ok_or(())).transpose().ok()?,
            english: english.map(|t| t.ok_or(())).transpose().ok()?,
            indicator: indicator.map(|i| i.ok_or(())).transpose().ok()?,
        })
    }
}

impl IncidentIndicatorDocument {
    fn parse(self, e: &mut Errors, path: &str) -> Option<crate::incident::IncidentIndicator> {
        use crate::incident::IncidentCategory;
        if self.categories.is_empty() {
            e.take::<()>(format!("{path}.categories"), Err(Problem::Required));
        }
        let mut categories = Vec::new();
        let mut ok = !self.categories.is_empty();
        for (j, raw) in self.categories.iter().enumerate() {
            match e.take(
                format!("{path}.categories[{j}]"),
                IncidentCategory::parse(raw),
            ) {
                Some(c) if !categories.contains(&c) => categories.push(c),
                Some(_) => {}
                None => ok = false,
            }
        }
        let mut places = Vec::new();
        for (j, raw) in self.places.iter().enumerate() {
            match e.take(format!("{path}.places[{j}]"), PlaceSlug::parse(raw)) {
                Some(p) if !places.contains(&p) => places.push(p),
                Some(_) => {}
                None => ok = false,
            }
        }
        let hours = match &self.hours {
            None => Some(None),
            Some(h) => {
                let from = e.take(format!("{path}.hours.from"), Hours::parse_time(&h.from));
                let to = e.take(format!("{path}.hours.to"), Hours::parse_time(&h.to));
                match (from, to) {
                    (Some(from), Some(to)) => e
                        .take(format!("{path}.hours"), Hours::new(from, to))
                        .map(Some),
                    _ => None,
                }
            }
        };
        let baseline = e.take(
            format!("{path}.baseline_year"),
            Year::new(self.baseline_year),
        );
        let better = match self.better {
            None | Some(BetterDocument::Lower) => Better::Lower,
            Some(BetterDocument::Higher) => Better::Higher,
        };
        if !ok {
            return None;
        }
        // In the categories' own order, however they were listed, so that the same
        // indicator reads and compares the same from the form and the file.
        categories.sort();
        Some(crate::incident::IncidentIndicator {
            categories,
            places,
            hours: hours?,
            baseline: baseline?,
            better,
        })
    }
}

impl TargetDocument {
    fn parse(self, e: &mut Errors, path: &str) -> Option<Target> {
        let activities = parse_activities(e, &format!("{path}.activity"), &self.activity);
        let when = self.when.as_ref().map_or(Some(When::default()), |w| {
            w.parse(e, &format!("{path}.when"))
        });
        let per = match &self.per {
            None => Some(Per::Span),
            Some(raw) => e.take(format!("{path}.per"), Per::parse(raw)),
        };
        let measure = match &self.measure {
            None => Some(Measure::Count),
            Some(raw) => e.take(format!("{path}.measure"), Measure::parse(raw)),
        };
        let at_least = match self.at_least {
            Some(n) if n == 0 || n > Target::MAX_COUNT => {
                e.push(
                    format!("{path}.at_least"),
                    Problem::OutOfRange {
                        min: 1,
                        max: Target::MAX_COUNT.into(),
                    },
                );
                None
            }
            other => Some(other),
        };
        let method = self.method.map(|m| {
            let code = e.take(format!("{path}.method.code"), MethodCode::parse(&m.code))?;
            e.take(
                format!("{path}.method"),
                Method::new(code, m.min_minutes, m.max_minutes),
            )
        });
        let scope = self.scope.parse(e, &format!("{path}.scope"));
        let emphasis = self
            .emphasis
            .map(|s| s.parse(e, &format!("{path}.emphasis")));
        Some(Target {
            activities: activities?,
            at_least: at_least?,
            when: when?,
            per: per?,
            measure: measure?,
            method: method.map(|m| m.ok_or(())).transpose().ok()?,
            scope: scope?,
            emphasis: emphasis.map(|s| s.ok_or(())).transpose().ok()?,
        })
    }
}

fn parse_activities(
    e: &mut Errors,
    path: &str,
    doc: &ActivitiesDocument,
) -> Option<Vec<ActivityTypeCode>> {
    match doc {
        ActivitiesDocument::One(code) => {
            e.take(path, ActivityTypeCode::parse(code)).map(|c| vec![c])
        }
        ActivitiesDocument::Many(codes) => {
            if codes.is_empty() {
                e.push(path, Problem::Empty);
                return None;
            }
            if codes.len() > Target::MAX_ACTIVITIES {
                e.push(
                    path,
                    Problem::TooMany {
                        max: Target::MAX_ACTIVITIES,
                    },
                );
                return None;
            }
            let mut parsed: Vec<ActivityTypeCode> = Vec::new();
            let mut ok = true;
            for (j, raw) in codes.iter().enumerate() {
                match e.take(format!("{path}[{j}]"), ActivityTypeCode::parse(raw)) {
                    Some(code) if parsed.contains(&code) => {
                        e.push(
                            format!("{path}[{j}]"),
                            Problem::Duplicate {
                                value: code.to_string(),
                            },
                        );
                        ok = false;
                    }
                    Some(code) => parsed.push(code),
                    None => ok = false,
                }
            }
            ok.then_some(parsed)
        }
    }
}

impl WhenDocument {
    fn parse(&self, e: &mut Errors, path: &str) -> Option<When> {
        let mut ok = true;
        for (j, m) in self.months.iter().enumerate() {
            if !(1..=12).contains(m) {
                e.push(
                    format!("{path}.months[{j}]"),
                    Problem::OutOfRange { min: 1, max: 12 },
                );
                ok = false;
            }
        }
        let weekdays: Vec<Option<chrono::Weekday>> = self
            .weekdays
            .iter()
            .enumerate()
            .map(|(j, d)| e.take(format!("{path}.weekdays[{j}]"), condition::parse_weekday(d)))
            .collect();
        let hours = match &self.hours {
            None => Some(None),
            Some(h) => {
                let from = e.take(format!("{path}.hours.from"), Hours::parse_time(&h.from));
                let to = e.take(format!("{path}.hours.to"), Hours::parse_time(&h.to));
                match (from, to) {
                    (Some(from), Some(to)) => e
                        .take(format!("{path}.hours"), Hours::new(from, to))
                        .map(Some),
                    _ => None,
                }
            }
        };
        let weekdays: Option<Vec<chrono::Weekday>> = weekdays.into_iter().collect();
        if !ok {
            return None;
        }
        e.take(path, When::new(self.months.clone(), weekdays?, hours?))
    }
}

impl ScopeDocument {
    pub fn is_anywhere(&self) -> bool {
        *self == ScopeDocument::Anywhere
    }

    fn parse(self, e: &mut Errors, path: &str) -> Option<PlaceScope> {
        match self {
            ScopeDocument::Anywhere => Some(PlaceScope::Anywhere),
            ScopeDocument::OutlyingVillages => Some(PlaceScope::OutlyingVillages),
            ScopeDocument::Places(slugs) => {
                if slugs.is_empty() {
                    e.push(format!("{path}.places"), Problem::Empty);
                    return None;
                }
                let parsed: Vec<Option<PlaceSlug>> = slugs
                    .iter()
                    .enumerate()
                    .map(|(i, s)| e.take(format!("{path}.places[{i}]"), PlaceSlug::parse(s)))
                    .collect();
                parsed
                    .into_iter()
                    .collect::<Option<Vec<_>>>()
                    .map(PlaceScope::Places)
            }
        }
    }
}

impl Promise {
    /// Every activity type the promise's targets count, with the field path that names it.
    pub fn activity_type_references(&self) -> Vec<(String, &ActivityTypeCode)> {
        self.commitments
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let t = c.target.as_ref()?;
                Some(t.activities.iter().enumerate().map(move |(j, code)| {
                    let path = if t.activities.len() == 1 {
                        format!("commitments[{i}].target.activity")
                    } else {
                        format!("commitments[{i}].target.activity[{j}]")
                    };
                    (path, code)
                }))
            })
            .flatten()
            .collect()
    }

    /// Every place the promise names, with the field path that names it, so that whoever
    /// knows the municipality's places can report the unknown ones precisely.
    pub fn place_references(&self) -> Vec<(String, &PlaceSlug)> {
        let mut refs = Vec::new();
        for (i, c) in self.commitments.iter().enumerate() {
            let Some(t) = &c.target else { continue };
            for (field, scope) in [("scope", Some(&t.scope)), ("emphasis", t.emphasis.as_ref())] {
                if let Some(PlaceScope::Places(slugs)) = scope {
                    for (j, slug) in slugs.iter().enumerate() {
                        refs.push((format!("commitments[{i}].target.{field}.places[{j}]"), slug));
                    }
                }
            }
        }
        refs
    }
}
