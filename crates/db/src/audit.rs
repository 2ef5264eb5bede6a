//! What every change leaves behind: who made it ([`Actor`]), an audit row with the
//! before and after, for a public promise a publication snapshot, and the answer when
//! the change was made on a version that is no longer current ([`Conflict`]).

use chrono::{DateTime, Utc};
use lofte_domain::exchange::PromiseDocument;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryTrait};

use crate::Result;
use crate::entity::audit_log;

/// Who made a change, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Account(i32),
    ApiToken(i32),
    /// The operator at the command line, or the demo loader.
    System,
}

impl Actor {
    /// The `account_id` and `api_token_id` that record this actor on a row.
    pub(crate) fn ids(self) -> (Option<i32>, Option<i32>) {
        match self {
            Actor::Account(id) => (Some(id), None),
            Actor::ApiToken(id) => (None, Some(id)),
            Actor::System => (None, None),
        }
    }
}

/// A change made on a version that is no longer current: nothing was written.
#[derive(Debug, Clone)]
pub struct Conflict<T> {
    /// What is stored now.
    pub current: T,
    pub current_version: i32,
}

/// One line of a promise's history.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    /// The person's name, the API token's name, or `None` for the system.
    pub by: Option<String>,
    pub entity: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A published state of a promise, oldest first in [`Tenant::publications`].
#[derive(Debug, Clone)]
pub struct Publication {
    pub published_at: DateTime<Utc>,
    pub document: PromiseDocument,
    /// What was corrected, when this publication corrects a closed promise's texts.
    pub correction_note: Option<String>,
    /// The ids of the document's commitments, in its order (`None` on rows written
    /// before migration 34).
    pub commitment_ids: Option<Vec<i32>>,
}

impl Publication {
    /// A stored publication row, read back.
    pub(crate) fn from_row(row: crate::entity::publication::Model) -> crate::Result<Publication> {
        let corrupt =
            |e: serde_json::Error| crate::Error::Corrupt(format!("publication {}: {e}", row.id));
        Ok(Publication {
            commitment_ids: row
                .commitment_ids
                .as_deref()
                .map(serde_json::from_str)
                .transpose()
                .map_err(corrupt)?,
            document: serde_json::from_str(&row.document).map_err(corrupt)?,
            correction_note: row.correction_note,
            published_at: row.published_at,
        })
    }

    /// What changed since `before`, for residents: commitments matched by their ids
    /// where both rows name them (so removing one does not make every later one look
    /// rewritten), else by position.
    pub fn changes_since(&self, before: &Publication) -> Vec<lofte_domain::history::Change> {
        match (&before.commitment_ids, &self.commitment_ids) {
            (Some(before_ids), Some(after_ids)) => lofte_domain::history::changes_by_id(
                (&before.document, before_ids),
                (&self.document, after_ids),
            ),
            _ => lofte_domain::history::changes(&before.document, &self.document),
        }
    }
}

pub(crate) struct AuditRecord<'a> {
    pub actor: Actor,
    pub municipality: &'a str,
    pub entity: &'a str,
    pub entity_id: i32,
    pub promise_id: Option<i32>,
    pub action: &'a str,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub(crate) async fn audit(conn: &impl ConnectionTrait, r: AuditRecord<'_>) -> Result<()> {
    conn.execute_raw(audit_statement(conn.get_database_backend(), r))
        .await?;
    Ok(())
}

/// The `INSERT` of one audit row, for a connection that is not SeaORM's (the activity
/// import on SQLite) as well as for [`audit`].
pub(crate) fn audit_statement(
    backend: sea_orm::DbBackend,
    r: AuditRecord<'_>,
) -> sea_orm::Statement {
    let (account_id, api_token_id) = r.actor.ids();
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(Utc::now()),
        account_id: Set(account_id),
        api_token_id: Set(api_token_id),
        municipality_code: Set(r.municipality.to_owned()),
        entity: Set(r.entity.to_owned()),
        entity_id: Set(r.entity_id),
        promise_id: Set(r.promise_id),
        action: Set(r.action.to_owned()),
        before: Set(r.before),
        after: Set(r.after),
        ..Default::default()
    })
    .build(backend)
}
