//! Targets with conditions, through storage, the progress API, the public page and the
//! staff form: a four-year promise of Katrineholm's with a number for each year, a night
//! window across midnight, several activity types, and participants counted.

use chrono::{NaiveDate, NaiveTime};
use lofte_domain::followup::{Activity, NewActivity, Performer};
use lofte_domain::{ActivityTypeCode, MunicipalityCode, Role};

use crate::helpers::{TestApp, spawn_app, texts};
use crate::helpers::{account, post_form, sign_in};

/// Katrineholm 2023–2026, published, under way in its last year (the tests run in
/// 2026 or later; the figures are as of the promise's last day at the latest).
async fn four_years(app: &TestApp) {
    let document = serde_json::json!({
        "municipality": "0483",
        "years": { "first": 2023, "last": 2026 },
        "title": "Medborgarlöfte 2023–2026",
        "aim": "Trygga kvällar i Katrineholm.",
        "outcome_goal": { "text": "Fler ska känna sig trygga på kvällen.", "measured_in": 2027 },
        "follow_up": { "internal": "tertial", "final_report": { "year": 2027, "quarter": 1 } },
        "status": "published",
        "commitments": [
            { "party": "municipality", "kind": "process",
              "text": "att hålla en medborgardialog varje år.",
              "target": { "activity": "citizen_dialogue", "at_least": 1, "per": "year" } },
            { "party": "police", "kind": "output",
              "text": "att patrullera fredag och lördag kväll.",
              "target": { "activity": ["foot_patrol", "bicycle_patrol"], "at_least": 100,
                          "when": { "weekdays": ["fri", "sat"], "hours": { "from": "20:00", "to": "02:00" } } } },
            { "party": "municipality", "kind": "output",
              "text": "att nå 300 vuxna genom Trygg vuxen.",
              "target": { "activity": "trygg_vuxen", "at_least": 300, "measure": "participants",
                          "when": { "months": [1, 2, 3, 4] } } }
        ]
    });
    let promise = lofte_domain::exchange::parse_promise_json(&document.to_string()).unwrap();
    app.database
        .db
        .import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
    let logged = |kind: &str, performer: Performer, day: &str, at: &str, participants| {
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        let time = NaiveTime::parse_from_str(at, "%H:%M").unwrap();
        NewActivity {
            activity: Activity {
                activity_type: ActivityTypeCode::parse(kind).unwrap(),
                performer,
                date,
                time,
                duration_minutes: Some(30),
                place: None,
                participants,
            },
            started_at: lofte_domain::followup::stockholm_to_utc(date.and_time(time)),
            note: None,
            external_id: None,
        }
    };
    let m = Performer::Municipality;
    let p = Performer::Police;
    let items = [
        // Dialogues in 2023 and 2025, none in 2024, one in 2026.
        logged("citizen_dialogue", m.clone(), "2023-05-10", "18:00", None),
        logged("citizen_dialogue", m.clone(), "2025-05-10", "18:00", None),
        logged("citizen_dialogue", m.clone(), "2026-03-10", "18:00", None),
        // Friday 6 March 2026 at 21:00, and 01:30 the night after (still Friday night).
        logged("foot_patrol", p.clone(), "2026-03-06", "21:00", None),
        logged("bicycle_patrol", p.clone(), "2026-03-07", "01:30", None),
        // Sunday 8 March 2026 at 01:30 is Saturday night; Saturday at 10:00 is not night.
        logged("foot_patrol", p.clone(), "2026-03-08", "01:30", None),
        logged("foot_patrol", p.clone(), "2026-03-07", "10:00", None),
        // Trygg vuxen: 25 and 15 adults in spring, 40 in May (outside the months).
        logged("trygg_vuxen", m.clone(), "2026-02-01", "18:00", Some(25)),
        logged("trygg_vuxen", m.clone(), "2026-04-01", "18:00", Some(15)),
        logged("trygg_vuxen", m.clone(), "2026-05-01", "18:00", Some(40)),
    ];
    app.database
        .db
        .tenant(&MunicipalityCode::parse("0483").unwrap())
        .await
        .unwrap()
        .unwrap()
        .add_activities(lofte_db::Actor::System, &items, false)
        .await
        .unwrap();
}

