//! Migration 22: a published report's figures, stored before it as the web API's JSON,
//! read back afterwards as the figures the report said. On a municipality of the national
//! data set, not the demo.

use lofte_db::national::{NationalPlan, load_national};
use lofte_db::testing::{
    TestDatabase, applied_migrations, fresh_database, fresh_database_before, run_sql,
};
use lofte_db::{Actor, ReportContent, Visibility};
use lofte_domain::Year;
use lofte_domain::followup::{Entry, FROZEN_FORMAT, FrozenFigures, ReportPeriod};

/// A database as lofte made it before migration 22, with a published T1 report of Upplands
/// Väsby's 2020 promise whose first commitment's figures are stored as `figures`.
async fn published_before_22(figures: &str) -> (TestDatabase, i32) {
    let t = fresh_database_before(21).await;
    // Today's code writes commitments, report entries and publications with the columns
    // of migrations 27, 28, 33 and 34; give them early, as those migrations allow.
    let timestamp = match t.db.backend() {
        sea_orm::DbBackend::Postgres => "TIMESTAMPTZ",
        _ => "timestamp_with_timezone_text",
    };
    let announced_at = format!("ALTER TABLE publication ADD COLUMN announced_at {timestamp} NULL");
    run_sql(
        &t,
        &[
            "ALTER TABLE commitment ADD COLUMN incident_indicator TEXT NULL",
            "ALTER TABLE follow_up_entry ADD COLUMN indicator TEXT NULL",
            &announced_at,
            "ALTER TABLE publication ADD COLUMN commitment_ids TEXT NULL",
        ],
    )
    .await;
    let plan = NationalPlan {
        municipalities: 1,
        first_year: 2020,
        years: 1,
        activities: 10,
        responses: 10,
    };
    load_national(&t.db, plan, &mut |_| {}).await.unwrap();
    let tenant = t.db.tenant_named("0114").await.unwrap().unwrap();
    let stored = tenant
        .promise_for_year(Year::new(2020).unwrap(), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    let id = stored.commitment_ids[0];
    let placeholder = FrozenFigures::from_stored(&format!(
        r#"{{"format":{FROZEN_FORMAT},"commitment":0,"activities":["x"],"measure":"count","per":"span","actual":0,"target":null,"year":null,"years":[],"expected":null,"forecast":null,"status":"not-assessed","in_emphasis":null,"by_year":[],"by_month":[],"by_place":[],"excluded":[],"revised":null}}"#
    ))
    .unwrap();
    tenant
        .save_follow_up(
            Actor::System,
            stored.id,
            Year::new(2020).unwrap(),
            ReportPeriod::parse("t1").unwrap(),
            0,
            &ReportContent {
                entries: vec![(
                    id,
                    Entry {
                        status: "on-track".into(),
                        reason: None,
                        narrative: None,
                        evidence: Vec::new(),
                    },
                )],
                learned: None,
            },
            Some(&lofte_db::Frozen {
                figures: vec![(id, placeholder)],
                indicators: Vec::new(),
                announcements: Vec::new(),
            }),
        )
        .await
        .unwrap()
        .unwrap();
    let quoted = figures.replace('\'', "''");
    run_sql(
        &t,
        &[&format!(
            "UPDATE follow_up_entry SET figures = '{quoted}' WHERE commitment_id = {id}"
        )],
    )
    .await;
    (t, stored.id)
}

#[tokio::test]
async fn figures_published_before_migration_22_read_back_as_they_were() {
    let old = r#"{"commitment":0,"activity":"foot_patrol","actual":41,"target":60,"expected":20.0,"forecast":61.5,"status":"on-track","in_emphasis":null,"by_month":[{"month":"2020-02","count":41}],"excluded":[{"reason":"other-party","count":3}]}"#;
    let (t, promise_id) = published_before_22(old).await;
    t.db.migrate().await.unwrap();
    assert_eq!(
        applied_migrations(&t.db).await,
        applied_migrations(&fresh_database().await.db).await
    );
    let tenant = t.db.tenant_named("0114").await.unwrap().unwrap();
    let reports = tenant.follow_ups(promise_id, true).await.unwrap();
    let figures = reports[0].entries[0].figures.as_ref().unwrap();
    assert_eq!(figures.format, FROZEN_FORMAT);
    assert_eq!(figures.activities, ["foot_patrol"]);
    assert_eq!((figures.actual, figures.target), (41, Some(60)));
    assert_eq!(
        (figures.by_month[0].key.as_str(), figures.by_month[0].count),
        ("2020-02", 41)
    );
    assert_eq!(figures.excluded[0].key, "other-party");
    assert_eq!(
        figures.measure, "count",
        "the old default, now written down"
    );
}

#[tokio::test]
async fn migration_22_stops_on_figures_it_cannot_read_and_changes_nothing() {
    let (t, _) = published_before_22(r#"{"commitment":0,"actual":"många"}"#).await;
    let error = t.db.migrate().await.unwrap_err().to_string();
    assert!(error.contains("follow_up_entry"), "{error}");
    assert_eq!(
        applied_migrations(&t.db).await,
        21,
        "migration 22 not recorded"
    );
    let dump = lofte_db::testing::dump_as_text(&t.db).await;
    assert!(
        dump.contains(r#""actual":"många""#),
        "the row is kept as it was"
    );
}
