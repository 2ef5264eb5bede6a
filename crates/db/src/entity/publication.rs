use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "publication")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub promise_id: i32,
    pub promise_version: i32,
    pub published_at: DateTimeUtc,
    /// The promise as published, in the exchange format.
    pub document: String,
    /// Why a closed promise's texts were corrected, when this publication is such a
    /// correction.
    pub correction_note: Option<String>,
    /// When followers were told of it (or of a later one that includes it).
    pub announced_at: Option<DateTimeUtc>,
    /// The ids of the document's commitments, in its order, as a JSON array (none on
    /// rows written before migration 34).
    pub commitment_ids: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
