//! The `lofte` binary as an operator uses it, on a SQLite file in a temporary folder.

use std::path::Path;
use std::process::{Command, Output};

struct Lofte {
    dir: tempfile::TempDir,
}

impl Lofte {
    fn new() -> Lofte {
        Lofte {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, lang: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_lofte"))
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .args(args)
            .env("LOFTE_LANG", lang)
            .env("LOFTE_LOG", "warn")
            .env_remove("LOFTE_DATABASE_URL")
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run("sv", args);
        assert!(
            out.status.success(),
            "lofte {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn write(&self, name: &str, content: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }
}

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/flen")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn demo_then_export_gives_back_the_imported_document() {
    let lofte = Lofte::new();
    assert_eq!(
        lofte.ok(&["demo"]),
        "Demodata för Flen: 2 medborgarlöften inlästa, 0 fanns redan.\n\
         Exempeldata: 6019 påhittade enkätsvar för Flens trygghetsmätning 2019–2022 inlästa (märkta som syntetiska).\n\
         Exempeldata: 337 påhittade aktiviteter för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 419 påhittade händelserapporter för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 186 påhittade händelser från polisen för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 12 påhittade siffror om anmälda brott och 4 befolkningssiffror för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 6 påhittade synpunkter från invånare i Flen publicerade (märkta som exempel).\n\
         Exempeldata: 8 påhittade uppföljningar för Flen 2020 och 2021 inlästa, alla publicerade utom 2021 års slutredovisning (märkta som exempeldata).\n"
    );
    assert_eq!(
        lofte.ok(&["demo"]),
        "Demodata för Flen: 0 medborgarlöften inlästa, 2 fanns redan.\n\
         Exempeldata: 0 påhittade aktiviteter för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 0 påhittade händelserapporter för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 0 påhittade händelser från polisen för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 12 påhittade siffror om anmälda brott och 4 befolkningssiffror för Flen 2020 och 2021 inlästa (märkta som exempeldata).\n\
         Exempeldata: 0 påhittade uppföljningar för Flen 2020 och 2021 inlästa, alla publicerade utom 2021 års slutredovisning (märkta som exempeldata).\n"
    );
    let exported: serde_json::Value = serde_json::from_str(&lofte.ok(&[
        "promise",
        "export",
        "--municipality",
        "0482",
        "--year",
        "2021",
    ]))
    .unwrap();
    let original: serde_json::Value = serde_json::from_str(&data("promise-2021.json")).unwrap();
    // The demo leaves 2021's final report a draft, so the promise stays published; nothing
    // moves.
    assert_eq!(original["status"], "published");
    assert_eq!(exported, original);
}

#[test]
fn a_bad_file_lists_every_problem_by_field_and_stores_nothing() {
    let lofte = Lofte::new();
    lofte.ok(&[
        "municipality",
        "import",
        &format!(
            "{}/../../data/flen/municipality.json",
            env!("CARGO_MANIFEST_DIR")
        ),
    ]);
    let mut doc: serde_json::Value = serde_json::from_str(&data("promise-2021.json")).unwrap();
    doc["years"]["first"] = 2031.into();
    doc["commitments"][5]["target"]["at_least"] = 0.into();
    doc["commitments"][0]["text"] = "".into();
    let file = lofte.write("bad.json", &doc.to_string());

    let out = lofte.run("sv", &["promise", "import", &file]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{file} innehåller fel; inget har sparats:").as_str(),
            "  years: Sista året (2021) kommer före första året (2031).",
            "  Åtagande 1, text: Får inte vara tomt.",
            "  Åtagande 6, target.at_least: Måste vara mellan 1 och 1000000.",
        ]
    );
    let out = lofte.run("en", &["promise", "import", &file]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Commitment 1, text: Must not be empty."),
        "{stderr}"
    );

    let missing = lofte.run(
        "sv",
        &[
            "promise",
            "export",
            "--municipality",
            "0482",
            "--year",
            "2021",
        ],
    );
    assert!(!missing.status.success(), "nothing was stored");
    assert_eq!(
        String::from_utf8(missing.stderr).unwrap().trim(),
        "Det finns inget medborgarlöfte för kommun 0482 år 2021."
    );
}

#[test]
fn malformed_json_names_the_place_it_broke() {
    let lofte = Lofte::new();
    // Well-formed JSON with a wrong type: every problem, in Swedish, no serde English.
    let file = lofte.write(
        "broken.json",
        r#"{"municipality": "0482", "years": {"first": "2021"}}"#,
    );
    let out = lofte.run("sv", &["promise", "import", &file]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    for line in [
        "  years.first: Här ska det stå ett heltal.",
        "  years.last: Måste fyllas i.",
        "  title: Måste fyllas i.",
    ] {
        assert!(stderr.contains(line), "{line:?} not in {stderr}");
    }
    assert!(!stderr.contains("invalid type"), "{stderr}");
    // Text that is not JSON: where the reader stopped.
    let file = lofte.write("cut.json", "{\"municipality\": \"0482\",\n  \"years\": }");
    let out = lofte.run("sv", &["promise", "import", &file]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("Det här är inte giltig JSON: läsningen stannade på rad 2, tecken 12."),
        "{stderr}"
    );
}

#[test]
fn a_second_promise_for_the_same_year_is_a_conflict() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    let file = lofte.write("again.json", &data("promise-2021.json"));
    let out = lofte.run("sv", &["promise", "import", &file]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("years: Kommun 0482 har redan ett medborgarlöfte för 2021. Det befintliga löftet har inte ändrats."),
        "{stderr}"
    );
}

#[test]
fn next_years_promise_starts_as_a_linked_copy() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    assert_eq!(
        lofte
            .ok(&[
                "promise",
                "copy",
                "--municipality",
                "0482",
                "--from",
                "2021",
                "--to",
                "2022"
            ])
            .trim(),
        "Utkast till medborgarlöfte 2022 för 0482 är skapat som en kopia av 2021."
    );
    let copy: serde_json::Value = serde_json::from_str(&lofte.ok(&[
        "promise",
        "export",
        "--municipality",
        "0482",
        "--year",
        "2022",
    ]))
    .unwrap();
    assert_eq!(copy["status"], "draft");
    assert_eq!(copy["continues"], 2021);
    assert_eq!(copy["outcome_goal"]["measured_in"], 2023);
    assert_eq!(copy["commitments"].as_array().unwrap().len(), 12);

