use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "finding_photo")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub finding_id: i32,
    /// `image/jpeg` or `image/png`; the bytes were re-encoded here, without metadata.
    pub media_type: String,
    pub data: Vec<u8>,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
