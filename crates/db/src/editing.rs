//! Changing stored promises: every change checks the version it was made on, writes an
//! audit entry with before and after, and (for public promises) a publication snapshot,
//! all in one transaction.

use chrono::Utc;
use lofte_domain::exchange::{CommitmentDocument, PromiseDocument};
use lofte_domain::{Commitment, FieldError, Problem, Promise, PromiseStatus};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};

use crate::audit::{Actor, AuditEntry, AuditRecord, Conflict, Publication, audit};
use crate::entity::{account, api_token, audit_log, commitment, promise, publication};
use crate::promises::{StoredPromise, record_change, snapshot, snapshot_noted};
use crate::tenant::{Tenant, to_json};
use crate::{Error, Result};

/// The `UPDATE` of a commitment's content (not its position or version), to be filtered
/// by the caller.
pub(crate) fn commitment_update(
    doc: &CommitmentDocument,
) -> sea_orm::UpdateMany<commitment::Entity> {
    commitment::Entity::update_many()
        .col_expr(commitment::Column::Party, Expr::value(to_json(&doc.party)))
        .col_expr(commitment::Column::Text, Expr::value(doc.text.clone()))
        .col_expr(commitment::Column::Kind, Expr::value(to_json(&doc.kind)))
        .col_expr(
            commitment::Column::Target,
            Expr::value(doc.target.as_ref().map(to_json)),
        )
        .col_expr(
            commitment::Column::LocalPlan,
            Expr::value(doc.local_plan.clone()),
        )
        .col_expr(
            commitment::Column::English,
            Expr::value(doc.english.as_ref().map(|e| e.text.clone())),
        )
        .col_expr(
            commitment::Column::IncidentIndicator,
            Expr::value(doc.incident_indicator.as_ref().map(to_json)),
        )
}

/// The `UPDATE` of a promise's own fields (not its years, status or commitments), to be
/// filtered by the caller.
pub(crate) fn header_update(doc: &PromiseDocument) -> sea_orm::UpdateMany<promise::Entity> {
    promise::Entity::update_many()
        .col_expr(promise::Column::Title, Expr::value(doc.title.clone()))
        .col_expr(promise::Column::Aim, Expr::value(doc.aim.clone()))
        .col_expr(
            promise::Column::FocusAreas,
            Expr::value(to_json(&doc.focus_areas)),
        )
        .col_expr(
            promise::Column::FocusText,
            Expr::value(doc.focus_text.clone()),
        )
        .col_expr(
            promise::Column::OutcomeGoal,
            Expr::value(doc.outcome_goal.text.clone()),
        )
        .col_expr(
            promise::Column::OutcomeMeasuredIn,
            Expr::value(doc.outcome_goal.measured_in),
        )
        .col_expr(
            promise::Column::OutcomeMeasure,
            Expr::value(crate::promises::outcome_measure_json(&doc.outcome_goal)),
        )
        .col_expr(
            promise::Column::FollowUpInternal,
            Expr::value(to_json(&doc.follow_up.internal)),
        )
        .col_expr(
            promise::Column::FinalReportYear,
            Expr::value(doc.follow_up.final_report.year),
        )
        .col_expr(
            promise::Column::FinalReportQuarter,
            Expr::value(i32::from(doc.follow_up.final_report.quarter)),
        )
        .col_expr(promise::Column::SignedOn, Expr::value(doc.signed_on))
        .col_expr(
            promise::Column::Signatories,
            Expr::value(to_json(&doc.signatories)),
        )
        .col_expr(
            promise::Column::English,
            Expr::value(doc.english.as_ref().map(to_json)),
        )
}

