//! Places managed in the staff area and through the API: roads as lines, schools and
//! stations, areas pasted as GeoJSON, not only by `lofte municipality import`.

use lofte_domain::{MunicipalityCode, PlaceKind, PlaceShape, PlaceSlug, Role};
use scraper::Html;

use crate::helpers::{TestApp, spawn_app, texts};
use crate::helpers::{account, flen, post_form, sign_in};

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
    let token = lofte_app::secrets::generate_token();
    db.create_api_token(
        org,
        Role::Coordinator,
        "gis",
        &lofte_app::secrets::token_digest(&token),
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

/// Logged work from a file in the staff area: when the file has other problems too, a
/// place it names that the municipality lacks is listed with a link that adds it, named
/// as in the file; once added and the file mended, the file goes in.
#[tokio::test]
async fn a_file_with_other_problems_links_to_adding_a_missing_place() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let bad = "Aktivitet;Utförare;Datum;Plats;Minuter\nTrafikkontroll;Polisen;2021-04-01;Väg 55;20\nFotpatrull;Polisen;2021-04-32;Flens centrum;15\n";
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
    let r = send(bad).await.unwrap();
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    let problems = texts(&page, ".error-summary li");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(
        problems[0],
        "Rad 2, kolumn Plats: Platsen ”Väg 55” finns inte i kommunen. Lägg till den under Platser i personalområdet (eller med lofte municipality import) och försök igen."
    );
    assert!(
        problems[1].starts_with("Rad 3, kolumn Datum:"),
        "{problems:?}"
    );
    // Not offered to add in place: the file must be mended anyway.
    assert!(texts(&page, "#lagg-till-platser").is_empty());
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

/// Vingåker's coordinator uploads a file that names a road and a school the
/// municipality lacks (its only problems): the page asks for each one's kind (proposed
/// from the name) and locality, keeps the file, and adds the places and the activities
/// in one step. A missing locality is asked for again with nothing saved; a carried
/// file with another problem adds no place; a reporter, who may not add places, sees
/// the names without the form.
#[tokio::test]
async fn missing_places_are_added_in_the_same_step_as_the_file() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{
            "municipality": "0428",
            "places": [
                { "slug": "vingaker", "name": "Vingåker", "kind": "locality", "lat": 59.045, "lon": 15.874 },
                { "slug": "hogsjo", "name": "Högsjö", "kind": "locality", "lat": 59.123, "lon": 15.705, "outlying": true }
            ]
        }"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    let vingaker =
        lofte_db::OrganisationRef::Municipality(MunicipalityCode::parse("0428").unwrap());
    let (email, password) = account(
        &app,
        "samordnare@vingaker.example",
        vingaker.clone(),
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let file = "\u{feff}Datum;Aktivitet;Utförare;Plats;Deltagare\n\
                2024-03-05;Trafikkontroll;Polisen;Väg 52;\n\
                2024-03-06;Trygghetsvandring;Kommunen;Säfstaholms skola;12\n\
                2024-03-07;Fotpatrull;Polisen;Vingåker;\n\
                2024-03-08;Trafikkontroll;Polisen;Väg 52;\n";
    let post = |form: reqwest::multipart::Form| {
        crate::helpers::client()
            .post(format!("{}/personal/kommun/0428/logga/fil", app.address))
            .header("Cookie", &cookie)
            .header("Origin", &app.address)
            .multipart(form)
            .send()
    };
    let tenant = db
        .tenant(&MunicipalityCode::parse("0428").unwrap())
        .await
        .unwrap()
        .unwrap();
    let year = lofte_domain::Year::new(2024).unwrap();
    let span = lofte_domain::YearSpan::new(year, year).unwrap();
    let stored = || async {
        (
            db.places(&MunicipalityCode::parse("0428").unwrap())
                .await
                .unwrap()
                .len(),
            tenant.activity_records(span).await.unwrap().len(),
        )
    };

    let r = post(reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("export.csv"),
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&page, "#lagg-till-platser ~ * legend, section legend"),
        ["Väg 52", "Säfstaholms skola"]
    );
    let selected = |page: &Html, id: &str| {
        page.select(&scraper::Selector::parse(&format!("#{id} option[selected]")).unwrap())
            .map(|o| o.value().attr("value").unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(selected(&page, "new_place_0_kind"), ["road"]);
    assert_eq!(selected(&page, "new_place_1_kind"), ["school"]);
    assert_eq!(
        texts(&page, "#new_place_0_within option"),
        ["Välj ort", "Högsjö", "Vingåker"]
    );
    assert_eq!(stored().await, (2, 0));
    let carried = page
        .select(&scraper::Selector::parse("input[name=carried_file]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let adding = |carried: String, school_in: &str| {
        reqwest::multipart::Form::new()
            .text("carried_file", carried)
            .text("new_place_0_name", "Väg 52")
            .text("new_place_0_kind", "road")
            .text("new_place_0_within", "vingaker")
            .text("new_place_1_name", "Säfstaholms skola")
            .text("new_place_1_kind", "school")
            .text("new_place_1_within", school_in.to_owned())
    };

    // The school's locality left unchosen: asked again, the file still carried.
    let r = post(adding(carried.clone(), "")).await.unwrap();
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&page, "#new_place_1_error"),
        ["Välj orten platsen ligger i."]
    );
    assert!(texts(&page, "#new_place_0_error").is_empty());
    assert_eq!(selected(&page, "new_place_0_within"), ["vingaker"]);
    assert_eq!(stored().await, (2, 0));

    // A carried file with another problem too adds no place.
    use base64::Engine as _;
    let broken = format!("{file}2024-13-01;Fotpatrull;Polisen;Vingåker;\n");
    let r = post(adding(
        base64::engine::general_purpose::STANDARD.encode(broken),
        "hogsjo",
    ))
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(texts(&page, ".error-summary li").len(), 1);
    assert_eq!(stored().await, (2, 0));

    let r = post(adding(carried, "hogsjo")).await.unwrap();
    assert_eq!(r.status(), 200);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&page, ".note.saved"),
        ["4 aktiviteter inlästa, 0 fanns redan. 2 platser lades till: Väg 52, Säfstaholms skola."]
    );
    assert_eq!(stored().await, (4, 4));
    let road = tenant
        .place(&PlaceSlug::parse("vag-52").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(road.kind, PlaceKind::Road);
    assert_eq!(road.within.as_ref().map(|w| w.as_str()), Some("vingaker"));
    assert!((road.coordinates.lat() - 59.045).abs() < 1e-9);
    let school = tenant
        .place(&PlaceSlug::parse("safstaholms-skola").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(school.kind, PlaceKind::School);
    assert!(school.outlying, "takes Högsjö's outlying mark");
    let places: Vec<Option<String>> = tenant
        .activity_records(span)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.place)
        .collect();
    assert_eq!(
        places,
        [
            Some("vag-52"),
            Some("safstaholms-skola"),
            Some("vingaker"),
            Some("vag-52")
        ]
        .map(|p| p.map(str::to_owned))
    );

    // A reporter sees which places are missing, without a form to add them.
    let (email, password) =
        account(&app, "rapportor@vingaker.example", vingaker, Role::Reporter).await;
    let reporter = sign_in(&app.address, &email, &password).await.unwrap();
    let r = crate::helpers::client()
        .post(format!("{}/personal/kommun/0428/logga/fil", app.address))
        .header("Cookie", &reporter)
        .header("Origin", &app.address)
        .multipart(
            reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(
                    "Datum;Aktivitet;Utförare;Plats\n2024-04-01;Fotpatrull;Polisen;Marmorbruket\n"
                        .as_bytes()
                        .to_vec(),
                )
                .file_name("export.csv"),
            ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert!(texts(&page, "#lagg-till-platser").is_empty());
    assert_eq!(texts(&page, "#okanda-platser ~ ul li"), ["Marmorbruket"]);
    assert_eq!(stored().await, (4, 4));
}
