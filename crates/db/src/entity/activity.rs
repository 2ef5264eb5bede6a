use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "activity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_code: String,
    /// The type's id in `activity_type` (the type's code is unique per municipality).
    pub activity_type_id: i32,
    /// "police", "municipality" or "partner:NAME".
    pub performer: String,
    pub started_at: DateTimeUtc,
    /// The Swedish local date, which decides the month and tertial it counts in, as the
    /// number YYYYMMDD (`activities::stored_day`): small in the progress index, and still
    /// readable and ordered in SQL.
    pub local_day: i32,
    pub duration_minutes: Option<i32>,
    pub place_slug: Option<String>,
    pub participants: Option<i32>,
    pub note: Option<String>,
    pub dedup_key: String,
    /// Made up by the demo generator; shown as example data wherever it appears.
    pub synthetic: bool,
    pub account_id: Option<i32>,
    pub api_token_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