/// Writes the promise's own fields if it is still at `expected_version`, and moves it to
/// the next version; `false` when another change came first (nothing was written).
async fn update_header_at(
    txn: &DatabaseTransaction,
    promise_id: i32,
    expected_version: i32,
    doc: &PromiseDocument,
) -> Result<bool> {
    let updated = header_update(doc)
        .col_expr(promise::Column::Version, Expr::value(expected_version + 1))
        .col_expr(promise::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(promise::Column::Id.eq(promise_id))
        .filter(promise::Column::Version.eq(expected_version))
        .exec(txn)
        .await?;
    Ok(updated.rows_affected == 1)
}

impl Tenant {
    /// The promise row, checked to belong to this tenant, and the version it is at.
    async fn lock_promise(
        &self,
        txn: &DatabaseTransaction,
        promise_id: i32,
    ) -> Result<Option<promise::Model>> {
        Ok(promise::Entity::find_by_id(promise_id)
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .one(txn)
            .await?)
    }

    /// A closed promise is the record of a year that is over: its texts and structure no
    /// longer change.
    pub(crate) fn refuse_if_closed(stored: &StoredPromise) -> Result<()> {
        if stored.promise.status == PromiseStatus::Closed {
            Err(Error::Invalid(vec![FieldError::new(
                "status",
                Problem::PromiseClosed,
            )]))
        } else {
            Ok(())
        }
    }

    async fn bump_promise(&self, txn: &DatabaseTransaction, promise_id: i32) -> Result<()> {
        promise::Entity::update_many()
            .col_expr(
                promise::Column::Version,
                Expr::col(promise::Column::Version).add(1),
            )
            .col_expr(promise::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(promise::Column::Id.eq(promise_id))
            .exec(txn)
            .await?;
        Ok(())
    }

    /// Replaces one commitment, if it is still at `expected_version`. Returns the updated
    /// promise, or the conflict with what is stored now.
    pub async fn update_commitment(
        &self,
        actor: Actor,
        promise_id: i32,
        commitment_id: i32,
        expected_version: i32,
        new: &Commitment,
    ) -> Result<Result<StoredPromise, Conflict<Commitment>>> {
        self.check_references_of(new).await?;
        let txn = self.db().begin_write().await?;
        let Some(promise_row) = self.lock_promise(&txn, promise_id).await? else {
            return Err(Error::NotFound);
        };
        let Some(row) = commitment::Entity::find_by_id(commitment_id)
            .filter(commitment::Column::PromiseId.eq(promise_row.id))
            .one(&txn)
            .await?
        else {
            return Err(Error::NotFound);
        };
        let before = self.load_by_id(&txn, promise_id).await?;
        Self::refuse_if_closed(&before)?;
        let index = before
            .commitment_ids
            .iter()
            .position(|id| *id == commitment_id)
            .ok_or(Error::NotFound)?;
        let current = before.promise.commitments[index].clone();
        // The version check is part of the UPDATE, so two concurrent saves cannot both pass.
        let document = CommitmentDocument::from(new);
        let updated = commitment_update(&document)
            .col_expr(commitment::Column::Version, Expr::value(row.version + 1))
            .filter(commitment::Column::Id.eq(commitment_id))
            .filter(commitment::Column::Version.eq(expected_version))
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            txn.rollback().await?;
            // Read again outside the transaction: on PostgreSQL the rows read above may
            // predate the change that won.
            let row = commitment::Entity::find_by_id(commitment_id)
                .one(self.db().conn())
                .await?
                .ok_or(Error::NotFound)?;
            let now = self.load_by_id(self.db().conn(), promise_id).await?;
            return Ok(Err(Conflict {
                current: now.promise.commitments[index].clone(),
                current_version: row.version,
            }));
        }
        self.bump_promise(&txn, promise_id).await?;
        let after = self.load_by_id(&txn, promise_id).await?;
        record_change(
            txn,
            &after,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "commitment",
                entity_id: commitment_id,
                promise_id: Some(promise_id),
                action: "update",
                before: Some(to_json(&CommitmentDocument::from(&current))),
                after: Some(to_json(&document)),
            },
        )
        .await?;
        Ok(Ok(after))
    }

    /// Replaces the promise's own fields (title, aim, focus, outcome goal, follow-up,
    /// signing) if it is still at `expected_version`; commitments and status are changed
    /// by their own operations.
    pub async fn update_promise(
        &self,
        actor: Actor,
        promise_id: i32,
        expected_version: i32,
        new: &Promise,
    ) -> Result<Result<StoredPromise, Conflict<Promise>>> {
        let txn = self.db().begin_write().await?;
        if self.lock_promise(&txn, promise_id).await?.is_none() {
            return Err(Error::NotFound);
        }
        self.check_indicator_references(&txn, new).await?;
        let before = self.load_by_id(&txn, promise_id).await?;
        Self::refuse_if_closed(&before)?;
        if new.years != before.promise.years {
            return Err(Error::Invalid(vec![FieldError::new(
                "years",
                Problem::Slug {
                    value: new.years.to_string(),
                },
            )]));
        }
        let doc = PromiseDocument::from(new);
        if !update_header_at(&txn, promise_id, expected_version, &doc).await? {
            txn.rollback().await?;
            return Ok(Err(self.promise_conflict(promise_id).await?));
        }
        crate::links::carry_focus_links(
            &txn,
            promise_id,
            &before.promise.focus_areas,
            &new.focus_areas,
        )
        .await?;
        let after = self.load_by_id(&txn, promise_id).await?;
        record_change(
            txn,
            &after,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "promise",
                entity_id: promise_id,
                promise_id: Some(promise_id),
                action: "update",
                before: Some(to_json(&header_of(&before.promise))),
                after: Some(to_json(&header_of(&after.promise))),
            },
        )
        .await?;
        Ok(Ok(after))
    }

    /// Corrects the texts of a closed promise, if it is still at `expected_version`:
    /// title, aim, focus, outcome goal, the commitments' texts and their English
    /// versions. Anything else is refused, for the year is over and its structure and
    /// figures are its record. The correction is public at once with `note`, which
    /// residents see with its date; the texts before and after go to the history.
    pub async fn correct_promise(
        &self,
        actor: Actor,
        promise_id: i32,
        expected_version: i32,
        corrected: &Promise,
        note: &lofte_domain::Text,
    ) -> Result<Result<StoredPromise, Conflict<Promise>>> {
        let txn = self.db().begin_write().await?;
        if self.lock_promise(&txn, promise_id).await?.is_none() {
            return Err(Error::NotFound);
        }
        let before = self.load_by_id(&txn, promise_id).await?;
        if before.promise.status != PromiseStatus::Closed {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                Problem::NotOneOf {
                    value: before.promise.status.as_str().to_owned(),
                    allowed: PromiseStatus::Closed.as_str().to_owned(),
                },
            )]));
        }
        if !before.promise.differs_in_texts_only(corrected) {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                Problem::PromiseClosed,
            )]));
        }
        let doc = PromiseDocument::from(corrected);
        if !update_header_at(&txn, promise_id, expected_version, &doc).await? {
            txn.rollback().await?;
            return Ok(Err(self.promise_conflict(promise_id).await?));
        }
        for (id, c) in before.commitment_ids.iter().zip(&doc.commitments) {
            commitment_update(c)
                .col_expr(
                    commitment::Column::Version,
                    Expr::col(commitment::Column::Version).add(1),
                )
                .filter(commitment::Column::Id.eq(*id))
                .exec(&txn)
                .await?;
        }
        crate::links::carry_focus_links(
            &txn,
            promise_id,
            &before.promise.focus_areas,
            &corrected.focus_areas,
        )
        .await?;
        let after = self.load_by_id(&txn, promise_id).await?;
        let texts = |p: &Promise| {
            serde_json::json!({ "note": note.as_str(), "promise": PromiseDocument::from(p) })
                .to_string()
        };
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "promise",
                entity_id: promise_id,
                promise_id: Some(promise_id),
                action: "correct",
                before: Some(texts(&before.promise)),
                after: Some(texts(&after.promise)),
            },
        )
        .await?;
        snapshot_noted(&txn, &after, Some(note.to_string())).await?;
        txn.commit().await?;
        Ok(Ok(after))
    }

    /// Moves `before` to `to` in `txn`, if the workflow allows the step and the promise is
    /// still at `expected_version`: the status, the next version, the audit row and, on
    /// publishing, the snapshot residents' change list starts from. Every status change
    /// goes through here, the close that publishing the final report makes included.
    /// `None` when another change came first (nothing was written).
    pub(crate) async fn move_status(
        &self,
        txn: &DatabaseTransaction,
        actor: Actor,
        before: &StoredPromise,
        expected_version: i32,
        to: PromiseStatus,
    ) -> Result<Option<StoredPromise>> {
        if !before.promise.status.may_become(to) {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                Problem::Slug {
                    value: to.as_str().to_owned(),
                },
            )]));
        }
        let updated = promise::Entity::update_many()
            .col_expr(promise::Column::Status, Expr::value(to.as_str()))
            .col_expr(promise::Column::Version, Expr::value(expected_version + 1))
            .col_expr(promise::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(promise::Column::Id.eq(before.id))
            .filter(promise::Column::Version.eq(expected_version))
            .exec(txn)
            .await?;
        if updated.rows_affected == 0 {
            return Ok(None);
        }
        audit(
            txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "promise",
                entity_id: before.id,
                promise_id: Some(before.id),
                action: "status",
                before: Some(format!("\"{}\"", before.promise.status.as_str())),
                after: Some(format!("\"{}\"", to.as_str())),
            },
        )
        .await?;
        let after = self.load_by_id(txn, before.id).await?;
        if to == PromiseStatus::Published {
            snapshot(txn, &after).await?;
        }
        Ok(Some(after))
    }

    /// Moves the promise along its workflow (draft → signed → published → closed).
    pub async fn set_status(
        &self,
        actor: Actor,
        promise_id: i32,
        expected_version: i32,
        to: PromiseStatus,
    ) -> Result<Result<StoredPromise, Conflict<Promise>>> {
        let txn = self.db().begin_write().await?;
        if self.lock_promise(&txn, promise_id).await?.is_none() {
            return Err(Error::NotFound);
        }
        let before = self.load_by_id(&txn, promise_id).await?;
        // Signed means signed by someone on a day: both are shown to residents.
        if to == PromiseStatus::Signed {
            let mut missing = Vec::new();
            if before.promise.signed_on.is_none() {
                missing.push(FieldError::new("signed_on", Problem::NeededToSign));
            }
            if before.promise.signatories.is_empty() {
                missing.push(FieldError::new("signatories", Problem::NeededToSign));
            }
            if !missing.is_empty() {
                return Err(Error::Invalid(missing));
            }
        }
        let Some(after) = self
            .move_status(&txn, actor, &before, expected_version, to)
            .await?
        else {
            txn.rollback().await?;
            return Ok(Err(self.promise_conflict(promise_id).await?));
        };
        txn.commit().await?;
        Ok(Ok(after))
    }

    /// Adds a commitment at the end of the promise, if the promise is still at
    /// `expected_version`.
    pub async fn add_commitment(
        &self,
        actor: Actor,
        promise_id: i32,
        expected_version: i32,
        new: &Commitment,
    ) -> Result<Result<StoredPromise, Conflict<Promise>>> {
        self.check_references_of(new).await?;
        let txn = self.db().begin_write().await?;
        if self.lock_promise(&txn, promise_id).await?.is_none() {
            return Err(Error::NotFound);
        }
        let before = self.load_by_id(&txn, promise_id).await?;
        Self::refuse_if_closed(&before)?;
        if before.promise.commitments.len() >= Promise::MAX_COMMITMENTS {
            return Err(Error::Invalid(vec![FieldError::new(
                "commitments",
                Problem::TooMany {
                    max: Promise::MAX_COMMITMENTS,
                },
            )]));
        }
        let bumped = promise::Entity::update_many()
            .col_expr(promise::Column::Version, Expr::value(expected_version + 1))
            .col_expr(promise::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(promise::Column::Id.eq(promise_id))
            .filter(promise::Column::Version.eq(expected_version))
            .exec(&txn)
            .await?;
        if bumped.rows_affected == 0 {
            txn.rollback().await?;
            return Ok(Err(self.promise_conflict(promise_id).await?));
        }
        let document = CommitmentDocument::from(new);
        crate::promises::insert_commitment(
            &txn,
            promise_id,
            before.promise.commitments.len(),
            document.clone(),
        )
        .await?;
        let after = self.load_by_id(&txn, promise_id).await?;
        let id = *after.commitment_ids.last().expect("just inserted");
        record_change(
            txn,
            &after,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "commitment",
                entity_id: id,
                promise_id: Some(promise_id),
                action: "create",
                before: None,
                after: Some(to_json(&document)),
            },
        )
        .await?;
        Ok(Ok(after))
    }

    /// The version a commitment of this municipality is at (for edit forms).
    pub async fn commitment_version(&self, commitment_id: i32) -> Result<i32> {
        let row = commitment::Entity::find_by_id(commitment_id)
            .one(self.db().conn())
            .await?
            .ok_or(Error::NotFound)?;
        // Scoped: the commitment's promise must belong to this tenant.
        promise::Entity::find_by_id(row.promise_id)
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .ok_or(Error::NotFound)?;
        Ok(row.version)
    }

    /// What is stored now, read after a failed versioned update.
    async fn promise_conflict(&self, promise_id: i32) -> Result<Conflict<Promise>> {
        let now = self.load_by_id(self.db().conn(), promise_id).await?;
        Ok(Conflict {
            current_version: now.version,
            current: now.promise,
        })
    }

    /// Every recorded change of the promise and its commitments, newest first.
    pub async fn history(&self, promise_id: i32) -> Result<Vec<AuditEntry>> {
        let rows = audit_log::Entity::find()
            .filter(audit_log::Column::MunicipalityCode.eq(self.code()))
            .filter(audit_log::Column::PromiseId.eq(promise_id))
            .order_by_desc(audit_log::Column::Id)
            .all(self.db().conn())
            .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for r in rows {
            let by = match (r.account_id, r.api_token_id) {
                (Some(id), _) => account::Entity::find_by_id(id)
                    .one(self.db().conn())
                    .await?
                    .map(|a| a.display_name),
                (None, Some(id)) => api_token::Entity::find_by_id(id)
                    .one(self.db().conn())
                    .await?
                    .map(|t| format!("API: {}", t.name)),
                (None, None) => None,
            };
            entries.push(AuditEntry {
                at: r.at,
                by,
                entity: r.entity,
                action: r.action,
                before: r.before,
                after: r.after,
            });
        }
        Ok(entries)
    }

    /// The municipality's audit entries about one kind of record that belongs to no single
    /// promise ("activities", "profile"), newest first.
    pub async fn audit_of(&self, entity: &str) -> Result<Vec<AuditEntry>> {
        Ok(audit_log::Entity::find()
            .filter(audit_log::Column::MunicipalityCode.eq(self.code()))
            .filter(audit_log::Column::Entity.eq(entity))
            .order_by_desc(audit_log::Column::Id)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(|r| AuditEntry {
                at: r.at,
                by: None,
                entity: r.entity,
                action: r.action,
                before: r.before,
                after: r.after,
            })
            .collect())
    }

    /// The published states of a promise, oldest first.
    pub async fn publications(&self, promise_id: i32) -> Result<Vec<Publication>> {
        // Scoped through the promise row: another tenant's id finds nothing.
        let owned = promise::Entity::find_by_id(promise_id)
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?;
        if owned.is_none() {
            return Ok(Vec::new());
        }
        publication::Entity::find()
            .filter(publication::Column::PromiseId.eq(promise_id))
            .order_by_asc(publication::Column::Id)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(Publication::from_row)
            .collect()
    }
}

/// The promise's own fields, for audit entries about them.
fn header_of(p: &Promise) -> PromiseDocument {
    let mut doc = PromiseDocument::from(p);
    doc.commitments.clear();
    doc
}
