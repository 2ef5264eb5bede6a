//! The report crate end to end: a realistic Flen 2021 follow-up in Swedish and English
//! rendered as PDF and read back (text, title, tags: `lofte_report::inspect`), the chart
//! SVG, and the CSV/XLSX exports.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lofte_report::*;

const INJECTION: &str = "Vi ser att arbetet ger resultat. Texten som följer ska stå \
kvar som den är: #set page(width: 1cm) *fet* <script>alert(1)</script> $x$ @ref \\";

fn months_sv() -> Vec<String> {
    [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ]
    .map(String::from)
    .to_vec()
}

fn s(text: &str) -> String {
    text.to_owned()
}

fn labels_sv() -> Labels {
    Labels {
        parties: s("Parter"),
        signatories: s("Undertecknat av"),
        summary: s("Sammanfattning"),
        commitment: s("Åtagande"),
        party: s("Part"),
        status: s("Status"),
        figures: s("Siffror"),
        narrative: s("Beskrivning"),
        evidence: s("Underlag"),
        by_place: s("Per plats"),
        chart_title: s("Utveckling under året"),
        outcome: s("Utfall"),
        learned: s("Lärdomar"),
        page: s("Sida {page} av {pages}"),
        contents: s("Innehåll"),
        status_reason: s("Skäl till bedömningen"),
        no_figures: s("Inga siffror: bedöms i ord"),
        number: s("Nr"),
        text: s("Åtagande"),
        place: s("Plats"),
        count: s("Antal"),
        aim: s("Syfte"),
        goal: s("Mål för utfallet"),
        indicator: s("Indikator"),
        value: s("Värde"),
        note: s("Kommentar"),
    }
}

fn cumulative(values: &[u32]) -> Vec<Option<u32>> {
    (0..12).map(|i| values.get(i).copied()).collect()
}

fn section(number: u32, party: &str, text: &str) -> CommitmentSection {
    CommitmentSection {
        number,
        party: s(party),
        text: s(text),
        text_lang: None,
        target: None,
        status: s("Bedöms i ord"),
        status_key: s("not-assessed"),
        headline: None,
        details: vec![],
        chart: None,
        places: vec![],
        emphasis: None,
        reason: None,
        narrative: None,
        evidence: vec![],
        measured: None,
    }
}

