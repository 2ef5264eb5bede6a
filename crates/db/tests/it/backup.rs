//! Backups: a dump loaded into a fresh database gives back every value of every table;
//! a damaged dump changes nothing; a SQLite file copy taken while in use restores too.

use lofte_db::Db;
use lofte_db::testing::{dump_as_text, fresh_database};

/// Every value of every table, sorted (row order on disk may differ), except the
/// database's own bookkeeping: when each migration ran, SQLite's id counters.
async fn contents(db: &Db) -> String {
    let dump = dump_as_text(db).await;
    let mut lines: Vec<&str> = dump
        .lines()
        .filter(|l| !l.starts_with("seaql_migrations.") && !l.starts_with("sqlite_sequence."))
        .collect();
    lines.sort_unstable();
    lines.join("\n")
}

/// Compares two contents, showing only the lines that differ.
fn same(got: &str, expected: &str) {
    let got: std::collections::BTreeSet<&str> = got.lines().collect();
    let expected: std::collections::BTreeSet<&str> = expected.lines().collect();
    let missing: Vec<_> = expected.difference(&got).take(10).collect();
    let extra: Vec<_> = got.difference(&expected).take(10).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
}

/// The Flen demo with everything in it: promises, activities, incident reports, survey
/// blocks, inputs,
/// and a finding with a photo (bytes).
async fn full_database() -> lofte_db::testing::TestDatabase {
    filled(fresh_database().await).await
}

/// `database` with every kind of row a backup must carry.
async fn filled(database: lofte_db::testing::TestDatabase) -> lofte_db::testing::TestDatabase {
    let db = &database.db;
    lofte_db::demo::load_flen(db).await.unwrap();
    lofte_db::demo::load_flen_activities(db).await.unwrap();
    lofte_db::demo::load_flen_incidents(db).await.unwrap();
    lofte_db::demo::load_flen_police_events(db).await.unwrap();
    lofte_db::demo::load_flen_survey(db).await.unwrap();
    lofte_db::demo::load_flen_inputs(db).await.unwrap();
    let tenant = db.tenant_named("0482").await.unwrap().unwrap();
    let walk = tenant
        .add_walk(
            lofte_db::Actor::System,
            &lofte_domain::walk::NewWalk {
                date: chrono::NaiveDate::from_ymd_opt(2021, 5, 4).unwrap(),
                route: vec![lofte_domain::PlaceSlug::parse("sveaparken").unwrap()],
                participants: 7,
                again_by: None,
            },
            lofte_domain::followup::Performer::Municipality,
        )
        .await
        .unwrap();
    let finding = tenant
        .add_finding(
            lofte_db::Actor::System,
            walk,
            &lofte_domain::walk::NewFinding {
                place: lofte_domain::PlaceSlug::parse("sveaparken").unwrap(),
                category: lofte_domain::walk::FindingCategory::Lighting,
                description: lofte_domain::Text::parse("Mörkt, \"citat\" och\nny rad.", 500)
                    .unwrap(),
                owner: lofte_domain::Text::parse("Gatuenheten", 100).unwrap(),
                due: None,
            },
            &Default::default(),
        )
        .await
        .unwrap();
    tenant
        .set_finding_photo(
            lofte_db::Actor::System,
            finding,
            &lofte_db::safety_walks::FindingPhoto {
                media_type: "image/png".into(),
                data: (0..=255u8).cycle().take(5000).collect(),
            },
        )
        .await
        .unwrap();
    database
}

