//! Commitments measured by the situation picture: the indicator on the promise page, in
//! the follow-ups, the reports and the API, held back for residents below the threshold,
//! frozen when a report is published, and set on the staff form.

use lofte_domain::Role;

use crate::helpers::{form_values, spawn_app, texts, with};
use crate::incidents::{gnesta, gnesta_housing_token, gnesta_kommun, post};

/// Imports Gnesta's promise over `years` with its one `commitment`.
async fn gnesta_promise(
    app: &crate::helpers::TestApp,
    (first, last): (i32, i32),
    status: &str,
    commitment: serde_json::Value,
) {
    let document = serde_json::json!({
        "municipality": "0461",
        "years": { "first": first, "last": last },
        "title": format!("Medborgarlöfte {first}–{last}"),
        "aim": "Tryggare kvällar i Gnesta.",
        "outcome_goal": { "text": "Färre ska känna sig otrygga på kvällarna.", "measured_in": last + 1 },
        "follow_up": { "internal": "tertial", "final_report": { "year": last + 1, "quarter": 1 } },
        "status": status,
        "commitments": [commitment]
    });
    let promise = lofte_domain::exchange::parse_promise_json(&document.to_string()).unwrap();
    app.database
        .db
        .import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
}

/// Posts a form's values as a signed-in user.
async fn post_values(
    app: &crate::helpers::TestApp,
    cookie: &str,
    path: &str,
    values: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    crate::helpers::post_form(&app.address, cookie, path, &pairs).await
}

/// A commitment measured by the picture: Gnesta's graffiti at the station in the evening,
/// against the year before over the same days; reports elsewhere or by day do not count.
#[tokio::test]
async fn a_commitment_is_measured_by_its_incident_indicator() {
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let shown = chrono::Datelike::year(&lofte_app::progress::today()) - 1;
    gnesta_promise(
        &app,
        (shown, shown),
        "published",
        serde_json::json!({ "party": "municipality", "kind": "process",
              "text": "Kommunen sanerar klotter vid stationen inom ett dygn.",
              "incident_indicator": { "categories": ["klotter"], "places": ["stationsomradet"],
                  "hours": { "from": "18:00", "to": "02:00" }, "baseline_year": shown - 1 } }),
    )
    .await;
    let report = |year: i32, day: u32, time: &str, place: &str| {
        serde_json::json!({ "category": "graffiti", "date": format!("{year}-03-{day:02}"),
            "time": time, "place": place, "reporter": "Gnestahem" })
    };
    let mut reports: Vec<serde_json::Value> = (1..=12)
        .map(|d| report(shown - 1, d, "22:00", "stationsomradet"))
        .collect();
    reports.extend((1..=3).map(|d| report(shown, d, "23:30", "stationsomradet")));
    // Not counted: by day, and elsewhere.
    reports.extend((4..=9).map(|d| report(shown, d, "12:00", "stationsomradet")));
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(reports))
            .await
            .status(),
        201
    );
    // Residents: a count below 5 is held back, and with it the interval; the verdict
    // stays.
    let page = app.page(&format!("/kommun/0461/{shown}")).await;
    let indicator = texts(&page, ".indicator p");
    assert!(
        indicator[0].starts_with(
            "Förbättrat Mätt i lägesbilden: Klotter vid Stationsområdet kl. 18–02, färre än 5 rapporter"
        ),
        "{indicator:?}"
    );
    assert!(
        indicator[0].contains(&format!("mot 12 samma dagar {}", shown - 1)),
        "{indicator:?}"
    );
    assert_eq!(
        indicator.len(),
        1,
        "no interval beside a held-back count: {indicator:?}"
    );
    // With no number and no follow-up yet, the overview says how it goes by the verdict.
    assert_eq!(
        texts(&page, ".status.verdict-improved"),
        ["Förbättrat", "Förbättrat"],
        "in the overview and beside the commitment"
    );
    let progress: serde_json::Value = app
        .get(&format!(
            "/api/v1/municipalities/0461/promises/{shown}/progress"
        ))
        .await
        .json()
        .await
        .unwrap();
    let measured = &progress["indicators"][0];
    assert_eq!(measured["commitment"], 0);
    assert_eq!(measured["now"], serde_json::json!({ "fewer_than": 5 }));
    assert_eq!(measured["before"], serde_json::json!({ "count": 12 }));
    assert_eq!(measured["verdict"], "improved");
    assert!(measured.get("change").is_none(), "{measured}");

    // Staff see every count and the change with its interval, and the first tertial's
    // report freezes it.
    let coordinator = app.signed_in_as(Role::Coordinator, gnesta_kommun()).await;
    let base = format!("/personal/kommun/0461/{shown}");
    let staff = app.page_as(&base, &coordinator).await;
    let lines = texts(&staff, ".indicator p");
    assert!(lines[0].contains(", 3 rapporter"), "{lines:?}");
    assert!(lines[1].starts_with("−75 %"), "{lines:?}");
    let t1 = format!("{base}/uppfoljning/t1");
    let form = app.page_as(&t1, &coordinator).await;
    assert!(
        texts(&form, ".indicator p")[0].contains(", 3 rapporter"),
        "the follow-up shows the indicator up to the tertial's last day"
    );
    let published = crate::helpers::post_form(
        &app.address,
        &coordinator,
        &t1,
        &[
            ("version", "0"),
            ("action", "publish"),
            ("narrative_0", "Klottret sanerades inom ett dygn."),
        ],
    )
    .await;
    assert_eq!(published.status(), 303);
    // Reports logged afterwards do not change what the report said.
    let late: Vec<serde_json::Value> = (10..=19)
        .map(|d| report(shown, d, "21:00", "stationsomradet"))
        .collect();
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(late))
            .await
            .status(),
        201
    );
    let report_page = app
        .page(&format!("/kommun/0461/{shown}/uppfoljning/t1"))
        .await;
    let frozen = texts(&report_page, ".indicator p");
    assert!(
        frozen[0].starts_with("Förbättrat Mätt i lägesbilden: Klotter")
            && frozen[0].contains("färre än 5 rapporter"),
        "{frozen:?}"
    );
    assert_eq!(
        texts(&report_page, ".report-summary td")
            .iter()
            .filter(|t| *t == "Lägesbilden: Förbättrat")
            .count(),
        1
    );
    let follow_ups: serde_json::Value = app
        .get(&format!(
            "/api/v1/municipalities/0461/promises/{shown}/follow-ups"
        ))
        .await
        .json()
        .await
        .unwrap();
    let entry = &follow_ups[0]["entries"][0]["indicator"];
    assert_eq!(entry["now"], serde_json::json!({ "fewer_than": 5 }));
    assert_eq!(entry["before"], serde_json::json!({ "count": 12 }));
    assert_eq!(entry["to"], format!("{shown}-04-30"));
    let now: serde_json::Value = app
        .get(&format!(
            "/api/v1/municipalities/0461/promises/{shown}/progress"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        now["indicators"][0]["now"],
        serde_json::json!({ "count": 13 }),
        "the promise's progress counts the later reports"
    );
    let pdf = app
        .get(&format!("/kommun/0461/{shown}/uppfoljning/t1/sv.pdf"))
        .await;
    assert_eq!(pdf.status(), 200);
    let text = lofte_report::inspect::text(&pdf.bytes().await.unwrap());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Förbättrat Mätt i lägesbilden: Klotter vid Stationsområdet"),
        "{text}"
    );
    assert!(text.contains("färre än 5 rapporter"), "{text}");
    let exported: serde_json::Value = app
        .get(&format!("/api/v1/municipalities/0461/promises/{shown}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        exported["commitments"][0]["incident_indicator"]["places"],
        serde_json::json!(["stationsomradet"]),
        "what comes out can go back in"
    );
}

