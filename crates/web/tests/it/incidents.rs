//! Incident reports sent by another system: a housing company in Gnesta reports through
//! the API with a token of its own.

use lofte_db::OrganisationRef;
use lofte_domain::{MunicipalityCode, Role};

use crate::helpers::{TestApp, spawn_app};

/// Gnesta's profile: a boundary and a station.
pub(crate) async fn gnesta(app: &TestApp) {
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{"municipality": "0461", "places": [
            {"slug": "stationsomradet", "name": "Stationsområdet", "kind": "station", "lat": 59.0487, "lon": 17.3132, "outlying": false}
        ],
        "boundary": {"type": "Polygon", "coordinates": [[[17.0, 58.95], [17.6, 58.95], [17.6, 59.2], [17.0, 59.2], [17.0, 58.95]]]}}"#,
    )
    .unwrap();
    app.database.db.import_profile(&profile).await.unwrap();
}

fn gnesta_partner(name: &str) -> OrganisationRef {
    OrganisationRef::Partner {
        name: name.into(),
        municipality: MunicipalityCode::parse("0461").unwrap(),
    }
}

pub(crate) fn gnesta_kommun() -> OrganisationRef {
    OrganisationRef::Municipality(MunicipalityCode::parse("0461").unwrap())
}

async fn token_of(app: &TestApp, org: OrganisationRef, role: Role) -> String {
    let db = &app.database.db;
    let org = db.organisation(&org).await.unwrap();
    let token = lofte_app::secrets::generate_token();
    db.create_api_token(
        org,
        role,
        "Felanmälan",
        &lofte_app::secrets::token_digest(&token),
    )
    .await
    .unwrap();
    token
}

/// Gnesta with a token of its housing company, a reporting partner.
pub(crate) async fn gnesta_housing_token(app: &TestApp) -> String {
    gnesta(app).await;
    token_of(app, gnesta_partner("Gnestahem"), Role::Partner).await
}

/// A table's body, row by row, each cell's text.
fn table_rows(html: &scraper::Html, table: &str) -> Vec<Vec<String>> {
    let tr = scraper::Selector::parse(&format!("{table} tbody tr")).unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    html.select(&tr)
        .map(|r| {
            r.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect()
        })
        .collect()
}

pub(crate) async fn post(app: &TestApp, token: &str, body: serde_json::Value) -> reqwest::Response {
    app.client
        .post(format!(
            "{}/api/v1/municipalities/0461/incidents",
            app.address
        ))
        .bearer_auth(token)
        .header("Accept-Language", "en")
        .json(&body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_housing_company_reports_once_and_bad_reports_are_named_by_index() {
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let week = serde_json::json!([
        { "external_id": "GH-1", "category": "Störning från motorfordon", "date": "2024-05-13",
          "time": "22:40", "place": "Stationsområdet", "text": "Mopeder kör i cirklar.", "reporter": "Gnestahem" },
        { "external_id": "GH-2", "category": "graffiti", "date": "2024-05-14",
          "lat": 59.05, "lon": 17.31, "reporter": "Gnestahem" }
    ]);
    let r = post(&app, &token, week.clone()).await;
    assert_eq!(r.status(), 201);
    assert_eq!(
        r.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"added": 2, "already_there": 0})
    );
    let again = post(&app, &token, week).await;
    assert_eq!(
        again.json::<serde_json::Value>().await.unwrap(),
        serde_json::json!({"added": 0, "already_there": 2})
    );

    let r = post(
        &app,
        &token,
        serde_json::json!([
            { "category": "fire", "date": "2024-05-15", "place": "stationsomradet", "reporter": "Gnestahem" },
            { "category": "ufo", "date": "2999-01-01", "lat": 59.33, "lon": 18.07,
              "text": "Personnummer 811218-9876", "reporter": "Gnestahem" }
        ]),
    )
    .await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    let found: Vec<(&str, &str)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("[1].category", "not-one-of"),
            ("[1].date", "in-future"),
            ("[1].lat", "outside-municipality"),
            ("[1].text", "personal-data"),
        ]
    );
    assert!(
        body["errors"][3]["message"]
            .as_str()
            .unwrap()
            .contains("a personal identity number"),
        "{body}"
    );
    let tenant = app.database.db.tenant_named("0461").await.unwrap().unwrap();
    let stored = tenant
        .incidents(
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        stored.len(),
        2,
        "the good report of the refused request is not stored"
    );
}

