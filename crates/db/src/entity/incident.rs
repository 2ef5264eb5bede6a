use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "incident")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_code: String,
    /// `IncidentCategory::code`.
    pub category: String,
    pub started_at: DateTimeUtc,
    /// The end of a period, if the report gave one.
    pub ended_at: Option<DateTimeUtc>,
    /// The Swedish local day it began, as YYYYMMDD (as `activity.local_day`).
    pub local_day: i32,
    /// The Swedish local hour it began, 0–23, if the report gave a time of day.
    pub local_hour: Option<i32>,
    pub place_slug: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub text: Option<String>,
    /// The reporting organisation.
    pub reporter: String,
    pub dedup_key: String,
    /// When the coordinator reviewed it in the week's review.
    pub reviewed_at: Option<DateTimeUtc>,
    /// Made up by the demo generator; shown as example data wherever it appears.
    pub synthetic: bool,
    pub account_id: Option<i32>,
    pub api_token_id: Option<i32>,
    pub created_at: DateTimeUtc,
    /// The organisation the account or token reported for; none from a file.
    pub organisation_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
