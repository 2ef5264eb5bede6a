//! Maps, photos and the staff's full exports: the map's files come from this site and the
//! content security policy lets images come only from the tile host; a point marked on
//! the map is kept (and refused outside the municipality); a finding's photo loses its
//! metadata; staff export every input kept, the public only published ones.

use std::io::Cursor;

use lofte_domain::Role;
use lofte_web::AppState;
use lofte_web::map::TileSource;
use scraper::{Html, Selector};

use crate::helpers::{TestApp, client, serve_state, spawn_app, texts};
use crate::helpers::{flen, post_form};

const FORM: &str = "/kommun/0482/tyck-till";

fn attribute(html: &Html, selector: &str, name: &str) -> Option<String> {
    html.select(&Selector::parse(selector).unwrap())
        .next()
        .and_then(|e| e.value().attr(name))
        .map(str::to_owned)
}

async fn send(app: &TestApp, text: &str, lat: &str, lon: &str) -> reqwest::Response {
    send_with_address(app, text, "", lat, lon).await
}

async fn send_with_address(
    app: &TestApp,
    text: &str,
    address: &str,
    lat: &str,
    lon: &str,
) -> reqwest::Response {
    client()
        .post(format!("{}{FORM}", app.address))
        .header("Origin", &app.address)
        .form(&[
            ("input_locality", "flen"),
            ("input_place", ""),
            ("input_address", address),
            ("input_category", "lighting"),
            ("input_text", text),
            ("input_lat", lat),
            ("input_lon", lon),
            ("website", ""),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_map_is_served_by_this_site_and_only_the_tile_host_may_send_images() {
    let app = spawn_app().await;
    let response = app.get(FORM).await;
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("img-src 'self' data: https://tile.openstreetmap.org;"),
        "{policy}"
    );
    assert!(policy.contains("script-src 'self';"), "{policy}");
    let form = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        attribute(&form, "#karta", "data-tiles").as_deref(),
        Some(TileSource::DEFAULT_TEMPLATE)
    );
    assert_eq!(
        attribute(&form, "#karta", "data-boundary").as_deref(),
        Some("/kommun/0482/grans.geojson")
    );
    assert!(
        attribute(&form, "#karta", "data-localities")
            .unwrap()
            .contains("\"slug\":\"malmkoping\"")
    );
    assert_eq!(
        attribute(&form, "#karta-del", "hidden").as_deref(),
        Some(""),
        "hidden until the script draws the map"
    );
    assert_eq!(
        texts(&form, ".map-source"),
        [
            "Kommungräns: Ungefärlig, förenklad gräns ritad för demon (exempeldata, inte Lantmäteriets)"
        ],
        "the demo's made-up boundary says so"
    );

    // Every script and stylesheet the page links is served here, the library for good.
    let mut linked: Vec<String> = Vec::new();
    for (selector, name) in [("script", "src"), ("link[rel=stylesheet]", "href")] {
        for e in form.select(&Selector::parse(selector).unwrap()) {
            linked.push(e.value().attr(name).unwrap().to_owned());
        }
    }
    assert!(
        linked.iter().any(|l| l.ends_with("/leaflet.js")),
        "{linked:?}"
    );
    for path in &linked {
        assert!(path.starts_with("/static/"), "{path} comes from this site");
        let r = app.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        if path.contains("leaflet-") {
            assert_eq!(
                r.headers()["cache-control"],
                "public, max-age=31536000, immutable"
            );
        }
    }
    let marker = app
        .get(&format!(
            "{}/images/marker-icon.png",
            lofte_web::map::LEAFLET_PATH
        ))
        .await;
    assert_eq!(marker.status(), 200);
    assert_eq!(marker.headers()["content-type"], "image/png");

    // The boundary, for the map and for GIS.
    let boundary: serde_json::Value = app
        .get("/kommun/0482/grans.geojson")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(boundary["geometry"]["type"], "MultiPolygon");
    assert_eq!(boundary["properties"]["municipality"], "0482");
    assert_eq!(app.get("/kommun/0480/grans.geojson").await.status(), 404);

    // Without a tile source the map has no background and the policy no foreign host.
    let offline = serve_state(AppState::new(app.database.db.clone()).with_map_tiles(None)).await;
    let r = client()
        .get(format!("{offline}{FORM}"))
        .send()
        .await
        .unwrap();
    let policy = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("img-src 'self' data:;"), "{policy}");
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(attribute(&html, "#karta", "data-tiles"), None);
}

