//! The promise exchange format: one promise with its commitments as JSON.
//!
//! This is the one way a promise enters or leaves the system as data: `lofte promise
//! import|export`, the API and the Flen demo all use it. The wire types here are loose
//! (strings and numbers); [`PromiseDocument::into_promise`] parses them into domain types
//! and reports *every* problem with its field path, e.g. `commitments[3].target.at_least`.
//! The JSON Schema in `docs/promise.schema.json` is generated from these types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::activity::{ActivityTypeCode, MethodCode};
use crate::calendar::{Quarter, Year, YearSpan};
use crate::condition::{self, Hours, Measure, Per, When};
use crate::municipality::MunicipalityCode;
use crate::place::{Coordinates, PlaceShape, PlaceSlug};
use crate::problem::{Errors, FieldError, Problem};
use crate::promise::{
    Commitment, CommitmentKind, EnglishTexts, FollowUpPlan, InternalFollowUp, Method, OutcomeGoal,
    OutcomeIndicator, OutcomeMeasure, Party, PlaceScope, Promise, PromiseStatus, Signatory, Target,
};
use crate::stats::Better;
use crate::survey::SurveyCode;
use crate::text::Text;

/// One medborgarlöfte: a municipality's promise for a year (or a few), with its
/// commitments grouped by party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PromiseDocument {
    /// Four-digit municipality code (kommunkod), e.g. "0482" for Flen.
    #[cfg_attr(feature = "openapi", schema(example = "0482", pattern = "^[0-9]{4}$"))]
    pub municipality: String,
    pub years: YearsDocument,
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Medborgarlöfte 2021", max_length = 200, pattern = r"\S")
    )]
    pub title: String,
    /// The overall aim the parties share.
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub aim: String,
    /// Short names of the focus areas (fokusområden).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus_areas: Vec<String>,
    /// The focus paragraph as published, if the promise has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub focus_text: Option<String>,
    pub outcome_goal: OutcomeGoalDocument,
    pub follow_up: FollowUpDocument,
    #[serde(default)]
    pub status: StatusDocument,
    /// Date of signing (YYYY-MM-DD), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<SignatoryDocument>,
    /// First year of the earlier promise this one continues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 2010, maximum = 2100))]
    pub continues: Option<i32>,
    /// The commitments, in the order they are published.
    pub commitments: Vec<CommitmentDocument>,
    /// English versions of the promise's texts, where the parties wrote them; the
    /// commitments' are on each commitment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub english: Option<EnglishDocument>,
}

/// The promise's texts in English, each optional. The English site shows the Swedish
/// text, marked as Swedish, where a text has no English version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnglishDocument {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Citizen promise 2021", max_length = 200, pattern = r"\S")
    )]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub aim: Option<String>,
    /// One per focus area, in the same order, or none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub focus_areas: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub focus_text: Option<String>,
    /// The outcome goal's text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub outcome_goal: Option<String>,
}

