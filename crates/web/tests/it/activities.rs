//! Logging activities from the phone form and the API, and seeing them counted.

use lofte_db::OrganisationRef;
use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{account, flen, post_form, sign_in};
use crate::helpers::{spawn_app, texts};

fn katrineholm_lpo() -> OrganisationRef {
    OrganisationRef::LocalPoliceArea("Katrineholm".into())
}

#[tokio::test]
async fn an_officer_logs_a_control_and_is_told_whether_it_counts() {
    let app = spawn_app().await;
    let (email, password) =
        account(&app, "polis@example.se", katrineholm_lpo(), Role::Reporter).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let form = app
        .client
        .get(format!("{}/personal/kommun/0482/logga", app.address))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);
    let html = Html::parse_document(&form.text().await.unwrap());
    assert_eq!(
        texts(&html, "input[name=activity_type][checked] + *").len(),
        0
    );
    let checked = |name: &str| {
        html.select(&scraper::Selector::parse(&format!("input[name={name}][checked]")).unwrap())
            .map(|e| e.value().attr("value").unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        checked("activity_type"),
        ["traffic_control"],
        "the common case is pre-selected"
    );
    assert_eq!(
        checked("performer"),
        ["police"],
        "an LPO member logs for the police"
    );
    assert_eq!(checked("duration"), ["20"]);

    let short = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/logga",
        &[
            ("activity_type", "traffic_control"),
            ("place", "malmkoping"),
            ("duration", "10"),
            ("performer", "police"),
            ("when", "2021-05-03T08:00"),
        ],
    )
    .await;
    assert_eq!(short.status(), 200);
    let html = Html::parse_document(&short.text().await.unwrap());
    assert_eq!(
        texts(&html, ".saved strong"),
        ["Sparat: Trafikkontroll, 2021-05-03 08:00, Malmköping."]
    );
    // Too short for the 20-minute method, so not toward the 100 controls; still toward
    // the motor-vehicle commitment, which follows every control.
    let verdict = texts(&html, ".saved li");
    assert_eq!(verdict.len(), 2, "{verdict:?}");
    assert!(
        verdict[0].starts_with("Räknas mot: Följs upp genom: trafikkontroller"),
        "{verdict:?}"
    );
    assert!(
        verdict[1].starts_with("Räknas inte mot ”Mål: minst 100 trafikkontroller"),
        "{verdict:?}"
    );
    assert!(
        verdict[1].ends_with("tiden ligger utanför metodens tidsfönster."),
        "{verdict:?}"
    );

    let good = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/logga",
        &[
            ("activity_type", "traffic_control"),
            ("place", "malmkoping"),
            ("duration", "20"),
            ("performer", "police"),
            ("when", "2021-05-04T08:00"),
        ],
    )
    .await;
    let html = Html::parse_document(&good.text().await.unwrap());
    let verdict = texts(&html, ".saved li");
    assert!(
        verdict[1].starts_with("Räknas mot: Mål: minst 100 trafikkontroller"),
        "{verdict:?}"
    );

    let public = app.page("/kommun/0482/2021").await;
    assert_eq!(
        texts(&public, ".progress .headline"),
        [
            "2 trafikkontroller har loggats",
            "1 av 100 trafikkontroller"
        ],
        "the motor-vehicle commitment follows both controls, the 100 only the long one"
    );
    assert!(
        texts(&public, ".progress .meta")
            .contains(&"1 till räknas inte: tiden låg utanför metodens tidsfönster.".to_owned())
    );
    assert!(
        texts(&public, ".synthetic").is_empty(),
        "real logged work is not labelled as example data"
    );
}

#[tokio::test]
async fn the_form_puts_problems_on_their_fields_and_keeps_counts_only_visits_free_of_notes() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/logga",
        &[
            ("activity_type", "concern_visit"),
            ("duration", ""),
            ("other_duration", "-5"),
            ("performer", "municipality"),
            ("when", "i går"),
            ("note", "Besök hos familjen Andersson"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&html, "#other_duration-error"),
        ["Måste vara mellan 1 och 1440."]
    );
    assert_eq!(
        texts(&html, "#when-error"),
        ["Ange ett datum som ÅÅÅÅ-MM-DD."]
    );

    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/logga",
        &[
            ("activity_type", "concern_visit"),
            ("participants", "2"),
            ("performer", "municipality"),
            ("when", "2021-05-03T18:00"),
            ("note", "Besök hos familjen Andersson"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&html, "#note-error"),
        [
            "Den här aktivitetstypen gäller personer som kan identifieras, som orosbesök hos barn och unga: bara antal får sparas, ingen anteckning."
        ]
    );
}