    // Edited in another tool (cut down to two commitments, a new title) and imported
    // again: without --replace it is a conflict, with it the draft is replaced.
    let mut edited = copy.clone();
    edited["title"] = "Medborgarlöfte 2022 (utkast 2)".into();
    edited["commitments"] = serde_json::json!([copy["commitments"][0], copy["commitments"][5]]);
    let file = lofte.write("edited.json", &edited.to_string());
    let out = lofte.run("sv", &["promise", "import", &file]);
    assert!(!out.status.success());
    assert_eq!(
        lofte.ok(&["promise", "import", "--replace", &file]).trim(),
        "Utkastet till medborgarlöfte 2022 för 0482 är ersatt."
    );
    let replaced: serde_json::Value = serde_json::from_str(&lofte.ok(&[
        "promise",
        "export",
        "--municipality",
        "0482",
        "--year",
        "2022",
    ]))
    .unwrap();
    assert_eq!(replaced["title"], "Medborgarlöfte 2022 (utkast 2)");
    assert_eq!(replaced["commitments"], edited["commitments"]);

    // A copy can carry over only some commitments, numbered as on the page.
    lofte.ok(&[
        "promise",
        "copy",
        "--municipality",
        "0482",
        "--from",
        "2020",
        "--to",
        "2023",
        "--commitments",
        "2,1",
    ]);
    let cut: serde_json::Value = serde_json::from_str(&lofte.ok(&[
        "promise",
        "export",
        "--municipality",
        "0482",
        "--year",
        "2023",
    ]))
    .unwrap();
    let original: serde_json::Value = serde_json::from_str(&lofte.ok(&[
        "promise",
        "export",
        "--municipality",
        "0482",
        "--year",
        "2020",
    ]))
    .unwrap();
    assert_eq!(
        cut["commitments"],
        serde_json::json!([original["commitments"][1], original["commitments"][0]])
    );
    let out = lofte.run(
        "sv",
        &[
            "promise",
            "copy",
            "--municipality",
            "0482",
            "--from",
            "2020",
            "--to",
            "2024",
            "--commitments",
            "99",
        ],
    );
    assert!(!out.status.success());

