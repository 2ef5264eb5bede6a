//! Activities: CSV import (atomic, idempotent, every problem listed), the demo generator,
//! and reading them back into the follow-up engine.

use chrono::NaiveDate;
use lofte_db::testing::fresh_database;
use lofte_db::{Actor, Tenant, Visibility, demo};
use lofte_domain::followup::{Suggestion, Verdict, figures, progress};
use lofte_domain::{MunicipalityCode, Problem, Year};

async fn flen(t: &lofte_db::testing::TestDatabase) -> Tenant {
    demo::load_flen(&t.db).await.unwrap();
    t.db.tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
}

const GOOD: &str = "\
external_id,type,performer,date,time,duration_minutes,place,participants,note
tc-1,traffic_control,police,2021-03-01,07:30,20,malmkoping,,
tc-2,traffic_control,police,2021-03-02,,25,flen,,Kontroll vid infarten
,foot_patrol,police,2021-03-03,21:00,12,flen-centrum,,
,concern_visit,municipality,2021-03-04,,,,2,
";

#[tokio::test]
async fn importing_the_same_file_twice_adds_nothing_the_second_time() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let first = flen
        .import_activities_csv(Actor::System, GOOD.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((first.added, first.already_there), (4, 0));
    let second = flen
        .import_activities_csv(Actor::System, GOOD.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((second.added, second.already_there), (0, 4));
    let year = lofte_domain::YearSpan::single(Year::new(2021).unwrap());
    let types = [lofte_domain::ActivityTypeCode::parse("traffic_control").unwrap()];
    let (activities, synthetic) = flen.activities(year, &types).await.unwrap();
    assert_eq!(activities.len(), 2);
    assert!(!synthetic);
}

#[tokio::test]
async fn a_bad_file_lists_every_problem_by_line_and_column_and_stores_nothing() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let bad = "\
type,performer,date,duration_minutes,place,note
traffic_control,police,2021-03-01,20,flen,
traffic_control,police,2021-02-30,20,flen,
traffic_control,police,2021-03-01,-5,flen,
tea_party,police,2021-03-01,20,flen,
traffic_control,police,2021-03-01,20,atlantis,
concern_visit,municipality,2021-03-01,,,Namn på barnet
,police,2021-03-01,20,flen,
";
    let errors = flen
        .import_activities_csv(Actor::System, bad.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<(u64, &str, &str)> = errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.problem.code()))
        .collect();
    assert_eq!(
        found,
        vec![
            (3, "date", "date"),
            (4, "duration_minutes", "out-of-range"),
            (5, "type", "unknown-activity-type"),
            (6, "place", "unknown-place"),
            (7, "note", "counts-only"),
            (8, "type", "required"),
        ]
    );
    let year = lofte_domain::YearSpan::single(Year::new(2021).unwrap());
    let types = [lofte_domain::ActivityTypeCode::parse("traffic_control").unwrap()];
    assert!(
        flen.activities(year, &types).await.unwrap().0.is_empty(),
        "line 2 was good but nothing is stored"
    );
}

