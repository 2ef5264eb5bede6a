//! Safety surveys through the web: the public survey page, the outcome verdicts on the
//! promise page, in the API and in the final report, the suppression rule on every
//! surface, and analysts' uploads.

use lofte_domain::Role;
use lofte_domain::stats::{MinRespondents, Rules};
use lofte_web::AppState;
use scraper::Html;

use crate::helpers::{TestApp, client, serve_state, spawn_app, texts};
use crate::helpers::{account, flen, sign_in};

async fn with_survey() -> TestApp {
    let app = spawn_app().await;
    lofte_db::demo::load_flen_survey(&app.database.db)
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn the_survey_page_shows_every_indicator_with_intervals_and_hides_small_groups() {
    let app = with_survey().await;
    let html = app.page("/kommun/0482/trygghet").await;
    assert_eq!(texts(&html, "h1"), ["Trygghetsmätningen i Flen"]);
    assert!(
        texts(&html, ".note.synthetic")[0].contains("påhittade"),
        "synthetic responses are labelled as such"
    );
    let headings = texts(&html, ".survey-indicator h2");
    assert_eq!(headings.len(), 5, "{headings:?}");
    assert!(headings[0].starts_with("Andel som känner sig otrygga"));

    // The first table: year by gender. 2019, all: "32 % (30–35 %)", computed from the
    // stored responses (the same figures the CSV download has, checked below).
    let first_table = Html::parse_fragment(
        &html
            .select(&scraper::Selector::parse(".survey-table").unwrap())
            .next()
            .unwrap()
            .html(),
    );
    let rows = texts(&first_table, "tbody tr");
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(
        rows[0].starts_with("2019 32 % (30–35 %) 1 429 svar"),
        "{rows:?}"
    );
    // The fourth gender group has 9–18 answers a year: never a number.
    let suppressed = texts(&first_table, "td.suppressed");
    assert_eq!(suppressed.len(), 4);
    for cell in &suppressed {
        assert!(cell.starts_with("för få svar"), "{cell}");
        assert!(!cell.contains('%'), "{cell}");
    }
    // A chart per indicator, with its text alternative.
    assert_eq!(
        html.select(&scraper::Selector::parse("figure.chart svg[role=img]").unwrap())
            .count(),
        5
    );

    // The CSV holds the same figure, in full precision, and no figures for small groups.
    let csv = app
        .get("/kommun/0482/trygghet.csv")
        .await
        .text()
        .await
        .unwrap();
    let all_2019 = csv
        .lines()
        .find(|l| l.starts_with("otrygga-kvall,2019,all,,"))
        .unwrap();
    let fields: Vec<&str> = all_2019.split(',').collect();
    assert_eq!(fields[4], "1429");
    let estimate: f64 = fields[6].parse().unwrap();
    assert_eq!(format!("{:.0}", estimate * 100.0), "32");
    let small = csv
        .lines()
        .find(|l| l.starts_with("otrygga-kvall,2019,gender,3,"))
        .unwrap();
    assert_eq!(small, "otrygga-kvall,2019,gender,3,9,,,,,");

    // In English.
    let en = Html::parse_document(
        &app.get_in("en", "/kommun/0482/trygghet")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert!(texts(&en, "td.suppressed")[0].starts_with("too few answers"));
}

#[tokio::test]
async fn the_outcome_goal_gets_a_verdict_with_the_numbers_behind_it() {
    let app = with_survey().await;
    // 2020's promise: 2019 against 2021, where feeling unsafe fell by about ten points.
    let html = app.page("/kommun/0482/2020").await;
    let lines = texts(&html, ".outcome-lines > li");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("Förbättrat"), "{}", lines[0]);
    assert!(
        lines[0].contains("2019: 32 % (30–35 %), 1 429 svar"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("2021: 22 %"), "{}", lines[0]);
    assert!(
        lines[0].contains("Förändring −9,9 procentenheter"),
        "{}",
        lines[0]
    );

    // 2021's promise: 2020 against 2022, a change within the sampling error.
    let html = app.page("/kommun/0482/2021").await;
    let lines = texts(&html, ".outcome-lines > li");
    assert!(
        lines[0].contains("Ingen påvisbar förändring"),
        "{}",
        lines[0]
    );

    // The API says the same.
    let json: serde_json::Value = app
        .get("/api/v1/municipalities/0482/promises/2020/outcome")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["baseline_year"], 2019);
    assert_eq!(json["synthetic"], true);
    let first = &json["indicators"][0];
    assert_eq!(first["indicator"], "otrygga-kvall");
    assert_eq!(first["better"], "lower");
    assert_eq!(first["verdict"], "improved");
    assert_eq!(first["baseline"]["n"], 1429);
    let d = &first["difference"];
    let (diff, lower, upper) = (
        d["difference"].as_f64().unwrap(),
        d["lower"].as_f64().unwrap(),
        d["upper"].as_f64().unwrap(),
    );
    assert!(lower < diff && diff < upper && upper < 0.0, "{d}");
    assert!(d["p_value"].as_f64().unwrap() < 0.001);
    let json: serde_json::Value = app
        .get("/api/v1/municipalities/0482/promises/2021/outcome")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["indicators"][0]["verdict"], "no-detectable-change");
}

