//! A promise published, or changed after publication, as news for its followers.
//!
//! Every change to a public promise writes a `publication` row in its own transaction
//! (`promises::record_change`), so the rows are the durable record of what to tell. The
//! server reads the rows not yet told with the digests (`lofte_web::queue_promise_notices`),
//! one promise at a time, and marks them told in the transaction that stores the notice
//! and queues its messages: several quick edits become one notice, and two instances
//! tell it once.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::audit::Publication;
use crate::entity::{promise, publication};
use crate::follows::{Announcement, announce};
use crate::{Db, Result};

/// What followers have not been told about one promise yet.
#[derive(Debug, Clone)]
pub struct PendingPublication {
    pub promise_id: i32,
    pub municipality: String,
    /// The last publication row this covers.
    pub through: i32,
    /// What followers were last told of (`None`: the promise was never announced, so this
    /// is its publication).
    pub before: Option<Publication>,
    /// The promise as published now.
    pub after: Publication,
    /// The municipality's latest earlier promise that was published, whose followers
    /// hear of a new one.
    pub previous_promise: Option<i32>,
}

/// The ids of a publication's commitments in its document's order, if recorded.
impl Db {
    /// Every promise with publications not yet told, oldest first.
    pub async fn unannounced_publications(&self) -> Result<Vec<PendingPublication>> {
        let fresh = publication::Entity::find()
            .filter(publication::Column::AnnouncedAt.is_null())
            .order_by_asc(publication::Column::Id)
            .all(self.conn())
            .await?;
        let mut promise_ids: Vec<i32> = fresh.iter().map(|p| p.promise_id).collect();
        promise_ids.sort_unstable();
        promise_ids.dedup();
        let mut pending = Vec::new();
        for promise_id in promise_ids {
            let Some(row) = promise::Entity::find_by_id(promise_id)
                .one(self.conn())
                .await?
            else {
                continue;
            };
            let through = fresh
                .iter()
                .rfind(|p| p.promise_id == promise_id)
                .cloned()
                .expect("the promise has a fresh publication");
            let before = publication::Entity::find()
                .filter(publication::Column::PromiseId.eq(promise_id))
                .filter(publication::Column::AnnouncedAt.is_not_null())
                .order_by_desc(publication::Column::Id)
                .one(self.conn())
                .await?;
            // The latest earlier promise that was ever published.
            let previous_promise = promise::Entity::find()
                .filter(promise::Column::MunicipalityCode.eq(row.municipality_code.clone()))
                .filter(promise::Column::FirstYear.lt(row.first_year))
                .filter(
                    promise::Column::Id.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(publication::Column::PromiseId)
                            .from(publication::Entity)
                            .to_owned(),
                    ),
                )
                .order_by_desc(promise::Column::FirstYear)
                .one(self.conn())
                .await?
                .map(|p| p.id);
            pending.push(PendingPublication {
                promise_id,
                municipality: row.municipality_code,
                through: through.id,
                before: before.map(Publication::from_row).transpose()?,
                after: Publication::from_row(through)?,
                previous_promise,
            });
        }
        Ok(pending)
    }

    /// Marks every publication of promise `promise_id` told without telling anyone: for
    /// a promise loaded as it stood long ago (the demo), whose publication is no news.
    pub async fn mark_announced(&self, promise_id: i32) -> Result<()> {
        publication::Entity::update_many()
            .col_expr(
                publication::Column::AnnouncedAt,
                Expr::col(publication::Column::PublishedAt),
            )
            .filter(publication::Column::PromiseId.eq(promise_id))
            .filter(publication::Column::AnnouncedAt.is_null())
            .exec(self.conn())
            .await?;
        Ok(())
    }

    /// Marks `pending`'s publications told and stores and queues `announcements` (none if
    /// nothing a follower would call news changed), in one transaction; `false` if another
    /// instance told them first (nothing stored).
    pub async fn announce_publication(
        &self,
        pending: &PendingPublication,
        announcements: &[Announcement],
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let txn = self.begin_write().await?;
        let marked = publication::Entity::update_many()
            .col_expr(publication::Column::AnnouncedAt, Expr::value(now))
            .filter(publication::Column::PromiseId.eq(pending.promise_id))
            .filter(publication::Column::Id.lte(pending.through))
            .filter(publication::Column::AnnouncedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
        if marked == 0 {
            txn.rollback().await?;
            return Ok(false);
        }
        for announcement in announcements {
            announce(&txn, announcement, now).await?;
        }
        txn.commit().await?;
        Ok(true)
    }
}
