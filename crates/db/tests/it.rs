//! Repository behaviour on whichever database `TEST_DATABASE_URL` names (SQLite if unset).

#[path = "it/backup.rs"]
mod backup;
#[path = "it/concurrent.rs"]
mod concurrent;
#[path = "it/crime_stats.rs"]
mod crime_stats;
#[path = "it/follows.rs"]
mod follows;
#[path = "it/frozen.rs"]
mod frozen;
#[path = "it/incidents.rs"]
mod incidents;
#[path = "it/mail.rs"]
mod mail;
#[path = "it/police_events.rs"]
mod police_events;
#[path = "it/structure.rs"]
mod structure;

use lofte_db::testing::fresh_database;
use lofte_db::{Actor, Error, Visibility, demo};
use lofte_domain::exchange::parse_promise_json;
use lofte_domain::{MunicipalityCode, Problem, PromiseStatus, Year};

fn code(c: &str) -> MunicipalityCode {
    MunicipalityCode::parse(c).unwrap()
}

fn year(y: i32) -> Year {
    Year::new(y).unwrap()
}

#[tokio::test]
async fn migration_loads_every_municipality_once() {
    let t = fresh_database().await;
    t.db.migrate().await.expect("migrating twice is harmless");
    let flen = t.db.municipality(&code("0482")).await.unwrap().unwrap();
    assert_eq!(flen.official_name.as_str(), "Flens kommun");
    assert_eq!(flen.county.as_str(), "Södermanlands län");
    assert!(
        flen.police.is_none(),
        "police organisation comes with the profile"
    );
    let kiruna = t.db.municipality(&code("2584")).await.unwrap().unwrap();
    assert_eq!(kiruna.name.as_str(), "Kiruna");
    assert!(t.db.municipality(&code("0499")).await.unwrap().is_none());
}

#[tokio::test]
async fn flen_demo_loads_once_with_its_places_and_police() {
    let t = fresh_database().await;
    let first = demo::load_flen(&t.db).await.unwrap();
    assert_eq!((first.promises_added, first.promises_present), (2, 0));
    let again = demo::load_flen(&t.db).await.unwrap();
    assert_eq!((again.promises_added, again.promises_present), (0, 2));
    // Published long ago as far as followers go: nothing to tell at the demo's start.
    assert!(t.db.unannounced_publications().await.unwrap().is_empty());

    let flen = t.db.tenant(&code("0482")).await.unwrap().unwrap();
    assert_eq!(
        flen.municipality()
            .police
            .as_ref()
            .unwrap()
            .local_police_area
            .as_str(),
        "Katrineholm"
    );
    let places = t.db.places(&code("0482")).await.unwrap();
    assert_eq!(places.len(), 8);
    assert_eq!(places.iter().filter(|p| p.outlying).count(), 4);

    let years: Vec<String> = flen
        .promises(Visibility::Public)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.years.to_string())
        .collect();
    assert_eq!(years, ["2021", "2020"]);

    let stored = flen
        .promise_for_year(year(2020), Visibility::Public)
        .await
        .unwrap()
        .unwrap();
    let expected = parse_promise_json(demo::FLEN_PROMISES[0]).unwrap();
    assert_eq!(
        stored.promise, expected,
        "what is stored is what was imported"
    );
    assert_eq!(stored.commitment_ids.len(), 13);
    assert_eq!(stored.version, 1);
}

#[tokio::test]
async fn a_second_promise_for_the_same_year_is_refused_and_the_first_kept() {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let flen = t.db.tenant(&code("0482")).await.unwrap().unwrap();
    let mut rival = parse_promise_json(demo::FLEN_PROMISES[1]).unwrap();
    rival.title = lofte_domain::Text::parse("Ett annat löfte", 200).unwrap();
    rival.commitments.truncate(1);

    let Err(Error::Invalid(errors)) = flen.create_promise(Actor::System, &rival).await else {
        panic!("expected a conflict")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, "years");
    assert_eq!(
        errors[0].problem,
        Problem::PromiseExists {
            municipality: "0482".into(),
            year: 2021
        }
    );
    let kept = flen
        .promise_for_year(year(2021), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.promise.title.as_str(), "Medborgarlöfte 2021");
    assert_eq!(kept.promise.commitments.len(), 12);

    // A two-year promise overlapping 2021 is refused as well.
    let mut span = rival.clone();
    span.years = lofte_domain::YearSpan::new(year(2021), year(2022)).unwrap();
    span.outcome_goal.measured_in = year(2023);
    span.follow_up.final_report_year = year(2023);
    assert!(matches!(
        flen.create_promise(Actor::System, &span).await,
        Err(Error::Invalid(_))
    ));
}

