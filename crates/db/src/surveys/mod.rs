//! Safety surveys: the municipality's codebook, imports of response files, and the
//! figures of every indicator computed from what is stored.
//!
//! Responses are immutable once imported, so they are stored the way they are read: as
//! column blocks ([`chunk`]) written once per import, not as a row per respondent. An
//! import streams the file, checks each row against the codebook, appends it to the
//! current block and writes full blocks inside one transaction; respondent ids are only
//! checked for duplicates (in bounded memory, [`duplicates`]) and never stored. The
//! figures stream the blocks back one at a time into `domain::survey::Tally`.

mod chunk;
mod duplicates;
mod import;
mod regional;

pub use regional::{RegionalImport, is_xlsx, xlsx_to_csv};

use chrono::{DateTime, Utc};
use lofte_domain::stats::Rules;
use lofte_domain::survey::{Codebook, Figure, Tally, parse_codebook_json};
use lofte_domain::{FieldError, Problem, Promise, Year};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{survey_chunk, survey_codebook, survey_import, survey_year};
use crate::tenant::{Tenant, to_json};
use crate::{Error, Result};

/// What the caller knows about a response file.
#[derive(Debug, Clone, Default)]
pub struct SurveyFile {
    /// The file's name, kept to tell imports apart.
    pub name: Option<String>,
    /// The only year the file may hold, if the analyst said so.
    pub year: Option<Year>,
    /// Generated example data (the demo), shown as such.
    pub synthetic: bool,
    /// Replace the responses stored for the file's years (from whichever import) instead
    /// of refusing the file.
    pub replace: bool,
    /// Check everything and store nothing (the first pass of a file for several
    /// municipalities, `regional`).
    pub check_only: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurveyImported {
    Added {
        import_id: i32,
        rows: u64,
        /// Respondents per year.
        years: Vec<(Year, u64)>,
    },
    /// The same file (same SHA-256) was imported before; nothing was added.
    AlreadyThere { import_id: i32, rows: u64 },
}

/// A stored import, for the staff list.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyImportSummary {
    pub id: i32,
    pub file_name: Option<String>,
    pub rows: u64,
    pub years: Vec<(Year, u64)>,
    pub synthetic: bool,
    pub imported_at: DateTime<Utc>,
    pub digest: String,
}

/// Every figure of every indicator, with what a reader needs to interpret them.
#[derive(Debug, Clone)]
pub struct SurveyFigures {
    pub codebook: Codebook,
    pub figures: Vec<Figure>,
    /// Respondents per year, all imports together.
    pub years: Vec<(Year, u64)>,
    /// Whether any of the responses are generated example data.
    pub synthetic: bool,
}

fn corrupt(what: impl Into<String>) -> Error {
    Error::Corrupt(what.into())
}

