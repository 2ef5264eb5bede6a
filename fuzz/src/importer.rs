//! The CSV importers, driven for real: `Tenant::import_activities_csv` and
//! `Tenant::import_survey_csv` against a migrated database with Flen's profile
//! (`data/flen/municipality.json`) and survey codebook (`data/flen/survey-codebook.json`).
//!
//! Why not a pure parsing function: the importers stream, checking each row and writing
//! it in the same loop inside one transaction, and what matters most is the promise they
//! make about that transaction ("a refused import leaves nothing behind"). That can only
//! be checked against a database, so the targets run the importer itself and count rows
//! through a second connection before and after.
//!
//! The database is made once per fuzzing process by `lofte_db::testing::fresh_database`:
//! a SQLite file in a temporary directory, or a new database on the PostgreSQL server in
//! `TEST_DATABASE_URL` if that is set. After every accepted file the harness removes what
//! it added, so every input meets the same database and a crash replays from its file.

use std::sync::OnceLock;

use lofte_db::activities::{CellError, MAX_LISTED};
use lofte_db::surveys::{SurveyFile, SurveyImported};
use lofte_db::testing::{TestDatabase, fresh_database};
use lofte_db::{Actor, Tenant};
use lofte_domain::exchange::parse_profile_json;
use lofte_domain::stats::Rules;
use lofte_domain::survey::parse_codebook_json;
use lofte_domain::{ActivityTypeCode, Problem, Year, YearSpan};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

const PROFILE: &str = include_str!("../../data/flen/municipality.json");
const CODEBOOK: &str = include_str!("../../data/flen/survey-codebook.json");

/// Rows per stored survey block (`crates/db/src/surveys/chunk.rs`).
const SURVEY_BLOCK_ROWS: u64 = 65_536;

pub struct Importer {
    runtime: tokio::runtime::Runtime,
    database: TestDatabase,
    flen: Tenant,
    /// A second connection to the same database, for counting rows the way no
    /// repository method does.
    side: DatabaseConnection,
}

/// How many rows the tables an import writes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub activity: i64,
    /// Activities dated 2010–2100, the years a follow-up period can have.
    pub activity_in_years: i64,
    pub audit_log: i64,
    pub survey_import: i64,
    pub survey_year: i64,
    pub survey_chunk: i64,
}

/// The one harness of this process, made on first use.
pub fn importer() -> &'static Importer {
    static IMPORTER: OnceLock<Importer> = OnceLock::new();
    IMPORTER.get_or_init(Importer::new)
}

impl Importer {
    fn new() -> Importer {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let (database, flen, side) = runtime.block_on(async {
            let database = fresh_database().await;
            let profile = parse_profile_json(PROFILE).expect("Flen's profile parses");
            database
                .db
                .import_profile(&profile)
                .await
                .expect("Flen's profile imports");
            let flen = database
                .db
                .tenant(&profile.municipality)
                .await
                .expect("read the municipality")
                .expect("Flen exists");
            let codebook = parse_codebook_json(CODEBOOK).expect("Flen's codebook parses");
            flen.set_survey_codebook(Actor::System, &codebook)
                .await
                .expect("Flen's codebook is stored");
            let mut options = ConnectOptions::new(database.url.clone());
            options
                .max_connections(1)
                .test_before_acquire(false)
                .sqlx_logging(false);
            let side = Database::connect(options)
                .await
                .expect("a second connection");
            (database, flen, side)
        });
        Importer {
            runtime,
            database,
            flen,
            side,
        }
    }