/// Flen 2021, tertial 2: six commitments, three parties, two charts.
fn sample_sv() -> Report {
    let mut c1 = section(
        1,
        "Tillsammans",
        "Polisen och kommunen lovar att tillsammans utveckla arbetet som syftar till att \
         tidigt bryta ungdomars väg in i missbruk och kriminalitet.",
    );
    c1.narrative = Some(format!(
        "Under våren har socialtjänst, skola och polis mötts varannan vecka i SSPF-gruppen \
         och gjort 14 orosanmälningar gemensamt.\n\n{INJECTION}"
    ));
    c1.evidence = vec![s(
        "https://www.flen.se/kommun-och-politik/trygghet-och-sakerhet/medborgarlofte-2021/uppfoljning-tertial-2-protokoll-brottsforebyggande-radet-2021-08-26.pdf",
    )];

    let mut c2 = section(
        2,
        "Tillsammans",
        "Polisen och kommunen lovar att tillsammans arbeta för att öka den upplevda \
         tryggheten i offentliga miljöer.",
    );
    c2.status = s("Enligt plan");
    c2.status_key = s("on-track");
    c2.target = Some(s("Minst 6 trygghetsvandringar"));
    c2.headline = Some(s("4 av 6 trygghetsvandringar"));
    c2.details = vec![s("Jämn takt hade gett 4 hittills.")];
    c2.places = vec![
        PlaceCount {
            name: s("Flen"),
            count: 2,
        },
        PlaceCount {
            name: s("Malmköping"),
            count: 1,
        },
        PlaceCount {
            name: s("Sparreholm"),
            count: 1,
        },
    ];

    let mut c3 = section(
        3,
        "Polisen",
        "Att polisen kommer att genomföra minst 100 trafikkontroller enligt 20-minuters \
         metoden med ambitionen att öka närvaron i kransorterna med trafikarbetet.",
    );
    c3.target = Some(s(
        "Mål: minst 100 trafikkontroller enligt 20-minutersmetoden",
    ));
    c3.status = s("Risk för att inte nå målet");
    c3.status_key = s("at-risk");
    c3.headline = Some(s("64 av 100 trafikkontroller"));
    c3.details = vec![
        s("Jämn takt hade gett 67 hittills; med nuvarande takt blir det 96 vid årets slut."),
        s("3 kontroller räknas inte: de varade kortare än 15 minuter."),
    ];
    c3.chart = Some(Chart {
        title: s("Trafikkontroller per månad, sammanlagt"),
        alt: s(
            "Kurvan når 64 i augusti; målet är 100 trafikkontroller vid årets slut. Jämn \
             takt hade gett 67 i augusti.",
        ),
        months: months_sv(),
        cumulative: cumulative(&[5, 12, 20, 27, 36, 44, 52, 64]),
        target: Some(100),
        axis_label: s("antal"),
        actual_label: s("Utfört, sammanlagt"),
        target_label: s("Mål"),
        pace_label: s("Jämn takt"),
        restarts_every: None,
    });
    c3.places = [
        ("Flen", 21),
        ("Malmköping", 9),
        ("Hälleforsnäs", 8),
        ("Sparreholm", 6),
        ("Mellösa", 5),
        ("Bettna", 4),
        ("Vadsbro", 3),
        ("Skebokvarn", 2),
        ("Dunker", 2),
        ("Helgesta", 1),
        ("Forssjö", 1),
        ("Orrhammar", 1),
        ("Blacksta", 1),
    ]
    .into_iter()
    .map(|(name, count)| PlaceCount {
        name: s(name),
        count,
    })
    .collect();
    c3.emphasis = Some(s("31 av 64 (48 %) i kransorterna"));
    c3.reason = Some(s(
        "Förslaget var Enligt plan, men sommarens semestrar gör att takten sjunker i \
         september.",
    ));
    c3.evidence = vec![s(
        "https://polisen.se/aktuellt/nyheter/2021/augusti/trafikkontroller-flen/",
    )];

    let mut c4 = section(
        4,
        "Polisen",
        "Att bedriva ett aktivt arbete mot narkotika i Flens kommun och specifikt jobba för \
         att minska öppen droghandel.",
    );
    c4.narrative = Some(s(
        "Riktade insatser mot öppen droghandel vid resecentrum under juni och juli.\nFyra \
         personer lagförda.",
    ));

    let mut c5 = section(
        5,
        "Flens kommun",
        "Att i samverkan med civilsamhället arbeta för ökad vuxennärvaro på platser där unga \
         finns.",
    );
    c5.target = Some(s("Minst 40 nattvandringar"));
    c5.status = s("Delvis uppfyllt");
    c5.status_key = s("partly-kept");
    c5.headline = Some(s("9 av 40 nattvandringar"));
    c5.details = vec![s(
        "Jämn takt hade gett 27 hittills; med nuvarande takt blir det 14.",
    )];
    c5.chart = Some(Chart {
        title: s("Nattvandringar per månad, sammanlagt"),
        alt: s("Kurvan når 9 i augusti; målet är 40. Inga nattvandringar i juni och juli."),
        months: months_sv(),
        cumulative: cumulative(&[0, 2, 4, 6, 9, 9, 9, 9]),
        target: Some(40),
        axis_label: s("antal"),
        actual_label: s("Utfört, sammanlagt"),
        target_label: s("Mål"),
        pace_label: s("Jämn takt"),
        restarts_every: None,
    });
    c5.places = vec![PlaceCount {
        name: s("Flen"),
        count: 9,
    }];

    let c6 = section(
        6,
        "Flens kommun",
        "Att arbeta förebyggande enligt handlingsplanen för våld i nära relationer och \
         hedersrelaterat våld och förtryck.",
    );

    let commitments = vec![c1, c2, c3, c4, c5, c6];
    let summary = commitments
        .iter()
        .map(|c| SummaryRow {
            number: c.number,
            party: c.party.clone(),
            text: c.text.clone(),
            text_lang: c.text_lang.clone(),
            status: c.status.clone(),
            status_key: c.status_key.clone(),
            headline: c.headline.clone(),
        })
        .collect();

    Report {
        lang: s("sv"),
        title: s("Uppföljning tertial 2 2021 – Medborgarlöfte Flen 2021"),
        municipality: s("Flens kommun"),
        year: 2021,
        period_label: s("Tertial 2 2021"),
        is_final: false,
        published: s("Publicerad 2021-09-10"),
        as_of: s("Siffrorna avser läget den 31 augusti 2021"),
        corrections: vec![s("Rättad 2021-10-02: stavfel i åtagande 3.")],
        date: NaiveDate::from_ymd_opt(2021, 9, 10).unwrap(),
        synthetic_note: Some(s(
            "Exempeldata: aktiviteterna är påhittade för att visa hur uppföljningen ser ut.",
        )),
        parties: vec![
            s("Polisen, lokalpolisområde Katrineholm"),
            s("Flens kommun"),
        ],
        signatories: vec![
            s("Anna Andersson, kommunstyrelsens ordförande"),
            s("Bertil Berg, lokalpolisområdeschef"),
        ],
        promise_title: s("Medborgarlöfte Flen 2021"),
        title_lang: None,
        aim: s(
            "Polisen och kommunens övergripande mål är att på sikt öka tryggheten och minska \
             risken för att bli utsatt för brott.",
        ),
        aim_lang: None,
        language_note: None,
        labels: labels_sv(),
        summary,
        commitments,
        outcome: None,
        learned: None,
    }
}

