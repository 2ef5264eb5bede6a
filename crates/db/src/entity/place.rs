use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "place")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_code: String,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub lat: f64,
    pub lon: f64,
    pub outlying: bool,
    pub within_slug: Option<String>,
    pub shape: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
