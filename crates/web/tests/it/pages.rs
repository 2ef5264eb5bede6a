use crate::helpers::{commitments_by_party, spawn_app, texts};
use crate::seed::*;

#[tokio::test]
async fn start_page_lists_flen_with_its_years() {
    let app = spawn_app().await;
    let html = app.page("/").await;
    assert_eq!(texts(&html, "h1"), ["Medborgarlöften"]);
    let cards = texts(&html, ".cards li");
    assert_eq!(
        cards.len(),
        1,
        "only municipalities with public promises: {cards:?}"
    );
    assert!(cards[0].starts_with("Flen Södermanlands län"), "{cards:?}");
    assert!(cards[0].contains("2021, 2020"), "{cards:?}");
}

#[tokio::test]
async fn flen_2021_shows_every_seed_commitment_under_its_party() {
    let app = spawn_app().await;
    let html = app.page("/kommun/0482/2021").await;
    assert_eq!(
        commitments_by_party(&html),
        vec![
            ("Tillsammans".to_owned(), strings(&TOGETHER_2021)),
            ("Polisen lovar".to_owned(), strings(&POLICE_2021)),
            ("Flens kommun lovar".to_owned(), strings(&MUNICIPALITY_2021)),
        ]
    );
    assert_eq!(
        texts(&html, ".target"),
        [
            "Följs upp genom: trafikkontroller.",
            "Mål: minst 100 trafikkontroller enligt 20-minutersmetoden (15–30 minuter) med mer närvaro i kransorterna."
        ]
    );
    let body = texts(&html, "article.promise").join(" ");
    assert!(body.contains("År 2022 ska en generell ökning av den upplevda tryggheten gå att avläsa i trygghetsmätningar och medborgardialoger."));
    // The seed writes "kommunen och Polis"; Löfte words this sentence for every
    // municipality, with the definite form.
    assert!(body.contains("Medborgarlöftet kommer att följas upp internt tertialvis av kommunen och polisen under 2021 samt en officiell slutredovisning i första kvartalet 2022."));
    assert!(body.contains("Fortsätter medborgarlöftet 2020."));
    assert!(body.contains("Polisen och kommunens övergripande mål är att på sikt öka tryggheten och minska risken för att bli utsatt för brott."));
}

#[tokio::test]
async fn flen_2020_shows_every_seed_commitment_and_its_four_targets() {
    let app = spawn_app().await;
    let html = app.page("/kommun/0482/2020").await;
    assert_eq!(
        commitments_by_party(&html),
        vec![
            ("Tillsammans".to_owned(), strings(&TOGETHER_2020)),
            ("Polisen lovar".to_owned(), strings(&POLICE_2020)),
            ("Flens kommun lovar".to_owned(), strings(&MUNICIPALITY_2020)),
        ]
    );
    assert_eq!(
        texts(&html, ".target"),
        [
            "Mål: minst 4 trygghetsvandringar.",
            "Följs upp genom: fotpatruller enligt 15-minutersmetoden (10–16 minuter) i Flens centrum.",
            "Mål: minst 100 trafikkontroller enligt 20-minutersmetoden (15–30 minuter).",
            "Mål: minst 50 Trygg vuxen-aktiviteter.",
        ]
    );
    let body = texts(&html, "article.promise").join(" ");
    assert!(body.contains("År 2021 ska en generell ökning"));
    assert!(body.contains("slutredovisning i första kvartalet 2021"));
}

#[tokio::test]
async fn municipality_page_shows_the_newest_promise_and_links_every_year() {
    let app = spawn_app().await;
    let html = app.page("/kommun/0482").await;
    assert_eq!(texts(&html, "h1"), ["Flen – medborgarlöften"]);
    assert_eq!(texts(&html, "article h2"), ["Medborgarlöfte 2021"]);
    assert_eq!(texts(&html, ".years a"), ["2021", "2020"]);
    assert_eq!(texts(&html, ".years a[aria-current=page]"), ["2021"]);
    assert_eq!(
        texts(&html, "p.meta").first().map(String::as_str),
        Some("Lokalpolisområde Katrineholm, Region Öst")
    );
}

#[tokio::test]
async fn english_keeps_the_swedish_promise_text_marked_as_swedish() {
    let app = spawn_app().await;
    let response = app.get_in("en", "/kommun/0482/2021").await;
    let html = scraper::Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&html, "h1"), ["Flen – citizen promises"]);
    let parties: Vec<String> = commitments_by_party(&html)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    assert_eq!(
        parties,
        ["Together", "The Police promise", "Flens kommun promises"]
    );
    assert_eq!(texts(&html, "li.commitment > p[lang=sv]").len(), 12);
    assert_eq!(texts(&html, "html[lang=en]").len(), 1);
    assert_eq!(
        texts(&html, ".target"),
        [
            "Followed up through: traffic controls.",
            "Target: at least 100 traffic controls by the 20-minute method (15–30 minutes) with more presence in the outlying villages (kransorter)."
        ]
    );
    assert_eq!(texts(&html, "a.lang-switch[lang=sv]"), ["Svenska"]);
}

