//! The survey codebook, the check of response rows, and indicator figures computed by the
//! tally against an independent, naive computation of the same definitions.

use lofte_domain::stats::{Better, Estimate, OutcomeVerdict, Rules};
use lofte_domain::survey::{
    Breakdown, Codebook, Columns, Tally, encode_answer, parse_codebook_json,
};
use lofte_domain::{Problem, Year};
use proptest::prelude::*;

const CODEBOOK: &str = include_str!("../../../data/flen/survey-codebook.json");

fn codebook() -> Codebook {
    parse_codebook_json(CODEBOOK).expect("the example codebook parses")
}

fn codes(errors: &[lofte_domain::FieldError]) -> Vec<(String, &'static str)> {
    errors
        .iter()
        .map(|e| (e.path.clone(), e.problem.code()))
        .collect()
}

#[test]
fn the_example_codebook_parses_and_round_trips() {
    let c = codebook();
    assert_eq!(c.items.len(), 7);
    assert_eq!(c.indicators.len(), 5);
    assert_eq!(c.genders[0].label.sv.as_str(), "Kvinnor");
    let json = serde_json::to_string(&c.to_document()).unwrap();
    assert_eq!(parse_codebook_json(&json).unwrap(), c);
}

#[test]
fn a_bad_codebook_is_refused_with_every_problem_by_path() {
    let mut doc: serde_json::Value = serde_json::from_str(CODEBOOK).unwrap();
    doc["genders"][1]["code"] = 1.into();
    doc["items"][1]["code"] = "Oro brott".into();
    doc["indicators"][0]["categories"] = serde_json::json!([3, 9]);
    doc["indicators"][2]["items"][0] = "problem_klotter".into();
    assert_eq!(
        codes(&parse_codebook_json(&doc.to_string()).unwrap_err()),
        [
            ("genders[1].code".to_owned(), "duplicate"),
            ("items[1].code".to_owned(), "survey-code"),
            ("indicators[0].categories[1]".to_owned(), "not-in-codebook"),
            ("indicators[1].item".to_owned(), "unknown-survey-item"),
            ("indicators[2].items[0]".to_owned(), "unknown-survey-item"),
            ("indicators[4].item".to_owned(), "unknown-survey-item"),
        ],
        "a 'don't know' answer cannot be a category; indicators of a misnamed item fail too"
    );
}

const HEADER: [&str; 9] = [
    "respondent_id",
    "year",
    "municipality",
    "area",
    "gender",
    "age_band",
    "weight",
    "otrygg_kvall",
    "fortroende_polis",
];

#[test]
fn the_header_must_have_the_fixed_columns_and_only_known_items() {
    let c = codebook();
    let mut header = HEADER.to_vec();
    header.retain(|h| *h != "weight");
    header.push("skor");
    let problems = c.layout(&header).unwrap_err();
    let named: Vec<(&str, &str)> = problems
        .iter()
        .map(|(col, p)| (col.as_str(), p.code()))
        .collect();
    assert_eq!(
        named,
        [("skor", "unknown-column"), ("weight", "missing-column")]
    );
}

#[test]
fn each_bad_cell_is_named_by_its_column() {
    let c = codebook();
    let layout = c.layout(&HEADER).unwrap();
    let mut answers = Vec::new();
    let good = ["R1", "2021", "0482", "1", "2", "3", "1.5", "4", ""];
    let response = layout
        .check(&good, "0482", None, &mut answers)
        .expect("a good row");
    assert_eq!(response.year, Year::new(2021).unwrap());
    assert_eq!(
        (response.area, response.gender, response.age_band),
        (1, 2, 3)
    );
    assert_eq!(answers, [encode_answer(Some(4)), encode_answer(None)]);

    let bad = ["R2", "2020", "0483", "7", "", "3", "", "6", "9"];
    let problems = layout
        .check(&bad, "0482", Some(Year::new(2021).unwrap()), &mut answers)
        .unwrap_err();
    let named: Vec<(&str, Problem)> = problems;
    let codes: Vec<(&str, &str)> = named.iter().map(|(c, p)| (*c, p.code())).collect();
    assert_eq!(
        codes,
        [
            ("year", "other-year"),
            ("municipality", "other-municipality"),
            ("area", "not-in-codebook"),
            ("weight", "required"),
            ("otrygg_kvall", "not-in-codebook"),
        ],
        "'9' (vet ej) is on the scale, '6' is not; an empty gender is unknown, not wrong"
    );
    let Problem::NotInCodebook { allowed, .. } = &named[4].1 else {
        panic!()
    };
    assert_eq!(allowed, "1, 2, 3, 4, 5, 9");

    for weight in ["0", "-1", "NaN", "inf", "1;5"] {
        let row = ["R3", "2021", "0482", "1", "1", "1", weight, "1", "1"];
        let problems = layout.check(&row, "0482", None, &mut answers).unwrap_err();
        assert_eq!(problems[0].0, "weight", "{weight}");
        assert_eq!(problems[0].1.code(), "weight", "{weight}");
    }
}

