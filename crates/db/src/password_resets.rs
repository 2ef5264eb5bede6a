//! Forgotten passwords: a link sent by e-mail, stored as the digest of its secret, that
//! works once and for a short time. Setting a new password through it changes the
//! password hash, which ends every other session of the account (each session carries
//! the hash it was made with; see `lofte_web::auth`).

use chrono::{DateTime, Utc};
use lofte_domain::Email;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::{account, account_event, password_reset};
use crate::mail::{Letter, queue_to_address};
use crate::{Db, Result};

impl Db {
    /// Stores a reset link's digest for the enabled account with `email` and queues
    /// `letter` (which carries the link) to it, in one transaction. Nothing happens for
    /// an address without an enabled account; the caller answers the same either way.
    pub async fn request_password_reset(
        &self,
        email: &Email,
        digest: &str,
        expires_at: DateTime<Utc>,
        letter: &Letter,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let txn = self.begin_write().await?;
        let Some(account) = account::Entity::find()
            .filter(account::Column::Email.eq(email.as_str()))
            .filter(account::Column::Disabled.eq(false))
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        password_reset::Entity::insert(password_reset::ActiveModel {
            digest: Set(digest.to_owned()),
            account_id: Set(account.id),
            expires_at: Set(expires_at),
        })
        .exec_without_returning(&txn)
        .await?;
        queue_to_address(&txn, letter, &account.email, now).await?;
        account_event::Entity::insert(account_event::ActiveModel {
            at: Set(now),
            by_account_id: Set(None),
            account_id: Set(Some(account.id)),
            api_token_id: Set(None),
            action: Set("password".into()),
            detail: Set("reset link sent by e-mail".into()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        txn.commit().await?;
        Ok(true)
    }

    /// The account a reset link's digest still works for at `now`.
    pub async fn password_reset_account(
        &self,
        digest: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>> {
        let Some(reset) = password_reset::Entity::find_by_id(digest)
            .filter(password_reset::Column::ExpiresAt.gt(now))
            .one(self.conn())
            .await?
        else {
            return Ok(None);
        };
        Ok(account::Entity::find_by_id(reset.account_id)
            .filter(account::Column::Disabled.eq(false))
            .one(self.conn())
            .await?
            .map(|a| a.email))
    }

    /// Sets the password hash of the account the link is for, and spends every reset
    /// link of that account, in one transaction. `false`: the link is unknown, used or
    /// expired, and nothing changed.
    pub async fn reset_password(
        &self,
        digest: &str,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let txn = self.begin_write().await?;
        // Locked until this transaction ends, which deletes it: the same link used twice
        // at once (on PostgreSQL) sets one password, and the other use finds it spent.
        let Some(reset) = password_reset::Entity::find_by_id(digest)
            .filter(password_reset::Column::ExpiresAt.gt(now))
            .lock_exclusive()
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        let changed = account::Entity::update_many()
            .col_expr(account::Column::PasswordHash, Expr::value(hash))
            .filter(account::Column::Id.eq(reset.account_id))
            .filter(account::Column::Disabled.eq(false))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if !changed {
            return Ok(false);
        }
        password_reset::Entity::delete_many()
            .filter(password_reset::Column::AccountId.eq(reset.account_id))
            .exec(&txn)
            .await?;
        account_event::Entity::insert(account_event::ActiveModel {
            at: Set(now),
            by_account_id: Set(Some(reset.account_id)),
            account_id: Set(Some(reset.account_id)),
            api_token_id: Set(None),
            action: Set("password".into()),
            detail: Set("changed by a reset link".into()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        txn.commit().await?;
        Ok(true)
    }

    /// Deletes reset links that have expired.
    pub async fn purge_password_resets(&self, now: DateTime<Utc>) -> Result<u64> {
        Ok(password_reset::Entity::delete_many()
            .filter(password_reset::Column::ExpiresAt.lte(now))
            .exec(self.conn())
            .await?
            .rows_affected)
    }
}
