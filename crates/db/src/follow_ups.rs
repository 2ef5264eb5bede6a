//! Follow-up reports per tertial and the final report: drafts staff write, then publish.
//! Publishing freezes the figures; work logged later shows in the next report.
//!
//! A report is addressed by its own year and period everywhere (URLs, API, storage),
//! never by the promise's first year: a two-year promise has tertials in both years. The
//! final report belongs to the span's last year.

use chrono::{DateTime, Utc};
use lofte_domain::followup::{Entry, FrozenFigures, FrozenIndicator, ReportPeriod};
use lofte_domain::{FieldError, Problem, PromiseStatus, Year};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::audit::{Actor, AuditRecord, Conflict, audit};
use crate::entity::{follow_up, follow_up_entry};
use crate::tenant::{Tenant, to_json};
use crate::{Error, Result};

/// A stored report.
#[derive(Debug, Clone)]
pub struct FollowUpReport {
    pub year: Year,
    pub period: ReportPeriod,
    pub published_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub entries: Vec<StoredEntry>,
    /// What the parties learned (the final report).
    pub learned: Option<String>,
    /// Texts corrected after publishing, oldest first: when, and what (in words
    /// residents read beside the report).
    pub corrections: Vec<Correction>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub at: DateTime<Utc>,
    pub note: String,
}

/// What staff write in a report: an entry per commitment (by commitment id) and, in the
/// final report, what the parties learned.
#[derive(Debug, Clone, Default)]
pub struct ReportContent {
    pub entries: Vec<(i32, Entry)>,
    pub learned: Option<lofte_domain::Text>,
}

impl ReportContent {
    /// Longest account of lessons learned, in characters.
    pub const MAX_LEARNED: usize = 5000;
}

#[derive(Debug, Clone)]
pub struct StoredEntry {
    pub commitment_id: i32,
    pub status: String,
    pub reason: Option<String>,
    pub narrative: Option<String>,
    pub evidence: Vec<String>,
    /// The figures as the report was published with them.
    pub figures: Option<FrozenFigures>,
    /// The commitment's incident indicator as the report was published with it.
    pub indicator: Option<FrozenIndicator>,
}

/// What a report freezes when it is published, by commitment id: the activity figures of
/// commitments with a target and the indicator of commitments measured by the picture.
#[derive(Debug, Clone, Default)]
pub struct Frozen {
    pub figures: Vec<(i32, FrozenFigures)>,
    pub indicators: Vec<(i32, FrozenIndicator)>,
    /// What followers of the promise and its commitments are told, stored and queued
    /// with the publication.
    pub announcements: Vec<crate::follows::Announcement>,
}

fn to_report(
    row: follow_up::Model,
    entries: Vec<follow_up_entry::Model>,
) -> Result<FollowUpReport> {
    let corrupt = || Error::Corrupt(format!("follow-up {}", row.id));
    Ok(FollowUpReport {
        year: Year::new(row.year).map_err(|_| corrupt())?,
        period: ReportPeriod::parse(&row.period).ok_or_else(corrupt)?,
        published_at: row.published_at,
        version: row.version,
        learned: row.learned,
        corrections: match &row.corrections {
            Some(json) => serde_json::from_str(json).map_err(|_| corrupt())?,
            None => Vec::new(),
        },
        entries: entries
            .into_iter()
            .map(|e| {
                Ok(StoredEntry {
                    commitment_id: e.commitment_id,
                    status: e.status,
                    reason: e.reason,
                    narrative: e.narrative,
                    evidence: serde_json::from_str(&e.evidence).map_err(|_| corrupt())?,
                    figures: e
                        .figures
                        .as_deref()
                        .map(FrozenFigures::from_stored)
                        .transpose()
                        .map_err(|_| corrupt())?,
                    indicator: e
                        .indicator
                        .as_deref()
                        .map(FrozenIndicator::from_stored)
                        .transpose()
                        .map_err(|_| corrupt())?,
                })
            })
            .collect::<Result<_>>()?,
    })
}