/// As a Swedish spreadsheet program saves an export of another system: a byte-order
/// mark, semicolons, Swedish column names, words for types and performers, and places
/// by their names.
#[tokio::test]
async fn a_swedish_spreadsheet_export_is_read_as_it_is() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let file = "\u{feff}Ärendenummer;Aktivitet;Utförare;Datum;Tid;Minuter;Plats;Antal deltagare;Kommentar\n\
                R-1;Trafikkontroll;Polisen;2021-03-01;07:30;20;Malmköping;;\n\
                R-2;fotpatrull;polis;2021-03-02;21:00;15;Flens centrum;;Lugnt, inga händelser\n\
                R-3;Trygg vuxen;Kommunen;2021-03-05;19:00;;flen;12;\n";
    let summary = flen
        .import_activities_csv(Actor::System, file.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.added, 3);
    let records = flen
        .activity_records(lofte_domain::YearSpan::single(Year::new(2021).unwrap()))
        .await
        .unwrap();
    let mut mine: Vec<_> = records.iter().filter(|r| !r.synthetic).collect();
    mine.sort_by_key(|r| r.started_at);
    let ours: Vec<(String, String, Option<String>, Option<u32>)> = mine
        .iter()
        .map(|r| {
            (
                r.activity_type.to_string(),
                r.performer.as_string(),
                r.place.clone(),
                r.participants,
            )
        })
        .collect();
    assert_eq!(
        ours,
        [
            (
                "traffic_control".into(),
                "police".into(),
                Some("malmkoping".into()),
                None
            ),
            (
                "foot_patrol".into(),
                "police".into(),
                Some("flen-centrum".into()),
                None
            ),
            (
                "trygg_vuxen".into(),
                "municipality".into(),
                Some("flen".into()),
                Some(12)
            ),
        ]
    );
    // Problems are named by the file's own column names; an unknown place by its name.
    let bad = "Aktivitet;Utförare;Datum;Plats\nTrafikkontroll;Polisen;2021-03-01;Väg 315\nTeparty;Polisen;2021-03-01;\n";
    let errors = flen
        .import_activities_csv(Actor::System, bad.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<(u64, &str, &Problem)> = errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), &e.problem))
        .collect();
    assert_eq!(
        found,
        [
            (
                2,
                "Plats",
                &Problem::UnknownPlace {
                    value: "Väg 315".into()
                }
            ),
            (
                3,
                "Aktivitet",
                &Problem::UnknownActivityType {
                    value: "Teparty".into()
                }
            ),
        ]
    );
}

#[tokio::test]
async fn a_wrong_or_missing_column_is_named() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let errors = flen
        .import_activities_csv(Actor::System, "art,performer,when,Typ\n".as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<(u64, &str, &str)> = errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.problem.code()))
        .collect();
    assert_eq!(
        found,
        vec![
            (1, "art", "unknown-column"),
            (1, "when", "unknown-column"),
            (1, "date", "missing-column")
        ]
    );
    assert!(
        matches!(&errors[0].problem, Problem::UnknownColumn { expected } if expected.starts_with("external_id, type"))
    );
}

#[tokio::test]
async fn the_demo_activities_give_flen_2020_its_four_numeric_results() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let loaded = demo::load_flen_activities(&t.db).await.unwrap();
    assert!(loaded.added > 300);
    assert_eq!(
        demo::load_flen_activities(&t.db).await.unwrap().added,
        0,
        "idempotent"
    );

    let stored = flen
        .promise_for_year(Year::new(2020).unwrap(), Visibility::Public)
        .await
        .unwrap()
        .unwrap();
    let p = &stored.promise;
    let places =
        t.db.places(&MunicipalityCode::parse("0482").unwrap())
            .await
            .unwrap();
    let types: Vec<_> = p
        .commitments
        .iter()
        .filter_map(|c| c.target.as_ref())
        .flat_map(|t| t.activities.iter().cloned())
        .collect();
    let (activities, synthetic) = flen.activities(p.years, &types).await.unwrap();
    assert!(synthetic, "demo activities are flagged");
    let after = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
    let mut results = Vec::new();
    for c in p.commitments.iter().filter(|c| c.target.is_some()) {
        let target = c.target.as_ref().unwrap();
        let pr = progress(target, &c.party, p.years, &activities, &places, after);
        results.push((
            target.activities[0].to_string(),
            pr.actual,
            target
                .at_least
                .map(|n| figures(n, p.years, pr.actual, after).suggestion),
        ));
        assert!(
            pr.excluded.values().sum::<u32>() > 0 || target.method.is_none(),
            "some work falls outside the method: {pr:?}"
        );
    }
    let kinds: Vec<&str> = results.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "safety_walk",
            "foot_patrol",
            "traffic_control",
            "trygg_vuxen"
        ]
    );
    assert_eq!(results[0].1, 4);
    assert_eq!(results[0].2, Some(Suggestion::Verdict(Verdict::Kept)));
    assert!(results[2].1 >= 100, "{results:?}");
    assert_eq!(
        results[3].2,
        Some(Suggestion::Verdict(Verdict::PartlyKept)),
        "46 of 50"
    );
}