/// Who did the work is chosen, never assumed: without a choice, or with one the form
/// does not offer, nothing is saved and the question says so.
#[tokio::test]
async fn an_activity_without_a_known_performer_is_refused_not_given_to_the_municipality() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let controls = || async {
        tenant
            .activities(
                lofte_domain::YearSpan::single(lofte_domain::Year::new(2021).unwrap()),
                &[lofte_domain::ActivityTypeCode::parse("traffic_control").unwrap()],
            )
            .await
            .unwrap()
            .0
            .len()
    };
    let before = controls().await;
    for (performer, message) in [
        ("", "Måste fyllas i."),
        (
            "brandkåren",
            "”brandkåren” går inte här. Tillåtna värden: police (polisen), municipality (kommunen), partner:NAMN.",
        ),
    ] {
        let r = post_form(
            &app.address,
            &cookie,
            "/personal/kommun/0482/logga",
            &[
                ("activity_type", "traffic_control"),
                ("duration", "20"),
                ("performer", performer),
                ("when", "2021-05-03T18:00"),
            ],
        )
        .await;
        assert_eq!(r.status(), 422, "{performer:?}");
        let html = Html::parse_document(&r.text().await.unwrap());
        assert_eq!(
            texts(&html, "fieldset .field-error"),
            [message],
            "{performer:?}"
        );
    }
    assert_eq!(controls().await, before, "nothing saved");
    let saved = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/logga",
        &[
            ("activity_type", "traffic_control"),
            ("duration", "20"),
            ("performer", "police"),
            ("when", "2021-05-03T18:00"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(controls().await, before + 1);
}

#[tokio::test]
async fn viewers_cannot_log() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "lasare@flen.se", flen(), Role::Viewer).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let r = app
        .client
        .get(format!("{}/personal/kommun/0482/logga", app.address))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

mod api {
    use super::*;

    async fn token(app: &crate::helpers::TestApp, role: Role) -> String {
        let db = &app.database.db;
        let org = db.organisation(&katrineholm_lpo()).await.unwrap();
        let token = lofte_app::secrets::generate_token();
        db.create_api_token(
            org,
            role,
            "case system",
            &lofte_app::secrets::token_digest(&token),
        )
        .await
        .unwrap();
        token
    }