    // A published promise is never replaced.
    let published = lofte.ok(&[
        "promise",
        "export",
        "--municipality",
        "0482",
        "--year",
        "2021",
    ]);
    let file = lofte.write("published.json", &published);
    let out = lofte.run("sv", &["promise", "import", "--replace", &file]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("  status: Bara ett utkast kan ersättas eller tas bort."),
        "{stderr}"
    );
}

#[test]
fn unknown_municipality_in_a_profile_is_refused() {
    let lofte = Lofte::new();
    let file = lofte.write("p.json", r#"{"municipality": "0499", "places": []}"#);
    let out = lofte.run("en", &["municipality", "import", &file]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("municipality: There is no municipality with the code 0499."),
        "{stderr}"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let lofte = Lofte::new();
    let printed = lofte.ok(&["promise", "schema"]);
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/promise.schema.json"),
    )
    .unwrap();
    assert_eq!(printed, committed);
}

#[test]
fn accounts_are_created_listed_reset_and_disabled_with_passwords_shown_once() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    let out = lofte.ok(&[
        "user",
        "add",
        "--email",
        "Anna@Flen.se",
        "--name",
        "Anna Andersson",
        "--organisation",
        "municipality:0482",
        "--role",
        "coordinator",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "Kontot anna@flen.se är skapat. Lösenordet visas bara nu:"
    );
    assert_eq!(lines[1].len(), 23, "a generated password: {}", lines[1]);

    let again = lofte.run(
        "sv",
        &[
            "user",
            "add",
            "--email",
            "anna@flen.se",
            "--name",
            "Anna",
            "--organisation",
            "municipality:0482",
            "--role",
            "viewer",
        ],
    );
    assert!(!again.status.success());
    assert!(
        String::from_utf8(again.stderr)
            .unwrap()
            .contains("email: Det finns redan ett konto med den e-postadressen.")
    );

    lofte.ok(&[
        "user",
        "add",
        "--email",
        "polis@example.se",
        "--name",
        "Polis",
        "--organisation",
        "police:Katrineholm",
        "--role",
        "reporter",
    ]);
    assert_eq!(
        lofte.ok(&["user", "list"]),
        "anna@flen.se\tAnna Andersson\tFlens kommun (coordinator)\npolis@example.se\tPolis\tLPO Katrineholm (reporter)\n"
    );
    let reset = lofte.ok(&["user", "reset-password", "--email", "anna@flen.se"]);
    assert_ne!(reset.lines().nth(1).unwrap(), lines[1], "a new password");
    lofte.ok(&["user", "disable", "--email", "anna@flen.se"]);
    assert!(
        lofte
            .ok(&["user", "list"])
            .starts_with("anna@flen.se\tAnna Andersson\tFlens kommun (coordinator) [avstängt]\n")
    );

    let bad = lofte.run(
        "en",
        &[
            "user",
            "add",
            "--email",
            "x@flen.se",
            "--name",
            "X",
            "--organisation",
            "kommun:0482",
            "--role",
            "viewer",
        ],
    );
    assert!(
        String::from_utf8(bad.stderr)
            .unwrap()
            .contains("“kommun:0482” is not an organisation.")
    );
    let bad = lofte.run(
        "en",
        &[
            "user",
            "add",
            "--email",
            "inte-en-adress",
            "--name",
            "X",
            "--organisation",
            "municipality:0482",
            "--role",
            "viewer",
        ],
    );
    assert!(
        String::from_utf8(bad.stderr)
            .unwrap()
            .contains("--email: Enter a valid e-mail address")
    );

    // A housing company's people report incidents, nothing more: another role is refused
    // before any account is made, and the same address then gets the partner role.
    let add_partner = |role: &str| {
        lofte.run(
            "sv",
            &[
                "user",
                "add",
                "--email",
                "vakt@gnestahem.example",
                "--name",
                "Vakt",
                "--organisation",
                "partner:Gnestahem@0482",
                "--role",
                role,
            ],
        )
    };
    let refused = add_partner("reporter");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8(refused.stderr)
            .unwrap()
            .contains("--role: ”reporter” går inte här. Tillåtna värden: partner."),
    );
    assert!(
        !lofte
            .ok(&["user", "list"])
            .contains("vakt@gnestahem.example")
    );
    assert!(add_partner("partner").status.success());
    assert!(
        lofte
            .ok(&["user", "list"])
            .contains("vakt@gnestahem.example\tVakt\tGnestahem (partner)\n")
    );
}

