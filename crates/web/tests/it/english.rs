//! English versions of a promise's texts: written in the staff forms, shown on the
//! English site where they exist (and said where they do not), carried by the API; and
//! corrections of a closed promise's texts.

use lofte_domain::{MunicipalityCode, Role};
use scraper::{Html, Selector};

use crate::helpers::{TestApp, client, form_values, spawn_app, texts, with};
use crate::helpers::{account, sign_in};

const CODE: &str = "0484";

/// Eskilstuna's promise for 2025–2026: a housing company as a party, two focus areas,
/// written in Swedish only.
async fn two_year_promise(app: &TestApp, status: &str) -> String {
    let db = &app.database.db;
    let promise = lofte_domain::exchange::parse_promise_json(
        &serde_json::json!({
            "municipality": CODE,
            "years": { "first": 2025, "last": 2026 },
            "title": "Medborgarlöfte 2025–2026",
            "aim": "Öka tryggheten i centrum och bostadsområdena.",
            "focus_areas": ["Trafik", "Ungas trygghet"],
            "outcome_goal": { "text": "År 2026 ska färre känna sig otrygga i centrum.", "measured_in": 2026 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2027, "quarter": 1 } },
            "status": status,
            "commitments": [
                { "party": "police", "kind": "output", "text": "Polisen genomför trafikkontroller vid skolorna." },
                { "party": { "partner": "Kommunfastigheter AB" }, "kind": "output", "text": "Bolaget byter belysning i tre trapphus." }
            ]
        })
        .to_string(),
    )
    .unwrap();
    db.import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
    let org = lofte_db::OrganisationRef::Municipality(MunicipalityCode::parse(CODE).unwrap());
    let (email, password) =
        account(app, "samordnare@eskilstuna.example", org, Role::Coordinator).await;
    sign_in(&app.address, &email, &password).await.unwrap()
}