/// The final report in English, with an outcome section.
fn sample_en() -> Report {
    let mut report = sample_sv();
    report.lang = s("en");
    report.title = s("Final report 2021 – Citizen promise Flen 2021");
    report.period_label = s("Final report 2021");
    report.is_final = true;
    report.published = s("Published 2022-02-15");
    report.as_of = s("Figures as of 31 December 2021");
    report.synthetic_note = None;
    report.labels = Labels {
        parties: s("Parties"),
        signatories: s("Signed by"),
        summary: s("Summary"),
        commitment: s("Commitment"),
        party: s("Party"),
        status: s("Status"),
        figures: s("Figures"),
        narrative: s("Description"),
        evidence: s("Evidence"),
        by_place: s("By place"),
        chart_title: s("Over the year"),
        outcome: s("Outcome"),
        learned: s("What we learned"),
        page: s("Page {page} of {pages}"),
        contents: s("Contents"),
        status_reason: s("Reason for the assessment"),
        no_figures: s("No figures: assessed in words"),
        number: s("No."),
        text: s("Commitment"),
        place: s("Place"),
        count: s("Count"),
        aim: s("Aim"),
        goal: s("Outcome goal"),
        indicator: s("Indicator"),
        value: s("Value"),
        note: s("Note"),
    };
    // No English version was written of the promise's texts: they stay Swedish, marked
    // as such, and the cover says so.
    report.title_lang = Some(s("sv"));
    report.aim_lang = Some(s("sv"));
    report.language_note = Some(s("The text of the promise is in Swedish."));
    for c in &mut report.commitments {
        c.status = s("Kept");
        c.status_key = s("kept");
        c.text_lang = Some(s("sv"));
    }
    report.commitments[2].headline = Some(s("103 of 100 traffic controls"));
    report.commitments[2].chart.as_mut().unwrap().cumulative =
        cumulative(&[5, 12, 20, 27, 36, 44, 52, 64, 75, 84, 95, 103]);
    report.commitments[4].status = s("Not kept");
    report.commitments[4].status_key = s("not-kept");
    report.summary = report
        .commitments
        .iter()
        .map(|c| SummaryRow {
            number: c.number,
            party: c.party.clone(),
            text: c.text.clone(),
            text_lang: c.text_lang.clone(),
            status: c.status.clone(),
            status_key: c.status_key.clone(),
            headline: c.headline.clone(),
        })
        .collect();
    report.outcome = Some(OutcomeSection {
        goal: s("By 2022 a general rise in perceived safety shows in surveys and dialogues."),
        goal_lang: None,
        text: s("The police's safety survey 2022 shows a small rise."),
        indicators: vec![
            Indicator {
                name: s("Feel safe outdoors late in the evening"),
                value: s("71 % (2020: 66 %)"),
                note: Some(s("Police safety survey, 412 answers")),
            },
            Indicator {
                name: s("Avoid places because of fear of crime"),
                value: s("18 %"),
                note: None,
            },
        ],
    });
    report.learned = Some(s(
        "Traffic controls in the villages were welcomed.\n\nNight walks need more volunteers.",
    ));
    report
}

