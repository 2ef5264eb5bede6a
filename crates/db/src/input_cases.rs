//! A published input as a case: staff reply publicly, route it to the unit responsible,
//! turn it into a tracked action with an owner and a due date (as safety-walk findings
//! have), or withdraw it with a reason. And "Blev det gjort?": a resident who left an
//! e-mail address is asked, once, whether it was done, when the action is marked fixed
//! or four weeks after publication; their answer shows with the input.
//!
//! The address lives in `input_contact`, apart from the input, and is deleted when the
//! resident answers, when the input is withdrawn, or [`CONTACT_KEPT_DAYS`] after it was
//! received, whichever comes first. It is not in backups (`crate::backup`): a restored
//! system does not ask, rather than keep an address past its promise.

use chrono::{DateTime, NaiveDate, Utc};
use lofte_domain::Text;
use lofte_domain::citizen::{InputStatus, ResidentAnswer};
use lofte_domain::walk::FindingStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::audit::{Actor, AuditRecord, audit};
use crate::citizen_inputs::{StoredInput, own_input};
use crate::entity::{citizen_input, input_contact};
use crate::mail::Letter;
use crate::tenant::Tenant;
use crate::{Db, Error, Result};

/// A resident's address is deleted this many days after the input was received, asked
/// or not ("three months", as the form says).
pub const CONTACT_KEPT_DAYS: i64 = 90;

/// A resident is asked this many days after publication if the input's action was not
/// marked fixed before.
pub const ASK_AFTER_DAYS: i64 = 28;

/// What a moderator writes on a published input's case; each part `None` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseUpdate {
    pub reply: Option<Text>,
    pub routed_to: Option<Text>,
    pub action: Option<NewAction>,
}

/// A tracked action as staff write it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub owner: Text,
    pub due: Option<NaiveDate>,
    pub status: FindingStatus,
}