impl Tenant {
    async fn owns_promise(&self, promise_id: i32) -> Result<()> {
        crate::entity::promise::Entity::find_by_id(promise_id)
            .filter(crate::entity::promise::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .map(|_| ())
            .ok_or(Error::NotFound)
    }

    /// The report for `year` and `period` of a promise, if one has been started.
    pub async fn follow_up(
        &self,
        promise_id: i32,
        year: Year,
        period: ReportPeriod,
    ) -> Result<Option<FollowUpReport>> {
        self.owns_promise(promise_id).await?;
        let Some(row) = follow_up::Entity::find()
            .filter(follow_up::Column::PromiseId.eq(promise_id))
            .filter(follow_up::Column::Year.eq(year.get()))
            .filter(follow_up::Column::Period.eq(period.slug()))
            .one(self.db().conn())
            .await?
        else {
            return Ok(None);
        };
        let entries = follow_up_entry::Entity::find()
            .filter(follow_up_entry::Column::FollowUpId.eq(row.id))
            .all(self.db().conn())
            .await?;
        to_report(row, entries).map(Some)
    }

    /// The reports of a promise (only the published ones if `published_only`), in the
    /// order they were started.
    pub async fn follow_ups(
        &self,
        promise_id: i32,
        published_only: bool,
    ) -> Result<Vec<FollowUpReport>> {
        self.owns_promise(promise_id).await?;
        let mut query =
            follow_up::Entity::find().filter(follow_up::Column::PromiseId.eq(promise_id));
        if published_only {
            query = query.filter(follow_up::Column::PublishedAt.is_not_null());
        }
        let rows = query
            .order_by_asc(follow_up::Column::Id)
            .all(self.db().conn())
            .await?;
        let mut reports = Vec::new();
        for row in rows {
            let entries = follow_up_entry::Entity::find()
                .filter(follow_up_entry::Column::FollowUpId.eq(row.id))
                .all(self.db().conn())
                .await?;
            reports.push(to_report(row, entries)?);
        }
        Ok(reports)
    }

    /// Saves a report's entries (a draft), or publishes it with the figures and
    /// indicators frozen as given. The report must still be at `expected_version` (0 for a new one); a
    /// published report cannot be changed.
    #[allow(clippy::too_many_arguments)]
    pub async fn save_follow_up(
        &self,
        actor: Actor,
        promise_id: i32,
        year: Year,
        period: ReportPeriod,
        expected_version: i32,
        content: &ReportContent,
        publish: Option<&Frozen>,
    ) -> Result<std::result::Result<FollowUpReport, Conflict<()>>> {
        self.owns_promise(promise_id).await?;
        let txn = self.db().begin_write().await?;
        let existing = follow_up::Entity::find()
            .filter(follow_up::Column::PromiseId.eq(promise_id))
            .filter(follow_up::Column::Year.eq(year.get()))
            .filter(follow_up::Column::Period.eq(period.slug()))
            .one(&txn)
            .await?;
        let id = match existing {
            Some(row) if row.published_at.is_some() => {
                return Err(Error::Invalid(vec![FieldError::new(
                    "",
                    Problem::AlreadyPublished,
                )]));
            }
            Some(row) => {
                let bumped = follow_up::Entity::update_many()
                    .col_expr(
                        follow_up::Column::Version,
                        Expr::value(expected_version + 1),
                    )
                    .col_expr(
                        follow_up::Column::Learned,
                        Expr::value(content.learned.as_ref().map(ToString::to_string)),
                    )
                    .filter(follow_up::Column::Id.eq(row.id))
                    .filter(follow_up::Column::Version.eq(expected_version))
                    .exec(&txn)
                    .await?;
                if bumped.rows_affected == 0 {
                    txn.rollback().await?;
                    return Ok(Err(Conflict {
                        current: (),
                        current_version: row.version,
                    }));
                }
                follow_up_entry::Entity::delete_many()
                    .filter(follow_up_entry::Column::FollowUpId.eq(row.id))
                    .exec(&txn)
                    .await?;
                row.id
            }
            None if expected_version != 0 => {
                txn.rollback().await?;
                return Ok(Err(Conflict {
                    current: (),
                    current_version: 0,
                }));
            }
            None => {
                follow_up::Entity::insert(follow_up::ActiveModel {
                    promise_id: Set(promise_id),
                    year: Set(year.get()),
                    period: Set(period.slug().to_owned()),
                    published_at: Set(None),
                    version: Set(1),
                    learned: Set(content.learned.as_ref().map(ToString::to_string)),
                    ..Default::default()
                })
                .exec(&txn)
                .await?
                .last_insert_id
            }
        };
        for (commitment_id, e) in &content.entries {
            let figures = publish
                .and_then(|f| f.figures.iter().find(|(c, _)| c == commitment_id))
                .map(|(_, figures)| figures.to_stored());
            let indicator = publish
                .and_then(|f| f.indicators.iter().find(|(c, _)| c == commitment_id))
                .map(|(_, indicator)| indicator.to_stored());
            follow_up_entry::Entity::insert(follow_up_entry::ActiveModel {
                follow_up_id: Set(id),
                commitment_id: Set(*commitment_id),
                status: Set(e.status.clone()),
                reason: Set(e.reason.as_ref().map(ToString::to_string)),
                narrative: Set(e.narrative.as_ref().map(ToString::to_string)),
                evidence: Set(to_json(&e.evidence)),
                figures: Set(figures),
                indicator: Set(indicator),
                ..Default::default()
            })
            .exec_without_returning(&txn)
            .await?;
        }
        for announcement in publish.iter().flat_map(|p| &p.announcements) {
            crate::follows::announce(&txn, announcement, Utc::now()).await?;
        }
        if publish.is_some() {
            follow_up::Entity::update_many()
                .col_expr(
                    follow_up::Column::PublishedAt,
                    Expr::value(Some(Utc::now())),
                )
                .filter(follow_up::Column::Id.eq(id))
                .exec(&txn)
                .await?;
            // The final report closes the period: a published promise becomes closed.
            if period == ReportPeriod::Final {
                let promise = self.load_by_id(&txn, promise_id).await?;
                if promise.promise.status == PromiseStatus::Published {
                    self.move_status(
                        &txn,
                        actor,
                        &promise,
                        promise.version,
                        PromiseStatus::Closed,
                    )
                    .await?;
                }
            }
        }
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "follow_up",
                entity_id: id,
                promise_id: Some(promise_id),
                action: if publish.is_some() {
                    "publish"
                } else {
                    "update"
                },
                before: None,
                after: Some(format!("\"{} {}\"", year, period.slug())),
            },
        )
        .await?;
        let row = follow_up::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| Error::Corrupt("follow-up vanished".into()))?;
        let stored = follow_up_entry::Entity::find()
            .filter(follow_up_entry::Column::FollowUpId.eq(id))
            .all(&txn)
            .await?;
        let report = to_report(row, stored)?;
        txn.commit().await?;
        Ok(Ok(report))
    }

    /// Corrects the texts of a published report: each commitment's narrative and
    /// evidence, and what was learned. Its statuses and frozen figures stay as published.
    /// `note` says residents what was corrected; it is kept with the date beside the
    /// report, and the texts before and after go to the audit log. Refused (`NotFound`)
    /// for a report that is not published: a draft is simply saved.
    #[allow(clippy::too_many_arguments)]
    pub async fn correct_follow_up(
        &self,
        actor: Actor,
        promise_id: i32,
        year: Year,
        period: ReportPeriod,
        expected_version: i32,
        corrected: &ReportContent,
        note: &lofte_domain::Text,
    ) -> Result<std::result::Result<FollowUpReport, Conflict<()>>> {
        self.owns_promise(promise_id).await?;
        let txn = self.db().begin_write().await?;
        let row = follow_up::Entity::find()
            .filter(follow_up::Column::PromiseId.eq(promise_id))
            .filter(follow_up::Column::Year.eq(year.get()))
            .filter(follow_up::Column::Period.eq(period.slug()))
            .one(&txn)
            .await?
            .filter(|r| r.published_at.is_some())
            .ok_or(Error::NotFound)?;
        let entries = follow_up_entry::Entity::find()
            .filter(follow_up_entry::Column::FollowUpId.eq(row.id))
            .all(&txn)
            .await?;
        let id = row.id;
        let before = to_report(row.clone(), entries.clone())?;
        let mut corrections = before.corrections.clone();
        corrections.push(Correction {
            at: Utc::now(),
            note: note.to_string(),
        });
        let bumped = follow_up::Entity::update_many()
            .col_expr(
                follow_up::Column::Version,
                Expr::value(expected_version + 1),
            )
            .col_expr(
                follow_up::Column::Learned,
                Expr::value(corrected.learned.as_ref().map(ToString::to_string)),
            )
            .col_expr(
                follow_up::Column::Corrections,
                Expr::value(Some(to_json(&corrections))),
            )
            .filter(follow_up::Column::Id.eq(row.id))
            .filter(follow_up::Column::Version.eq(expected_version))
            .exec(&txn)
            .await?;
        if bumped.rows_affected == 0 {
            txn.rollback().await?;
            return Ok(Err(Conflict {
                current: (),
                current_version: row.version,
            }));
        }
        for entry in &entries {
            let Some((_, e)) = corrected
                .entries
                .iter()
                .find(|(id, _)| *id == entry.commitment_id)
            else {
                continue;
            };
            follow_up_entry::Entity::update_many()
                .col_expr(
                    follow_up_entry::Column::Narrative,
                    Expr::value(e.narrative.as_ref().map(ToString::to_string)),
                )
                .col_expr(
                    follow_up_entry::Column::Evidence,
                    Expr::value(to_json(&e.evidence)),
                )
                .filter(follow_up_entry::Column::Id.eq(entry.id))
                .exec(&txn)
                .await?;
        }
        let texts = |r: &FollowUpReport| {
            serde_json::json!({
                "report": format!("{} {}", year, period.slug()),
                "note": note.as_str(),
                "learned": r.learned,
                "entries": r.entries.iter().map(|e| serde_json::json!({
                    "commitment": e.commitment_id,
                    "narrative": e.narrative,
                    "evidence": e.evidence,
                })).collect::<Vec<_>>(),
            })
            .to_string()
        };
        let row = follow_up::Entity::find_by_id(row.id)
            .one(&txn)
            .await?
            .ok_or_else(|| Error::Corrupt("follow-up vanished".into()))?;
        let stored = follow_up_entry::Entity::find()
            .filter(follow_up_entry::Column::FollowUpId.eq(row.id))
            .all(&txn)
            .await?;
        let after = to_report(row, stored)?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "follow_up",
                entity_id: id,
                promise_id: Some(promise_id),
                action: "correct",
                before: Some(texts(&before)),
                after: Some(texts(&after)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(Ok(after))
    }
}
