//! Residents who follow a promise, a commitment, the situation picture or a place by
//! e-mail, without an account, and the notices they are told of.
//!
//! The address is stored only for this: it is shown to no one but the holder of its
//! links, exported nowhere (the API and the exports never read `follower`), and deleted
//! with everything about it on unsubscribe, when never confirmed, or after a year of
//! bounces. A follow counts once its own confirmation link was used (double opt-in), so
//! nobody can make another address follow anything.

use chrono::{DateTime, Utc};
use lofte_domain::follow::{CONFIRM_WITHIN, CONFIRMATIONS_PER_DAY, Frequency, NoticeKind, Target};
use lofte_domain::{Email, MunicipalityCode};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::{follow, follower, notice};
use crate::mail::{FollowerKey, Letter, queue_to_address, statement, store_letter, take_turns_for};
use crate::{Db, Result};

/// The kind of the letter that asks to confirm a follow.
pub const CONFIRM_LETTER: &str = "follow_confirm";

/// What became of a request to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requested {
    /// Stored, waiting for the confirmation the queued letter asks for.
    Asked(PendingFollow),
    /// The address already follows or asked to follow this: nothing new.
    Already,
    /// The address was asked to confirm too often today, whatever it follows: nothing
    /// stored.
    TooOften,
}

/// A request to follow something, as the form gave it.
#[derive(Debug, Clone)]
pub struct FollowRequest {
    pub email: Email,
    /// `sv` or `en`: the language of the messages.
    pub lang: String,
    pub municipality: MunicipalityCode,
    pub target: Target,
    pub frequency: Frequency,
}

/// A follow waiting for its confirmation: what its link is signed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingFollow {
    pub id: i32,
    /// When the follow was asked for, in Unix seconds.
    pub since: i64,
}

/// What a confirmation link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// The follow counts from now.
    Now,
    /// It was confirmed before; nothing changed.
    Already,
    /// No such follow (never, expired and deleted, or unsubscribed).
    Gone,
}

/// A follow as its holder sees it on the page their links lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldFollow {
    pub id: i32,
    pub municipality: String,
    pub target: Target,
    pub frequency: Frequency,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
}

/// Everything stored about a followed address, for the page its links lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower {
    pub key: FollowerKey,
    pub email: String,
    pub lang: String,
    pub bouncing_since: Option<DateTime<Utc>>,
    pub follows: Vec<HeldFollow>,
}

/// Something that happened to a followed thing, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    pub municipality: MunicipalityCode,
    pub target: Target,
    pub kind: NoticeKind,
    pub title: [String; 2],
    pub summary: [String; 2],
    /// Where it is on the public site.
    pub path: String,
}

/// A notice and the message its immediate followers get, Swedish and English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub notice: NewNotice,
    pub letters: [Letter; 2],
}

/// A stored notice, for feeds and digests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i32,
    pub municipality: String,
    pub target: Target,
    pub kind: String,
    pub title: [String; 2],
    pub summary: [String; 2],
    pub path: String,
    pub created_at: DateTime<Utc>,
}

