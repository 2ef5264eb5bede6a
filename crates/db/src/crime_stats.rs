//! Reported crime and population, imported from the national crime statistics' and
//! Statistics Sweden's exports (docs/crime-statistics.md), and read back for rates per
//! 100,000 residents.
//!
//! A file is imported whole or not at all, every bad cell by line and column. A figure
//! for a key already stored (municipality, period, category; municipality, year, age,
//! sex) replaces it, so a preliminary count becomes final by importing the final file.

use std::collections::HashMap;
use std::io::Read;

use chrono::Utc;
use lofte_domain::crime::{
    StatPeriod, age_band, parse_count, parse_preliminary, parse_sex, region_code, year_column,
};
use lofte_domain::{MunicipalityCode, Problem, Text};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::activities::{CellError, MAX_LISTED};
use crate::csv_file::{Column, CsvFile};
use crate::entity::{crime_stat, municipality, population};
use crate::tenant::Tenant;
use crate::{Db, Result};

/// What an import stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsSummary {
    /// Figures stored, new or replacing an earlier one for the same key.
    pub stored: u64,
    /// Rows whose figure the source does not publish (`..`).
    pub not_published: u64,
}

/// One stored count of reported crime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrimeCount {
    pub period: StatPeriod,
    pub category: String,
    pub count: u64,
    pub preliminary: bool,
    pub synthetic: bool,
}

const CRIME_COLUMNS: [Column; 7] = [
    (
        "municipality",
        &["kommun", "region", "kommunkod", "kommunnamn"],
    ),
    ("period", &["tid", "tidsperiod", "månad/kvartal/år"]),
    ("year", &["år", "ar", "anmälningsår"]),
    ("quarter", &["kvartal"]),
    ("half", &["halvår", "halvar"]),
    (
        "category",
        &[
            "brottstyp",
            "brott",
            "brottskategori",
            "brottsområde",
            "kategori",
        ],
    ),
    (
        "count",
        &[
            "antal",
            "antal anmälda brott",
            "anmälda brott",
            "antal brott",
        ],
    ),
];
const STATUS_COLUMN: Column = (
    "status",
    &["preliminär/slutlig", "statistikstatus", "preliminär"],
);

const POPULATION_COLUMNS: [Column; 5] = [
    (
        "municipality",
        &["kommun", "region", "kommunkod", "kommunnamn"],
    ),
    ("year", &["år", "ar"]),
    ("age", &["ålder", "alder", "åldersgrupp"]),
    ("sex", &["kön", "kon"]),
    (
        "residents",
        &["folkmängd", "folkmangd", "invånare", "antal", "befolkning"],
    ),
];

/// Rows per INSERT, well under SQLite's bind-parameter limit.
const BATCH: usize = 500;

/// Finds a municipality by a region cell or a feed's place: `0482`, `0482 Flen`, `Flen`,
/// `Flens kommun`.
pub(crate) struct Regions(HashMap<String, MunicipalityCode>);

impl Regions {
    pub(crate) async fn load(db: &Db) -> Result<Regions> {
        let rows = municipality::Entity::find()
            .select_only()
            .column(municipality::Column::Code)
            .column(municipality::Column::Name)
            .column(municipality::Column::OfficialName)
            .into_tuple::<(String, String, String)>()
            .all(db.conn())
            .await?;
        let mut names = HashMap::new();
        for (code, name, official) in rows {
            let Ok(parsed) = MunicipalityCode::parse(&code) else {
                continue;
            };
            for key in [code, name.to_lowercase(), official.to_lowercase()] {
                names.insert(key, parsed.clone());
            }
        }
        Ok(Regions(names))
    }

    pub(crate) fn find(&self, raw: &str) -> std::result::Result<MunicipalityCode, Problem> {
        let key = region_code(raw).map_or_else(|| raw.trim().to_lowercase(), str::to_owned);
        self.0
            .get(&key)
            .cloned()
            .ok_or_else(|| Problem::UnknownMunicipality {
                code: raw.trim().to_owned(),
            })
    }
}

/// Collects a file's bad cells, up to [`MAX_LISTED`].
#[derive(Default)]
struct Problems(Vec<CellError>);