fn dog_patrol_names() -> lofte_domain::TypeNames {
    let name = |s: &str| lofte_domain::Text::parse(s, lofte_domain::TypeNames::MAX_CHARS).unwrap();
    lofte_domain::TypeNames {
        sv_one: name("hundpatrull"),
        sv_other: name("hundpatruller"),
        en_one: name("dog patrol"),
        en_other: name("dog patrols"),
    }
}

#[tokio::test]
async fn a_municipality_adds_its_own_activity_type_and_only_it_can_log_it() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let code = lofte_domain::ActivityTypeCode::parse("dog_patrol").unwrap();
    let before = flen.activity_types().await.unwrap();
    assert_eq!(before.types().len(), 11, "the built-in types");
    assert!(before.get("dog_patrol").is_none());
    flen.add_activity_type(Actor::System, code.clone(), dog_patrol_names(), false)
        .await
        .unwrap();
    let after = flen.activity_types().await.unwrap();
    assert_eq!(after.types().len(), 12);
    assert_eq!(
        after
            .get("dog_patrol")
            .unwrap()
            .names
            .as_ref()
            .unwrap()
            .sv_other
            .as_str(),
        "hundpatruller"
    );

    // A code taken by a built-in type, or by the municipality's own, is refused.
    for taken in ["traffic_control", "dog_patrol"] {
        let err = flen
            .add_activity_type(
                Actor::System,
                lofte_domain::ActivityTypeCode::parse(taken).unwrap(),
                dog_patrol_names(),
                false,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, lofte_db::Error::Invalid(e) if e[0].path == "code" && e[0].problem.code() == "activity-type-exists"),
            "{taken}: {err:?}"
        );
    }

    let file = "type,performer,date,duration_minutes,place\ndog_patrol,police,2021-05-01,60,flen\n";
    let imported = flen
        .import_activities_csv(Actor::System, file.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(imported.added, 1);
    let year = lofte_domain::YearSpan::single(Year::new(2021).unwrap());
    assert_eq!(flen.activities(year, &[code]).await.unwrap().0.len(), 1);

    // Another municipality does not have Flen's type.
    let katrineholm =
        t.db.tenant(&MunicipalityCode::parse("0483").unwrap())
            .await
            .unwrap()
            .unwrap();
    assert!(
        katrineholm
            .activity_types()
            .await
            .unwrap()
            .get("dog_patrol")
            .is_none()
    );
    let file = "type,performer,date\ndog_patrol,police,2021-05-01\n";
    let errors = katrineholm
        .import_activities_csv(Actor::System, file.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(
        (
            errors[0].line,
            errors[0].column.as_str(),
            errors[0].problem.code()
        ),
        (2, "type", "unknown-activity-type")
    );
}

#[tokio::test]
async fn an_own_counts_only_type_refuses_notes() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    flen.add_activity_type(
        Actor::System,
        lofte_domain::ActivityTypeCode::parse("home_visit").unwrap(),
        dog_patrol_names(),
        true,
    )
    .await
    .unwrap();
    let file = "type,performer,date,note\nhome_visit,municipality,2021-05-01,Namn\n";
    let errors = flen
        .import_activities_csv(Actor::System, file.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(
        (
            errors[0].line,
            errors[0].column.as_str(),
            errors[0].problem.code()
        ),
        (2, "note", "counts-only")
    );
}

#[tokio::test]
async fn a_promise_can_only_count_types_the_municipality_has() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let mut doc: serde_json::Value = serde_json::from_str(demo::FLEN_PROMISES[1]).unwrap();
    doc["years"] = serde_json::json!({ "first": 2024, "last": 2024 });
    doc["outcome_goal"]["measured_in"] = 2025.into();
    doc["follow_up"]["final_report"]["year"] = 2025.into();
    doc["commitments"][5]["target"]["activity"] = "dog_patrol".into();
    let promise = lofte_domain::exchange::parse_promise_json(&doc.to_string()).unwrap();
    let err = flen
        .create_promise(Actor::System, &promise)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, lofte_db::Error::Invalid(e) if e.iter().any(|e| e.path == "commitments[5].target.activity" && e.problem.code() == "unknown-activity-type")),
        "{err:?}"
    );
    flen.add_activity_type(
        Actor::System,
        lofte_domain::ActivityTypeCode::parse("dog_patrol").unwrap(),
        dog_patrol_names(),
        false,
    )
    .await
    .unwrap();
    flen.create_promise(Actor::System, &promise).await.unwrap();
    assert!(
        flen.promise_for_year(Year::new(2024).unwrap(), Visibility::All)
            .await
            .unwrap()
            .is_some()
    );
}

