//! A promise as a document: the wire types and their parsing into a [`crate::Promise`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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

impl EnglishDocument {
    /// The document, or `None` when not one English text is written (the exchange format
    /// then leaves `english` out).
    pub fn written(self) -> Option<Self> {
        (self != EnglishDocument::default()).then_some(self)
    }
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
    /// What measures the commitment in the situation picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_indicator: Option<IncidentIndicatorDocument>,
}

/// A commitment measured by incident reports: e.g. motor-vehicle disturbance at the
/// travel centre in the evenings, against 2020.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IncidentIndicatorDocument {
    /// Incident categories by code (`motor_vehicles`) or Swedish word.
    pub categories: Vec<String>,
    /// Place slugs whose reports count; all places when left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// The hours whose reports count, by the hour they began; all when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<HoursDocument>,
    /// The year compared with, over the same days.
    pub baseline_year: i32,
    /// `lower` (the default: fewer reports is better) or `higher`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub better: Option<BetterDocument>,
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