impl Tenant {
    /// One of the municipality's inputs, in any status.
    pub async fn input(&self, id: i32) -> Result<StoredInput> {
        let row = citizen_input::Entity::find_by_id(id)
            .filter(citizen_input::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .ok_or(Error::NotFound)?;
        crate::citizen_inputs::to_input(row)
    }

    /// Whether the resident left an address and has not been asked yet.
    pub async fn will_ask(&self, id: i32) -> Result<bool> {
        Ok(input_contact::Entity::find_by_id(id)
            .filter(input_contact::Column::AskedAt.is_null())
            .one(self.db().conn())
            .await?
            .is_some())
    }

    /// Writes a published input's reply, routing and action. Audited with what changed
    /// (the reply's words are public, so the audit keeps them).
    ///
    /// `announcements` (what followers of its places are told) are stored and queued in
    /// the same transaction if the reply or the action's status is new, as is `to_unit`,
    /// the letter to the shared mailbox of the unit it is newly routed to.
    pub async fn update_case(
        &self,
        actor: Actor,
        id: i32,
        update: &CaseUpdate,
        announcements: &[crate::follows::Announcement],
        to_unit: Option<(&str, &Letter)>,
    ) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let before = own_input(&txn, self.code(), id, Some(InputStatus::Published)).await?;
        let reply = update.reply.as_ref().map(ToString::to_string);
        let replied_at = if reply == before.public_reply {
            before.replied_at
        } else {
            reply.as_ref().map(|_| Utc::now())
        };
        let action = update.action.as_ref();
        citizen_input::Entity::update_many()
            .col_expr(
                citizen_input::Column::PublicReply,
                Expr::value(reply.clone()),
            )
            .col_expr(citizen_input::Column::RepliedAt, Expr::value(replied_at))
            .col_expr(
                citizen_input::Column::RoutedTo,
                Expr::value(update.routed_to.as_ref().map(ToString::to_string)),
            )
            .col_expr(
                citizen_input::Column::ActionOwner,
                Expr::value(action.map(|a| a.owner.to_string())),
            )
            .col_expr(
                citizen_input::Column::ActionDue,
                Expr::value(action.and_then(|a| a.due)),
            )
            .col_expr(
                citizen_input::Column::ActionStatus,
                Expr::value(action.map(|a| a.status.code())),
            )
            .filter(citizen_input::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        let summary = |reply: &Option<String>,
                       routed: &Option<String>,
                       owner: &Option<String>,
                       due: Option<NaiveDate>,
                       status: &Option<String>| {
            serde_json::json!({
                "reply": reply,
                "routed_to": routed,
                "action_owner": owner,
                "action_due": due,
                "action_status": status,
            })
        };
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "citizen_input",
                entity_id: id,
                promise_id: None,
                action: "case",
                before: Some(
                    summary(
                        &before.public_reply,
                        &before.routed_to,
                        &before.action_owner,
                        before.action_due,
                        &before.action_status,
                    )
                    .to_string(),
                ),
                after: Some(
                    summary(
                        &reply,
                        &update.routed_to.as_ref().map(ToString::to_string),
                        &action.map(|a| a.owner.to_string()),
                        action.and_then(|a| a.due),
                        &action.map(|a| a.status.code().to_owned()),
                    )
                    .to_string(),
                ),
            },
        )
        .await?;
        let now = Utc::now();
        // Followers hear of a new reply or a new status of the action, judged on the row
        // as this transaction read it, so the same change saved twice is told once.
        let new_status =
            action.is_some_and(|a| before.action_status.as_deref() != Some(a.status.code()));
        let new_reply = reply.is_some() && reply != before.public_reply;
        if new_status || new_reply {
            for announcement in announcements {
                crate::follows::announce(&txn, announcement, now).await?;
            }
        }
        // Told once per routing, decided on the row as this transaction read it, so two
        // saves at once do not both tell the unit.
        let newly_routed =
            before.routed_to.as_deref() != update.routed_to.as_ref().map(|u| u.as_str());
        if let Some((address, letter)) = to_unit.filter(|_| newly_routed) {
            crate::mail::queue_to_address(&txn, letter, address, now).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Takes a published input back from the public, saying why; the resident's address,
    /// if any, is deleted with it (they will not be asked about it).
    pub async fn withdraw_input(&self, actor: Actor, id: i32, reason: &Text) -> Result<()> {
        let txn = self.db().begin_write().await?;
        own_input(&txn, self.code(), id, Some(InputStatus::Published)).await?;
        citizen_input::Entity::update_many()
            .col_expr(
                citizen_input::Column::Status,
                Expr::value(InputStatus::Withdrawn.code()),
            )
            .col_expr(
                citizen_input::Column::WithdrawnReason,
                Expr::value(reason.to_string()),
            )
            .filter(citizen_input::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        input_contact::Entity::delete_by_id(id).exec(&txn).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "citizen_input",
                entity_id: id,
                promise_id: None,
                action: InputStatus::Withdrawn.code(),
                before: Some(serde_json::json!({ "status": "published" }).to_string()),
                after: Some(serde_json::json!({ "reason": reason.as_str() }).to_string()),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// A resident to be asked "Blev det gjort?" about their input.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub input: StoredInput,
    pub municipality_code: String,
    pub email: String,
    /// `sv` or `en`.
    pub lang: String,
    /// When the address was left, in Unix seconds: what the answer link is signed over.
    pub since: i64,
}

impl Db {
    /// Residents due to be asked at `now`: their published input's action was marked
    /// fixed, or it was published [`ASK_AFTER_DAYS`] ago; not asked yet.
    pub async fn due_questions(&self, now: DateTime<Utc>) -> Result<Vec<Question>> {
        let contacts = input_contact::Entity::find()
            .filter(input_contact::Column::AskedAt.is_null())
            .all(self.conn())
            .await?;
        let inputs = citizen_input::Entity::find()
            .filter(citizen_input::Column::Id.is_in(contacts.iter().map(|c| c.input_id)))
            .filter(citizen_input::Column::Status.eq(InputStatus::Published.code()))
            .all(self.conn())
            .await?;
        let asked_after = chrono::Duration::days(ASK_AFTER_DAYS);
        let mut due = Vec::new();
        for row in inputs {
            let fixed = row.action_status.as_deref() == Some(FindingStatus::Fixed.code());
            let long_enough = row.moderated_at.is_some_and(|at| at + asked_after <= now);
            if !(fixed || long_enough) || row.resident_answer.is_some() {
                continue;
            }
            let Some(contact) = contacts.iter().find(|c| c.input_id == row.id) else {
                continue;
            };
            due.push(Question {
                municipality_code: row.municipality_code.clone(),
                email: contact.email.clone(),
                lang: contact.lang.clone(),
                since: contact.created_at.timestamp(),
                input: crate::citizen_inputs::to_input(row)?,
            });
        }
        Ok(due)
    }

    /// Queues `letter` to the resident of `question` and marks them asked, in one
    /// transaction; `false` if another instance asked them first (nothing queued).
    pub async fn queue_question(
        &self,
        question: &Question,
        letter: &Letter,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let txn = self.begin_write().await?;
        let marked = input_contact::Entity::update_many()
            .col_expr(input_contact::Column::AskedAt, Expr::value(now))
            .filter(input_contact::Column::InputId.eq(question.input.id))
            .filter(input_contact::Column::AskedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
        if marked != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        crate::mail::queue_to_address(&txn, letter, &question.email, now).await?;
        txn.commit().await?;
        Ok(true)
    }

    /// The input an answer link names, if its address is still stored (not answered, not
    /// withdrawn, not expired) and was left at `since`; with its municipality's code.
    pub async fn asked_input(
        &self,
        input: i32,
        since: i64,
    ) -> Result<Option<(String, StoredInput)>> {
        let contact = input_contact::Entity::find_by_id(input)
            .one(self.conn())
            .await?
            .filter(|c| c.created_at.timestamp() == since && c.asked_at.is_some());
        let Some(contact) = contact else {
            return Ok(None);
        };
        let row = citizen_input::Entity::find_by_id(contact.input_id)
            .filter(citizen_input::Column::Status.eq(InputStatus::Published.code()))
            .one(self.conn())
            .await?;
        row.map(|r| {
            Ok((
                r.municipality_code.clone(),
                crate::citizen_inputs::to_input(r)?,
            ))
        })
        .transpose()
    }

    /// Records the resident's answer and deletes their address, in one transaction;
    /// `false` if the link is spent (answered already, or the address is gone).
    pub async fn answer_question(
        &self,
        input: i32,
        since: i64,
        answer: ResidentAnswer,
    ) -> Result<bool> {
        let txn = self.begin_write().await?;
        let contact = input_contact::Entity::find_by_id(input)
            .one(&txn)
            .await?
            .filter(|c| c.created_at.timestamp() == since && c.asked_at.is_some());
        if contact.is_none() {
            txn.rollback().await?;
            return Ok(false);
        }
        // Spent by whichever answer deletes the address first: another at the same moment
        // (a double click, on PostgreSQL) finds it gone and changes nothing.
        let spent = input_contact::Entity::delete_by_id(input)
            .exec(&txn)
            .await?
            .rows_affected;
        if spent != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        let updated = citizen_input::Entity::update_many()
            .col_expr(
                citizen_input::Column::ResidentAnswer,
                Expr::value(answer.code()),
            )
            .col_expr(citizen_input::Column::AnsweredAt, Expr::value(Utc::now()))
            .filter(citizen_input::Column::Id.eq(input))
            .filter(citizen_input::Column::Status.eq(InputStatus::Published.code()))
            .exec(&txn)
            .await?
            .rows_affected;
        if updated != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        txn.commit().await?;
        Ok(true)
    }

    /// Deletes residents' addresses left more than [`CONTACT_KEPT_DAYS`] before `now`;
    /// returns how many. Run hourly by `serve` (`lofte_web::housekeeping`).
    pub async fn purge_input_contacts(&self, now: DateTime<Utc>) -> Result<u64> {
        let cutoff = now - chrono::Duration::days(CONTACT_KEPT_DAYS);
        let txn = self.begin_write().await?;
        let deleted = input_contact::Entity::delete_many()
            .filter(input_contact::Column::CreatedAt.lt(cutoff))
            .exec(&txn)
            .await?
            .rows_affected;
        txn.commit().await?;
        Ok(deleted)
    }
}