/// The `activity_progress` index as SQLite stores it, and how many activities are
/// stored (`None` on PostgreSQL). Fails unless the index holds every stored activity (read
/// through the index itself) and SQLite finds the file consistent: an index dropped for a
/// large import and not rebuilt, or rebuilt before the rows went in, fails here.
async fn progress_index(t: &lofte_db::testing::TestDatabase) -> Option<(String, i64)> {
    use sea_orm::ConnectionTrait;
    if !t.url.starts_with("sqlite") {
        return None;
    }
    let conn = sea_orm::Database::connect(&t.url).await.unwrap();
    let one = |sql: &str| {
        conn.query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            sql,
        ))
    };
    let index = one("SELECT sql FROM sqlite_master WHERE name = 'activity_progress'")
        .await
        .unwrap()
        .expect("the index exists");
    let count = one("SELECT COUNT(*) FROM activity").await.unwrap().unwrap();
    let count: i64 = count.try_get_by_index(0).unwrap();
    let through_index = one(
        "SELECT COUNT(*) FROM activity INDEXED BY activity_progress WHERE municipality_code >= ''",
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        through_index.try_get_by_index::<i64>(0).unwrap(),
        count,
        "the progress index holds every activity"
    );
    let integrity = one("PRAGMA integrity_check").await.unwrap().unwrap();
    assert_eq!(integrity.try_get_by_index::<String>(0).unwrap(), "ok");
    Some((index.try_get_by_index(0).unwrap(), count))
}

/// `rows` traffic controls in Flen on the days of 2021, `tc-{n}` as external ids.
fn traffic_controls(rows: usize) -> String {
    let mut csv = String::from("external_id,type,performer,date,duration_minutes,place\n");
    let first = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    for n in 0..rows {
        let day = first + chrono::Days::new((n * 7 % 365) as u64);
        csv.push_str(&format!("tc-{n},traffic_control,police,{day},20,flen\n"));
    }
    csv
}

async fn traffic_controls_2021(flen: &Tenant) -> usize {
    let year = lofte_domain::YearSpan::single(Year::new(2021).unwrap());
    let types = [lofte_domain::ActivityTypeCode::parse("traffic_control").unwrap()];
    flen.activities(year, &types).await.unwrap().0.len()
}

// A file larger than the table is imported with the progress index rebuilt at the end
// (activities.rs, `ProgressIndex`): afterwards the index is there as before and the counts
// are right; a refused file of that size leaves both as they were.
#[tokio::test]
async fn a_large_import_keeps_the_progress_index_and_counts_right_and_a_refused_one_changes_nothing()
 {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let before = progress_index(&t).await;
    if let Some((_, rows)) = &before {
        assert!(
            *rows < 5_000,
            "the file must be larger than the table: {rows}"
        );
    }
    let index_before = before.map(|(sql, _)| sql);
    let index_now = async || progress_index(&t).await.map(|(sql, _)| sql);
    let stored = traffic_controls_2021(&flen).await;

    let mut refused = traffic_controls(5_000);
    refused.push_str("tc-x,traffic_control,police,2021-02-30,20,flen\n");
    let errors = flen
        .import_activities_csv(Actor::System, refused.as_bytes())
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!((errors[0].line, errors[0].column.as_str()), (5_002, "date"));
    assert_eq!(traffic_controls_2021(&flen).await, stored);
    assert_eq!(index_now().await, index_before);

    let imported = flen
        .import_activities_csv(Actor::System, traffic_controls(5_000).as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(imported.added, 5_000);
    assert_eq!(traffic_controls_2021(&flen).await, stored + 5_000);
    assert_eq!(index_now().await, index_before);
    let again = flen
        .import_activities_csv(Actor::System, traffic_controls(5_000).as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.added, again.already_there), (0, 5_000));
}