/// Gnesta's promise of `year` with one commitment measured by nothing, as imported.
async fn unmeasured_promise(app: &crate::helpers::TestApp, year: i32) -> String {
    gnesta(app).await;
    gnesta_promise(
        app,
        (year, year + 1),
        "draft",
        serde_json::json!({ "party": "municipality", "kind": "process",
              "text": "Kommunen sanerar klotter vid stationen inom ett dygn." }),
    )
    .await;
    app.signed_in_as(Role::Coordinator, gnesta_kommun()).await
}

async fn stored_indicator(
    app: &crate::helpers::TestApp,
    year: i32,
) -> Option<lofte_domain::indicator::IncidentIndicator> {
    app.database
        .db
        .tenant(&lofte_domain::MunicipalityCode::parse("0461").unwrap())
        .await
        .unwrap()
        .unwrap()
        .promise_for_year(
            lofte_domain::Year::new(year).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap()
        .promise
        .commitments[0]
        .indicator
        .clone()
}

/// The coordinator names what measures a commitment on its form, sees it again on the
/// form, keeps it through an edit of the text, is told which field is wrong, and can take
/// it off again.
#[tokio::test]
async fn the_commitment_form_sets_keeps_and_refuses_an_indicator() {
    let app = spawn_app().await;
    let cookie = unmeasured_promise(&app, 2025).await;
    let promise = app.page_as("/personal/kommun/0461/2025", &cookie).await;
    let edit = promise
        .select(&scraper::Selector::parse("a[href*='/atagande/']").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .find(|href| !href.ends_with("/ny"))
        .unwrap()
        .to_owned();
    let form = app.page_as(&edit, &cookie).await;
    assert_eq!(
        texts(&form, "details.indicator-fields summary"),
        ["Mätt i lägesbilden"]
    );
    assert!(
        form.select(&scraper::Selector::parse("details.indicator-fields[open]").unwrap())
            .next()
            .is_none(),
        "closed while nothing measures the commitment"
    );
    let mut values = with(
        form_values(&form),
        &[
            ("indicator_places", "stationsomradet"),
            ("indicator_from", "18:00"),
            ("indicator_to", "02:00"),
            ("indicator_baseline", "2024"),
        ],
    );
    values.push(("indicator_categories".into(), "graffiti".into()));
    values.push(("indicator_categories".into(), "vandalism".into()));
    let saved = post_values(&app, &cookie, &edit, &values).await;
    assert_eq!(saved.status(), 303);
    let indicator = stored_indicator(&app, 2025).await.unwrap();
    assert_eq!(
        indicator
            .categories
            .iter()
            .map(|c| c.code())
            .collect::<Vec<_>>(),
        ["vandalism", "graffiti"]
    );
    assert_eq!(indicator.places[0].as_str(), "stationsomradet");
    assert_eq!(indicator.baseline.get(), 2024);
    assert_eq!(indicator.counted_hours().unwrap().len(), 8);

    // The form shows it again, open; saving a new text keeps it.
    let form = app.page_as(&edit, &cookie).await;
    assert!(
        form.select(&scraper::Selector::parse("details.indicator-fields[open]").unwrap())
            .next()
            .is_some()
    );
    let values = with(
        form_values(&form),
        &[(
            "text",
            "Kommunen sanerar klotter vid stationen inom sex timmar.",
        )],
    );
    let kept = post_values(&app, &cookie, &edit, &values).await;
    assert_eq!(kept.status(), 303);
    assert_eq!(
        stored_indicator(&app, 2025).await.as_ref(),
        Some(&indicator)
    );

    // No year to compare with, and a time that is none: each on its field, nothing saved.
    let form = app.page_as(&edit, &cookie).await;
    let values = with(
        form_values(&form),
        &[("indicator_baseline", ""), ("indicator_from", "25:00")],
    );
    let refused = post_values(&app, &cookie, &edit, &values).await;
    assert_eq!(refused.status(), 422);
    let page = scraper::Html::parse_document(&refused.text().await.unwrap());
    let errors = texts(&page, ".error-summary a");
    assert!(
        errors.iter().any(|e| e.starts_with("Jämförelseår")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("Bara rapporter från klockan")),
        "{errors:?}"
    );
    assert_eq!(
        stored_indicator(&app, 2025).await.as_ref(),
        Some(&indicator)
    );

    // Unticking every category and emptying the rest takes it off.
    let values: Vec<(String, String)> = with(
        form_values(&form),
        &[
            ("indicator_from", ""),
            ("indicator_to", ""),
            ("indicator_baseline", ""),
        ],
    )
    .into_iter()
    .filter(|(k, _)| k != "indicator_categories" && k != "indicator_places")
    .collect();
    let removed = post_values(&app, &cookie, &edit, &values).await;
    assert_eq!(removed.status(), 303);
    assert_eq!(stored_indicator(&app, 2025).await, None);
}

/// The first Friday of March of `year`.
fn first_friday_of_march(year: i32) -> chrono::NaiveDate {
    (1..=7)
        .map(|d| chrono::NaiveDate::from_ymd_opt(year, 3, d).unwrap())
        .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Fri)
        .unwrap()
}

/// Gnesta's square and beach on Friday nights: the foot patrols that count toward the
/// commitment went there, much more than an even spread would have sent them. Residents
/// are not told the name of a hot spot with fewer than five reports; staff are.
#[tokio::test]
async fn the_promise_says_whether_the_work_went_where_the_problems_were() {
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{"municipality": "0461", "places": [
            {"slug": "centrum", "name": "Centrum", "kind": "area", "lat": 59.049, "lon": 17.31, "outlying": false},
            {"slug": "torget", "name": "Torget", "kind": "hot_spot", "lat": 59.0495, "lon": 17.309, "outlying": false, "within": "centrum"},
            {"slug": "badplatsen", "name": "Badplatsen", "kind": "area", "lat": 59.06, "lon": 17.28, "outlying": false}
        ]}"#,
    )
    .unwrap();
    app.database.db.import_profile(&profile).await.unwrap();
    let shown = chrono::Datelike::year(&lofte_app::progress::today()) - 1;
    gnesta_promise(
        &app,
        (shown, shown),
        "published",
        serde_json::json!({ "party": "police", "kind": "process",
              "text": "Polisen patrullerar till fots där och när klottret är som värst.",
              "target": { "activity": "foot_patrol" },
              "incident_indicator": { "categories": ["klotter"], "baseline_year": shown - 1 } }),
    )
    .await;
    let friday = first_friday_of_march(shown);
    let tuesday = friday + chrono::Duration::days(4);
    let report = |day: chrono::NaiveDate, time: &str, place: &str| {
        serde_json::json!({ "category": "graffiti", "date": day.to_string(),
            "time": time, "place": place, "reporter": "Gnestahem" })
    };
    // 20 reports: 9 at the square and 4 at the beach on Friday at 22, 7 elsewhere by
    // day. The square alone is not half; with the beach (4, ahead of the station's 4 by
    // name) it is.
    let at = |minute: usize| format!("22:{minute:02}");
    let mut reports: Vec<serde_json::Value> = Vec::new();
    reports.extend((0..9).map(|m| report(friday, &at(m), "torget")));
    reports.extend((0..4).map(|m| report(friday, &at(30 + m), "badplatsen")));
    reports.extend((0..4).map(|m| report(tuesday, &format!("12:{m:02}"), "stationsomradet")));
    reports.extend((0..3).map(|m| report(tuesday, &format!("13:{m:02}"), "centrum")));
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(reports))
            .await
            .status(),
        201
    );
    let patrol = |day: chrono::NaiveDate, time: &str, place: &str| {
        let date = day.to_string();
        lofte_domain::followup::NewActivity {
            activity: lofte_domain::followup::Activity {
                activity_type: lofte_domain::ActivityTypeCode::parse("foot_patrol").unwrap(),
                performer: lofte_domain::followup::Performer::Police,
                date: day,
                time: chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
                duration_minutes: Some(15),
                place: Some(lofte_domain::PlaceSlug::parse(place).unwrap()),
                participants: None,
            },
            started_at: lofte_domain::followup::stockholm_to_utc(
                chrono::NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M")
                    .unwrap(),
            ),
            note: None,
            external_id: None,
        }
    };
    // 15 patrols: 10 at the square and 2 at the beach on Friday night, 3 at the station
    // in the morning.
    let mut work: Vec<_> = (0..10)
        .map(|i| patrol(friday + chrono::Duration::weeks(i), "22:10", "torget"))
        .collect();
    work.extend((0..2).map(|i| patrol(friday + chrono::Duration::weeks(i), "22:40", "badplatsen")));
    work.extend((0..3).map(|i| {
        patrol(
            tuesday + chrono::Duration::weeks(i),
            "10:00",
            "stationsomradet",
        )
    }));
    app.database
        .db
        .tenant(&lofte_domain::MunicipalityCode::parse("0461").unwrap())
        .await
        .unwrap()
        .unwrap()
        .add_activities(lofte_db::Actor::System, &work, false)
        .await
        .unwrap();

    let progress: serde_json::Value = app
        .get(&format!(
            "/api/v1/municipalities/0461/promises/{shown}/progress"
        ))
        .await
        .json()
        .await
        .unwrap();
    let aimed = &progress["targeting"][0];
    assert_eq!(aimed["commitment"], 0);
    assert_eq!(
        aimed["hot_places"],
        serde_json::json!(["torget"]),
        "{aimed}"
    );
    assert_eq!(aimed["hot_places_unnamed"], 1, "the beach has 4 reports");
    assert_eq!(
        aimed["hot_hours"],
        serde_json::json!([{ "weekday": 5, "hour": 22 }])
    );
    assert_eq!(aimed["places"]["within"], 12);
    assert_eq!(aimed["places"]["of"], 15);
    // The square and the beach of four places (the centre the square lies in is not hot:
    // work there may be anywhere in it).
    assert_eq!(aimed["places"]["expected"], 0.5);
    assert_eq!(aimed["places"]["aim"], "more-than-even");
    assert_eq!(aimed["hours"]["within"], 12);
    assert_eq!(aimed["hours"]["aim"], "more-than-even");

    let page = app.page(&format!("/kommun/0461/{shown}")).await;
    let lines = texts(&page, ".targeting p");
    assert_eq!(lines[0], "Gick arbetet dit problemen var?");
    assert!(
        lines[1].starts_with("Mer än jämnt 12 av 15 fotpatruller med plats (80 %")
            && lines[1].contains("fanns: Torget och 1 till."),
        "{lines:?}"
    );
    assert!(
        lines[2].contains("under de 1 av veckans 168 timmar"),
        "{lines:?}"
    );
    let coordinator = app.signed_in_as(Role::Coordinator, gnesta_kommun()).await;
    let staff = app
        .page_as(&format!("/personal/kommun/0461/{shown}"), &coordinator)
        .await;
    assert!(
        texts(&staff, ".targeting p")[1].contains("fanns: Torget, Badplatsen."),
        "staff see every hot spot"
    );
}
