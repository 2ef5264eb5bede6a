use sea_orm::entity::prelude::*;

/// Sign-in attempts counted per key (see `accounts::SignInKey`) in a window.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "login_throttle")]
pub struct Model {
    /// Hex SHA-256 of the e-mail address typed and the client; neither is stored.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Unix seconds when the window opened.
    pub window_start: i64,
    /// Attempts reserved in the window, each before its password was checked.
    pub attempts: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
