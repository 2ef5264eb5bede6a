use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "walk_finding")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub walk_id: i32,
    pub municipality_code: String,
    pub place: String,
    pub category: String,
    pub description: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: String,
    pub reason: Option<String>,
    pub updated_at: DateTimeUtc,
    /// The commitment this concerns, if staff linked it.
    pub commitment_id: Option<i32>,
    /// The focus area this concerns, if staff linked it: its promise and its words.
    pub focus_promise_id: Option<i32>,
    pub focus_area: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
