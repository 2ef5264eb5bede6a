//! Changing a promise's structure: removing and reordering commitments, deleting a
//! draft. Like every change ([`crate::editing`]), each checks the version it was made
//! on, writes an audit entry and (for public promises) a publication snapshot, all in one
//! transaction.
//!
//! Commitments are what residents' inputs, safety-walk findings and follow-up entries
//! link to. A removal with links is refused with what links to it ([`CommitmentLinks`]) until the
//! caller says what becomes of them ([`LinkChoice`]); a commitment that a published
//! follow-up reports on is never removed, since a published report is frozen.

use chrono::Utc;
use lofte_domain::exchange::{CommitmentDocument, PromiseDocument};
use lofte_domain::{FieldError, Problem, Promise, PromiseStatus};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter};

use crate::audit::{AuditRecord, Conflict, audit};
use crate::editing::{commitment_update, header_update};
use crate::entity::{citizen_input, commitment, follow_up, follow_up_entry, promise, walk_finding};
use crate::promises::{StoredPromise, record_change};
use crate::tenant::{Tenant, to_json};
use crate::{Actor, Error, Result};

/// What links to a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CommitmentLinks {
    /// Residents' inputs linked to it.
    pub inputs: u64,
    /// Safety-walk findings linked to it.
    pub findings: u64,
    /// Its entries with something written in follow-up reports not yet published.
    pub draft_entries: u64,
    /// Its entries in published follow-up reports: these keep it from being removed.
    pub published_entries: u64,
}

impl CommitmentLinks {
    pub fn is_empty(&self) -> bool {
        *self == CommitmentLinks::default()
    }
}

/// What becomes of a removed commitment's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkChoice {
    /// Refuse if anything links to it.
    Refuse,
    /// Link inputs and findings to this other commitment of the promise instead; drop
    /// its entries in draft follow-ups.
    MoveTo(i32),
    /// Unlink inputs and findings (they stay, without a commitment); drop its entries in
    /// draft follow-ups.
    Drop,
}

/// Why a structural change was not made.
#[derive(Debug, Clone)]
pub enum Refused {
    /// Someone saved in between: nothing was written.
    Conflict(Box<Conflict<lofte_domain::Promise>>),
    /// Things link to the commitment and no choice was made about them.
    Linked(CommitmentLinks),
    /// A published follow-up reports on the commitment.
    Reported(CommitmentLinks),
}