#[test]
fn tokens_are_shown_once_and_can_be_revoked() {
    let lofte = Lofte::new();
    let out = lofte.ok(&[
        "token",
        "create",
        "--organisation",
        "municipality:0482",
        "--role",
        "coordinator",
        "--name",
        "Import",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("API-nyckel 1 är skapad."), "{out}");
    assert!(lines[1].starts_with("lofte_") && lines[1].len() == 46);
    assert_eq!(
        lofte.ok(&["token", "revoke", "1"]).trim(),
        "API-nyckel 1 är spärrad."
    );
    let again = lofte.run("sv", &["token", "revoke", "1"]);
    assert!(!again.status.success());
    assert_eq!(
        String::from_utf8(again.stderr).unwrap().trim(),
        "Det finns ingen aktiv API-nyckel med nummer 1."
    );
}

#[test]
fn activities_import_once_and_a_bad_file_names_line_and_column() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    let good = lofte.write(
        "ok.csv",
        "external_id,type,performer,date,time,duration_minutes,place\n\
         x-1,traffic_control,police,2021-05-03,08:00,20,sparreholm\n\
         x-2,traffic_control,police,2021-05-04,08:00,18,flen\n",
    );
    assert_eq!(
        lofte
            .ok(&["activity", "import", "--municipality", "0482", &good])
            .trim(),
        "2 aktiviteter inlästa, 0 fanns redan."
    );
    assert_eq!(
        lofte
            .ok(&["activity", "import", "--municipality", "0482", &good])
            .trim(),
        "0 aktiviteter inlästa, 2 fanns redan."
    );
    let bad = lofte.write(
        "bad.csv",
        "type,performer,date,duration_minutes\ntraffic_control,police,2021-13-01,-3\n",
    );
    let out = lofte.run(
        "sv",
        &["activity", "import", "--municipality", "0482", &bad],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().skip(1).collect::<Vec<_>>(),
        [
            "  Rad 2, kolumn date: Ange ett datum som ÅÅÅÅ-MM-DD.",
            "  Rad 2, kolumn duration_minutes: Måste vara mellan 1 och 1440.",
        ]
    );
}

/// An operator imports a housing company's weekly file for Gnesta: once, then nothing
/// more; a row with a phone number in it is refused until the operator says it is
/// checked.
#[test]
fn incident_reports_import_once_and_personal_data_waits_for_a_check() {
    let lofte = Lofte::new();
    let profile = lofte.write(
        "gnesta.json",
        r#"{"municipality": "0461", "places": [
            {"slug": "stationsomradet", "name": "Stationsområdet", "kind": "station", "lat": 59.0487, "lon": 17.3132, "outlying": false}
        ]}"#,
    );
    lofte.ok(&["municipality", "import", &profile]);
    let week = lofte.write(
        "vecka-20.csv",
        "Löpnummer;Datum;Kl;Kategori;Plats;Beskrivning;Rapportör
         GH-1;2024-05-13;22:40;Störning från motorfordon;Stationsområdet;Mopeder.;Gnestahem
         GH-2;2024-05-14;;Klotter;stationsomradet;Vakten nås på 08-123 456 78;Gnestahem
",
    );
    let args = ["incident", "import", "--municipality", "0461", &week];
    let out = lofte.run("en", &args);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().skip(1).collect::<Vec<_>>(),
        [
            "  Line 3, column Beskrivning: The text seems to contain a phone number. Describe the incident without personal data, or confirm that it is not personal data."
        ],
        "{stderr}"
    );
    let checked = [&args[..], &["--personal-data-checked"]].concat();
    assert_eq!(
        lofte.ok(&checked).trim(),
        "2 händelserapporter importerade, 0 fanns redan."
    );
    assert_eq!(
        lofte.ok(&checked).trim(),
        "0 händelserapporter importerade, 2 fanns redan."
    );
}

