//! Sessions of signed-in staff and API tokens, both stored as digests or opaque ids.

use chrono::Utc;
use lofte_domain::{Principal, Role};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::entity::{api_token, session};
use crate::{Db, Result};

impl Db {
    pub async fn save_session(&self, id: &str, data: &str, expires_at: i64) -> Result<()> {
        session::Entity::insert(session::ActiveModel {
            id: Set(id.to_owned()),
            data: Set(data.to_owned()),
            expires_at: Set(expires_at),
        })
        .on_conflict(
            OnConflict::column(session::Column::Id)
                .update_columns([session::Column::Data, session::Column::ExpiresAt])
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        Ok(())
    }

    /// The session's data, unless it has expired by `now` (Unix seconds).
    pub async fn load_session(&self, id: &str, now: i64) -> Result<Option<(String, i64)>> {
        Ok(session::Entity::find_by_id(id)
            .filter(session::Column::ExpiresAt.gt(now))
            .one(self.conn())
            .await?
            .map(|s| (s.data, s.expires_at)))
    }

    pub async fn delete_session(&self, id: &str) -> Result<()> {
        session::Entity::delete_by_id(id).exec(self.conn()).await?;
        Ok(())
    }

    pub async fn delete_expired_sessions(&self, now: i64) -> Result<u64> {
        Ok(session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(now))
            .exec(self.conn())
            .await?
            .rows_affected)
    }

    // API tokens for machine clients.

    pub async fn create_api_token(
        &self,
        organisation_id: i32,
        role: Role,
        name: &str,
        token_hash: &str,
    ) -> Result<i32> {
        self.check_role(organisation_id, role).await?;
        let r = api_token::Entity::insert(api_token::ActiveModel {
            organisation_id: Set(organisation_id),
            role: Set(role.as_str().to_owned()),
            name: Set(name.to_owned()),
            token_hash: Set(token_hash.to_owned()),
            created_at: Set(Utc::now()),
            revoked_at: Set(None),
            ..Default::default()
        })
        .exec(self.conn())
        .await?;
        self.account_event(
            None,
            None,
            Some(r.last_insert_id),
            "token-create",
            format!("{name}: {role}"),
        )
        .await?;
        Ok(r.last_insert_id)
    }

    /// The token's id and grant, if the digest matches a token that is not revoked.
    pub async fn api_token_principal(&self, token_hash: &str) -> Result<Option<(i32, Principal)>> {
        let Some(t) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(token_hash))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(self.conn())
            .await?
        else {
            return Ok(None);
        };
        Ok(Some((
            t.id,
            Principal {
                grants: vec![self.grant_of(t.organisation_id, &t.role).await?],
            },
        )))
    }

    pub async fn revoke_api_token(&self, id: i32) -> Result<bool> {
        let r = api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(Some(Utc::now())))
            .filter(api_token::Column::Id.eq(id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(self.conn())
            .await?;
        if r.rows_affected == 1 {
            self.account_event(None, None, Some(id), "token-revoke", String::new())
                .await?;
        }
        Ok(r.rows_affected == 1)
    }
}
