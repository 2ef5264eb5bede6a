use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "survey_import")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_code: String,
    /// SHA-256 of the file, hex: the same file twice is one import.
    pub digest: String,
    pub file_name: Option<String>,
    pub rows: i64,
    /// JSON array of the item codes of the stored answer columns, in their order.
    pub item_codes: String,
    pub synthetic: bool,
    pub imported_at: DateTimeUtc,
    pub imported_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
