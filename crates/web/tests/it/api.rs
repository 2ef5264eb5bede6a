use lofte_domain::exchange::PromiseDocument;

use crate::helpers::spawn_app;

#[tokio::test]
async fn municipalities_with_promises() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/municipalities").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    insta::assert_json_snapshot!(body);
}

#[tokio::test]
async fn municipality_with_its_promises() {
    let app = spawn_app().await;
    let body: serde_json::Value = app
        .get("/api/v1/municipalities/0482")
        .await
        .json()
        .await
        .unwrap();
    insta::assert_json_snapshot!(body);
}

#[tokio::test]
async fn places_of_flen() {
    let app = spawn_app().await;
    let body: serde_json::Value = app
        .get("/api/v1/municipalities/0482/places")
        .await
        .json()
        .await
        .unwrap();
    insta::assert_json_snapshot!(body);
}

#[tokio::test]
async fn flen_2021_in_the_exchange_format() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/municipalities/0482/promises/2021").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    insta::assert_json_snapshot!(body);
}

#[tokio::test]
async fn what_the_api_serves_is_what_was_imported() {
    let app = spawn_app().await;
    for (year, file) in [
        (2020, lofte_db::demo::FLEN_PROMISES[0]),
        (2021, lofte_db::demo::FLEN_PROMISES[1]),
    ] {
        let served: PromiseDocument = app
            .get(&format!("/api/v1/municipalities/0482/promises/{year}"))
            .await
            .json()
            .await
            .unwrap();
        let imported: PromiseDocument = serde_json::from_str(file).unwrap();
        assert_eq!(served, imported, "{year}");
    }
}

#[tokio::test]
async fn not_found_answers_in_the_requested_language() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/municipalities/9999",
        "/api/v1/municipalities/0483/promises/2021",
        "/api/v1/municipalities/0482/promises/abc",
        "/api/v2/nothing",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["code"], "not-found");
        assert_eq!(body["message"], "Finns inte.");
    }
    let response = app
        .client
        .get(format!("{}/api/v1/municipalities/9999", app.address))
        .header("Accept-Language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["message"], "Not found.");
}

#[tokio::test]
async fn openapi_document() {
    let app = spawn_app().await;
    let body: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    // Any change to the API's shape shows up here and must be accepted deliberately.
    insta::assert_json_snapshot!(body);
}

/// The document states the rules the parser applies (written as literals in the
/// `schema(...)` attributes of `exchange.rs`), so clients and schemathesis know them.
#[tokio::test]
async fn openapi_document_states_the_promise_rules() {
    use lofte_domain::{Text, Year};
    let app = spawn_app().await;
    let body: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let schemas = &body["components"]["schemas"];
    for (schema, field) in [
        ("YearsDocument", "first"),
        ("YearsDocument", "last"),
        ("OutcomeGoalDocument", "measured_in"),
        ("FinalReportDocument", "year"),
    ] {
        let property = &schemas[schema]["properties"][field];
        assert_eq!(property["minimum"], Year::MIN, "{schema}.{field}");
        assert_eq!(property["maximum"], Year::MAX, "{schema}.{field}");
    }
    let promise = &schemas["PromiseDocument"]["properties"];
    assert_eq!(promise["title"]["maxLength"], Text::SHORT);
    assert_eq!(promise["aim"]["maxLength"], Text::LONG);
    assert_eq!(promise["aim"]["pattern"], r"\S");
    assert_eq!(promise["municipality"]["pattern"], "^[0-9]{4}$");
    let commitment = &schemas["CommitmentDocument"]["properties"];
    assert_eq!(commitment["text"]["maxLength"], Text::LONG);
    assert_eq!(commitment["local_plan"]["maxLength"], Text::SHORT);
}

/// `docs/promise.schema.json` is generated from the exchange types; this keeps the
/// committed file true. Regenerate with `LOFTE_UPDATE_SCHEMA=1 cargo test`.
#[test]
fn committed_json_schema_is_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/promise.schema.json"
    );
    let generated = serde_json::to_string_pretty(&lofte_web::promise_json_schema()).unwrap() + "\n";
    if std::env::var_os("LOFTE_UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/promise.schema.json is out of date: run LOFTE_UPDATE_SCHEMA=1 cargo test -p lofte-web"
    );
}

mod write {
    use lofte_domain::Role;