#[tokio::test]
async fn a_viewer_token_cannot_report() {
    let app = spawn_app().await;
    gnesta(&app).await;
    let token = token_of(&app, gnesta_kommun(), Role::Viewer).await;
    let r = post(&app, &token, serde_json::json!([])).await;
    assert_eq!(r.status(), 403);
}

/// Gnesta's picture: staff see every count, residents no count below five and no change
/// for a category held back; both in their language.
#[tokio::test]
async fn the_public_picture_holds_back_small_counts_and_staff_see_them() {
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let today = lofte_app::progress::today();
    // Last year against the year before: whole years, so nothing is ever in the future.
    let shown = chrono::Datelike::year(&today) - 1;
    let jan = |year: i32, day: u32| format!("{year}-01-{day:02}");
    let mut reports = Vec::new();
    // Motor vehicles: 30 last January, 8 this January; graffiti: 2 this January.
    for i in 0..30 {
        reports.push(serde_json::json!({ "category": "motor_vehicles", "date": jan(shown - 1, 1 + i % 28),
            "time": format!("{:02}:00", i % 24), "place": "stationsomradet", "reporter": "Gnestahem" }));
    }
    for i in 0..8 {
        reports.push(
            serde_json::json!({ "category": "motor_vehicles", "date": jan(shown, 1),
            "time": format!("{:02}:00", i), "place": "stationsomradet", "reporter": "Gnestahem" }),
        );
    }
    for i in 0..2 {
        reports.push(
            serde_json::json!({ "category": "graffiti", "date": jan(shown, 1),
            "time": format!("{:02}:30", i), "place": "stationsomradet", "reporter": "Gnestahem" }),
        );
    }
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(reports))
            .await
            .status(),
        201
    );

    let rows = |html: &scraper::Html| table_rows(html, "table.situation:not(.police-events)");
    let municipality = app.page("/kommun/0461").await;
    assert!(
        municipality
            .select(&scraper::Selector::parse("a[href='/kommun/0461/lagesbild']").unwrap())
            .next()
            .is_some(),
        "a municipality with reports links to its picture"
    );
    let flen = app.page("/kommun/0482").await;
    assert!(
        flen.select(&scraper::Selector::parse("a[href$='/lagesbild']").unwrap())
            .next()
            .is_none(),
        "one without reports does not"
    );
    let public = app
        .page(&format!("/kommun/0461/lagesbild?ar={shown}"))
        .await;
    let public_rows = rows(&public);
    let motor = public_rows
        .iter()
        .find(|r| r[0] == "Störning från motorfordon")
        .unwrap();
    assert_eq!(&motor[1..3], ["8", "30"]);
    assert!(motor[3].starts_with("Förbättrat−73 % ("), "{motor:?}");
    let graffiti = public_rows.iter().find(|r| r[0] == "Klotter").unwrap();
    assert_eq!(
        &graffiti[1..],
        ["färre än 5", "färre än 5", "visas inte (få händelser)"]
    );
    // The same in the CSV: the change with its interval beside counts shown, nothing
    // beside counts held back.
    let csv = app
        .get(&format!("/kommun/0461/lagesbild.csv?ar={shown}"))
        .await
        .text()
        .await
        .unwrap();
    let line = |start: &str| -> Vec<String> {
        csv.lines()
            .find(|l| l.starts_with(start))
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect()
    };
    let motor = line("Händelserapporter,Störning från motorfordon");
    assert_eq!(
        motor[2..8],
        [
            format!("{shown}-01-01"),
            format!("{shown}-12-31"),
            format!("{}-01-01", shown - 1),
            format!("{}-12-31", shown - 1),
            "8".into(),
            "30".into()
        ]
    );
    let ratio: f64 = motor[8].parse().unwrap();
    assert!((ratio - 8.0 / 30.0).abs() < 1e-9, "{motor:?}");
    assert!(motor[9].parse::<f64>().unwrap() < ratio && ratio < motor[10].parse::<f64>().unwrap());
    assert_eq!(motor[11], "Förbättrat");
    assert_eq!(
        line("Händelserapporter,Klotter")[6..],
        ["<5", "<5", "", "", "", ""]
    );

    let cookie = app.signed_in_as(Role::Viewer, crate::helpers::flen()).await;
    let forbidden = app
        .client
        .get(format!("{}/personal/kommun/0461/lagesbild", app.address))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        forbidden.status(),
        403,
        "Flen's staff do not see Gnesta's picture"
    );
    let gnesta_staff = app
        .signed_in_as(
            Role::Viewer,
            OrganisationRef::Municipality(MunicipalityCode::parse("0461").unwrap()),
        )
        .await;
    let staff = app
        .page_as(
            &format!("/personal/kommun/0461/lagesbild?ar={shown}"),
            &gnesta_staff,
        )
        .await;
    let graffiti = rows(&staff)
        .into_iter()
        .find(|r| r[0] == "Klotter")
        .unwrap();
    assert_eq!(&graffiti[1..3], ["2", "0"]);
    assert_eq!(graffiti[3], "Ingen påvisbar förändringinga förra året");

    let english = app
        .get_in("en", &format!("/kommun/0461/lagesbild?ar={shown}"))
        .await;
    let english = scraper::Html::parse_document(&english.text().await.unwrap());
    let motor = rows(&english)
        .into_iter()
        .find(|r| r[0] == "Disturbance from motor vehicles")
        .unwrap();
    assert!(motor[3].starts_with("Improved−73 %"), "{motor:?}");

    // The open data holds back the same counts, and carries no report's text or point.
    let api: serde_json::Value = app
        .get(&format!(
            "/api/v1/municipalities/0461/situation?year={shown}"
        ))
        .await
        .json()
        .await
        .unwrap();
    let line = |code: &str| {
        api["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["category"] == code)
            .unwrap()
            .clone()
    };
    let motor = line("motor_vehicles");
    assert_eq!(
        (&motor["now"], &motor["before"]),
        (
            &serde_json::json!({"count": 8}),
            &serde_json::json!({"count": 30})
        )
    );
    assert_eq!(motor["change"]["verdict"], "improved");
    let graffiti = line("graffiti");
    assert_eq!(graffiti["now"], serde_json::json!({"fewer_than": 5}));
    assert!(graffiti.get("change").is_none(), "{graffiti}");
    let text = api.to_string();
    assert!(
        !text.contains("Stationsområdet") && !text.contains("59.04"),
        "{text}"
    );
    assert_eq!(
        app.get("/api/v1/municipalities/0461/situation?year=tjugo")
            .await
            .status(),
        404
    );
}

