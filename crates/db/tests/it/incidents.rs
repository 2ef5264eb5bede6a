//! Incident reports on Gnesta (a municipality of our own making, with a boundary, places
//! of several kinds and a housing company that reports), not the demo.

use lofte_db::Actor;
use lofte_db::testing::{TestDatabase, fresh_database};
use lofte_domain::exchange::parse_profile_json;
use lofte_domain::incident::{IncidentCategory, IncidentFields};
use lofte_domain::{Problem, Year};

const GNESTA: &str = r#"{
  "municipality": "0461",
  "police": { "region": "Region Öst", "police_area": "Polisområde Södermanland", "local_police_area": "Nyköping" },
  "places": [
    { "slug": "gnesta", "name": "Gnesta", "kind": "locality", "lat": 59.049, "lon": 17.311, "outlying": false },
    { "slug": "bjornlunda", "name": "Björnlunda", "kind": "locality", "lat": 59.066, "lon": 17.164, "outlying": true },
    { "slug": "stationsomradet", "name": "Stationsområdet", "kind": "station", "lat": 59.0487, "lon": 17.3132, "outlying": false, "within": "gnesta" },
    { "slug": "frejaskolan", "name": "Frejaskolan", "kind": "school", "lat": 59.052, "lon": 17.306, "outlying": false, "within": "gnesta" }
  ],
  "boundary": { "type": "Polygon", "coordinates": [[[17.0, 58.95], [17.6, 58.95], [17.6, 59.2], [17.0, 59.2], [17.0, 58.95]]] }
}"#;

async fn gnesta() -> (TestDatabase, lofte_db::Tenant) {
    let t = fresh_database().await;
    t.db.import_profile(&parse_profile_json(GNESTA).unwrap())
        .await
        .unwrap();
    let tenant = t.db.tenant_named("0461").await.unwrap().unwrap();
    (t, tenant)
}

fn year(y: i32) -> (chrono::NaiveDate, chrono::NaiveDate) {
    let y = lofte_domain::YearSpan::single(Year::new(y).unwrap());
    (y.first_day(), y.last_day())
}

/// A week's reports as a housing company's spreadsheet saves them: semicolons, Swedish
/// headers in its own order, categories and places in words.
const WEEK: &str = "Löpnummer;Datum;Kl;Kategori;Plats;Beskrivning;Rapportör\n\
GH-101;2024-05-13;22:40;Störning från motorfordon;Stationsområdet;Mopeder kör i cirklar.;Gnestahem\n\
GH-102;2024-05-14;;Klotter;frejaskolan;Taggar på gaveln.;Gnestahem\n\
GH-103;2024-05-15;01:15;Skadegörelse;Björnlunda;Krossad busskur.;Gnestahem\n";

#[tokio::test]
async fn a_week_of_reports_is_imported_once_with_its_words_read() {
    let (_t, gnesta) = gnesta().await;
    let summary = gnesta
        .import_incidents_csv(Actor::System, WEEK.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((summary.added, summary.already_there), (3, 0));
    let again = gnesta
        .import_incidents_csv(Actor::System, WEEK.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (again.added, again.already_there),
        (0, 3),
        "the same ids again add nothing"
    );
    let (from, to) = year(2024);
    let stored = gnesta.incidents(from, to).await.unwrap();
    let read: Vec<(IncidentCategory, Option<&str>, Option<u32>)> = stored
        .iter()
        .map(|i| {
            (
                i.category,
                i.place.as_ref().map(|p| p.as_str()),
                i.local_hour,
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                IncidentCategory::MotorVehicles,
                Some("stationsomradet"),
                Some(22)
            ),
            (IncidentCategory::Graffiti, Some("frejaskolan"), None),
            (IncidentCategory::Vandalism, Some("bjornlunda"), Some(1)),
        ]
    );
    assert!(
        stored
            .iter()
            .all(|i| i.reporter == "Gnestahem" && !i.reviewed)
    );
}

#[tokio::test]
async fn a_bad_file_names_every_cell_by_its_own_header_and_stores_nothing() {
    let (_t, gnesta) = gnesta().await;
    let file = "Datum;Kategori;Plats;Latitud;Longitud;Beskrivning;Rapportör\n\
2024-05-13;Klotter;Stationsområdet;;;Taggar.;Gnestahem\n\
2099-01-01;UFO;Månen;;;;Gnestahem\n\
2024-05-14;Brand;;59.33;18.07;Ring 070-123 45 67;\n";
    let errors = gnesta
        .import_incidents_csv(Actor::System, file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<(u64, &str, &str)> = errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.problem.code()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "Kategori", "not-one-of"),
            (3, "Datum", "in-future"),
            (3, "Plats", "unknown-place"),
            (4, "Latitud", "outside-municipality"),
            (4, "Beskrivning", "personal-data"),
            (4, "Rapportör", "required"),
        ]
    );
    let (from, to) = year(2024);
    assert!(
        gnesta.incidents(from, to).await.unwrap().is_empty(),
        "the good first row is not stored either"
    );

    // A file without the columns a report needs says which are missing.
    let errors = gnesta
        .import_incidents_csv(Actor::System, "Plats;Väder\nGnesta;sol\n".as_bytes(), false)
        .await
        .unwrap()
        .unwrap_err();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.column.as_str(), e.problem.code()))
        .collect();
    assert_eq!(
        found,
        [
            ("Väder", "unknown-column"),
            ("category", "missing-column"),
            ("date", "missing-column"),
            ("reporter", "missing-column"),
        ]
    );
}