#[tokio::test]
async fn a_dump_restores_every_value_and_a_damaged_one_changes_nothing() {
    let source = full_database().await;
    let mut dump = Vec::new();
    let dumped = source.db.dump(&mut dump).await.unwrap();
    assert!(dumped.rows > 600, "{dumped:?}");

    let target = fresh_database().await;
    let loaded = target.db.load_dump(&dump[..]).await.unwrap();
    assert_eq!(loaded, dumped);
    let expected = contents(&source.db).await;
    assert!(
        expected.contains("finding_photo.data"),
        "blobs are compared too"
    );
    same(&contents(&target.db).await, &expected);

    // The restored database keeps working: new rows get fresh ids (PostgreSQL's
    // sequences were moved past the restored ones).
    let tenant = target.db.tenant_named("0482").await.unwrap().unwrap();
    let input = lofte_domain::citizen::InputFields {
        locality: "flen",
        category: "other",
        text: "Efter återställningen.",
        ..Default::default()
    }
    .parse()
    .unwrap();
    tenant.receive_input(&input, None).await.unwrap();

    // Cut off in the middle of a line or at a line's end, or of another schema:
    // refused, nothing changed.
    let before = contents(&target.db).await;
    let text = String::from_utf8(dump.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at_line_end = lines[..lines.len() / 2].join("\n") + "\n";
    for cut in [&dump[..dump.len() - 40], at_line_end.as_bytes()] {
        let refused = target.db.load_dump(cut).await.unwrap_err();
        assert!(
            matches!(&refused, lofte_db::Error::Invalid(e)
                if matches!(e[0].problem, lofte_domain::Problem::BackupDamaged { .. })),
            "{refused}"
        );
    }
    // The header names the last migration applied, whichever that is now.
    let mut other = String::from_utf8(dump.clone()).unwrap();
    let newest = other
        .lines()
        .next()
        .and_then(|header| header.split('"').find(|part| part.starts_with("m00")))
        .expect("the header names a migration")
        .to_owned();
    other = other.replacen(&newest, "m0099_future", 1);
    let refused = target.db.load_dump(other.as_bytes()).await.unwrap_err();
    assert!(refused.to_string().contains("m0099_future"), "{refused}");
    assert_eq!(contents(&target.db).await, before);
}

#[tokio::test]
async fn a_sqlite_file_copy_taken_in_use_restores_every_value() {
    // The file copy is SQLite's, so this runs on SQLite in every run, whatever
    // `TEST_DATABASE_URL` says (the values are compared as SQLite writes them; the dump
    // test above covers PostgreSQL).
    let source = filled(lofte_db::testing::fresh_sqlite_database().await).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kopia.sqlite");
    source.db.backup_sqlite_file(&file).await.unwrap();
    let copy = Db::open_sqlite_backup(&file).await.unwrap();
    let target = lofte_db::testing::fresh_sqlite_database().await;
    target.db.copy_from(&copy).await.unwrap();
    same(&contents(&target.db).await, &contents(&source.db).await);
}

/// An address a resident left to be asked "Blev det gjort?" is promised to be gone within
/// three months, and a follower's the moment they unsubscribe; neither kind of backup
/// keeps either, nor the mail queued to them (the input itself is kept).
#[tokio::test]
async fn addresses_residents_gave_are_in_no_backup() {
    async fn with_contact(database: &lofte_db::testing::TestDatabase) -> i32 {
        let profile = lofte_domain::exchange::parse_profile_json(
            r#"{ "municipality": "0428", "places": [
                { "slug": "hogsjo", "name": "Högsjö", "kind": "locality", "lat": 59.047, "lon": 15.727 } ] }"#,
        )
        .unwrap();
        database.db.import_profile(&profile).await.unwrap();
        let tenant = database.db.tenant_named("0428").await.unwrap().unwrap();
        let input = lofte_domain::citizen::InputFields {
            locality: "hogsjo",
            category: "lighting",
            text: "Mörkt vid skolan.",
            ..Default::default()
        }
        .parse()
        .unwrap();
        let contact = lofte_domain::citizen::InputContact {
            email: lofte_domain::Email::parse("fraga@example.se").unwrap(),
            lang: "sv".into(),
        };
        let id = tenant.receive_input(&input, Some(&contact)).await.unwrap();
        assert!(tenant.will_ask(id).await.unwrap());
        // A follower asked to confirm: an address in `follower` and in the outbox.
        let asked = database
            .db
            .request_follow(
                &lofte_db::follows::FollowRequest {
                    email: lofte_domain::Email::parse("foljer@example.se").unwrap(),
                    lang: "sv".into(),
                    municipality: lofte_domain::MunicipalityCode::parse("0428").unwrap(),
                    target: lofte_domain::follow::Target::Place("hogsjo".into()),
                    frequency: lofte_domain::follow::Frequency::Weekly,
                },
                |_| lofte_db::mail::Letter {
                    kind: lofte_db::follows::CONFIRM_LETTER.into(),
                    lang: "sv".into(),
                    subject: "Bekräfta".into(),
                    body_text: "Bekräfta.".into(),
                    body_html: "<p>Bekräfta.</p>".into(),
                },
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        assert!(matches!(asked, lofte_db::follows::Requested::Asked(_)));
        id
    }
    let addresses = ["fraga@example.se", "foljer@example.se"];
    let in_text = |text: &str| addresses.iter().any(|a| text.contains(a));

    let source = fresh_database().await;
    let id = with_contact(&source).await;
    let mut dump = Vec::new();
    source.db.dump(&mut dump).await.unwrap();
    assert!(!in_text(&String::from_utf8_lossy(&dump)));
    let target = fresh_database().await;
    target.db.load_dump(&dump[..]).await.unwrap();
    let restored = target.db.tenant_named("0428").await.unwrap().unwrap();
    assert_eq!(restored.input(id).await.unwrap().text, "Mörkt vid skolan.");
    assert!(!restored.will_ask(id).await.unwrap());
    assert_eq!(target.db.mail_waiting().await.unwrap(), 0);

    let sqlite = lofte_db::testing::fresh_sqlite_database().await;
    let id = with_contact(&sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kopia.sqlite");
    sqlite.db.backup_sqlite_file(&file).await.unwrap();
    let bytes = std::fs::read(&file).unwrap();
    for address in addresses {
        assert!(
            !bytes
                .windows(address.len())
                .any(|w| w == address.as_bytes()),
            "{address} is overwritten in the file, not only unlinked"
        );
    }
    let copy = Db::open_sqlite_backup(&file).await.unwrap();
    let text = lofte_db::testing::dump_as_text(&copy).await;
    assert!(text.contains("Mörkt vid skolan.") && !in_text(&text));
    // The running system still has them.
    let tenant = sqlite.db.tenant_named("0428").await.unwrap().unwrap();
    assert!(tenant.will_ask(id).await.unwrap());
    assert_eq!(sqlite.db.mail_waiting().await.unwrap(), 1);
}