    async fn post(
        app: &crate::helpers::TestApp,
        token: &str,
        body: serde_json::Value,
    ) -> reqwest::Response {
        app.client
            .post(format!(
                "{}/api/v1/municipalities/0482/activities",
                app.address
            ))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn activities_are_logged_once_and_counted() {
        let app = spawn_app().await;
        let token = token(&app, Role::Reporter).await;
        let body = serde_json::json!([
            { "external_id": "rakel-1", "type": "traffic_control", "performer": "police",
              "started_at": "2021-03-01T07:30:00+01:00", "duration_minutes": 20, "place": "sparreholm" },
            { "external_id": "rakel-2", "type": "traffic_control", "performer": "police",
              "started_at": "2021-03-01T23:30:00Z", "duration_minutes": 25, "place": "flen" }
        ]);
        let r = post(&app, &token, body.clone()).await;
        assert_eq!(r.status(), 201);
        assert_eq!(
            r.json::<serde_json::Value>().await.unwrap(),
            serde_json::json!({"added": 2, "already_there": 0})
        );
        let again = post(&app, &token, body).await;
        assert_eq!(
            again.json::<serde_json::Value>().await.unwrap(),
            serde_json::json!({"added": 0, "already_there": 2})
        );

        let progress: serde_json::Value = app
            .get("/api/v1/municipalities/0482/promises/2021/progress")
            .await
            .json()
            .await
            .unwrap();
        // The 100 controls (the motor-vehicle commitment, first, follows them too).
        let c = &progress["commitments"][1];
        assert_eq!(c["commitment"], 5);
        assert_eq!(
            (c["actual"].as_u64(), c["in_emphasis"].as_u64()),
            (Some(2), Some(1))
        );
        // 23:30 UTC on 1 March is 00:30 on 2 March in Sweden: months and tertials follow local time.
        assert_eq!(
            c["by_month"],
            serde_json::json!([{"month": "2021-03", "count": 2}])
        );
    }

    #[tokio::test]
    async fn bad_activities_are_named_by_index_and_nothing_is_stored() {
        let app = spawn_app().await;
        let reporter = token(&app, Role::Reporter).await;
        let r = post(&app, &reporter, serde_json::json!([
            { "type": "traffic_control", "performer": "police", "started_at": "2021-03-01T07:30:00+01:00", "duration_minutes": 20 },
            { "type": "tea_party", "performer": "police", "started_at": "2021-03-01T07:30:00+01:00", "place": "atlantis" }
        ])).await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        let paths: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["[1].type", "[1].place"], "every problem at once");
        let r = post(&app, &reporter, serde_json::json!([
            { "type": "traffic_control", "performer": "police", "started_at": "2021-03-01T07:30:00+01:00", "place": "atlantis" }
        ])).await;
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "[0].place");
        // Wrong types and an unknown field in several items: all of them at once, with
        // messages in the reader's language rather than the parser's English.
        let r = post(&app, &reporter, serde_json::json!([
            { "type": "traffic_control", "performer": "police", "started_at": "i går", "duration_minutes": "tjugo" },
            { "type": "foot_patrol", "performer": "police", "started_at": "2021-03-01T07:30:00+01:00", "officers": 2 }
        ])).await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        let mut found: Vec<(String, String)> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap().to_owned(),
                    e["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        found.sort();
        assert_eq!(
            found.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["[0].duration_minutes", "[0].started_at", "[1].officers"],
            "{found:?}"
        );
        assert_eq!(found[0].1, "Här ska det stå ett heltal.");
        assert!(
            found[1].1.starts_with("Ange tidpunkten enligt RFC 3339"),
            "{found:?}"
        );
        assert!(
            found[2].1.starts_with("Fältet ”officers” finns inte här."),
            "{found:?}"
        );
        // Half past midnight on New Year's Day of the year 10000 in Sweden: a date that
        // cannot be written YYYY-MM-DD, named on the field it came from.
        let r = post(&app, &reporter, serde_json::json!([
            { "type": "traffic_control", "performer": "police", "started_at": "9999-12-31T23:30:00Z" }
        ])).await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "[0].started_at");
        let progress: serde_json::Value = app
            .get("/api/v1/municipalities/0482/promises/2021/progress")
            .await
            .json()
            .await
            .unwrap();
        let counted: Vec<&serde_json::Value> = progress["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["actual"])
            .collect();
        assert!(!counted.is_empty(), "the targets show their figures");
        assert!(
            counted.iter().all(|n| **n == 0),
            "nothing stored, nothing counted: {counted:?}"
        );
        let viewer = token(&app, Role::Viewer).await;
        assert_eq!(
            post(&app, &viewer, serde_json::json!([])).await.status(),
            403
        );
    }

    /// The form, the API and a file read an activity with one parser: the same words
    /// name the same type and place, and the same mistakes are the same problems on the
    /// same field, whichever way the activity arrives.
    #[tokio::test]
    async fn the_form_the_api_and_a_file_read_an_activity_alike() {
        let app = spawn_app().await;
        let reporter = token(&app, Role::Reporter).await;
        let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
        let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
        // Words as another system writes them: the type in Swedish, the place by name.
        let api = post(&app, &reporter, serde_json::json!([
            { "type": "Trafikkontroller", "performer": "Polisen", "started_at": "2021-05-03T18:00:00+02:00",
              "duration_minutes": 20, "place": "Malmköping" }
        ])).await;
        assert_eq!(api.status(), 201);
        let form = post_form(
            &app.address,
            &cookie,
            "/personal/kommun/0482/logga",
            &[
                ("activity_type", "traffic_control"),
                ("performer", "police"),
                ("duration", "20"),
                ("place", "malmkoping"),
                ("when", "2021-05-03T18:00"),
            ],
        )
        .await;
        assert_eq!(form.status(), 200);
        let file = "typ;utförare;datum;tid;minuter;plats\ntrafikkontroll;polis;2021-05-03;18:00;20;malmköping\n";
        let imported = tenant
            .import_activities_csv(lofte_db::Actor::System, file.as_bytes())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (imported.added, imported.already_there),
            (0, 1),
            "the file's row is the activity the API and the form logged"
        );

