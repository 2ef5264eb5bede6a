use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "situation_analysis")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_code: String,
    pub year: i32,
    /// 1–3.
    pub tertial: i16,
    pub analysis: String,
    pub next_steps: Option<String>,
    /// The figures as published ([`lofte_domain::analysis::FrozenPicture`]); `None` in a
    /// draft.
    pub figures: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