#[tokio::test]
async fn the_language_switch_remembers_the_choice_and_returns() {
    let app = spawn_app().await;
    let response = app.get("/sprak/en?tillbaka=/kommun/0482/2020").await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/kommun/0482/2020");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lofte_lang=en"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let away = app.get("/sprak/en?tillbaka=//evil.example/").await;
    assert_eq!(away.headers()["location"], "/", "no open redirect");
    let back = app.get("/sprak/sv?tillbaka=/").await;
    assert!(
        back.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("lofte_lang=sv")
    );
}

#[tokio::test]
async fn unknown_municipalities_and_years_get_a_404_in_the_readers_language() {
    let app = spawn_app().await;
    for (path, detail) in [
        ("/kommun/9999", "Det finns ingen kommun med koden 9999."),
        ("/kommun/0499", "Det finns ingen kommun med koden 0499."),
        ("/kommun/flen", "Det finns ingen kommun med koden flen."),
        (
            "/kommun/0482/1999",
            "Flen har inget publicerat medborgarlöfte för 1999.",
        ),
        (
            "/kommun/0482/tjugo",
            "Flen har inget publicerat medborgarlöfte för tjugo.",
        ),
        (
            "/kommun/0483/2021",
            "Katrineholm har inget publicerat medborgarlöfte för 2021.",
        ),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let html = scraper::Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&html, "h1"), ["Sidan finns inte"], "{path}");
        assert_eq!(texts(&html, "p.lead"), [detail], "{path}");
        let switch: Vec<&str> = html
            .select(&scraper::Selector::parse("a.lang-switch").unwrap())
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        assert!(
            switch
                .iter()
                .all(|href| href.ends_with(&format!("tillbaka={path}"))),
            "the language switch comes back to {path}: {switch:?}"
        );
    }
    let response = app.get_in("en", "/kommun/0482/1999").await;
    assert_eq!(response.status(), 404);
    let html = scraper::Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&html, "h1"), ["Page not found"]);
    assert_eq!(
        texts(&html, "p.lead"),
        ["Flen has no published citizen promise for 1999."]
    );

    let response = app.get("/ingen/sadan/sida").await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/kommun/0482/2021",
        "/kommun/9999",
        "/api/v1/municipalities",
        "/static/style.css",
    ] {
        let response = app.get(path).await;
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(
            h["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
    }
}

/// Another municipality's promise, written in the documented exchange format, with markup
/// in its text and a partner party.
const KATRINEHOLM_2024: &str = r##"{
  "municipality": "0483",
  "years": { "first": 2024, "last": 2025 },
  "title": "Medborgarlöfte 2024–2025",
  "aim": "Att öka tryggheten i hela kommunen.",
  "focus_areas": ["Trygg stadskärna"],
  "outcome_goal": { "text": "Andelen som känner sig otrygga ute sent en kväll ska minska.", "measured_in": 2025 },
  "follow_up": { "internal": "yearly", "final_report": { "year": 2026, "quarter": 1 } },
  "status": "published",
  "signed_on": "2024-02-01",
  "signatories": [{ "name": "Anna Andersson", "role": "Kommundirektör" }],
  "commitments": [
    { "party": "together", "kind": "output", "text": "Vi genomför <script>alert(1)</script> #trygghetsvandringar *varje* vår.",
      "target": { "activity": "safety_walk", "at_least": 2, "scope": "outlying_villages" } },
    { "party": "police", "kind": "process", "text": "att finnas synliga i centrum." },
    { "party": { "partner": "Sörmlandskustens räddningstjänst" }, "kind": "process", "text": "att medverka i Trygg vuxen." }
  ]
}"##;