fn target_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp; the sample goes next to it, into target/.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn write_pdf(name: &str, bytes: &[u8]) -> PathBuf {
    let path = target_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn pdf_text(path: &Path) -> String {
    lofte_report::inspect::text(&std::fs::read(path).unwrap())
}

/// Text without any whitespace, so line breaks in the PDF do not matter.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn info(path: &Path) -> lofte_report::inspect::PdfInfo {
    lofte_report::inspect::info(&std::fs::read(path).unwrap())
}

#[test]
fn swedish_sample_renders_accessibly_and_literally() {
    let report = sample_sv();
    let rendered = render_pdf_detailed(&report).unwrap();
    assert!(rendered.bytes.starts_with(b"%PDF"));
    assert!(rendered.pdf_ua, "not PDF/UA-1: {:?}", rendered.ua_problem);
    let path = write_pdf("report-sample.pdf", &rendered.bytes);
    // The model as JSON, for `cargo run --release --example render`.
    std::fs::write(
        target_dir().join("report-sample.json"),
        serde_json::to_vec_pretty(&report).unwrap(),
    )
    .unwrap();

    let text = squash(&pdf_text(&path));
    for c in &report.commitments {
        assert!(
            text.contains(&squash(&c.text)),
            "missing commitment {}",
            c.number
        );
        if let Some(headline) = &c.headline {
            assert!(
                text.contains(&squash(headline)),
                "missing headline {headline}"
            );
        }
        // Whole in the summary table and in the section: a status word is never
        // hyphenated ("Risk för att inte nå må-let").
        assert!(
            text.matches(&squash(&c.status)).count() >= 2,
            "status {} split somewhere",
            c.status
        );
    }
    // The contents begin on the first page, under the title: no cover page left two
    // thirds empty.
    let contents = text.find("Innehåll").expect("a table of contents");
    let first_page_ends = text.find("Sida1av").expect("page numbers");
    assert!(contents < first_page_ends, "the contents are not on page 1");
    assert!(
        text.contains(&squash(INJECTION)),
        "the narrative is not literal"
    );
    assert!(text.contains(&squash(report.synthetic_note.as_ref().unwrap())));
    assert!(text.contains(&squash("Rättad 2021-10-02: stavfel i åtagande 3.")));
    assert!(text.contains(&squash("31 av 64 (48 %) i kransorterna")));
    assert!(text.contains(&squash(&report.commitments[0].evidence[0])));
    assert!(text.contains("Sida2av"));
    assert!(text.contains("Hälleforsnäs"));

    let info = info(&path);
    assert!(info.tagged);
    assert_eq!(info.title.as_deref(), Some(report.title.as_str()));
    let n = info.pages;
    assert!((4..=12).contains(&n), "{n} pages");
}

#[test]
fn same_report_same_bytes() {
    let report = sample_sv();
    assert_eq!(render_pdf(&report).unwrap(), render_pdf(&report).unwrap());
}