fn parse_stored_codebook(json: &str) -> Result<Codebook> {
    parse_codebook_json(json).map_err(|e| {
        corrupt(format!(
            "stored survey codebook: {}",
            e.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })
}

fn io_error(e: std::io::Error) -> Error {
    Error::Corrupt(format!("temporary file during survey import: {e}"))
}

impl Tenant {
    /// The municipality's survey codebook, if it has one.
    pub async fn survey_codebook(&self) -> Result<Option<Codebook>> {
        let row = survey_codebook::Entity::find_by_id(self.code().to_owned())
            .one(self.db().conn())
            .await?;
        row.map(|r| parse_stored_codebook(&r.document)).transpose()
    }

    /// Sets the codebook. While responses are stored it may change labels and indicators
    /// freely, but every item and group code they use must keep its meaning; otherwise
    /// nothing is saved and the problems say which.
    pub async fn set_survey_codebook(&self, actor: Actor, codebook: &Codebook) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let stored = survey_codebook::Entity::find_by_id(self.code().to_owned())
            .one(&txn)
            .await?;
        if let Some(stored) = &stored {
            let stored_codebook = parse_stored_codebook(&stored.document)?;
            let mut used: Vec<String> = Vec::new();
            for row in survey_import::Entity::find()
                .filter(survey_import::Column::MunicipalityCode.eq(self.code()))
                .all(&txn)
                .await?
            {
                let codes: Vec<String> = serde_json::from_str(&row.item_codes)
                    .map_err(|e| corrupt(format!("survey import {}: {e}", row.id)))?;
                used.extend(codes);
            }
            if !used.is_empty() {
                let problems = codebook.incompatible_with(&stored_codebook, &used);
                if !problems.is_empty() {
                    return Err(Error::Invalid(problems));
                }
            }
        }
        let document = to_json(&codebook.to_document());
        let row = survey_codebook::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            document: Set(document.clone()),
            updated_at: Set(Utc::now()),
        };
        if stored.is_some() {
            survey_codebook::Entity::update(row).exec(&txn).await?;
        } else {
            survey_codebook::Entity::insert(row).exec(&txn).await?;
        }
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "survey_codebook",
                entity_id: 0,
                promise_id: None,
                action: if stored.is_some() { "update" } else { "create" },
                before: stored.map(|s| s.document),
                after: Some(document),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The imports, newest first.
    pub async fn survey_imports(&self) -> Result<Vec<SurveyImportSummary>> {
        let imports = survey_import::Entity::find()
            .filter(survey_import::Column::MunicipalityCode.eq(self.code()))
            .order_by_desc(survey_import::Column::Id)
            .all(self.db().conn())
            .await?;
        let years = self.survey_year_rows().await?;
        Ok(imports
            .into_iter()
            .map(|i| SurveyImportSummary {
                years: years
                    .iter()
                    .filter(|y| y.import_id == i.id)
                    .filter_map(|y| Some((Year::new(y.year).ok()?, y.rows as u64)))
                    .collect(),
                id: i.id,
                file_name: i.file_name,
                rows: i.rows as u64,
                synthetic: i.synthetic,
                imported_at: i.imported_at,
                digest: i.digest,
            })
            .collect())
    }

    async fn survey_year_rows(&self) -> Result<Vec<survey_year::Model>> {
        Ok(survey_year::Entity::find()
            .filter(survey_year::Column::MunicipalityCode.eq(self.code()))
            .order_by_asc(survey_year::Column::Year)
            .all(self.db().conn())
            .await?)
    }

    /// Removes one year's responses from the import that holds them, inside an import
    /// that replaces them: the import's other years stay (its blocks are rewritten
    /// without the year's rows), and an import left without rows goes.
    async fn drop_survey_year(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        actor: Actor,
        taken: &survey_year::Model,
    ) -> Result<()> {
        let year = u16::try_from(taken.year).map_err(|_| Error::Corrupt("survey year".into()))?;
        let chunks = survey_chunk::Entity::find()
            .filter(survey_chunk::Column::ImportId.eq(taken.import_id))
            .all(txn)
            .await?;
        for c in chunks {
            let block = chunk::Block::decode(&c.data)
                .ok_or_else(|| Error::Corrupt(format!("survey chunk {}", c.id)))?;
            let (data, kept) = block.without_year(year);
            if kept == 0 {
                survey_chunk::Entity::delete_by_id(c.id).exec(txn).await?;
            } else {
                survey_chunk::Entity::update_many()
                    .col_expr(
                        survey_chunk::Column::Data,
                        sea_orm::sea_query::Expr::value(data),
                    )
                    .col_expr(
                        survey_chunk::Column::Rows,
                        sea_orm::sea_query::Expr::value(kept as i32),
                    )
                    .filter(survey_chunk::Column::Id.eq(c.id))
                    .exec(txn)
                    .await?;
            }
        }
        survey_year::Entity::delete_many()
            .filter(survey_year::Column::MunicipalityCode.eq(self.code()))
            .filter(survey_year::Column::Year.eq(taken.year))
            .exec(txn)
            .await?;
        let left = taken_rows(txn, taken.import_id).await?;
        if left == 0 {
            survey_import::Entity::delete_by_id(taken.import_id)
                .exec(txn)
                .await?;
        } else {
            survey_import::Entity::update_many()
                .col_expr(
                    survey_import::Column::Rows,
                    sea_orm::sea_query::Expr::value(left),
                )
                .filter(survey_import::Column::Id.eq(taken.import_id))
                .exec(txn)
                .await?;
        }
        audit(
            txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "survey_import",
                entity_id: taken.import_id,
                promise_id: None,
                action: "replace-year",
                before: Some(
                    serde_json::json!({ "year": taken.year, "rows": taken.rows }).to_string(),
                ),
                after: None,
            },
        )
        .await?;
        Ok(())
    }

    /// Removes an import and its responses (to replace a file that was wrong).
    pub async fn remove_survey_import(&self, actor: Actor, import_id: i32) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let Some(import) = survey_import::Entity::find_by_id(import_id)
            .filter(survey_import::Column::MunicipalityCode.eq(self.code()))
            .one(&txn)
            .await?
        else {
            return Err(Error::NotFound);
        };
        survey_chunk::Entity::delete_many()
            .filter(survey_chunk::Column::ImportId.eq(import_id))
            .exec(&txn)
            .await?;
        survey_year::Entity::delete_many()
            .filter(survey_year::Column::ImportId.eq(import_id))
            .exec(&txn)
            .await?;
        survey_import::Entity::delete_by_id(import_id)
            .exec(&txn)
            .await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "survey_import",
                entity_id: import_id,
                promise_id: None,
                action: "remove",
                before: Some(
                    serde_json::json!({
                        "file": import.file_name,
                        "sha256": import.digest,
                        "rows": import.rows,
                    })
                    .to_string(),
                ),
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether any survey responses are stored (one indexed lookup, no figures).
    pub async fn has_survey_responses(&self) -> Result<bool> {
        Ok(survey_year::Entity::find()
            .filter(survey_year::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .is_some())
    }

    /// Every indicator with every breakdown, computed from the stored responses; `None`
    /// without a codebook. Blocks are read one at a time.
    pub async fn survey_figures(&self, rules: Rules) -> Result<Option<SurveyFigures>> {
        let Some(codebook) = self.survey_codebook().await? else {
            return Ok(None);
        };
        let conn = self.db().conn();
        let imports = survey_import::Entity::find()
            .filter(survey_import::Column::MunicipalityCode.eq(self.code()))
            .order_by_asc(survey_import::Column::Id)
            .all(conn)
            .await?;
        let mut tally = Tally::new();
        for import in &imports {
            let codes: Vec<String> = serde_json::from_str(&import.item_codes)
                .map_err(|e| corrupt(format!("survey import {}: {e}", import.id)))?;
            let positions: Vec<usize> = codes
                .iter()
                .map(|c| {
                    codebook
                        .item(c)
                        .map(|(i, _)| i)
                        .ok_or_else(|| corrupt(format!("survey item {c} left the codebook")))
                })
                .collect::<Result<_>>()?;
            let chunk_ids: Vec<i32> = survey_chunk::Entity::find()
                .select_only()
                .column(survey_chunk::Column::Id)
                .filter(survey_chunk::Column::ImportId.eq(import.id))
                .order_by_asc(survey_chunk::Column::Seq)
                .into_tuple()
                .all(conn)
                .await?;
            for id in chunk_ids {
                let row = survey_chunk::Entity::find_by_id(id)
                    .one(conn)
                    .await?
                    .ok_or_else(|| corrupt(format!("survey chunk {id} vanished")))?;
                let block = chunk::Block::decode(&row.data)
                    .ok_or_else(|| corrupt(format!("survey chunk {id}")))?;
                let answers = block.answer_slices();
                tally
                    .add(&codebook, &block.columns(&answers, &positions))
                    .map_err(|e| corrupt(format!("survey chunk {id}: {e}")))?;
            }
        }
        let years = self
            .survey_year_rows()
            .await?
            .into_iter()
            .filter_map(|y| Some((Year::new(y.year).ok()?, y.rows as u64)))
            .collect();
        Ok(Some(SurveyFigures {
            figures: tally.figures(&codebook, rules),
            codebook,
            years,
            synthetic: imports.iter().any(|i| i.synthetic),
        }))
    }

    /// Every outcome indicator the promise names that the municipality's codebook does
    /// not have, at its field path.
    pub(crate) async fn check_indicator_references(
        &self,
        conn: &impl ConnectionTrait,
        promise: &Promise,
    ) -> Result<()> {
        let Some(measure) = &promise.outcome_goal.measure else {
            return Ok(());
        };
        let codebook = survey_codebook::Entity::find_by_id(self.code().to_owned())
            .one(conn)
            .await?
            .map(|r| parse_stored_codebook(&r.document))
            .transpose()?;
        let unknown: Vec<FieldError> = measure
            .indicators
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                codebook
                    .as_ref()
                    .is_none_or(|c| c.indicator(o.indicator.as_str()).is_none())
            })
            .map(|(i, o)| {
                FieldError::new(
                    format!("outcome_goal.indicators[{i}].indicator"),
                    Problem::UnknownIndicator {
                        value: o.indicator.to_string(),
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
}

/// The rows an import still holds, by its years.
async fn taken_rows(conn: &impl ConnectionTrait, import: i32) -> Result<i64> {
    Ok(survey_year::Entity::find()
        .filter(survey_year::Column::ImportId.eq(import))
        .all(conn)
        .await?
        .iter()
        .map(|y| y.rows)
        .sum())
}
