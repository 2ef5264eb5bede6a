use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "promise")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_code: String,
    pub first_year: i32,
    pub last_year: i32,
    pub title: String,
    pub aim: String,
    /// JSON array of strings.
    pub focus_areas: String,
    pub focus_text: Option<String>,
    pub outcome_goal: String,
    pub outcome_measured_in: i32,
    /// JSON `{baseline_year, indicators}` of the outcome goal's survey link, if any.
    pub outcome_measure: Option<String>,
    pub follow_up_internal: String,
    pub final_report_year: i32,
    pub final_report_quarter: i32,
    pub status: String,
    pub signed_on: Option<Date>,
    /// JSON array of `{name, role}`.
    pub signatories: String,
    pub continues_year: Option<i32>,
    /// JSON of the exchange format's `english`, if any text has an English version.
    pub english: Option<String>,
    /// Optimistic-concurrency version, bumped by every update.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
