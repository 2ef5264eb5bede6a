use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "follow_up")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub promise_id: i32,
    pub year: i32,
    /// "t1", "t2", "t3" or "slutredovisning".
    pub period: String,
    /// Set when published; a published report is frozen.
    pub published_at: Option<DateTimeUtc>,
    pub version: i32,
    /// The final report's account of what the parties learned.
    pub learned: Option<String>,
    /// Corrections after publishing, as JSON: `[{"at": "…", "note": "…"}]`.
    pub corrections: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
