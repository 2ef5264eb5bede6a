//! Safety walks and their findings. Registering a walk also logs it as an activity of type
//! `safety_walk` in the same transaction, so it counts toward a target such as "at least
//! four safety walks" by the same engine as any other work; the activity's external id
//! `safety-walk-<id>` ties the two together.

use chrono::{DateTime, NaiveDate, Utc};
use lofte_domain::followup::Performer;
use lofte_domain::walk::{
    FindingCategory, FindingStatus, NewFinding, NewWalk, check_status_change,
};
use lofte_domain::{FieldError, PlaceSlug, Problem};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{finding_photo, safety_walk, walk_finding};
use crate::tenant::{Tenant, to_json};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct StoredWalk {
    pub id: i32,
    pub date: NaiveDate,
    pub route: Vec<PlaceSlug>,
    pub participants: u32,
    pub performer: Performer,
    pub again_by: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredFinding {
    pub id: i32,
    pub walk_id: i32,
    pub walk_date: Option<NaiveDate>,
    pub place: PlaceSlug,
    pub category: FindingCategory,
    pub description: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: FindingStatus,
    pub reason: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// The commitment staff linked it to.
    pub commitment: Option<i32>,
    /// The focus area staff linked it to.
    pub focus: Option<crate::links::FocusLink>,
    /// Whether a photo is attached (fetch it with [`Tenant::finding_photo`]).
    pub has_photo: bool,
}

impl StoredFinding {
    /// Whether the finding is still open after its date: shown as late on the staff list,
    /// the public page and the dashboard.
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        matches!(
            self.status,
            FindingStatus::Reported | FindingStatus::Planned
        ) && self.due.is_some_and(|d| d < today)
    }
}

/// A finding's photo as stored: already re-encoded without metadata by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingPhoto {
    /// `image/jpeg` or `image/png`.
    pub media_type: String,
    pub data: Vec<u8>,
}

fn to_walk(row: safety_walk::Model) -> Result<StoredWalk> {
    let corrupt = || Error::Corrupt(format!("safety walk {}", row.id));
    let route: Vec<String> = serde_json::from_str(&row.route).map_err(|_| corrupt())?;
    Ok(StoredWalk {
        id: row.id,
        date: row.walked_on,
        route: route
            .iter()
            .map(|s| PlaceSlug::parse(s))
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| corrupt())?,
        participants: u32::try_from(row.participants).map_err(|_| corrupt())?,
        performer: Performer::parse(&row.performer).map_err(|_| corrupt())?,
        again_by: row.again_by,
    })
}

fn to_finding(row: walk_finding::Model) -> Result<StoredFinding> {
    let corrupt = || Error::Corrupt(format!("walk finding {}", row.id));
    Ok(StoredFinding {
        id: row.id,
        walk_id: row.walk_id,
        walk_date: None,
        place: PlaceSlug::parse(&row.place).map_err(|_| corrupt())?,
        category: FindingCategory::parse(&row.category).map_err(|_| corrupt())?,
        description: row.description,
        owner: row.owner,
        due: row.due_on,
        status: FindingStatus::parse(&row.status).map_err(|_| corrupt())?,
        reason: row.reason,
        updated_at: row.updated_at,
        commitment: row.commitment_id,
        focus: crate::links::focus_link(row.focus_promise_id, row.focus_area),
        has_photo: false,
    })
}

