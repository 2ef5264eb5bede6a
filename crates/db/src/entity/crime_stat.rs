use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "crime_stat")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub municipality_code: String,
    pub year: i32,
    /// `StatPeriod::kind`: year, half or quarter.
    pub period_kind: String,
    /// 0 for a year, else the half or quarter.
    pub period_number: i16,
    /// The source's own category, "Skadegörelsebrott", "Samtliga brott".
    pub category: String,
    pub count: i64,
    pub preliminary: bool,
    /// Made up by the demo generator; shown as example data wherever it appears.
    pub synthetic: bool,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
