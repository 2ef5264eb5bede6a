use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "commitment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub promise_id: i32,
    /// Order within the promise, from 0.
    pub position: i32,
    /// JSON of the exchange format's party: `"police"` or `{"partner": "…"}`.
    pub party: String,
    pub text: String,
    pub kind: String,
    /// JSON of the exchange format's target, if the commitment has one.
    pub target: Option<String>,
    pub local_plan: Option<String>,
    /// The text in English, where one was written.
    pub english: Option<String>,
    /// Optimistic-concurrency version, bumped by every update.
    pub version: i32,
    /// JSON of the exchange format's `incident_indicator`, if the commitment has one.
    pub incident_indicator: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
