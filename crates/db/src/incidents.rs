//! Incident reports for the situation picture: added by a form or the API, imported from a
//! CSV file, and read back.
//!
//! Every way in parses with [`IncidentFields::parse`] and is idempotent: a report's dedup
//! key (its external id, or else its content) is unique per municipality. A file is
//! imported whole or not at all, with every bad cell named by line and column (up to
//! [`MAX_LISTED`]).

use chrono::{Timelike as _, Utc};
use lofte_domain::incident::{IncidentCategory, IncidentContext, NewIncident};
use lofte_domain::{Coordinates, FieldError, OrganisationKind, PlaceSlug, Problem, Reach, Text};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::activities::{ImportSummary, stored_day};
use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{api_token, incident, membership};
use crate::tenant::Tenant;
use crate::{Error, Result};

/// The columns an incident file may have, as the fields of [`IncidentFields`].
pub const INCIDENT_COLUMNS: [&str; 11] = [
    "external_id",
    "category",
    "date",
    "time",
    "end_date",
    "end_time",
    "place",
    "lat",
    "lon",
    "text",
    "reporter",
];

/// Other names for [`INCIDENT_COLUMNS`], as Swedish spreadsheets and reporting systems
/// head them (compared in lower case).
pub(crate) const COLUMN_ALIASES: [(&str, &[&str]); 11] = [
    (
        "external_id",
        &[
            "id",
            "externt id",
            "rapport-id",
            "ärendenummer",
            "löpnummer",
        ],
    ),
    (
        "category",
        &["kategori", "typ", "händelsetyp", "händelse", "type"],
    ),
    ("date", &["datum", "dag", "startdatum"]),
    ("time", &["tid", "klockslag", "starttid", "kl"]),
    ("end_date", &["slutdatum", "till datum", "t.o.m."]),
    ("end_time", &["sluttid", "till tid", "till kl"]),
    ("place", &["plats", "område", "ort", "adress/plats"]),
    ("lat", &["latitud", "latitude"]),
    ("lon", &["longitud", "longitude", "lng", "long"]),
    (
        "text",
        &[
            "beskrivning",
            "kommentar",
            "anteckning",
            "händelsebeskrivning",
        ],
    ),
    (
        "reporter",
        &[
            "rapportör",
            "organisation",
            "rapporterad av",
            "inrapporterad av",
            "uppgiftslämnare",
        ],
    ),
];

/// Rows per INSERT: well under SQLite's bind-parameter limit (17 values a row).
pub(crate) const BATCH: usize = 400;

/// A stored report, as the staff list and the picture read it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredIncident {
    pub id: i64,
    pub category: IncidentCategory,
    pub started_at: chrono::DateTime<Utc>,
    pub ended_at: Option<chrono::DateTime<Utc>>,
    /// The Swedish local hour it began, if the report gave a time of day.
    pub local_hour: Option<u32>,
    pub place: Option<PlaceSlug>,
    pub point: Option<Coordinates>,
    pub text: Option<String>,
    pub reporter: String,
    pub reviewed: bool,
    pub synthetic: bool,
}

/// The organisation a report is made for: the reporting account's or token's in this
/// municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingOrganisation {
    pub id: i32,
    pub name: String,
    pub kind: OrganisationKind,
}

impl Tenant {
    /// The organisation `actor` reports for here: a token's own, or the account's
    /// membership with the strongest role that reaches this municipality. None for the
    /// command line.
    pub async fn reporting_organisation(
        &self,
        actor: Actor,
    ) -> Result<Option<ReportingOrganisation>> {
        let db = self.db();
        let memberships: Vec<(i32, String)> = match actor {
            Actor::System => return Ok(None),
            Actor::ApiToken(id) => api_token::Entity::find_by_id(id)
                .one(db.conn())
                .await?
                .map(|t| (t.organisation_id, t.role))
                .into_iter()
                .collect(),
            Actor::Account(id) => membership::Entity::find()
                .filter(membership::Column::AccountId.eq(id))
                .all(db.conn())
                .await?
                .into_iter()
                .map(|m| (m.organisation_id, m.role))
                .collect(),
        };
        let mut best = None;
        for (organisation_id, role) in memberships {
            let grant = db.grant_of(organisation_id, &role).await?;
            let reaches = match &grant.reach {
                Reach::Everywhere => true,
                Reach::Municipalities(codes) => codes.contains(&self.municipality().code),
            };
            if reaches && best.as_ref().is_none_or(|(r, _)| grant.role > *r) {
                best = Some((grant.role, organisation_id));
            }
        }
        let Some((_, id)) = best else {
            return Ok(None);
        };
        let (name, kind) = db.organisation_kind(id).await?;
        Ok(Some(ReportingOrganisation { id, name, kind }))
    }

