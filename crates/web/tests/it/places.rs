//! Places managed in the staff area and through the API: roads as lines, schools and
//! stations, areas pasted as GeoJSON, not only by `lofte municipality import`.

use lofte_domain::{MunicipalityCode, PlaceKind, PlaceShape, PlaceSlug, Role};
use scraper::Html;

use crate::helpers::{TestApp, spawn_app, texts};
use crate::staff::{account, flen, post_form, sign_in};

const ROAD_55: &str =
    r#"{"type":"LineString","coordinates":[[16.52,59.06],[16.60,59.02],[16.70,58.99]]}"#;

async fn place(app: &TestApp, slug: &str) -> Option<lofte_domain::Place> {
    app.database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
        .place(&PlaceSlug::parse(slug).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_coordinator_adds_a_road_as_a_line_and_renames_it() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let list = app.page_as("/personal/kommun/0482/platser", &cookie).await;
    assert!(texts(&list, "td a").iter().any(|t| t == "Malmköping"));

    // A bad shape and no point: refused on the shape field, nothing stored.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/platser/ny",
        &[
            ("name", "Väg 55"),
            ("place_kind", "road"),
            ("shape", "{\"type\":\"Point\"}"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert!(texts(&page, "#shape-error")[0].starts_with("Formen ska vara GeoJSON"));
    assert!(place(&app, "vag-55").await.is_none());

    // The line alone: the slug comes from the name, the point from the line's middle.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/platser/ny",
        &[
            ("name", "Väg 55"),
            ("place_kind", "road"),
            ("shape", ROAD_55),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let road = place(&app, "vag-55").await.unwrap();
    assert_eq!(road.kind, PlaceKind::Road);
    assert!(matches!(road.shape, Some(PlaceShape::Line(ref l)) if l[0].len() == 3));
    assert!(
        (road.coordinates.lat() - 59.0233).abs() < 0.001,
        "{:?}",
        road.coordinates
    );
    let list = app.page_as("/personal/kommun/0482/platser", &cookie).await;
    assert!(
        texts(&list, "tr")
            .iter()
            .any(|t| t.contains("Väg 55") && t.contains("vag-55"))
    );

    // The same slug again is refused on it.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/platser/ny",
        &[
            ("name", "Väg 55"),
            ("place_kind", "road"),
            ("shape", ROAD_55),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);

    // Renamed, the slug stays; a school with a typed point lies in a locality.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/platser/vag-55",
        &[
            ("name", "Riksväg 55"),
            ("place_kind", "road"),
            ("shape", ROAD_55),
            ("slug", "annat"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        place(&app, "vag-55").await.unwrap().name.as_str(),
        "Riksväg 55"
    );
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/platser/ny",
        &[
            ("name", "Stenhammarskolan"),
            ("place_kind", "school"),
            ("place_lat", "59,0590"),
            ("place_lon", "16,5880"),
            ("within", "flen"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let school = place(&app, "stenhammarskolan").await.unwrap();
    assert_eq!(school.within.as_ref().map(|w| w.as_str()), Some("flen"));

    // Work on the road is logged by its name from a file.
    let tenant = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap();
    let file =
        "Aktivitet;Utförare;Datum;Plats;Minuter\nTrafikkontroll;Polisen;2021-04-01;Riksväg 55;20\n";
    let summary = tenant
        .import_activities_csv(lofte_db::Actor::System, file.as_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.added, 1);
}

#[tokio::test]
async fn places_are_added_and_changed_through_the_api() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let org = db.organisation(&flen()).await.unwrap();
    let token = lofte_web::auth::generate_token();
    db.create_api_token(
        org,
        Role::Coordinator,
        "gis",
        &lofte_web::auth::token_digest(&token),
    )
    .await
    .unwrap();
    let send = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        app.client
            .request(
                method,
                format!("{}/api/v1/municipalities/0482/{path}", app.address),
            )
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let station = serde_json::json!({
        "slug": "flens-station", "name": "Flens station", "kind": "station",
        "shape": { "type": "Polygon", "coordinates": [[[16.585,59.057],[16.592,59.057],[16.592,59.060],[16.585,59.060],[16.585,59.057]]] },
        "within": "flen"
    });
    let r = send(reqwest::Method::POST, "places", station.clone())
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let listed: Vec<serde_json::Value> = app
        .get("/api/v1/municipalities/0482/places")
        .await
        .json()
        .await
        .unwrap();
    let found = listed
        .iter()
        .find(|p| p["slug"] == "flens-station")
        .unwrap();
    assert_eq!(found["kind"], "station");
    assert_eq!(found["shape"]["type"], "MultiPolygon");
    // Every problem at once: a kind no place has, a point outside Sweden.
    let r = send(
        reqwest::Method::POST,
        "places",
        serde_json::json!({ "slug": "x", "name": "X", "kind": "pub", "lat": 40.0, "lon": 16.0 }),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    let paths: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["kind", "lat"]);
    // Renamed through PUT; another slug in the body than the path is refused.
    let mut renamed = station.clone();
    renamed["name"] = "Flens resecentrum".into();
    let r = send(
        reqwest::Method::PUT,
        "places/flens-station",
        renamed.clone(),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        place(&app, "flens-station").await.unwrap().name.as_str(),
        "Flens resecentrum"
    );
    let r = send(reqwest::Method::PUT, "places/malmkoping", renamed)
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = send(
        reqwest::Method::PUT,
        "places/ingenstans",
        serde_json::json!({
            "slug": "ingenstans", "name": "Ingenstans", "kind": "area", "lat": 59.0, "lon": 16.5
        }),
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 404);
}

/// Logged work from a file in the staff area: a place the file names that the
/// municipality lacks is listed with a link that adds it, named as in the file; once
/// added, the same file goes in.
#[tokio::test]
async fn a_file_naming_a_missing_place_links_to_adding_it_then_goes_in() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let file = "Aktivitet;Utförare;Datum;Plats;Minuter\nTrafikkontroll;Polisen;2021-04-01;Väg 55;20\nFotpatrull;Polisen;2021-04-02;Flens centrum;15\n";
    let send = |body: &'static str| {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(body.as_bytes().to_vec()).file_name("export.csv"),
        );
        crate::helpers::client()
            .post(format!("{}/personal/kommun/0482/logga/fil", app.address))
            .header("Cookie", &cookie)
            .header("Origin", &app.address)
            .multipart(form)
            .send()
    };
    let r = send(file).await.unwrap();
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&page, ".error-summary li"),
        [
            "Rad 2, kolumn Plats: Platsen ”Väg 55” finns inte i kommunen. Lägg till den under Platser i personalområdet (eller med lofte municipality import) och försök igen."
        ]
    );
    let link = page
        .select(&scraper::Selector::parse("#okanda-platser ~ ul a, section a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.contains("/platser/ny"))
        .unwrap()
        .to_owned();
    assert_eq!(link, "/personal/kommun/0482/platser/ny?name=V%C3%A4g+55");
    let form = app.page_as(&link, &cookie).await;
    let name = form
        .select(&scraper::Selector::parse("input[name=name]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    assert_eq!(name, "Väg 55");
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/platser/ny",
        &[
            ("name", "Väg 55"),
            ("place_kind", "road"),
            ("shape", ROAD_55),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = send(file).await.unwrap();
    assert_eq!(r.status(), 200);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&page, ".note.saved"),
        ["2 aktiviteter inlästa, 0 fanns redan."]
    );
}
