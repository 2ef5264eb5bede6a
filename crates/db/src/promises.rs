//! Promises and their commitments, always within one municipality (a [`Tenant`]).

use chrono::Utc;
use lofte_domain::exchange::{
    CommitmentDocument, FinalReportDocument, FollowUpDocument, InternalFollowUpDocument,
    KindDocument, OutcomeGoalDocument, PartyDocument, PromiseDocument, SignatoryDocument,
    StatusDocument, TargetDocument, YearsDocument,
};
use lofte_domain::{FieldError, Problem, Promise, PromiseStatus, Year, YearSpan};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{commitment, promise, publication};
use crate::tenant::{Tenant, from_json, to_json};
use crate::{Db, Error, Result};

/// Which promises a query may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Published and closed promises: what residents see.
    Public,
    /// Every status, drafts included: what staff of the municipality see.
    All,
}

impl Visibility {
    pub(crate) fn statuses(self) -> Vec<String> {
        PromiseStatus::ALL
            .into_iter()
            .filter(|s| self == Visibility::All || s.is_public())
            .map(|s| s.as_str().to_owned())
            .collect()
    }
}

/// A promise as stored: the domain value plus its identity and version.
#[derive(Debug, Clone)]
pub struct StoredPromise {
    pub id: i32,
    pub version: i32,
    /// Ids of the commitments, in the same order as `promise.commitments`.
    pub commitment_ids: Vec<i32>,
    pub promise: Promise,
}

/// One line of a municipality's list of promises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseSummary {
    pub years: YearSpan,
    pub title: String,
    pub status: PromiseStatus,
}

impl Db {
    /// Stores a promise for the municipality it names: resolves the tenant, then
    /// [`Tenant::create_promise`]. Used by imports, where the municipality comes from
    /// the document.
    pub async fn import_promise(&self, actor: Actor, promise: &Promise) -> Result<StoredPromise> {
        let Some(tenant) = self.tenant(&promise.municipality).await? else {
            return Err(Error::Invalid(vec![FieldError::new(
                "municipality",
                Problem::UnknownMunicipality {
                    code: promise.municipality.to_string(),
                },
            )]));
        };
        tenant.create_promise(actor, promise).await
    }
}

impl Tenant {
    /// Refuses a commitment whose target names places or an activity type the
    /// municipality does not have.
    pub(crate) async fn check_references_of(&self, c: &lofte_domain::Commitment) -> Result<()> {
        let mut places = Vec::new();
        let mut types = Vec::new();
        if let Some(t) = &c.target {
            for (j, code) in t.activities.iter().enumerate() {
                let path = if t.activities.len() == 1 {
                    "target.activity".to_owned()
                } else {
                    format!("target.activity[{j}]")
                };
                types.push((path, code));
            }
            for (field, scope) in [("scope", Some(&t.scope)), ("emphasis", t.emphasis.as_ref())] {
                if let Some(lofte_domain::PlaceScope::Places(slugs)) = scope {
                    for (j, slug) in slugs.iter().enumerate() {
                        places.push((format!("target.{field}.places[{j}]"), slug));
                    }
                }
            }
        }
        self.check_references(places, types).await
    }