#[tokio::test]
async fn another_municipalitys_promise_in_the_exchange_format_is_shown_escaped() {
    let app = spawn_app().await;
    let promise = lofte_domain::exchange::parse_promise_json(KATRINEHOLM_2024).unwrap();
    app.database
        .db
        .import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();

    let raw = app.get("/kommun/0483/2025").await.text().await.unwrap();
    assert!(
        !raw.contains("<script>alert(1)"),
        "user text must be escaped"
    );
    assert!(
        raw.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "escaped as entities"
    );
    let html = scraper::Html::parse_document(&raw);
    assert_eq!(
        commitments_by_party(&html),
        vec![
            (
                "Tillsammans".to_owned(),
                vec![
                    "Vi genomför <script>alert(1)</script> #trygghetsvandringar *varje* vår."
                        .to_owned()
                ]
            ),
            (
                "Polisen lovar".to_owned(),
                vec!["att finnas synliga i centrum.".to_owned()]
            ),
            (
                "Sörmlandskustens räddningstjänst lovar".to_owned(),
                vec!["att medverka i Trygg vuxen.".to_owned()]
            ),
        ]
    );
    assert_eq!(
        texts(&html, ".target"),
        ["Mål: minst 2 trygghetsvandringar i kransorterna."]
    );
    let body = texts(&html, "article").join(" ");
    assert!(
        body.contains("följas upp internt en gång om året av kommunen och polisen under 2024–2025"),
        "{body}"
    );
    assert!(
        body.contains("Undertecknat 2024-02-01 av Anna Andersson, Kommundirektör"),
        "{body}"
    );
    let home = app.page("/").await;
    assert_eq!(texts(&home, ".cards a"), ["Flen", "Katrineholm"]);
}

mod progress {
    use crate::helpers::{spawn_app, texts};

    #[tokio::test]
    async fn without_logged_work_the_figures_say_so_rather_than_nothing() {
        let app = spawn_app().await;
        let html = app.page("/kommun/0482/2020").await;
        // Flen 2020's four targets (three numbers and foot patrols to count): with nothing
        // logged each shows 0 and the verdict for the year that has ended, not a blank.
        assert_eq!(
            texts(&html, ".progress"),
            [
                "Inte uppfyllt 0 av 4 trygghetsvandringar",
                "Bedöms i ord 0 fotpatruller har loggats",
                "Inte uppfyllt 0 av 100 trafikkontroller",
                "Inte uppfyllt 0 av 50 Trygg vuxen-aktiviteter"
            ]
        );
        assert!(
            texts(&html, ".synthetic").is_empty(),
            "no demo data was counted"
        );
    }

    #[tokio::test]
    async fn flen_2020_shows_each_numeric_commitments_result_from_the_demo_activities() {
        let app = spawn_app().await;
        lofte_db::demo::load_flen_activities(&app.database.db)
            .await
            .unwrap();
        let html = app.page("/kommun/0482/2020").await;
        assert_eq!(
            texts(&html, ".synthetic"),
            [
                "Exempeldata: siffrorna bygger på påhittade aktiviteter som demon har skapat, inte på verkligt arbete i kommunen."
            ]
        );
        let lines: Vec<String> = texts(&html, ".progress p:first-child");
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[0], "Uppfyllt 4 av 4 trygghetsvandringar");
        assert!(
            lines[1].starts_with("Bedöms i ord ") && lines[1].ends_with("fotpatruller har loggats"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("Uppfyllt ") && lines[2].ends_with(" av 100 trafikkontroller"),
            "{lines:?}"
        );
        assert_eq!(lines[3], "Delvis uppfyllt 46 av 50 Trygg vuxen-aktiviteter");
        let details = texts(&html, ".progress .meta").join(" | ");
        assert!(
            details.contains("till räknas inte: tiden låg utanför metodens tidsfönster."),
            "{details}"
        );
        assert!(
            !details.contains("Med jämn takt"),
            "no pace once the year is over: {details}"
        );
    }