#[tokio::test]
async fn a_point_marked_on_the_map_is_kept_and_one_outside_the_municipality_is_refused() {
    let app = spawn_app().await;
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let pending = || async {
        tenant
            .inputs(lofte_domain::citizen::InputStatus::Pending)
            .await
            .unwrap()
            .len()
    };

    // Stockholm, Oslo, and something that is no position at all.
    for (lat, lon) in [
        ("59.3293", "18.0686"),
        ("59.9139", "10.7522"),
        ("59.1", "öster"),
    ] {
        let refused = send(&app, "Mörkt vid stationen.", lat, lon).await;
        assert_eq!(refused.status(), 422, "{lat}, {lon}");
        let html = Html::parse_document(&refused.text().await.unwrap());
        assert_eq!(
            texts(&html, "#input_position-error"),
            [
                "Punkten du markerade ligger utanför Flens kommun. Kontrollera platsen på kartan, eller ta bort punkten och välj ort i listan."
            ],
            "{lat}, {lon}"
        );
        assert_eq!(
            texts(&html, ".error-summary a[href='#input_position']").len(),
            1
        );
        assert_eq!(
            attribute(&html, "#karta-del", "hidden"),
            None,
            "the message shows even if the map does not load"
        );
        assert_eq!(
            attribute(&html, "#input_lat", "value").as_deref(),
            Some(lat)
        );
        assert_eq!(texts(&html, "#input_text"), ["Mörkt vid stationen."]);
    }
    assert_eq!(pending().await, 0, "nothing stored");

    let sent = send(&app, "Mörkt vid perrongen.", "59.05781", "16.58702").await;
    assert_eq!(sent.status(), 303);
    assert_eq!(pending().await, 1);
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let queue = app
        .page_as("/personal/kommun/0482/synpunkter", &cookie)
        .await;
    // The moderator sees the point as marked, to keep approximate, confirm, move or drop.
    assert_eq!(
        attribute(&queue, ".input-item input[name=lat]", "value").as_deref(),
        Some("59.057810")
    );
    assert_eq!(
        attribute(&queue, ".input-item input[name=lon]", "value").as_deref(),
        Some("16.587020")
    );
    assert_eq!(
        attribute(&queue, ".input-item input[value=approximate]", "checked").as_deref(),
        Some("")
    );
    let id = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap()[0]
        .id;
    let published = post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0482/synpunkter/{id}"),
        &[
            ("action", "publish"),
            ("text", "Mörkt vid perrongen."),
            ("commitment", ""),
        ],
    )
    .await;
    assert_eq!(published.status(), 200, "the queue again, with a note");

    let geojson: serde_json::Value = app
        .get("/kommun/0482/synpunkter.geojson")
        .await
        .json()
        .await
        .unwrap();
    let feature = &geojson["features"][0];
    assert_eq!(feature["properties"]["text"], "Mörkt vid perrongen.");
    // Unless a moderator confirms a public place, the public gets the cell the point is in
    // (longitude first), not the point, which could be the resident's door.
    assert_eq!(feature["properties"]["precision"], "area");
    assert_lon_lat(&feature["geometry"]["coordinates"], (16.5875, 59.05875));
    let list = app.page("/kommun/0482/synpunkter").await;
    assert_eq!(
        attribute(&list, "#karta", "data-features").as_deref(),
        Some("/kommun/0482/synpunkter.geojson")
    );
    // A filtered list draws the same selection on its map.
    let filtered = app
        .page("/kommun/0482/synpunkter?ort=malmkoping&kategori=&status=%3Cscript%3E")
        .await;
    let features = attribute(&filtered, "#karta", "data-features").unwrap();
    assert_eq!(features, "/kommun/0482/synpunkter.geojson?ort=malmkoping");
    let geojson: serde_json::Value = app.get(&features).await.json().await.unwrap();
    assert_eq!(
        geojson["features"].as_array().unwrap().len(),
        0,
        "the input is in Flen"
    );
}