#[tokio::test]
async fn a_phone_number_the_importer_has_checked_goes_in() {
    let (_t, gnesta) = gnesta().await;
    let file = "kategori,datum,plats,beskrivning,rapportör\n\
annat ordningsstörande,2024-05-13,gnesta,Vakten nås på 08-123 456 78,Securitas\n";
    let refused = gnesta
        .import_incidents_csv(Actor::System, file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(
        refused[0].problem,
        Problem::PersonalData {
            kind: "phone-number".into()
        }
    );
    let added = gnesta
        .import_incidents_csv(Actor::System, file.as_bytes(), true)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(added.added, 1);
}

#[tokio::test]
async fn a_report_from_the_form_or_the_api_is_the_report_a_file_gives() {
    let (_t, gnesta) = gnesta().await;
    let report = gnesta
        .with_incident_context(|context| {
            IncidentFields {
                category: "motor_vehicles",
                date: "2024-05-13",
                time: "22:40",
                place: "stationsomradet",
                text: "Mopeder kör i cirklar.",
                reporter: "Gnestahem",
                ..Default::default()
            }
            .parse(context)
        })
        .await
        .unwrap()
        .unwrap();
    let by_form = gnesta
        .add_incidents(Actor::System, &[report], false)
        .await
        .unwrap();
    assert_eq!(by_form.added, 1);
    let file = "kategori;datum;tid;plats;beskrivning;rapportör\n\
Störning från motorfordon;2024-05-13;22:40;Stationsområdet;Mopeder kör i cirklar.;Gnestahem\n";
    let by_file = gnesta
        .import_incidents_csv(Actor::System, file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (by_file.added, by_file.already_there),
        (0, 1),
        "the same content is the same report"
    );
}

#[tokio::test]
async fn the_weeks_review_marks_corrects_and_merges_only_this_municipalitys_reports() {
    use lofte_db::incidents::Review;
    let (t, gnesta) = gnesta().await;
    gnesta
        .import_incidents_csv(Actor::System, WEEK.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    let (from, to) = year(2024);
    let ids: Vec<i64> = gnesta
        .incidents(from, to)
        .await
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    gnesta
        .review_incident(Actor::System, ids[0], Review::Reviewed)
        .await
        .unwrap();
    gnesta
        .review_incident(
            Actor::System,
            ids[1],
            Review::Recategorised(IncidentCategory::Vandalism),
        )
        .await
        .unwrap();
    gnesta
        .review_incident(Actor::System, ids[2], Review::DuplicateOf(ids[1]))
        .await
        .unwrap();
    let after = gnesta.incidents(from, to).await.unwrap();
    let seen: Vec<(i64, IncidentCategory, bool)> = after
        .iter()
        .map(|i| (i.id, i.category, i.reviewed))
        .collect();
    assert_eq!(
        seen,
        [
            (ids[0], IncidentCategory::MotorVehicles, true),
            (ids[1], IncidentCategory::Vandalism, true),
        ]
    );
    // Another municipality's coordinator cannot touch Gnesta's reports.
    t.db.import_profile(&parse_profile_json(r#"{"municipality": "0480", "places": []}"#).unwrap())
        .await
        .unwrap();
    let nykoping = t.db.tenant_named("0480").await.unwrap().unwrap();
    assert!(matches!(
        nykoping
            .review_incident(Actor::System, ids[0], Review::Reviewed)
            .await,
        Err(lofte_db::Error::NotFound)
    ));
    assert!(matches!(
        gnesta
            .review_incident(Actor::System, ids[0], Review::DuplicateOf(ids[0]))
            .await,
        Err(lofte_db::Error::NotFound)
    ));
}

#[tokio::test]
async fn two_staff_merging_a_pair_into_each_other_at_once_keep_one_report() {
    use lofte_db::incidents::Review;
    let (_t, gnesta) = gnesta().await;
    // Ten pairs of reports of one thing, reported twice in the night's words.
    let mut file = String::from("Löpnummer;Datum;Kl;Kategori;Plats;Beskrivning;Rapportör\n");
    for n in 0..10 {
        for (run, words) in [("a", "Taggar på perrongen."), ("b", "Klotter vid spåret.")] {
            file.push_str(&format!(
                "GH-{n}{run};2024-06-{:02};23:10;Klotter;Stationsområdet;{words};Gnestahem\n",
                n + 1
            ));
        }
    }
    gnesta
        .import_incidents_csv(Actor::System, file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    let (from, to) = year(2024);
    let mut ids: Vec<(chrono::DateTime<chrono::Utc>, i64)> = gnesta
        .incidents(from, to)
        .await
        .unwrap()
        .iter()
        .map(|i| (i.started_at, i.id))
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 20);

    // For each pair, one coordinator marks the first a duplicate of the second and
    // another the second of the first, at the same moment.
    let mut tasks = tokio::task::JoinSet::new();
    for pair in ids.chunks(2) {
        let (a, b) = (pair[0].1, pair[1].1);
        for (id, kept) in [(a, b), (b, a)] {
            let gnesta = gnesta.clone();
            tasks.spawn(async move {
                gnesta
                    .review_incident(Actor::System, id, Review::DuplicateOf(kept))
                    .await
            });
        }
    }
    let merges = tasks.join_all().await;
    // One merge of each pair went through; the other found its report gone.
    assert_eq!(
        merges.iter().filter(|m| m.is_ok()).count(),
        10,
        "{merges:?}"
    );
    assert!(
        merges
            .iter()
            .all(|m| m.is_ok() || matches!(m, Err(lofte_db::Error::NotFound))),
        "{merges:?}"
    );
    let left = gnesta.incidents(from, to).await.unwrap();
    for pair in ids.chunks(2) {
        let kept = left
            .iter()
            .filter(|i| i.id == pair[0].1 || i.id == pair[1].1)
            .count();
        assert_eq!(kept, 1, "pair {pair:?}: one report is kept");
    }
}

#[tokio::test]
async fn texts_older_than_two_years_are_forgotten_and_the_reports_stay() {
    let (t, gnesta) = gnesta().await;
    gnesta
        .import_incidents_csv(Actor::System, WEEK.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    // Two years and a day after the 14th, the 13th's and 14th's texts go; the 15th's stays.
    let now = chrono::DateTime::parse_from_rfc3339("2026-05-15T00:30:00+02:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    assert_eq!(t.db.forget_old_incident_texts(now).await.unwrap(), 2);
    let (from, to) = year(2024);
    let texts: Vec<Option<String>> = gnesta
        .incidents(from, to)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts, [None, None, Some("Krossad busskur.".to_owned())]);
    assert_eq!(t.db.forget_old_incident_texts(now).await.unwrap(), 0);
}

/// A housing company is a partner: its people cannot be given another role, a membership
/// stored with one grants a partner's rights only, and their reports carry the company's
/// name and are theirs to read.
#[tokio::test]
async fn a_partner_reports_as_itself_and_has_no_other_role() {
    use lofte_db::OrganisationRef;
    use lofte_domain::{Email, MunicipalityCode, Role};
    use sea_orm::ConnectionTrait;
    let (t, gnesta) = gnesta().await;
    let code = MunicipalityCode::parse("0461").unwrap();
    let housing =
        t.db.organisation(&OrganisationRef::Partner {
            name: "Gnestahem".into(),
            municipality: code.clone(),
        })
        .await
        .unwrap();
    let guard =
        t.db.create_account(
            &Email::parse("vakt@gnestahem.example").unwrap(),
            "Vakt",
            "$argon2id$not-a-real-hash",
        )
        .await
        .unwrap();
    match t.db.grant(guard, housing, Role::Coordinator).await {
        Err(lofte_db::Error::Invalid(errors)) => {
            assert_eq!(errors[0].path, "role");
            assert_eq!(
                errors[0].problem,
                Problem::NotOneOf {
                    value: "coordinator".into(),
                    allowed: "partner".into()
                }
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(t.db.principal(guard).await.unwrap().grants.is_empty());
    match t
        .db
        .create_api_token(housing, Role::Reporter, "Felanmälan", "digest")
        .await
    {
        Err(lofte_db::Error::Invalid(errors)) => assert_eq!(errors[0].path, "role"),
        other => panic!("{other:?}"),
    }

    // A membership stored before the rule, as a coordinator: a partner's rights only.
    let raw = sea_orm::Database::connect(&t.url).await.unwrap();
    raw.execute_unprepared(&format!(
        "INSERT INTO membership (account_id, organisation_id, role) \
         VALUES ({guard}, {housing}, 'coordinator')"
    ))
    .await
    .unwrap();
    raw.close().await.unwrap();
    assert_eq!(
        t.db.principal(guard).await.unwrap().role_in(&code),
        Some(Role::Partner)
    );

    let report = gnesta
        .with_incident_context(|context| {
            IncidentFields {
                category: "graffiti",
                date: "2024-05-14",
                place: "stationsomradet",
                text: "Taggar i gångtunneln.",
                reporter: "Gnesta kommun",
                ..Default::default()
            }
            .parse(context)
        })
        .await
        .unwrap()
        .unwrap();
    gnesta
        .add_incidents(Actor::Account(guard), &[report], false)
        .await
        .unwrap();
    gnesta
        .import_incidents_csv(Actor::System, WEEK.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    let (from, to) = year(2024);
    let own = gnesta
        .organisation_incidents(housing, from, to)
        .await
        .unwrap();
    assert_eq!(own.len(), 1, "the file's reports are no one's own");
    assert_eq!(own[0].reporter, "Gnestahem", "not what was typed");
    assert_eq!(own[0].text.as_deref(), Some("Taggar i gångtunneln."));
    assert_eq!(gnesta.incidents(from, to).await.unwrap().len(), 4);
}

/// A file longer than a batch streams into one transaction: a bad row after the first
/// batches were stored leaves nothing behind, and the good file is stored whole.
#[tokio::test]
async fn a_long_file_is_stored_whole_or_not_at_all() {
    let (_t, gnesta) = gnesta().await;
    let mut good = "Löpnummer;Datum;Kategori;Plats;Rapportör\n".to_owned();
    for n in 0..1000 {
        good.push_str(&format!(
            "L-{n};2024-{:02}-{:02};Klotter;Stationsområdet;Gnestahem\n",
            1 + n % 12,
            1 + n % 28
        ));
    }
    let bad = format!("{good}L-x;2024-02-30;Klotter;Stationsområdet;Gnestahem\n");
    let errors = gnesta
        .import_incidents_csv(Actor::System, bad.as_bytes(), false)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!((errors[0].line, errors[0].column.as_str()), (1002, "Datum"));
    let (from, to) = year(2024);
    assert!(gnesta.incidents(from, to).await.unwrap().is_empty());
    let summary = gnesta
        .import_incidents_csv(Actor::System, good.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((summary.added, summary.already_there), (1000, 0));
    assert_eq!(gnesta.incidents(from, to).await.unwrap().len(), 1000);
}

/// The stored reports, every column but the id and the time they were stored, as text.
async fn stored_incident_rows(t: &TestDatabase) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(&t.url).await.unwrap();
    let columns = "municipality_code, category, CAST(started_at AS TEXT), CAST(ended_at AS TEXT), \
        CAST(local_day AS TEXT), CAST(local_hour AS TEXT), place_slug, CAST(lat AS TEXT), \
        CAST(lon AS TEXT), text, reporter, dedup_key, CAST(reviewed_at AS TEXT), \
        CAST(account_id AS TEXT), CAST(api_token_id AS TEXT), CAST(organisation_id AS TEXT)";
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT {columns}, synthetic FROM incident ORDER BY dedup_key"),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            let texts: Vec<Option<String>> = (0..16)
                .map(|i| row.try_get_by_index::<Option<String>>(i).unwrap())
                .collect();
            format!("{texts:?} {}", row.try_get_by_index::<bool>(16).unwrap())
        })
        .collect()
}

// The import writes its rows its own way on SQLite (straight to sqlx, for speed); what it
// stores must be what the API stores for the same reports, on both databases.
#[tokio::test]
async fn an_imported_report_is_stored_as_the_same_report_sent_through_the_api() {
    let file = "Löpnummer;Kategori;Datum;Tid;Slutdatum;Sluttid;Plats;Latitud;Longitud;Beskrivning;Rapportör\n\
GH-1;Klotter;2024-05-13;22:40;;;Stationsområdet;;;\"Taggar; \"\"nya\"\" <b>\";Gnestahem\n\
;skadegörelse;2024-03-31;01:30;2024-03-31;04:00;;59.05;17.30;;Väktarbolaget\n\
;Brand;2024-10-27;;;;Björnlunda;;;Container.;Gnestahem\n";
    let (imported, by_file) = gnesta().await;
    let summary = by_file
        .import_incidents_csv(Actor::System, file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.added, 3);
    let (sent, by_api) = gnesta().await;
    // The same rows, read as the file's reader reads them (a quoted text holds a `;`).
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(file.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    let mut reports = Vec::new();
    for r in &records {
        let report = by_api
            .with_incident_context(|context| {
                IncidentFields {
                    external_id: &r[0],
                    category: &r[1],
                    date: &r[2],
                    time: &r[3],
                    end_date: &r[4],
                    end_time: &r[5],
                    place: &r[6],
                    lat: &r[7],
                    lon: &r[8],
                    text: &r[9],
                    reporter: &r[10],
                    confirmed: false,
                }
                .parse(context)
            })
            .await
            .unwrap()
            .unwrap();
        reports.push(report);
    }
    by_api
        .add_incidents(Actor::System, &reports, false)
        .await
        .unwrap();
    let (file_rows, api_rows) = (
        stored_incident_rows(&imported).await,
        stored_incident_rows(&sent).await,
    );
    assert_eq!(file_rows.len(), 3);
    assert_eq!(file_rows, api_rows);
}

/// A large import into a table it outgrows builds the picture's index again at the end:
/// it holds every report and SQLite finds the file consistent (SQLite only; PostgreSQL
/// keeps its indexes throughout).
#[tokio::test]
async fn a_large_import_rebuilds_the_pictures_indexes_whole() {
    use sea_orm::ConnectionTrait;
    let (t, gnesta) = gnesta().await;
    let mut file = String::from("id;kategori;datum;tid;plats;rapportör\n");
    for n in 0..2_000 {
        file.push_str(&format!(
            "r-{n};klotter;2024-{:02}-{:02};{:02}:00;stationsomradet;Gnestahem\n",
            1 + n % 12,
            1 + n % 28,
            n % 24
        ));
    }
    let summary = gnesta
        .import_incidents_csv(Actor::System, file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.added, 2_000);
    let (from, to) = year(2024);
    let counts = gnesta.incident_counts(from, to).await.unwrap().0;
    assert_eq!(counts, [(IncidentCategory::Graffiti, 2_000)]);
    if !t.url.starts_with("sqlite") {
        return;
    }
    let conn = sea_orm::Database::connect(&t.url).await.unwrap();
    // The picture's index holds every report; the organisations' holds only reports
    // made for one, which a file's are not.
    for (query, expected) in [
        (
            "SELECT COUNT(*) FROM incident INDEXED BY incident_picture",
            2_000,
        ),
        (
            "SELECT COUNT(*) FROM incident INDEXED BY incident_organisation \
             WHERE organisation_id IS NOT NULL",
            0,
        ),
    ] {
        let through = conn
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                query,
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            through.try_get_by_index::<i64>(0).unwrap(),
            expected,
            "{query}"
        );
    }
    let integrity = conn
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(integrity.try_get_by_index::<String>(0).unwrap(), "ok");
}