        // The same mistakes three ways: an unknown performer, a crowd nobody counted,
        // a place the municipality does not have.
        let api = post(&app, &reporter, serde_json::json!([
            { "type": "foot_patrol", "performer": "brandkåren", "started_at": "2021-05-04T18:00:00+02:00",
              "participants": 250000, "place": "Atlantis" }
        ])).await;
        assert_eq!(api.status(), 422);
        let body: serde_json::Value = api.json().await.unwrap();
        let api_problems: Vec<(String, String)> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("[0].")
                        .to_owned(),
                    e["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let form = post_form(
            &app.address,
            &cookie,
            "/personal/kommun/0482/logga",
            &[
                ("activity_type", "foot_patrol"),
                ("performer", "brandkåren"),
                ("duration", "20"),
                ("place", "Atlantis"),
                ("participants", "250000"),
                ("when", "2021-05-04T18:00"),
            ],
        )
        .await;
        assert_eq!(form.status(), 422);
        let html = Html::parse_document(&form.text().await.unwrap());
        let file = "typ;utförare;datum;deltagare;plats\nfotpatrull;brandkåren;2021-05-04;250000;Atlantis\n";
        let refused = tenant
            .import_activities_csv(lofte_db::Actor::System, file.as_bytes())
            .await
            .unwrap()
            .unwrap_err();
        let fields: Vec<&str> = api_problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["performer", "participants", "place"],
            "the API: {api_problems:?}"
        );
        assert!(
            api_problems[0].1.starts_with("”brandkåren” går inte här."),
            "{api_problems:?}"
        );
        let lang = lofte_i18n::Lang::Sv;
        let file_problems: Vec<(String, String)> = refused
            .iter()
            .map(|e| (e.column.clone(), lang.problem(&e.problem)))
            .collect();
        let headers = ["utförare", "deltagare", "plats"];
        for (i, (field, message)) in api_problems.iter().enumerate() {
            assert_eq!(
                file_problems[i],
                (headers[i].to_owned(), message.clone()),
                "the file names {field} by its own header"
            );
            assert_eq!(
                texts(&html, &format!("#{field}-error")),
                std::slice::from_ref(message),
                "the form's {field}"
            );
        }
        assert_eq!(file_problems.len(), 3, "{file_problems:?}");
        let controls = tenant
            .activities(
                lofte_domain::YearSpan::single(lofte_domain::Year::new(2021).unwrap()),
                &[lofte_domain::ActivityTypeCode::parse("foot_patrol").unwrap()],
            )
            .await
            .unwrap()
            .0;
        assert!(
            controls
                .iter()
                .all(|a| a.date != chrono::NaiveDate::from_ymd_opt(2021, 5, 4).unwrap()),
            "nothing of the refused activity is saved"
        );
    }
}

