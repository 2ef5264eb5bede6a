use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub account_id: Option<i32>,
    pub api_token_id: Option<i32>,
    pub municipality_code: String,
    /// "promise" or "commitment".
    pub entity: String,
    pub entity_id: i32,
    pub promise_id: Option<i32>,
    /// "create", "update", "status".
    pub action: String,
    /// JSON in the exchange format, before and after.
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