    /// Checks reports against this municipality: its places (by slug or name) and its
    /// boundary, now. `check` gets the context to parse with.
    pub async fn with_incident_context<T>(
        &self,
        check: impl FnOnce(&IncidentContext<'_>) -> T,
    ) -> Result<T> {
        let words = self.activity_vocabulary().await?;
        let map = self.db().boundary(&self.municipality().code).await?;
        let place = |raw: &str| words.place(raw);
        let context = IncidentContext {
            place: &place,
            boundary: map.as_ref().map(|m| &m.boundary),
            municipality: self.municipality().official_name.as_str(),
            now: Utc::now(),
        };
        Ok(check(&context))
    }

    /// Adds reports all or nothing (already parsed: a form's or the API's); sending the
    /// same reports again adds nothing.
    pub async fn add_incidents(
        &self,
        actor: Actor,
        items: &[NewIncident],
        synthetic: bool,
    ) -> Result<ImportSummary> {
        let mut writer = self.incident_writer(actor, synthetic).await?;
        for chunk in items.chunks(BATCH) {
            writer.add(self, chunk.to_vec()).await?;
        }
        writer.finish(self).await
    }

    /// The organisation `actor`'s reports are made for, and for a partner the name they
    /// carry whatever they say: every way in (form, API, file) stores this.
    pub(crate) async fn reporting_as(&self, actor: Actor) -> Result<(Option<i32>, Option<Text>)> {
        let organisation = self.reporting_organisation(actor).await?;
        let partner_name = match &organisation {
            Some(org) if org.kind == OrganisationKind::Partner => {
                let short: String = org.name.chars().take(NewIncident::MAX_REPORTER).collect();
                Some(
                    Text::parse(&short, NewIncident::MAX_REPORTER)
                        .map_err(|_| Error::Corrupt(format!("organisation name {}", org.name)))?,
                )
            }
            _ => None,
        };
        Ok((organisation.map(|o| o.id), partner_name))
    }

    /// A transaction that takes reports in batches, for the reporting organisation of
    /// `actor`: a partner's reports carry its name whatever they say.
    pub(crate) async fn incident_writer(
        &self,
        actor: Actor,
        synthetic: bool,
    ) -> Result<IncidentWriter> {
        let (organisation_id, partner_name) = self.reporting_as(actor).await?;
        Ok(IncidentWriter {
            txn: self.db().begin_write().await?,
            actor,
            organisation_id,
            partner_name,
            synthetic,
            added: 0,
            sent: 0,
        })
    }

    async fn insert_incidents(
        &self,
        conn: &impl ConnectionTrait,
        actor: Actor,
        organisation_id: Option<i32>,
        synthetic: bool,
        items: &[NewIncident],
    ) -> Result<u64> {
        if items.is_empty() {
            return Ok(0);
        }
        let (account_id, api_token_id) = actor.ids();
        let now = Utc::now();
        let rows = items.iter().map(|i| {
            let day = i.occurred.from.date();
            incident::ActiveModel {
                municipality_code: Set(self.code().to_owned()),
                category: Set(i.category.code().to_owned()),
                started_at: Set(i.started_at),
                ended_at: Set(i
                    .occurred
                    .until
                    .map(lofte_domain::followup::stockholm_to_utc)),
                local_day: Set(stored_day(day)),
                local_hour: Set(i.occurred.timed.then(|| i.occurred.from.hour() as i32)),
                place_slug: Set(i.place.as_ref().map(ToString::to_string)),
                lat: Set(i.point.map(|p| p.lat())),
                lon: Set(i.point.map(|p| p.lon())),
                text: Set(i.text.as_ref().map(ToString::to_string)),
                reporter: Set(i.reporter.to_string()),
                dedup_key: Set(i.dedup_key()),
                reviewed_at: Set(None),
                synthetic: Set(synthetic),
                account_id: Set(account_id),
                api_token_id: Set(api_token_id),
                created_at: Set(now),
                organisation_id: Set(organisation_id),
                ..Default::default()
            }
        });
        let added = incident::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    incident::Column::MunicipalityCode,
                    incident::Column::DedupKey,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
        Ok(added)
    }

    async fn audit_incidents(
        &self,
        conn: &impl ConnectionTrait,
        actor: Actor,
        added: u64,
        already_there: u64,
    ) -> Result<()> {
        audit(conn, self.incidents_audit(actor, added, already_there)).await
    }

    /// The audit row of reports added, however they came in.
    pub(crate) fn incidents_audit(
        &self,
        actor: Actor,
        added: u64,
        already_there: u64,
    ) -> AuditRecord<'_> {
        AuditRecord {
            actor,
            municipality: self.code(),
            entity: "incidents",
            entity_id: 0,
            promise_id: None,
            action: "add",
            before: None,
            after: Some(
                serde_json::json!({ "added": added, "already_there": already_there }).to_string(),
            ),
        }
    }

