//! Importing a year's survey responses: streamed from the file into column blocks, with
//! the file's digest so the same file is not read twice (decision 0004).

use std::collections::BTreeMap;
use std::io::Read;

use chrono::Utc;
use lofte_domain::{Problem, Year};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use crate::Result;
use crate::activities::{CellError, MAX_LISTED};
use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{survey_chunk, survey_import, survey_year};
use crate::tenant::{Tenant, to_json};

use super::*;

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

impl Tenant {
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
}

const FIELD_YEAR: &str = "year";

/// The position of the respondent id column in the header.
fn layout_id_column(header: &[&str]) -> usize {
    header
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}') == "respondent_id")
        .unwrap_or(0)
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