impl Db {
    /// Asks for `request`'s follow: stores the address (if new) and the follow waiting for
    /// its confirmation, and queues `letter(pending)` (which carries the confirmation
    /// link) to the address, in one transaction. Nothing is stored or queued when the
    /// address already follows or asked to follow this (the caller answers the same as
    /// when asked), or when it was sent [`CONFIRMATIONS_PER_DAY`] requests to confirm in
    /// the last day, by any instance.
    pub async fn request_follow(
        &self,
        request: &FollowRequest,
        letter: impl FnOnce(PendingFollow) -> Letter,
        now: DateTime<Utc>,
    ) -> Result<Requested> {
        let txn = self.begin_write().await?;
        // Requests for one address take turns, so instances that count at once cannot
        // both send the day's last letter.
        take_turns_for(&txn, request.email.as_str()).await?;
        let sent_today = txn
            .query_one_raw(statement(
                self.backend(),
                "SELECT COUNT(*) FROM mail_outbox o JOIN mail_content c ON c.id = o.content_id \
                 WHERE o.follower_id IS NULL AND o.to_address = $1 AND c.kind = $2 \
                 AND o.created_at > $3",
                [
                    request.email.as_str().into(),
                    CONFIRM_LETTER.into(),
                    (now - chrono::Duration::days(1)).into(),
                ],
            ))
            .await?
            .map(|r| r.try_get_by_index::<i64>(0))
            .transpose()?
            .unwrap_or(0);
        // Before anything else: a capped address gets the same answer whether or not it
        // already follows this, so the cap tells nobody what it follows.
        if sent_today >= CONFIRMATIONS_PER_DAY {
            txn.rollback().await?;
            return Ok(Requested::TooOften);
        }
        let follower_id = match follower::Entity::find()
            .filter(follower::Column::Email.eq(request.email.as_str()))
            .one(&txn)
            .await?
        {
            Some(f) => f.id,
            None => {
                follower::Entity::insert(follower::ActiveModel {
                    email: Set(request.email.as_str().to_owned()),
                    lang: Set(request.lang.clone()),
                    created_at: Set(now),
                    bouncing_since: Set(None),
                    ..Default::default()
                })
                .exec(&txn)
                .await?
                .last_insert_id
            }
        };
        let exists = follow::Entity::find()
            .filter(follow::Column::FollowerId.eq(follower_id))
            .filter(follow::Column::Target.eq(request.target.kind()))
            .filter(follow::Column::TargetKey.eq(request.target.key()))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            txn.rollback().await?;
            return Ok(Requested::Already);
        }
        let id = follow::Entity::insert(follow::ActiveModel {
            follower_id: Set(follower_id),
            municipality_code: Set(request.municipality.as_str().to_owned()),
            target: Set(request.target.kind().to_owned()),
            target_key: Set(request.target.key()),
            frequency: Set(request.frequency.as_str().to_owned()),
            created_at: Set(now),
            confirmed_at: Set(None),
            digested_until: Set(None),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let pending = PendingFollow {
            id,
            since: now.timestamp(),
        };
        let letter = letter(pending);
        debug_assert_eq!(letter.kind, CONFIRM_LETTER);
        queue_to_address(&txn, &letter, request.email.as_str(), now).await?;
        txn.commit().await?;
        Ok(Requested::Asked(pending))
    }

    /// Confirms the follow `pending` names, if it is still waiting and its link has not
    /// expired at `now`.
    pub async fn confirm_follow(
        &self,
        pending: PendingFollow,
        now: DateTime<Utc>,
    ) -> Result<Confirmed> {
        let txn = self.begin_write().await?;
        let Some(row) = follow::Entity::find_by_id(pending.id)
            .one(&txn)
            .await?
            .filter(|f| f.created_at.timestamp() == pending.since)
        else {
            return Ok(Confirmed::Gone);
        };
        if row.confirmed_at.is_some() {
            return Ok(Confirmed::Already);
        }
        if now - row.created_at > CONFIRM_WITHIN {
            return Ok(Confirmed::Gone);
        }
        follow::Entity::update(follow::ActiveModel {
            id: Set(row.id),
            confirmed_at: Set(Some(now)),
            digested_until: Set(Some(now)),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        txn.commit().await?;
        Ok(Confirmed::Now)
    }

    /// Everything stored about the follower `key` names, if it still exists.
    pub async fn follower(&self, key: FollowerKey) -> Result<Option<Follower>> {
        let Some(row) = self.follower_row(key).await? else {
            return Ok(None);
        };
        let follows = follow::Entity::find()
            .filter(follow::Column::FollowerId.eq(row.id))
            .order_by_asc(follow::Column::Id)
            .all(self.conn())
            .await?
            .into_iter()
            .filter_map(|f| {
                Some(HeldFollow {
                    id: f.id,
                    municipality: f.municipality_code,
                    target: Target::from_stored(&f.target, &f.target_key)?,
                    frequency: f.frequency.parse().ok()?,
                    created_at: f.created_at,
                    confirmed_at: f.confirmed_at,
                })
            })
            .collect();
        Ok(Some(Follower {
            key,
            email: row.email,
            lang: row.lang,
            bouncing_since: row.bouncing_since,
            follows,
        }))
    }

    /// The follower of a follow (for the links of a confirmation's page).
    pub async fn follower_of(&self, pending: PendingFollow) -> Result<Option<FollowerKey>> {
        let Some(row) = follow::Entity::find_by_id(pending.id)
            .one(self.conn())
            .await?
            .filter(|f| f.created_at.timestamp() == pending.since)
        else {
            return Ok(None);
        };
        Ok(follower::Entity::find_by_id(row.follower_id)
            .one(self.conn())
            .await?
            .map(|f| FollowerKey {
                id: f.id,
                since: f.created_at.timestamp(),
            }))
    }

    async fn follower_row(&self, key: FollowerKey) -> Result<Option<follower::Model>> {
        Ok(follower::Entity::find_by_id(key.id)
            .one(self.conn())
            .await?
            .filter(|f| f.created_at.timestamp() == key.since))
    }

    /// Deletes the follower `key` names with all its follows and unsent messages.
    /// `false`: it was gone already.
    pub async fn forget_follower(&self, key: FollowerKey) -> Result<bool> {
        if self.follower_row(key).await?.is_none() {
            return Ok(false);
        }
        Ok(follower::Entity::delete_by_id(key.id)
            .exec(self.conn())
            .await?
            .rows_affected
            == 1)
    }

    /// Ends one follow of the follower `key`; the address is deleted with its last one.
    pub async fn unfollow(&self, key: FollowerKey, follow_id: i32) -> Result<bool> {
        let txn = self.begin_write().await?;
        // Locked until this transaction ends, so that of two follows ended at once (on
        // PostgreSQL) the later one sees the other gone and deletes the address.
        let Some(row) = follower::Entity::find_by_id(key.id)
            .lock_exclusive()
            .one(&txn)
            .await?
            .filter(|f| f.created_at.timestamp() == key.since)
        else {
            return Ok(false);
        };
        let ended = follow::Entity::delete_many()
            .filter(follow::Column::Id.eq(follow_id))
            .filter(follow::Column::FollowerId.eq(row.id))
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        let left = follow::Entity::find()
            .filter(follow::Column::FollowerId.eq(row.id))
            .one(&txn)
            .await?;
        if left.is_none() {
            follower::Entity::delete_by_id(row.id).exec(&txn).await?;
        }
        txn.commit().await?;
        Ok(ended)
    }

    /// Changes how often one follow of the follower `key` is told.
    pub async fn set_follow_frequency(
        &self,
        key: FollowerKey,
        follow_id: i32,
        frequency: Frequency,
    ) -> Result<bool> {
        if self.follower_row(key).await?.is_none() {
            return Ok(false);
        }
        Ok(follow::Entity::update_many()
            .col_expr(
                follow::Column::Frequency,
                sea_orm::sea_query::Expr::value(frequency.as_str()),
            )
            .filter(follow::Column::Id.eq(follow_id))
            .filter(follow::Column::FollowerId.eq(key.id))
            .exec(self.conn())
            .await?
            .rows_affected
            == 1)
    }

    /// Deletes follows never confirmed within [`CONFIRM_WITHIN`], and addresses left
    /// without a follow.
    pub async fn purge_unconfirmed_follows(&self, now: DateTime<Utc>) -> Result<u64> {
        let backend = self.backend();
        let txn = self.begin_write().await?;
        let deleted = txn
            .execute_raw(statement(
                backend,
                "DELETE FROM follow WHERE confirmed_at IS NULL AND created_at < $1",
                [(now - CONFIRM_WITHIN).into()],
            ))
            .await?
            .rows_affected();
        txn.execute_raw(statement(
            backend,
            "DELETE FROM follower WHERE created_at < $1 AND NOT EXISTS \
             (SELECT 1 FROM follow WHERE follow.follower_id = follower.id)",
            [(now - CONFIRM_WITHIN).into()],
        ))
        .await?;
        txn.commit().await?;
        Ok(deleted)
    }

    /// The newest `limit` notices of `target` in the municipality, newest first (feeds).
    pub async fn notices(
        &self,
        municipality: &MunicipalityCode,
        target: &Target,
        limit: u64,
    ) -> Result<Vec<Notice>> {
        use sea_orm::QuerySelect;
        notice::Entity::find()
            .filter(notice::Column::MunicipalityCode.eq(municipality.as_str()))
            .filter(notice::Column::Target.eq(target.kind()))
            .filter(notice::Column::TargetKey.eq(target.key()))
            .order_by_desc(notice::Column::Id)
            .limit(limit)
            .all(self.conn())
            .await?
            .into_iter()
            .map(to_notice)
            .collect()
    }
}

/// A follower whose weekly or monthly digest is due, with what happened since their
/// last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueDigest {
    pub follower: FollowerKey,
    pub lang: String,
    /// The follows whose period has passed: their ids, to mark them digested.
    pub follows: Vec<i32>,
    /// The notices of those follows' targets since each was last digested, oldest first.
    pub notices: Vec<Notice>,
}

impl Db {
    /// The next `limit` followers after follower `after` (by id) that may have a digest
    /// due at `now`, those whose digest is due each with the notices since their follows
    /// were last digested, and the follower to continue after (`None`: none are left).
    /// A follow confirmed counts as digested then, so a digest never repeats what came
    /// before the follow. Reads a batch's follows and followers in one query each and its
    /// notices with one query per target followed, so a weekly run over many followers
    /// stays linear.
    pub async fn due_digests(
        &self,
        now: DateTime<Utc>,
        after: i32,
        limit: u64,
    ) -> Result<(Vec<DueDigest>, Option<i32>)> {
        let shortest = Frequency::Weekly.period().expect("a digest has a period");
        let maybe_due = follow::Entity::find()
            .filter(follow::Column::ConfirmedAt.is_not_null())
            .filter(follow::Column::Frequency.ne(Frequency::Immediately.as_str()))
            .filter(follow::Column::DigestedUntil.lte(now - shortest))
            .filter(follow::Column::FollowerId.gt(after));
        let ids: Vec<i32> = maybe_due
            .clone()
            .select_only()
            .column(follow::Column::FollowerId)
            .distinct()
            .order_by_asc(follow::Column::FollowerId)
            .limit(limit)
            .into_tuple()
            .all(self.conn())
            .await?;
        let Some(&last) = ids.last() else {
            return Ok((Vec::new(), None));
        };
        let followers: std::collections::HashMap<i32, follower::Model> = follower::Entity::find()
            .filter(follower::Column::Id.is_in(ids.clone()))
            .all(self.conn())
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        // Each due follow with its target and when it was last digested.
        let due_follows: Vec<(follow::Model, Target, DateTime<Utc>)> = maybe_due
            .filter(follow::Column::FollowerId.is_in(ids))
            .order_by_asc(follow::Column::FollowerId)
            .order_by_asc(follow::Column::Id)
            .all(self.conn())
            .await?
            .into_iter()
            .filter_map(|f| {
                let frequency = f.frequency.parse::<Frequency>().ok()?;
                let since = f.digested_until.or(f.confirmed_at).unwrap_or(f.created_at);
                let target = Target::from_stored(&f.target, &f.target_key)?;
                frequency
                    .digest_due(since, now)
                    .then_some((f, target, since))
            })
            .collect();
        // The notices of every target followed, since the earliest follow of it was
        // last digested.
        let mut earliest: std::collections::HashMap<(String, Target), DateTime<Utc>> =
            std::collections::HashMap::new();
        for (f, target, since) in &due_follows {
            earliest
                .entry((f.municipality_code.clone(), target.clone()))
                .and_modify(|t| *t = (*t).min(*since))
                .or_insert(*since);
        }
        let mut notices_of = std::collections::HashMap::new();
        for ((municipality, target), since) in earliest {
            let notices = notice::Entity::find()
                .filter(notice::Column::MunicipalityCode.eq(municipality.as_str()))
                .filter(notice::Column::Target.eq(target.kind()))
                .filter(notice::Column::TargetKey.eq(target.key()))
                .filter(notice::Column::CreatedAt.gt(since))
                .filter(notice::Column::CreatedAt.lte(now))
                .order_by_asc(notice::Column::Id)
                .all(self.conn())
                .await?
                .into_iter()
                .map(to_notice)
                .collect::<Result<Vec<_>>>()?;
            notices_of.insert((municipality, target), notices);
        }
        let mut due: Vec<DueDigest> = Vec::new();
        for (f, target, since) in due_follows {
            let Some(follower) = followers.get(&f.follower_id) else {
                continue;
            };
            let notices = notices_of
                .get(&(f.municipality_code.clone(), target))
                .into_iter()
                .flatten()
                .filter(|n| n.created_at > since)
                .cloned();
            match due.last_mut() {
                Some(d) if d.follower.id == f.follower_id => {
                    d.follows.push(f.id);
                    d.notices.extend(notices);
                }
                _ => due.push(DueDigest {
                    follower: FollowerKey {
                        id: follower.id,
                        since: follower.created_at.timestamp(),
                    },
                    lang: follower.lang.clone(),
                    follows: vec![f.id],
                    notices: notices.collect(),
                }),
            }
        }
        for d in &mut due {
            d.notices.sort_by_key(|n| n.id);
            d.notices.dedup_by_key(|n| n.id);
        }
        Ok((due, Some(last)))
    }

    /// Marks `digest`'s follows digested up to `now` and queues `letter` to its follower
    /// (none when nothing happened), in one transaction. `false`: another instance
    /// digested them meanwhile, and nothing was queued.
    pub async fn queue_digest(
        &self,
        digest: &DueDigest,
        letter: Option<&Letter>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        use sea_orm::sea_query::Condition;
        let txn = self.begin_write().await?;
        // A follow digested less than the shortest period ago was digested by another
        // instance since it was read.
        let shortest = Frequency::Weekly.period().expect("a digest has a period");
        let marked = follow::Entity::update_many()
            .col_expr(
                follow::Column::DigestedUntil,
                sea_orm::sea_query::Expr::value(Some(now)),
            )
            .filter(follow::Column::Id.is_in(digest.follows.clone()))
            .filter(follow::Column::FollowerId.eq(digest.follower.id))
            .filter(
                Condition::any()
                    .add(follow::Column::DigestedUntil.is_null())
                    .add(follow::Column::DigestedUntil.lte(now - shortest)),
            )
            .exec(&txn)
            .await?
            .rows_affected;
        if marked != digest.follows.len() as u64 {
            txn.rollback().await?;
            return Ok(false);
        }
        if let Some(letter) = letter {
            // Due at once, even when `now` is a later day's (a test's) clock.
            let queued_at = now.min(Utc::now());
            let content = store_letter(&txn, letter, queued_at).await?;
            txn.execute_raw(statement(
                txn.get_database_backend(),
                "INSERT INTO mail_outbox (content_id, follower_id, created_at, attempts, \
                 next_attempt_at) VALUES ($1, $2, $3, 0, $3)",
                [content.into(), digest.follower.id.into(), queued_at.into()],
            ))
            .await?;
        }
        txn.commit().await?;
        Ok(true)
    }
}

fn to_notice(row: notice::Model) -> Result<Notice> {
    Ok(Notice {
        id: row.id,
        target: Target::from_stored(&row.target, &row.target_key)
            .ok_or_else(|| crate::Error::Corrupt(format!("notice {}", row.id)))?,
        municipality: row.municipality_code,
        kind: row.kind,
        title: [row.title_sv, row.title_en],
        summary: [row.summary_sv, row.summary_en],
        path: row.path,
        created_at: row.created_at,
    })
}

/// Stores `announcement`'s notice and queues its message to every confirmed follower of
/// its target who wants to be told at once, in the caller's transaction: one
/// `INSERT … SELECT` per language, however many follow. Returns the messages queued.
pub(crate) async fn announce(
    conn: &impl ConnectionTrait,
    announcement: &Announcement,
    now: DateTime<Utc>,
) -> Result<u64> {
    let n = &announcement.notice;
    notice::Entity::insert(notice::ActiveModel {
        municipality_code: Set(n.municipality.as_str().to_owned()),
        target: Set(n.target.kind().to_owned()),
        target_key: Set(n.target.key()),
        kind: Set(n.kind.as_str().to_owned()),
        title_sv: Set(n.title[0].clone()),
        title_en: Set(n.title[1].clone()),
        summary_sv: Set(n.summary[0].clone()),
        summary_en: Set(n.summary[1].clone()),
        path: Set(n.path.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    let mut queued = 0;
    for letter in &announcement.letters {
        let content = store_letter(conn, letter, now).await?;
        queued += conn
            .execute_raw(statement(
                conn.get_database_backend(),
                "INSERT INTO mail_outbox (content_id, follower_id, created_at, attempts, \
                 next_attempt_at) \
                 SELECT $1, follower.id, $2, 0, $2 FROM follow \
                 JOIN follower ON follower.id = follow.follower_id \
                 WHERE follow.target = $3 AND follow.target_key = $4 \
                 AND follow.municipality_code = $5 AND follow.frequency = 'immediately' \
                 AND follow.confirmed_at IS NOT NULL AND follower.lang = $6",
                [
                    content.into(),
                    now.into(),
                    n.target.kind().into(),
                    n.target.key().into(),
                    n.municipality.as_str().into(),
                    letter.lang.clone().into(),
                ],
            ))
            .await?
            .rows_affected();
    }
    Ok(queued)
}