/// Which way a commitment moves among its party's commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Tenant {
    /// What links to a commitment of this municipality's promise.
    pub async fn commitment_links(
        &self,
        promise_id: i32,
        commitment_id: i32,
    ) -> Result<CommitmentLinks> {
        self.links(self.db().conn(), promise_id, commitment_id)
            .await
    }

    async fn links(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        promise_id: i32,
        commitment_id: i32,
    ) -> Result<CommitmentLinks> {
        let inputs = citizen_input::Entity::find()
            .filter(citizen_input::Column::MunicipalityCode.eq(self.code()))
            .filter(citizen_input::Column::CommitmentId.eq(commitment_id))
            .count(conn)
            .await?;
        let findings = walk_finding::Entity::find()
            .filter(walk_finding::Column::MunicipalityCode.eq(self.code()))
            .filter(walk_finding::Column::CommitmentId.eq(commitment_id))
            .count(conn)
            .await?;
        let reports = follow_up::Entity::find()
            .filter(follow_up::Column::PromiseId.eq(promise_id))
            .all(conn)
            .await?;
        let entries = follow_up_entry::Entity::find()
            .filter(follow_up_entry::Column::CommitmentId.eq(commitment_id))
            .filter(follow_up_entry::Column::FollowUpId.is_in(reports.iter().map(|r| r.id)))
            .all(conn)
            .await?;
        let published = |e: &follow_up_entry::Model| {
            reports
                .iter()
                .any(|r| r.id == e.follow_up_id && r.published_at.is_some())
        };
        // A draft entry with nothing written (the engine's status, saved with the rest
        // of the report) is nothing to ask about; it goes with the commitment.
        let written = |e: &follow_up_entry::Model| {
            e.narrative.is_some() || e.reason.is_some() || !matches!(e.evidence.as_str(), "" | "[]")
        };
        Ok(CommitmentLinks {
            inputs,
            findings,
            draft_entries: entries
                .iter()
                .filter(|e| !published(e) && written(e))
                .count() as u64,
            published_entries: entries.iter().filter(|e| published(e)).count() as u64,
        })
    }

    /// Bumps the promise's version if it is still `expected`: the check that makes two
    /// concurrent structural changes impossible.
    async fn claim_version(
        &self,
        txn: &DatabaseTransaction,
        promise_id: i32,
        expected: i32,
    ) -> Result<bool> {
        let bumped = promise::Entity::update_many()
            .col_expr(promise::Column::Version, Expr::value(expected + 1))
            .col_expr(promise::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(promise::Column::Id.eq(promise_id))
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .filter(promise::Column::Version.eq(expected))
            .exec(txn)
            .await?;
        Ok(bumped.rows_affected == 1)
    }

    async fn conflict(&self, promise_id: i32) -> Result<Refused> {
        let now = self.load_by_id(self.db().conn(), promise_id).await?;
        Ok(Refused::Conflict(Box::new(Conflict {
            current_version: now.version,
            current: now.promise,
        })))
    }

    /// Removes a commitment, if the promise is still at `expected_version`. Inputs and
    /// findings that link to it are moved or unlinked, and its draft follow-up entries
    /// dropped, only as `links` says; all in one transaction with the audit entry.
    pub async fn remove_commitment(
        &self,
        actor: Actor,
        promise_id: i32,
        commitment_id: i32,
        expected_version: i32,
        links: LinkChoice,
    ) -> Result<std::result::Result<StoredPromise, Refused>> {
        let before = self.load_by_id(self.db().conn(), promise_id).await?;
        Self::refuse_if_closed(&before)?;
        let Some(index) = before
            .commitment_ids
            .iter()
            .position(|id| *id == commitment_id)
        else {
            return Err(Error::NotFound);
        };
        if before.promise.commitments.len() == 1 {
            return Err(Error::Invalid(vec![FieldError::new(
                "commitments",
                Problem::NoCommitments,
            )]));
        }
        if let LinkChoice::MoveTo(other) = links
            && (other == commitment_id || !before.commitment_ids.contains(&other))
        {
            return Err(Error::Invalid(vec![FieldError::new(
                "move_to",
                Problem::Choice,
            )]));
        }
        let txn = self.db().begin_write().await?;
        if !self
            .claim_version(&txn, promise_id, expected_version)
            .await?
        {
            txn.rollback().await?;
            return Ok(Err(self.conflict(promise_id).await?));
        }
        let found = self.links(&txn, promise_id, commitment_id).await?;
        if found.published_entries > 0 {
            txn.rollback().await?;
            return Ok(Err(Refused::Reported(found)));
        }
        if !found.is_empty() && links == LinkChoice::Refuse {
            txn.rollback().await?;
            return Ok(Err(Refused::Linked(found)));
        }
        let moved_to = match links {
            LinkChoice::MoveTo(other) => Some(other),
            LinkChoice::Drop | LinkChoice::Refuse => None,
        };
        self.relink(&txn, &[commitment_id], moved_to).await?;
        commitment::Entity::delete_by_id(commitment_id)
            .exec(&txn)
            .await?;
        // The later commitments move up one place, in order, so that no two share a
        // position at any point (positions are unique within a promise).
        for (position, id) in before.commitment_ids.iter().enumerate().skip(index + 1) {
            commitment::Entity::update_many()
                .col_expr(
                    commitment::Column::Position,
                    Expr::value(position as i32 - 1),
                )
                .filter(commitment::Column::Id.eq(*id))
                .exec(&txn)
                .await?;
        }
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
                action: "remove",
                before: Some(to_json(&CommitmentDocument::from(
                    &before.promise.commitments[index],
                ))),
                after: Some(
                    serde_json::json!({
                        "inputs": found.inputs,
                        "findings": found.findings,
                        "draft_entries_dropped": found.draft_entries,
                        "links_moved_to": moved_to,
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        Ok(Ok(after))
    }

    /// Moves a commitment one place up or down among its own party's commitments (the
    /// order the page shows them in), if the promise is still at `expected_version`.
    /// At the top or bottom already, nothing changes.
    pub async fn move_commitment(
        &self,
        actor: Actor,
        promise_id: i32,
        commitment_id: i32,
        expected_version: i32,
        direction: Direction,
    ) -> Result<std::result::Result<StoredPromise, Refused>> {
        let before = self.load_by_id(self.db().conn(), promise_id).await?;
        Self::refuse_if_closed(&before)?;
        let Some(index) = before
            .commitment_ids
            .iter()
            .position(|id| *id == commitment_id)
        else {
            return Err(Error::NotFound);
        };
        let party = &before.promise.commitments[index].party;
        let same_party = |i: &usize| before.promise.commitments[*i].party == *party;
        let neighbour = match direction {
            Direction::Up => (0..index).rev().find(same_party),
            Direction::Down => (index + 1..before.commitment_ids.len()).find(same_party),
        };
        let Some(neighbour) = neighbour else {
            return Ok(Ok(before));
        };
        let txn = self.db().begin_write().await?;
        if !self
            .claim_version(&txn, promise_id, expected_version)
            .await?
        {
            txn.rollback().await?;
            return Ok(Err(self.conflict(promise_id).await?));
        }
        let (a, b) = (
            before.commitment_ids[index],
            before.commitment_ids[neighbour],
        );
        // Through a free position, since positions are unique within a promise.
        for (id, position) in [(a, -1), (b, index as i32), (a, neighbour as i32)] {
            commitment::Entity::update_many()
                .col_expr(commitment::Column::Position, Expr::value(position))
                .filter(commitment::Column::Id.eq(id))
                .exec(&txn)
                .await?;
        }
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
                action: "move",
                before: Some(serde_json::json!({ "position": index + 1 }).to_string()),
                after: Some(serde_json::json!({ "position": neighbour + 1 }).to_string()),
            },
        )
        .await?;
        Ok(Ok(after))
    }

    /// Replaces a draft with an edited document of the same years (an export edited in
    /// another tool and imported again), if it is still at `expected_version` (`None`:
    /// whatever it is at, for the command line). Commitments are matched by position, so
    /// what links to the first ones keeps its link; the rest are removed as
    /// [`Tenant::delete_draft`] removes them, or added.
    pub async fn replace_draft(
        &self,
        actor: Actor,
        promise_id: i32,
        expected_version: Option<i32>,
        new: &Promise,
    ) -> Result<std::result::Result<StoredPromise, Refused>> {
        let before = self.load_by_id(self.db().conn(), promise_id).await?;
        let mut problems = Vec::new();
        if before.promise.status != PromiseStatus::Draft {
            problems.push(FieldError::new("status", Problem::NotADraft));
        } else if new.status != PromiseStatus::Draft {
            problems.push(FieldError::new(
                "status",
                Problem::NotOneOf {
                    value: new.status.as_str().to_owned(),
                    allowed: PromiseStatus::Draft.as_str().to_owned(),
                },
            ));
        }
        if new.years != before.promise.years || new.municipality != before.promise.municipality {
            problems.push(FieldError::new(
                "years",
                Problem::NotOneOf {
                    value: new.years.to_string(),
                    allowed: before.promise.years.to_string(),
                },
            ));
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        self.check_references(new.place_references(), new.activity_type_references())
            .await?;
        self.check_indicator_references(self.db().conn(), new)
            .await?;
        let txn = self.db().begin_write().await?;
        let version = expected_version.unwrap_or(before.version);
        if !self.claim_version(&txn, promise_id, version).await? {
            txn.rollback().await?;
            return Ok(Err(self.conflict(promise_id).await?));
        }
        let doc = PromiseDocument::from(new);
        header_update(&doc)
            .col_expr(promise::Column::ContinuesYear, Expr::value(doc.continues))
            .filter(promise::Column::Id.eq(promise_id))
            .exec(&txn)
            .await?;
        let old = &before.commitment_ids;
        for (position, c) in doc.commitments.iter().enumerate() {
            match old.get(position) {
                Some(id) => {
                    commitment_update(c)
                        .col_expr(
                            commitment::Column::Version,
                            Expr::col(commitment::Column::Version).add(1),
                        )
                        .filter(commitment::Column::Id.eq(*id))
                        .exec(&txn)
                        .await?;
                }
                None => {
                    crate::promises::insert_commitment(&txn, promise_id, position, c.clone())
                        .await?;
                }
            }
        }
        let gone: Vec<i32> = old.iter().skip(doc.commitments.len()).copied().collect();
        if !gone.is_empty() {
            self.relink(&txn, &gone, None).await?;
            commitment::Entity::delete_many()
                .filter(commitment::Column::Id.is_in(gone))
                .exec(&txn)
                .await?;
        }
        let after = self.load_by_id(&txn, promise_id).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "promise",
                entity_id: promise_id,
                promise_id: Some(promise_id),
                action: "replace",
                before: Some(to_json(&PromiseDocument::from(&before.promise))),
                after: Some(to_json(&PromiseDocument::from(&after.promise))),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Ok(after))
    }

    /// Links inputs and findings of these commitments to `moved_to` instead (or to
    /// nothing) and drops their follow-up entries, before the commitments go.
    async fn relink(
        &self,
        txn: &DatabaseTransaction,
        ids: &[i32],
        moved_to: Option<i32>,
    ) -> Result<()> {
        citizen_input::Entity::update_many()
            .col_expr(citizen_input::Column::CommitmentId, Expr::value(moved_to))
            .filter(citizen_input::Column::MunicipalityCode.eq(self.code()))
            .filter(citizen_input::Column::CommitmentId.is_in(ids.to_vec()))
            .exec(txn)
            .await?;
        walk_finding::Entity::update_many()
            .col_expr(walk_finding::Column::CommitmentId, Expr::value(moved_to))
            .filter(walk_finding::Column::MunicipalityCode.eq(self.code()))
            .filter(walk_finding::Column::CommitmentId.is_in(ids.to_vec()))
            .exec(txn)
            .await?;
        follow_up_entry::Entity::delete_many()
            .filter(follow_up_entry::Column::CommitmentId.is_in(ids.to_vec()))
            .exec(txn)
            .await?;
        Ok(())
    }

    /// Deletes a promise that is still a draft, with its commitments, if it is still at
    /// `expected_version`. Inputs and findings linked to its commitments are unlinked;
    /// the audit log keeps the whole document. Signed and public promises are never
    /// deleted: residents may have read them.
    pub async fn delete_draft(
        &self,
        actor: Actor,
        promise_id: i32,
        expected_version: i32,
    ) -> Result<std::result::Result<(), Refused>> {
        let before = self.load_by_id(self.db().conn(), promise_id).await?;
        if before.promise.status != PromiseStatus::Draft {
            return Err(Error::Invalid(vec![FieldError::new(
                "status",
                Problem::NotADraft,
            )]));
        }
        let txn = self.db().begin_write().await?;
        if !self
            .claim_version(&txn, promise_id, expected_version)
            .await?
        {
            txn.rollback().await?;
            return Ok(Err(self.conflict(promise_id).await?));
        }
        self.relink(&txn, &before.commitment_ids, None).await?;
        // Commitments and follow-ups go with the promise (ON DELETE CASCADE).
        promise::Entity::delete_many()
            .filter(promise::Column::Id.eq(promise_id))
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "promise",
                entity_id: promise_id,
                promise_id: Some(promise_id),
                action: "delete",
                before: Some(to_json(&lofte_domain::exchange::PromiseDocument::from(
                    &before.promise,
                ))),
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Ok(()))
    }
}