#[tokio::test]
async fn conditions_are_counted_and_shown_in_words_beside_the_figures() {
    let app = spawn_app().await;
    four_years(&app).await;
    let progress: serde_json::Value = app
        .get("/api/v1/municipalities/0483/promises/2023/progress")
        .await
        .json()
        .await
        .unwrap();
    let c = progress["commitments"].as_array().unwrap();

    // One dialogue promised each year: 2024 was missed, so the commitment is behind
    // although this year's dialogue is held.
    assert_eq!(c[0]["per"], "year");
    assert_eq!(c[0]["year"], 2026);
    assert_eq!(
        (c[0]["actual"].as_u64(), c[0]["target"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(c[0]["status"], "behind");
    let years: Vec<(i64, u64, String)> = c[0]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["actual"].as_u64().unwrap(),
                y["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        years[..3],
        [
            (2023, 1, "kept".to_owned()),
            (2024, 0, "not-kept".to_owned()),
            (2025, 1, "kept".to_owned()),
        ]
    );

    // Night patrols: the three on Friday and Saturday nights count, of two types; the
    // Saturday morning one is outside the hours.
    assert_eq!(c[1]["actual"], 3);
    assert_eq!(
        c[1]["activities"],
        serde_json::json!(["foot_patrol", "bicycle_patrol"])
    );
    assert_eq!(
        c[1]["excluded"],
        serde_json::json!([{ "reason": "outside-hours", "count": 1 }])
    );
    // A number for the whole span: how each year of it contributed, zeros included.
    assert_eq!(
        c[1]["by_year"],
        serde_json::json!([
            { "year": 2023, "count": 0 }, { "year": 2024, "count": 0 },
            { "year": 2025, "count": 0 }, { "year": 2026, "count": 3 }
        ])
    );

    // Participants in January–April: 25 + 15.
    assert_eq!(c[2]["measure"], "participants");
    assert_eq!(c[2]["actual"], 40);
    assert_eq!(
        c[2]["excluded"],
        serde_json::json!([{ "reason": "outside-months", "count": 1 }])
    );

    let page = app.page("/kommun/0483/2023").await;
    let text = texts(&page, "main").join(" ");
    for words in [
        "Mål: minst 1 medborgardialog varje år.",
        "Mål: minst 100 aktiviteter (fotpatruller eller cykelpatruller) på fredagar och lördagar kl. 20:00–02:00.",
        "Mål: minst 300 deltagare i Trygg vuxen-aktiviteter under januari–april.",
        "1 av 1 medborgardialog år 2026",
        "2024: 0 av 1 – Inte uppfyllt",
        "40 av 300 deltagare i Trygg vuxen-aktiviteter",
        "de gjordes på andra tider på dygnet än målet räknar",
        "Per år: 2023: 0 · 2024: 0 · 2025: 0 · 2026: 3",
    ] {
        assert!(text.contains(words), "{words:?} not in {text}");
    }

    let english = app
        .get_in("en", "/kommun/0483/2023")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        english.contains("on Fridays and Saturdays at 20:00–02:00"),
        "{english}"
    );
}

#[tokio::test]
async fn the_staff_form_keeps_and_edits_a_targets_conditions() {
    let app = spawn_app().await;
    four_years(&app).await;
    let katrineholm =
        lofte_db::OrganisationRef::Municipality(MunicipalityCode::parse("0483").unwrap());
    let (email, password) = account(
        &app,
        "samordnare@katrineholm.se",
        katrineholm,
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let stored = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0483").unwrap())
        .await
        .unwrap()
        .unwrap()
        .promise_for_year(
            lofte_domain::Year::new(2023).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    let night = stored.commitment_ids[1];
    let path = format!("/personal/kommun/0483/2023/atagande/{night}");
    let form = app.page_as(&path, &cookie).await;
    let checked = |name: &str| -> Vec<String> {
        form.select(&scraper::Selector::parse(&format!("input[name={name}][checked]")).unwrap())
            .map(|i| i.value().attr("value").unwrap().to_owned())
            .collect()
    };
    assert_eq!(checked("when_weekdays"), ["fri", "sat"]);
    assert_eq!(checked("target_also"), ["bicycle_patrol"]);
    let value = |name: &str| {
        form.select(&scraper::Selector::parse(&format!("input[name={name}]")).unwrap())
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        (value("hours_from"), value("hours_to")),
        ("20:00".into(), "02:00".into())
    );

    // A malformed hour and weekday are refused on their fields; nothing is saved.
    let version = value("version");
    let bad = post_form(
        &app.address,
        &cookie,
        &path,
        &[
            ("version", version.as_str()),
            ("party", "police"),
            ("kind", "output"),
            ("text", "att patrullera fredag och lördag kväll."),
            ("target_activity", "foot_patrol"),
            ("target_at_least", "100"),
            ("target_measure", "minutes"),
            ("when_weekdays", "fre"),
            ("hours_from", "25:00"),
            ("hours_to", "02:00"),
            ("scope", "anywhere"),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let page = scraper::Html::parse_document(&bad.text().await.unwrap());
    let errors = texts(&page, ".field-error");
    assert!(
        errors.iter().any(|e| e.contains("Ange en tid som TT:MM")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("”fre” går inte här")),
        "{errors:?}"
    );

    // Saved: minutes of foot patrol each year, on Saturdays only.
    let ok = post_form(
        &app.address,
        &cookie,
        &path,
        &[
            ("version", version.as_str()),
            ("party", "police"),
            ("kind", "output"),
            ("text", "att patrullera fredag och lördag kväll."),
            ("target_activity", "foot_patrol"),
            ("target_at_least", "600"),
            ("target_measure", "minutes"),
            ("target_per", "year"),
            ("when_weekdays", "sat"),
            ("hours_from", "20:00"),
            ("hours_to", "02:00"),
            ("scope", "anywhere"),
        ],
    )
    .await;
    assert_eq!(ok.status(), 303);
    let public = app.page("/kommun/0483/2023").await;
    let text = texts(&public, "main").join(" ");
    assert!(
        text.contains(
            "Mål: minst 600 minuter med fotpatruller varje år på lördagar kl. 20:00–02:00."
        ),
        "{text}"
    );
}

/// The four-year promise's final report, published: the verdicts judge each year of a
/// per-year target and the whole span of the others, and the page and the PDF give the
/// figures per year and in total.
#[tokio::test]
async fn a_four_year_promises_final_report_gives_each_year_and_the_total() {
    let app = spawn_app().await;
    four_years(&app).await;
    let katrineholm =
        lofte_db::OrganisationRef::Municipality(MunicipalityCode::parse("0483").unwrap());
    let (email, password) = account(
        &app,
        "samordnare@katrineholm.se",
        katrineholm,
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let final_report = "/personal/kommun/0483/2026/uppfoljning/slutredovisning";
    let form = app.page_as(final_report, &cookie).await;
    let hints = texts(&form, "fieldset.entry .hint");
    assert!(
        hints
            .iter()
            .any(|h| h.contains("Uträknad status: Delvis uppfyllt")),
        "one dialogue a year, 2024 missed: {hints:?}"
    );
    let r = post_form(
        &app.address,
        &cookie,
        final_report,
        &[("version", "0"), ("action", "publish")],
    )
    .await;
    assert_eq!(r.status(), 303);

    let public = "/kommun/0483/2026/uppfoljning/slutredovisning";
    let page = app.page(public).await;
    let text = texts(&page, "main").join(" ");
    for words in [
        "2024: 0 av 1 – Inte uppfyllt",
        "2026: 1 av 1 – Uppfyllt",
        "Per år: 2023: 0 · 2024: 0 · 2025: 0 · 2026: 3",
    ] {
        assert!(text.contains(words), "{words:?} not in {text}");
    }
    let pdf = app.get(&format!("{public}/sv.pdf")).await;
    assert_eq!(pdf.status(), 200);
    let pdf = lofte_report::inspect::text(&pdf.bytes().await.unwrap());
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "2024: 0 av 1 – Inte uppfyllt",
        "Per år: 2023: 0 · 2024: 0 · 2025: 0 · 2026: 3",
    ] {
        assert!(flat.contains(words), "{words:?} not in the PDF: {flat}");
    }
}