/// A coordinator reports from a phone: a bad report is refused on its fields with nothing
/// saved; a phone number in the text waits for a confirmation; then the report is saved
/// and the next form keeps who reports.
#[tokio::test]
async fn a_coordinator_reports_an_incident_from_the_form() {
    let app = spawn_app().await;
    let _ = gnesta_housing_token(&app).await;
    let cookie = app
        .signed_in_as(
            Role::Coordinator,
            OrganisationRef::Municipality(MunicipalityCode::parse("0461").unwrap()),
        )
        .await;
    let form = app.page_as("/personal/kommun/0461/handelse", &cookie).await;
    assert_eq!(
        crate::helpers::texts(&form, "h1"),
        ["Rapportera en händelse"]
    );
    let refused = crate::helpers::post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0461/handelse",
        &[("incident_when", "2024-05-13T22:40"), ("reporter", "")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = scraper::Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        crate::helpers::texts(&html, "#category-error"),
        ["Måste fyllas i."]
    );
    assert_eq!(
        crate::helpers::texts(&html, "#place-error"),
        ["Måste fyllas i."]
    );
    assert_eq!(
        crate::helpers::texts(&html, "#reporter-error"),
        ["Måste fyllas i."]
    );

    let report = [
        ("category", "motor_vehicles"),
        ("place", "stationsomradet"),
        ("incident_when", "2024-05-13T22:40"),
        ("incident_text", "Mopeder. Vakten nås på 08-123 456 78"),
        ("reporter", "Gnesta kommun, fältgruppen"),
    ];
    let held = crate::helpers::post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0461/handelse",
        &report,
    )
    .await;
    assert_eq!(held.status(), 422);
    let html = scraper::Html::parse_document(&held.text().await.unwrap());
    assert!(
        crate::helpers::texts(&html, "#incident_text-error")[0]
            .starts_with("Texten ser ut att innehålla ett telefonnummer."),
    );
    assert_eq!(
        crate::helpers::texts(&html, "label[for=personal_data_checked]"),
        ["Jag har kontrollerat att det inte är en personuppgift."]
    );
    let tenant = app.database.db.tenant_named("0461").await.unwrap().unwrap();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
    let stored = || async { tenant.incidents(day(1), day(31)).await.unwrap().len() };
    assert_eq!(stored().await, 0, "nothing saved yet");

    let confirmed = [&report[..], &[("personal_data_checked", "ja")]].concat();
    let saved = crate::helpers::post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0461/handelse",
        &confirmed,
    )
    .await;
    assert_eq!(saved.status(), 200);
    let html = scraper::Html::parse_document(&saved.text().await.unwrap());
    assert_eq!(
        crate::helpers::texts(&html, ".saved strong"),
        ["Sparat: Störning från motorfordon, 2024-05-13 22:40, Stationsområdet. Tack!"]
    );
    let reporter = html
        .select(&scraper::Selector::parse("#reporter").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert_eq!(
        reporter, "Gnesta kommun, fältgruppen",
        "the next report keeps who reports"
    );
    assert_eq!(stored().await, 1);
}