    use crate::helpers::flen;
    use crate::helpers::{TestApp, spawn_app};

    async fn token(app: &TestApp, org: lofte_db::OrganisationRef, role: Role) -> (i32, String) {
        let db = &app.database.db;
        let org = db.organisation(&org).await.unwrap();
        let token = lofte_app::secrets::generate_token();
        let id = db
            .create_api_token(org, role, "test", &lofte_app::secrets::token_digest(&token))
            .await
            .unwrap();
        (id, token)
    }

    fn katrineholm_2024() -> serde_json::Value {
        serde_json::json!({
            "municipality": "0483",
            "years": { "first": 2024, "last": 2024 },
            "title": "Medborgarlöfte 2024",
            "aim": "Ökad trygghet.",
            "outcome_goal": { "text": "Färre ska känna sig otrygga.", "measured_in": 2025 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2025, "quarter": 1 } },
            "status": "published",
            "commitments": [{ "party": "police", "kind": "output", "text": "att genomföra trafikkontroller.",
                              "target": { "activity": "traffic_control", "at_least": 50 } }]
        })
    }

    async fn post(
        app: &TestApp,
        code: &str,
        token: Option<&str>,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        let mut r = app
            .client
            .post(format!(
                "{}/api/v1/municipalities/{code}/promises",
                app.address
            ))
            .json(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send().await.unwrap()
    }

    /// Found by schemathesis (api-check/): bytes that are not UTF-8 got a bare 400 from
    /// the framework, and a NUL byte in a text made PostgreSQL fail with a 500.
    #[tokio::test]
    async fn bodies_that_are_not_text_and_texts_with_nul_bytes_are_refused_with_422() {
        let app = spawn_app().await;
        let katrineholm = lofte_db::OrganisationRef::Municipality(
            lofte_domain::MunicipalityCode::parse("0483").unwrap(),
        );
        let (_, token) = token(&app, katrineholm, Role::Coordinator).await;
        for path in ["promises", "activities"] {
            let r = app
                .client
                .post(format!("{}/api/v1/municipalities/0483/{path}", app.address))
                .bearer_auth(&token)
                .header("Content-Type", "application/json")
                .body(b"\xff.".to_vec())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 422, "{path}");
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(
                body["errors"][0]["message"],
                "Innehållet är inte text i UTF-8. Spara filen som UTF-8 och skicka den igen."
            );
        }
        let mut doc = katrineholm_2024();
        doc["aim"] = "Ökad\u{0}trygghet.".into();
        let r = post(&app, "0483", Some(&token), &doc).await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "aim");
        assert!(
            app.get("/api/v1/municipalities/0483/promises/2024")
                .await
                .status()
                == 404,
            "nothing stored"
        );
    }

    #[tokio::test]
    async fn a_draft_is_replaced_with_if_match_and_a_public_promise_is_not() {
        let app = spawn_app().await;
        let katrineholm = lofte_db::OrganisationRef::Municipality(
            lofte_domain::MunicipalityCode::parse("0483").unwrap(),
        );
        let (_, token) = token(&app, katrineholm, Role::Coordinator).await;
        let mut doc = katrineholm_2024();
        doc["status"] = "draft".into();
        let created = post(&app, "0483", Some(&token), &doc).await;
        assert_eq!(created.status(), 201);
        assert_eq!(created.headers()["etag"], "\"1\"");
        let put = |body: serde_json::Value, if_match: Option<&str>| {
            let mut r = app
                .client
                .put(format!(
                    "{}/api/v1/municipalities/0483/promises/2024",
                    app.address
                ))
                .bearer_auth(&token)
                .json(&body);
            if let Some(v) = if_match {
                r = r.header("If-Match", v);
            }
            r.send()
        };
        doc["title"] = "Medborgarlöfte 2024, reviderat".into();
        doc["signed_on"] = "2024-01-15".into();
        doc["signatories"] = serde_json::json!([{ "name": "Anna Andersson", "role": "kommunstyrelsens ordförande" }]);
        // Without If-Match: refused, naming it.
        let r = put(doc.clone(), None).await.unwrap();
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "If-Match");
        // With the version it was edited from: replaced, with the next version.
        let r = put(doc.clone(), Some("\"1\"")).await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["etag"], "\"2\"");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["title"], "Medborgarlöfte 2024, reviderat");
        // The same old version again: a conflict, nothing changed.
        doc["title"] = "Ett tredje namn".into();
        let r = put(doc.clone(), Some("\"1\"")).await.unwrap();
        assert_eq!(r.status(), 409);
        // Published through the workflow, it is no longer replaced.
        let tenant = app
            .database
            .db
            .tenant(&lofte_domain::MunicipalityCode::parse("0483").unwrap())
            .await
            .unwrap()
            .unwrap();
        let stored = tenant
            .promise_for_year(
                lofte_domain::Year::new(2024).unwrap(),
                lofte_db::Visibility::All,
            )
            .await
            .unwrap()
            .unwrap();
        tenant
            .set_status(
                lofte_db::Actor::System,
                stored.id,
                stored.version,
                lofte_domain::PromiseStatus::Signed,
            )
            .await
            .unwrap()
            .unwrap();
        let r = put(doc, Some("\"3\"")).await.unwrap();
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["code"], "not-a-draft");
    }

    #[tokio::test]
    async fn a_coordinator_token_stores_a_promise_once() {
        let app = spawn_app().await;
        let katrineholm = lofte_db::OrganisationRef::Municipality(
            lofte_domain::MunicipalityCode::parse("0483").unwrap(),
        );
        let (_, token) = token(&app, katrineholm, Role::Coordinator).await;
        let doc = katrineholm_2024();
        let created = post(&app, "0483", Some(&token), &doc).await;
        assert_eq!(created.status(), 201);
        assert_eq!(
            created.headers()["location"],
            "/api/v1/municipalities/0483/promises/2024"
        );
        let served: serde_json::Value = app
            .get("/api/v1/municipalities/0483/promises/2024")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(served, doc);

        let again = post(&app, "0483", Some(&token), &doc).await;
        assert_eq!(again.status(), 409);
        let body: serde_json::Value = again.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "years");
        assert_eq!(
            body["errors"][0]["message"],
            "Kommun 0483 har redan ett medborgarlöfte för 2024. Det befintliga löftet har inte ändrats."
        );
    }

    #[tokio::test]
    async fn tokens_are_checked_for_role_municipality_and_revocation() {
        let app = spawn_app().await;
        let doc = katrineholm_2024();
        assert_eq!(post(&app, "0483", None, &doc).await.status(), 401);
        assert_eq!(
            post(&app, "0483", Some("lofte_gissat"), &doc)
                .await
                .status(),
            401
        );
        let (_, flen_token) = token(&app, flen(), Role::Coordinator).await;
        assert_eq!(
            post(&app, "0483", Some(&flen_token), &doc).await.status(),
            403,
            "another municipality"
        );
        let (_, reporter) = token(&app, flen(), Role::Reporter).await;
        let mut flen_doc = doc.clone();
        flen_doc["municipality"] = "0482".into();
        assert_eq!(
            post(&app, "0482", Some(&reporter), &flen_doc)
                .await
                .status(),
            403,
            "reporters do not write promises"
        );
        let (id, token) = token(&app, flen(), Role::Coordinator).await;
        assert!(app.database.db.revoke_api_token(id).await.unwrap());
        assert_eq!(
            post(&app, "0482", Some(&token), &flen_doc).await.status(),
            401,
            "revoked"
        );
    }

    #[tokio::test]
    async fn an_invalid_document_is_refused_with_every_problem() {
        let app = spawn_app().await;
        let katrineholm = lofte_db::OrganisationRef::Municipality(
            lofte_domain::MunicipalityCode::parse("0483").unwrap(),
        );
        let (_, token) = token(&app, katrineholm, Role::Coordinator).await;
        let mut doc = katrineholm_2024();
        doc["title"] = "".into();
        doc["commitments"][0]["target"]["at_least"] = 0.into();
        let r = app
            .client
            .post(format!(
                "{}/api/v1/municipalities/0483/promises",
                app.address
            ))
            .bearer_auth(&token)
            .header("Accept-Language", "en")
            .json(&doc)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        insta::assert_json_snapshot!(body);
        // A document naming another municipality than the URL is refused too.
        let mut flen_doc = katrineholm_2024();
        flen_doc["municipality"] = "0482".into();
        let r = post(&app, "0483", Some(&token), &flen_doc).await;
        assert_eq!(r.status(), 422);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            body["errors"][0]["message"],
            "Dokumentet gäller en annan kommun än 0483."
        );
    }
}
