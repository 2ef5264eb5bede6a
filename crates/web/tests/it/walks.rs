//! Safety walks: a registered walk counts toward "at least four safety walks", and its
//! findings move through their statuses in the staff area and on the public list.

use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{TestApp, spawn_app, texts};
use crate::helpers::{account, flen, post_form, sign_in};

const WALKS: &str = "/personal/kommun/0482/trygghetsvandringar";

async fn safety_walks_counted(app: &TestApp) -> u64 {
    let json: serde_json::Value = app
        .get("/api/v1/municipalities/0482/promises/2020/progress")
        .await
        .json()
        .await
        .unwrap();
    json["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["activity"] == "safety_walk")
        .map_or(0, |c| c["actual"].as_u64().unwrap())
}

#[tokio::test]
async fn a_walk_counts_toward_the_target_and_its_findings_move_through_their_statuses() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    assert_eq!(safety_walks_counted(&app).await, 0);

    // A walk without participants or route is refused, on those fields.
    let refused = post_form(&app.address, &cookie, WALKS, &[("walk_date", "2020-09-10")]).await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        [
            "Rundan (platserna ni gick förbi): Måste fyllas i.",
            "Antal deltagare: Måste fyllas i."
        ]
    );

    let created = post_form(
        &app.address,
        &cookie,
        WALKS,
        &[
            ("walk_date", "2020-09-10"),
            ("route", "flen-centrum"),
            ("route", "sveaparken"),
            ("walk_participants", "14"),
            ("walk_performer", "municipality"),
            ("again_by", "2021-03-01"),
        ],
    )
    .await;
    assert_eq!(created.status(), 303);
    let walk = created.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        safety_walks_counted(&app).await,
        1,
        "the walk counts as a safety walk"
    );

    let page = app.page_as(&walk, &cookie).await;
    assert_eq!(texts(&page, "h1"), ["Trygghetsvandring 2020-09-10"]);
    assert_eq!(
        texts(&page, "h1 + p"),
        ["Runda: Flens centrum → Sveaparken. 14 deltagare."]
    );

    // A finding needs an owner.
    let finding = format!("{walk}/fynd");
    let refused = post_form(
        &app.address,
        &cookie,
        &finding,
        &[
            ("finding_place", "sveaparken"),
            ("finding_category", "lighting"),
            ("description", "Två lyktstolpar är trasiga vid lekplatsen."),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        ["Ansvarig: Måste fyllas i."]
    );
    for (category, description) in [
        ("lighting", "Två lyktstolpar är trasiga vid lekplatsen."),
        ("vegetation", "<b>Buskage</b> skymmer gångvägen."),
    ] {
        let saved = post_form(
            &app.address,
            &cookie,
            &finding,
            &[
                ("finding_place", "sveaparken"),
                ("finding_category", category),
                ("description", description),
                ("owner", "Kommunen, gatuenheten"),
                ("due", "2020-11-01"),
            ],
        )
        .await;
        assert_eq!(saved.status(), 303);
    }

    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let ids: Vec<i32> = tenant
        .findings(None)
        .await
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    let status = |id: i32| format!("{WALKS}/fynd/{id}");
    // Lighting: reported → planned → fixed.
    for to in ["planned", "fixed"] {
        let r = post_form(
            &app.address,
            &cookie,
            &status(ids[0]),
            &[("status", to), ("reason", "")],
        )
        .await;
        assert_eq!(r.status(), 303, "{to}");
    }
    // A fixed finding is closed.
    let r = post_form(
        &app.address,
        &cookie,
        &status(ids[0]),
        &[("status", "planned")],
    )
    .await;
    assert_eq!(r.status(), 422);
    // Vegetation: not to be done, which needs a reason residents can read.
    let r = post_form(
        &app.address,
        &cookie,
        &status(ids[1]),
        &[("status", "wont_fix"), ("reason", " ")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&html, ".input-item .field-error"),
        ["Motivering: Måste fyllas i."]
    );
    let r = post_form(
        &app.address,
        &cookie,
        &status(ids[1]),
        &[
            ("status", "wont_fix"),
            (
                "reason",
                "Privat mark; fastighetsägaren har fått en påminnelse.",
            ),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);

    // The public list shows both with their statuses, the reason, and the markup as text.
    let raw = app
        .get("/kommun/0482/synpunkter")
        .await
        .text()
        .await
        .unwrap();
    assert!(!raw.contains("<b>Buskage"), "escaped");
    let list = Html::parse_document(&raw);
    let findings = texts(&list, ".finding");
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(
        findings[0].starts_with("Belysning · Sveaparken Åtgärdat Trygghetsvandring 2020-09-10"),
        "{findings:?}"
    );
    assert!(findings[1].contains("Görs inte"), "{findings:?}");
    assert!(
        findings[1].contains("<b>Buskage</b> skymmer gångvägen."),
        "{findings:?}"
    );
    assert!(
        findings[1].contains("Motivering: Privat mark"),
        "{findings:?}"
    );
    let fixed = app
        .page("/kommun/0482/synpunkter?ort=flen&status=fixed")
        .await;
    assert_eq!(texts(&fixed, ".finding").len(), 1);
    let elsewhere = app.page("/kommun/0482/synpunkter?ort=malmkoping").await;
    assert_eq!(
        texts(&elsewhere, ".finding").len(),
        0,
        "Sveaparken is in Flen"
    );

    // "Ni sa – vi gjorde": a finding linked to the safety-walk commitment shows under it
    // on the promise page, with its status.
    let stored = tenant
        .promise_for_year(
            lofte_domain::Year::new(2020).unwrap(),
            lofte_db::Visibility::Public,
        )
        .await
        .unwrap()
        .unwrap();
    let index = stored
        .promise
        .commitments
        .iter()
        .position(|c| {
            c.target
                .as_ref()
                .is_some_and(|t| t.activities[0].as_str() == "safety_walk")
        })
        .unwrap();
    let commitment = stored.commitment_ids[index].to_string();
    let linked = post_form(
        &app.address,
        &cookie,
        &finding,
        &[
            ("finding_place", "resecentrum"),
            ("finding_category", "graffiti"),
            ("description", "Klotter i gångtunneln."),
            ("owner", "Kommunen"),
            ("commitment", &commitment),
        ],
    )
    .await;
    assert_eq!(linked.status(), 303);
    let promise = app.page("/kommun/0482/2020").await;
    assert_eq!(
        texts(&promise, ".voices"),
        ["Vi gjorde (trygghetsvandringar): Klotter · Resecentrum och stationsområdet Anmält"]
    );
    // A commitment of another municipality cannot be linked.
    let foreign = post_form(
        &app.address,
        &cookie,
        &finding,
        &[
            ("finding_place", "resecentrum"),
            ("finding_category", "graffiti"),
            ("description", "x"),
            ("owner", "Kommunen"),
            ("commitment", "999999"),
        ],
    )
    .await;
    assert_eq!(foreign.status(), 422);

    // Open data: the findings as CSV and as GeoJSON points at their place.
    let csv = app
        .get("/kommun/0482/synpunkter.csv")
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with("Slag,Datum,Ort,Plats,Adress,Vad det gäller,Text,Status,Motivering,Ansvarig,Senast,Latitud,Longitud,Läge"), "{}", lines[0]);
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[1].starts_with("Fynd på trygghetsvandring,2020-09-10,Flen,Sveaparken,"),
        "{}",
        lines[1]
    );
    let geo: serde_json::Value = app
        .get("/kommun/0482/synpunkter.geojson")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let first = &geo["features"][0];
    assert_eq!(
        first["geometry"]["coordinates"],
        serde_json::json!([16.5907, 59.0569])
    );
    assert_eq!(first["properties"]["status"], "Åtgärdat");

    // A viewer sees the staff area but registers no walks.
    let (email, password) = account(&app, "lasare@flen.example", flen(), Role::Viewer).await;
    let viewer = sign_in(&app.address, &email, &password).await.unwrap();
    let r = post_form(&app.address, &viewer, WALKS, &[("walk_date", "2020-10-01")]).await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn a_finding_linked_to_a_focus_area_shows_under_it_on_the_promise_page() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let created = post_form(
        &app.address,
        &cookie,
        WALKS,
        &[
            ("walk_date", "2021-05-04"),
            ("route", "resecentrum"),
            ("walk_participants", "8"),
            ("walk_performer", "together"),
        ],
    )
    .await;
    let walk = created.headers()["location"].to_str().unwrap().to_owned();
    let page = app.page_as(&walk, &cookie).await;
    let option = scraper::Selector::parse("#focus_link option").unwrap();
    let value = page
        .select(&option)
        .find(|o| o.text().collect::<String>() == "2021 · Trygga offentliga miljöer")
        .and_then(|o| o.value().attr("value"))
        .unwrap()
        .to_owned();
    let saved = post_form(
        &app.address,
        &cookie,
        &format!("{walk}/fynd"),
        &[
            ("finding_place", "resecentrum"),
            ("finding_category", "vegetation"),
            ("description", "Buskarna skymmer perrongen."),
            ("owner", "Fastighetsbolaget"),
            ("focus_link", &value),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let promise = app.page("/kommun/0482/2021").await;
    assert_eq!(
        texts(&promise, "section[aria-labelledby=fokus] .voices"),
        [
            "Trygga offentliga miljöer Vi gjorde (trygghetsvandringar): Buskar och träd · Resecentrum och stationsområdet Anmält"
        ]
    );

    // Assigned to someone else: the public list says so at once; a blank owner is refused.
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let finding = tenant.findings(None).await.unwrap()[0].id;
    let target = format!("{WALKS}/fynd/{finding}/ansvar");
    let refused = post_form(
        &app.address,
        &cookie,
        &target,
        &[("owner", " "), ("due", "2021-13-01")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, "details.assign .field-error"),
        ["Ansvarig: Måste fyllas i. Åtgärdas senast (valfritt): Ange ett datum som ÅÅÅÅ-MM-DD."]
    );
    let assigned = post_form(
        &app.address,
        &cookie,
        &target,
        &[("owner", "Kommunen, parkenheten"), ("due", "2021-06-30")],
    )
    .await;
    assert_eq!(assigned.status(), 303);
    let list = app.page("/kommun/0482/synpunkter").await;
    assert_eq!(
        texts(&list, ".finding .meta")[1],
        "Ansvarig: Kommunen, parkenheten. Senast: 2021-06-30."
    );
}
