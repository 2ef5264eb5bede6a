//! Writing and publishing follow-up reports, and what residents then see.

use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{spawn_app, texts};
use crate::staff::{account, flen, post_form, sign_in};

const FINAL_2020: &str = "/personal/kommun/0482/2020/uppfoljning/slutredovisning";

/// The form's fields for every commitment, with narratives where `narratives` is true.
fn entries(n: usize, narratives: bool) -> Vec<(String, String)> {
    let mut form = vec![("version".to_owned(), "0".to_owned())];
    for i in 0..n {
        if narratives {
            form.push((
                format!("narrative_{i}"),
                format!("Arbetet med åtagande {} har genomförts.", i + 1),
            ));
        }
    }
    form
}

async fn post(
    app: &crate::helpers::TestApp,
    cookie: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post_form(&app.address, cookie, FINAL_2020, &pairs).await
}

#[tokio::test]
async fn the_final_report_is_drafted_checked_published_and_frozen() {
    let app = spawn_app().await;
    lofte_db::demo::load_flen_activities(&app.database.db)
        .await
        .unwrap();
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();

    let page = app
        .client
        .get(format!("{}{FINAL_2020}", app.address))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    let html = Html::parse_document(&page.text().await.unwrap());
    assert_eq!(
        texts(&html, "h1"),
        ["Slutredovisning 2020 – Medborgarlöfte 2020"]
    );
    assert_eq!(texts(&html, "fieldset.entry").len(), 13);
    let hints = texts(&html, "fieldset.entry .hint");
    assert!(
        hints.contains(
            &"Uträknad status: Delvis uppfyllt. Väljer du en annan, skriv varför.".to_owned()
        ),
        "{hints:?}"
    );

    // A draft may leave narratives for later.
    let draft = post(&app, &cookie, &entries(13, false)).await;
    assert_eq!(draft.status(), 303);

    // Publishing needs words where no number was promised, and a reason for an override.
    let mut form = entries(13, false);
    form[0] = ("version".into(), "1".into());
    form.push(("action".into(), "publish".into()));
    form.push(("status_7".into(), "kept".into()));
    let refused = post(&app, &cookie, &form).await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    let problems = texts(&html, ".error-summary li");
    assert_eq!(
        problems.len(),
        11,
        "10 commitments without a number need words, 1 override needs a reason: {problems:?}"
    );
    assert!(
        problems.contains(&"Åtagande 1: Vad har gjorts: Måste fyllas i.".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with(
            "Åtagande 8: Varför en annan bedömning än den uträknade: Du har valt en annan status"
        )),
        "{problems:?}"
    );

    let mut form = entries(13, true);
    form[0] = ("version".into(), "1".into());
    form.push(("action".into(), "publish".into()));
    form.push(("status_7".into(), "kept".into()));
    form.push((
        "reason_7".into(),
        "Fyra kvällar ställdes in av pandemiskäl.".into(),
    ));
    form.push((
        "evidence_7".into(),
        "https://www.flen.se/trygg-vuxen".into(),
    ));
    let published = post(&app, &cookie, &form).await;
    assert_eq!(published.status(), 303);

    let promise = app.page("/kommun/0482/2020").await;
    assert_eq!(
        texts(&promise, ".reports a"),
        ["Slutredovisning 2020", "PDF – Slutredovisning 2020"]
    );
    let pdf = promise
        .select(&scraper::Selector::parse(".reports a[download]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert_eq!(pdf, "/kommun/0482/2020/uppfoljning/slutredovisning/sv.pdf");
    let response = app.get(&pdf).await;
    assert_eq!(response.status(), 200);
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF"));
    assert!(
        texts(&promise, ".note")
            .contains(&"Avslutat: året är slut och slutredovisningen gjord.".to_owned()),
        "publishing the final report closes the promise"
    );
    let report = app
        .page("/kommun/0482/2020/uppfoljning/slutredovisning")
        .await;
    let tv = texts(&report, "li.commitment")
        .into_iter()
        .find(|t| t.contains("Trygg vuxen 2.0"))
        .unwrap();
    assert!(
        tv.contains("Uppfyllt 46 av 50 Trygg vuxen-aktiviteter"),
        "{tv}"
    );
    assert!(
        tv.contains("Skäl till bedömningen: Fyra kvällar ställdes in av pandemiskäl."),
        "{tv}"
    );
    assert!(tv.contains("https://www.flen.se/trygg-vuxen"), "{tv}");
    assert_eq!(
        texts(&report, ".synthetic").len(),
        1,
        "demo figures are labelled here too"
    );

    // Work logged afterwards does not change what was reported.
    let late = "type,performer,date,duration_minutes\ntrygg_vuxen,municipality,2020-12-30,120\n";
    let tenant = app
        .database
        .db
        .tenant(&lofte_domain::MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap();
    tenant
        .import_activities_csv(lofte_db::Actor::System, late.as_bytes())
        .await
        .unwrap()
        .unwrap();
    let report = app
        .page("/kommun/0482/2020/uppfoljning/slutredovisning")
        .await;
    assert!(
        texts(&report, "li.commitment")
            .iter()
            .any(|t| t.contains("46 av 50 Trygg vuxen-aktiviteter"))
    );
    let live = app.page("/kommun/0482/2020").await;
    assert!(
        texts(&live, ".progress .headline")
            .contains(&"47 av 50 Trygg vuxen-aktiviteter".to_owned())
    );

    let promise = app.page("/kommun/0482/2020").await;
    assert_eq!(
        texts(&promise, ".summary"),
        ["Enligt Slutredovisning 2020: 10 bedömda i ord, 3 åtaganden uppfyllda."]
    );
    let tv_line = texts(&promise, ".reported")
        .into_iter()
        .find(|l| l.contains("Trygg vuxen"))
        .unwrap();
    assert!(
        tv_line.starts_with("Slutredovisning 2020: Uppfyllt 46 av 50 Trygg vuxen-aktiviteter"),
        "the timeline shows the figures as published, not today's 47: {tv_line}"
    );
    let api: serde_json::Value = app
        .get("/api/v1/municipalities/0482/promises/2020/follow-ups")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api[0]["period"], "slutredovisning");
    let tv = api[0]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["commitment"] == 7)
        .unwrap();
    assert_eq!(tv["status"], "kept");
    assert_eq!(tv["figures"]["actual"], 46, "frozen as published, not 47");
    assert_eq!(tv["evidence"][0], "https://www.flen.se/trygg-vuxen");

    // The staff form of a published report shows its words, but nothing can be typed.
    let frozen = app
        .client
        .get(format!("{}{FINAL_2020}", app.address))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    let html = Html::parse_document(&frozen.text().await.unwrap());
    assert_eq!(texts(&html, "fieldset.entry").len(), 13);
    assert_eq!(texts(&html, "fieldset.entry[disabled]").len(), 13);
    assert!(texts(&html, "button[value=publish]").is_empty());
    let again = post(&app, &cookie, &form).await;
    assert_eq!(again.status(), 422, "a published report is frozen");
    assert_eq!(
        app.get("/kommun/0482/2020/uppfoljning/t1").await.status(),
        404,
        "not published"
    );
}

#[tokio::test]
async fn evidence_must_be_web_links() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let mut form = entries(13, false);
    form.push(("evidence_0".into(), "javascript:alert(1)".into()));
    let r = post(&app, &cookie, &form).await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert!(
        texts(&html, ".field-error")
            .iter()
            .any(|e| e.contains("”javascript:alert(1)” är ingen webblänk"))
    );
}