/// A JPEG as a phone writes it, with an EXIF block holding a position and a serial.
fn phone_photo() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(2000, 1500, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .unwrap();
    let jpeg = jpeg.into_inner();
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(b"GPS 59.0575N 16.5871E serial PHONE-SERIAL-77");
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn upload(
    app: &TestApp,
    cookie: &str,
    path: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let form = reqwest::multipart::Form::new().part(
        "photo",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    client()
        .post(format!("{}{path}", app.address))
        .header("Cookie", cookie)
        .header("Origin", &app.address)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_findings_photo_is_shown_without_its_metadata_and_other_files_are_refused() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let walks = "/personal/kommun/0482/trygghetsvandringar";
    let created = post_form(
        &app.address,
        &cookie,
        walks,
        &[
            ("walk_date", "2021-09-10"),
            ("route", "sveaparken"),
            ("walk_participants", "9"),
            ("walk_performer", "municipality"),
        ],
    )
    .await;
    let walk = created.headers()["location"].to_str().unwrap().to_owned();
    let saved = post_form(
        &app.address,
        &cookie,
        &format!("{walk}/fynd"),
        &[
            ("finding_place", "sveaparken"),
            ("finding_category", "lighting"),
            ("description", "Trasig lyktstolpe vid lekplatsen."),
            ("owner", "Gatuenheten"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let finding = tenant.findings(None).await.unwrap()[0].id;
    let target = format!("{walks}/fynd/{finding}/foto");

    for (name, bytes, message) in [
        (
            "rapport.pdf",
            b"%PDF-1.7 a report".to_vec(),
            "Filen är inte en bild. Välj ett foto i formatet JPEG eller PNG.",
        ),
        (
            "bild.jpg",
            b"<svg onload=alert(1)>".to_vec(),
            "Filen är inte en bild. Välj ett foto i formatet JPEG eller PNG.",
        ),
        (
            "stor.jpg",
            vec![0xFF; 14 * 1024 * 1024],
            "Filen är för stor. Den får vara högst 12 MB.",
        ),
    ] {
        let refused = upload(&app, &cookie, &target, name, bytes).await;
        assert_eq!(refused.status(), 422, "{name}");
        let html = Html::parse_document(&refused.text().await.unwrap());
        assert_eq!(
            texts(&html, ".photo-upload .field-error"),
            [message],
            "{name}"
        );
    }
    assert!(!tenant.findings(None).await.unwrap()[0].has_photo);

    let original = phone_photo();
    assert!(contains(&original, b"PHONE-SERIAL-77"));
    let stored = upload(&app, &cookie, &target, "IMG_0042.jpg", original).await;
    assert_eq!(stored.status(), 303);

    // Residents see it in the public list; what they get carries no metadata.
    let list = app.page("/kommun/0482/synpunkter").await;
    let src = attribute(&list, ".finding img.finding-photo", "src").unwrap();
    assert_eq!(src, format!("/kommun/0482/fynd/{finding}/foto"));
    assert!(
        attribute(&list, ".finding img.finding-photo", "alt")
            .unwrap()
            .starts_with("Foto från trygghetsvandringen: Belysning · Sveaparken")
    );
    let photo = app.get(&src).await;
    assert_eq!(photo.headers()["content-type"], "image/jpeg");
    let bytes = photo.bytes().await.unwrap();
    assert!(!contains(&bytes, b"Exif"));
    assert!(!contains(&bytes, b"PHONE-SERIAL-77"));
    let picture = image::load_from_memory(&bytes).unwrap();
    assert_eq!(
        (picture.width(), picture.height()),
        (1600, 1200),
        "made smaller"
    );
    let geojson: serde_json::Value = app
        .get("/kommun/0482/synpunkter.geojson")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(geojson["features"][0]["properties"]["photo"], src.as_str());
    // A finding of another municipality's id space: nothing.
    assert_eq!(app.get("/kommun/0482/fynd/9999/foto").await.status(), 404);
}

fn assert_lon_lat(coordinates: &serde_json::Value, (lon, lat): (f64, f64)) {
    let got = (
        coordinates[0].as_f64().unwrap(),
        coordinates[1].as_f64().unwrap(),
    );
    assert!(
        (got.0 - lon).abs() < 1e-9 && (got.1 - lat).abs() < 1e-9,
        "{got:?} is not {:?}",
        (lon, lat)
    );
}

#[tokio::test]
async fn the_typed_address_and_the_marked_point_are_published_only_as_a_moderator_leaves_them() {
    let app = spawn_app().await;
    let door = ("59.05812", "16.58791");
    for text in [
        "Ungefärligt.",
        "Offentlig plats.",
        "Utan punkt.",
        "Flyttas ut.",
    ] {
        let address = "Storgatan 3, Anna Andersson 070-1234567";
        let sent = send_with_address(&app, text, address, door.0, door.1).await;
        assert_eq!(sent.status(), 303);
    }
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let queue = app
        .page_as("/personal/kommun/0482/synpunkter", &cookie)
        .await;
    assert_eq!(
        attribute(&queue, ".input-item input[name=address]", "value").as_deref(),
        Some("Storgatan 3, Anna Andersson 070-1234567"),
        "the moderator sees the typed address in a field to edit"
    );
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let pending = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap();
    let id = |text: &str| pending.iter().find(|i| i.text == text).unwrap().id;
    let moderate = |text: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let (cookie, address, id) = (cookie.clone(), app.address.clone(), id(text));
        async move {
            let mut form = vec![("action", "publish"), ("text", text), ("commitment", "")];
            form.extend(fields);
            post_form(
                &address,
                &cookie,
                &format!("/personal/kommun/0482/synpunkter/{id}"),
                &form,
            )
            .await
        }
    };
    let kept =
        |point: &'static str| vec![("lat", "59.058120"), ("lon", "16.587910"), ("point", point)];
    let mut approximate = kept("approximate");
    approximate.push(("address", "Storgatan"));
    assert_eq!(moderate("Ungefärligt.", approximate).await.status(), 200);
    let mut exact = kept("exact");
    exact.push(("address", ""));
    assert_eq!(moderate("Offentlig plats.", exact).await.status(), 200);
    let mut removed = kept("remove");
    removed.push(("address", "Storgatan"));
    assert_eq!(moderate("Utan punkt.", removed).await.status(), 200);
    // Moved to Stockholm: refused on the point, and nothing changes.
    let outside = moderate(
        "Flyttas ut.",
        vec![
            ("lat", "59.3293"),
            ("lon", "18.0686"),
            ("point", "exact"),
            ("address", ""),
        ],
    )
    .await;
    assert_eq!(outside.status(), 422);
    let html = Html::parse_document(&outside.text().await.unwrap());
    let error = texts(&html, ".input-item .field-error").join(" ");
    assert!(error.starts_with("Punkten på kartan:"), "{error}");
    assert_eq!(
        attribute(&html, &format!("#lat-{}", id("Flyttas ut.")), "value").as_deref(),
        Some("59.3293"),
        "the refused form keeps what the moderator typed"
    );

    let geojson: serde_json::Value = app
        .get("/kommun/0482/synpunkter.geojson")
        .await
        .json()
        .await
        .unwrap();
    let feature = |text: &str| {
        geojson["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["properties"]["text"] == text)
            .unwrap()
            .clone()
    };
    let shown = feature("Ungefärligt.");
    assert_eq!(shown["properties"]["address"], "Storgatan");
    assert_eq!(shown["properties"]["precision"], "area");
    assert_lon_lat(&shown["geometry"]["coordinates"], (16.5875, 59.05875));
    let public_place = feature("Offentlig plats.");
    assert_eq!(public_place["properties"]["address"], "");
    assert_eq!(public_place["properties"]["precision"], "point");
    assert_lon_lat(
        &public_place["geometry"]["coordinates"],
        (16.58791, 59.05812),
    );
    let no_point = feature("Utan punkt.");
    assert_eq!(
        no_point["properties"]["precision"], "place",
        "without a point the locality's position is given"
    );

    let list = app
        .get("/kommun/0482/synpunkter")
        .await
        .text()
        .await
        .unwrap();
    let csv = app
        .get("/kommun/0482/synpunkter.csv")
        .await
        .text()
        .await
        .unwrap();
    for public in [&list, &csv, &geojson.to_string()] {
        assert!(!public.contains("Anna Andersson") && !public.contains("070-1234567"));
    }
    assert!(csv.contains("Ungefärligt läge (cirka 300 meter)"), "{csv}");
    // What the moderator took out is stored nowhere, the audit log included; the one
    // input still waiting keeps its own words until it is moderated or deleted.
    let everything = lofte_db::testing::dump_as_text(&app.database.db).await;
    assert_eq!(
        everything.matches("Anna Andersson").count(),
        1,
        "only the waiting input"
    );
    assert!(everything.contains("audit_log.action: published"));
}

#[tokio::test]
async fn staff_export_every_input_kept_and_the_public_only_published_ones() {
    let app = spawn_app().await;
    for text in ["Väntar än.", "Publiceras.", "Döljs."] {
        assert_eq!(send(&app, text, "", "").await.status(), 303);
    }
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let pending = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap();
    let id = |text: &str| pending.iter().find(|i| i.text == text).unwrap().id;
    let moderate = |id: i32, fields: Vec<(&'static str, &'static str)>| {
        let cookie = cookie.clone();
        let address = app.address.clone();
        async move {
            post_form(
                &address,
                &cookie,
                &format!("/personal/kommun/0482/synpunkter/{id}"),
                &fields,
            )
            .await
            .status()
        }
    };
    assert_eq!(
        moderate(
            id("Publiceras."),
            vec![
                ("action", "publish"),
                ("text", "Publiceras."),
                ("commitment", "")
            ]
        )
        .await,
        200
    );
    assert_eq!(
        moderate(
            id("Döljs."),
            vec![("action", "hide"), ("reason", "Namn på en granne.")]
        )
        .await,
        200
    );

    let public = app
        .get("/kommun/0482/synpunkter.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(public.contains("Publiceras."));
    assert!(!public.contains("Väntar än.") && !public.contains("Döljs."));
    assert!(
        !public.contains("Granskning"),
        "no moderation column in open data"
    );

    assert_eq!(
        app.get("/personal/kommun/0482/synpunkter.csv")
            .await
            .status(),
        303,
        "signed out: to the sign-in page"
    );
    let staff = client()
        .get(format!(
            "{}/personal/kommun/0482/synpunkter.csv",
            app.address
        ))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(staff.status(), 200);
    assert!(
        staff.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("synpunkter-alla-0482.csv")
    );
    let csv = staff.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |text: &str| rows.iter().find(|r| &r[column("Text")] == text).unwrap();
    assert_eq!(
        &row("Väntar än.")[column("Granskning")],
        "Väntar på granskning"
    );
    assert_eq!(&row("Publiceras.")[column("Granskning")], "Publicerad");
    assert_eq!(&row("Döljs.")[column("Granskning")], "Dold");
    assert_eq!(&row("Döljs.")[column("Varför dold")], "Namn på en granne.");
    assert_eq!(&row("Publiceras.")[column("Läge")], "Platsens läge");

    let geojson: serde_json::Value = client()
        .get(format!(
            "{}/personal/kommun/0482/synpunkter.geojson",
            app.address
        ))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(geojson["features"].as_array().unwrap().len(), 3);
}
