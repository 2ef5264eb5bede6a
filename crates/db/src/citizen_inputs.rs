//! Residents' inputs: received from the public form into a moderation queue, published or
//! hidden (with a reason) by staff, and read back for the public list.
//!
//! Nothing identifying is stored with an input: no network address, no name, no contact
//! details (there are no columns for them). The one exception is an e-mail address a
//! resident may choose to leave to be asked "Blev det gjort?", kept apart in
//! `input_contact` and deleted early (`input_cases`). Inputs never published are deleted after
//! [`UNPUBLISHED_KEPT_DAYS`], which is what the form tells residents.

use chrono::{DateTime, Utc};
use lofte_domain::citizen::{
    AgeBand, Gender, InputCase, InputCategory, InputContact, InputStatus, NewInput, ResidentAnswer,
    TrackedAction,
};
use lofte_domain::walk::FindingStatus;
use lofte_domain::{Coordinates, FieldError, PlaceSlug, Problem, Text};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{citizen_input, input_contact};
use crate::links::{FocusLink, Links, focus_link};
use crate::tenant::Tenant;
use crate::{Db, Error, Result};

/// Inputs that were never published (pending or hidden) are deleted after this many days.
pub const UNPUBLISHED_KEPT_DAYS: i64 = 365;

/// A stored input.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredInput {
    pub id: i32,
    pub received_at: DateTime<Utc>,
    pub locality: PlaceSlug,
    pub place: Option<PlaceSlug>,
    pub address: Option<String>,
    pub category: InputCategory,
    pub text: String,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub status: InputStatus,
    pub hidden_reason: Option<String>,
    /// The commitment staff linked it to.
    pub commitment: Option<i32>,
    /// The focus area staff linked it to.
    pub focus: Option<FocusLink>,
    /// The citizen dialogue it was raised at.
    pub dialogue: Option<i32>,
    /// The point the resident marked on the map (or where a moderator moved it).
    pub point: Option<Coordinates>,
    /// A moderator confirmed that `point` marks a public place.
    pub point_public: bool,
    /// When it was published or hidden.
    pub moderated_at: Option<DateTime<Utc>>,
    /// What staff did with it once published (`input_cases`).
    pub case: InputCase,
}

impl StoredInput {
    /// What the public may see of the marked point: exactly where a moderator confirmed a
    /// public place, otherwise only the cell it lies in ([`Coordinates::coarsened`]), since
    /// the point may be the resident's own door.
    pub fn public_point(&self) -> Option<Coordinates> {
        self.point
            .map(|p| if self.point_public { p } else { p.coarsened() })
    }
}

/// What a moderator does with an input.
#[derive(Debug, Clone, PartialEq)]
pub enum Moderation {
    /// Show it, with the text and the place as the moderator left them (personal details
    /// edited out), linked to the commitment it concerns if any.
    Publish {
        text: Text,
        place: PlaceEdit,
        links: Links,
    },
    /// Keep it from the public, saying why (kept for staff until it is deleted).
    Hide { reason: Text },
}

/// Where an input is, as a moderator publishes it. The default leaves the address and the
/// point as the resident gave them, with the point shown to the public coarsened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceEdit {
    /// The typed address: `None` leaves it as it is, `Some(None)` clears it, `Some(Some(a))`
    /// replaces it (names and phone numbers taken out).
    pub address: Option<Option<Text>>,
    /// The marked point: `None` leaves it, `Some(None)` removes it, `Some(Some(p))` moves it.
    /// A point within half a millionth of a degree of the stored one (a form's six
    /// decimals) is the stored one.
    pub point: Option<Option<Coordinates>>,
    /// The point marks a public place, so the public sees it exactly.
    pub point_public: bool,
}

