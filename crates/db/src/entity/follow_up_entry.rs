use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "follow_up_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub follow_up_id: i32,
    pub commitment_id: i32,
    pub status: String,
    pub reason: Option<String>,
    pub narrative: Option<String>,
    /// JSON array of links.
    pub evidence: String,
    /// The figures as they were when the report was published (JSON), so later entries
    /// do not change what was reported.
    pub figures: Option<String>,
    /// The commitment's incident indicator as it was when the report was published
    /// (JSON), if the commitment has one.
    pub indicator: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