#[test]
fn english_final_report_renders() {
    let report = sample_en();
    let rendered = render_pdf_detailed(&report).unwrap();
    assert!(rendered.pdf_ua, "not PDF/UA-1: {:?}", rendered.ua_problem);
    let path = write_pdf("report-sample-en.pdf", &rendered.bytes);
    let text = squash(&pdf_text(&path));
    assert!(text.contains("Page2of"));
    assert!(text.contains(&squash("71 % (2020: 66 %)")));
    assert!(text.contains(&squash("Night walks need more volunteers.")));
    assert!(text.contains(&squash("103 of 100 traffic controls")));
    assert!(
        text.contains(&squash("The text of the promise is in Swedish.")),
        "the cover says why the commitments are in Swedish"
    );
    let info = info(&path);
    assert!(info.tagged);
    assert_eq!(info.title.as_deref(), Some(report.title.as_str()));
}

#[test]
fn edge_cases_render() {
    let mut report = sample_sv();
    report.synthetic_note = None;
    // A chart with no activity at all and figures only until March.
    let chart = report.commitments[4].chart.as_mut().unwrap();
    chart.cumulative = cumulative(&[0, 0, 0]);
    report.commitments[4].places.clear();
    // Many places, a very long text and long words.
    report.commitments[2].places = (1..=30)
        .map(|i| PlaceCount {
            name: format!("Plats nummer {i} vid Långsjön"),
            count: 31 - i,
        })
        .collect();
    report.commitments[1].text = "Polisen och kommunen lovar att arbeta för trygghet. ".repeat(25);
    report.summary[1].text = report.commitments[1].text.clone();
    report.lang = s("sv-SE");
    report.commitments[1].narrative = Some(format!(
        "{}\r\n\r\nHögtalaranläggningsreparationsarbetsbeskrivningsdokumentationen",
        "Ett stycke med många ord om hur arbetet har gått. ".repeat(60)
    ));
    // A chart without a target, a year's figures, and a large count.
    let mut chart = report.commitments[2].chart.clone().unwrap();
    chart.target = None;
    chart.cumulative = cumulative(&[90, 180, 300, 410, 520, 640, 700, 810, 950, 1100, 1210, 1333]);
    report.commitments[1].chart = Some(chart);
    let rendered = render_pdf_detailed(&report).unwrap();
    assert!(rendered.pdf_ua, "not PDF/UA-1: {:?}", rendered.ua_problem);
    let path = write_pdf("report-edge.pdf", &rendered.bytes);
    let text = squash(&pdf_text(&path));
    assert!(text.contains("Platsnummer30vidLångsjön"));
    assert!(text.contains("Ingasiffror:bedömsiord"));
}

#[test]
fn a_character_no_font_has_still_renders() {
    let mut report = sample_sv();
    report.commitments[0].narrative = Some(s("Bra jobbat 😀 ✓ 漢字"));
    let rendered = render_pdf_detailed(&report).unwrap();
    assert!(rendered.bytes.starts_with(b"%PDF"));
    // DejaVu Sans has ✓ and 😀 but no CJK: PDF/UA-1 forbids the .notdef glyph, so the
    // report falls back to a tagged PDF and says why.
    assert!(!rendered.pdf_ua);
    let problem = rendered.ua_problem.unwrap();
    eprintln!("{problem}");
    let path = write_pdf("report-emoji.pdf", &rendered.bytes);
    assert!(info(&path).tagged);
    assert!(squash(&pdf_text(&path)).contains("Brajobbat"));
}

#[test]
fn a_template_error_is_readable() {
    let mut report = sample_sv();
    report.lang = s("not a language tag");
    let err = render_pdf(&report).unwrap_err().to_string();
    assert!(err.contains("error:"), "{err}");
}