/// A commitment's text in English.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommitmentEnglishDocument {
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct YearsDocument {
    #[cfg_attr(feature = "openapi", schema(minimum = 2010, maximum = 2100))]
    pub first: i32,
    /// Last year, inclusive; the same as `first` for a one-year promise (at most four).
    #[cfg_attr(feature = "openapi", schema(minimum = 2010, maximum = 2100))]
    pub last: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeGoalDocument {
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub text: String,
    /// The year the outcome is to be measured in.
    #[cfg_attr(feature = "openapi", schema(minimum = 2010, maximum = 2100))]
    pub measured_in: i32,
    /// The survey year the measurement is compared with; required with `indicators`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 2010, maximum = 2100))]
    pub baseline_year: Option<i32>,
    /// The safety-survey indicators (codes of the municipality's codebook) the goal is
    /// judged by, each with the direction that counts as better.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<OutcomeIndicatorDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OutcomeIndicatorDocument {
    /// An indicator code of the municipality's survey codebook, e.g. `otrygga-kvall`.
    pub indicator: String,
    pub better: BetterDocument,
}

/// Which way an indicator counts as better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BetterDocument {
    Higher,
    Lower,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpDocument {
    pub internal: InternalFollowUpDocument,
    pub final_report: FinalReportDocument,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InternalFollowUpDocument {
    /// Per tertial: T1 January–April, T2 May–August, T3 September–December.
    Tertial,
    Yearly,
}

/// When the official final report (slutredovisning) is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FinalReportDocument {
    /// After the promise's last year.
    #[cfg_attr(feature = "openapi", schema(minimum = 2010, maximum = 2100))]
    pub year: i32,
    /// 1–4.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 4))]
    pub quarter: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusDocument {
    #[default]
    Draft,
    Signed,
    Published,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignatoryDocument {
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommitmentDocument {
    pub party: PartyDocument,
    #[cfg_attr(feature = "openapi", schema(max_length = 4000, pattern = r"\S"))]
    pub text: String,
    pub kind: KindDocument,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetDocument>,
    /// A local plan the commitment works through, e.g. "Lokal ANDT-handlingsplan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200, pattern = r"\S"))]
    pub local_plan: Option<String>,
    /// The commitment's text in English, where the parties wrote one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub english: Option<CommitmentEnglishDocument>,
}

/// Who promises: `"together"`, `"police"`, `"municipality"`, or `{"partner": "name"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyDocument {
    Together,
    Police,
    Municipality,
    Partner(String),
}

/// Brå's kinds of goal: output (produktionsmål), process (processmål), outcome (effektmål).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum KindDocument {
    Output,
    Process,
    Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TargetDocument {
    /// Activity type code, e.g. "traffic_control", "foot_patrol", "safety_walk",
    /// "trygg_vuxen", or a list of codes when several kinds of work count.
    pub activity: ActivitiesDocument,
    /// At least this much of the `measure` within the promise period (or each year of
    /// it, with `"per": "year"`); absent when no number is promised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u32>,
    /// When work counts: months 1–12, weekdays ("mon" … "sun") and hours ("20:00" to
    /// "02:00" runs across midnight and belongs to the day it starts). Every part is
    /// optional; absent means any time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<WhenDocument>,
    /// "span" (default): the number is for the whole promise period. "year": the
    /// number is promised for each year of it, and every year must reach it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// What is counted: "count" (default, activities), "participants", "minutes", or
    /// "places" (distinct places with at least one counted activity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<MethodDocument>,
    /// Where activities must take place to count; anywhere in the municipality if absent.
    #[serde(default, skip_serializing_if = "ScopeDocument::is_anywhere")]
    pub scope: ScopeDocument,
    /// Where more presence is wanted (reported as a share), e.g. "outlying_villages".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emphasis: Option<ScopeDocument>,
}

/// One activity type code, or a list of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum ActivitiesDocument {
    One(String),
    Many(Vec<String>),
}

impl ActivitiesDocument {
    /// The first code, as a one-type form shows it.
    pub fn first(&self) -> &str {
        match self {
            ActivitiesDocument::One(code) => code,
            ActivitiesDocument::Many(codes) => codes.first().map_or("", String::as_str),
        }
    }
}

impl From<String> for ActivitiesDocument {
    fn from(code: String) -> Self {
        ActivitiesDocument::One(code)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WhenDocument {
    /// Months 1–12, e.g. [1, 2, 3, 4] for January–April.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<u32>,
    /// "mon", "tue", "wed", "thu", "fri", "sat", "sun".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<HoursDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HoursDocument {
    /// "HH:MM", inclusive.
    pub from: String,
    /// "HH:MM", exclusive; before `from` for a window across midnight.
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MethodDocument {
    /// e.g. "twenty_minute" (20-minutersmetoden) or "fifteen_minute" (15-minutersmetoden).
    pub code: String,
    /// Shortest duration, in minutes, that counts under the method.
    pub min_minutes: u32,
    /// Longest duration, in minutes, that counts under the method.
    pub max_minutes: u32,
}

/// `"anywhere"`, `"outlying_villages"` (kransorterna), or `{"places": ["slug", …]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ScopeDocument {
    #[default]
    Anywhere,
    OutlyingVillages,
    Places(Vec<String>),
}

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

fn text(errors: &mut Errors, path: &str, raw: &str, max: usize) -> Option<Text> {
    errors.take(path, Text::parse(raw, max))
}

fn year(errors: &mut Errors, path: &str, raw: i32) -> Option<Year> {
    errors.take(path, Year::new(raw))
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
        Some(Commitment {
            party: party?,
            text: text_?,
            kind,
            target: target.map(|t| t.ok_or(())).transpose().ok()?,
            local_plan: local_plan.map(|p| p.ok_or(())).transpose().ok()?,
            english: english.map(|t| t.ok_or(())).transpose().ok()?,
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

impl From<&Commitment> for CommitmentDocument {
    fn from(c: &Commitment) -> Self {
        CommitmentDocument {
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

/// A municipality's profile: its police organisation and its places. Loaded before
/// promises that name places (`lofte municipality import`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileDocument {
    pub municipality: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub police: Option<PoliceDocument>,
    #[serde(default)]
    pub places: Vec<PlaceDocument>,
    /// The municipality's boundary as a GeoJSON `Polygon` or `MultiPolygon` geometry
    /// (positions `[longitude, latitude]`, WGS 84). Maps draw it, and a point a resident
    /// marks outside it gets a message asking them to check the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub boundary: Option<serde_json::Value>,
    /// Where the boundary comes from, shown under every map, e.g. "Lantmäteriet 2025".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_source: Option<String>,
    /// Who answers for residents' personal data, for the municipality's privacy notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<PrivacyDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PrivacyDocument {
    /// The data controller (personuppgiftsansvarig), e.g. "Kommunstyrelsen i Flens kommun".
    pub controller: String,
    /// Where residents ask about what is stored: an e-mail address, a phone number.
    pub contact: String,
    /// The data protection officer (dataskyddsombud), if the notice should name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_protection_officer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoliceDocument {
    /// Police region, e.g. "Region Öst".
    pub region: String,
    /// Police area, e.g. "Polisområde Södermanland".
    pub police_area: String,
    /// Local police area (lokalpolisområde), e.g. "Katrineholm".
    pub local_police_area: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceDocument {
    /// Identifier within the municipality: lowercase letters, digits, hyphens.
    pub slug: String,
    pub name: String,
    /// "locality", "area", "hot_spot", "road", "school" or "station".
    pub kind: String,
    /// The point the place is shown by (WGS 84); taken from the middle of `shape` if
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// An outlying village (kransort).
    #[serde(default)]
    pub outlying: bool,
    /// Slug of the locality the place lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// A road's line or an area's outline: a GeoJSON `LineString`, `MultiLineString`,
    /// `Polygon` or `MultiPolygon` geometry, positions `[longitude, latitude]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub shape: Option<serde_json::Value>,
}

impl PlaceDocument {
    /// The place's point and shape: the point given, or the middle of the shape.
    fn parse_location(
        &self,
        e: &mut Errors,
        path: &str,
    ) -> (Option<Coordinates>, Result<Option<PlaceShape>, ()>) {
        let shape = match &self.shape {
            None => Ok(None),
            Some(g) => e
                .take(format!("{path}.shape"), PlaceShape::from_geojson(g))
                .map(Some)
                .ok_or(()),
        };
        let point = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => e.take(format!("{path}.lat"), Coordinates::new(lat, lon)),
            (None, None) => match &shape {
                Ok(Some(s)) => Some(s.center()),
                Ok(None) => {
                    e.push(format!("{path}.lat"), Problem::Required);
                    None
                }
                Err(()) => None,
            },
            (None, Some(_)) => {
                e.push(format!("{path}.lat"), Problem::Required);
                None
            }
            (Some(_), None) => {
                e.push(format!("{path}.lon"), Problem::Required);
                None
            }
        };
        (point, shape)
    }

    /// Parses one place of `municipality` on its own (a staff form, the API); paths
    /// are the field names (`slug`, `lat`, `shape`).
    pub fn into_place(
        self,
        municipality: &MunicipalityCode,
    ) -> Result<crate::place::Place, Vec<FieldError>> {
        let mut e = Errors::default();
        let slug = e.take("slug", PlaceSlug::parse(&self.slug));
        let name = text(&mut e, "name", &self.name, Text::SHORT);
        let kind = e.take("kind", crate::place::PlaceKind::parse(&self.kind));
        let (coordinates, shape) = self.parse_location(&mut e, "");
        let within = self
            .within
            .as_deref()
            .map(|w| e.take("within", PlaceSlug::parse(w)));
        let shape = shape.ok().flatten();
        e.finish(|| crate::place::Place {
            municipality: municipality.clone(),
            slug: slug.expect("no errors, so parsed"),
            name: name.expect("no errors, so parsed"),
            kind: kind.expect("no errors, so parsed"),
            coordinates: coordinates.expect("no errors, so parsed"),
            outlying: self.outlying,
            within: within.flatten(),
            shape,
        })
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

    /// The document of a stored place.
    pub fn from_place(p: &crate::place::Place) -> Self {
        PlaceDocument {
            slug: p.slug.to_string(),
            name: p.name.to_string(),
            kind: p.kind.as_str().to_owned(),
            lat: Some(p.coordinates.lat()),
            lon: Some(p.coordinates.lon()),
            outlying: p.outlying,
            within: p.within.as_ref().map(ToString::to_string),
            shape: p.shape.as_ref().map(PlaceShape::to_geojson),
        }
    }
}

/// A parsed [`ProfileDocument`].
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub municipality: MunicipalityCode,
    pub police: Option<crate::municipality::PoliceOrganisation>,
    pub places: Vec<crate::place::Place>,
    pub boundary: Option<crate::place::Boundary>,
    pub boundary_source: Option<Text>,
    pub privacy: Option<crate::municipality::PrivacyContacts>,
}

/// Parses a municipality profile from JSON text, reporting every problem with its path.
pub fn parse_profile_json(json: &str) -> Result<Profile, Vec<FieldError>> {
    crate::lenient::parse(json, ProfileDocument::into_profile)
}

impl ProfileDocument {
    pub fn into_profile(self) -> Result<Profile, Vec<FieldError>> {
        use crate::municipality::PoliceOrganisation;
        use crate::place::{Place, PlaceKind};

        let mut e = Errors::default();
        let municipality = e.take("municipality", MunicipalityCode::parse(&self.municipality));
        let police = self.police.map(|p| {
            let region = text(&mut e, "police.region", &p.region, Text::SHORT);
            let area = text(&mut e, "police.police_area", &p.police_area, Text::SHORT);
            let local = text(
                &mut e,
                "police.local_police_area",
                &p.local_police_area,
                Text::SHORT,
            );
            Some(PoliceOrganisation {
                region: region?,
                police_area: area?,
                local_police_area: local?,
            })
        });
        let mut seen = std::collections::HashSet::new();
        let places: Vec<Option<Place>> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("places[{i}]");
                let slug = e.take(format!("{path}.slug"), PlaceSlug::parse(&p.slug));
                if slug.is_some() && !seen.insert(p.slug.clone()) {
                    e.push(
                        format!("{path}.slug"),
                        Problem::Slug {
                            value: p.slug.clone(),
                        },
                    );
                }
                let name = text(&mut e, &format!("{path}.name"), &p.name, Text::SHORT);
                let kind = e.take(format!("{path}.kind"), PlaceKind::parse(&p.kind));
                let (coordinates, shape) = p.parse_location(&mut e, &path);
                let within = p
                    .within
                    .as_deref()
                    .map(|w| e.take(format!("{path}.within"), PlaceSlug::parse(w)));
                Some(Place {
                    municipality: municipality.clone()?,
                    slug: slug?,
                    name: name?,
                    kind: kind?,
                    coordinates: coordinates?,
                    outlying: p.outlying,
                    within: within.map(|w| w.ok_or(())).transpose().ok()?,
                    shape: shape.ok()?,
                })
            })
            .collect();
        for (i, p) in self.places.iter().enumerate() {
            if let Some(w) = &p.within
                && !self.places.iter().any(|q| &q.slug == w)
            {
                e.push(
                    format!("places[{i}].within"),
                    Problem::UnknownPlace { value: w.clone() },
                );
            }
        }
        let boundary = self
            .boundary
            .as_ref()
            .map(|g| e.take("boundary", crate::place::Boundary::from_geojson(g)));
        let boundary_source = self
            .boundary_source
            .as_deref()
            .map(|s| text(&mut e, "boundary_source", s, Text::SHORT));
        let privacy = self.privacy.as_ref().map(|p| {
            let controller = text(&mut e, "privacy.controller", &p.controller, Text::SHORT);
            let contact = text(&mut e, "privacy.contact", &p.contact, Text::SHORT);
            let officer = p
                .data_protection_officer
                .as_deref()
                .map(|o| text(&mut e, "privacy.data_protection_officer", o, Text::SHORT));
            Some(crate::municipality::PrivacyContacts {
                controller: controller?,
                contact: contact?,
                data_protection_officer: officer.map(|o| o.ok_or(())).transpose().ok()?,
            })
        });
        e.finish(|| Profile {
            municipality: municipality.expect("no errors, so parsed"),
            police: police.flatten(),
            places: places.into_iter().flatten().collect(),
            boundary: boundary.flatten(),
            boundary_source: boundary_source.flatten(),
            privacy: privacy.flatten(),
        })
    }
}