/// A saved window of the police's feed: kept once, each event assigned with how sure;
/// a file of another shape is refused with the path of what does not fit.
#[test]
fn police_events_are_imported_from_the_feed_as_published() {
    let lofte = Lofte::new();
    let feed = lofte.write(
        "handelser.json",
        r#"[
  {"id": 540001, "datetime": "2024-05-13 22:40:00 +02:00", "name": "13 maj 22.40, Skadegörelse, Gnesta",
   "summary": "Fönster krossat.", "url": "/aktuellt/handelser/2024/maj/13/skadegorelse-gnesta/",
   "type": "Skadegörelse", "location": {"name": "Gnesta", "gps": "59.048881,17.311627"}},
  {"id": 540002, "datetime": "2024-5-14 1:05:00 +02:00", "name": "14 maj 01.05, Brand, Vingåker",
   "summary": "", "url": "https://polisen.se/aktuellt/handelser/2024/maj/14/brand-vingaker/",
   "type": "Brand", "location": {"name": "Södermanlands län", "gps": "59.033,16.75"}},
  {"id": 540003, "datetime": "2024-05-14 07:00:00 +02:00", "name": "14 maj 07.00, Sammanfattning natt, Södermanlands län",
   "summary": "Lugn natt.", "url": "/aktuellt/handelser/2024/maj/14/sammanfattning/",
   "type": "Sammanfattning natt", "location": {"name": "Södermanlands län", "gps": "59.033,16.75"}}
]"#,
    );
    assert_eq!(
        lofte.ok(&["events", "import", &feed]),
        "3 händelser från polisen importerade, 0 fanns redan. Kopplade till kommun:\n  \
         efter platsen i flödet (säker): 1\n  \
         efter orten i rubriken (trolig): 1\n  \
         utan kommun (till exempel länets sammanfattningar): 1\n"
    );
    assert!(
        lofte
            .ok(&["events", "import", &feed])
            .starts_with("0 händelser från polisen importerade, 3 fanns redan.")
    );
    let bad = lofte.write(
        "fel.json",
        r#"[{"id": 540004, "datetime": "igår", "name": "x", "summary": "", "url": "/a/",
             "type": "Brand", "location": {"name": "Gnesta", "gps": "59.0,17.3"}}]"#,
    );
    let out = lofte.run("en", &["events", "import", &bad]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("[0].datetime: Give the time as the police's feed writes it"),
    );
}

/// Reported crime and population from their exports, in Swedish; a bad cell by line and
/// column, nothing stored.
#[test]
fn crime_statistics_and_population_are_imported() {
    let lofte = Lofte::new();
    let crime = lofte.write(
        "brott.csv",
        "Region;Brottstyp;År;Antal anmälda brott;Preliminär/slutlig\n\
         0428 Vingåker;Samtliga brott;2023;1 012;slutlig\n\
         0428 Vingåker;Samtliga brott;2024;..;preliminär\n",
    );
    assert_eq!(
        lofte.ok(&["crime-stats", "import", &crime]).trim(),
        "1 siffror om anmälda brott sparade; 1 rader utan publicerad siffra (..) hoppades över."
    );
    let population = lofte.write(
        "folkmangd.csv",
        "\"region\",\"ålder\",\"kön\",\"2023\"\n\"0428 Vingåker\",\"totalt ålder\",\"män\",4 640\n\"0428 Vingåker\",\"totalt ålder\",\"kvinnor\",4 410\n",
    );
    assert_eq!(
        lofte.ok(&["population", "import", &population]).trim(),
        "2 befolkningssiffror sparade; 0 rader utan publicerad siffra (..) hoppades över."
    );
    let bad = lofte.write(
        "fel.csv",
        "Region;Brottstyp;År;Antal\n0428;Samtliga brott;2024;-4\n",
    );
    let out = lofte.run("en", &["crime-stats", "import", &bad]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("Line 2, column Antal"), "{stderr}");
}