/// The stored activities that are not demo data, every column but the id, as text.
async fn stored_rows(t: &lofte_db::testing::TestDatabase) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(&t.url).await.unwrap();
    let backend = conn.get_database_backend();
    // The times as the database holds them, not as they decode.
    let columns = "municipality_code, CAST(activity_type_id AS TEXT), performer, \
         CAST(started_at AS TEXT), CAST(local_day AS TEXT), duration_minutes, place_slug, participants, note, \
         dedup_key, synthetic, account_id, api_token_id, created_at";
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(
            backend,
            format!("SELECT {columns} FROM activity WHERE NOT synthetic ORDER BY dedup_key"),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            let text = |i: usize| row.try_get_by_index::<Option<String>>(i).unwrap();
            let number = |i: usize| row.try_get_by_index::<Option<i32>>(i).unwrap();
            let when = |i: usize| {
                row.try_get_by_index::<chrono::DateTime<chrono::Utc>>(i)
                    .unwrap()
            };
            let created_at = when(13);
            assert!(
                (chrono::Utc::now() - created_at).num_minutes() < 10,
                "created just now: {created_at}"
            );
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?}",
                text(0),
                text(1),
                text(2),
                text(3),
                text(4),
                number(5),
                text(6),
                number(7),
                text(8),
                text(9),
                row.try_get_by_index::<bool>(10).unwrap(),
                number(11),
                number(12),
            )
        })
        .collect()
}

// The import writes its rows its own way on SQLite (straight to sqlx, for speed); what
// it stores must be what the API stores for the same activities, on both databases.
#[tokio::test]
async fn an_imported_activity_is_stored_as_the_same_activity_sent_through_the_api() {
    use lofte_domain::followup::{Activity, NewActivity, Performer};
    use lofte_domain::{ActivityTypeCode, PlaceSlug, Text};
    let file = "\
external_id,type,performer,date,time,duration_minutes,place,participants,note
tc-9,traffic_control,police,2021-03-28,02:30,20,malmkoping,,
,safety_walk,municipality,2021-10-31,02:30,95,flen-centrum,14,\"Trasig belysning; \"\"gångtunneln\"\" <b>\"
,concern_visit,municipality,2021-06-01,,,,2,
";
    // A token's import: who added the rows is bound once per statement (with the
    // municipality, when, and whether they are made up), not per row.
    let actor = Actor::ApiToken(7);
    let imported = fresh_database().await;
    let tenant = flen(&imported).await;
    let summary = tenant
        .import_activities_csv(actor, file.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.added, 3);

    let date = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let at = |d: &str, t: &str| {
        lofte_domain::followup::stockholm_to_utc(
            date(d).and_time(chrono::NaiveTime::parse_from_str(t, "%H:%M").unwrap()),
        )
    };
    let activity = |kind: &str,
                    performer: Performer,
                    day: &str,
                    minutes,
                    place: Option<&str>,
                    participants: Option<u32>| Activity {
        activity_type: ActivityTypeCode::parse(kind).unwrap(),
        performer,
        date: date(day),
        time: chrono::NaiveTime::MIN,
        duration_minutes: minutes,
        place: place.map(|p| PlaceSlug::parse(p).unwrap()),
        participants,
    };
    let same = [
        NewActivity {
            activity: activity(
                "traffic_control",
                Performer::Police,
                "2021-03-28",
                Some(20),
                Some("malmkoping"),
                None,
            ),
            started_at: at("2021-03-28", "02:30"),
            note: None,
            external_id: Some("tc-9".into()),
        },
        NewActivity {
            activity: activity(
                "safety_walk",
                Performer::Municipality,
                "2021-10-31",
                Some(95),
                Some("flen-centrum"),
                Some(14),
            ),
            started_at: at("2021-10-31", "02:30"),
            note: Some(Text::parse("Trasig belysning; \"gångtunneln\" <b>", 500).unwrap()),
            external_id: None,
        },
        NewActivity {
            activity: activity(
                "concern_visit",
                Performer::Municipality,
                "2021-06-01",
                None,
                None,
                Some(2),
            ),
            started_at: at("2021-06-01", "12:00"),
            note: None,
            external_id: None,
        },
    ];
    let sent = fresh_database().await;
    let summary = flen(&sent)
        .await
        .add_activities(actor, &same, false)
        .await
        .unwrap();
    assert_eq!(summary.added, 3);

    let rows = stored_rows(&imported).await;
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(
        rows.iter().all(|row| row.ends_with("None Some(7)")),
        "{rows:#?}"
    );
    assert_eq!(rows, stored_rows(&sent).await);
}