    /// Reports every place and activity type named that the municipality does not have,
    /// each at its field path.
    pub(crate) async fn check_references(
        &self,
        places: Vec<(String, &lofte_domain::PlaceSlug)>,
        types: Vec<(String, &lofte_domain::ActivityTypeCode)>,
    ) -> Result<()> {
        let known: Vec<String> = self
            .db()
            .places(&self.municipality().code)
            .await?
            .into_iter()
            .map(|p| p.slug.to_string())
            .collect();
        let catalogue = self.activity_types().await?;
        let mut unknown: Vec<FieldError> = places
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
        unknown.extend(
            types
                .into_iter()
                .filter(|(_, code)| catalogue.get(code.as_str()).is_none())
                .map(|(path, code)| {
                    FieldError::new(
                        path,
                        Problem::UnknownActivityType {
                            value: code.to_string(),
                        },
                    )
                }),
        );
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(unknown))
        }
    }

    /// The municipality's promises, newest first.
    pub async fn promises(&self, visibility: Visibility) -> Result<Vec<PromiseSummary>> {
        promise::Entity::find()
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .filter(promise::Column::Status.is_in(visibility.statuses()))
            .order_by_desc(promise::Column::FirstYear)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(|p| {
                let corrupt = || Error::Corrupt(format!("promise {}", p.id));
                let first = Year::new(p.first_year).map_err(|_| corrupt())?;
                let last = Year::new(p.last_year).map_err(|_| corrupt())?;
                Ok(PromiseSummary {
                    years: YearSpan::new(first, last).map_err(|_| corrupt())?,
                    title: p.title,
                    status: PromiseStatus::parse(&p.status).map_err(|_| corrupt())?,
                })
            })
            .collect()
    }

    /// The promise whose years include `year`, if any is visible.
    pub async fn promise_for_year(
        &self,
        year: Year,
        visibility: Visibility,
    ) -> Result<Option<StoredPromise>> {
        let row = promise::Entity::find()
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .filter(promise::Column::Status.is_in(visibility.statuses()))
            .filter(promise::Column::FirstYear.lte(year.get()))
            .filter(promise::Column::LastYear.gte(year.get()))
            .one(self.db().conn())
            .await?;
        match row {
            Some(row) => self.load(row).await.map(Some),
            None => Ok(None),
        }
    }

    /// The promise residents should see first: the one covering `today`'s year, else
    /// the newest visible one.
    pub async fn current_promise(
        &self,
        today: Year,
        visibility: Visibility,
    ) -> Result<Option<StoredPromise>> {
        if let Some(p) = self.promise_for_year(today, visibility).await? {
            return Ok(Some(p));
        }
        let newest = promise::Entity::find()
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .filter(promise::Column::Status.is_in(visibility.statuses()))
            .order_by_desc(promise::Column::FirstYear)
            .one(self.db().conn())
            .await?;
        match newest {
            Some(row) => self.load(row).await.map(Some),
            None => Ok(None),
        }
    }

    /// Stores a new promise with its commitments, all or nothing. Refuses a promise of
    /// another municipality, one that names unknown places, and one whose years overlap
    /// an existing promise (the existing one is left untouched).
    pub async fn create_promise(&self, actor: Actor, new: &Promise) -> Result<StoredPromise> {
        if new.municipality != self.municipality().code {
            return Err(Error::Invalid(vec![FieldError::new(
                "municipality",
                Problem::OtherMunicipality {
                    expected: self.municipality().code.to_string(),
                },
            )]));
        }
        self.check_references(new.place_references(), new.activity_type_references())
            .await?;
        self.check_indicator_references(self.db().conn(), new)
            .await?;

        let txn = self.db().begin_write().await?;
        let overlapping = promise::Entity::find()
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .filter(promise::Column::FirstYear.lte(new.years.last().get()))
            .filter(promise::Column::LastYear.gte(new.years.first().get()))
            .one(&txn)
            .await?;
        if let Some(existing) = overlapping {
            return Err(self.exists(existing.first_year.max(new.years.first().get())));
        }
        let document = PromiseDocument::from(new);
        let now = Utc::now();
        let row = promise::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            first_year: Set(document.years.first),
            last_year: Set(document.years.last),
            title: Set(document.title),
            aim: Set(document.aim),
            focus_areas: Set(to_json(&document.focus_areas)),
            focus_text: Set(document.focus_text),
            outcome_measure: Set(outcome_measure_json(&document.outcome_goal)),
            outcome_goal: Set(document.outcome_goal.text),
            outcome_measured_in: Set(document.outcome_goal.measured_in),
            follow_up_internal: Set(to_json(&document.follow_up.internal)),
            final_report_year: Set(document.follow_up.final_report.year),
            final_report_quarter: Set(document.follow_up.final_report.quarter.into()),
            status: Set(new.status.as_str().to_owned()),
            signed_on: Set(document.signed_on),
            signatories: Set(to_json(&document.signatories)),
            continues_year: Set(document.continues),
            english: Set(document.english.as_ref().map(to_json)),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let inserted = match promise::Entity::insert(row).exec(&txn).await {
            Ok(result) => result.last_insert_id,
            // Lost a race with another writer for the same starting year.
            Err(e) if is_unique_violation(&e) => {
                return Err(self.exists(new.years.first().get()));
            }
            Err(e) => return Err(e.into()),
        };
        for (position, c) in document.commitments.into_iter().enumerate() {
            insert_commitment(&txn, inserted, position, c).await?;
        }
        let stored = self.load_by_id(&txn, inserted).await?;
        record_change(
            txn,
            &stored,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "promise",
                entity_id: inserted,
                promise_id: Some(inserted),
                action: "create",
                before: None,
                after: Some(to_json(&PromiseDocument::from(&stored.promise))),
            },
        )
        .await?;
        Ok(stored)
    }

    fn exists(&self, year: i32) -> Error {
        Error::Invalid(vec![FieldError::new(
            "years",
            Problem::PromiseExists {
                municipality: self.code().to_owned(),
                year,
            },
        )])
    }

    /// The public promise that is `promise` or holds the commitment `commitment`
    /// (whichever is given), if there is one.
    pub async fn public_promise_holding(
        &self,
        promise: Option<i32>,
        commitment: Option<i32>,
    ) -> Result<Option<StoredPromise>> {
        let id = match (promise, commitment) {
            (Some(id), _) => id,
            (None, Some(commitment)) => match commitment::Entity::find_by_id(commitment)
                .one(self.db().conn())
                .await?
            {
                Some(row) => row.promise_id,
                None => return Ok(None),
            },
            (None, None) => return Ok(None),
        };
        let Some(row) = promise::Entity::find_by_id(id)
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
        else {
            return Ok(None);
        };
        let stored = self.load(row).await?;
        Ok(stored.promise.status.is_public().then_some(stored))
    }

    async fn load(&self, row: promise::Model) -> Result<StoredPromise> {
        let commitments = commitment::Entity::find()
            .filter(commitment::Column::PromiseId.eq(row.id))
            .order_by_asc(commitment::Column::Position)
            .all(self.db().conn())
            .await?;
        assemble(row, commitments)
    }

    pub(crate) async fn load_by_id(
        &self,
        conn: &impl ConnectionTrait,
        id: i32,
    ) -> Result<StoredPromise> {
        let row = promise::Entity::find_by_id(id)
            .filter(promise::Column::MunicipalityCode.eq(self.code()))
            .one(conn)
            .await?
            .ok_or_else(|| Error::Corrupt(format!("promise {id} vanished")))?;
        let commitments = commitment::Entity::find()
            .filter(commitment::Column::PromiseId.eq(id))
            .order_by_asc(commitment::Column::Position)
            .all(conn)
            .await?;
        assemble(row, commitments)
    }
}