#[test]
fn chart_svg_is_self_contained_and_escaped() {
    let mut chart = sample_sv().commitments[2].chart.clone().unwrap();
    chart.title = s("Kontroller <script>alert(1)</script> & \"mer\"");
    chart.months[0] = s("<jan>");
    let svg = cumulative_svg(&chart);
    std::fs::write(target_dir().join("report-chart.svg"), &svg).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(
        "<title>Kontroller &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;mer&quot;</title>"
    ));
    assert!(svg.contains(r#"aria-label="Kontroller &lt;script&gt;"#));
    assert!(svg.contains("<desc>Kurvan når 64 i augusti"));
    assert!(svg.contains("&lt;jan&gt;"));
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("href"));
    assert!(svg.contains("stroke-dasharray") || svg.matches("<polyline").count() > 3);
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn csv_has_bom_headers_iso_dates_and_guards_formulas() {
    let rows = vec![
        ActivityRow {
            date: NaiveDate::from_ymd_opt(2021, 3, 4).unwrap(),
            time: s("07:30"),
            activity: s("Trafikkontroll"),
            performer: s("Polisen"),
            place: Some(s("Hälleforsnäs")),
            duration_minutes: Some(20),
            participants: None,
            synthetic: true,
        },
        ActivityRow {
            date: NaiveDate::from_ymd_opt(2021, 11, 30).unwrap(),
            time: s("22:05"),
            activity: s("=HYPERLINK(\"http://x\",\"klicka\")"),
            performer: s("@admin"),
            place: Some(s("-1+1")),
            duration_minutes: None,
            participants: Some(12),
            synthetic: false,
        },
    ];
    let headers = [
        "Datum",
        "Tid",
        "Aktivitet",
        "Utförare",
        "Plats",
        "Minuter",
        "Deltagare",
        "Exempeldata",
    ];
    let csv = to_csv(&headers, &rows).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Datum,Tid,Aktivitet,Utförare,Plats,Minuter,Deltagare,Exempeldata"
    );
    assert_eq!(
        lines[1],
        "2021-03-04,07:30,Trafikkontroll,Polisen,Hälleforsnäs,20,,true"
    );
    assert_eq!(
        lines[2],
        r#"2021-11-30,22:05,"'=HYPERLINK(""http://x"",""klicka"")",'@admin,'-1+1,,12,false"#
    );
}

