//! Reported crime and population as the national crime statistics and Statistics Sweden
//! export them, for Gnesta and Vingåker (not the demo): regions by code, code and name or
//! official name, quarters in a column of their own, `..` for a figure not published, a
//! preliminary count replaced by the final one, and a wide population table by sex.

use lofte_db::testing::fresh_database;
use lofte_domain::crime::{PeriodPart, StatPeriod};

const QUARTERS: &str = "\u{feff}Region;Brottstyp;År;Kvartal;Antal anmälda brott;Preliminär/slutlig
0461 Gnesta;Skadegörelsebrott;2023;1;41;slutlig
0461 Gnesta;Skadegörelsebrott;2023;2;38;slutlig
0461 Gnesta;Skadegörelsebrott;2024;1;29;preliminär
Gnesta kommun;Skadegörelsebrott;2024;2;33;preliminär
0428;Skadegörelsebrott;2024;1;..;preliminär
Vingåker;Samtliga brott;2024;K1;1 012;preliminär
";

#[tokio::test]
async fn crime_and_population_are_read_as_exported_and_replaced_when_final() {
    let t = fresh_database().await;
    let summary =
        t.db.import_crime_stats_csv(QUARTERS.as_bytes(), false)
            .await
            .unwrap()
            .unwrap();
    assert_eq!((summary.stored, summary.not_published), (5, 1));
    let gnesta = t.db.tenant_named("0461").await.unwrap().unwrap();
    let mut counts = gnesta.crime_counts(2023, 2024).await.unwrap();
    counts.sort_by_key(|c| c.period);
    let q = |year, n| StatPeriod {
        year,
        part: PeriodPart::Quarter(n),
    };
    assert_eq!(
        counts
            .iter()
            .map(|c| (c.period, c.count, c.preliminary))
            .collect::<Vec<_>>(),
        [
            (q(2023, 1), 41, false),
            (q(2023, 2), 38, false),
            (q(2024, 1), 29, true),
            (q(2024, 2), 33, true)
        ]
    );
    let vingaker = t.db.tenant_named("0428").await.unwrap().unwrap();
    assert_eq!(
        vingaker.crime_counts(2024, 2024).await.unwrap()[0].count,
        1012
    );

    // The final figures replace the preliminary ones, in a file with a period column.
    let final_file =
        "kommun,period,brottstyp,antal,status\n0461,2024Q1,Skadegörelsebrott,31,slutlig\n";
    t.db.import_crime_stats_csv(final_file.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    let q1 = gnesta
        .crime_counts(2024, 2024)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.period == q(2024, 1))
        .unwrap();
    assert_eq!((q1.count, q1.preliminary), (31, false));

    // Statistics Sweden's wide table, a column a year, by sex.
    let population = "\"region\",\"kön\",\"2023\",\"2024\"\n\
        \"0461 Gnesta\",\"män\",5 610,5 655\n\
        \"0461 Gnesta\",\"kvinnor\",5 530,5 561\n";
    let summary =
        t.db.import_population_csv(population.as_bytes(), false)
            .await
            .unwrap()
            .unwrap();
    assert_eq!(summary.stored, 4);
    assert_eq!(
        gnesta.residents(2024).await.unwrap(),
        Some((2024, 11_216, false))
    );
    assert_eq!(
        gnesta.residents(2030).await.unwrap(),
        Some((2024, 11_216, false)),
        "the latest year up to the one asked for"
    );
    assert_eq!(gnesta.residents(2022).await.unwrap(), None);
    // A total given beside the sexes is the total.
    let long = "Kommun;År;Kön;Folkmängd\nGnesta;2024;totalt;11 230\n";
    t.db.import_population_csv(long.as_bytes(), false)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        gnesta.residents(2024).await.unwrap(),
        Some((2024, 11_230, false))
    );
}

#[tokio::test]
async fn a_bad_file_is_refused_whole_with_every_cell_named() {
    let t = fresh_database().await;
    let bad = "Region;Brottstyp;År;Kvartal;Antal\n\
        0461 Gnesta;Skadegörelsebrott;2024;1;29\n\
        Atlantis;Skadegörelsebrott;2024;5;tjugo\n";
    let errors =
        t.db.import_crime_stats_csv(bad.as_bytes(), false)
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
            (3, "Region", "unknown-municipality"),
            (3, "Kvartal", "not-one-of"),
            (3, "Antal", "not-one-of"),
        ]
    );
    let gnesta = t.db.tenant_named("0461").await.unwrap().unwrap();
    assert!(gnesta.crime_counts(2024, 2024).await.unwrap().is_empty());

    // The same figure twice, by code and by name: refused, not one of them picked.
    let twice = "Region;Brottstyp;År;Antal\n0461;Rån;2024;3\nGnesta;Rån;2024;4\n";
    let errors =
        t.db.import_crime_stats_csv(twice.as_bytes(), false)
            .await
            .unwrap()
            .unwrap_err();
    assert_eq!(
        (
            errors[0].line,
            errors[0].column.as_str(),
            errors[0].problem.code()
        ),
        (3, "Brottstyp", "duplicate")
    );

    let missing = "Region;Antal\n0461;3\n";
    let errors =
        t.db.import_crime_stats_csv(missing.as_bytes(), false)
            .await
            .unwrap()
            .unwrap_err();
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.column.as_str(), e.problem.code()))
            .collect::<Vec<_>>(),
        [("category", "missing-column")]
    );
    let population = "region,kön,2024\n0461 Gnesta,okänt,100\n";
    let errors =
        t.db.import_population_csv(population.as_bytes(), false)
            .await
            .unwrap()
            .unwrap_err();
    assert_eq!(
        (
            errors[0].line,
            errors[0].column.as_str(),
            errors[0].problem.code()
        ),
        (2, "kön", "not-one-of")
    );
}