/// The case as stored on the input's row; `None` if a stored code no longer parses.
fn case_of(row: &citizen_input::Model) -> Option<InputCase> {
    let action = match (&row.action_owner, &row.action_status) {
        (Some(owner), Some(status)) => Some(TrackedAction {
            owner: owner.clone(),
            due: row.action_due,
            status: FindingStatus::parse(status).ok()?,
        }),
        _ => None,
    };
    Some(InputCase {
        reply: row.public_reply.clone(),
        replied_at: row.replied_at,
        routed_to: row.routed_to.clone(),
        action,
        withdrawn_reason: row.withdrawn_reason.clone(),
        answer: match &row.resident_answer {
            Some(code) => Some(ResidentAnswer::parse(code).ok()?),
            None => None,
        },
    })
}

pub(crate) fn to_input(row: citizen_input::Model) -> Result<StoredInput> {
    let corrupt = || Error::Corrupt(format!("citizen input {}", row.id));
    let case = case_of(&row).ok_or_else(corrupt)?;
    Ok(StoredInput {
        id: row.id,
        received_at: row.received_at,
        locality: PlaceSlug::parse(&row.locality).map_err(|_| corrupt())?,
        place: row
            .place
            .as_deref()
            .map(PlaceSlug::parse)
            .transpose()
            .map_err(|_| corrupt())?,
        address: row.address,
        category: InputCategory::parse(&row.category).map_err(|_| corrupt())?,
        text: row.body,
        age_band: row
            .age_band
            .as_deref()
            .map(AgeBand::parse)
            .transpose()
            .map_err(|_| corrupt())?,
        gender: row
            .gender
            .as_deref()
            .map(Gender::parse)
            .transpose()
            .map_err(|_| corrupt())?,
        status: InputStatus::parse(&row.status).map_err(|_| corrupt())?,
        hidden_reason: row.hidden_reason,
        commitment: row.commitment_id,
        focus: focus_link(row.focus_promise_id, row.focus_area),
        dialogue: row.dialogue_id,
        point: match (row.lat, row.lon) {
            (Some(lat), Some(lon)) => Some(Coordinates::new(lat, lon).map_err(|_| corrupt())?),
            _ => None,
        },
        point_public: row.point_public,
        moderated_at: row.moderated_at,
        case,
    })
}

