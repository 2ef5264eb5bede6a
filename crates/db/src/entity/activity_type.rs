use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "activity_type")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `None` for the built-in types every municipality has.
    pub municipality_code: Option<String>,
    pub code: String,
    pub name_sv_one: Option<String>,
    pub name_sv_other: Option<String>,
    pub name_en_one: Option<String>,
    pub name_en_other: Option<String>,
    pub counts_only: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
