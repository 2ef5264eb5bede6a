use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "population")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_code: String,
    pub year: i32,
    /// As the source writes it ("65+ år"); "" for all ages.
    pub age_band: String,
    /// "men", "women"; "" for both.
    pub sex: String,
    pub residents: i64,
    /// Made up by the demo generator; shown as example data wherever it appears.
    pub synthetic: bool,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
