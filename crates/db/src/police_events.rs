//! The police's public events, imported from the feed's files and kept: each assigned to a
//! municipality (or to none, a county's summary) with how sure that is, and counted for
//! the situation picture beside the municipality's own reports.
//!
//! An import is one transaction; a file that does not fit stores nothing. The feed's id
//! is the key, so importing overlapping files (the feed shows the last few hundred
//! events) keeps each event once.

use std::collections::HashMap;

use chrono::{Timelike as _, Utc};
use lofte_domain::police_event::{Assigned, PoliceEvent, parse_feed};
use lofte_domain::{Boundary, FieldError, MunicipalityCode};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::activities::stored_day;
use crate::entity::{municipality, police_event};
use crate::tenant::Tenant;
use crate::{Db, Error, Result};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventsSummary {
    pub added: u64,
    /// Events already kept from an earlier file.
    pub already_there: u64,
    /// The file's events by how they were assigned, surest first.
    pub assigned: Vec<(Assigned, u64)>,
    /// Events no municipality could be told for (a county's summary).
    pub unassigned: u64,
}

/// A municipality's events of a period, by the police's type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// (type, count), most first.
    pub by_kind: Vec<(String, u64)>,
    /// How many were assigned by the title or the point only, not the location's name.
    pub less_sure: u64,
    /// Whether any is made-up demo data.
    pub synthetic: bool,
}

const BATCH: usize = 500;

impl Db {
    /// Imports a feed file whole, or nothing and every problem with its path.
    pub async fn import_police_events(
        &self,
        json: &str,
        synthetic: bool,
    ) -> Result<std::result::Result<EventsSummary, Vec<FieldError>>> {
        match parse_feed(json) {
            Ok(events) => Ok(Ok(self.add_police_events(&events, synthetic).await?)),
            Err(errors) => Ok(Err(errors)),
        }
    }

    /// Keeps checked events, each once, assigned to a municipality where one can be told.
    pub async fn add_police_events(
        &self,
        events: &[PoliceEvent],
        synthetic: bool,
    ) -> Result<EventsSummary> {
        let regions = crate::crime_stats::Regions::load(self).await?;
        let named = |name: &str| regions.find(name).ok();
        // Boundaries are read only if some event is named by neither its location nor
        // its title.
        let needs_point = events
            .iter()
            .any(|e| e.point.is_some() && e.assign(named, |_| None).is_none());
        let boundaries = if needs_point {
            self.boundaries().await?
        } else {
            Vec::new()
        };
        let within = |p| {
            boundaries
                .iter()
                .find(|(_, b)| b.contains(p))
                .map(|(code, _)| code.clone())
        };
        let mut summary = EventsSummary::default();
        let mut by_assignment: HashMap<Assigned, u64> = HashMap::new();
        let now = Utc::now();
        let rows: Vec<police_event::ActiveModel> = events
            .iter()
            .map(|e| {
                let assignment = e.assign(named, within);
                match assignment {
                    Some((_, how)) => *by_assignment.entry(how).or_default() += 1,
                    None => summary.unassigned += 1,
                }
                police_event::ActiveModel {
                    id: Set(e.id),
                    municipality_code: Set(assignment.as_ref().map(|(c, _)| c.to_string())),
                    assigned: Set(assignment.map(|(_, how)| how.code().to_owned())),
                    occurred_at: Set(e.at),
                    local_day: Set(stored_day(e.local.date())),
                    local_hour: Set(e.local.hour() as i32),
                    name: Set(e.name.to_string()),
                    summary: Set(e.summary.as_ref().map(ToString::to_string)),
                    url: Set(e.url.clone()),
                    kind: Set(e.kind.to_string()),
                    location_name: Set(e.location_name.to_string()),
                    lat: Set(e.point.map(|p| p.lat())),
                    lon: Set(e.point.map(|p| p.lon())),
                    synthetic: Set(synthetic),
                    imported_at: Set(now),
                }
            })
            .collect();
        let txn = self.begin_write().await?;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<_> = rows.by_ref().take(BATCH).collect();
            summary.added += police_event::Entity::insert_many(chunk)
                .on_conflict(
                    OnConflict::column(police_event::Column::Id)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        summary.already_there = events.len() as u64 - summary.added;
        let mut assigned: Vec<(Assigned, u64)> = by_assignment.into_iter().collect();
        assigned.sort();
        summary.assigned = assigned;
        Ok(summary)
    }

    /// Every municipality's boundary that a profile gave.
    async fn boundaries(&self) -> Result<Vec<(MunicipalityCode, Boundary)>> {
        let rows = municipality::Entity::find()
            .select_only()
            .column(municipality::Column::Code)
            .column(municipality::Column::Boundary)
            .filter(municipality::Column::Boundary.is_not_null())
            .into_tuple::<(String, Option<String>)>()
            .all(self.conn())
            .await?;
        rows.into_iter()
            .filter_map(|(code, geojson)| Some((code, geojson?)))
            .map(|(code, geojson)| {
                let corrupt = || Error::Corrupt(format!("boundary of {code}"));
                let value: serde_json::Value =
                    serde_json::from_str(&geojson).map_err(|_| corrupt())?;
                Ok((
                    MunicipalityCode::parse(&code).map_err(|_| corrupt())?,
                    Boundary::from_geojson(&value).map_err(|_| corrupt())?,
                ))
            })
            .collect()
    }
}

impl Tenant {
    /// The police's events assigned here that happened on the Swedish local days `from`
    /// to `to`, by type.
    pub async fn police_event_counts(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<EventCounts> {
        #[derive(sea_orm::FromQueryResult)]
        struct Row {
            kind: String,
            assigned: Option<String>,
            n: i64,
            synthetic: i64,
        }
        let rows = police_event::Entity::find()
            .select_only()
            .column(police_event::Column::Kind)
            .column(police_event::Column::Assigned)
            .column_as(police_event::Column::Id.count(), "n")
            .column_as(
                sea_orm::sea_query::Expr::cust("SUM(CASE WHEN synthetic THEN 1 ELSE 0 END)"),
                "synthetic",
            )
            .filter(police_event::Column::MunicipalityCode.eq(self.code()))
            .filter(police_event::Column::LocalDay.between(stored_day(from), stored_day(to)))
            .group_by(police_event::Column::Kind)
            .group_by(police_event::Column::Assigned)
            .into_model::<Row>()
            .all(self.db().conn())
            .await?;
        let mut counts = EventCounts::default();
        let mut by_kind: HashMap<String, u64> = HashMap::new();
        for r in rows {
            let n = u64::try_from(r.n).unwrap_or(0);
            *by_kind.entry(r.kind).or_default() += n;
            if r.assigned.as_deref().and_then(Assigned::parse) != Some(Assigned::LocationName) {
                counts.less_sure += n;
            }
            counts.synthetic |= r.synthetic > 0;
        }
        counts.by_kind = by_kind.into_iter().collect();
        counts
            .by_kind
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(counts)
    }
}
