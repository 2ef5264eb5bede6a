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

#[tokio::test]
async fn a_wrong_or_missing_column_is_named() {
    let t = fresh_database().await;
    let flen = flen(&t).await;
    let errors = flen
        .import_activities_csv(Actor::System, "typ,performer,datum\n".as_bytes())
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
            (1, "typ", "unknown-column"),
            (1, "datum", "unknown-column"),
            (1, "type", "missing-column"),
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
        .map(|t| t.activity.clone())
        .collect();
    let (activities, synthetic) = flen.activities(p.years, &types).await.unwrap();
    assert!(synthetic, "demo activities are flagged");
    let after = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
    let mut results = Vec::new();
    for c in p.commitments.iter().filter(|c| c.target.is_some()) {
        let target = c.target.as_ref().unwrap();
        let pr = progress(target, &c.party, p.years, &activities, &places, after);
        results.push((
            target.activity.to_string(),
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
