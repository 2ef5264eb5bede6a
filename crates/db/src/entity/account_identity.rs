use sea_orm::entity::prelude::*;

/// An OpenID Connect provider's subject, linked to the account it signs in as.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "account_identity")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The provider's issuer URL, as its ID tokens name it.
    pub issuer: String,
    /// The provider's `sub` for the person: stable, never reassigned.
    pub subject: String,
    pub account_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