impl Tenant {
    async fn check_places<'a>(
        &self,
        places: impl IntoIterator<Item = (String, &'a PlaceSlug)>,
    ) -> Result<()> {
        let known: Vec<String> = self
            .db()
            .places(&self.municipality().code)
            .await?
            .into_iter()
            .map(|p| p.slug.to_string())
            .collect();
        let unknown: Vec<FieldError> = places
            .into_iter()
            .filter(|(_, slug)| !known.iter().any(|k| k == slug.as_str()))
            .map(|(path, slug)| {
                FieldError::new(
                    path,
                    Problem::UnknownPlace {
                        value: slug.to_string(),
                    },
                )
            })
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(unknown))
        }
    }

    /// Registers a walk and logs it as a `safety_walk` activity, in one transaction.
    pub async fn add_walk(
        &self,
        actor: Actor,
        walk: &NewWalk,
        performer: Performer,
    ) -> Result<i32> {
        if walk.route.is_empty() {
            return Err(Error::Invalid(vec![FieldError::new(
                "route",
                Problem::Required,
            )]));
        }
        self.check_places(
            walk.route
                .iter()
                .enumerate()
                .map(|(i, p)| (format!("route[{i}]"), p)),
        )
        .await?;
        let txn = self.db().begin_write().await?;
        let id = safety_walk::Entity::insert(safety_walk::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            walked_on: Set(walk.date),
            route: Set(to_json(
                &walk
                    .route
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
            )),
            participants: Set(i32::try_from(walk.participants).unwrap_or(i32::MAX)),
            performer: Set(performer.as_string()),
            again_by: Set(walk.again_by),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let activity = crate::activities::linked_activity(
            "safety_walk",
            performer,
            walk.date,
            walk.route.first().cloned(),
            walk.participants,
            format!("safety-walk-{id}"),
        );
        self.insert_activity(&txn, actor, &activity).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "safety_walk",
                entity_id: id,
                promise_id: None,
                action: "create",
                before: None,
                after: Some(
                    serde_json::json!({
                        "date": walk.date,
                        "route": walk.route.iter().map(ToString::to_string).collect::<Vec<_>>(),
                        "participants": walk.participants,
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The municipality's walks, newest first.
    pub async fn walks(&self) -> Result<Vec<StoredWalk>> {
        safety_walk::Entity::find()
            .filter(safety_walk::Column::MunicipalityCode.eq(self.code()))
            .order_by_desc(safety_walk::Column::WalkedOn)
            .order_by_desc(safety_walk::Column::Id)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(to_walk)
            .collect()
    }

    pub async fn walk(&self, id: i32) -> Result<StoredWalk> {
        safety_walk::Entity::find_by_id(id)
            .filter(safety_walk::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .map(to_walk)
            .transpose()?
            .ok_or(Error::NotFound)
    }

    /// Notes a finding of a walk, status "reported".
    pub async fn add_finding(
        &self,
        actor: Actor,
        walk_id: i32,
        finding: &NewFinding,
        links: &crate::links::Links,
    ) -> Result<i32> {
        self.walk(walk_id).await?;
        self.check_places([("place".to_owned(), &finding.place)])
            .await?;
        self.check_links(self.db().conn(), links).await?;
        let txn = self.db().begin_write().await?;
        let id = walk_finding::Entity::insert(walk_finding::ActiveModel {
            walk_id: Set(walk_id),
            municipality_code: Set(self.code().to_owned()),
            place: Set(finding.place.to_string()),
            category: Set(finding.category.code().to_owned()),
            description: Set(finding.description.to_string()),
            owner: Set(finding.owner.to_string()),
            due_on: Set(finding.due),
            status: Set(FindingStatus::Reported.code().to_owned()),
            updated_at: Set(Utc::now()),
            commitment_id: Set(links.commitment),
            focus_promise_id: Set(links.focus.as_ref().map(|f| f.promise)),
            focus_area: Set(links.focus.as_ref().map(|f| f.area.clone())),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "walk_finding",
                entity_id: id,
                promise_id: None,
                action: "create",
                before: None,
                after: Some(
                    serde_json::json!({
                        "walk": walk_id,
                        "place": finding.place.as_str(),
                        "category": finding.category.code(),
                        "description": finding.description.as_str(),
                        "owner": finding.owner.as_str(),
                        "due": finding.due,
                        "commitment": links.commitment,
                        "focus": links.focus.as_ref().map(|f| f.area.as_str()),
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// A finding of this municipality, read to be changed in `txn`; `NotFound` for any
    /// other id. Locked against other writers until `txn` ends (`FOR UPDATE` on
    /// PostgreSQL; SQLite's writers take turns anyway), so two staff moving it to fixed
    /// at once do not both see it unfixed and both tell its followers.
    async fn own_finding(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        id: i32,
    ) -> Result<walk_finding::Model> {
        walk_finding::Entity::find_by_id(id)
            .filter(walk_finding::Column::MunicipalityCode.eq(self.code()))
            .lock_exclusive()
            .one(txn)
            .await?
            .ok_or(Error::NotFound)
    }

    /// Moves a finding on (reported → planned → fixed, or not to be done with a reason).
    /// `announcements` (what followers of its place are told) are stored and queued in
    /// the same transaction.
    pub async fn set_finding_status(
        &self,
        actor: Actor,
        id: i32,
        to: FindingStatus,
        reason: Option<&str>,
        announcements: &[crate::follows::Announcement],
    ) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let row = self.own_finding(&txn, id).await?;
        let from = FindingStatus::parse(&row.status)
            .map_err(|_| Error::Corrupt(format!("walk finding {id}")))?;
        let reason = check_status_change(from, to, reason).map_err(Error::Invalid)?;
        walk_finding::Entity::update_many()
            .col_expr(walk_finding::Column::Status, Expr::value(to.code()))
            .col_expr(
                walk_finding::Column::Reason,
                Expr::value(reason.as_ref().map(ToString::to_string)),
            )
            .col_expr(walk_finding::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(walk_finding::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "walk_finding",
                entity_id: id,
                promise_id: None,
                action: "status",
                before: Some(serde_json::json!({ "status": row.status }).to_string()),
                after: Some(
                    serde_json::json!({
                        "status": to.code(),
                        "reason": reason.as_ref().map(|r| r.as_str()),
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        if from != to {
            let now = Utc::now();
            for announcement in announcements {
                crate::follows::announce(&txn, announcement, now).await?;
            }
        }
        txn.commit().await?;
        Ok(())
    }

    /// Gives a finding a new owner and due date (assignment); audited with both before and
    /// after, and shown to residents at once.
    pub async fn assign_finding(
        &self,
        actor: Actor,
        id: i32,
        owner: &lofte_domain::Text,
        due: Option<NaiveDate>,
    ) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let row = self.own_finding(&txn, id).await?;
        walk_finding::Entity::update_many()
            .col_expr(walk_finding::Column::Owner, Expr::value(owner.as_str()))
            .col_expr(walk_finding::Column::DueOn, Expr::value(due))
            .col_expr(walk_finding::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(walk_finding::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "walk_finding",
                entity_id: id,
                promise_id: None,
                action: "assign",
                before: Some(
                    serde_json::json!({ "owner": row.owner, "due": row.due_on }).to_string(),
                ),
                after: Some(serde_json::json!({ "owner": owner.as_str(), "due": due }).to_string()),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Findings, of one walk or of all, oldest walk first; each with its walk's date.
    pub async fn findings(&self, walk: Option<i32>) -> Result<Vec<StoredFinding>> {
        let mut query = walk_finding::Entity::find()
            .filter(walk_finding::Column::MunicipalityCode.eq(self.code()));
        if let Some(walk) = walk {
            query = query.filter(walk_finding::Column::WalkId.eq(walk));
        }
        let walks = self.walks().await?;
        let rows = query
            .order_by_asc(walk_finding::Column::Id)
            .all(self.db().conn())
            .await?;
        let with_photo: Vec<i32> = finding_photo::Entity::find()
            .select_only()
            .column(finding_photo::Column::FindingId)
            .filter(finding_photo::Column::FindingId.is_in(rows.iter().map(|r| r.id)))
            .into_tuple()
            .all(self.db().conn())
            .await?;
        rows.into_iter()
            .map(|row| {
                let mut f = to_finding(row)?;
                f.walk_date = walks.iter().find(|w| w.id == f.walk_id).map(|w| w.date);
                f.has_photo = with_photo.contains(&f.id);
                Ok(f)
            })
            .collect()
    }

    /// Attaches a photo to a finding, replacing any earlier one; audited (without bytes).
    pub async fn set_finding_photo(
        &self,
        actor: Actor,
        finding: i32,
        photo: &FindingPhoto,
    ) -> Result<()> {
        let txn = self.db().begin_write().await?;
        self.own_finding(&txn, finding).await?;
        finding_photo::Entity::delete_by_id(finding)
            .exec(&txn)
            .await?;
        finding_photo::Entity::insert(finding_photo::ActiveModel {
            finding_id: Set(finding),
            media_type: Set(photo.media_type.clone()),
            data: Set(photo.data.clone()),
            added_at: Set(Utc::now()),
        })
        .exec_without_returning(&txn)
        .await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "walk_finding",
                entity_id: finding,
                promise_id: None,
                action: "photo",
                before: None,
                after: Some(
                    serde_json::json!({
                        "media_type": photo.media_type,
                        "bytes": photo.data.len(),
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A finding's photo, if it has one.
    pub async fn finding_photo(&self, finding: i32) -> Result<Option<FindingPhoto>> {
        let Some(row) = finding_photo::Entity::find_by_id(finding)
            .one(self.db().conn())
            .await?
        else {
            return Ok(None);
        };
        let own = walk_finding::Entity::find_by_id(finding)
            .filter(walk_finding::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .is_some();
        Ok(own.then_some(FindingPhoto {
            media_type: row.media_type,
            data: row.data,
        }))
    }
}