pub(crate) async fn insert_commitment(
    conn: &impl ConnectionTrait,
    promise_id: i32,
    position: usize,
    c: CommitmentDocument,
) -> Result<()> {
    let row = commitment::ActiveModel {
        promise_id: Set(promise_id),
        position: Set(i32::try_from(position).expect("at most MAX_COMMITMENTS")),
        party: Set(to_json(&c.party)),
        text: Set(c.text),
        kind: Set(to_json(&c.kind)),
        target: Set(c.target.as_ref().map(to_json)),
        local_plan: Set(c.local_plan),
        english: Set(c.english.map(|e| e.text)),
        incident_indicator: Set(c.incident_indicator.as_ref().map(to_json)),
        version: Set(1),
        ..Default::default()
    };
    commitment::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Rebuilds the domain promise from its rows through the exchange format, so stored data
/// passes the same parser as imported data.
fn assemble(row: promise::Model, commitments: Vec<commitment::Model>) -> Result<StoredPromise> {
    let commitment_ids = commitments.iter().map(|c| c.id).collect();
    let measure: OutcomeMeasureJson = match &row.outcome_measure {
        Some(json) => from_json(json, "outcome measure")?,
        None => OutcomeMeasureJson::default(),
    };
    let document = PromiseDocument {
        municipality: row.municipality_code,
        years: YearsDocument {
            first: row.first_year,
            last: row.last_year,
        },
        title: row.title,
        aim: row.aim,
        focus_areas: from_json(&row.focus_areas, "focus areas")?,
        focus_text: row.focus_text,
        outcome_goal: OutcomeGoalDocument {
            text: row.outcome_goal,
            measured_in: row.outcome_measured_in,
            baseline_year: measure.baseline_year,
            indicators: measure.indicators,
        },
        follow_up: FollowUpDocument {
            internal: from_json::<InternalFollowUpDocument>(&row.follow_up_internal, "follow-up")?,
            final_report: FinalReportDocument {
                year: row.final_report_year,
                quarter: u8::try_from(row.final_report_quarter)
                    .map_err(|_| Error::Corrupt("final report quarter".into()))?,
            },
        },
        status: from_json::<StatusDocument>(&format!("\"{}\"", row.status), "status")?,
        signed_on: row.signed_on,
        signatories: from_json::<Vec<SignatoryDocument>>(&row.signatories, "signatories")?,
        continues: row.continues_year,
        english: row
            .english
            .as_deref()
            .map(|e| from_json(e, "english texts"))
            .transpose()?,
        commitments: commitments
            .into_iter()
            .map(|c| {
                Ok(CommitmentDocument {
                    party: from_json::<PartyDocument>(&c.party, "party")?,
                    text: c.text,
                    kind: from_json::<KindDocument>(&c.kind, "kind")?,
                    target: c
                        .target
                        .as_deref()
                        .map(|t| from_json::<TargetDocument>(t, "target"))
                        .transpose()?,
                    local_plan: c.local_plan,
                    english: c
                        .english
                        .map(|text| lofte_domain::exchange::CommitmentEnglishDocument { text }),
                    incident_indicator: c
                        .incident_indicator
                        .as_deref()
                        .map(|i| from_json(i, "incident indicator"))
                        .transpose()?,
                })
            })
            .collect::<Result<_>>()?,
    };
    let promise = document.into_promise().map_err(|errors| {
        Error::Corrupt(format!(
            "promise {}: {}",
            row.id,
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    Ok(StoredPromise {
        id: row.id,
        version: row.version,
        commitment_ids,
        promise,
    })
}

fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// How an outcome goal's survey link is stored: the exchange format's fields as one JSON
/// column, NULL when the goal is not linked.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct OutcomeMeasureJson {
    baseline_year: Option<i32>,
    indicators: Vec<lofte_domain::exchange::OutcomeIndicatorDocument>,
}

pub(crate) fn outcome_measure_json(
    goal: &lofte_domain::exchange::OutcomeGoalDocument,
) -> Option<String> {
    (goal.baseline_year.is_some() || !goal.indicators.is_empty()).then(|| {
        to_json(&OutcomeMeasureJson {
            baseline_year: goal.baseline_year,
            indicators: goal.indicators.clone(),
        })
    })
}

/// Ends a change to a promise: its audit row, a publication snapshot when the promise is
/// public (what residents see changed), and the commit, all in `txn`. Every change to a
/// promise's content ends here; a status change (`Tenant::move_status`) and a correction
/// of a closed promise (whose snapshot carries its note) make their own.
pub(crate) async fn record_change(
    txn: sea_orm::DatabaseTransaction,
    after: &StoredPromise,
    record: AuditRecord<'_>,
) -> Result<()> {
    audit(&txn, record).await?;
    if after.promise.status.is_public() {
        snapshot(&txn, after).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Records the promise as the public now sees it.
pub(crate) async fn snapshot(conn: &impl ConnectionTrait, stored: &StoredPromise) -> Result<()> {
    snapshot_noted(conn, stored, None).await
}

/// [`snapshot`], with the note of a correction of a closed promise's texts.
pub(crate) async fn snapshot_noted(
    conn: &impl ConnectionTrait,
    stored: &StoredPromise,
    correction_note: Option<String>,
) -> Result<()> {
    publication::Entity::insert(publication::ActiveModel {
        promise_id: Set(stored.id),
        promise_version: Set(stored.version),
        published_at: Set(Utc::now()),
        document: Set(to_json(&PromiseDocument::from(&stored.promise))),
        correction_note: Set(correction_note),
        commitment_ids: Set(Some(to_json(&stored.commitment_ids))),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