#[tokio::test]
async fn a_coordinator_adds_an_activity_type_that_officers_can_then_log() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let page = "/personal/kommun/0482/aktivitetstyper";

    // Missing names are reported on their fields, and nothing is added.
    let r = post_form(
        &app.address,
        &cookie,
        page,
        &[("name_sv_one", "Hundpatrull"), ("name_sv_other", "")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&html, "#name_sv_other-error"),
        ["Får inte vara tomt."]
    );
    assert_eq!(texts(&html, "#name_en_one-error"), ["Får inte vara tomt."]);
    assert!(
        !texts(&html, "table.types th[scope=row]")
            .iter()
            .any(|t| t.contains("Hundpatrull"))
    );

    let r = post_form(
        &app.address,
        &cookie,
        page,
        &[
            ("name_sv_one", "hundpatrull"),
            ("name_sv_other", "hundpatruller"),
            ("name_en_one", "dog patrol"),
            ("name_en_other", "dog patrols"),
            ("code", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "saved and sent back to the list");
    let list = app.page_as(page, &cookie).await;
    let rows = texts(&list, "table.types tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Hundpatrull (hundpatruller) hundpatrull Kommunens egen")),
        "{rows:?}"
    );

    // The same name again: the code is taken.
    let again = post_form(
        &app.address,
        &cookie,
        page,
        &[
            ("name_sv_one", "hundpatrull"),
            ("name_sv_other", "hundpatruller"),
            ("name_en_one", "dog patrol"),
            ("name_en_other", "dog patrols"),
        ],
    )
    .await;
    assert_eq!(again.status(), 422);
    let html = Html::parse_document(&again.text().await.unwrap());
    assert_eq!(
        texts(&html, "#code-error"),
        ["Det finns redan en aktivitetstyp med koden ”hundpatrull”."]
    );

    // The phone form offers it, and logging one works.
    let log = app.page_as("/personal/kommun/0482/logga", &cookie).await;
    assert!(texts(&log, "label").contains(&"Hundpatrull".to_owned()));
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/logga",
        &[
            ("activity_type", "hundpatrull"),
            ("duration", "60"),
            ("performer", "police"),
            ("when", "2021-05-03T20:00"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert!(
        texts(&html, ".saved")
            .iter()
            .any(|t| t.contains("Hundpatrull")),
        "{:?}",
        texts(&html, ".saved")
    );

    // A commitment can count it, and the API lists it with both names.
    let edit = app
        .page_as("/personal/kommun/0482/2021/atagande/ny", &cookie)
        .await;
    assert!(texts(&edit, "#target_activity option").contains(&"Hundpatrull".to_owned()));
    assert_eq!(
        texts(&edit, "#method_code option"),
        [
            "Ingen särskild metod",
            "20-minutersmetoden (trafikkontroller)",
            "15-minutersmetoden (fotpatruller)"
        ],
        "methods are chosen, not typed as codes"
    );
    let places = texts(&edit, "#scope_places .checkbox label");
    assert!(
        places.contains(&"Malmköping".to_owned()) && places.len() == 8,
        "places are ticked by name, not typed as codes: {places:?}"
    );
    let api: serde_json::Value = app
        .get("/api/v1/municipalities/0482/activity-types")
        .await
        .json()
        .await
        .unwrap();
    let own: Vec<&serde_json::Value> = api
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["builtin"] == false)
        .collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["code"], "hundpatrull");
    assert_eq!(own[0]["name_en"], "Dog patrol");

    // Other municipalities do not get Flen's type.
    let api: serde_json::Value = app
        .get("/api/v1/municipalities/0483/activity-types")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api.as_array().unwrap().len(), 11);
}