impl Problems {
    fn add(&mut self, line: u64, column: &str, problem: Problem) {
        if self.0.len() < MAX_LISTED {
            self.0.push(CellError {
                line,
                column: column.to_owned(),
                problem,
            });
        }
    }
}

impl Db {
    /// Imports reported crime from a CSV export: every row, or nothing and every bad cell.
    pub async fn import_crime_stats_csv(
        &self,
        input: impl Read,
        synthetic: bool,
    ) -> Result<std::result::Result<StatsSummary, Vec<CellError>>> {
        let mut file = match CsvFile::open(input) {
            Ok(f) => f,
            Err(e) => return Ok(Err(vec![e])),
        };
        let known = [
            CRIME_COLUMNS[0],
            CRIME_COLUMNS[1],
            CRIME_COLUMNS[2],
            CRIME_COLUMNS[3],
            CRIME_COLUMNS[4],
            CRIME_COLUMNS[5],
            CRIME_COLUMNS[6],
            STATUS_COLUMN,
        ];
        let index = match file.columns(&known, &["municipality", "category", "count"], |_| false) {
            Ok(i) => i,
            Err(errors) => return Ok(Err(errors)),
        };
        if index[1].is_none() && index[2].is_none() {
            return Ok(Err(vec![CellError {
                line: 1,
                column: "period".to_owned(),
                problem: Problem::MissingColumn,
            }]));
        }
        let regions = Regions::load(self).await?;
        let mut problems = Problems::default();
        let mut summary = StatsSummary::default();
        let mut rows = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let now = Utc::now();
        let mut record = csv::StringRecord::new();
        loop {
            match file.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    problems.0.push(CellError::malformed(&e));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let cell = |i: usize| index[i].and_then(|c| record.get(c)).unwrap_or("");
            let name = |i: usize| index[i].map_or(known[i].0, |c| file.header(c));
            let mut bad = |i: usize, p: Problem| problems.add(line, name(i), p);
            let municipality = regions.find(cell(0)).map_err(|p| bad(0, p)).ok();
            let period = if index[1].is_some() {
                StatPeriod::parse(cell(1)).map_err(|p| bad(1, p)).ok()
            } else {
                match cell(2).trim().parse::<i32>() {
                    Ok(year) if index[3].is_some() && !cell(3).trim().is_empty() => {
                        StatPeriod::with_part(year, cell(3), true)
                            .map_err(|p| bad(3, p))
                            .ok()
                    }
                    Ok(year) if index[4].is_some() && !cell(4).trim().is_empty() => {
                        StatPeriod::with_part(year, cell(4), false)
                            .map_err(|p| bad(4, p))
                            .ok()
                    }
                    Ok(year) => StatPeriod::parse(&year.to_string())
                        .map_err(|p| bad(2, p))
                        .ok(),
                    Err(_) => {
                        bad(
                            2,
                            Problem::NotOneOf {
                                value: cell(2).to_owned(),
                                allowed: "2024".to_owned(),
                            },
                        );
                        None
                    }
                }
            };
            let category = Text::parse(cell(5), 200).map_err(|p| bad(5, p)).ok();
            let count = parse_count(cell(6)).map_err(|p| bad(6, p)).ok();
            let preliminary = parse_preliminary(cell(7)).map_err(|p| bad(7, p)).ok();
            match (municipality, period, category, count, preliminary) {
                (Some(m), Some(period), Some(category), Some(Some(_)), Some(_))
                    if !seen.insert((m.to_string(), period, category.to_string())) =>
                {
                    // The same figure twice (`0482` and `Flen`): which one is meant?
                    bad(
                        5,
                        Problem::Duplicate {
                            value: format!("{m} {}", category),
                        },
                    );
                }
                (Some(m), Some(period), Some(category), Some(Some(count)), Some(preliminary)) => {
                    rows.push(crime_stat::ActiveModel {
                        municipality_code: Set(m.to_string()),
                        year: Set(period.year),
                        period_kind: Set(period.kind().to_owned()),
                        period_number: Set(i16::from(period.number())),
                        category: Set(category.to_string()),
                        count: Set(i64::try_from(count).unwrap_or(i64::MAX)),
                        preliminary: Set(preliminary),
                        synthetic: Set(synthetic),
                        imported_at: Set(now),
                        ..Default::default()
                    });
                }
                (_, _, _, Some(None), _) => summary.not_published += 1,
                _ => {}
            }
        }
        if !problems.0.is_empty() {
            return Ok(Err(problems.0));
        }
        summary.stored = self
            .replace_all(
                rows,
                OnConflict::columns([
                    crime_stat::Column::MunicipalityCode,
                    crime_stat::Column::Year,
                    crime_stat::Column::PeriodKind,
                    crime_stat::Column::PeriodNumber,
                    crime_stat::Column::Category,
                ])
                .update_columns([
                    crime_stat::Column::Count,
                    crime_stat::Column::Preliminary,
                    crime_stat::Column::Synthetic,
                    crime_stat::Column::ImportedAt,
                ])
                .to_owned(),
            )
            .await?;
        Ok(Ok(summary))
    }