#[tokio::test]
async fn the_final_report_carries_the_verdict() {
    let app = with_survey().await;
    lofte_db::demo::load_flen_activities(&app.database.db)
        .await
        .unwrap();
    lofte_app::demo::load_flen_follow_ups(&app.database.db)
        .await
        .unwrap();
    let page = "/kommun/0482/2020/uppfoljning/slutredovisning";
    let html = app.page(page).await;
    let body = texts(&html, "main").join(" ");
    assert!(body.contains("Jämförelse mellan 2019 och 2021"), "{body}");
    assert!(
        body.contains("Förbättrat. Förändring −9,9 procentenheter"),
        "{body}"
    );
    let pdf = app
        .get(&format!("{page}/sv.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let text = lofte_report::inspect::text(&pdf);
    assert!(text.contains("Förbättrat"), "{text}");
    assert!(text.contains("2019: 32 % (30–35 %)"), "{text}");
}

/// With a minimum above every group's size, no surface shows a survey number: the page,
/// the API, the CSV and the final report's PDF all say there were too few answers.
#[tokio::test]
async fn the_minimum_group_size_holds_on_every_surface() {
    let app = with_survey().await;
    lofte_db::demo::load_flen_activities(&app.database.db)
        .await
        .unwrap();
    lofte_app::demo::load_flen_follow_ups(&app.database.db)
        .await
        .unwrap();
    let rules = Rules {
        min_respondents: MinRespondents::new(2000).unwrap(),
        ..Default::default()
    };
    let base = serve_state(AppState::new(app.database.db.clone()).with_survey_rules(rules)).await;
    let get = async |path: &str| {
        client()
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };

    let page = Html::parse_document(&get("/kommun/0482/trygghet").await);
    let cells = texts(&page, ".survey-table td");
    assert!(!cells.is_empty());
    assert!(
        cells.iter().all(|c| c.starts_with("för få svar")),
        "{cells:?}"
    );
    assert!(
        texts(&page, ".survey-table td")
            .iter()
            .all(|c| !c.contains('%'))
    );
    assert!(
        texts(&page, "main")
            .join(" ")
            .contains("färre än 2000 personer")
    );

    let promise = Html::parse_document(&get("/kommun/0482/2020").await);
    let lines = texts(&promise, ".outcome-lines > li");
    assert!(lines[0].contains("Går inte att bedöma"), "{lines:?}");
    assert!(lines[0].contains("2019: för få svar"), "{lines:?}");
    assert!(!lines[0].contains('%'), "{lines:?}");

    let survey: serde_json::Value =
        serde_json::from_str(&get("/api/v1/municipalities/0482/survey").await).unwrap();
    assert_eq!(survey["min_respondents"], 2000);
    for indicator in survey["indicators"].as_array().unwrap() {
        for figure in indicator["figures"].as_array().unwrap() {
            assert_eq!(figure["suppressed"], true);
            assert!(figure.get("estimate").is_none() && figure.get("lower").is_none());
        }
    }
    let csv = get("/kommun/0482/trygghet.csv").await;
    for line in csv.lines().skip(1) {
        assert!(line.ends_with(",,,,,"), "{line}");
    }
    let pdf = client()
        .get(format!(
            "{base}/kommun/0482/2020/uppfoljning/slutredovisning/sv.pdf"
        ))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = lofte_report::inspect::text(&pdf);
    assert!(text.contains("Går inte att bedöma"), "{text}");
    assert!(text.contains("för få svar"), "{text}");
    assert!(!text.contains("32 %"), "{text}");
}

const GOOD: &str = "respondent_id,year,municipality,area,gender,age_band,weight,otrygg_kvall\n\
                    A1,2023,0482,1,1,2,1.2,2\n\
                    A2,2023,0482,2,2,3,0.8,3\n";

/// An analyst of the local police area uploads one file with rows for two of its
/// municipalities: each gets its rows; a row for a municipality outside the area
/// refuses the file, with its line, and nothing is stored anywhere.
#[tokio::test]
async fn a_local_police_areas_analyst_imports_one_file_for_several_municipalities() {
    let app = with_survey().await;
    let db = &app.database.db;
    // Katrineholm is in the same local police area, with the same codebook.
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{"municipality": "0483", "police": {"region": "Region Öst", "police_area": "Polisområde Södermanland", "local_police_area": "Katrineholm"}}"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    let codebook = lofte_domain::survey::parse_codebook_json(include_str!(
        "../../../../data/flen/survey-codebook.json"
    ))
    .unwrap();
    let katrineholm = db.tenant_named("0483").await.unwrap().unwrap();
    katrineholm
        .set_survey_codebook(lofte_db::Actor::System, &codebook)
        .await
        .unwrap();
    let lpo = lofte_db::OrganisationRef::LocalPoliceArea("Katrineholm".into());
    let (email, password) = account(&app, "analytiker@lpo.example", lpo, Role::Analyst).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();

    let header = "respondent_id;year;municipality;area;gender;age_band;weight;otrygg_kvall\n";
    let rows = "F1;2025;0482;1;1;2;1,2;2\nK1;2025;0483;1;1;2;1,0;3\nF2;2025;0482;2;2;3;0,8;3\nK2;2025;0483;1;2;2;1,0;1\n";
    let outside = format!("{header}{rows}E1;2025;0484;1;1;1;1,0;1\n");
    let response = upload(&app, &cookie, "responses", "region.csv", &outside).await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        [
            "Rad 6, kolumn municipality: Du får inte läsa in uppgifter för kommun 0484. Ta bort de raderna, eller be någon med behörighet där att läsa in dem."
        ]
    );
    // A bad cell in one municipality's rows stores nothing for the other either.
    let bad =
        format!("{header}{rows}").replace("K2;2025;0483;1;2;2;1,0;1", "K2;2025;0483;1;2;2;1,0;7");
    let response = upload(&app, &cookie, "responses", "region.csv", &bad).await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    let problems = texts(&html, ".error-summary li");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("Rad 5, kolumn otrygg_kvall"),
        "{problems:?}"
    );
    let flen = db.tenant_named("0482").await.unwrap().unwrap();
    let before = flen.survey_imports().await.unwrap().len();
    assert!(katrineholm.survey_imports().await.unwrap().is_empty());

    let response = upload(
        &app,
        &cookie,
        "responses",
        "region.csv",
        &format!("{header}{rows}"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&html, ".note.saved"),
        ["0482: 2 svar inlästa (2025: 2). 0483: 2 svar inlästa (2025: 2)."]
    );
    assert_eq!(flen.survey_imports().await.unwrap().len(), before + 1);
    assert_eq!(katrineholm.survey_imports().await.unwrap()[0].rows, 2);
}