/// The coordinator's weekly review: the week of 13 May 2024 lists its reports; one is
/// moved to another category, one removed as a duplicate of it, and the list says so.
#[tokio::test]
async fn a_coordinator_reviews_the_week() {
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let week = serde_json::json!([
        { "external_id": "GH-1", "category": "disorder", "date": "2024-05-13", "time": "22:40",
          "place": "stationsomradet", "reporter": "Gnestahem" },
        { "external_id": "S-9", "category": "motor_vehicles", "date": "2024-05-13", "time": "22:45",
          "place": "stationsomradet", "reporter": "Securitas" }
    ]);
    assert_eq!(post(&app, &token, week).await.status(), 201);
    let cookie = app
        .signed_in_as(
            Role::Coordinator,
            OrganisationRef::Municipality(MunicipalityCode::parse("0461").unwrap()),
        )
        .await;
    let page = app
        .page_as("/personal/kommun/0461/handelser?vecka=2024-20", &cookie)
        .await;
    let headings = crate::helpers::texts(&page, "section.incident h3");
    assert_eq!(headings.len(), 2, "{headings:?}");
    let id = |h: &str| {
        h.trim_start_matches('#')
            .split(' ')
            .next()
            .unwrap()
            .to_owned()
    };
    let (first, second) = (id(&headings[0]), id(&headings[1]));
    let reviewed = crate::helpers::post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0461/handelser/{first}"),
        &[
            ("action", "reviewed"),
            ("category", "motor_vehicles"),
            ("vecka", "2024-20"),
        ],
    )
    .await;
    assert_eq!(reviewed.status(), 303);
    assert_eq!(
        reviewed.headers()["location"],
        "/personal/kommun/0461/handelser?vecka=2024-20"
    );
    let merged = crate::helpers::post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0461/handelser/{second}"),
        &[
            ("action", "duplicate"),
            ("duplicate_of", &first),
            ("vecka", "2024-20"),
        ],
    )
    .await;
    assert_eq!(merged.status(), 303);
    let page = app
        .page_as("/personal/kommun/0461/handelser?vecka=2024-20", &cookie)
        .await;
    assert_eq!(
        crate::helpers::texts(&page, "section.incident h3"),
        [format!("#{first} Störning från motorfordon")]
    );
    assert!(crate::helpers::texts(&page, "main p").contains(&"Alla är granskade.".to_owned()));
    let reporter = app.signed_in_as(Role::Reporter, gnesta_kommun()).await;
    let own = app
        .page_as("/personal/kommun/0461/handelser?vecka=2024-20", &reporter)
        .await;
    assert_eq!(
        crate::helpers::texts(&own, "h1"),
        ["Våra händelserapporter"]
    );
    assert!(
        crate::helpers::texts(&own, "section.incident").is_empty(),
        "a reporter of the municipality reads its own organisation's reports, not the housing company's"
    );
    let forbidden = crate::helpers::post_form(
        &app.address,
        &reporter,
        &format!("/personal/kommun/0461/handelser/{first}"),
        &[("action", "reviewed"), ("vecka", "2024-20")],
    )
    .await;
    assert_eq!(forbidden.status(), 403, "reviewing is the coordinator's");
}