#[tokio::test]
async fn unknown_places_are_named_by_path_and_nothing_is_stored() {
    let t = fresh_database().await;
    let flen = t.db.tenant(&code("0482")).await.unwrap().unwrap();
    // No profile loaded: Flen has no places yet.
    let p2020 = parse_promise_json(demo::FLEN_PROMISES[0]).unwrap();
    let Err(Error::Invalid(errors)) = flen.create_promise(Actor::System, &p2020).await else {
        panic!("expected unknown place")
    };
    assert_eq!(errors[0].path, "commitments[3].target.scope.places[0]");
    assert_eq!(
        errors[0].problem,
        Problem::UnknownPlace {
            value: "flen-centrum".into()
        }
    );
    assert!(flen.promises(Visibility::All).await.unwrap().is_empty());
}

#[tokio::test]
async fn each_municipality_sees_only_its_own_promises() {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let katrineholm = t.db.tenant(&code("0483")).await.unwrap().unwrap();
    assert!(
        katrineholm
            .promises(Visibility::All)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        katrineholm
            .promise_for_year(year(2021), Visibility::All)
            .await
            .unwrap()
            .is_none()
    );
    // A Flen document cannot be stored through Katrineholm's tenant.
    let p2021 = parse_promise_json(demo::FLEN_PROMISES[1]).unwrap();
    assert!(matches!(
        katrineholm.create_promise(Actor::System, &p2021).await,
        Err(Error::Invalid(_))
    ));
    let listed = t.db.municipalities_with_public_promises().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].municipality.name.as_str(), "Flen");
    assert_eq!(listed[0].public_years, [year(2021), year(2020)]);
}

#[tokio::test]
async fn drafts_are_hidden_from_the_public() {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let flen = t.db.tenant(&code("0482")).await.unwrap().unwrap();
    let p2021 = parse_promise_json(demo::FLEN_PROMISES[1]).unwrap();
    let draft = p2021.continue_into(year(2022)).unwrap();
    assert_eq!(draft.status, PromiseStatus::Draft);
    flen.create_promise(Actor::System, &draft).await.unwrap();

    assert!(
        flen.promise_for_year(year(2022), Visibility::Public)
            .await
            .unwrap()
            .is_none()
    );
    let staff_view = flen
        .promise_for_year(year(2022), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(staff_view.promise.continues, Some(year(2021)));
    let current = flen
        .current_promise(year(2022), Visibility::Public)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        current.promise.years.to_string(),
        "2021",
        "falls back to the newest public"
    );
}

// New SQLite files get the larger pages that make large imports faster (`Db::connect`);
// a database file made before then keeps the pages it has, and still opens and migrates.
#[tokio::test]
async fn a_new_sqlite_file_gets_16_kib_pages_and_an_older_file_keeps_its_own() {
    use lofte_db::testing::sqlite_pragma_on_every_connection;
    use lofte_db::{Db, SQLITE_PAGE_SIZE};
    use sea_orm::ConnectionTrait;
    let t = fresh_database().await;
    let Some(new_file) = sqlite_pragma_on_every_connection(&t.db, "page_size").await else {
        return; // PostgreSQL has no page size to set
    };
    assert_eq!(new_file, vec![i64::from(SQLITE_PAGE_SIZE); new_file.len()]);

    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("old.sqlite").display()
    );
    let old = sea_orm::Database::connect(&url).await.unwrap();
    old.execute_unprepared(
        "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; \
         CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ('från förr')",
    )
    .await
    .unwrap();
    old.close().await.unwrap();
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    assert!(db.municipality(&code("0482")).await.unwrap().is_some());
    let sizes = sqlite_pragma_on_every_connection(&db, "page_size")
        .await
        .unwrap();
    assert_eq!(sizes, vec![4096; sizes.len()]);
    let contents = lofte_db::testing::dump_as_text(&db).await;
    assert!(
        contents.contains("från förr"),
        "the old table's row is kept"
    );
}

#[tokio::test]
async fn the_national_data_set_loads_every_part_and_a_second_load_adds_nothing() {
    use lofte_db::national::{NationalPlan, load_national};
    let database = fresh_database().await;
    let plan = NationalPlan {
        municipalities: 3,
        first_year: 2020,
        years: 2,
        activities: 600,
        responses: 120,
    };
    let mut names = Vec::new();
    let loaded = load_national(&database.db, plan, &mut |n| names.push(n.to_owned()))
        .await
        .unwrap();
    assert_eq!(
        (
            loaded.municipalities,
            loaded.promises,
            loaded.activities,
            loaded.responses
        ),
        (3, 6, 600, 120)
    );
    assert_eq!(names, ["Upplands Väsby", "Vallentuna", "Österåker"]);
    let tenant = database.db.tenant_named("0115").await.unwrap().unwrap();
    let promise = tenant
        .promise_for_year(year(2021), Visibility::Public)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        promise.promise.title.as_str(),
        "Medborgarlöfte 2021 (exempel)"
    );
    assert!(
        tenant
            .has_synthetic_activities(promise.promise.years)
            .await
            .unwrap(),
        "flagged as example data"
    );
    let again = load_national(&database.db, plan, &mut |_| {})
        .await
        .unwrap();
    assert_eq!(again.promises + again.activities as usize, 0);
}