// On SQLite the import checks the rows' one foreign key (their municipality) once, with
// the check turned off on its connection, and gives that connection a larger page cache:
// both must be as before when the connection is back in the pool, whether the file was
// imported or refused.
#[tokio::test]
async fn an_import_leaves_every_pooled_connection_checking_foreign_keys() {
    use lofte_db::testing::sqlite_pragma_on_every_connection;
    let t = fresh_database().await;
    let tenant = flen(&t).await;
    let Some(before) = sqlite_pragma_on_every_connection(&t.db, "foreign_keys").await else {
        return; // PostgreSQL: nothing is turned off
    };
    assert!(before.iter().all(|on| *on == 1), "{before:?}");
    let cache_before = sqlite_pragma_on_every_connection(&t.db, "cache_size").await;

    let imported = tenant
        .import_activities_csv(Actor::System, traffic_controls(1_200).as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(imported.added, 1_200);
    let mut refused = traffic_controls(600);
    refused.push_str("tc-x,traffic_control,police,2021-13-01,20,flen\n");
    tenant
        .import_activities_csv(Actor::System, refused.as_bytes())
        .await
        .unwrap()
        .unwrap_err();

    let after = sqlite_pragma_on_every_connection(&t.db, "foreign_keys").await;
    assert_eq!(after, Some(vec![1; before.len()]));
    assert_eq!(
        sqlite_pragma_on_every_connection(&t.db, "cache_size").await,
        cache_before
    );
}

/// Runs statements on a test database as they are written (rows in an older layout).
async fn run_sql(t: &lofte_db::testing::TestDatabase, statements: &[&str]) {
    lofte_db::testing::run_sql(t, statements).await;
}

/// Activities as lofte stored them before migration 15: the type's code and the date as
/// text. Flen and Nyköping each have a type of their own with the same code.
const BEFORE_TYPE_IDS: [&str; 2] = [
    "INSERT INTO activity_type (municipality_code, code, name_sv_one, name_sv_other, \
     name_en_one, name_en_other, counts_only) VALUES \
     ('0480', 'hundpatrull', 'hundpatrull', 'hundpatruller', 'dog patrol', 'dog patrols', false), \
     ('0482', 'hundpatrull', 'hundpatrull', 'hundpatruller', 'dog patrol', 'dog patrols', false)",
    "INSERT INTO activity (municipality_code, activity_type, performer, started_at, local_date, \
     duration_minutes, place_slug, participants, note, dedup_key, synthetic, account_id, \
     api_token_id, created_at) VALUES \
     ('0482', 'traffic_control', 'police', '2020-12-31T23:30:00+00:00', '2021-01-01', 20, NULL, \
      NULL, NULL, 'id:a', false, NULL, NULL, '2021-01-02T00:00:00+00:00'), \
     ('0482', 'hundpatrull', 'municipality', '2021-12-31T10:00:00+00:00', '2021-12-31', NULL, \
      NULL, 3, NULL, 'id:b', false, NULL, NULL, '2022-01-02T00:00:00+00:00'), \
     ('0482', 'traffic_control', 'police', '2020-12-31T10:00:00+00:00', '2020-12-31', 20, NULL, \
      NULL, NULL, 'id:c', false, NULL, NULL, '2021-01-02T00:00:00+00:00'), \
     ('0480', 'hundpatrull', 'police', '2021-06-01T10:00:00+00:00', '2021-06-01', NULL, NULL, \
      NULL, NULL, 'id:d', false, NULL, NULL, '2021-06-02T00:00:00+00:00')",
];

// Migration 15 stores an activity's type as the type's id and its date as a day number:
// activities stored before it keep their type (built-in or the municipality's own, each
// municipality its own) and their date, and count in the same year as before.
#[tokio::test]
async fn activities_stored_before_migration_15_keep_their_types_and_dates() {
    use lofte_domain::{ActivityTypeCode, YearSpan};
    let t = lofte_db::testing::fresh_database_before(14).await;
    run_sql(&t, &BEFORE_TYPE_IDS).await;
    t.db.migrate().await.unwrap();
    assert_eq!(
        lofte_db::testing::applied_migrations(&t.db).await,
        lofte_db::testing::applied_migrations(&fresh_database().await.db).await,
        "all migrations ran"
    );

    let db = &t.db;
    let tenant = async |code: &str| {
        db.tenant(&MunicipalityCode::parse(code).unwrap())
            .await
            .unwrap()
            .unwrap()
    };
    let code = |c: &str| ActivityTypeCode::parse(c).unwrap();
    let year = YearSpan::single(Year::new(2021).unwrap());
    let (flen, nykoping) = (tenant("0482").await, tenant("0480").await);
    let (mut in_2021, _) = flen
        .activities(year, &[code("traffic_control"), code("hundpatrull")])
        .await
        .unwrap();
    in_2021.sort_by_key(|a| a.date);
    let kinds_and_dates: Vec<(String, String)> = in_2021
        .iter()
        .map(|a| (a.activity_type.to_string(), a.date.to_string()))
        .collect();
    assert_eq!(
        kinds_and_dates,
        [
            ("traffic_control".to_owned(), "2021-01-01".to_owned()),
            ("hundpatrull".to_owned(), "2021-12-31".to_owned()),
        ]
    );
    let records = flen.activity_records(year).await.unwrap();
    assert_eq!(records.len(), 2);
    let (theirs, _) = nykoping
        .activities(year, &[code("hundpatrull")])
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].date.to_string(), "2021-06-01");

    // New activities go in beside them and are counted with them.
    let added = flen
        .import_activities_csv(
            Actor::System,
            "type,performer,date\nhundpatrull,police,2021-07-01\n".as_bytes(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(added.added, 1);
    assert_eq!(
        flen.activities(year, &[code("hundpatrull")])
            .await
            .unwrap()
            .0
            .len(),
        2
    );
}

// An activity whose type no longer exists cannot be given a type id: the migration stops
// and leaves the database as it was, rather than dropping the activity.
#[tokio::test]
async fn migration_15_stops_on_an_activity_of_an_unknown_type_and_changes_nothing() {
    let t = lofte_db::testing::fresh_database_before(14).await;
    run_sql(&t, &BEFORE_TYPE_IDS).await;
    run_sql(
        &t,
        &[
            "INSERT INTO activity (municipality_code, activity_type, performer, started_at, \
           local_date, dedup_key, synthetic, created_at) VALUES ('0482', 'okand', 'police', \
           '2021-03-01T10:00:00+00:00', '2021-03-01', 'id:e', false, \
           '2021-03-02T00:00:00+00:00')",
        ],
    )
    .await;
    assert!(t.db.migrate().await.is_err());
    assert_eq!(lofte_db::testing::applied_migrations(&t.db).await, 14);
    let dump = lofte_db::testing::dump_as_text(&t.db).await;
    assert!(dump.contains("okand"), "the activity is still there");
}

// A large import switches where SQLite sorts while it rebuilds the progress index, which
// SQLite refuses inside a transaction on a connection that has opened its temporary
// database (migration 15's rename does, on whichever pooled connection ran it). With
// every pooled connection in that state, a large import still goes through.
#[tokio::test]
async fn a_large_import_goes_through_on_connections_that_used_their_temporary_database() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let stored = traffic_controls_2021(&flen).await;
    lofte_db::testing::sqlite_on_every_connection(
        &t.db,
        "CREATE TEMP TABLE scratch (x INTEGER); DROP TABLE temp.scratch",
    )
    .await;
    let imported = flen
        .import_activities_csv(Actor::System, traffic_controls(5_000).as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(imported.added, 5_000);
    assert_eq!(traffic_controls_2021(&flen).await, stored + 5_000);
}