/// A housing company's guard reports as the company whatever they type, reads the
/// company's own reports and the picture, and nothing else of the staff area; another
/// partner's reports stay out of sight.
#[tokio::test]
async fn a_housing_company_reports_as_itself_and_sees_only_its_own() {
    let app = spawn_app().await;
    gnesta(&app).await;
    let securitas = token_of(&app, gnesta_partner("Securitas"), Role::Partner).await;
    let theirs = serde_json::json!([
        { "category": "disorder", "date": "2024-05-13", "time": "23:10",
          "place": "stationsomradet", "text": "Securitas såg ett gäng vid kiosken.", "reporter": "Gnestahem" }
    ]);
    assert_eq!(post(&app, &securitas, theirs).await.status(), 201);
    let guard = app
        .signed_in_as(Role::Partner, gnesta_partner("Gnestahem"))
        .await;

    let dashboard = app.page_as("/personal", &guard).await;
    let links: Vec<String> = dashboard
        .select(&scraper::Selector::parse("section.card-section p a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        links,
        [
            "/personal/kommun/0461/handelse",
            "/personal/kommun/0461/handelser",
            "/personal/kommun/0461/lagesbild"
        ]
    );
    assert!(crate::helpers::texts(&dashboard, ".meta").contains(&"Samarbetspartner".to_owned()));

    let form = app.page_as("/personal/kommun/0461/handelse", &guard).await;
    assert!(
        crate::helpers::texts(&form, "main p")
            .contains(&"Du rapporterar för Gnestahem.".to_owned())
    );
    assert!(
        form.select(&scraper::Selector::parse("#reporter").unwrap())
            .next()
            .is_none(),
        "no reporter field to fill in"
    );
    let saved = crate::helpers::post_form(
        &app.address,
        &guard,
        "/personal/kommun/0461/handelse",
        &[
            ("category", "graffiti"),
            ("place", "stationsomradet"),
            ("incident_when", "2024-05-14T10:00"),
            ("incident_text", "Klotter på perrongens väntkur."),
            ("reporter", "Gnesta kommun"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 200);
    let tenant = app.database.db.tenant_named("0461").await.unwrap().unwrap();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
    let reporters: Vec<String> = tenant
        .incidents(day(13), day(19))
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.reporter)
        .collect();
    assert_eq!(
        reporters,
        ["Securitas", "Gnestahem"],
        "a partner reports as itself, through the API and the form alike"
    );

    let own = app
        .page_as("/personal/kommun/0461/handelser?vecka=2024-20", &guard)
        .await;
    assert_eq!(
        crate::helpers::texts(&own, "h1"),
        ["Våra händelserapporter"]
    );
    let texts = crate::helpers::texts(&own, "section.incident p");
    assert!(
        texts.contains(&"Klotter på perrongens väntkur.".to_owned()),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("Securitas")), "{texts:?}");
    assert!(
        own.select(&scraper::Selector::parse("main form").unwrap())
            .next()
            .is_none()
    );
    assert_eq!(
        app.page_as("/personal/kommun/0461/lagesbild", &guard)
            .await
            .select(&scraper::Selector::parse("table.situation").unwrap())
            .count(),
        1
    );

    for path in [
        "/personal/kommun/0461/logga",
        "/personal/kommun/0461/platser",
        "/personal/kommun/0461/trygghetsvandringar",
        "/personal/kommun/0482/lagesbild",
    ] {
        let r = app
            .client
            .get(format!("{}{path}", app.address))
            .header("Cookie", &guard)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let activity = app
        .client
        .post(format!(
            "{}/api/v1/municipalities/0461/activities",
            app.address
        ))
        .bearer_auth(&securitas)
        .json(&serde_json::json!([]))
        .send()
        .await
        .unwrap();
    assert_eq!(activity.status(), 403, "a partner's token logs no activity");
}

/// The demo's made-up picture of Flen: shown for its latest year, labelled as example data,
/// the motor vehicles of the 2021 commitment fewer than in 2020.
#[tokio::test]
async fn the_demo_picture_is_labelled_and_shows_its_latest_year() {
    let app = spawn_app().await;
    let loaded = lofte_db::demo::load_flen_incidents(&app.database.db)
        .await
        .unwrap();
    assert!(loaded.added > 300, "{loaded:?}");
    let again = lofte_db::demo::load_flen_incidents(&app.database.db)
        .await
        .unwrap();
    assert_eq!(again.added, 0, "loading twice adds nothing");
    let events = lofte_db::demo::load_flen_police_events(&app.database.db)
        .await
        .unwrap();
    assert_eq!(events.unassigned, 0);
    assert_eq!(
        lofte_db::demo::load_flen_police_events(&app.database.db)
            .await
            .unwrap()
            .added,
        0
    );
    let page = app.page("/kommun/0482/lagesbild").await;
    assert_eq!(
        crate::helpers::texts(&page, ".synthetic strong"),
        [
            "Exempeldata: händelserna är påhittade för demon.",
            "Exempeldata: polisens händelser här är påhittade för demon."
        ]
    );
    let controls = crate::helpers::texts(&page, "table.police-events tbody tr");
    assert!(
        controls[0].starts_with("Trafikkontroll")
            && controls[0].contains("38")
            && controls[0].contains("24"),
        "the most frequent type first, 2021 against 2020: {controls:?}"
    );
    assert_eq!(
        crate::helpers::texts(&page, "nav.years a[aria-current=page]"),
        ["2021"]
    );
    let th = crate::helpers::texts(&page, "table.situation thead th");
    assert_eq!(th[1..3], ["2021", "Samma period 2020"]);
    let motor_row = crate::helpers::texts(&page, "table.situation tbody tr")
        .into_iter()
        .find(|r| r.contains("Störning från motorfordon"))
        .unwrap();
    assert!(
        motor_row.contains("58") && motor_row.contains("96"),
        "{motor_row}"
    );
    assert!(motor_row.contains("Förbättrat"), "{motor_row}");
    let earlier = app.page("/kommun/0482/lagesbild?ar=2020").await;
    assert_eq!(
        crate::helpers::texts(&earlier, "nav.years a[aria-current=page]"),
        ["2020"]
    );
    assert_eq!(
        app.get("/kommun/0482/lagesbild?ar=tjugo").await.status(),
        404
    );
}

/// The police's events stand beside Gnesta's own reports: counted by type over the same
/// periods, small counts held back from residents, and those placed only by the title or
/// the feed's point said to be less sure.
#[tokio::test]
async fn police_events_stand_beside_the_reports_with_small_counts_held_back() {
    let app = spawn_app().await;
    gnesta(&app).await;
    let shown = chrono::Datelike::year(&lofte_app::progress::today()) - 1;
    let event = |id: u32, year: i32, kind: &str, location: &str, title_place: &str| {
        serde_json::json!({
            "id": id, "datetime": format!("{year}-03-{:02} 21:00:00 +01:00", 1 + id % 28),
            "name": format!("{} mars 21.00, {kind}, {title_place}", 1 + id % 28),
            "summary": "", "url": format!("/aktuellt/handelser/{id}/"), "type": kind,
            "location": { "name": location, "gps": "59.048881,17.311627" }
        })
    };
    let mut feed = Vec::new();
    for id in 0..7 {
        feed.push(event(id, shown, "Skadegörelse", "Gnesta", "Gnesta"));
    }
    for id in 7..16 {
        feed.push(event(id, shown - 1, "Skadegörelse", "Gnesta", "Gnesta"));
    }
    for id in 16..18 {
        feed.push(event(id, shown, "Brand", "Södermanlands län", "Gnesta"));
    }
    let summary = app
        .database
        .db
        .import_police_events(&serde_json::Value::Array(feed).to_string(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.added, 18);

    let rows = |html: &scraper::Html| table_rows(html, "table.police-events");
    let public = app
        .page(&format!("/kommun/0461/lagesbild?ar={shown}"))
        .await;
    assert_eq!(
        crate::helpers::texts(&public, "#polisens-handelser"),
        ["Polisens händelser"]
    );
    assert_eq!(
        rows(&public),
        [
            ["Skadegörelse", "7", "9"],
            ["Brand", "färre än 5", "färre än 5"]
        ]
    );
    let lead = crate::helpers::texts(&public, "section[aria-labelledby=polisens-handelser] > p");
    assert!(
        lead[0].contains("2 av dem är kopplade till kommunen bara genom orten i rubriken"),
        "{lead:?}"
    );

    let coordinator = app.signed_in_as(Role::Coordinator, gnesta_kommun()).await;
    let staff = app
        .page_as(
            &format!("/personal/kommun/0461/lagesbild?ar={shown}"),
            &coordinator,
        )
        .await;
    assert_eq!(
        rows(&staff),
        [["Skadegörelse", "7", "9"], ["Brand", "2", "0"]],
        "staff see every count"
    );

    // The CSV holds back what the page holds back, and gives staff what their page gives.
    let line = |csv: &str, start: &str| -> Vec<String> {
        csv.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in {csv}"))
            .split(',')
            .map(str::to_owned)
            .collect()
    };
    let public_csv = app
        .get(&format!("/kommun/0461/lagesbild.csv?ar={shown}"))
        .await;
    assert_eq!(public_csv.status(), 200);
    assert!(
        public_csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("lagesbild-0461-{shown}.csv"))
    );
    let public_csv = public_csv.text().await.unwrap();
    assert!(
        public_csv.starts_with("\u{feff}Källa,Kategori,Från,Till,"),
        "{public_csv}"
    );
    assert_eq!(
        line(&public_csv, "Polisens händelser,Brand")[6..8],
        ["<5", "<5"]
    );
    assert_eq!(
        line(&public_csv, "Polisens händelser,Skadegörelse")[6..8],
        ["7", "9"]
    );
    let staff_csv = crate::helpers::client()
        .get(format!(
            "{}/personal/kommun/0461/lagesbild.csv?ar={shown}",
            app.address
        ))
        .header("Cookie", &coordinator)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        line(&staff_csv, "Polisens händelser,Brand")[6..8],
        ["2", "0"]
    );
    assert_eq!(
        app.get(&format!("/personal/kommun/0461/lagesbild.csv?ar={shown}"))
            .await
            .status(),
        303,
        "the staff CSV is behind sign-in"
    );
}

/// Reported crime per 100,000 residents beside the reports: the same quarters of both
/// years, the rate's change with its interval, preliminary figures marked.
#[tokio::test]
async fn reported_crime_is_shown_per_resident_over_the_same_quarters() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let crime = "Region;Brottstyp;År;Kvartal;Antal anmälda brott;Preliminär/slutlig\n\
        0461 Gnesta;Skadegörelsebrott;2023;1;41;slutlig\n\
        0461 Gnesta;Skadegörelsebrott;2023;2;38;slutlig\n\
        0461 Gnesta;Skadegörelsebrott;2023;3;40;slutlig\n\
        0461 Gnesta;Skadegörelsebrott;2024;1;29;preliminär\n\
        0461 Gnesta;Skadegörelsebrott;2024;2;3;preliminär\n";
    db.import_crime_stats_csv(crime.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    let population =
        "region,kön,2023,2024\n0461 Gnesta,män,5610,5655\n0461 Gnesta,kvinnor,5530,5561\n";
    db.import_population_csv(population.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    let page = app.page("/kommun/0461/lagesbild?ar=2024").await;
    let lead = crate::helpers::texts(&page, "section[aria-labelledby=anmalda-brott] > p");
    assert!(lead[0].contains("kvartal 1, 2,"), "{lead:?}");
    assert!(
        lead[0].contains("befolkningen 2024 (11 216 invånare)"),
        "{lead:?}"
    );
    let rows = table_rows(&page, "table.crime-rates");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "Skadegörelsebrott");
    // 32 of 11 216 against 79 of 11 140, quarters 1–2 only (the third of 2023 is left out).
    assert_eq!(rows[0][1], "32 (preliminär)285 per 100\u{a0}000");
    assert_eq!(rows[0][2], "79709 per 100\u{a0}000");
    assert!(rows[0][3].starts_with("Förbättrat"), "{rows:?}");
    let csv = app
        .get("/kommun/0461/lagesbild.csv?ar=2024")
        .await
        .text()
        .await
        .unwrap();
    let crime = csv
        .lines()
        .find(|l| l.starts_with("Anmälda brott (preliminärt),Skadegörelsebrott"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        crime.contains(",2024-01-01,2024-06-30,2023-01-01,2023-06-30,32,79,"),
        "the first half of both years: {crime}"
    );
}

/// When and where in Gnesta: Friday evenings at the station stand out in the grid and the
/// hot spots; residents see no place or cell below five, staff see every count; a
/// category narrows all three.
#[tokio::test]
async fn the_picture_shows_when_and_where_with_small_counts_held_back() {
    use chrono::Datelike as _;
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let shown = lofte_app::progress::today().year() - 1;
    // The first six Fridays of the year, 22:30, at the station; two graffiti at a point.
    let mut day = chrono::NaiveDate::from_ymd_opt(shown, 1, 1).unwrap();
    while day.weekday() != chrono::Weekday::Fri {
        day = day.succ_opt().unwrap();
    }
    let mut reports: Vec<serde_json::Value> = (0..6)
        .map(|i| {
            serde_json::json!({ "category": "motor_vehicles",
                "date": (day + chrono::Duration::days(7 * i)).to_string(), "time": "22:30",
                "place": "stationsomradet", "reporter": "Gnestahem" })
        })
        .collect();
    for time in ["10:00", "11:00"] {
        reports.push(
            serde_json::json!({ "category": "graffiti", "date": day.to_string(),
            "time": time, "lat": 59.0611, "lon": 17.2999, "reporter": "Gnestahem" }),
        );
    }
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(reports))
            .await
            .status(),
        201
    );
    let public = app
        .page(&format!("/kommun/0461/lagesbild?ar={shown}"))
        .await;
    let grid = table_rows(&public, "table.time-grid");
    assert_eq!(grid[4][0], "Fredag");
    assert_eq!(grid[4][6], "6", "Fridays 20–24: {grid:?}");
    assert_eq!(grid[4][3], "<5", "Friday mornings hold the two graffiti");
    assert_eq!(
        table_rows(&public, "table.hot-spots"),
        [["Stationsområdet", "6"]],
        "the graffiti's cell has fewer than five"
    );

    let coordinator = app.signed_in_as(Role::Coordinator, gnesta_kommun()).await;
    let staff = app
        .page_as(
            &format!("/personal/kommun/0461/lagesbild?ar={shown}&kategori=graffiti"),
            &coordinator,
        )
        .await;
    assert_eq!(
        crate::helpers::texts(&staff, ".categories a[aria-current=page]"),
        ["Klotter"]
    );
    let spots = table_rows(&staff, "table.hot-spots");
    assert_eq!(spots.len(), 1, "{spots:?}");
    assert!(spots[0][0].starts_with("Rutan kring 59.06"), "{spots:?}");
    assert_eq!(spots[0][1], "2");
    let grid = table_rows(&staff, "table.time-grid");
    assert_eq!(grid[4].len(), 25, "a column an hour for staff");
    assert_eq!((grid[4][11].as_str(), grid[4][12].as_str()), ("1", "1"));
    assert_eq!(grid[4][23], "0", "motor vehicles are not graffiti");
    assert_eq!(
        app.get(&format!("/kommun/0461/lagesbild?ar={shown}&kategori=ufo"))
            .await
            .status(),
        404
    );

    // The map draws the list's spots: residents get the station, not the small cell.
    let features = public
        .select(&scraper::Selector::parse("#karta").unwrap())
        .next()
        .and_then(|m| m.value().attr("data-features"))
        .unwrap()
        .to_owned();
    let geojson: serde_json::Value = app.get(&features).await.json().await.unwrap();
    let spots = geojson["features"].as_array().unwrap();
    assert_eq!(spots.len(), 1, "{geojson}");
    assert_eq!(spots[0]["properties"]["place"], "Stationsområdet");
    assert_eq!(spots[0]["properties"]["count"], 6);
    // Staff see the graffiti's cell, drawn at its centre, not at the reported point.
    let staff_geojson: serde_json::Value = app
        .client
        .get(format!(
            "{}/personal/kommun/0461/lagesbild/platser.geojson?ar={shown}&kategori=graffiti",
            app.address
        ))
        .header("Cookie", &coordinator)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cell = &staff_geojson["features"][0]["geometry"]["coordinates"];
    let centre = lofte_domain::Coordinates::new(59.0611, 17.2999)
        .unwrap()
        .coarsened();
    assert_eq!(cell, &serde_json::json!([centre.lon(), centre.lat()]));
    assert_eq!(
        app.get(&format!(
            "/personal/kommun/0461/lagesbild/platser.geojson?ar={shown}"
        ))
        .await
        .status(),
        303,
        "the staff map is behind sign-in"
    );
}
