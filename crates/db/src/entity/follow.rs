use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "follow")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub follower_id: i32,
    pub municipality_code: String,
    /// What is followed ([`lofte_domain::follow::Target`]) and its key.
    pub target: String,
    pub target_key: String,
    /// `immediately`, `weekly` or `monthly`.
    pub frequency: String,
    pub created_at: DateTimeUtc,
    /// `None` until the address confirmed it.
    pub confirmed_at: Option<DateTimeUtc>,
    /// The notices up to this time are in a digest already sent.
    pub digested_until: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