    /// The years with reports, newest first.
    pub async fn incident_years(&self) -> Result<Vec<i32>> {
        use sea_orm::{FromQueryResult, QuerySelect};
        #[derive(FromQueryResult)]
        struct Row {
            year: i32,
        }
        let rows = incident::Entity::find()
            .select_only()
            .column_as(
                sea_orm::sea_query::ExprTrait::div(
                    sea_orm::sea_query::Expr::col(incident::Column::LocalDay),
                    10_000,
                ),
                "year",
            )
            .filter(incident::Column::MunicipalityCode.eq(self.code()))
            .distinct()
            .into_model::<Row>()
            .all(self.db().conn())
            .await?;
        let mut years: Vec<i32> = rows.into_iter().map(|r| r.year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        Ok(years)
    }

    /// Whether the municipality has any report (its pages link to the picture then).
    pub async fn has_incidents(&self) -> Result<bool> {
        use sea_orm::PaginatorTrait;
        Ok(incident::Entity::find()
            .filter(incident::Column::MunicipalityCode.eq(self.code()))
            .count(self.db().conn())
            .await?
            > 0)
    }

    /// How many reports of each category began on the Swedish local days `from` to `to`,
    /// and whether any of them is made-up demo data.
    pub async fn incident_counts(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<(Vec<(IncidentCategory, u64)>, bool)> {
        use sea_orm::{FromQueryResult, QuerySelect};
        #[derive(FromQueryResult)]
        struct Row {
            category: String,
            n: i64,
            synthetic: i64,
        }
        let rows = incident::Entity::find()
            .select_only()
            .column(incident::Column::Category)
            .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
            .column_as(
                sea_orm::sea_query::Expr::cust("SUM(CASE WHEN synthetic THEN 1 ELSE 0 END)"),
                "synthetic",
            )
            .filter(incident::Column::MunicipalityCode.eq(self.code()))
            .filter(incident::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .group_by(incident::Column::Category)
            .into_model::<Row>()
            .all(self.db().conn())
            .await?;
        let mut synthetic = false;
        let counts = rows
            .into_iter()
            .map(|r| {
                synthetic |= r.synthetic > 0;
                let category = IncidentCategory::parse(&r.category)
                    .map_err(|_| Error::Corrupt(format!("incident category {}", r.category)))?;
                Ok((category, u64::try_from(r.n).unwrap_or(0)))
            })
            .collect::<Result<_>>()?;
        Ok((counts, synthetic))
    }

    /// The reports that began on the Swedish local days `from` to `to`, oldest first.
    pub async fn incidents(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<StoredIncident>> {
        self.incidents_of(None, from, to).await
    }

    /// The reports one organisation made here on the days `from` to `to`, oldest first.
    pub async fn organisation_incidents(
        &self,
        organisation_id: i32,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<StoredIncident>> {
        self.incidents_of(Some(organisation_id), from, to).await
    }

    async fn incidents_of(
        &self,
        organisation_id: Option<i32>,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<StoredIncident>> {
        let mut query =
            incident::Entity::find().filter(incident::Column::MunicipalityCode.eq(self.code()));
        if let Some(id) = organisation_id {
            query = query.filter(incident::Column::OrganisationId.eq(id));
        }
        let rows = query
            .filter(incident::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .order_by_asc(incident::Column::StartedAt)
            .order_by_asc(incident::Column::Id)
            .all(self.db().conn())
            .await?;
        rows.into_iter()
            .map(|r| {
                let corrupt = || Error::Corrupt(format!("incident {}", r.id));
                Ok(StoredIncident {
                    id: r.id,
                    category: IncidentCategory::parse(&r.category).map_err(|_| corrupt())?,
                    started_at: r.started_at,
                    ended_at: r.ended_at,
                    local_hour: r.local_hour.and_then(|h| u32::try_from(h).ok()),
                    place: r
                        .place_slug
                        .as_deref()
                        .map(PlaceSlug::parse)
                        .transpose()
                        .map_err(|_| corrupt())?,
                    point: match (r.lat, r.lon) {
                        (Some(lat), Some(lon)) => {
                            Some(Coordinates::new(lat, lon).map_err(|_| corrupt())?)
                        }
                        _ => None,
                    },
                    text: r.text,
                    reporter: r.reporter,
                    reviewed: r.reviewed_at.is_some(),
                    synthetic: r.synthetic,
                })
            })
            .collect()
    }
}

/// How many reports of a category began on one Swedish local day, at one hour (`None`:
/// the report gave no time of day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub day: chrono::NaiveDate,
    pub hour: Option<u32>,
    pub category: IncidentCategory,
    pub n: u64,
}

/// How many reports of a category were made at one place or one point.
#[derive(Debug, Clone, PartialEq)]
pub struct WhereCount {
    pub place: Option<PlaceSlug>,
    pub point: Option<Coordinates>,
    pub category: IncidentCategory,
    pub n: u64,
}

impl Tenant {
    /// The reports of the days `from` to `to`, counted by day, hour and category: the
    /// weeks and the time-of-week grid are made from these.
    pub async fn incident_day_counts(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<DayCount>> {
        use sea_orm::QuerySelect;
        let rows: Vec<(i32, Option<i32>, String, i64)> = incident::Entity::find()
            .select_only()
            .column(incident::Column::LocalDay)
            .column(incident::Column::LocalHour)
            .column(incident::Column::Category)
            .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
            .filter(incident::Column::MunicipalityCode.eq(self.code()))
            .filter(incident::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .group_by(incident::Column::LocalDay)
            .group_by(incident::Column::LocalHour)
            .group_by(incident::Column::Category)
            .into_tuple()
            .all(self.db().conn())
            .await?;
        rows.into_iter()
            .map(|(day, hour, category, n)| {
                let corrupt = || Error::Corrupt(format!("incident day {day} {category}"));
                Ok(DayCount {
                    day: crate::activities::date_of_stored_day(day).ok_or_else(corrupt)?,
                    hour: hour.and_then(|h| u32::try_from(h).ok()),
                    category: IncidentCategory::parse(&category).map_err(|_| corrupt())?,
                    n: u64::try_from(n).unwrap_or(0),
                })
            })
            .collect()
    }

    /// The reports of the days `from` to `to`, counted by place or point and category:
    /// the hot spots are made from these.
    pub async fn incident_where_counts(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<WhereCount>> {
        use sea_orm::QuerySelect;
        type Row = (Option<String>, Option<f64>, Option<f64>, String, i64);
        let rows: Vec<Row> = incident::Entity::find()
            .select_only()
            .column(incident::Column::PlaceSlug)
            .column(incident::Column::Lat)
            .column(incident::Column::Lon)
            .column(incident::Column::Category)
            .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
            .filter(incident::Column::MunicipalityCode.eq(self.code()))
            .filter(incident::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .group_by(incident::Column::PlaceSlug)
            .group_by(incident::Column::Lat)
            .group_by(incident::Column::Lon)
            .group_by(incident::Column::Category)
            .into_tuple()
            .all(self.db().conn())
            .await?;
        rows.into_iter()
            .map(|(place, lat, lon, category, n)| {
                let corrupt = || Error::Corrupt(format!("incident place {place:?} {category}"));
                Ok(WhereCount {
                    place: place
                        .as_deref()
                        .map(PlaceSlug::parse)
                        .transpose()
                        .map_err(|_| corrupt())?,
                    point: match (lat, lon) {
                        (Some(lat), Some(lon)) => {
                            Some(Coordinates::new(lat, lon).map_err(|_| corrupt())?)
                        }
                        _ => None,
                    },
                    category: IncidentCategory::parse(&category).map_err(|_| corrupt())?,
                    n: u64::try_from(n).unwrap_or(0),
                })
            })
            .collect()
    }
}

impl Tenant {
    /// How many reports an indicator counts on the days `from` to `to`, and whether any
    /// of them is made-up demo data.
    pub async fn indicator_count(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        indicator: &lofte_domain::incident::IncidentIndicator,
    ) -> Result<(u64, bool)> {
        use sea_orm::QuerySelect;
        let mut query = incident::Entity::find()
            .select_only()
            .column_as(sea_orm::sea_query::Expr::cust("COUNT(*)"), "n")
            .column_as(
                sea_orm::sea_query::Expr::cust("SUM(CASE WHEN synthetic THEN 1 ELSE 0 END)"),
                "synthetic",
            )
            .filter(incident::Column::MunicipalityCode.eq(self.code()))
            .filter(incident::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .filter(
                incident::Column::Category
                    .is_in(indicator.categories.iter().map(|c| c.code().to_owned())),
            );
        if !indicator.places.is_empty() {
            query = query.filter(
                incident::Column::PlaceSlug.is_in(indicator.places.iter().map(ToString::to_string)),
            );
        }
        if let Some(hours) = indicator.counted_hours() {
            query = query
                .filter(incident::Column::LocalHour.is_in(hours.into_iter().map(|h| h as i32)));
        }
        let row: Option<(i64, Option<i64>)> = query.into_tuple().one(self.db().conn()).await?;
        let (n, synthetic) = row.unwrap_or((0, None));
        Ok((u64::try_from(n).unwrap_or(0), synthetic.unwrap_or(0) > 0))
    }
}

/// A report's problems named `[index].field`, for the API.
pub fn indexed(index: usize, problems: Vec<(&'static str, Problem)>) -> Vec<FieldError> {
    problems
        .into_iter()
        .map(|(field, p)| FieldError::new(format!("[{index}].{field}"), p))
        .collect()
}

/// An open transaction that stores reports batch by batch; dropped unfinished, it stores
/// nothing.
pub(crate) struct IncidentWriter {
    pub(crate) txn: sea_orm::DatabaseTransaction,
    actor: Actor,
    organisation_id: Option<i32>,
    partner_name: Option<Text>,
    synthetic: bool,
    added: u64,
    sent: u64,
}

impl IncidentWriter {
    pub(crate) async fn add(&mut self, tenant: &Tenant, mut batch: Vec<NewIncident>) -> Result<()> {
        if let Some(name) = &self.partner_name {
            for item in &mut batch {
                item.reporter = name.clone();
            }
        }
        self.sent += batch.len() as u64;
        self.added += tenant
            .insert_incidents(
                &self.txn,
                self.actor,
                self.organisation_id,
                self.synthetic,
                &batch,
            )
            .await?;
        Ok(())
    }

    pub(crate) async fn finish(self, tenant: &Tenant) -> Result<ImportSummary> {
        let already_there = self.sent - self.added;
        tenant
            .audit_incidents(&self.txn, self.actor, self.added, already_there)
            .await?;
        self.txn.commit().await?;
        Ok(ImportSummary {
            added: self.added,
            already_there,
        })
    }
}

/// What a coordinator does with a report in the week's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Seen, and right as it is.
    Reviewed,
    /// Seen, in another category than the reporter chose.
    Recategorised(IncidentCategory),
    /// The same incident as another report: it goes, and the other stays.
    DuplicateOf(i64),
}

impl Tenant {
    /// Reviews one report of this municipality, with an audit row of what it was.
    /// `Error::NotFound` for a report of another municipality (or none), and for a
    /// duplicate of one.
    pub async fn review_incident(&self, actor: Actor, id: i64, review: Review) -> Result<()> {
        let txn = self.db().begin_write().await?;
        // Read to be changed: locked until this transaction ends (`FOR UPDATE` on
        // PostgreSQL; SQLite's writers take turns anyway).
        let mine = |id: i64| {
            incident::Entity::find_by_id(id)
                .filter(incident::Column::MunicipalityCode.eq(self.code()))
                .lock_exclusive()
        };
        let row = match review {
            // A merge locks both reports, the lower id first, so that two staff merging a
            // pair into each other at once take turns: the later finds its report gone,
            // instead of both deleting theirs and neither report being left.
            Review::DuplicateOf(kept) if kept != id => {
                let lower = mine(id.min(kept)).one(&txn).await?;
                let higher = mine(id.max(kept)).one(&txn).await?;
                let (row, kept_row) = if id < kept {
                    (lower, higher)
                } else {
                    (higher, lower)
                };
                kept_row.and(row)
            }
            _ => mine(id).one(&txn).await?,
        };
        let Some(row) = row else {
            return Err(Error::NotFound);
        };
        let before =
            serde_json::json!({ "category": row.category, "reviewed": row.reviewed_at.is_some() });
        let (action, after) = match review {
            Review::Reviewed | Review::Recategorised(_) => {
                let category = match review {
                    Review::Recategorised(c) => c.code().to_owned(),
                    _ => row.category.clone(),
                };
                incident::Entity::update(incident::ActiveModel {
                    id: Set(id),
                    category: Set(category.clone()),
                    reviewed_at: Set(Some(Utc::now())),
                    ..Default::default()
                })
                .exec(&txn)
                .await?;
                (
                    "review",
                    serde_json::json!({ "category": category, "reviewed": true }),
                )
            }
            Review::DuplicateOf(kept) => {
                // The report kept was found above, unless it is this one.
                if kept == id {
                    return Err(Error::NotFound);
                }
                incident::Entity::delete_by_id(id).exec(&txn).await?;
                ("merge", serde_json::json!({ "duplicate_of": kept }))
            }
        };
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "incident",
                entity_id: i32::try_from(id).unwrap_or(i32::MAX),
                promise_id: None,
                action,
                before: Some(before.to_string()),
                after: Some(after.to_string()),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// How long an incident report keeps its text: two years, so that this year's picture
/// and last year's can still be read in full. The report itself (category, when, where,
/// who reported) stays, since the picture counts it.
pub const INCIDENT_TEXT_KEPT_DAYS: i64 = 730;

impl crate::Db {
    /// Empties the texts of reports that began more than [`INCIDENT_TEXT_KEPT_DAYS`] ago;
    /// returns how many. A text is about places, never people, but someone may still
    /// have written more than they should. Run hourly by `serve` (`lofte_web::housekeeping`).
    pub async fn forget_old_incident_texts(&self, now: chrono::DateTime<Utc>) -> Result<u64> {
        let cutoff = now - chrono::Duration::days(INCIDENT_TEXT_KEPT_DAYS);
        let emptied = incident::Entity::update_many()
            .col_expr(
                incident::Column::Text,
                sea_orm::sea_query::Expr::value(Option::<String>::None),
            )
            .filter(incident::Column::StartedAt.lt(cutoff))
            .filter(incident::Column::Text.is_not_null())
            .exec(self.conn())
            .await?;
        Ok(emptied.rows_affected)
    }
}
