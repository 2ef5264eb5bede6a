//! The durable outbox: every e-mail Löfte sends is first a row here, written in the same
//! transaction as the change that causes it (a reset link asked for, a follow-up
//! published), so a message exists exactly when its cause does.
//!
//! A sender takes due rows with a lease (`claimed_until`): one `UPDATE … RETURNING`
//! that on PostgreSQL skips rows another instance is taking (`FOR UPDATE SKIP LOCKED`),
//! so several instances on one database never hold the same row. Over SMTP a row is
//! marked sent as soon as the end of the message's data has been sent, while the server answers
//! ([`Db::record_marks`] with a [`Finishing`]), and only if this sender still holds its
//! lease; a refusal unmarks it. A sender that dies before that commit leaves the row
//! claimed, and it is sent again, with the same Message-ID, once the lease has run out.
//! See `lofte_mail` and docs/decisions/0005-mail-outbox.md.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, Statement, Value};

use crate::{Db, Result};

/// One message's words in one language, stored once however many receive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// What it is (`password_reset`, `follow_confirm`, `notice`, …), for the log.
    pub kind: String,
    /// `sv` or `en`.
    pub lang: String,
    pub subject: String,
    pub body_text: String,
    /// The inside of the HTML body (escaped by its template); the sender frames it.
    pub body_html: String,
}

/// A follower's row and when the follower was created: what the links in their messages
/// are signed over, so that an address that unsubscribed and came back gets new links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowerKey {
    pub id: i32,
    /// When the follower was stored, in Unix seconds.
    pub since: i64,
}

/// A message taken from the outbox to be sent now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// The outbox row: the stable part of the Message-ID.
    pub id: i32,
    pub to: String,
    pub created_at: DateTime<Utc>,
    /// Attempts so far, this one included.
    pub attempts: i32,
    /// The lease this sender holds it by: marking it sent checks it is still this one.
    pub claimed_until: DateTime<Utc>,
    /// Set for a message to a follower: it carries their unsubscribe and manage links.
    pub follower: Option<FollowerKey>,
    /// The follower's address has bounced: a delivery is to end that.
    pub bouncing: bool,
    pub letter: Letter,
}

/// A message the receiving server has whole (its end of data sent) and is answering:
/// marked sent now rather than after the answer (see [`Db::record_marks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finishing {
    pub id: i32,
    /// The sender's lease ([`Outgoing::claimed_until`]).
    pub claimed_until: DateTime<Utc>,
}

/// How an attempt to send `mail` ended, for [`Db::record_marks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended<'a> {
    pub mail: &'a Outgoing,
    pub attempt: &'a Attempt,
    /// This sender marked it sent (as [`Finishing`]) before the server answered: a
    /// refusal unmarks it, lease or no lease, and [`Attempt::Sent`] only says the server
    /// accepted it (a follower's address is not bouncing). Otherwise the attempt is recorded only
    /// while this sender's lease still holds the row.
    pub after_mark: bool,
}

/// How an attempt to send ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The message was written where it goes (the file transport; over SMTP a message
    /// is marked sent as it is [`Finishing`]).
    Sent,
    /// Try again at this time (the server could not be reached, or said "later"). A
    /// message marked sent as it was finishing is unmarked.
    Retry { at: DateTime<Utc>, error: String },
    /// Never try again (the address was refused for good, or retries ran out).
    GaveUp { error: String },
}

/// A row of the outbox as administrators see it in the log: the receiver is named only
/// when it is a person with an account or a one-off address, never a follower.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedMail {
    pub id: i32,
    pub kind: String,
    pub lang: String,
    pub subject: String,
    /// `None` for a follower (their address is shown nowhere).
    pub to: Option<String>,
    pub created_at: DateTime<Utc>,
    pub attempts: i32,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// How long a sent or abandoned message stays in the log before it is deleted with its
/// address.
pub const KEEP_SENT: chrono::Duration = chrono::Duration::days(30);

/// Numbered placeholders (`$1`) as the backend writes them (`?1` on SQLite).
pub(crate) fn numbered(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_owned(),
    }
}

