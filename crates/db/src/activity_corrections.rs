//! Correcting and deleting logged activities: a 10-minute control saved by mistake is
//! taken out of the figures at once. Each change is audited with the activity before and
//! after. A published report keeps the figures it was published with (they are frozen
//! in it); the live figures change.
//!
//! A corrected activity keeps its deduplication key, so sending the original row again
//! (a re-imported file) does not bring the mistake back beside the correction. A deleted
//! one leaves no trace in `activity`: a file that still holds it adds it again, and the
//! import's summary says so.

use lofte_domain::followup::{Activity, NewActivity};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::activities::{activity_of, check_activity, stored_day};
use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{account, activity};
use crate::tenant::Tenant;
use crate::{Error, Result};

/// A logged activity with who logged it, for the staff list and the correction form.
#[derive(Debug, Clone)]
pub struct LoggedActivity {
    pub id: i64,
    pub activity: Activity,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub note: Option<String>,
    /// The staff account that logged it (none for imports by the system or API tokens).
    pub account_id: Option<i32>,
    pub logged_by: Option<String>,
    pub synthetic: bool,
}

impl Tenant {
    /// The municipality's most recently logged activities, newest first.
    pub async fn logged_activities(&self, limit: u64) -> Result<Vec<LoggedActivity>> {
        let rows = activity::Entity::find()
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .order_by_desc(activity::Column::CreatedAt)
            .order_by_desc(activity::Column::Id)
            .limit(limit)
            .all(self.db().conn())
            .await?;
        self.logged(rows).await
    }

    /// One of the municipality's activities.
    pub async fn logged_activity(&self, id: i64) -> Result<Option<LoggedActivity>> {
        let row = self.activity_row(id).await?;
        Ok(self.logged(row.into_iter().collect()).await?.pop())
    }

    async fn activity_row(&self, id: i64) -> Result<Option<activity::Model>> {
        Ok(activity::Entity::find_by_id(id)
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?)
    }

    async fn logged(&self, rows: Vec<activity::Model>) -> Result<Vec<LoggedActivity>> {
        let ids = self.activity_types_and_ids(self.db().conn()).await?.1;
        let accounts: Vec<i32> = rows.iter().filter_map(|r| r.account_id).collect();
        let names: Vec<(i32, String)> = if accounts.is_empty() {
            Vec::new()
        } else {
            account::Entity::find()
                .filter(account::Column::Id.is_in(accounts))
                .all(self.db().conn())
                .await?
                .into_iter()
                .map(|a| (a.id, a.display_name))
                .collect()
        };
        rows.iter()
            .map(|r| {
                Ok(LoggedActivity {
                    id: r.id,
                    activity: activity_of(r, &ids)?,
                    started_at: r.started_at,
                    note: r.note.clone(),
                    account_id: r.account_id,
                    logged_by: r
                        .account_id
                        .and_then(|id| names.iter().find(|(a, _)| *a == id))
                        .map(|(_, name)| name.clone()),
                    synthetic: r.synthetic,
                })
            })
            .collect()
    }

    /// Replaces what an activity says; refused with the field (`type`, `place`, `date`,
    /// `note`) when the new content is not valid, `NotFound` when it is not this
    /// municipality's.
    pub async fn correct_activity(&self, actor: Actor, id: i64, new: &NewActivity) -> Result<()> {
        let places = self.place_slugs().await?;
        let types = self.activity_types().await?;
        let problems: Vec<lofte_domain::FieldError> = check_activity(new, &places, &types)
            .into_iter()
            .map(|(field, p)| lofte_domain::FieldError::new(field, p))
            .collect();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let type_ids = self.activity_types_and_ids(self.db().conn()).await?.1;
        let txn = self.db().begin_write().await?;
        let before = activity::Entity::find_by_id(id)
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .one(&txn)
            .await?
            .ok_or(Error::NotFound)?;
        let a = &new.activity;
        let mut row: activity::ActiveModel = before.clone().into();
        row.activity_type_id = Set(type_ids
            .id(a.activity_type.as_str())
            .ok_or(Error::NotFound)?);
        row.performer = Set(a.performer.as_string());
        row.started_at = Set(new.started_at);
        row.local_day = Set(stored_day(a.date));
        row.duration_minutes = Set(a.duration_minutes.and_then(|d| i32::try_from(d).ok()));
        row.place_slug = Set(a.place.as_ref().map(ToString::to_string));
        row.participants = Set(a.participants.and_then(|p| i32::try_from(p).ok()));
        row.note = Set(new.note.as_ref().map(ToString::to_string));
        let after = row.update(&txn).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "activity",
                entity_id: i32::try_from(id).unwrap_or(0),
                promise_id: None,
                action: "update",
                before: Some(describe(&before)),
                after: Some(describe(&after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Deletes an activity; `NotFound` when it is not this municipality's.
    pub async fn delete_activity(&self, actor: Actor, id: i64) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let before = activity::Entity::find_by_id(id)
            .filter(activity::Column::MunicipalityCode.eq(self.code()))
            .one(&txn)
            .await?
            .ok_or(Error::NotFound)?;
        activity::Entity::delete_by_id(id).exec(&txn).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "activity",
                entity_id: i32::try_from(id).unwrap_or(0),
                promise_id: None,
                action: "delete",
                before: Some(describe(&before)),
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// An activity row as the audit log keeps it.
fn describe(r: &activity::Model) -> String {
    serde_json::json!({
        "type_id": r.activity_type_id,
        "performer": r.performer,
        "started_at": r.started_at.to_rfc3339(),
        "duration_minutes": r.duration_minutes,
        "place": r.place_slug,
        "participants": r.participants,
        "note": r.note,
    })
    .to_string()
}