async fn post(
    app: &TestApp,
    cookie: &str,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    client()
        .post(format!("{}{path}", app.address))
        .header("Cookie", cookie)
        .header("Origin", &app.address)
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn page_in(app: &TestApp, lang: &str, path: &str) -> Html {
    let response = app.get_in(lang, path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    Html::parse_document(&response.text().await.unwrap())
}

/// The `lang` attribute of the first element `selector` finds.
fn lang_of(html: &Html, selector: &str) -> Option<String> {
    html.select(&Selector::parse(selector).unwrap())
        .next()
        .and_then(|e| e.value().attr("lang").map(str::to_owned))
}

#[tokio::test]
async fn english_texts_written_in_the_forms_are_what_the_english_site_shows() {
    let app = spawn_app().await;
    let cookie = two_year_promise(&app, "published").await;
    let base = format!("/personal/kommun/{CODE}/2025");
    let public = format!("/kommun/{CODE}/2025");

    // Nothing in English yet: the English page says the promise is in Swedish and marks
    // its texts as Swedish for screen readers.
    let page = page_in(&app, "en", &public).await;
    assert!(
        texts(&page, "article.promise > .note")
            .contains(&"The text of the promise is in Swedish.".to_owned())
    );
    assert_eq!(lang_of(&page, "article.promise h2").as_deref(), Some("sv"));
    let staff = app.page_as(&base, &cookie).await;
    assert!(texts(&staff, "p.meta")[0].ends_with("Ingen engelsk version"));

    // A wrong number of English focus areas is refused on its field, and nothing is saved.
    let edit = app.page_as(&format!("{base}/andra"), &cookie).await;
    let form = form_values(&edit);
    let refused = post(
        &app,
        &cookie,
        &format!("{base}/andra"),
        &with(
            form.clone(),
            &[
                ("english_title", "Citizen promise 2025–2026"),
                ("english_focus_areas", "Traffic"),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        [
            "Fokusområden på engelska: Skriv ett engelskt namn per fokusområde (2), i samma ordning, eller inget."
        ]
    );
    assert_eq!(
        lang_of(&html, "#english_focus_areas").as_deref(),
        Some("en")
    );
    let page = page_in(&app, "en", &public).await;
    assert_eq!(
        texts(&page, "article.promise h2"),
        ["Medborgarlöfte 2025–2026"]
    );

    // The promise's texts, then one of the two commitments.
    let saved = post(
        &app,
        &cookie,
        &format!("{base}/andra"),
        &with(
            form,
            &[
                ("english_title", "Citizen promise 2025–2026"),
                (
                    "english_aim",
                    "More safety in the town centre and the housing areas.",
                ),
                ("english_focus_areas", "Traffic\nYoung people's safety"),
                (
                    "english_outcome_text",
                    "In 2026 fewer shall feel unsafe in the town centre.",
                ),
            ],
        ),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let staff = app.page_as(&base, &cookie).await;
    let edit_commitment = staff
        .select(&Selector::parse("li.commitment .commitment-actions a").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let form = form_values(&app.page_as(&edit_commitment, &cookie).await);
    let saved = post(
        &app,
        &cookie,
        &edit_commitment,
        &with(
            form,
            &[(
                "english_text",
                "The police carry out traffic controls at the schools.",
            )],
        ),
    )
    .await;
    assert_eq!(saved.status(), 303);

    let page = page_in(&app, "en", &public).await;
    assert_eq!(
        texts(&page, "article.promise h2"),
        ["Citizen promise 2025–2026"]
    );
    assert_eq!(
        lang_of(&page, "article.promise h2"),
        None,
        "English is the page's language"
    );
    assert!(
        texts(&page, "article.promise > .note")
            .contains(&"Texts without an English version are shown in Swedish.".to_owned())
    );
    assert_eq!(
        texts(&page, "section[aria-labelledby=fokus] ul.tags li"),
        ["Traffic", "Young people's safety"]
    );
    let commitments = texts(&page, "li.commitment > p:first-child");
    assert_eq!(
        commitments,
        [
            "The police carry out traffic controls at the schools.",
            "Bolaget byter belysning i tre trapphus.",
        ]
    );
    // The one without an English version is marked as Swedish, in the list and the
    // overview at the top.
    let marked: Vec<Option<String>> = page
        .select(&Selector::parse("li.commitment > p:first-child").unwrap())
        .map(|p| p.value().attr("lang").map(str::to_owned))
        .collect();
    assert_eq!(marked, [None, Some("sv".to_owned())]);
    assert_eq!(
        texts(&page, "ul.glance a"),
        [
            "The police carry out traffic controls at the schools.",
            "Bolaget byter belysning i tre trapphus.",
        ]
    );
    assert!(
        texts(&page, "section.changes li")
            .contains(&"The English version of the texts was changed.".to_owned())
    );

    // The Swedish site is as it was.
    let swedish = page_in(&app, "sv", &public).await;
    assert_eq!(
        texts(&swedish, "article.promise h2"),
        ["Medborgarlöfte 2025–2026"]
    );
    assert!(texts(&swedish, "article.promise > .note").is_empty());
    let staff = app.page_as(&base, &cookie).await;
    assert!(texts(&staff, "p.meta")[0].ends_with("Engelsk version av några texter"));

    // The exchange format carries them.
    let api: serde_json::Value = app
        .get(&format!("/api/v1/municipalities/{CODE}/promises/2025"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["english"]["title"], "Citizen promise 2025–2026");
    assert_eq!(api["english"]["focus_areas"][1], "Young people's safety");
    assert_eq!(
        api["commitments"][0]["english"]["text"],
        "The police carry out traffic controls at the schools."
    );
    assert!(api["commitments"][1].get("english").is_none());

    // A published follow-up in English uses them too, and says the rest is Swedish.
    let t1 = format!("{base}/uppfoljning/t1");
    assert_eq!(
        post(&app, &cookie, &t1, &[("version".into(), "0".into())])
            .await
            .status(),
        303
    );
    let published = post(
        &app,
        &cookie,
        &t1,
        &[
            ("version".into(), "1".into()),
            ("action".into(), "publish".into()),
            ("narrative_0".into(), "Tolv kontroller vid skolorna.".into()),
            ("narrative_1".into(), "Två trapphus är klara.".into()),
        ],
    )
    .await;
    assert_eq!(published.status(), 303);
    let report = page_in(&app, "en", &format!("{public}/uppfoljning/t1")).await;
    assert_eq!(
        texts(&report, "h1"),
        ["Follow-up tertial 1 2025 – Citizen promise 2025–2026"]
    );
    assert!(
        texts(&report, ".report .note")
            .contains(&"Texts without an English version are shown in Swedish.".to_owned())
    );
    let sections = texts(&report, "li.commitment > p:first-of-type");
    assert!(
        sections[0].starts_with("The police carry out traffic controls"),
        "{sections:?}"
    );
}

#[tokio::test]
async fn a_closed_promise_is_corrected_in_its_texts_only_with_a_dated_note() {
    let app = spawn_app().await;
    let cookie = two_year_promise(&app, "closed").await;
    let base = format!("/personal/kommun/{CODE}/2025");
    let public = format!("/kommun/{CODE}/2025");

    // Closed: the ordinary edit is refused, the correction is offered.
    let staff = app.page_as(&base, &cookie).await;
    assert!(texts(&staff, "main p a").contains(&"Rätta texterna".to_owned()));
    let edit = app.page_as(&format!("{base}/andra"), &cookie).await;
    let refused = post(&app, &cookie, &format!("{base}/andra"), &form_values(&edit)).await;
    assert_eq!(refused.status(), 422);

    let correction = format!("{base}/rattelse");
    let page = app.page_as(&correction, &cookie).await;
    assert_eq!(
        texts(&page, "h1"),
        ["Rätta texterna i Medborgarlöfte 2025–2026"]
    );
    let labels = texts(&page, "main form label");
    assert!(
        labels.contains(&"Åtagande 2 (Kommunfastigheter AB lovar)".to_owned()),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"Fokusområde 2 på engelska".to_owned()),
        "{labels:?}"
    );
    let form = form_values(&page);
    assert!(
        form.iter().all(|(name, _)| !name.contains("target")),
        "texts only"
    );

    // Without a note nothing is saved, and the texts typed are kept in the form.
    let changes = [
        ("commitment_1", "Bolaget byter belysning i fyra trapphus."),
        (
            "english_commitment_1",
            "The company replaces the lighting in four stairwells.",
        ),
    ];
    let refused = post(&app, &cookie, &correction, &with(form.clone(), &changes)).await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        ["Vad rättades?: Måste fyllas i."]
    );
    assert_eq!(
        texts(&html, "#english_commitment_1"),
        ["The company replaces the lighting in four stairwells."]
    );
    let unchanged = page_in(&app, "sv", &public).await;
    assert!(
        texts(&unchanged, "li.commitment > p:first-child")
            .contains(&"Bolaget byter belysning i tre trapphus.".to_owned())
    );

    // With one, the correction is public at once, with the note and the date.
    let mut with_note = changes.to_vec();
    with_note.push(("note", "Fyra trapphus, inte tre."));
    let saved = post(&app, &cookie, &correction, &with(form, &with_note)).await;
    assert_eq!(saved.status(), 303);
    let page = page_in(&app, "sv", &public).await;
    assert!(
        texts(&page, "li.commitment > p:first-child")
            .contains(&"Bolaget byter belysning i fyra trapphus.".to_owned())
    );
    assert!(
        texts(&page, "section.changes p").contains(&"Rättat: Fyra trapphus, inte tre.".to_owned())
    );
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .format("%Y-%m-%d")
        .to_string();
    assert_eq!(texts(&page, "section.changes h4")[0], today);
    let english = page_in(&app, "en", &public).await;
    assert!(
        texts(&english, "li.commitment > p:first-child")
            .contains(&"The company replaces the lighting in four stairwells.".to_owned())
    );
    assert!(
        texts(&english, "section.changes p")
            .contains(&"Corrected: Fyra trapphus, inte tre.".to_owned())
    );
    let staff = app.page_as(&base, &cookie).await;
    let history = texts(&staff, "#historik ~ div td");
    assert!(
        history.contains(&"Texterna i det avslutade löftet rättades".to_owned()),
        "{history:?}"
    );
    assert!(
        history.contains(&"Fyra trapphus, inte tre.".to_owned()),
        "{history:?}"
    );
}

#[tokio::test]
async fn a_correction_that_changes_more_than_texts_is_refused_and_nothing_is_saved() {
    let app = spawn_app().await;
    two_year_promise(&app, "closed").await;
    let tenant = app.database.db.tenant_named(CODE).await.unwrap().unwrap();
    let stored = tenant
        .promise_for_year(
            lofte_domain::Year::new(2025).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    let note = lofte_domain::Text::parse("Ny siffra.", 200).unwrap();
    let mut more = stored.promise.clone();
    more.commitments[0].target = Some(lofte_domain::Target::counting(
        lofte_domain::ActivityTypeCode::parse("traffic_control").unwrap(),
        Some(40),
    ));
    let refused = tenant
        .correct_promise(
            lofte_db::Actor::System,
            stored.id,
            stored.version,
            &more,
            &note,
        )
        .await;
    assert!(
        matches!(&refused, Err(lofte_db::Error::Invalid(e)) if e[0].problem == lofte_domain::Problem::PromiseClosed),
        "{refused:?}"
    );
    let after = tenant
        .promise_for_year(
            lofte_domain::Year::new(2025).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.promise, stored.promise);
    assert_eq!(after.version, stored.version);
    assert_eq!(tenant.publications(stored.id).await.unwrap().len(), 1);
}

/// A database failure reaches the reader as an error page or API answer in their own
/// language, though handlers pass it on with `?` and never name the language.
#[tokio::test]
async fn a_database_failure_is_told_in_the_readers_language() {
    let app = spawn_app().await;
    lofte_db::testing::run_sql(
        &app.database,
        &["ALTER TABLE follow_up RENAME TO follow_up_gone"],
    )
    .await;
    for (lang, heading) in [("en", "Something went wrong"), ("sv", "Något gick fel")] {
        let r = app.get_in(lang, "/kommun/0482/2021").await;
        assert_eq!(r.status(), 500, "{lang}");
        let html = Html::parse_document(&r.text().await.unwrap());
        assert_eq!(texts(&html, "h1"), [heading], "{lang}");
    }
    for (lang, message) in [
        ("en", "Internal error. Please try again in a moment."),
        ("sv", "Internt fel. Försök igen om en stund."),
    ] {
        let r = app
            .client
            .get(format!(
                "{}/api/v1/municipalities/0482/promises/2021/follow-ups",
                app.address
            ))
            .header("Accept-Language", lang)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 500, "{lang}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            (body["code"].as_str(), body["message"].as_str()),
            (Some("internal"), Some(message)),
            "{lang}"
        );
    }
}
