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
mod regional;

pub use regional::{RegionalImport, is_xlsx, xlsx_to_csv};

use std::collections::BTreeMap;
use std::io::Read;

use chrono::{DateTime, Utc};
use lofte_domain::stats::Rules;
use lofte_domain::survey::{Codebook, Figure, Tally, parse_codebook_json};
use lofte_domain::{FieldError, Problem, Promise, Year};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use sha2::{Digest, Sha256};

use crate::activities::{CellError, MAX_LISTED};
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

/// Reads through to `inner`, hashing every byte and reporting how far it got.
struct Hashing<'p, R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
    progress: &'p mut (dyn FnMut(u64) + Send),
}

impl<R: Read> Read for Hashing<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        (self.progress)(self.bytes);
        Ok(n)
    }
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

    /// Imports a response file in one transaction, streaming: each row is checked against
    /// the codebook and appended to column blocks that are written as they fill, so memory
    /// does not grow with the file. Any problem refuses the whole file, and every problem
    /// (up to [`MAX_LISTED`]) is reported by line and column. The same file twice is one
    /// import; a year that already has responses from another file is refused.
    /// `progress` hears the bytes read so far.
    pub async fn import_survey_csv(
        &self,
        actor: Actor,
        input: impl Read + Send,
        file: SurveyFile,
        progress: &mut (dyn FnMut(u64) + Send),
    ) -> Result<std::result::Result<SurveyImported, Vec<CellError>>> {
        let whole_file = |problem| {
            Ok(Err(vec![CellError {
                line: 1,
                column: String::new(),
                problem,
            }]))
        };
        let Some(codebook) = self.survey_codebook().await? else {
            return whole_file(Problem::NoCodebook);
        };
        // Read through a buffer that sees every byte the digest does; the header line
        // decides the separator (Swedish spreadsheet programs save with semicolons).
        let mut input = std::io::BufReader::with_capacity(
            64 * 1024,
            Hashing {
                inner: input,
                hasher: Sha256::new(),
                bytes: 0,
                progress,
            },
        );
        let delimiter =
            std::io::BufRead::fill_buf(&mut input).map_or(b',', crate::activities::delimiter_of);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(input);
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                return whole_file(Problem::Malformed {
                    detail: e.to_string(),
                });
            }
        };
        // One column holding the others' names: another separator than comma or
        // semicolon. One line says so, not a line per missing column.
        if header.len() == 1
            && let Some(found) = ['\t', '|', ':']
                .into_iter()
                .find(|c| header.get(0).is_some_and(|h| h.contains(*c)))
        {
            return whole_file(Problem::Separator {
                found: if found == '\t' {
                    "tab".to_owned()
                } else {
                    found.to_string()
                },
            });
        }
        let header: Vec<&str> = header.iter().collect();
        let layout = match codebook.layout(&header) {
            Ok(layout) => layout,
            Err(problems) => {
                return Ok(Err(problems
                    .into_iter()
                    .take(MAX_LISTED)
                    .map(|(column, problem)| CellError {
                        line: 1,
                        column,
                        problem,
                    })
                    .collect()));
            }
        };
        let item_positions = layout.item_positions();
        let item_codes: Vec<String> = item_positions
            .iter()
            .map(|&i| codebook.items[i].code.to_string())
            .collect();

        let id_column = layout_id_column(&header);

        let txn = self.db().begin_write().await?;
        let now = Utc::now();
        let import = survey_import::Entity::insert(survey_import::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            // Replaced by the file's digest once it has been read to the end.
            digest: Set(format!(
                "pending-{}",
                now.timestamp_nanos_opt().unwrap_or(0)
            )),
            file_name: Set(file.name.clone()),
            rows: Set(0),
            item_codes: Set(to_json(&item_codes)),
            synthetic: Set(file.synthetic),
            imported_at: Set(now),
            imported_by: Set(match actor {
                Actor::Account(id) => Some(id),
                _ => None,
            }),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;

        let municipality = self.code().to_owned();
        let mut errors: Vec<CellError> = Vec::new();
        let mut duplicates = duplicates::DuplicateFinder::new();
        let mut block = chunk::BlockWriter::new(item_positions.len());
        let mut blocks = 0i32;
        // Per year: the first line it is on, and its respondents.
        let mut years: BTreeMap<i32, (u64, u64)> = BTreeMap::new();
        let mut answers = Vec::with_capacity(item_positions.len());
        let mut record = csv::StringRecord::new();
        let mut rows = 0u64;
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    errors.push(CellError::malformed(&e));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            rows += 1;
            let cells: Vec<&str> = record.iter().collect();
            let id = cells.get(id_column).map_or("", |id| id.trim());
            if !id.is_empty() {
                duplicates.push(id, line).map_err(io_error)?;
            }
            match layout.check(&cells, &municipality, file.year, &mut answers) {
                Ok(response) => {
                    let year = response.year.get();
                    years.entry(year).or_insert((line, 0)).1 += 1;
                    if errors.is_empty() {
                        block.push(
                            u16::try_from(year).expect("a Year fits u16"),
                            response.area,
                            response.gender,
                            response.age_band,
                            response.weight.get(),
                            &answers,
                        );
                        if block.is_full() {
                            write_block(&txn, import, blocks, &mut block).await?;
                            blocks += 1;
                        }
                    }
                }
                Err(problems) => {
                    for (column, problem) in problems {
                        if errors.len() < MAX_LISTED {
                            errors.push(CellError {
                                line,
                                column: column.to_owned(),
                                problem,
                            });
                        }
                    }
                }
            }
        }
        let id_column = header[id_column]
            .trim()
            .trim_start_matches('\u{feff}')
            .to_owned();
        for d in duplicates.finish(MAX_LISTED).map_err(io_error)? {
            errors.push(CellError {
                line: d.line,
                column: id_column.clone(),
                problem: Problem::DuplicateRespondent { line: d.first_line },
            });
        }
        let hashing = reader.into_inner().into_inner();
        let digest = format!("{:x}", hashing.hasher.finalize());

        let earlier = survey_import::Entity::find()
            .filter(survey_import::Column::MunicipalityCode.eq(self.code()))
            .filter(survey_import::Column::Digest.eq(&digest))
            .one(&txn)
            .await?;
        if let Some(earlier) = earlier {
            txn.rollback().await?;
            return Ok(Ok(SurveyImported::AlreadyThere {
                import_id: earlier.id,
                rows: earlier.rows as u64,
            }));
        }
        if errors.is_empty() && rows == 0 {
            errors.push(CellError {
                line: 1,
                column: String::new(),
                problem: Problem::Empty,
            });
        }
        if !years.is_empty() {
            let taken = survey_year::Entity::find()
                .filter(survey_year::Column::MunicipalityCode.eq(self.code()))
                .filter(survey_year::Column::Year.is_in(years.keys().copied()))
                .all(&txn)
                .await?;
            for t in taken {
                if file.replace && errors.is_empty() {
                    self.drop_survey_year(&txn, actor, &t).await?;
                    continue;
                }
                errors.push(CellError {
                    line: years[&t.year].0,
                    column: FIELD_YEAR.to_owned(),
                    problem: Problem::SurveyYearExists { year: t.year },
                });
            }
        }
        if !errors.is_empty() {
            txn.rollback().await?;
            errors.sort_by_key(|e| e.line);
            errors.truncate(MAX_LISTED);
            return Ok(Err(errors));
        }
        if block.len() > 0 {
            write_block(&txn, import, blocks, &mut block).await?;
        }
        survey_import::Entity::update_many()
            .col_expr(
                survey_import::Column::Digest,
                sea_orm::sea_query::Expr::value(digest.clone()),
            )
            .col_expr(
                survey_import::Column::Rows,
                sea_orm::sea_query::Expr::value(rows as i64),
            )
            .filter(survey_import::Column::Id.eq(import))
            .exec(&txn)
            .await?;
        survey_year::Entity::insert_many(years.iter().map(|(&year, &(_, count))| {
            survey_year::ActiveModel {
                municipality_code: Set(self.code().to_owned()),
                year: Set(year),
                import_id: Set(import),
                rows: Set(count as i64),
            }
        }))
        .exec(&txn)
        .await?;
        let years: Vec<(Year, u64)> = years
            .into_iter()
            .map(|(y, (_, n))| (Year::new(y).expect("checked"), n))
            .collect();
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "survey_import",
                entity_id: import,
                promise_id: None,
                action: "import",
                before: None,
                after: Some(
                    serde_json::json!({
                        "file": file.name,
                        "sha256": digest,
                        "rows": rows,
                        "years": years.iter().map(|(y, n)| (y.get().to_string(), n)).collect::<BTreeMap<_, _>>(),
                        "synthetic": file.synthetic,
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        if file.check_only {
            txn.rollback().await?;
        } else {
            txn.commit().await?;
        }
        Ok(Ok(SurveyImported::Added {
            import_id: import,
            rows,
            years,
        }))
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

const FIELD_YEAR: &str = "year";

/// The position of the respondent id column in the header.
fn layout_id_column(header: &[&str]) -> usize {
    header
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}') == "respondent_id")
        .unwrap_or(0)
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

async fn write_block(
    conn: &impl ConnectionTrait,
    import: i32,
    seq: i32,
    block: &mut chunk::BlockWriter,
) -> Result<()> {
    let rows = block.len() as i32;
    survey_chunk::Entity::insert(survey_chunk::ActiveModel {
        import_id: Set(import),
        seq: Set(seq),
        rows: Set(rows),
        data: Set(block.take()),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}
