//! Hints for writing commitments that can be followed up: `POST /api/v1/lint` on a
//! Vingåker document (two years, a partner's commitment), and the staff promise page.

use crate::helpers::spawn_app;

fn document(commitments: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "municipality": "0428",
        "years": { "first": 2025, "last": 2026 },
        "title": "Medborgarlöfte 2025–2026",
        "aim": "Tryggare kvällar i Vingåker.",
        "outcome_goal": { "text": "Fler ska känna sig trygga.", "measured_in": 2027 },
        "follow_up": { "internal": "tertial", "final_report": { "year": 2027, "quarter": 1 } },
        "status": "draft",
        "commitments": commitments
    })
}

#[tokio::test]
async fn the_api_hints_without_refusing_in_the_readers_language() {
    let app = spawn_app().await;
    // Vingåker logs traffic controls, but no one has logged a safety walk in a year.
    let today = lofte_app::progress::today();
    let csv = format!("type,performer,date\ntraffic_control,police,{today}\n");
    app.database
        .db
        .tenant_named("0428")
        .await
        .unwrap()
        .unwrap()
        .import_activities_csv(lofte_db::Actor::System, csv.as_bytes())
        .await
        .unwrap()
        .unwrap();
    let body = document(serde_json::json!([
        { "party": "together", "kind": "process", "text": "att verka för en ökad trygghet." },
        { "party": "police", "kind": "output",
          "text": "Polisen gör minst 20 trafikkontroller i centrum på kvällarna.",
          "target": { "activity": "traffic_control", "at_least": 20, "per": "year" } },
        { "party": { "partner": "Vingåkershem" }, "kind": "output",
          "text": "Vingåkershem går 4 trygghetsvandringar i bostadsområdena varje år.",
          "target": { "activity": "safety_walk", "at_least": 4, "per": "year" } }
    ]));
    let post = |lang: &'static str, body: serde_json::Value| {
        let app = &app;
        async move {
            app.client
                .post(format!("{}/api/v1/lint", app.address))
                .header("Accept-Language", lang)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let r = post("sv", body.clone()).await;
    let status = r.status();
    let text = r.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    let r: serde_json::Value = serde_json::from_str(&text).unwrap();
    let json = r;
    let found: Vec<(&str, &str)> = json["hints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["path"].as_str().unwrap(), h["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("commitments[0]", "vague-verb"),
            ("commitments[0]", "no-number"),
            ("commitments[0]", "no-place"),
            ("commitments[0]", "no-time"),
            ("commitments[0]", "no-responsible"),
            ("commitments[0]", "no-data-source"),
            ("commitments[2]", "unlogged-type"),
            ("outcome_goal", "outcome-without-indicator"),
        ]
    );
    assert_eq!(
        json["hints"][0]["message"],
        "”verka för” lovar en ansträngning, inte något som görs."
    );
    assert_eq!(json["hints"][6]["value"], "safety_walk");
    let english: serde_json::Value = post("en", body).await.json().await.unwrap();
    assert_eq!(
        english["hints"][1]["suggestion"],
        "Add a target counted from logged activities, or write a number in the text."
    );

    let broken = post("en", serde_json::json!({ "municipality": "0428" })).await;
    assert_eq!(
        broken.status(),
        422,
        "not a promise: its errors, as on import"
    );
}

/// The staff promise page shows each commitment's hints beside it, and none where there
/// is nothing to point out.
#[tokio::test]
async fn the_staff_page_shows_each_commitments_hints() {
    let app = spawn_app().await;
    let body = document(serde_json::json!([
        { "party": "together", "kind": "process", "text": "att verka för en ökad trygghet." },
        { "party": "police", "kind": "output",
          "text": "Polisen gör minst 20 trafikkontroller i centrum på kvällarna.",
          "target": { "activity": "traffic_control", "at_least": 20, "per": "year" } }
    ]));
    let promise = lofte_domain::exchange::parse_promise_json(&body.to_string()).unwrap();
    app.database
        .db
        .import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
    let cookie = app
        .signed_in_as(
            lofte_domain::Role::Coordinator,
            lofte_db::OrganisationRef::Municipality(
                lofte_domain::MunicipalityCode::parse("0428").unwrap(),
            ),
        )
        .await;
    let page = app.page_as("/personal/kommun/0428/2025", &cookie).await;
    // Each commitment's text and its hints, in the page's order.
    let li = scraper::Selector::parse("li.commitment").unwrap();
    let text = scraper::Selector::parse("p").unwrap();
    let hint = scraper::Selector::parse("details.hints li").unwrap();
    let words = |e: scraper::ElementRef| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let commitments: Vec<(String, Vec<String>)> = page
        .select(&li)
        .map(|c| {
            (
                c.select(&text).next().map(words).unwrap_or_default(),
                c.select(&hint).map(words).collect(),
            )
        })
        .collect();
    let hints_of = |start: &str| {
        commitments
            .iter()
            .find(|(t, _)| t.starts_with(start))
            .map(|(_, h)| h.clone())
            .unwrap()
    };
    let vague = hints_of("att verka för");
    assert_eq!(vague.len(), 6, "{vague:?}");
    assert!(vague[0].starts_with("”verka för” lovar en ansträngning"));
    // The traffic controls: a number, a place, a time, the log; but no one logs them yet.
    assert_eq!(
        hints_of("Polisen gör"),
        [
            "Ingen har loggat aktivitetstypen ”traffic_control” det senaste året. Kontrollera att typen är den som faktiskt loggas, eller kom överens om vem som loggar den."
        ]
    );
    assert_eq!(
        crate::helpers::texts(&page, "main > details.hints summary"),
        ["Tips för ett åtagande som går att följa upp: Effektmål"]
    );

    // While the commitment is rewritten, its form shows the same hints, open.
    let edit = page
        .select(&li)
        .find(|c| c.text().collect::<String>().contains("att verka för"))
        .and_then(|c| {
            c.select(&scraper::Selector::parse("a[href*='/atagande/']").unwrap())
                .next()
        })
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_owned();
    let form = app.page_as(&edit, &cookie).await;
    assert_eq!(
        crate::helpers::texts(&form, "details.hints[open] li").len(),
        6,
        "{edit}"
    );
}
