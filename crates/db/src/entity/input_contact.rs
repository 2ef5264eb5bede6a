use sea_orm::entity::prelude::*;

/// The e-mail address a resident left with an input, only to ask "Blev det gjort?".
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "input_contact")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub input_id: i32,
    pub email: String,
    /// The language the resident wrote in, for the question.
    pub lang: String,
    pub created_at: DateTimeUtc,
    pub asked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
