//! Reports as PDF and HTML: the same figures in both, the right answer when there is no
//! report, and users' words printed literally.

use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{account, flen, post_form, sign_in};
use crate::helpers::{spawn_app, texts};

fn pdf_text(pdf: &[u8]) -> String {
    lofte_report::inspect::text(pdf)
}

async fn with_demo_reports() -> crate::helpers::TestApp {
    let app = spawn_app().await;
    lofte_db::demo::load_flen_activities(&app.database.db)
        .await
        .unwrap();
    lofte_app::demo::load_flen_follow_ups(&app.database.db)
        .await
        .unwrap();
    app
}

#[tokio::test]
async fn the_pdf_shows_every_commitment_with_the_figures_of_the_public_page() {
    let app = with_demo_reports().await;
    let page = "/kommun/0482/2021/uppfoljning/t2";
    let html = app.page(page).await;
    let links: Vec<String> = html
        .select(&scraper::Selector::parse(".downloads a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(links, [format!("{page}/sv.pdf"), format!("{page}/en.pdf")]);

    let response = app.get(&links[0]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let etag = response.headers()["etag"].to_str().unwrap().to_owned();
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);

    let commitments = texts(&html, "li.commitment > p:first-of-type");
    assert_eq!(commitments.len(), 12, "Flen 2021 has twelve commitments");
    for c in &commitments {
        assert!(
            text.contains(c.as_str()),
            "the PDF lacks the commitment {c:?}"
        );
    }
    let headlines = texts(&html, "li.commitment .headline");
    assert!(!headlines.is_empty());
    for h in &headlines {
        assert!(text.contains(h.as_str()), "the PDF lacks the figure {h:?}");
    }
    assert!(
        text.contains("Exempeldata"),
        "demo data is labelled in the PDF"
    );

    let info = lofte_report::inspect::info(&pdf);
    assert!(info.tagged, "a tagged PDF");
    assert_eq!(info.lang.as_deref(), Some("sv"));
    assert_eq!(
        info.title.as_deref(),
        Some("Uppföljning tertial 2 2021 – Medborgarlöfte 2021 – Flen")
    );

    // Asked again with the same data: not modified.
    let again = app
        .client
        .get(format!("{}{}", app.address, links[0]))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    // The English edition, whatever the reader's language.
    let english = app.get(&links[1]).await.bytes().await.unwrap();
    let text = pdf_text(&english);
    assert!(text.contains("Follow-up tertial 2 2021"), "{text:.300}");
    assert!(text.contains("Commitment 6"), "{text:.300}");
}

#[tokio::test]
async fn no_report_gets_a_clear_message_and_no_empty_pdf() {
    let app = spawn_app().await;
    let unpublished = app.get("/kommun/0482/2021/uppfoljning/t1/sv.pdf").await;
    assert_eq!(unpublished.status(), 404);
    let html = Html::parse_document(&unpublished.text().await.unwrap());
    assert_eq!(
        texts(&html, ".lead"),
        ["Uppföljning tertial 1 2021 är inte publicerad ännu."]
    );
    let no_promise = app.get("/kommun/0482/2030/uppfoljning/t1/sv.pdf").await;
    assert_eq!(no_promise.status(), 404);
    let html = Html::parse_document(&no_promise.text().await.unwrap());
    assert_eq!(
        texts(&html, ".lead"),
        ["Flen har inget publicerat medborgarlöfte för 2030."]
    );
    assert_eq!(
        app.get("/kommun/0482/2021/uppfoljning/t2/de.pdf")
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn markup_in_a_narrative_comes_out_literally_in_html_and_pdf() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let hostile = "#set page(width: 1cm) *fet* <script>alert(1)</script> $x$ @ref";
    let mut form = vec![
        ("version".to_owned(), "0".to_owned()),
        ("action".to_owned(), "publish".to_owned()),
        (
            "learned".to_owned(),
            "Kvällsvandringar <b>fungerade</b> bäst.".to_owned(),
        ),
    ];
    for i in 0..13 {
        let words = if i == 0 {
            hostile.to_owned()
        } else {
            format!("Åtagande {}.", i + 1)
        };
        form.push((format!("narrative_{i}"), words));
    }
    // The verdicts of the commitments without a number (all but 2, 5 and 8).
    for i in [0, 2, 3, 5, 6, 8, 9, 10, 11, 12] {
        form.push((format!("status_{i}"), "kept".to_owned()));
    }
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let published = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2020/uppfoljning/slutredovisning",
        &pairs,
    )
    .await;
    assert_eq!(published.status(), 303);

    let page = "/kommun/0482/2020/uppfoljning/slutredovisning";
    let raw = app.get(page).await.text().await.unwrap();
    assert!(!raw.contains("<script>alert"), "escaped in HTML");
    let html = Html::parse_document(&raw);
    assert!(texts(&html, ".narrative").contains(&hostile.to_owned()));

    let pdf = app
        .get(&format!("{page}/sv.pdf"))
        .await
        .bytes()
        .await
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains(hostile), "literally in the PDF: {text:.600}");
    // What the parties learned closes the final report, on the page and in the PDF.
    assert_eq!(
        texts(&html, "#lardomar + p"),
        ["Kvällsvandringar <b>fungerade</b> bäst."]
    );
    assert!(
        text.contains("Lärdomar Kvällsvandringar <b>fungerade</b> bäst."),
        "{text:.600}"
    );
    // The final report says what is missing for the outcome goal.
    assert!(
        text.contains("Mätresultaten finns inte i Löfte ännu"),
        "{text:.600}"
    );
}

mod exports {
    use std::io::Read;

    use lofte_domain::Role;

    use crate::helpers::spawn_app;
    use crate::helpers::{account, flen, sign_in};

    async fn download(
        app: &crate::helpers::TestApp,
        cookie: &str,
        file: &str,
    ) -> reqwest::Response {
        app.client
            .get(format!(
                "{}/personal/kommun/0482/2021/export/{file}",
                app.address
            ))
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn staff_download_a_promises_data_as_csv_and_xlsx_with_the_pages_figures() {
        let app = spawn_app().await;
        lofte_db::demo::load_flen_activities(&app.database.db)
            .await
            .unwrap();
        lofte_app::demo::load_flen_follow_ups(&app.database.db)
            .await
            .unwrap();
        let (email, password) = account(&app, "polis@flen.se", flen(), Role::Viewer).await;
        let cookie = sign_in(&app.address, &email, &password).await.unwrap();

        let csv = download(&app, &cookie, "ataganden.csv").await;
        assert_eq!(csv.status(), 200);
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let text = csv.text().await.unwrap();
        assert!(text.starts_with('\u{feff}'), "a BOM, so Excel reads UTF-8");
        let mut lines = text.trim_start_matches('\u{feff}').lines();
        assert_eq!(
            lines.next().unwrap(),
            "År,Nr,Part,Åtagande,Mål,Målvärde,Utfört,Status"
        );
        let progress: serde_json::Value = app
            .get("/api/v1/municipalities/0482/promises/2021/progress")
            .await
            .json()
            .await
            .unwrap();
        let actual = progress["commitments"][1]["actual"].as_u64().unwrap();
        let traffic = lines.find(|l| l.starts_with("2021,6,")).unwrap();
        assert!(
            traffic.ends_with(&format!(",100,{actual},Delvis uppfyllt")),
            "the same count as the API: {traffic}"
        );

        let activities = download(&app, &cookie, "aktiviteter.csv")
            .await
            .text()
            .await
            .unwrap();
        let header = activities
            .lines()
            .next()
            .unwrap()
            .trim_start_matches('\u{feff}');
        assert_eq!(
            header,
            "Datum,Klockslag,Aktivitet,Utförd av,Plats,Minuter,Deltagare,Exempeldata"
        );
        let first = activities.lines().nth(1).unwrap();
        assert!(
            first.starts_with("2021-01-"),
            "ISO dates, oldest first: {first}"
        );
        assert!(first.ends_with(",true"), "demo rows are marked: {first}");

        let xlsx = download(&app, &cookie, "allt.xlsx").await;
        assert_eq!(xlsx.status(), 200);
        let bytes = xlsx.bytes().await.unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut workbook = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut workbook)
            .unwrap();
        for sheet in ["Aktiviteter", "Åtaganden", "Uppföljningar"] {
            assert!(
                workbook.contains(&format!("name=\"{sheet}\"")),
                "{workbook}"
            );
        }

        assert_eq!(download(&app, &cookie, "hemligt.csv").await.status(), 404);
        let anonymous = app
            .client
            .get(format!(
                "{}/personal/kommun/0482/2021/export/allt.xlsx",
                app.address
            ))
            .send()
            .await
            .unwrap();
        assert_ne!(anonymous.status(), 200, "not for the signed-out");
    }
}

/// The model that feeds typst (and the HTML edition) for Flen 2021 tertial 2, as
/// reviewed: a change to any figure, word or field shows up here first. The publishing
/// date is today's in the demo, so it is redacted.
#[tokio::test]
async fn the_json_that_feeds_typst() {
    let app = with_demo_reports().await;
    let tenant = app
        .database
        .db
        .tenant(&lofte_domain::MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap();
    let report = lofte_app::report::report(
        &app.database.db,
        &tenant,
        lofte_domain::Year::new(2021).unwrap(),
        lofte_domain::followup::ReportPeriod::parse("t2").unwrap(),
        lofte_i18n::Lang::Sv,
        Default::default(),
    )
    .await
    .ok()
    .unwrap();
    insta::assert_json_snapshot!(report, {
        ".published" => "[published]",
        ".date" => "[date]",
    });
}
