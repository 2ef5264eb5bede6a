//! The tertial analysis of Gnesta's situation picture: written as a draft, previewed as
//! residents will see it, published with the tertial's figures frozen, read as a page and
//! a PDF with small counts held back.

use lofte_domain::Role;

use crate::helpers::{post_form, spawn_app, texts};
use crate::incidents::{gnesta_housing_token, gnesta_kommun, post};

#[tokio::test]
async fn a_tertial_analysis_is_written_previewed_published_and_frozen() {
    let app = spawn_app().await;
    let token = gnesta_housing_token(&app).await;
    let shown = chrono::Datelike::year(&lofte_app::progress::today()) - 1;
    let report = |year: i32, day: u32, category: &str| {
        serde_json::json!({ "category": category, "date": format!("{year}-03-{day:02}"),
            "time": "21:00", "place": "stationsomradet", "reporter": "Gnestahem" })
    };
    // The first tertial: 12 graffiti against 20 the year before, and 3 fires.
    let mut reports: Vec<serde_json::Value> =
        (1..=12).map(|d| report(shown, d, "graffiti")).collect();
    reports.extend((1..=20).map(|d| report(shown - 1, d, "graffiti")));
    reports.extend((1..=3).map(|d| report(shown, d, "fire")));
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(reports))
            .await
            .status(),
        201
    );
    let coordinator = app.signed_in_as(Role::Coordinator, gnesta_kommun()).await;
    let list = app
        .page_as("/personal/kommun/0461/lagesbild/analyser", &coordinator)
        .await;
    let rows = texts(&list, "table.analyses tbody tr");
    let t1 = format!("Lägesbild tertial 1 {shown}");
    assert!(
        rows.iter()
            .any(|r| r.starts_with(&t1) && r.contains("Inte påbörjad")),
        "{rows:?}"
    );
    let form_path = format!("/personal/kommun/0461/lagesbild/analyser/{shown}/t1");
    let form = app.page_as(&form_path, &coordinator).await;
    let cells = texts(&form, ".document table tbody tr");
    assert!(
        cells.iter().any(|c| c.starts_with("Brand30")),
        "staff see every count: {cells:?}"
    );

    // Previewing needs the analysis; a draft may be empty.
    let empty = post_form(
        &app.address,
        &coordinator,
        &form_path,
        &[("version", "0"), ("analysis", " "), ("action", "preview")],
    )
    .await;
    assert_eq!(empty.status(), 422);
    let page = scraper::Html::parse_document(&empty.text().await.unwrap());
    assert_eq!(
        texts(&page, ".error-summary a"),
        ["Analys: Måste fyllas i."]
    );
    let draft = post_form(
        &app.address,
        &coordinator,
        &form_path,
        &[("version", "0"), ("analysis", ""), ("action", "save")],
    )
    .await;
    assert_eq!(draft.status(), 303);
    let stale = post_form(
        &app.address,
        &coordinator,
        &form_path,
        &[
            ("version", "0"),
            ("analysis", "Från en äldre flik."),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(stale.status(), 409, "two tabs: the older save is refused");
    let written = "Klottret vid stationen minskade.\n\nVi ser <script>alert(1)</script> #set page(width: 1cm) som text.";
    let previewed = post_form(
        &app.address,
        &coordinator,
        &form_path,
        &[
            ("version", "1"),
            ("analysis", written),
            ("next_steps", "Fler kvällsvandringar i maj."),
            ("action", "preview"),
        ],
    )
    .await;
    assert_eq!(previewed.status(), 303);
    let preview = app
        .page_as(&format!("{form_path}/forhandsvisning"), &coordinator)
        .await;
    let cells = texts(&preview, ".document table tbody tr");
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("Brandfärre än 5färre än 5")),
        "the preview holds back as residents will see it: {cells:?}"
    );
    assert!(
        texts(&preview, ".document .prose")
            .iter()
            .any(|p| p.contains("<script>alert(1)</script>")),
        "the text is shown as text"
    );
    let public_path = format!("/kommun/0461/lagesbild/{shown}/t1");
    assert_eq!(
        app.get(&public_path).await.status(),
        404,
        "not before publishing"
    );

    let published = post_form(
        &app.address,
        &coordinator,
        &format!("{form_path}/publicera"),
        &[("version", "2")],
    )
    .await;
    assert_eq!(published.status(), 303);
    assert_eq!(published.headers()["location"], public_path.as_str());
    // Reports after publishing do not change what the analysis said.
    let late: Vec<serde_json::Value> = (10..=19).map(|d| report(shown, d, "fire")).collect();
    assert_eq!(
        post(&app, &token, serde_json::Value::Array(late))
            .await
            .status(),
        201
    );
    let public = app.page(&public_path).await;
    assert_eq!(texts(&public, "h1"), std::slice::from_ref(&t1));
    let cells = texts(&public, ".document table tbody tr");
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("Brandfärre än 5färre än 5")),
        "{cells:?}"
    );
    assert!(
        cells.iter().any(|c| c.starts_with("Klotter1220−40 %")),
        "{cells:?}"
    );
    assert!(texts(&public, "h2").contains(&"Det här gör vi framåt".to_owned()));
    let pdf = app.get(&format!("{public_path}/sv.pdf")).await;
    assert_eq!(pdf.status(), 200);
    let text = lofte_report::inspect::text(&pdf.bytes().await.unwrap());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&t1), "{text}");
    assert!(text.contains("Brand färre än 5 färre än 5"), "{text}");
    assert!(
        text.contains("<script>alert(1)</script> #set page(width: 1cm) som text."),
        "{text}"
    );
    let picture = app
        .page(&format!("/kommun/0461/lagesbild?ar={shown}"))
        .await;
    assert!(
        texts(
            &picture,
            "#analyser ~ ul a, section[aria-labelledby=analyser] a"
        )
        .contains(&t1)
    );
    // Published is final: the form sends staff to what residents read.
    let again = app
        .client
        .get(format!("{}{form_path}", app.address))
        .header("Cookie", &coordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 303);
    assert_eq!(again.headers()["location"], public_path.as_str());
    let republished = post_form(
        &app.address,
        &coordinator,
        &form_path,
        &[
            ("version", "3"),
            ("analysis", "Ändrad."),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(republished.status(), 422);

    // A housing company reads the picture but does not write its analysis.
    let partner = app
        .signed_in_as(
            Role::Partner,
            lofte_db::OrganisationRef::Partner {
                name: "Gnestahem".into(),
                municipality: lofte_domain::MunicipalityCode::parse("0461").unwrap(),
            },
        )
        .await;
    let refused = app
        .client
        .get(format!(
            "{}/personal/kommun/0461/lagesbild/analyser",
            app.address
        ))
        .header("Cookie", &partner)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}