async fn upload(
    app: &TestApp,
    cookie: &str,
    kind: &str,
    name: &str,
    body: &str,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_owned())
        .text("year", "")
        .part(
            "file",
            reqwest::multipart::Part::bytes(body.as_bytes().to_vec()).file_name(name.to_owned()),
        );
    client()
        .post(format!(
            "{}/personal/kommun/0482/trygghetsmatning",
            app.address
        ))
        .header("Cookie", cookie)
        .header("Origin", &app.address)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_analyst_uploads_responses_all_or_nothing() {
    let app = with_survey().await;
    let (email, password) = account(&app, "analytiker@flen.example", flen(), Role::Analyst).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();

    let bad = "respondent_id,year,municipality,area,gender,age_band,weight,otrygg_kvall\n\
               B1,2023,0482,1,1,2,1.2,7\n\
               B2,2023,0482,1,1,2,,2\n\
               B1,2023,0482,1,1,2,1.0,2\n";
    let response = upload(&app, &cookie, "responses", "fel.csv", bad).await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    let problems = texts(&html, ".error-summary li");
    assert_eq!(
        problems,
        [
            "Rad 2, kolumn otrygg_kvall: ”7” finns inte i kodboken. Tillåtna värden: 1, 2, 3, 4, 5, 9.",
            "Rad 3, kolumn weight: Måste fyllas i.",
            "Rad 4, kolumn respondent_id: Samma svarande-id finns redan på rad 2.",
        ]
    );
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    assert_eq!(
        tenant.survey_imports().await.unwrap().len(),
        1,
        "nothing was stored"
    );

    let response = upload(&app, &cookie, "responses", "2023.csv", GOOD).await;
    assert_eq!(response.status(), 200);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&html, ".note.saved"), ["2 svar inlästa (2023: 2)."]);
    let response = upload(&app, &cookie, "responses", "2023-igen.csv", GOOD).await;
    let html = Html::parse_document(&response.text().await.unwrap());
    assert!(texts(&html, ".note.saved")[0].starts_with("Filen är redan inläst"));
    assert_eq!(tenant.survey_imports().await.unwrap().len(), 2);

    // A different file for a year already imported is refused.
    let other = GOOD.replace("A2,", "A3,");
    let response = upload(&app, &cookie, "responses", "annan.csv", &other).await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        [
            "Rad 2, kolumn year: Det finns redan svar för 2023 från en annan fil. Kryssa i ”Ersätt svaren för filens år” (på kommandoraden --replace) om de ska ersättas."
        ]
    );
}