#[test]
fn reports_and_exports_are_written_only_when_there_is_something_to_write() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    let pdf = lofte.dir.path().join("t2.pdf");
    let out = lofte.ok(&[
        "report",
        "--municipality",
        "0482",
        "--year",
        "2021",
        "--period",
        "T2",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(
        out,
        format!(
            "Skrev Uppföljning tertial 2 2021 – Medborgarlöfte 2021 – Flen till {}.\n",
            pdf.display()
        )
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    let html = lofte.dir.path().join("final.html");
    lofte.ok(&[
        "report",
        "--municipality",
        "0482",
        "--year",
        "2020",
        "--period",
        "final",
        "--format",
        "html",
        "--lang",
        "en",
        "-o",
        html.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.starts_with("<!doctype html>\n<html lang=\"en\">"),
        "{page:.80}"
    );
    assert!(page.contains("Final report 2020"), "the English edition");

    // No promise that year: a message and no file.
    let none = lofte.dir.path().join("none.pdf");
    let out = lofte.run(
        "sv",
        &[
            "report",
            "--municipality",
            "0482",
            "--year",
            "2030",
            "--period",
            "T1",
            "-o",
            none.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .trim_end()
            .lines()
            .last()
            .unwrap(),
        "Flen har inget publicerat medborgarlöfte för 2030."
    );
    assert!(!none.exists(), "no empty PDF");

    let xlsx = lofte.dir.path().join("flen.xlsx");
    lofte.ok(&[
        "export",
        "--municipality",
        "0482",
        "--year",
        "2021",
        "-o",
        xlsx.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let csv = lofte.dir.path().join("aktiviteter.csv");
    lofte.ok(&[
        "export",
        "--municipality",
        "0482",
        "--year",
        "2021",
        "--format",
        "csv",
        "--table",
        "activities",
        "-o",
        csv.to_str().unwrap(),
    ]);
    let rows = std::fs::read_to_string(&csv).unwrap().lines().count();
    assert!(
        rows > 100,
        "a header and the demo's 2021 activities: {rows}"
    );
}

#[test]
fn survey_import_is_all_or_nothing_and_indicators_come_out_as_csv() {
    let lofte = Lofte::new();
    lofte.ok(&[
        "municipality",
        "import",
        &lofte.write("flen.json", &data("municipality.json")),
    ]);
    let codebook = lofte.write("kodbok.json", &data("survey-codebook.json"));
    let header = "respondent_id,year,municipality,area,gender,age_band,weight,otrygg_kvall\n";

    // Without a codebook nothing can be read.
    let file = lofte.write("svar.csv", &format!("{header}R1,2023,0482,1,1,1,1.0,1\n"));
    let out = lofte.run("sv", &["survey", "import", "--municipality", "0482", &file]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ingen kodbok"));

    assert_eq!(
        lofte.ok(&["survey", "codebook", "--municipality", "0482", &codebook]),
        "Kodboken för trygghetsmätningen i 0482 är sparad (7 frågor, 5 indikatorer).\n"
    );
    let bad = lofte.write(
        "fel.csv",
        &format!("{header}R1,2023,0482,1,1,1,1.0,6\nR2,2022,0482,1,1,1,-2,1\n"),
    );
    let out = lofte.run(
        "sv",
        &[
            "survey",
            "import",
            "--municipality",
            "0482",
            "--year",
            "2023",
            &bad,
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Rad 2, kolumn otrygg_kvall: ”6” finns inte i kodboken"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Rad 3, kolumn year: Året stämmer inte"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Rad 3, kolumn weight: Vikten ”-2”"),
        "{stderr}"
    );
    assert_eq!(
        lofte.ok(&["survey", "imports", "--municipality", "0482"]),
        "Inga svar är inlästa ännu.\n"
    );

    // 40 respondents in 2023: 10 of them unsafe (answers 3 and 4), equal weights.
    let mut rows = String::from(header);
    for i in 0..40 {
        let answer = if i < 10 { 3 + i % 2 } else { 1 + i % 2 };
        rows.push_str(&format!("R{i},2023,0482,1,{},1,1.0,{answer}\n", 1 + i % 2));
    }
    let good = lofte.write("svar-2023.csv", &rows);
    assert_eq!(
        lofte.ok(&["survey", "import", "--municipality", "0482", &good]),
        "40 svar inlästa (2023: 40).\n"
    );
    assert!(
        lofte
            .ok(&["survey", "import", "--municipality", "0482", &good])
            .starts_with("Filen är redan inläst")
    );
    let csv = lofte.ok(&["survey", "indicators", "--municipality", "0482"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "indicator,year,breakdown,group,n,n_eff,estimate,se,lower,upper"
    );
    let all: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(&all[..6], ["otrygga-kvall", "2023", "all", "", "40", "40"]);
    let share: f64 = all[6].parse().unwrap();
    assert!((share - 0.25).abs() < 1e-12, "{share}");
    // 20 women, 20 men: too few to show.
    assert!(
        lines.contains(&"otrygga-kvall,2023,gender,1,20,,,,,"),
        "{csv}"
    );
    // As JSON, with the names the API uses for the same figure.
    let json: serde_json::Value = serde_json::from_str(&lofte.ok(&[
        "survey",
        "indicators",
        "--municipality",
        "0482",
        "--format",
        "json",
    ]))
    .unwrap();
    let all = &json[0];
    assert_eq!(all["indicator"], "otrygga-kvall");
    assert_eq!(all["breakdown"], "all");
    assert_eq!(all["effective_n"], 40.0);
    assert!(all["standard_error"].as_f64().unwrap() > 0.0);
    assert!(all.get("n_eff").is_none() && all.get("se").is_none());

    // As a Swedish spreadsheet saves another system's export: a byte-order mark,
    // semicolons, decimal commas, and groups and answers by their labels.
    let mut swedish = String::from(
        "\u{feff}respondent_id;year;municipality;area;gender;age_band;weight;otrygg_kvall\n",
    );
    for i in 0..40 {
        let answer = if i < 20 {
            "Ganska otrygg"
        } else {
            "Mycket trygg"
        };
        let gender = if i % 2 == 0 { "Kvinnor" } else { "män" };
        swedish.push_str(&format!(
            "S{i};2024;0482;Flen tätort;{gender};1;1,0;{answer}\n"
        ));
    }
    let file = lofte.write("svar-2024.csv", &swedish);
    assert_eq!(
        lofte.ok(&["survey", "import", "--municipality", "0482", &file]),
        "40 svar inlästa (2024: 40).\n"
    );
    let csv = lofte.ok(&["survey", "indicators", "--municipality", "0482"]);
    let line = csv
        .lines()
        .find(|l| l.starts_with("otrygga-kvall,2024,all,"))
        .unwrap();
    let share: f64 = line.split(',').nth(6).unwrap().parse().unwrap();
    assert!((share - 0.5).abs() < 1e-12, "{line}");
    // One year of a two-year file replaced by a corrected file: the other year stays.
    let mut both = String::from(header);
    for i in 0..40 {
        let year = if i < 20 { 2025 } else { 2026 };
        both.push_str(&format!("B{i},{year},0482,1,1,1,1.0,1\n"));
    }
    let both = lofte.write("svar-2025-2026.csv", &both);
    lofte.ok(&["survey", "import", "--municipality", "0482", &both]);
    let mut fixed = String::from(header);
    for i in 0..35 {
        fixed.push_str(&format!("C{i},2026,0482,1,1,1,1.0,4\n"));
    }
    let fixed = lofte.write("svar-2026-rattad.csv", &fixed);
    let out = lofte.run(
        "sv",
        &["survey", "import", "--municipality", "0482", &fixed],
    );
    assert!(
        !out.status.success(),
        "2026 has responses: refused without --replace"
    );
    lofte.ok(&[
        "survey",
        "import",
        "--municipality",
        "0482",
        "--replace",
        &fixed,
    ]);
    let csv = lofte.ok(&["survey", "indicators", "--municipality", "0482"]);
    let n = |year: &str| -> String {
        csv.lines()
            .find(|l| l.starts_with(&format!("otrygga-kvall,{year},all,")))
            .unwrap()
            .split(',')
            .nth(4)
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        (n("2025"), n("2026")),
        ("20".to_owned(), "35".to_owned()),
        "{csv}"
    );

    // A spreadsheet (XLSX) is read as its first sheet.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in header.trim_end().split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, id) in ["X1", "X2"].iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_number(r, 1, 2027.0).unwrap();
        sheet.write_string(r, 2, "0482").unwrap();
        for c in 3..6 {
            sheet.write_number(r, c, 1.0).unwrap();
        }
        sheet.write_number(r, 6, 1.5).unwrap();
        sheet.write_string(r, 7, "Ganska trygg").unwrap();
    }
    let xlsx = lofte.dir.path().join("svar-2027.xlsx");
    book.save(&xlsx).unwrap();
    assert_eq!(
        lofte.ok(&[
            "survey",
            "import",
            "--municipality",
            "0482",
            xlsx.to_str().unwrap()
        ]),
        "2 svar inlästa (2027: 2).\n"
    );

    // Another separator: one line says so.
    let tabs = lofte.write(
        "tabbar.csv",
        "respondent_id\tyear\tmunicipality\tarea\tgender\tage_band\tweight\totrygg_kvall\nT1\t2025\t0482\t1\t1\t1\t1\t1\n",
    );
    let out = lofte.run("sv", &["survey", "import", "--municipality", "0482", &tabs]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.contains("använder tabbtecken"), "{stderr}");
}

#[test]
fn a_backup_restores_into_an_empty_database_and_a_cut_one_changes_nothing() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    let exported = |data: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_lofte"))
            .args([
                "--data-dir",
                data,
                "promise",
                "export",
                "--municipality",
                "0482",
                "--year",
                "2021",
            ])
            .env("LOFTE_LOG", "warn")
            .env_remove("LOFTE_DATABASE_URL")
            .current_dir(lofte.dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let original = exported("data");
    assert_eq!(
        lofte.ok(&["check"]),
        "Databasen är hel: integritetskontrollen och kontrollen av främmande nycklar hittade inget fel.\n"
    );
    assert_eq!(
        lofte.ok(&["backup", "kopia.sqlite"]),
        "Säkerhetskopia sparad i kopia.sqlite (en kopia av SQLite-databasen, tagen medan den användes). Följare, e-postkön och adresser som invånare lämnat ingår inte.\n"
    );
    let dumped = lofte.ok(&["backup", "--portable", "dump.jsonl"]);
    assert!(
        dumped.starts_with("Säkerhetskopia sparad i dump.jsonl: "),
        "{dumped}"
    );

    // Never over another backup; never over data without --replace.
    let again = lofte.run("sv", &["backup", "kopia.sqlite"]);
    assert!(!again.status.success());
    let refused = lofte.run("sv", &["restore", "dump.jsonl"]);
    assert_eq!(
        String::from_utf8(refused.stderr).unwrap().trim(),
        "Databasen innehåller redan data. Ange --replace för att ersätta allt i den med säkerhetskopian."
    );

    // Into empty databases, from either kind of backup: the same promise comes back.
    for (data, file) in [("fran-kopia", "kopia.sqlite"), ("fran-dump", "dump.jsonl")] {
        let out = Command::new(env!("CARGO_BIN_EXE_lofte"))
            .args(["--data-dir", data, "restore", file])
            .env("LOFTE_LOG", "warn")
            .env_remove("LOFTE_DATABASE_URL")
            .current_dir(lofte.dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8(out.stdout)
                .unwrap()
                .starts_with(&format!("Återställt från {file}: "))
        );
        assert_eq!(exported(data), original, "{file}");
    }

    // A dump cut short: refused with the line, and the database keeps what it had.
    let dump = std::fs::read_to_string(lofte.dir.path().join("dump.jsonl")).unwrap();
    let half: Vec<&str> = dump.lines().take(dump.lines().count() / 2).collect();
    lofte.write("halv.jsonl", &(half.join("\n") + "\n"));
    let cut = lofte.run("sv", &["restore", "--replace", "halv.jsonl"]);
    assert!(!cut.status.success());
    assert_eq!(
        String::from_utf8(cut.stderr).unwrap().trim(),
        format!(
            "Kunde inte återställa från halv.jsonl. Säkerhetskopian är skadad eller avbruten på rad {}. Databasen är oförändrad.",
            half.len() + 1
        )
    );
    assert_eq!(exported("data"), original);
}

#[test]
fn an_account_is_linked_to_its_person_at_the_identity_provider_once() {
    let lofte = Lofte::new();
    lofte.ok(&["demo"]);
    lofte.ok(&[
        "user",
        "add",
        "--email",
        "anna@flen.se",
        "--name",
        "Anna",
        "--organisation",
        "municipality:0482",
        "--role",
        "coordinator",
    ]);
    let link = [
        "user",
        "link-identity",
        "--email",
        "anna@flen.se",
        "--subject",
    ];
    let without = lofte.run("sv", &[&link[..], &["a1b2"]].concat());
    assert!(!without.status.success());
    assert!(
        String::from_utf8(without.stderr)
            .unwrap()
            .contains("oidc_issuer är inte inställt"),
    );
    lofte.write(
        "lofte.toml",
        "oidc_issuer = \"https://login.flen.example/realms/personal\"\n",
    );
    assert_eq!(
        lofte.ok(&[&link[..], &["a1b2"]].concat()),
        "anna@flen.se loggar nu in som a1b2 hos identitetsleverantören.\n"
    );
    let again = lofte.run("en", &[&link[..], &["c3d4"]].concat());
    assert!(!again.status.success(), "a link is never moved silently");
    assert!(
        String::from_utf8(again.stderr)
            .unwrap()
            .contains("--subject: The account, or the person at the identity provider, is already linked to another account."),
    );
    assert!(lofte.ok(&["user", "history"]).contains("identity"));
}