/// As other systems export responses: groups and answers by their labels (Swedish or
/// English, any case) and weights with a decimal comma, read as the codes would be.
#[test]
fn labels_and_decimal_commas_are_read_as_codes_and_numbers() {
    let c = codebook();
    let layout = c.layout(&HEADER).unwrap();
    let mut answers = Vec::new();
    let row = [
        "R1",
        "2021",
        "0482",
        "Malmköping",
        "kvinnor",
        "3",
        "1,25",
        "Mycket otrygg",
        "vet ej",
    ];
    let response = layout
        .check(&row, "0482", None, &mut answers)
        .expect("a good row");
    assert_eq!((response.area, response.gender), (2, 1));
    assert_eq!(response.weight.get(), 1.25);
    let by_codes = ["R1", "2021", "0482", "2", "1", "3", "1.25", "4", "9"];
    let mut coded = Vec::new();
    layout.check(&by_codes, "0482", None, &mut coded).unwrap();
    assert_eq!(answers, coded);
    // A label no answer has is named with the allowed values.
    let wrong = [
        "R1",
        "2021",
        "0482",
        "Malmköping",
        "Women",
        "3",
        "1,25",
        "Rätt trygg",
        "",
    ];
    let problems = layout
        .check(&wrong, "0482", None, &mut answers)
        .unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "otrygg_kvall");
}

/// One synthetic respondent: year, gender, weight, unsafe answer, trust answer.
type Respondent = (i32, u16, f64, Option<u8>, Option<u8>);

fn tally(respondents: &[Respondent]) -> (Codebook, Tally) {
    let c = codebook();
    let positions: Vec<usize> = ["otrygg_kvall", "fortroende_polis"]
        .iter()
        .map(|code| c.item(code).unwrap().0)
        .collect();
    let year: Vec<u16> = respondents.iter().map(|r| r.0 as u16).collect();
    let gender: Vec<u16> = respondents.iter().map(|r| r.1).collect();
    let zeros = vec![0u16; respondents.len()];
    let weight: Vec<f64> = respondents.iter().map(|r| r.2).collect();
    let unsafe_: Vec<u8> = respondents.iter().map(|r| encode_answer(r.3)).collect();
    let trust: Vec<u8> = respondents.iter().map(|r| encode_answer(r.4)).collect();
    let answers: [&[u8]; 2] = [&unsafe_, &trust];
    let mut t = Tally::new();
    t.add(
        &c,
        &Columns {
            year: &year,
            area: &zeros,
            gender: &gender,
            age_band: &zeros,
            weight: &weight,
            answers: &answers,
            item_positions: &positions,
        },
    )
    .unwrap();
    (c, t)
}