#[tokio::test]
async fn a_codebook_change_may_not_orphan_stored_answers_and_only_analysts_upload() {
    let app = with_survey().await;
    let (email, password) = account(&app, "analytiker@flen.example", flen(), Role::Analyst).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(lofte_db::demo::FLEN_SURVEY_CODEBOOK).unwrap();
    // "Vet ej" of the worry item would start counting as an answer.
    assert_eq!(doc["items"][1]["answers"][4]["value"], 9);
    doc["items"][1]["answers"][4]["missing"] = false.into();
    let response = upload(&app, &cookie, "codebook", "kodbok.json", &doc.to_string()).await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        [
            "items[oro_brott]: ”oro_brott” används av svar som redan är importerade och kan inte tas bort eller ändras."
        ]
    );
    // Renaming an indicator is fine.
    let mut doc: serde_json::Value =
        serde_json::from_str(lofte_db::demo::FLEN_SURVEY_CODEBOOK).unwrap();
    doc["indicators"][0]["sv"] = "Otrygga sent på kvällen".into();
    let response = upload(&app, &cookie, "codebook", "kodbok.json", &doc.to_string()).await;
    assert_eq!(response.status(), 200);
    let html = app.page("/kommun/0482/trygghet").await;
    assert_eq!(
        texts(&html, ".survey-indicator h2")[0],
        "Otrygga sent på kvällen"
    );

    // A coordinator writes promises but does not handle survey data.
    let (email, password) =
        account(&app, "samordnare@flen.example", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let response = upload(&app, &cookie, "responses", "2023.csv", GOOD).await;
    assert_eq!(response.status(), 403);
}