pub(crate) fn statement(
    backend: DbBackend,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Statement {
    Statement::from_sql_and_values(backend, numbered(backend, sql), values)
}

/// Stores a letter's words; the outbox rows that send it refer to the id.
pub(crate) async fn store_letter(
    conn: &impl ConnectionTrait,
    letter: &Letter,
    now: DateTime<Utc>,
) -> Result<i32> {
    use crate::entity::mail_content;
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let row = mail_content::Entity::insert(mail_content::ActiveModel {
        kind: Set(letter.kind.clone()),
        lang: Set(letter.lang.clone()),
        subject: Set(letter.subject.clone()),
        body_text: Set(letter.body_text.clone()),
        body_html: Set(letter.body_html.clone()),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(row.last_insert_id)
}

/// Queues `letter` to one address (a person, not a follower), due at once.
pub(crate) async fn queue_to_address(
    conn: &impl ConnectionTrait,
    letter: &Letter,
    to: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let content = store_letter(conn, letter, now).await?;
    conn.execute_raw(statement(
        conn.get_database_backend(),
        "INSERT INTO mail_outbox (content_id, to_address, created_at, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, 0, $3)",
        [content.into(), to.into(), now.into()],
    ))
    .await?;
    Ok(())
}

/// Makes what `txn` counts and queues for `address` take turns with every other
/// transaction that takes this lock for it, on any instance (an advisory lock held until
/// `txn` ends, on PostgreSQL; SQLite's write lock already does this), so two instances
/// that count at once cannot both find nothing sent and both send.
pub(crate) async fn take_turns_for(txn: &DatabaseTransaction, address: &str) -> Result<()> {
    let backend = txn.get_database_backend();
    if backend == DbBackend::Postgres {
        txn.execute_raw(statement(
            backend,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [address.into()],
        ))
        .await?;
    }
    Ok(())
}

impl Db {
    /// Queues `letter` (a staff reminder) to `to` unless one of its kind went to that
    /// address less than `every` before `now`. `false`: not yet due, nothing queued.
    /// Instances that start at once send it once ([`take_turns_for`]).
    pub async fn queue_reminder(
        &self,
        to: &str,
        letter: &Letter,
        now: DateTime<Utc>,
        every: chrono::Duration,
    ) -> Result<bool> {
        let txn = self.begin_write().await?;
        take_turns_for(&txn, to).await?;
        let recent = txn
            .query_one_raw(statement(
                self.backend(),
                "SELECT COUNT(*) FROM mail_outbox o JOIN mail_content c ON c.id = o.content_id \
                 WHERE o.to_address = $1 AND c.kind = $2 AND o.created_at > $3",
                [to.into(), letter.kind.clone().into(), (now - every).into()],
            ))
            .await?
            .map(|r| r.try_get_by_index::<i64>(0))
            .transpose()?
            .unwrap_or(0);
        if recent > 0 {
            txn.rollback().await?;
            return Ok(false);
        }
        queue_to_address(&txn, letter, to, now.min(Utc::now())).await?;
        txn.commit().await?;
        Ok(true)
    }

    /// The installation's secret called `name`, shared by every instance: the stored one,
    /// or `candidate` (fresh random bytes from the caller) if this is the first use.
    pub async fn installation_key(&self, name: &str, candidate: &str) -> Result<String> {
        use crate::entity::installation_key;
        use sea_orm::sea_query::OnConflict;
        use sea_orm::{ActiveValue::Set, EntityTrait};
        installation_key::Entity::insert(installation_key::ActiveModel {
            name: Set(name.to_owned()),
            secret: Set(candidate.to_owned()),
        })
        .on_conflict(
            OnConflict::column(installation_key::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        installation_key::Entity::find_by_id(name)
            .one(self.conn())
            .await?
            .map(|k| k.secret)
            .ok_or_else(|| crate::Error::Corrupt(format!("installation key {name} vanished")))
    }

    /// Takes up to `limit` due messages for this sender until `now + lease`. Another
    /// sender (or instance) gets none of them until the lease has run out.
    pub async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease: chrono::Duration,
        limit: u32,
    ) -> Result<Vec<Outgoing>> {
        let backend = self.backend();
        let skip_locked = match backend {
            DbBackend::Postgres => " FOR UPDATE SKIP LOCKED",
            _ => "",
        };
        // The outer conditions are checked again on PostgreSQL after a row lock was
        // waited for, so a row taken meanwhile is left alone.
        let due = "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                   AND (claimed_until IS NULL OR claimed_until <= $2)";
        let sql = format!(
            "UPDATE mail_outbox SET claimed_until = $1, attempts = attempts + 1 \
             WHERE {due} AND id IN (SELECT id FROM mail_outbox WHERE {due} \
             ORDER BY next_attempt_at, id LIMIT $3{skip_locked}) RETURNING id"
        );
        // Whole milliseconds, so that the value read back for the check in
        // `record_marks` equals the one written whatever precision the column keeps.
        let until = chrono::SubsecRound::trunc_subsecs(now + lease, 3);
        let txn = self.begin_write().await?;
        let ids = txn
            .query_all_raw(statement(
                backend,
                &sql,
                [until.into(), now.into(), i64::from(limit).into()],
            ))
            .await?
            .into_iter()
            .map(|row| row.try_get_by_index::<i32>(0))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let taken = if ids.is_empty() {
            Vec::new()
        } else {
            let list = ids
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            txn.query_all_raw(Statement::from_string(
                backend,
                format!(
                    "SELECT o.id, COALESCE(o.to_address, f.email) AS receiver, o.created_at, \
                     o.attempts, o.follower_id, f.created_at AS follower_since, f.bouncing_since, \
                     c.kind, c.lang, \
                     c.subject, c.body_text, c.body_html \
                     FROM mail_outbox o JOIN mail_content c ON c.id = o.content_id \
                     LEFT JOIN follower f ON f.id = o.follower_id \
                     WHERE o.id IN ({list}) ORDER BY o.id"
                ),
            ))
            .await?
        };
        txn.commit().await?;
        taken
            .into_iter()
            .map(|row| {
                let follower = match row.try_get::<Option<i32>>("", "follower_id")? {
                    Some(id) => Some(FollowerKey {
                        id,
                        since: row
                            .try_get::<DateTime<Utc>>("", "follower_since")?
                            .timestamp(),
                    }),
                    None => None,
                };
                Ok(Outgoing {
                    id: row.try_get("", "id")?,
                    to: row.try_get("", "receiver")?,
                    created_at: row.try_get("", "created_at")?,
                    attempts: row.try_get("", "attempts")?,
                    claimed_until: until,
                    follower,
                    bouncing: row
                        .try_get::<Option<DateTime<Utc>>>("", "bouncing_since")?
                        .is_some(),
                    letter: Letter {
                        kind: row.try_get("", "kind")?,
                        lang: row.try_get("", "lang")?,
                        subject: row.try_get("", "subject")?,
                        body_text: row.try_get("", "body_text")?,
                        body_html: row.try_get("", "body_html")?,
                    },
                })
            })
            .collect()
    }

    /// In one transaction: marks the `finishing` messages sent where this sender's lease
    /// still holds them, and records how the `ended` attempts ended. Returns the ids
    /// marked; a message not among them was taken by another sender after this one's
    /// lease ran out. One commit
    /// serves every message that reached this point while the previous commit ran
    /// (`lofte_mail::send_due`). A follower whose address was refused for good is marked
    /// bouncing (and deleted after a year of it); a delivery ends that.
    pub async fn record_marks(
        &self,
        finishing: &[Finishing],
        ended: &[Ended<'_>],
        now: DateTime<Utc>,
    ) -> Result<Vec<i32>> {
        let backend = self.backend();
        let txn = self.begin_write().await?;
        let mut marked = Vec::with_capacity(finishing.len());
        for mail in finishing {
            let rows = txn
                .execute_raw(statement(
                    backend,
                    "UPDATE mail_outbox SET sent_at = $1, claimed_until = NULL, \
                     last_error = NULL WHERE id = $2 AND claimed_until = $3 \
                     AND sent_at IS NULL AND failed_at IS NULL",
                    [now.into(), mail.id.into(), mail.claimed_until.into()],
                ))
                .await?
                .rows_affected();
            if rows == 1 {
                marked.push(mail.id);
            }
        }
        for ended in ended {
            record(&txn, backend, ended, now).await?;
        }
        txn.commit().await?;
        Ok(marked)
    }

    /// The newest `limit` messages of the outbox, newest first, for administrators.
    pub async fn mail_log(&self, limit: u64) -> Result<Vec<LoggedMail>> {
        let rows = self
            .conn()
            .query_all_raw(statement(
                self.backend(),
                "SELECT o.id, c.kind, c.lang, c.subject, o.to_address, o.created_at, \
                 o.attempts, o.sent_at, o.failed_at, o.last_error \
                 FROM mail_outbox o JOIN mail_content c ON c.id = o.content_id \
                 ORDER BY o.id DESC LIMIT $1",
                [(limit as i64).into()],
            ))
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(LoggedMail {
                    id: row.try_get("", "id")?,
                    kind: row.try_get("", "kind")?,
                    lang: row.try_get("", "lang")?,
                    subject: row.try_get("", "subject")?,
                    to: row.try_get("", "to_address")?,
                    created_at: row.try_get("", "created_at")?,
                    attempts: row.try_get("", "attempts")?,
                    sent_at: row.try_get("", "sent_at")?,
                    failed_at: row.try_get("", "failed_at")?,
                    last_error: row.try_get("", "last_error")?,
                })
            })
            .collect()
    }

    /// Messages not yet sent or given up on.
    pub async fn mail_waiting(&self) -> Result<u64> {
        let row = self
            .conn()
            .query_one_raw(Statement::from_string(
                self.backend(),
                "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
            ))
            .await?;
        Ok(row
            .map(|r| r.try_get_by_index::<i64>(0))
            .transpose()?
            .unwrap_or(0) as u64)
    }

    /// Deletes messages sent or given up on more than [`KEEP_SENT`] ago (their addresses
    /// go with them), the words no message refers to any more, and followers whose
    /// messages have all bounced for a year.
    pub async fn purge_mail(&self, now: DateTime<Utc>) -> Result<u64> {
        let backend = self.backend();
        let before = now - KEEP_SENT;
        let txn = self.begin_write().await?;
        let deleted = txn
            .execute_raw(statement(
                backend,
                "DELETE FROM mail_outbox WHERE sent_at < $1 OR failed_at < $1",
                [before.into()],
            ))
            .await?
            .rows_affected();
        txn.execute_raw(Statement::from_string(
            backend,
            "DELETE FROM mail_content WHERE NOT EXISTS \
             (SELECT 1 FROM mail_outbox o WHERE o.content_id = mail_content.id)",
        ))
        .await?;
        let bounced = txn
            .execute_raw(statement(
                backend,
                "DELETE FROM follower WHERE bouncing_since < $1",
                [(now - lofte_domain::follow::BOUNCING_FOR).into()],
            ))
            .await?
            .rows_affected();
        txn.commit().await?;
        Ok(deleted + bounced)
    }
}

/// The marks of one attempt, in the caller's transaction: nothing if the row is no
/// longer this sender's (its lease ran out and another sender took it).
async fn record(
    conn: &impl ConnectionTrait,
    backend: DbBackend,
    ended: &Ended<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let Ended {
        mail,
        attempt,
        after_mark,
    } = *ended;
    if after_mark && *attempt == Attempt::Sent {
        if let Some(follower) = mail.follower {
            delivered_to(conn, backend, follower.id).await?;
        }
        return Ok(());
    }
    let (set, mut values): (&str, Vec<Value>) = match attempt {
        Attempt::Sent => (
            "sent_at = $1, claimed_until = NULL, last_error = NULL",
            vec![now.into()],
        ),
        // `sent_at = NULL`: the server refused a message after it was marked sent.
        Attempt::Retry { at, error } => (
            "next_attempt_at = $1, claimed_until = NULL, sent_at = NULL, last_error = $2",
            vec![(*at).into(), error.clone().into()],
        ),
        Attempt::GaveUp { error } => (
            "failed_at = $1, claimed_until = NULL, sent_at = NULL, last_error = $2",
            vec![now.into(), error.clone().into()],
        ),
    };
    let n = values.len();
    let whose = if after_mark {
        "sent_at IS NOT NULL AND failed_at IS NULL".to_owned()
    } else {
        values.push(mail.claimed_until.into());
        format!(
            "claimed_until = ${} AND sent_at IS NULL AND failed_at IS NULL",
            n + 1
        )
    };
    values.push(mail.id.into());
    let sql = format!(
        "UPDATE mail_outbox SET {set} WHERE id = ${} AND {whose}",
        values.len()
    );
    let rows = conn
        .execute_raw(statement(backend, &sql, values))
        .await?
        .rows_affected();
    match (rows, mail.follower, attempt) {
        (1, Some(follower), Attempt::Sent) => delivered_to(conn, backend, follower.id).await?,
        (1, Some(follower), Attempt::GaveUp { .. }) => {
            conn.execute_raw(statement(
                backend,
                "UPDATE follower SET bouncing_since = $1 \
                 WHERE id = $2 AND bouncing_since IS NULL",
                [now.into(), follower.id.into()],
            ))
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// A delivery to a follower ends their address's bouncing.
async fn delivered_to(
    conn: &impl ConnectionTrait,
    backend: DbBackend,
    follower: i32,
) -> Result<()> {
    conn.execute_raw(statement(
        backend,
        "UPDATE follower SET bouncing_since = NULL WHERE id = $1 AND bouncing_since IS NOT NULL",
        [follower.into()],
    ))
    .await?;
    Ok(())
}
