//! The pages a Swedish public-sector site must have: the accessibility statement, each
//! municipality's privacy notice naming its data controller, and a contact page, linked
//! from every page, configured per installation and per municipality.

use lofte_domain::Role;
use lofte_web::{AppState, Compliance, SiteInfo};
use scraper::{Html, Selector};

use crate::helpers::{account, flen, sign_in};
use crate::helpers::{client, serve_state, spawn_app, texts};

fn links(html: &Html, selector: &str) -> Vec<String> {
    html.select(&Selector::parse(selector).unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect()
}

/// The page at `path` of the server at `base`, in the language `lang`.
async fn text_of(base: &str, path: &str, lang: &str) -> String {
    client()
        .get(format!("{base}{path}"))
        .header("Cookie", format!("lofte_lang={lang}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_page_links_the_accessibility_statement_the_privacy_notice_and_contact() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    for (path, privacy) in [
        ("/", "/personuppgifter"),
        ("/logga-in", "/personuppgifter"),
        ("/finns-inte", "/personuppgifter"),
        ("/kommun/0482/2021", "/kommun/0482/personuppgifter"),
        ("/kommun/0482/tyck-till", "/kommun/0482/personuppgifter"),
        ("/kommun/0482/synpunkter", "/kommun/0482/personuppgifter"),
    ] {
        let html = Html::parse_document(&app.get(path).await.text().await.unwrap());
        assert_eq!(
            links(&html, "footer a"),
            [
                "/tillganglighet",
                privacy,
                "/kontakt",
                "/api/openapi.json",
                "/personal"
            ],
            "{path}"
        );
    }
    let staff = app
        .page_as("/personal/kommun/0482/synpunkter", &cookie)
        .await;
    assert_eq!(
        links(&staff, "footer a")[..3],
        [
            "/tillganglighet",
            "/kommun/0482/personuppgifter",
            "/kontakt"
        ]
    );
}

#[tokio::test]
async fn the_accessibility_statement_says_who_how_accessible_and_where_to_complain() {
    let app = spawn_app().await;
    // Without configuration: partial, with Löfte's own known gaps, and an honest
    // placeholder where the owner's contact belongs.
    let page = app.page("/tillganglighet").await;
    assert_eq!(texts(&page, "h1"), ["Tillgänglighetsredogörelse"]);
    let body = texts(&page, "main").join(" ");
    assert!(body.contains("delvis förenlig"), "{body}");
    assert!(
        body.contains("Kartorna går inte att använda fullt ut"),
        "{body}"
    );
    assert!(body.contains("inte ifyllda än"), "{body}");
    assert_eq!(links(&page, "main a"), ["https://www.digg.se/tdosanmalan"]);

    let configured = serve_state(AppState::new(app.database.db.clone()).with_site(SiteInfo {
        owner: Some("Katrineholms kommun".into()),
        contact: Some("kommun@katrineholm.example, 0150-570 00".into()),
        compliance: Compliance::Full,
        reviewed: Some("2026-11-30".into()),
        known_issues: vec!["Filmerna saknar syntolkning.".into()],
    }))
    .await;
    let html = text_of(&configured, "/tillganglighet", "sv").await;
    let page = Html::parse_document(&html);
    let body = texts(&page, "main").join(" ");
    assert!(
        body.starts_with("Tillgänglighetsredogörelse Katrineholms kommun står bakom"),
        "{body}"
    );
    assert!(body.contains("helt förenlig"), "{body}");
    assert!(
        body.contains("kommun@katrineholm.example, 0150-570 00"),
        "{body}"
    );
    assert_eq!(texts(&page, "main li"), ["Filmerna saknar syntolkning."]);
    assert!(body.contains("granskades senast 2026-11-30"), "{body}");
    let english = text_of(&configured, "/tillganglighet", "en").await;
    let page = Html::parse_document(&english);
    assert_eq!(texts(&page, "h1"), ["Accessibility statement"]);
    assert!(texts(&page, "main").join(" ").contains("fully complies"));
    let contact = text_of(&configured, "/kontakt", "sv").await;
    assert!(
        contact.contains("Webbplatsen drivs av Katrineholms kommun."),
        "{contact}"
    );
    assert!(contact.contains("Ring 112"), "{contact}");
}

#[tokio::test]
async fn each_municipalitys_privacy_notice_names_its_own_controller() {
    let app = spawn_app().await;
    // Katrineholm's profile names its controller, contact and data protection officer.
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{
            "municipality": "0483",
            "places": [{ "slug": "katrineholm", "name": "Katrineholm", "kind": "locality",
                         "lat": 58.996, "lon": 16.207 }],
            "privacy": {
                "controller": "Kommunstyrelsen i Katrineholms kommun",
                "contact": "dataskydd@katrineholm.example",
                "data_protection_officer": "Dataskyddsombudet, 0150-570 00"
            }
        }"#,
    )
    .unwrap();
    app.database.db.import_profile(&profile).await.unwrap();
    let page = app.page("/kommun/0483/personuppgifter").await;
    assert_eq!(
        texts(&page, "h1"),
        ["Så hanterar Katrineholms kommun dina personuppgifter"]
    );
    let body = texts(&page, "main").join(" ");
    assert!(
        body.contains("Personuppgiftsansvarig för det du lämnar i formuläret och för kommunens uppgifter här: Kommunstyrelsen i Katrineholms kommun."),
        "{body}"
    );
    assert!(
        body.contains("Kontakt: dataskydd@katrineholm.example"),
        "{body}"
    );
    assert!(
        body.contains("Dataskyddsombud: Dataskyddsombudet, 0150-570 00"),
        "{body}"
    );
    assert!(body.contains("Polismyndigheten ansvarar"), "{body}");
    let rows = texts(&page, "tbody tr td:first-child");
    assert_eq!(rows.len(), 9);
    assert!(
        texts(&page, "tbody td")
            .iter()
            .any(|t| t.starts_with("Texten tas bort två år efter händelsen")),
        "the retention of incident texts"
    );
    assert!(
        texts(&page, "tbody td")
            .iter()
            .any(|t| t.starts_with("Det som inte publiceras raderas efter ett år.")),
        "the retention the form promises"
    );
    assert!(
        texts(&page, "tbody td")
            .iter()
            .any(|t| t
                .starts_with("Adressen sparas skild från synpunkten och raderas när du svarat")),
        "the retention of an address left to be asked whether it was done"
    );
    assert_eq!(
        links(&page, "main a"),
        ["https://www.imy.se", "/kommun/0483/tyck-till"]
    );

    // Flen's profile names nobody: the municipality itself is the controller.
    let flen = texts(&app.page("/kommun/0482/personuppgifter").await, "main").join(" ");
    assert!(
        flen.contains("kommunens uppgifter här: Flens kommun."),
        "{flen}"
    );
    assert!(!flen.contains("Dataskyddsombud:"), "{flen}");
    // The list of notices names the municipalities with public promises.
    let index = app.page("/personuppgifter").await;
    assert_eq!(texts(&index, "main li a"), ["Flens kommun"]);
    assert_eq!(app.get("/kommun/9999/personuppgifter").await.status(), 404);
}