impl Tenant {
    /// Receives an input from the public form into the moderation queue. The places must
    /// be the municipality's (the place, if given, within the locality's municipality).
    ///
    /// `contact` is the address a resident left to be asked "Blev det gjort?", stored in
    /// the same transaction (`input_cases`).
    pub async fn receive_input(
        &self,
        input: &NewInput,
        contact: Option<&InputContact>,
    ) -> Result<i32> {
        let known: Vec<String> = self
            .db()
            .places(&self.municipality().code)
            .await?
            .into_iter()
            .map(|p| p.slug.to_string())
            .collect();
        let mut unknown = Vec::new();
        for (field, slug) in [
            ("locality", Some(&input.locality)),
            ("place", input.place.as_ref()),
        ] {
            if let Some(slug) = slug
                && !known.iter().any(|k| k == slug.as_str())
            {
                unknown.push(FieldError::new(field, Problem::Choice));
            }
        }
        if let Some(point) = input.point
            && let Some(outside) = self.outside(point, "position").await?
        {
            unknown.push(outside);
        }
        if !unknown.is_empty() {
            return Err(Error::Invalid(unknown));
        }
        let txn = self.db().begin_write().await?;
        let id = citizen_input::Entity::insert(citizen_input::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            received_at: Set(Utc::now()),
            locality: Set(input.locality.to_string()),
            place: Set(input.place.as_ref().map(ToString::to_string)),
            address: Set(input.address.as_ref().map(ToString::to_string)),
            category: Set(input.category.code().to_owned()),
            body: Set(input.text.to_string()),
            age_band: Set(input.age_band.map(|a| a.code().to_owned())),
            gender: Set(input.gender.map(|g| g.code().to_owned())),
            status: Set(InputStatus::Pending.code().to_owned()),
            lat: Set(input.point.map(|p| p.lat())),
            lon: Set(input.point.map(|p| p.lon())),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        if let Some(contact) = contact {
            input_contact::Entity::insert(input_contact::ActiveModel {
                input_id: Set(id),
                email: Set(contact.email.as_str().to_owned()),
                lang: Set(contact.lang.clone()),
                created_at: Set(Utc::now()),
                asked_at: Set(None),
            })
            .exec(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(id)
    }

    /// The problem for `field` if `point` lies outside the municipality's boundary (when
    /// one is known).
    async fn outside(&self, point: Coordinates, field: &str) -> Result<Option<FieldError>> {
        let Some(map) = self.db().boundary(&self.municipality().code).await? else {
            return Ok(None);
        };
        Ok((!map.boundary.contains(point)).then(|| {
            FieldError::new(
                field,
                Problem::OutsideMunicipality {
                    municipality: self.municipality().official_name.to_string(),
                },
            )
        }))
    }

    /// The municipality's inputs in one status, newest first.
    pub async fn inputs(&self, status: InputStatus) -> Result<Vec<StoredInput>> {
        citizen_input::Entity::find()
            .filter(citizen_input::Column::MunicipalityCode.eq(self.code()))
            .filter(citizen_input::Column::Status.eq(status.code()))
            .order_by_desc(citizen_input::Column::ReceivedAt)
            .order_by_desc(citizen_input::Column::Id)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(to_input)
            .collect()
    }

    /// Publishes or hides an input. Audited with who did what and which parts the moderator
    /// changed, but without the input's text, address or point: what a moderator edits
    /// out (a name, a phone number, a door) must not live on in the audit log.
    ///
    /// `announcements` (what followers of its places are told when it is published) are
    /// stored and queued in the same transaction, only if this publishes it (it was not
    /// published already).
    pub async fn moderate_input(
        &self,
        actor: Actor,
        id: i32,
        action: &Moderation,
        announcements: &[crate::follows::Announcement],
    ) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let before = own_input(&txn, self.code(), id, None).await?;
        let now = Utc::now();
        let mut update = citizen_input::Entity::update_many()
            .col_expr(citizen_input::Column::ModeratedAt, Expr::value(now))
            .filter(citizen_input::Column::Id.eq(id));
        let (status, after) = match action {
            Moderation::Publish { text, place, links } => {
                self.check_links(&txn, links).await?;
                let stored_point = match (before.lat, before.lon) {
                    (Some(lat), Some(lon)) => Coordinates::new(lat, lon).ok(),
                    _ => None,
                };
                let address = match &place.address {
                    None => before.address.clone(),
                    Some(edited) => edited.as_ref().map(ToString::to_string),
                };
                let same = |a: Coordinates, b: Coordinates| {
                    (a.lat() - b.lat()).abs() <= 5e-7 && (a.lon() - b.lon()).abs() <= 5e-7
                };
                let point = match place.point {
                    None => stored_point,
                    Some(Some(p)) if stored_point.is_some_and(|s| same(s, p)) => stored_point,
                    Some(edited) => edited,
                };
                let point_public = point.is_some() && place.point_public;
                if let Some(p) = point
                    && Some(p) != stored_point
                    && let Some(outside) = self.outside(p, "point").await?
                {
                    return Err(Error::Invalid(vec![outside]));
                }
                let point_change = match (stored_point, point) {
                    (None, None) => "none",
                    (Some(_), None) => "removed",
                    (a, b) if a == b => "kept",
                    _ => "moved",
                };
                update = update
                    .col_expr(citizen_input::Column::Address, Expr::value(address.clone()))
                    .col_expr(
                        citizen_input::Column::Lat,
                        Expr::value(point.map(|p| p.lat())),
                    )
                    .col_expr(
                        citizen_input::Column::Lon,
                        Expr::value(point.map(|p| p.lon())),
                    )
                    .col_expr(
                        citizen_input::Column::PointPublic,
                        Expr::value(point_public),
                    )
                    .col_expr(citizen_input::Column::Body, Expr::value(text.to_string()))
                    .col_expr(
                        citizen_input::Column::CommitmentId,
                        Expr::value(links.commitment),
                    )
                    .col_expr(
                        citizen_input::Column::FocusPromiseId,
                        Expr::value(links.focus.as_ref().map(|f| f.promise)),
                    )
                    .col_expr(
                        citizen_input::Column::FocusArea,
                        Expr::value(links.focus.as_ref().map(|f| f.area.clone())),
                    )
                    .col_expr(
                        citizen_input::Column::HiddenReason,
                        Expr::value(Option::<String>::None),
                    );
                (
                    InputStatus::Published,
                    serde_json::json!({
                        "text_edited": text.as_str() != before.body,
                        "address_edited": address != before.address,
                        "point": point_change,
                        "point_public": point_public,
                        "commitment": links.commitment,
                        "focus": links.focus.as_ref().map(|f| f.area.as_str()),
                    }),
                )
            }
            Moderation::Hide { reason } => {
                update = update.col_expr(
                    citizen_input::Column::HiddenReason,
                    Expr::value(reason.to_string()),
                );
                // The reason stays on the input (for staff, until it is deleted); the
                // audit says only that one was given, since it may quote the input.
                (
                    InputStatus::Hidden,
                    serde_json::json!({ "reason_given": true }),
                )
            }
        };
        update
            .col_expr(citizen_input::Column::Status, Expr::value(status.code()))
            .exec(&txn)
            .await?;
        // News only the first time: a second moderator publishing it again (or the same
        // one twice) tells nobody twice.
        if status == InputStatus::Published && before.status != InputStatus::Published.code() {
            for announcement in announcements {
                crate::follows::announce(&txn, announcement, now).await?;
            }
        }
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "citizen_input",
                entity_id: id,
                promise_id: None,
                action: status.code(),
                before: Some(serde_json::json!({ "status": before.status }).to_string()),
                after: Some(after.to_string()),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

impl Tenant {
    /// Refuses links to another municipality's commitment or to a focus area its promise
    /// does not have.
    pub(crate) async fn check_links(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        links: &Links,
    ) -> Result<()> {
        if let Some(c) = links.commitment {
            self.check_commitment(conn, c).await?;
        }
        if let Some(focus) = &links.focus {
            use crate::entity::promise;
            let areas: Option<Vec<String>> = promise::Entity::find_by_id(focus.promise)
                .filter(promise::Column::MunicipalityCode.eq(self.code()))
                .one(conn)
                .await?
                .map(|p| crate::tenant::from_json(&p.focus_areas, "focus areas"))
                .transpose()?;
            if !areas.is_some_and(|a| a.contains(&focus.area)) {
                return Err(Error::Invalid(vec![FieldError::new(
                    "focus",
                    Problem::Choice,
                )]));
            }
        }
        Ok(())
    }

    /// Refuses a commitment id that is not one of this municipality's.
    pub(crate) async fn check_commitment(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        id: i32,
    ) -> Result<()> {
        use crate::entity::{commitment, promise};
        let found = match commitment::Entity::find_by_id(id).one(conn).await? {
            Some(c) => promise::Entity::find_by_id(c.promise_id)
                .filter(promise::Column::MunicipalityCode.eq(self.code()))
                .one(conn)
                .await?
                .is_some(),
            None => false,
        };
        if found {
            Ok(())
        } else {
            Err(Error::Invalid(vec![FieldError::new(
                "commitment",
                Problem::Choice,
            )]))
        }
    }

    /// Published inputs and all findings linked to one of `commitments` or to a focus
    /// area of the promise `promise`.
    pub async fn linked_to(
        &self,
        promise: i32,
        commitments: &[i32],
    ) -> Result<(Vec<StoredInput>, Vec<crate::safety_walks::StoredFinding>)> {
        let inputs = citizen_input::Entity::find()
            .filter(citizen_input::Column::MunicipalityCode.eq(self.code()))
            .filter(citizen_input::Column::Status.eq(InputStatus::Published.code()))
            .filter(
                sea_orm::Condition::any()
                    .add(citizen_input::Column::CommitmentId.is_in(commitments.iter().copied()))
                    .add(citizen_input::Column::FocusPromiseId.eq(promise)),
            )
            .order_by_desc(citizen_input::Column::ReceivedAt)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(to_input)
            .collect::<Result<Vec<_>>>()?;
        let findings = self
            .findings(None)
            .await?
            .into_iter()
            .filter(|f| {
                f.commitment.is_some_and(|c| commitments.contains(&c))
                    || f.focus.as_ref().is_some_and(|l| l.promise == promise)
            })
            .collect();
        Ok((inputs, findings))
    }
}

impl Db {
    /// Deletes inputs that were never published and are older than
    /// [`UNPUBLISHED_KEPT_DAYS`]; returns how many. Run at start and hourly by `serve` (`lofte_web::housekeeping`).
    ///
    /// Their audit rows keep who did what and when, but lose their details (a hiding
    /// reason may quote the input), in the same transaction.
    pub async fn purge_unpublished_inputs(&self, now: DateTime<Utc>) -> Result<u64> {
        use crate::entity::audit_log;
        use sea_orm::sea_query::ExprTrait;
        let cutoff = now - chrono::Duration::days(UNPUBLISHED_KEPT_DAYS);
        let old = || {
            citizen_input::Column::Status
                .ne(InputStatus::Published.code())
                .and(citizen_input::Column::ReceivedAt.lt(cutoff))
        };
        let txn = self.begin_write().await?;
        let ids: Vec<i32> = citizen_input::Entity::find()
            .select_only()
            .column(citizen_input::Column::Id)
            .filter(old())
            .into_tuple()
            .all(&txn)
            .await?;
        for chunk in ids.chunks(500) {
            audit_log::Entity::update_many()
                .col_expr(
                    audit_log::Column::Before,
                    Expr::value(Option::<String>::None),
                )
                .col_expr(
                    audit_log::Column::After,
                    Expr::value(Option::<String>::None),
                )
                .filter(audit_log::Column::Entity.eq("citizen_input"))
                .filter(audit_log::Column::EntityId.is_in(chunk.iter().copied()))
                .exec(&txn)
                .await?;
        }
        // Exactly the inputs whose audit rows were emptied: one moderated in between
        // (on PostgreSQL a concurrent write may land between the two statements) waits
        // for the next round.
        let mut deleted = 0;
        for chunk in ids.chunks(500) {
            deleted += citizen_input::Entity::delete_many()
                .filter(citizen_input::Column::Id.is_in(chunk.iter().copied()))
                .exec(&txn)
                .await?
                .rows_affected;
        }
        txn.commit().await?;
        Ok(deleted)
    }
}

/// Municipality `code`'s input `id` (only if in `status`, when one is given), or
/// `NotFound`: a municipality's staff never reach another's inputs.
///
/// Read to be changed: the row stays locked against other writers until `txn` ends
/// (`FOR UPDATE` on PostgreSQL; SQLite's writers take turns anyway), so what the writer
/// decides from it, such as whom to tell, still holds when it commits. Without it, two
/// moderators saving at once on PostgreSQL would each see the old row and each tell.
pub(crate) async fn own_input(
    txn: &sea_orm::DatabaseTransaction,
    code: &str,
    id: i32,
    status: Option<InputStatus>,
) -> Result<citizen_input::Model> {
    let mut query = citizen_input::Entity::find_by_id(id)
        .filter(citizen_input::Column::MunicipalityCode.eq(code))
        .lock_exclusive();
    if let Some(status) = status {
        query = query.filter(citizen_input::Column::Status.eq(status.code()));
    }
    query.one(txn).await?.ok_or(Error::NotFound)
}
