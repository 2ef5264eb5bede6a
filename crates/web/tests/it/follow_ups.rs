//! Writing and publishing follow-up reports, and what residents then see.

use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{account, flen, post_form, sign_in};
use crate::helpers::{spawn_app, texts};

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

    // Publishing needs a verdict and words where no number was promised, and a reason
    // for an override.
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
        21,
        "10 commitments without a number need a verdict and words, 1 override needs a reason: {problems:?}"
    );
    assert!(
        problems.contains(&"Åtagande 1: Vad har gjorts: Måste fyllas i.".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(
            &"Åtagande 1: Bedömning: Välj om åtagandet hölls: uppfyllt, delvis uppfyllt eller inte uppfyllt."
                .to_owned()
        ),
        "{problems:?}"
    );
    // The form asks for that verdict from an empty choice, and asks why only where a
    // status was computed.
    let html = app.page_as(FINAL_2020, &cookie).await;
    assert_eq!(
        texts(&html, "#status_0 option[selected]"),
        ["Välj bedömning"]
    );
    assert!(texts(&html, "#reason_0").is_empty());
    assert_eq!(texts(&html, "#reason_7").len(), 1);
    assert_eq!(
        texts(&html, "#atagande-0 legend"),
        ["Åtagande 1: Polisen och kommunen lovar att tillsammans utveckla arbetet …"]
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
    // The parties' verdicts where there is no number: one partly kept, one not.
    for i in [0, 2, 3, 5, 6, 8, 9, 10, 11, 12] {
        let verdict = match i {
            2 => "partly-kept",
            3 => "not-kept",
            _ => "kept",
        };
        form.push((format!("status_{i}"), verdict.into()));
    }
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
    // A closed promise is read-only: no edit links, and an edit sent anyway is refused
    // with its reason.
    let staff_page = app.page_as("/personal/kommun/0482/2020", &cookie).await;
    assert!(
        texts(&staff_page, ".note")
            .iter()
            .any(|n| n.starts_with("Löftet är avslutat")),
        "{:?}",
        texts(&staff_page, ".note")
    );
    let edit_links: Vec<String> = staff_page
        .select(&scraper::Selector::parse("a[href$='/andra'], a[href*='/atagande/']").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(edit_links.is_empty(), "{edit_links:?}");
    let stored_version = app
        .database
        .db
        .tenant_named("0482")
        .await
        .unwrap()
        .unwrap()
        .promise_for_year(
            lofte_domain::Year::new(2020).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string();
    let refused = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2020/atagande/ny",
        &[
            ("version", &stored_version),
            ("party", "police"),
            ("kind", "process"),
            ("text", "att göra något mer i efterhand."),
        ],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Löftet är avslutat"), "the reason is given");
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
        ["Enligt Slutredovisning 2020 hölls 11 av 13 åtaganden, 1 delvis och 1 inte."]
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
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(location, format!("{second}?sparat=utkast"));
    // Saving says so.
    let after = app.page_as(&location, &cookie).await;
    let note = texts(&after, ".note.saved");
    assert_eq!(note.len(), 1);
    assert!(note[0].starts_with("Utkastet sparades kl. "), "{note:?}");
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

/// Every follow-up of a promise over `first..=last`, written and published from the
/// staff page's own links: three tertials a year, then the final report under the last
/// year. Returns the public paths of the published reports, in order.
async fn publish_every_follow_up(
    app: &crate::helpers::TestApp,
    cookie: &str,
    code: &str,
    first: i32,
    last: i32,
) -> Vec<String> {
    let staff = app
        .page_as(&format!("/personal/kommun/{code}/{first}"), cookie)
        .await;
    let links: Vec<String> = staff
        .select(&scraper::Selector::parse("a[href*='/uppfoljning/']").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let mut expected: Vec<String> = (first..=last)
        .flat_map(|year| {
            (1..=3).map(move |t| format!("/personal/kommun/{code}/{year}/uppfoljning/t{t}"))
        })
        .collect();
    expected.push(format!(
        "/personal/kommun/{code}/{last}/uppfoljning/slutredovisning"
    ));
    assert_eq!(
        links, expected,
        "one link per tertial of every year, one final report"
    );
    let mut published = Vec::new();
    for link in links {
        let form = app.page_as(&link, cookie).await;
        let version = form
            .select(&scraper::Selector::parse("input[name=version]").unwrap())
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_owned();
        let entries = texts(&form, "fieldset.entry").len();
        assert!(entries > 0, "{link} has a field set per commitment");
        let mut fields = vec![
            ("version".to_owned(), version),
            ("action".to_owned(), "publish".to_owned()),
        ];
        // A final report's verdicts where no number computes one.
        for select in form.select(&scraper::Selector::parse("select[name^=status_]").unwrap()) {
            let unchosen = select
                .select(&scraper::Selector::parse("option[selected]").unwrap())
                .any(|o| o.value().attr("value") == Some(""));
            if unchosen {
                let name = select.value().attr("name").unwrap();
                fields.push((name.to_owned(), "kept".to_owned()));
            }
        }
        for i in 0..entries {
            fields.push((
                format!("narrative_{i}"),
                format!("Arbetet enligt åtagande {} gick som planerat.", i + 1),
            ));
        }
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = post_form(&app.address, cookie, &link, &pairs).await;
        assert_eq!(r.status(), 303, "{link} is published");
        published.push(link.replace(
            &format!("/personal/kommun/{code}"),
            &format!("/kommun/{code}"),
        ));
    }
    published
}

/// A two-year promise of Vingåker's and a four-year promise of Strängnäs's, each
/// followed up in every tertial of every year and in a final report, on whichever
/// database the tests run on: each report is public under its own year, listed on the
/// promise page and in the API by (year, period), and the final report judges a
/// per-year target year by year over the whole span.
#[tokio::test]
async fn every_follow_up_of_two_and_four_year_promises_is_published_under_its_year() {
    let app = spawn_app().await;
    let db = &app.database.db;
    for (code, first, last, target) in [
        (
            "0428",
            2023,
            2024,
            serde_json::json!({ "activity": "traffic_control", "at_least": 20, "per": "year" }),
        ),
        (
            "0486",
            2021,
            2024,
            serde_json::json!({ "activity": ["foot_patrol", "bicycle_patrol"], "at_least": 10, "per": "year" }),
        ),
    ] {
        let document = serde_json::json!({
            "municipality": code,
            "years": { "first": first, "last": last },
            "title": format!("Medborgarlöfte {first}–{last}"),
            "aim": "Tryggare kvällar.",
            "outcome_goal": { "text": "Fler ska känna sig trygga i centrum på kvällen.", "measured_in": last + 1 },
            "follow_up": { "internal": "tertial", "final_report": { "year": last + 1, "quarter": 1 } },
            "status": "published",
            "commitments": [
                { "party": "police", "kind": "output", "text": "att arbeta synligt i centrum varje år.", "target": target },
                { "party": "together", "kind": "process", "text": "att hålla en medborgardialog." }
            ]
        });
        let promise = lofte_domain::exchange::parse_promise_json(&document.to_string()).unwrap();
        db.import_promise(lofte_db::Actor::System, &promise)
            .await
            .unwrap();
    }
    // Vingåker: 25 controls in 2023, 12 in 2024. Strängnäs: 10 patrols each year but
    // 2022, split between the two kinds.
    let mut csv = "type,performer,date\n".to_owned();
    for (year, n) in [(2023, 25), (2024, 12)] {
        for i in 0..n {
            csv.push_str(&format!(
                "traffic_control,police,{year}-03-{:02}\n",
                i % 28 + 1
            ));
        }
    }
    let vingaker = db.tenant_named("0428").await.unwrap().unwrap();
    vingaker
        .import_activities_csv(lofte_db::Actor::System, csv.as_bytes())
        .await
        .unwrap()
        .unwrap();
    let mut csv = "type,performer,date\n".to_owned();
    for year in [2021, 2023, 2024] {
        for i in 0..10 {
            let kind = if i % 2 == 0 {
                "foot_patrol"
            } else {
                "bicycle_patrol"
            };
            csv.push_str(&format!("{kind},police,{year}-05-{:02}\n", i + 1));
        }
    }
    let strangnas = db.tenant_named("0486").await.unwrap().unwrap();
    strangnas
        .import_activities_csv(lofte_db::Actor::System, csv.as_bytes())
        .await
        .unwrap()
        .unwrap();

    for (code, first, last, headline, per_year) in [
        (
            "0428",
            2023,
            2024,
            "1 av 2 år nådde 20 trafikkontroller",
            vec!["2023: 25 av 20", "2024: 12 av 20"],
        ),
        (
            "0486",
            2021,
            2024,
            "3 av 4 år nådde 10 aktiviteter (fotpatruller eller cykelpatruller)",
            vec![
                "2021: 10 av 10",
                "2022: 0 av 10",
                "2023: 10 av 10",
                "2024: 10 av 10",
            ],
        ),
    ] {
        let org = lofte_db::OrganisationRef::Municipality(
            lofte_domain::MunicipalityCode::parse(code).unwrap(),
        );
        let (email, password) = account(
            &app,
            &format!("samordnare@{code}.example"),
            org,
            Role::Coordinator,
        )
        .await;
        let cookie = sign_in(&app.address, &email, &password).await.unwrap();
        let published = publish_every_follow_up(&app, &cookie, code, first, last).await;
        assert_eq!(published.len() as i32, (last - first + 1) * 3 + 1);
        for path in &published {
            assert_eq!(app.get(path).await.status(), 200, "{path} is public");
        }
        // Under no other year: the first year has no final report, and a later year's
        // tertial is not found under the first.
        assert_eq!(
            app.get(&format!(
                "/kommun/{code}/{first}/uppfoljning/slutredovisning"
            ))
            .await
            .status(),
            404
        );
        let page = app.page(&format!("/kommun/{code}/{first}")).await;
        // The answer first: a line per commitment with its verdict, above the aim, and
        // the reports linked there once rather than under every commitment.
        let glance = texts(&page, "ul.glance li");
        assert_eq!(glance.len(), 2, "{glance:?}");
        // In the page's order: what the parties promise together first.
        assert_eq!(
            glance,
            [
                "Uppfyllt att hålla en medborgardialog.",
                "Delvis uppfyllt att arbeta synligt i centrum varje år."
            ]
        );
        let html = page.html();
        let (answer, aim) = (
            html.find("id=\"lagesbild\"").unwrap(),
            html.find("id=\"mal\"").unwrap(),
        );
        assert!(answer < aim, "how it is going comes before the aim");
        assert!(texts(&page, ".timeline a").is_empty());
        let listed: Vec<String> = texts(&page, ".reports a:not([download])");
        assert_eq!(listed.len(), published.len(), "{listed:?}");
        assert_eq!(
            listed.last().map(String::as_str),
            Some(format!("Slutredovisning {first}–{last}").as_str())
        );
        let api: serde_json::Value = app
            .get(&format!(
                "/api/v1/municipalities/{code}/promises/{first}/follow-ups"
            ))
            .await
            .json()
            .await
            .unwrap();
        let keys: Vec<(i64, String)> = api
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["year"].as_i64().unwrap(),
                    r["period"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let mut expected: Vec<(i64, String)> = (first..=last)
            .flat_map(|y| (1..=3).map(move |t| (i64::from(y), format!("t{t}"))))
            .collect();
        expected.push((i64::from(last), "slutredovisning".to_owned()));
        let mut sorted = keys.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected);
        // The final report judges the target year by year over the whole span.
        let report = app
            .page(&format!(
                "/kommun/{code}/{last}/uppfoljning/slutredovisning"
            ))
            .await;
        let patrols = texts(&report, "li.commitment")
            .into_iter()
            .find(|t| t.contains("synligt i centrum"))
            .unwrap();
        assert!(patrols.contains(headline), "{headline} in {patrols}");
        for year in &per_year {
            assert!(patrols.contains(year), "{year} in {patrols}");
        }
        assert!(
            patrols.contains("Delvis uppfyllt"),
            "a year short makes the span partly kept: {patrols}"
        );
        let pdf = app
            .get(&format!(
                "/kommun/{code}/{last}/uppfoljning/slutredovisning/sv.pdf"
            ))
            .await;
        assert_eq!(pdf.status(), 200);
        // The history names each publication and the closing in words, in both languages.
        let staff = format!("/personal/kommun/{code}/{first}");
        for (lang, published_row, closed, final_name) in [
            (
                "sv",
                "En uppföljning publicerades",
                "Publicerat → Avslutat",
                format!("Slutredovisning {first}–{last}"),
            ),
            (
                "en",
                "A follow-up was published",
                "Published → Closed",
                format!("Final report {first}–{last}"),
            ),
        ] {
            let page = app
                .page_as(&staff, &format!("{cookie}; lofte_lang={lang}"))
                .await;
            let rows = texts(&page, "section[aria-labelledby=historik] tbody tr");
            assert!(
                rows.iter().all(|r| !r.contains("Unknown localization key")),
                "{rows:?}"
            );
            assert_eq!(
                rows.iter().filter(|r| r.contains(published_row)).count(),
                published.len(),
                "{rows:?}"
            );
            assert!(rows.iter().any(|r| r.contains(closed)), "{rows:?}");
            assert!(rows.iter().any(|r| r.contains(&final_name)), "{rows:?}");
        }
    }
}

/// Vingåker 2025 (over by now): the coordinator's dashboard lists each follow-up whose
/// period has ended unpublished as late, with its date, draft or not started; a
/// published one leaves the list. An input waiting for moderation and a finding past
/// its date are listed too, and the finding is flagged late on the staff walk page and
/// on the public promise page.
#[tokio::test]
async fn the_dashboard_lists_what_is_late() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0428", "places": [
            { "slug": "vingaker", "name": "Vingåker", "kind": "locality", "lat": 59.045, "lon": 15.874 } ] }"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    let promise = lofte_domain::exchange::parse_promise_json(
        &serde_json::json!({
            "municipality": "0428",
            "years": { "first": 2025, "last": 2025 },
            "title": "Medborgarlöfte 2025",
            "aim": "Tryggare kvällar.",
            "outcome_goal": { "text": "Fler ska känna sig trygga.", "measured_in": 2026 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2026, "quarter": 1 } },
            "status": "published",
            "commitments": [
                { "party": "municipality", "kind": "process", "text": "att rusta upp belysningen." }
            ]
        })
        .to_string(),
    )
    .unwrap();
    db.import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
    let vingaker = lofte_db::OrganisationRef::Municipality(
        lofte_domain::MunicipalityCode::parse("0428").unwrap(),
    );
    let (email, password) = account(
        &app,
        "samordnare@vingaker.example",
        vingaker,
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();

    let due = |page: &Html| texts(page, "ul.due li");
    let page = app.page_as("/personal", &cookie).await;
    assert_eq!(
        due(&page),
        [
            "Försenat Uppföljning tertial 1 2025 (Medborgarlöfte 2025): inte påbörjad, skulle ha varit klar 2025-05-30",
            "Försenat Uppföljning tertial 2 2025 (Medborgarlöfte 2025): inte påbörjad, skulle ha varit klar 2025-09-30",
            "Försenat Uppföljning tertial 3 2025 (Medborgarlöfte 2025): inte påbörjad, skulle ha varit klar 2026-01-30",
            "Försenat Slutredovisning 2025 (Medborgarlöfte 2025): inte påbörjad, skulle ha varit klar 2026-03-31",
        ]
    );
    // A draft says so; a published report leaves the list.
    let t1 = "/personal/kommun/0428/2025/uppfoljning/t1";
    let r = post_form(&app.address, &cookie, t1, &[("version", "0")]).await;
    assert_eq!(r.status(), 303);
    let page = app.page_as("/personal", &cookie).await;
    assert!(due(&page)[0].contains("tertial 1 2025 (Medborgarlöfte 2025): utkast"));
    let r = post_form(
        &app.address,
        &cookie,
        t1,
        &[
            ("version", "1"),
            ("action", "publish"),
            ("narrative_0", "Tio armaturer är utbytta."),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let page = app.page_as("/personal", &cookie).await;
    assert_eq!(due(&page).len(), 3);
    assert!(due(&page).iter().all(|d| !d.contains("tertial 1 2025")));

    // An input waiting, and a finding past its date.
    let sent = crate::helpers::client()
        .post(format!("{}/kommun/0428/tyck-till", app.address))
        .header("Origin", &app.address)
        .form(&[
            ("input_locality", "vingaker"),
            ("input_place", ""),
            ("input_address", ""),
            ("input_category", "lighting"),
            ("input_text", "Mörkt vid busshållplatsen."),
            ("website", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let tenant = db.tenant_named("0428").await.unwrap().unwrap();
    let slug = lofte_domain::PlaceSlug::parse("vingaker").unwrap();
    let walk = tenant
        .add_walk(
            lofte_db::Actor::System,
            &lofte_domain::walk::NewWalk {
                date: chrono::NaiveDate::from_ymd_opt(2025, 4, 10).unwrap(),
                route: vec![slug.clone()],
                participants: 8,
                again_by: None,
            },
            lofte_domain::followup::Performer::Municipality,
        )
        .await
        .unwrap();
    let stored = tenant
        .promise_for_year(
            lofte_domain::Year::new(2025).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    tenant
        .add_finding(
            lofte_db::Actor::System,
            walk,
            &lofte_domain::walk::NewFinding {
                place: slug,
                category: lofte_domain::walk::FindingCategory::Lighting,
                description: lofte_domain::Text::parse("Trasig lampa i gångtunneln", 200).unwrap(),
                owner: lofte_domain::Text::parse("Kommunen, gatuenheten", 200).unwrap(),
                due: chrono::NaiveDate::from_ymd_opt(2025, 6, 1),
            },
            &lofte_db::links::Links {
                commitment: Some(stored.commitment_ids[0]),
                focus: None,
            },
        )
        .await
        .unwrap();
    let page = app.page_as("/personal", &cookie).await;
    let items = due(&page);
    assert!(
        items.contains(
            &"Försenat 1 fynd från trygghetsvandringar har passerat sitt datum".to_owned()
        ),
        "{items:?}"
    );
    assert!(
        items.contains(&"1 synpunkt från invånare väntar på granskning".to_owned()),
        "{items:?}"
    );
    let walk_page = app
        .page_as(
            &format!("/personal/kommun/0428/trygghetsvandringar/{walk}"),
            &cookie,
        )
        .await;
    assert_eq!(texts(&walk_page, ".input-item .overdue-tag"), ["Försenat"]);
    let public = app.page("/kommun/0428/2025").await;
    let done = texts(&public, "ul.done li");
    assert!(
        done.iter()
            .any(|d| d.contains("försenat (skulle vara klart 2025-06-01)")),
        "{done:?}"
    );
}

/// Publishing goes through a preview: the form's main button checks the report as for
/// publishing and shows it as residents will see it, unpublished; publishing from the
/// preview publishes what was previewed; a save by someone else in between is refused.
#[tokio::test]
async fn a_follow_up_is_previewed_as_residents_will_see_it_then_published() {
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
    let form = "/personal/kommun/0483/2027/uppfoljning/t1";
    let preview = format!("{form}/forhandsvisning");
    let public = "/kommun/0483/2027/uppfoljning/t1";

    let page = app.page_as(form, &cookie).await;
    assert_eq!(
        texts(&page, "button[value=preview]"),
        ["Förhandsgranska och publicera"]
    );
    // Checked as for publishing: the commitment without a number needs words.
    let r = post_form(
        &app.address,
        &cookie,
        form,
        &[("version", "0"), ("action", "preview")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let r = post_form(
        &app.address,
        &cookie,
        form,
        &[
            ("version", "0"),
            ("action", "preview"),
            ("narrative_1", "Två dialogmöten om trafiken i Forssjö."),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], preview.as_str());
    assert_eq!(
        app.get(public).await.status(),
        404,
        "not published by a preview"
    );

    let shown = app.page_as(&preview, &cookie).await;
    let body = texts(&shown, "main").join(" ");
    assert!(
        body.contains("Förhandsvisning. Så här ser invånarna uppföljningen"),
        "{body}"
    );
    assert!(
        body.contains("Två dialogmöten om trafiken i Forssjö."),
        "{body}"
    );
    assert!(body.contains("0 av 100"), "today's figures: {body}");
    // Residents cannot see the preview.
    let r = app.get(&preview).await;
    assert_ne!(r.status(), 200);

    // Someone saves in between: the previewed version is stale.
    let r = post_form(
        &app.address,
        &cookie,
        form,
        &[
            ("version", "1"),
            ("action", "save"),
            ("narrative_1", "Tre dialogmöten om trafiken i Forssjö."),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = post_form(&app.address, &cookie, &preview, &[("version", "1")]).await;
    assert_eq!(r.status(), 409);
    assert_eq!(app.get(public).await.status(), 404);

    let r = post_form(&app.address, &cookie, &preview, &[("version", "2")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("{form}?sparat=publicerad").as_str()
    );
    let published = app.page(public).await;
    assert!(
        texts(&published, "main")
            .join(" ")
            .contains("Tre dialogmöten om trafiken i Forssjö.")
    );
    let done = app
        .page_as(&format!("{form}?sparat=publicerad"), &cookie)
        .await;
    assert_eq!(
        texts(&done, ".note.saved"),
        ["Uppföljningen är publicerad."]
    );
    assert_eq!(
        texts(&done, ".note a"),
        ["Se den som invånarna ser den", "PDF"]
    );

    // A typo found after publishing: the text is corrected, with a dated note residents
    // read; the status stays. Without a note, or on a stale version, nothing changes.
    let correct = format!("{form}/rattelse");
    let version = done
        .select(&scraper::Selector::parse("section.correction input[name=version]").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let fixed = [
        ("version", version.as_str()),
        (
            "narrative_1",
            "Tre dialogmöten om trafiken i Forssjö och Valla.",
        ),
        ("note", ""),
    ];
    let r = post_form(&app.address, &cookie, &correct, &fixed).await;
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(texts(&page, "#note-error"), ["Får inte vara tomt."]);
    let mut fixed = fixed.to_vec();
    fixed[2] = ("note", "Valla saknades i åtagande 2.");
    let mut stale = fixed.clone();
    stale[0] = ("version", "1");
    let r = post_form(&app.address, &cookie, &correct, &stale).await;
    assert_eq!(r.status(), 409);
    let unchanged = texts(&app.page(public).await, "main").join(" ");
    assert!(!unchanged.contains("Valla"), "{unchanged}");
    let r = post_form(&app.address, &cookie, &correct, &fixed).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("{form}?sparat=rattad").as_str()
    );
    let corrected = app.page(public).await;
    let body = texts(&corrected, "main").join(" ");
    assert!(
        body.contains("Tre dialogmöten om trafiken i Forssjö och Valla."),
        "{body}"
    );
    assert!(
        !body.contains("Forssjö. "),
        "the old text is replaced: {body}"
    );
    let note = texts(&corrected, ".corrections p");
    assert_eq!(note.len(), 1);
    assert!(
        note[0].starts_with("Rättad 20") && note[0].ends_with(": Valla saknades i åtagande 2."),
        "{note:?}"
    );
    let staff_page = app.page_as("/personal/kommun/0483/2027", &cookie).await;
    let history = texts(&staff_page, "section[aria-labelledby=historik] tbody tr");
    assert!(
        history
            .iter()
            .any(|h| h.contains("En publicerad uppföljning rättades")
                && h.contains("Valla saknades")),
        "{history:?}"
    );
}

/// A control deleted after tertial 1 was published: that report keeps its 3, and the
/// next report says the same period now counts 2, in the form and once published.
#[tokio::test]
async fn the_next_report_says_what_later_corrections_changed() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let promise = lofte_domain::exchange::parse_promise_json(
        &serde_json::json!({
            "municipality": "0428",
            "years": { "first": 2026, "last": 2026 },
            "title": "Medborgarlöfte 2026",
            "aim": "Säkrare trafik.",
            "outcome_goal": { "text": "Färre ska oroa sig för trafiken.", "measured_in": 2027 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2027, "quarter": 1 } },
            "status": "published",
            "commitments": [
                { "party": "police", "kind": "output", "text": "att genomföra trafikkontroller.",
                  "target": { "activity": "traffic_control", "at_least": 10 } }
            ]
        })
        .to_string(),
    )
    .unwrap();
    db.import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
    let tenant = db.tenant_named("0428").await.unwrap().unwrap();
    tenant
        .import_activities_csv(
            lofte_db::Actor::System,
            "type,performer,date\ntraffic_control,police,2026-03-02\ntraffic_control,police,2026-03-03\ntraffic_control,police,2026-03-04\n"
                .as_bytes(),
        )
        .await
        .unwrap()
        .unwrap();
    let vingaker = lofte_db::OrganisationRef::Municipality(
        lofte_domain::MunicipalityCode::parse("0428").unwrap(),
    );
    let (email, password) = account(
        &app,
        "samordnare@vingaker.example",
        vingaker,
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let t1 = "/personal/kommun/0428/2026/uppfoljning/t1";
    let r = post_form(
        &app.address,
        &cookie,
        t1,
        &[("version", "0"), ("action", "publish")],
    )
    .await;
    assert_eq!(r.status(), 303);

    let mistake = tenant.logged_activities(10).await.unwrap()[0].id;
    tenant
        .delete_activity(lofte_db::Actor::System, mistake)
        .await
        .unwrap();
    let said = "Uppföljning tertial 1 2026 visade 3; med det som loggats, ändrats eller tagits bort i efterhand är det 2 för samma period.";
    let t2 = "/personal/kommun/0428/2026/uppfoljning/t2";
    let form = app.page_as(t2, &cookie).await;
    let details = texts(&form, "fieldset.entry .progress .meta");
    assert!(details.iter().any(|d| d.starts_with(said)), "{details:?}");
    let r = post_form(
        &app.address,
        &cookie,
        t2,
        &[("version", "0"), ("action", "publish")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let report = texts(&app.page("/kommun/0428/2026/uppfoljning/t2").await, "main").join(" ");
    assert!(report.contains(said), "{report}");
    let first = texts(&app.page("/kommun/0428/2026/uppfoljning/t1").await, "main").join(" ");
    assert!(first.contains("3 av 10 trafikkontroller"), "{first}");
}