/// Vingåker 2026: an officer corrects and deletes their own logged controls, and the
/// progress figures follow at once; another officer can neither see the change links
/// nor reach the pages; the coordinator may change anyone's; a bad correction changes
/// nothing.
#[tokio::test]
async fn logged_work_is_corrected_and_deleted_by_its_author_or_a_coordinator() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0428", "places": [
            { "slug": "vingaker", "name": "Vingåker", "kind": "locality", "lat": 59.045, "lon": 15.874 } ] }"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    let promise = lofte_domain::exchange::parse_promise_json(
        &serde_json::json!({
            "municipality": "0428",
            "years": { "first": 2026, "last": 2026 },
            "title": "Medborgarlöfte 2026",
            "aim": "Säkrare trafik.",
            "outcome_goal": { "text": "Färre ska oroa sig för trafiken.", "measured_in": 2027 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2027, "quarter": 1 } },
            "status": "published",
            "commitments": [
                { "party": "police", "kind": "output", "text": "att genomföra trafikkontroller.",
                  "target": { "activity": "traffic_control", "at_least": 10 } }
            ]
        })
        .to_string(),
    )
    .unwrap();
    db.import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
    let vingaker =
        OrganisationRef::Municipality(lofte_domain::MunicipalityCode::parse("0428").unwrap());
    let (email, password) =
        account(&app, "polis1@example.se", vingaker.clone(), Role::Reporter).await;
    let first = sign_in(&app.address, &email, &password).await.unwrap();
    let (email, password) =
        account(&app, "polis2@example.se", vingaker.clone(), Role::Reporter).await;
    let second = sign_in(&app.address, &email, &password).await.unwrap();
    let (email, password) = account(
        &app,
        "samordnare@vingaker.example",
        vingaker,
        Role::Coordinator,
    )
    .await;
    let coordinator = sign_in(&app.address, &email, &password).await.unwrap();

    let control = |when: &'static str| {
        vec![
            ("activity_type", "traffic_control"),
            ("place", "vingaker"),
            ("duration", "20"),
            ("performer", "police"),
            ("when", when),
        ]
    };
    for (cookie, when) in [
        (&first, "2026-03-02T21:00"),
        (&first, "2026-03-03T21:00"),
        (&second, "2026-03-04T21:00"),
    ] {
        let r = post_form(
            &app.address,
            cookie,
            "/personal/kommun/0428/logga",
            &control(when),
        )
        .await;
        assert_eq!(r.status(), 200);
    }
    let actual = || async {
        let progress: serde_json::Value = app
            .get("/api/v1/municipalities/0428/promises/2026/progress")
            .await
            .json()
            .await
            .unwrap();
        progress["commitments"][0]["actual"].as_u64().unwrap()
    };
    assert_eq!(actual().await, 3);
    // The staff promise page shows the same figures as the public one.
    let staff_page = app
        .page_as("/personal/kommun/0428/2026", &coordinator)
        .await;
    assert_eq!(
        texts(&staff_page, "li .progress .headline"),
        ["3 av 10 trafikkontroller"]
    );

    let list = "/personal/kommun/0428/logga/aktiviteter";
    let edit_links = |page: &Html| {
        page.select(&scraper::Selector::parse("tbody a").unwrap())
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let mine = edit_links(&app.page_as(list, &first).await);
    assert_eq!(mine.len(), 2, "only their own: {mine:?}");
    let theirs = edit_links(&app.page_as(list, &second).await);
    assert_eq!(theirs.len(), 1);
    assert_eq!(edit_links(&app.page_as(list, &coordinator).await).len(), 3);
    // Newest first, each with who logged it (the display name is the address here).
    let page = app.page_as(list, &first).await;
    assert_eq!(
        texts(&page, "tbody tr td:nth-child(6)"),
        [
            "polis2@example.se",
            "polis1@example.se",
            "polis1@example.se"
        ]
    );

    // Another officer cannot reach someone else's activity.
    let other = &mine[0];
    let r = app
        .client
        .get(format!("{}{other}", app.address))
        .header("Cookie", &second)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = post_form(&app.address, &second, &format!("{other}/ta-bort"), &[]).await;
    assert_eq!(r.status(), 404);
    assert_eq!(actual().await, 3);

    // The form opens filled in; a bad number is refused and nothing changes.
    let form = app.page_as(other, &first).await;
    assert_eq!(texts(&form, "h1"), ["Ändra en loggad aktivitet"]);
    let when = form
        .select(&scraper::Selector::parse("input[name=when]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert!(when.starts_with("2026-03-0"), "{when}");
    let mut bad = control("2026-03-03T21:00");
    bad.push(("participants", "många"));
    let r = post_form(&app.address, &first, other, &bad).await;
    assert_eq!(r.status(), 422);
    assert_eq!(actual().await, 3);

    // Corrected to a foot patrol: no longer a control.
    let mut patrol = control("2026-03-03T21:00");
    patrol[0] = ("activity_type", "foot_patrol");
    let r = post_form(&app.address, &first, other, &patrol).await;
    assert_eq!(r.status(), 303);
    assert_eq!(actual().await, 2);
    let after = app.page_as(&format!("{list}?andrad=1"), &first).await;
    assert_eq!(texts(&after, ".note.saved"), ["Aktiviteten är ändrad."]);

    // Deleted after a confirmation page, by the coordinator this time.
    let victim = &mine[1];
    let confirm = app
        .page_as(&format!("{victim}/ta-bort"), &coordinator)
        .await;
    assert_eq!(texts(&confirm, "h1"), ["Ta bort aktiviteten?"]);
    let r = post_form(
        &app.address,
        &coordinator,
        &format!("{victim}/ta-bort"),
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(actual().await, 1);
    assert_eq!(edit_links(&app.page_as(list, &coordinator).await).len(), 2);
}