/// A promise over 2027–2028: each year's tertial reports and the final report live under
/// their own year, from the staff page's links through the form to the stored report.
#[tokio::test]
async fn a_two_year_promises_reports_open_and_save_under_their_own_year() {
    let app = spawn_app().await;
    crate::pages::katrineholm_2027(&app).await;
    let katrineholm = lofte_db::OrganisationRef::Municipality(
        lofte_domain::MunicipalityCode::parse("0483").unwrap(),
    );
    let (email, password) = account(
        &app,
        "samordnare@katrineholm.se",
        katrineholm,
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();

    let staff = app.page_as("/personal/kommun/0483/2027", &cookie).await;
    let links: Vec<String> = staff
        .select(&scraper::Selector::parse("a[href*='/uppfoljning/']").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(
        links,
        [
            "/personal/kommun/0483/2027/uppfoljning/t1",
            "/personal/kommun/0483/2027/uppfoljning/t2",
            "/personal/kommun/0483/2027/uppfoljning/t3",
            "/personal/kommun/0483/2028/uppfoljning/t1",
            "/personal/kommun/0483/2028/uppfoljning/t2",
            "/personal/kommun/0483/2028/uppfoljning/t3",
            "/personal/kommun/0483/2028/uppfoljning/slutredovisning",
        ]
    );
    // There is one final report, the last year's.
    let first_year_final = app
        .client
        .get(format!(
            "{}/personal/kommun/0483/2027/uppfoljning/slutredovisning",
            app.address
        ))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(first_year_final.status(), 404);

    let second = "/personal/kommun/0483/2028/uppfoljning/t2";
    let form = app.page_as(second, &cookie).await;
    assert_eq!(
        texts(&form, "h1"),
        ["Uppföljning tertial 2 2028 – Medborgarlöfte 2027–2028"]
    );
    let action = form
        .select(&scraper::Selector::parse("form[method=post]").unwrap())
        .filter_map(|f| f.value().attr("action"))
        .find(|a| a.contains("/uppfoljning/"))
        .unwrap()
        .to_owned();
    assert_eq!(action, second);
    let saved = post_form(&app.address, &cookie, &action, &[("version", "0")]).await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], second);
    let tenant = app.database.db.tenant_named("0483").await.unwrap().unwrap();
    let stored = tenant
        .promise_for_year(
            lofte_domain::Year::new(2028).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    let reports = tenant.follow_ups(stored.id, false).await.unwrap();
    let saved: Vec<(i32, &str)> = reports
        .iter()
        .map(|r| (r.year.get(), r.period.slug()))
        .collect();
    assert_eq!(saved, [(2028, "t2")]);
}
