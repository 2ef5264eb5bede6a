//! The pure half of the survey importer, fast: a response file read the way
//! `Tenant::import_survey_csv` reads it (csv, flexible rows) and checked against Flen's
//! codebook with `Codebook::layout` and `Layout::check`, without a database, so it runs
//! a hundred times as many inputs as `survey_csv` does. No panic; every problem is on a
//! column the header has (or the whole row); an accepted row's answers are on their
//! items' scales and its group codes in the codebook; a row for year Y is accepted for an
//! import of year Y and refused, on its year, for any other year.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lofte_domain::survey::{Codebook, parse_codebook_json};
use lofte_domain::{Problem, Year};

fn flen() -> &'static Codebook {
    static CODEBOOK: OnceLock<Codebook> = OnceLock::new();
    CODEBOOK.get_or_init(|| {
        parse_codebook_json(include_str!("../../data/flen/survey-codebook.json"))
            .expect("Flen's codebook parses")
    })
}

fuzz_target!(|data: &[u8]| {
    let codebook = flen();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    let Ok(header) = reader.headers().cloned() else {
        return;
    };
    let header: Vec<&str> = header.iter().collect();
    let layout = match codebook.layout(&header) {
        Ok(layout) => layout,
        Err(problems) => {
            assert!(!problems.is_empty());
            for (column, problem) in &problems {
                let named = header
                    .iter()
                    .any(|h| h.trim().trim_start_matches('\u{feff}') == column);
                assert!(
                    named || matches!(problem, Problem::MissingColumn | Problem::NoSurveyItems),
                    "{problem:?} on {column:?}, which the header {header:?} does not have"
                );
            }
            return;
        }
    };
    let items: Vec<_> = layout
        .item_positions()
        .into_iter()
        .map(|i| &codebook.items[i])
        .collect();
    let other_year = Year::new(2011).expect("a year");
    let mut answers = Vec::new();
    let mut record = csv::StringRecord::new();
    while let Ok(true) = reader.read_record(&mut record) {
        let cells: Vec<&str> = record.iter().collect();
        match layout.check(&cells, "0482", None, &mut answers) {
            Err(problems) => {
                assert!(!problems.is_empty(), "refused without a problem");
                for (column, problem) in &problems {
                    assert!(
                        (column.is_empty() && matches!(problem, Problem::ColumnCount { .. }))
                            || header
                                .iter()
                                .any(|h| h.trim().trim_start_matches('\u{feff}') == *column),
                        "{problem:?} on {column:?}, which the header {header:?} does not have"
                    );
                }
            }
            Ok(response) => {
                assert_eq!(answers.len(), items.len());
                for (&encoded, item) in answers.iter().zip(&items) {
                    assert!(
                        encoded == 0 || item.answer(encoded - 1).is_some(),
                        "answer {encoded} is not on the scale of {}",
                        item.code
                    );
                }
                for (code, groups) in [
                    (response.area, &codebook.areas),
                    (response.gender, &codebook.genders),
                    (response.age_band, &codebook.age_bands),
                ] {
                    assert!(code == 0 || groups.iter().any(|g| g.code == code));
                }
                assert!(response.weight.get().is_finite() && response.weight.get() > 0.0);
                let year = response.year;
                let mut again = Vec::new();
                assert!(layout.check(&cells, "0482", Some(year), &mut again).is_ok());
                assert_eq!(again, answers);
                if year != other_year {
                    let refused = layout
                        .check(&cells, "0482", Some(other_year), &mut again)
                        .expect_err("a row of another year");
                    assert!(
                        refused
                            .iter()
                            .all(|(_, p)| matches!(p, Problem::OtherYear { .. })),
                        "{refused:?}"
                    );
                }
            }
        }
    }
});