    #[tokio::test]
    async fn each_commitment_shows_the_timeline_of_its_published_follow_ups() {
        let app = spawn_app().await;
        lofte_db::demo::load_flen_activities(&app.database.db)
            .await
            .unwrap();
        lofte_app::demo::load_flen_follow_ups(&app.database.db)
            .await
            .unwrap();
        // 2020: every report published (the demo leaves 2021's final report a draft).
        let html = app.page("/kommun/0482/2020").await;
        let traffic: Vec<String> = texts(&html, "li.commitment")
            .into_iter()
            .filter(|c| c.contains("trafikkontroller"))
            .collect();
        assert_eq!(traffic.len(), 1, "{traffic:?}");
        let sel = scraper::Selector::parse("li.commitment").unwrap();
        let item = html
            .select(&sel)
            .find(|e| e.text().collect::<String>().contains("trafikkontroller"))
            .unwrap();
        let lines: Vec<String> = item
            .select(&scraper::Selector::parse(".timeline li").unwrap())
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let reports: Vec<&str> = lines.iter().map(|l| l.split(':').next().unwrap()).collect();
        assert_eq!(
            reports,
            [
                "Uppföljning tertial 1 2020",
                "Uppföljning tertial 2 2020",
                "Uppföljning tertial 3 2020",
                "Slutredovisning 2020"
            ]
        );
        // The frozen counts grow through the year: each report kept what it said.
        let counts: Vec<u32> = lines
            .iter()
            .map(|l| {
                let before = l.split(" av 100").next().unwrap();
                before.rsplit(' ').next().unwrap().parse().unwrap()
            })
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
        assert!(counts[0] < counts[3], "{lines:?}");

        // A commitment assessed in words: the tertials that said the same share a line;
        // the final report gives its verdict.
        let words = html
            .select(&sel)
            .find(|e| e.text().collect::<String>().contains("öppen droghandel"))
            .unwrap();
        let lines: Vec<String> = words
            .select(&scraper::Selector::parse(".timeline li").unwrap())
            .map(|e| {
                e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with(
                "Uppföljning tertial 1 2020, Uppföljning tertial 2 2020, Uppföljning tertial 3 2020: Bedöms i ord"
            ),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("Slutredovisning 2020: Uppfyllt"),
            "{lines:?}"
        );
    }

    #[tokio::test]
    async fn page_and_api_show_the_same_numbers() {
        let app = spawn_app().await;
        lofte_db::demo::load_flen_activities(&app.database.db)
            .await
            .unwrap();
        let api: serde_json::Value = app
            .get("/api/v1/municipalities/0482/promises/2021/progress")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(api["synthetic"], true);
        assert_eq!(api["as_of"], "2021-12-31");
        let c = &api["commitments"][1];
        assert_eq!(c["commitment"], 5);
        assert_eq!(c["target"], 100);
        let actual = c["actual"].as_u64().unwrap();
        let in_outlying = c["in_emphasis"].as_u64().unwrap();
        let html = app.page("/kommun/0482/2021").await;
        let headline = texts(&html, ".progress .headline");
        assert_eq!(headline[1], format!("{actual} av 100 trafikkontroller"));
        let percent = (in_outlying as f64 * 100.0 / actual as f64).round();
        let details = texts(&html, ".progress .meta");
        assert!(
            details.contains(&format!(
                "{in_outlying} av {actual} i kransorterna ({percent} %)."
            )),
            "{details:?}"
        );
        let months: u64 = c["by_month"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["count"].as_u64().unwrap())
            .sum();
        assert_eq!(months, actual);
        let by_place = c["by_place"].as_array().unwrap();
        let places: u64 = by_place.iter().map(|p| p["count"].as_u64().unwrap()).sum();
        assert_eq!(places, actual, "every counted control has a place or null");
        let counts: Vec<u64> = by_place
            .iter()
            .map(|p| p["count"].as_u64().unwrap())
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] >= w[1]),
            "most first: {counts:?}"
        );
    }
}

/// Katrineholm's two-year promise for 2027–2028, published, with one numeric target and
/// nothing logged yet.
pub(crate) async fn katrineholm_2027(app: &crate::helpers::TestApp) {
    let document = serde_json::json!({
        "municipality": "0483",
        "years": { "first": 2027, "last": 2028 },
        "title": "Medborgarlöfte 2027–2028",
        "aim": "Tryggare trafik i Katrineholm.",
        "outcome_goal": { "text": "Färre ska uppleva trafiken som ett problem.", "measured_in": 2029 },
        "follow_up": { "internal": "tertial", "final_report": { "year": 2029, "quarter": 1 } },
        "status": "published",
        "commitments": [
            { "party": "police", "kind": "output", "text": "att genomföra trafikkontroller på väg 55.",
              "target": { "activity": "traffic_control", "at_least": 100 } },
            { "party": "municipality", "kind": "process", "text": "att bjuda in till dialog om trafiken." }
        ]
    });
    let promise = lofte_domain::exchange::parse_promise_json(&document.to_string()).unwrap();
    app.database
        .db
        .import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_numeric_target_has_figures_before_anything_is_logged() {
    let app = spawn_app().await;
    katrineholm_2027(&app).await;
    let progress: serde_json::Value = app
        .get("/api/v1/municipalities/0483/promises/2027/progress")
        .await
        .json()
        .await
        .unwrap();
    let commitments = progress["commitments"].as_array().unwrap();
    assert_eq!(
        commitments.len(),
        1,
        "the target, not the commitment in words"
    );
    assert_eq!(commitments[0]["commitment"], 0);
    assert_eq!(commitments[0]["actual"], 0);
    assert_eq!(commitments[0]["target"], 100);
    assert_eq!(commitments[0]["status"], "not-started");
    let page = app.page("/kommun/0483/2027").await;
    let text = texts(&page, "main").join(" ");
    assert!(text.contains("0 av 100"), "{text}");
    assert!(text.contains("Inte påbörjat"), "{text}");
}