/// The share unsafe (answers 3, 4, 5 of 1–5; 9 and blank left out) computed the plain
/// way: raw weighted sums, two passes.
fn naive_share(
    respondents: &[Respondent],
    year: i32,
    gender: Option<u16>,
) -> Option<(u64, f64, f64)> {
    let rows: Vec<(f64, f64)> = respondents
        .iter()
        .filter(|r| r.0 == year && gender.is_none_or(|g| g == r.1))
        .filter_map(|r| match r.3 {
            Some(v @ 1..=5) => Some((f64::from(u8::from(v >= 3)), r.2)),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let sw: f64 = rows.iter().map(|(_, w)| w).sum();
    let sw2: f64 = rows.iter().map(|(_, w)| w * w).sum();
    let p = rows.iter().map(|(y, w)| y * w).sum::<f64>() / sw;
    let equal = rows.iter().all(|(_, w)| *w == rows[0].1);
    let n_eff = if equal {
        rows.len() as f64
    } else {
        sw * sw / sw2
    };
    Some((rows.len() as u64, p, n_eff))
}

/// The mean trust (1–4; 9 left out) with its linearised standard error, the plain way.
fn naive_mean(respondents: &[Respondent], year: i32) -> Option<(u64, f64, f64)> {
    let rows: Vec<(f64, f64)> = respondents
        .iter()
        .filter(|r| r.0 == year)
        .filter_map(|r| match r.4 {
            Some(v @ 1..=4) => Some((f64::from(v), r.2)),
            _ => None,
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let n = rows.len() as f64;
    let sw: f64 = rows.iter().map(|(_, w)| w).sum();
    let mean = rows.iter().map(|(y, w)| y * w).sum::<f64>() / sw;
    let squares: f64 = rows
        .iter()
        .map(|(y, w)| w * w * (y - mean) * (y - mean))
        .sum();
    let se = (n / (n - 1.0) * squares / (sw * sw)).sqrt();
    Some((rows.len() as u64, mean, se))
}

fn respondent() -> impl Strategy<Value = Respondent> {
    (
        2019..=2020i32,
        1..=3u16,
        0.2..5.0f64,
        prop_oneof![Just(None), (1..=5u8).prop_map(Some), Just(Some(9))],
        prop_oneof![Just(None), (1..=4u8).prop_map(Some), Just(Some(9))],
    )
}

proptest! {
    /// Held-out data: the tally's figures for every year and gender agree with the naive
    /// computation, and every group under 30 respondents is suppressed.
    #[test]
    fn figures_agree_with_a_naive_computation(respondents in prop::collection::vec(respondent(), 0..400)) {
        let (c, t) = tally(&respondents);
        let rules = Rules::default();
        let figures = t.figures(&c, rules);
        for year in [2019, 2020] {
            for gender in [None, Some(1), Some(2), Some(3)] {
                let found = figures.iter().find(|f| {
                    f.indicator.as_str() == "otrygga-kvall"
                        && f.year.get() == year
                        && f.breakdown == gender.map_or(Breakdown::All, |_| Breakdown::Gender)
                        && f.group == gender.unwrap_or(0)
                });
                match (naive_share(&respondents, year, gender), found) {
                    (None, None) => {}
                    (Some((n, p, n_eff)), Some(f)) => match f.estimate {
                        Estimate::Suppressed { n: m } => {
                            prop_assert_eq!(m, n);
                            prop_assert!(n < 30);
                        }
                        Estimate::Value { estimate, n: m, n_eff: e, lower, upper, .. } => {
                            prop_assert!(n >= 30);
                            prop_assert_eq!(m, n);
                            prop_assert!((estimate - p).abs() < 1e-9, "{} vs {}", estimate, p);
                            prop_assert!((e - n_eff).abs() < 1e-9 * n_eff);
                            prop_assert!(lower <= estimate && estimate <= upper);
                        }
                    },
                    (naive, found) => prop_assert!(false, "naive {:?}, tally {:?}", naive, found),
                }
            }
            let found = figures.iter().find(|f| {
                f.indicator.as_str() == "fortroende-polis" && f.year.get() == year && f.breakdown == Breakdown::All
            });
            let mean = figures.iter().find(|f| {
                f.indicator.as_str() == "oro-medel" && f.year.get() == year
            });
            prop_assert!(mean.is_none(), "oro_brott is not in these responses");
            if let (Some((n, _, _)), Some(f)) = (naive_mean(&respondents, year), found) {
                prop_assert_eq!(match f.estimate { Estimate::Suppressed { n } | Estimate::Value { n, .. } => n }, n);
            }
        }
    }
}

#[test]
fn a_mean_matches_the_textbook_formula() {
    // 60 respondents in 2019 with trust 1–4 and unequal weights.
    let respondents: Vec<Respondent> = (0..60)
        .map(|i| {
            (
                2019,
                1,
                0.5 + f64::from(i % 7) * 0.25,
                None,
                Some((i % 4 + 1) as u8),
            )
        })
        .collect();
    let c = codebook();
    let trust = c.item("fortroende_polis").unwrap().0;
    // A mean indicator over the trust item, added for the test.
    let mut c2 = c.clone();
    c2.indicators.push(lofte_domain::survey::Indicator {
        code: lofte_domain::survey::SurveyCode::parse("trust-mean").unwrap(),
        name: c.indicators[0].name.clone(),
        kind: lofte_domain::survey::IndicatorKind::Mean { item: trust },
    });
    let mut t2 = Tally::new();
    let year = vec![2019u16; 60];
    let gender = vec![1u16; 60];
    let zeros = vec![0u16; 60];
    let weight: Vec<f64> = respondents.iter().map(|r| r.2).collect();
    let blank = vec![0u8; 60];
    let answers: Vec<u8> = respondents.iter().map(|r| encode_answer(r.4)).collect();
    let cols: [&[u8]; 2] = [&blank, &answers];
    let positions = [c.item("otrygg_kvall").unwrap().0, trust];
    t2.add(
        &c2,
        &Columns {
            year: &year,
            area: &zeros,
            gender: &gender,
            age_band: &zeros,
            weight: &weight,
            answers: &cols,
            item_positions: &positions,
        },
    )
    .unwrap();
    let figure = t2
        .figures(&c2, Rules::default())
        .into_iter()
        .find(|f| f.indicator.as_str() == "trust-mean" && f.breakdown == Breakdown::All)
        .unwrap();
    let (n, mean, se) = naive_mean(&respondents, 2019).unwrap();
    let Estimate::Value {
        estimate,
        se: s,
        n: m,
        lower,
        upper,
        ..
    } = figure.estimate
    else {
        panic!("60 respondents are shown")
    };
    assert_eq!(m, n);
    assert!((estimate - mean).abs() < 1e-12);
    assert!((s - se).abs() < 1e-12);
    // t with 59 df at 97.5 % is 2.000995…
    assert!((upper - estimate - 2.000_995_378 * se).abs() < 1e-6);
    assert!((estimate - lower - 2.000_995_378 * se).abs() < 1e-6);
}

fn year_of(share_unsafe: u32, year: i32, n: u32) -> Vec<Respondent> {
    (0..n)
        .map(|i| {
            let unsafe_ = i * 100 < share_unsafe * n;
            (year, 1, 1.0, Some(if unsafe_ { 4 } else { 1 }), None)
        })
        .collect()
}

fn verdict(respondents: &[Respondent]) -> OutcomeVerdict {
    let (c, t) = tally(respondents);
    let figures = t.figures(&c, Rules::default());
    let overall = |year: i32| {
        figures
            .iter()
            .find(|f| {
                f.indicator.as_str() == "otrygga-kvall"
                    && f.year.get() == year
                    && f.breakdown == Breakdown::All
            })
            .map(|f| f.estimate)
    };
    OutcomeVerdict::judge(
        overall(2019).as_ref(),
        overall(2021).as_ref(),
        Better::Lower,
        Default::default(),
    )
}

#[test]
fn a_real_change_is_improved_and_noise_is_no_detectable_change() {
    // 30 % → 24 % unsafe with 1,500 answers a year: well outside the sampling error.
    let mut real = year_of(30, 2019, 1500);
    real.extend(year_of(24, 2021, 1500));
    assert_eq!(verdict(&real), OutcomeVerdict::Improved);

    // 30 % → 29 %: within it.
    let mut noise = year_of(30, 2019, 1500);
    noise.extend(year_of(29, 2021, 1500));
    assert_eq!(verdict(&noise), OutcomeVerdict::NoDetectableChange);

    // 24 % → 30 %: worse, since lower is better.
    let mut worse = year_of(24, 2019, 1500);
    worse.extend(year_of(30, 2021, 1500));
    assert_eq!(verdict(&worse), OutcomeVerdict::Worsened);

    // 20 answers in 2021: too few to say anything.
    let mut few = year_of(30, 2019, 1500);
    few.extend(year_of(10, 2021, 20));
    assert_eq!(verdict(&few), OutcomeVerdict::NotMeasurable);
}