    /// Imports population from a CSV export, long (a year column and a count column) or
    /// wide (a column a year, as Statistics Sweden's tables export by default).
    pub async fn import_population_csv(
        &self,
        input: impl Read,
        synthetic: bool,
    ) -> Result<std::result::Result<StatsSummary, Vec<CellError>>> {
        let mut file = match CsvFile::open(input) {
            Ok(f) => f,
            Err(e) => return Ok(Err(vec![e])),
        };
        let index = match file.columns(&POPULATION_COLUMNS, &["municipality"], |h| {
            year_column(h).is_some()
        }) {
            Ok(i) => i,
            Err(errors) => return Ok(Err(errors)),
        };
        let year_columns: Vec<(usize, i32)> = file
            .headers
            .iter()
            .enumerate()
            .filter(|(col, _)| !index.contains(&Some(*col)))
            .filter_map(|(col, h)| Some((col, year_column(h)?)))
            .collect();
        let long = index[1].is_some() && index[4].is_some();
        if !long && year_columns.is_empty() {
            return Ok(Err(vec![CellError {
                line: 1,
                column: if index[1].is_some() {
                    "residents"
                } else {
                    "year"
                }
                .to_owned(),
                problem: Problem::MissingColumn,
            }]));
        }
        let regions = Regions::load(self).await?;
        let mut problems = Problems::default();
        let mut summary = StatsSummary::default();
        let mut figures: HashMap<(String, i32, String, &'static str), i64> = HashMap::new();
        let mut record = csv::StringRecord::new();
        loop {
            match file.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    problems.0.push(CellError::malformed(&e));
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let cell = |i: usize| index[i].and_then(|c| record.get(c)).unwrap_or("");
            let name = |i: usize| index[i].map_or(POPULATION_COLUMNS[i].0, |c| file.header(c));
            let municipality = regions
                .find(cell(0))
                .map_err(|p| problems.add(line, name(0), p))
                .ok();
            let age = age_band(cell(2));
            let sex = parse_sex(cell(3))
                .map_err(|p| problems.add(line, name(3), p))
                .ok();
            let values: Vec<(i32, &str, String)> = if long {
                match cell(1).trim().parse::<i32>() {
                    Ok(year) if (1950..=2100).contains(&year) => {
                        vec![(year, cell(4), name(4).to_owned())]
                    }
                    _ => {
                        problems.add(
                            line,
                            name(1),
                            Problem::NotOneOf {
                                value: cell(1).to_owned(),
                                allowed: "2024".to_owned(),
                            },
                        );
                        Vec::new()
                    }
                }
            } else {
                year_columns
                    .iter()
                    .map(|(col, year)| {
                        (
                            *year,
                            record.get(*col).unwrap_or(""),
                            file.header(*col).to_owned(),
                        )
                    })
                    .collect()
            };
            for (year, raw, column) in values {
                match parse_count(raw) {
                    Ok(Some(n)) => {
                        if let (Some(m), Some(sex)) = (&municipality, sex) {
                            let key = (m.to_string(), year, age.clone(), sex);
                            let residents = i64::try_from(n).unwrap_or(i64::MAX);
                            if figures.insert(key, residents).is_some() {
                                problems.add(
                                    line,
                                    &column,
                                    Problem::Duplicate {
                                        value: format!("{m} {year}"),
                                    },
                                );
                            }
                        }
                    }
                    Ok(None) => summary.not_published += 1,
                    Err(p) => problems.add(line, &column, p),
                }
            }
        }
        if !problems.0.is_empty() {
            return Ok(Err(problems.0));
        }
        let now = Utc::now();
        let rows: Vec<population::ActiveModel> = figures
            .into_iter()
            .map(
                |((code, year, age, sex), residents)| population::ActiveModel {
                    municipality_code: Set(code),
                    year: Set(year),
                    age_band: Set(age),
                    sex: Set(sex.to_owned()),
                    residents: Set(residents),
                    synthetic: Set(synthetic),
                    imported_at: Set(now),
                    ..Default::default()
                },
            )
            .collect();
        summary.stored = self
            .replace_all(
                rows,
                OnConflict::columns([
                    population::Column::MunicipalityCode,
                    population::Column::Year,
                    population::Column::AgeBand,
                    population::Column::Sex,
                ])
                .update_columns([
                    population::Column::Residents,
                    population::Column::Synthetic,
                    population::Column::ImportedAt,
                ])
                .to_owned(),
            )
            .await?;
        Ok(Ok(summary))
    }

    /// Stores `rows` in one transaction, each replacing the stored row of the same key
    /// (`conflict`); how many were stored.
    async fn replace_all<A>(&self, rows: Vec<A>, conflict: OnConflict) -> Result<u64>
    where
        A: sea_orm::ActiveModelTrait + Send,
    {
        let txn = self.begin_write().await?;
        let stored = rows.len() as u64;
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<A> = rows.by_ref().take(BATCH).collect();
            A::Entity::insert_many(chunk)
                .on_conflict(conflict.clone())
                .exec_without_returning(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(stored)
    }
}

impl Tenant {
    /// The reported crime stored for the years `from` to `to`.
    pub async fn crime_counts(&self, from: i32, to: i32) -> Result<Vec<CrimeCount>> {
        let rows = crime_stat::Entity::find()
            .filter(crime_stat::Column::MunicipalityCode.eq(self.code()))
            .filter(crime_stat::Column::Year.between(from, to))
            .all(self.db().conn())
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(CrimeCount {
                    period: StatPeriod::from_stored(
                        r.year,
                        &r.period_kind,
                        u8::try_from(r.period_number).ok()?,
                    )?,
                    category: r.category,
                    count: u64::try_from(r.count).ok()?,
                    preliminary: r.preliminary,
                    synthetic: r.synthetic,
                })
            })
            .collect())
    }

    /// The residents of the latest year up to `year` with a figure: (that year, residents,
    /// whether made up). The total is the all-ages, both-sexes figure if given, else the
    /// sum of the age bands of both sexes, else of the sexes of all ages, else of every
    /// age band by sex.
    pub async fn residents(&self, year: i32) -> Result<Option<(i32, u64, bool)>> {
        let rows = population::Entity::find()
            .filter(population::Column::MunicipalityCode.eq(self.code()))
            .filter(population::Column::Year.lte(year))
            .all(self.db().conn())
            .await?;
        let Some(latest) = rows.iter().map(|r| r.year).max() else {
            return Ok(None);
        };
        let of_year: Vec<_> = rows.iter().filter(|r| r.year == latest).collect();
        let sum = |keep: &dyn Fn(&population::Model) -> bool| -> Option<u64> {
            let picked: Vec<_> = of_year.iter().filter(|r| keep(r)).collect();
            (!picked.is_empty()).then(|| {
                picked
                    .iter()
                    .map(|r| u64::try_from(r.residents).unwrap_or(0))
                    .sum()
            })
        };
        let total = sum(&|r| r.age_band.is_empty() && r.sex.is_empty())
            .or_else(|| sum(&|r| !r.age_band.is_empty() && r.sex.is_empty()))
            .or_else(|| sum(&|r| r.age_band.is_empty() && !r.sex.is_empty()))
            .or_else(|| sum(&|_| true))
            .unwrap_or(0);
        Ok(Some((latest, total, of_year.iter().any(|r| r.synthetic))))
    }
}
