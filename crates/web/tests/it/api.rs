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
