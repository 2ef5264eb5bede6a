use sea_orm::entity::prelude::*;

/// The audit log of accounts, memberships and API tokens (installation-wide, so apart
/// from the per-municipality `audit_log`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "account_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// Who did it: an account, or `None` for the operator at the command line.
    pub by_account_id: Option<i32>,
    pub account_id: Option<i32>,
    pub api_token_id: Option<i32>,
    /// "create", "grant", "password", "disable", "enable", "token-create", "token-revoke".
    pub action: String,
    /// What changed, never a secret.
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