#[test]
fn csv_of_follow_ups_and_commitments() {
    let follow_ups = vec![FollowUpRow {
        year: 2021,
        period: s("Tertial 2"),
        published: NaiveDate::from_ymd_opt(2021, 9, 10),
        number: 3,
        party: s("Polisen"),
        text: s("Minst 100 trafikkontroller"),
        status: s("Risk för att inte nå målet"),
        reason: None,
        narrative: Some(s("Rad ett\nrad två, med komma")),
        evidence: s("https://polisen.se/a\nhttps://polisen.se/b"),
    }];
    let csv = to_csv(
        &[
            "År",
            "Period",
            "Publicerad",
            "Nr",
            "Part",
            "Åtagande",
            "Status",
            "Skäl",
            "Beskrivning",
            "Underlag",
        ],
        &follow_ups,
    )
    .unwrap();
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.contains("2021,Tertial 2,2021-09-10,3,Polisen,"));
    assert!(text.contains(",,\"Rad ett\nrad två, med komma\","));

    let commitments = vec![CommitmentRow {
        year: 2021,
        number: 6,
        party: s("Polisen"),
        text: s("Trafikkontroller"),
        target: Some(s("Minst 100")),
        target_number: Some(100),
        actual: Some(64),
        status: s("Enligt plan"),
    }];
    let csv = to_csv(
        &[
            "År",
            "Nr",
            "Part",
            "Åtagande",
            "Mål",
            "Målvärde",
            "Utfall",
            "Status",
        ],
        &commitments,
    )
    .unwrap();
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(text.contains("2021,6,Polisen,Trafikkontroller,Minst 100,100,64,Enligt plan"));
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = archive.by_name(name).unwrap();
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn xlsx_has_a_sheet_per_table_with_dates_numbers_and_no_formulas() {
    let activities = vec![ActivityRow {
        date: NaiveDate::from_ymd_opt(2021, 3, 4).unwrap(),
        time: s("07:30"),
        activity: s("=1+1"),
        performer: s("Polisen"),
        place: None,
        duration_minutes: Some(20),
        participants: None,
        synthetic: true,
    }];
    let commitments = vec![CommitmentRow {
        year: 2021,
        number: 6,
        party: s("Polisen"),
        text: s("Trafikkontroller"),
        target: None,
        target_number: Some(100),
        actual: Some(64),
        status: s("Enligt plan"),
    }];
    let tables = [
        Table::new(
            "Aktiviteter",
            &[
                "Datum",
                "Tid",
                "Aktivitet",
                "Utförare",
                "Plats",
                "Minuter",
                "Deltagare",
                "Exempeldata",
            ],
            &activities,
        ),
        Table::new(
            "Åtaganden: 2021/22",
            &[
                "År",
                "Nr",
                "Part",
                "Åtagande",
                "Mål",
                "Målvärde",
                "Utfall",
                "Status",
            ],
            &commitments,
        ),
    ];
    let xlsx = to_xlsx(&tables).unwrap();
    assert!(xlsx.starts_with(b"PK"));

    let workbook = zip_entry(&xlsx, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="Aktiviteter""#));
    assert!(
        workbook.contains(r#"name="Åtaganden- 2021-22""#),
        "{workbook}"
    );

    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "a formula was written: {sheet}");
    assert!(
        sheet.contains(r#"<pane ySplit="1""#),
        "header not frozen: {sheet}"
    );
    // 2021-03-04 is Excel serial 44259, written as a number with the date style.
    assert!(sheet.contains("<v>44259</v>"), "{sheet}");
    assert!(sheet.contains("<v>20</v>"));
    let styles = zip_entry(&xlsx, "xl/styles.xml");
    assert!(styles.contains("yyyy-mm-dd"));
    let strings = zip_entry(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("=1+1"));
}

/// A plain document (the tertial analysis of a municipality that is not Flen): its
/// tables and texts come out literally, accessibly and the same every time.
#[test]
fn a_plain_document_renders_accessibly_and_literally() {
    use lofte_report::{Document, DocumentSection, DocumentTable, render_document_pdf};
    let document = Document {
        lang: s("sv"),
        municipality: s("Vingåkers kommun"),
        title: s("Lägesbild tertial 2 2025"),
        meta: vec![
            s("1 maj – 31 augusti 2025 mot samma dagar 2024."),
            s("Publicerad 2025-09-15."),
        ],
        date: chrono::NaiveDate::from_ymd_opt(2025, 9, 15).unwrap(),
        synthetic_note: Some(s("Exempeldata: påhittade rapporter.")),
        sections: vec![
            DocumentSection {
                heading: s("Händelserapporter"),
                paragraphs: vec![],
                tables: vec![DocumentTable {
                    caption: s("Rapporter per kategori"),
                    header: vec![s("Kategori"), s("2025"), s("2024"), s("Bedömning")],
                    numeric: vec![false, true, true, false],
                    rows: vec![
                        vec![s("Klotter"), s("31"), s("12"), s("Försämrat")],
                        vec![
                            s("Brand"),
                            s("färre än 5"),
                            s("färre än 5"),
                            s("visas inte"),
                        ],
                    ],
                }],
            },
            DocumentSection {
                heading: s("Analys"),
                paragraphs: vec![format!("Klottret ökade vid Torget.\n\n{INJECTION}")],
                tables: vec![],
            },
        ],
        page_label: s("Sida {page} av {pages}"),
    };
    let rendered = render_document_pdf(&document).unwrap();
    assert!(rendered.pdf_ua, "not PDF/UA-1: {:?}", rendered.ua_problem);
    assert_eq!(
        render_document_pdf(&document).unwrap().bytes,
        rendered.bytes,
        "the same document, the same bytes"
    );
    let path = write_pdf("document-sample.pdf", &rendered.bytes);
    let text = squash(&pdf_text(&path));
    for expected in [
        "Vingåkerskommun",
        "Lägesbildtertial22025",
        "Klotter3112Försämrat",
        "Brandfärreän5färreän5visasinte",
        "Klottretökadevid Torget.",
        "Exempeldata:påhittaderapporter.",
        "Sida1av1",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "missing {expected} in {text}"
        );
    }
    assert!(text.contains(&squash(INJECTION)), "the text is not literal");
    let info = info(&path);
    assert!(info.tagged);
    assert_eq!(info.title.as_deref(), Some("Lägesbild tertial 2 2025"));
}