    /// Every count in one statement: each round trip to the database's worker thread
    /// costs more than the counting.
    pub async fn counts(&self) -> Counts {
        const SQL: &str = "SELECT \
            (SELECT COUNT(*) FROM activity) AS activity, \
            (SELECT COUNT(*) FROM activity \
             WHERE local_day BETWEEN 20100101 AND 21001231) AS activity_in_years, \
            (SELECT COUNT(*) FROM audit_log) AS audit_log, \
            (SELECT COUNT(*) FROM survey_import) AS survey_import, \
            (SELECT COUNT(*) FROM survey_year) AS survey_year, \
            (SELECT COUNT(*) FROM survey_chunk) AS survey_chunk";
        let backend = self.side.get_database_backend();
        let row = self
            .side
            .query_one_raw(Statement::from_string(backend, SQL))
            .await
            .expect("count rows")
            .expect("a row of counts");
        let n = |column: &str| row.try_get::<i64>("", column).expect("a count");
        Counts {
            activity: n("activity"),
            activity_in_years: n("activity_in_years"),
            audit_log: n("audit_log"),
            survey_import: n("survey_import"),
            survey_year: n("survey_year"),
            survey_chunk: n("survey_chunk"),
        }
    }

    async fn execute(&self, sql: &str) {
        self.side
            .execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    /// Imports `data` as an activity file and checks what the importer promises: a refused
    /// file lists its problems by line, at most [`MAX_LISTED`], and stores nothing; an
    /// accepted one adds exactly what it says, once (the same file again adds nothing), and
    /// every activity it stored reads back.
    pub fn activities(&self, data: &[u8]) {
        self.runtime.block_on(async {
            let before = self.counts().await;
            let result = self
                .flen
                .import_activities_csv(Actor::System, data)
                .await
                .expect("a file is accepted or refused, never a database error");
            match result {
                Err(errors) => {
                    check_cell_errors(&errors);
                    assert!(errors.len() <= MAX_LISTED, "{} problems", errors.len());
                    assert_eq!(
                        self.counts().await,
                        before,
                        "a refused activity file left something behind"
                    );
                }
                Ok(summary) => {
                    let after = self.counts().await;
                    assert_eq!(
                        after.activity,
                        before.activity + summary.added as i64,
                        "the import said it added {} activities",
                        summary.added
                    );
                    assert_eq!(after.audit_log, before.audit_log + 1, "one audit row");
                    let again = self
                        .flen
                        .import_activities_csv(Actor::System, data)
                        .await
                        .expect("no database error the second time")
                        .expect("a file accepted once is accepted again");
                    assert_eq!(
                        (again.added, again.already_there),
                        (0, summary.added + summary.already_there),
                        "the same file twice adds nothing the second time"
                    );
                    let stored = self.counts().await;
                    assert_eq!(stored.activity, after.activity);
                    assert_eq!(
                        self.read_back_activities().await,
                        stored.activity_in_years as usize,
                        "every stored activity in 2010–2100 reads back"
                    );
                    self.execute("DELETE FROM activity").await;
                    self.execute("DELETE FROM audit_log WHERE entity = 'activities'")
                        .await;
                    assert_eq!(self.counts().await, before, "cleaned up after the input");
                }
            }
        })
    }

    /// Reads every activity of 2010–2100 back through the engine's query, which rebuilds
    /// domain values from the rows (and says `Corrupt` if one no longer parses).
    async fn read_back_activities(&self) -> usize {
        let types = self.flen.activity_types().await.expect("activity types");
        let codes: Vec<ActivityTypeCode> = types.types().iter().map(|t| t.code.clone()).collect();
        let mut total = 0;
        let mut first = Year::MIN;
        while first <= Year::MAX {
            let last = (first + YearSpan::MAX_YEARS - 1).min(Year::MAX);
            let span = YearSpan::new(year(first), year(last)).expect("a span");
            let (read, _) = self
                .flen
                .activities(span, &codes)
                .await
                .expect("stored activities read back");
            total += read.len();
            first = last + 1;
        }
        total
    }

    /// Imports `data` as a survey response file for Flen and checks what the importer
    /// promises: a refused file lists its problems by line, sorted, at most
    /// [`MAX_LISTED`], and stores nothing; an accepted one stores its rows in blocks, the
    /// same file again is recognised and adds nothing, and the figures can be computed
    /// from what was stored.
    pub fn survey(&self, data: &[u8]) {
        self.runtime.block_on(async {
            let before = self.counts().await;
            let file = || SurveyFile {
                name: Some("fuzz.csv".to_owned()),
                ..SurveyFile::default()
            };
            let result = self
                .flen
                .import_survey_csv(Actor::System, data, file(), &mut |_| {})
                .await
                .expect("a file is accepted or refused, never a database error");
            match result {
                Err(errors) => {
                    check_cell_errors(&errors);
                    assert!(errors.len() <= MAX_LISTED, "{} problems", errors.len());
                    assert!(
                        errors.is_sorted_by_key(|e| e.line),
                        "problems in line order"
                    );
                    assert_eq!(
                        self.counts().await,
                        before,
                        "a refused survey file left something behind"
                    );
                }
                Ok(SurveyImported::AlreadyThere { .. }) => {
                    panic!("nothing is stored between inputs, so nothing can be there already")
                }
                Ok(SurveyImported::Added {
                    import_id,
                    rows,
                    years,
                }) => {
                    assert!(rows > 0, "an empty file is refused");
                    assert_eq!(years.iter().map(|(_, n)| n).sum::<u64>(), rows);
                    let after = self.counts().await;
                    assert_eq!(after.survey_import, before.survey_import + 1);
                    assert_eq!(after.survey_year, before.survey_year + years.len() as i64);
                    assert_eq!(
                        after.survey_chunk,
                        before.survey_chunk + rows.div_ceil(SURVEY_BLOCK_ROWS) as i64
                    );
                    assert_eq!(after.audit_log, before.audit_log + 1, "one audit row");
                    match self
                        .flen
                        .import_survey_csv(Actor::System, data, file(), &mut |_| {})
                        .await
                        .expect("no database error the second time")
                    {
                        Ok(SurveyImported::AlreadyThere {
                            import_id: again,
                            rows: again_rows,
                        }) => assert_eq!((again, again_rows), (import_id, rows)),
                        other => panic!("the same file again gave {other:?}"),
                    }
                    assert_eq!(self.counts().await, after, "the second import adds nothing");
                    let figures = self
                        .flen
                        .survey_figures(Rules::default())
                        .await
                        .expect("figures from an accepted file")
                        .expect("the codebook is there");
                    assert_eq!(figures.years, years, "respondents per year");
                    self.flen
                        .remove_survey_import(Actor::System, import_id)
                        .await
                        .expect("remove the import");
                    self.execute("DELETE FROM audit_log WHERE entity = 'survey_import'")
                        .await;
                    assert_eq!(self.counts().await, before, "cleaned up after the input");
                }
            }
        })
    }

    /// The database's URL (a SQLite file in a temporary directory, by default).
    pub fn url(&self) -> &str {
        &self.database.url
    }
}

fn year(y: i32) -> Year {
    Year::new(y).expect("within Year::MIN..=Year::MAX")
}

/// Every problem of a refused file names its line (the header is line 1). Below the
/// header, one without a column is about the whole row or file. (In the header a column's
/// name may itself be empty: `a,,b`.)
fn check_cell_errors(errors: &[CellError]) {
    assert!(!errors.is_empty(), "refused without a problem");
    for e in errors {
        assert!(e.line >= 1, "a problem without a line: {e:?}");
        assert!(!e.problem.code().is_empty());
        let _ = e.problem.args();
        if e.column.is_empty() && e.line > 1 {
            assert!(
                matches!(
                    e.problem,
                    Problem::Malformed { .. }
                        | Problem::ColumnCount { .. }
                        | Problem::Empty
                        | Problem::NoSurveyItems
                        | Problem::NoCodebook
                ),
                "a cell problem without its column: {e:?}"
            );
        }
    }
}
