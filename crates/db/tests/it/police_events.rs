//! The police's events feed, imported for Gnesta and its county: each event assigned to a
//! municipality with how sure that is, kept once, and a file of another shape refused
//! whole.

use lofte_db::testing::fresh_database;
use lofte_domain::exchange::parse_profile_json;
use lofte_domain::police_event::Assigned;

const GNESTA: &str = r#"{
  "municipality": "0461",
  "places": [
    { "slug": "gnesta", "name": "Gnesta", "kind": "locality", "lat": 59.049, "lon": 17.311, "outlying": false }
  ],
  "boundary": { "type": "Polygon", "coordinates": [[[17.0, 58.95], [17.6, 58.95], [17.6, 59.2], [17.0, 59.2], [17.0, 58.95]]] }
}"#;

fn event(id: u64, datetime: &str, name: &str, kind: &str, location: &str, gps: &str) -> String {
    serde_json::json!({
        "id": id, "datetime": datetime, "name": name, "summary": "Polisen var på plats.",
        "url": format!("/aktuellt/handelser/2024/maj/{id}/"), "type": kind,
        "location": { "name": location, "gps": gps }
    })
    .to_string()
}

fn feed(events: &[String]) -> String {
    format!("[{}]", events.join(","))
}

#[tokio::test]
async fn a_feed_is_kept_once_with_each_event_assigned_and_how_sure() {
    let t = fresh_database().await;
    t.db.import_profile(&parse_profile_json(GNESTA).unwrap())
        .await
        .unwrap();
    let by_location = event(
        700001,
        "2024-05-13 22:40:00 +02:00",
        "13 maj 22.40, Skadegörelse, Gnesta",
        "Skadegörelse",
        "Gnesta",
        "59.048881,17.311627",
    );
    let by_title = event(
        700002,
        "2024-05-14 01:05:00 +02:00",
        "14 maj 01.05, Brand, Flen",
        "Brand",
        "Södermanlands län",
        "59.033,16.75",
    );
    let by_point = event(
        700003,
        "2024-05-15 18:00:00 +02:00",
        "15 maj 18.00, Trafikkontroll, Södermanlands län",
        "Trafikkontroll",
        "Södermanlands län",
        "59.1,17.2",
    );
    let county = event(
        700004,
        "2024-05-16 07:00:00 +02:00",
        "16 maj 07.00, Sammanfattning natt, Södermanlands län",
        "Sammanfattning natt",
        "Södermanlands län",
        "59.033,16.75",
    );
    let first = feed(&[
        by_location.clone(),
        by_title.clone(),
        by_point.clone(),
        county,
    ]);
    let summary =
        t.db.import_police_events(&first, false)
            .await
            .unwrap()
            .unwrap();
    assert_eq!((summary.added, summary.already_there), (4, 0));
    assert_eq!(
        summary.assigned,
        [
            (Assigned::LocationName, 1),
            (Assigned::Title, 1),
            (Assigned::Point, 1)
        ]
    );
    assert_eq!(summary.unassigned, 1);

    // The feed's next window overlaps the last one.
    let later = event(
        700005,
        "2024-05-17 23:15:00 +02:00",
        "17 maj 23.15, Skadegörelse, Gnesta",
        "Skadegörelse",
        "Gnesta",
        "59.048881,17.311627",
    );
    let second = feed(&[by_location, later]);
    let summary =
        t.db.import_police_events(&second, false)
            .await
            .unwrap()
            .unwrap();
    assert_eq!((summary.added, summary.already_there), (1, 1));

    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
    let gnesta = t.db.tenant_named("0461").await.unwrap().unwrap();
    let counts = gnesta.police_event_counts(day(1), day(31)).await.unwrap();
    assert_eq!(
        counts.by_kind,
        [
            ("Skadegörelse".to_owned(), 2),
            ("Trafikkontroll".to_owned(), 1)
        ]
    );
    assert_eq!(counts.less_sure, 1, "the traffic control only by its point");
    assert!(!counts.synthetic);
    let flen = t.db.tenant_named("0482").await.unwrap().unwrap();
    assert_eq!(
        flen.police_event_counts(day(1), day(31))
            .await
            .unwrap()
            .by_kind,
        [("Brand".to_owned(), 1)]
    );
    assert!(
        gnesta
            .police_event_counts(day(18), day(31))
            .await
            .unwrap()
            .by_kind
            .is_empty()
    );

    // A file of another shape: every path told, nothing of it kept.
    let good = event(
        700006,
        "2024-05-20 12:00:00 +02:00",
        "20 maj 12.00, Rån, Gnesta",
        "Rån",
        "Gnesta",
        "59.048881,17.311627",
    );
    let bad = format!(
        r#"[{good}, {{"id": 700007, "datetime": "den 20 maj", "name": "x", "summary": "",
            "url": "https://example.com/", "type": "Rån", "location": {{"name": "Gnesta"}}}}]"#
    );
    let errors =
        t.db.import_police_events(&bad, false)
            .await
            .unwrap()
            .unwrap_err();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.path.as_str(), e.problem.code()))
        .collect();
    assert_eq!(
        found,
        [
            ("[1].location.gps", "required"),
            ("[1].datetime", "feed-date-time"),
            ("[1].url", "police-link"),
        ]
    );
    assert!(
        gnesta
            .police_event_counts(day(20), day(20))
            .await
            .unwrap()
            .by_kind
            .is_empty(),
        "the good event of the refused file is not kept"
    );
}
