//! The Flen demo data set, transcribed from Flen's published promises for 2020 and 2021
//! (see `data/flen/`). It is loaded through the same import path as any municipality's
//! files, so the demo exercises the exchange format.

use lofte_domain::exchange::{parse_profile_json, parse_promise_json};
use lofte_domain::{MunicipalityCode, Year};

use crate::{Db, Error, Result, Visibility};

pub const FLEN_PROFILE: &str = include_str!("../../../data/flen/municipality.json");
/// A codebook in the shape of the police safety survey, with Flen's areas.
pub const FLEN_SURVEY_CODEBOOK: &str = include_str!("../../../data/flen/survey-codebook.json");
pub const FLEN_PROMISES: [&str; 2] = [
    include_str!("../../../data/flen/promise-2020.json"),
    include_str!("../../../data/flen/promise-2021.json"),
];

/// What [`load_flen`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub promises_added: usize,
    pub promises_present: usize,
}

/// Loads Flen's profile and promises; promises already present are left as they are,
/// so the demo can be loaded at every start.
pub async fn load_flen(db: &Db) -> Result<Loaded> {
    let invalid = |errors| Error::Invalid(errors);
    db.import_profile(&parse_profile_json(FLEN_PROFILE).map_err(invalid)?)
        .await?;
    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let tenant = db
        .tenant(&code)
        .await?
        .ok_or_else(|| Error::Corrupt("reference data lacks Flen".into()))?;
    // The promises' outcome goals name survey indicators, so the codebook comes first.
    if tenant.survey_codebook().await?.is_none() {
        let codebook =
            lofte_domain::survey::parse_codebook_json(FLEN_SURVEY_CODEBOOK).map_err(invalid)?;
        tenant
            .set_survey_codebook(crate::Actor::System, &codebook)
            .await?;
    }
    let mut loaded = Loaded::default();
    for json in FLEN_PROMISES {
        let promise = parse_promise_json(json).map_err(invalid)?;
        let first: Year = promise.years.first();
        if tenant
            .promise_for_year(first, Visibility::All)
            .await?
            .is_some()
        {
            loaded.promises_present += 1;
        } else {
            let stored = tenant
                .create_promise(crate::Actor::System, &promise)
                .await?;
            // The demo starts with its promises published long ago: not news to tell
            // the followers of the one before (at the demo's start, with today's date).
            db.mark_announced(stored.id).await?;
            loaded.promises_added += 1;
        }
    }
    Ok(loaded)
}

/// A small deterministic generator (xorshift64*): the same demo data on every machine.
pub(crate) struct Dice(pub(crate) u64);

impl Dice {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    /// One of `choices`, each as likely as its weight.
    pub(crate) fn weighted<'a>(&mut self, choices: &[(&'a str, u32)]) -> &'a str {
        let total: u32 = choices.iter().map(|(_, w)| w).sum();
        let mut pick = self.between(1, total);
        for (choice, weight) in choices {
            if pick <= *weight {
                return choice;
            }
            pick -= weight;
        }
        unreachable!("a pick up to the total falls on a choice")
    }

    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.between(1, 100) <= percent
    }
}

/// How one kind of synthetic activity is spread over a year.
struct Plan {
    kind: &'static str,
    performer: lofte_domain::followup::Performer,
    count: u32,
    /// Share (percent) of activities whose duration falls outside the method's window,
    /// so the demo shows why some work does not count.
    off_method: u32,
    duration: (u32, u32),
    off_duration: (u32, u32),
    /// Places with weights.
    places: &'static [(&'static str, u32)],
    evening: bool,
}

fn plans(year: i32) -> Vec<Plan> {
    use lofte_domain::followup::Performer::*;
    let centre: &[(&str, u32)] = &[("flen-centrum", 6), ("resecentrum", 3), ("sveaparken", 2)];
    match year {
        2020 => vec![
            Plan {
                kind: "traffic_control",
                performer: Police,
                count: 112,
                off_method: 7,
                duration: (15, 30),
                off_duration: (4, 12),
                places: &[
                    ("flen", 12),
                    ("malmkoping", 3),
                    ("halleforsnas", 2),
                    ("sparreholm", 2),
                    ("skebokvarn", 1),
                ],
                evening: false,
            },
            Plan {
                kind: "foot_patrol",
                performer: Police,
                count: 74,
                off_method: 12,
                duration: (10, 16),
                off_duration: (20, 40),
                places: centre,
                evening: true,
            },
            Plan {
                kind: "safety_walk",
                performer: Municipality,
                count: 4,
                off_method: 0,
                duration: (60, 120),
                off_duration: (0, 0),
                places: &[("flen-centrum", 2), ("malmkoping", 1), ("halleforsnas", 1)],
                evening: true,
            },
            Plan {
                kind: "trygg_vuxen",
                performer: Municipality,
                count: 46,
                off_method: 0,
                duration: (90, 180),
                off_duration: (0, 0),
                places: &[
                    ("flen-centrum", 5),
                    ("sveaparken", 3),
                    ("malmkoping", 2),
                    ("halleforsnas", 1),
                ],
                evening: true,
            },
        ],
        _ => vec![Plan {
            kind: "traffic_control",
            performer: Police,
            count: 101,
            off_method: 6,
            duration: (15, 30),
            off_duration: (4, 12),
            places: &[
                ("flen", 9),
                ("malmkoping", 4),
                ("halleforsnas", 3),
                ("sparreholm", 3),
                ("skebokvarn", 2),
            ],
            evening: false,
        }],
    }
}

/// Synthetic activities for Flen 2020 and 2021, flagged `synthetic` so every page that
/// counts them says they are example data. Loading twice adds nothing.
pub async fn load_flen_activities(db: &Db) -> Result<crate::activities::ImportSummary> {
    use chrono::{Datelike, NaiveDate, NaiveTime};
    use lofte_domain::followup::{Activity, NewActivity};
    use lofte_domain::{ActivityTypeCode, PlaceSlug};

    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let tenant = db
        .tenant(&code)
        .await?
        .ok_or_else(|| Error::Corrupt("reference data lacks Flen".into()))?;
    let mut dice = Dice(0x0482_2020_2021_u64);
    let mut items = Vec::new();
    for year in [2020, 2021] {
        for plan in plans(year) {
            for n in 0..plan.count {
                // Spread evenly over the year with a little jitter, so progress by month
                // looks like real work rather than a straight line.
                let days = if NaiveDate::from_ymd_opt(year, 12, 31)
                    .expect("valid")
                    .ordinal()
                    == 366
                {
                    366
                } else {
                    365
                };
                let base = (n * days) / plan.count + 1;
                let ordinal = (base + dice.between(0, 6)).clamp(1, days);
                let date = NaiveDate::from_yo_opt(year, ordinal).expect("valid ordinal");
                let hour = if plan.evening {
                    dice.between(17, 22)
                } else {
                    dice.between(7, 19)
                };
                let time =
                    NaiveTime::from_hms_opt(hour, dice.between(0, 11) * 5, 0).expect("valid time");
                let duration = if dice.chance(plan.off_method) {
                    dice.between(plan.off_duration.0, plan.off_duration.1)
                } else {
                    dice.between(plan.duration.0, plan.duration.1)
                };
                let place = dice.weighted(plan.places);
                items.push(NewActivity {
                    activity: Activity {
                        activity_type: ActivityTypeCode::parse(plan.kind).expect("built-in type"),
                        performer: plan.performer.clone(),
                        date,
                        time,
                        duration_minutes: Some(duration),
                        place: Some(PlaceSlug::parse(place).expect("demo place")),
                        participants: (plan.kind == "safety_walk").then(|| dice.between(8, 20)),
                    },
                    started_at: lofte_domain::followup::stockholm_to_utc(date.and_time(time)),
                    note: None,
                    external_id: Some(format!("demo-{year}-{}-{n:03}", plan.kind)),
                });
            }
        }
    }
    tenant
        .add_activities(crate::Actor::System, &items, true)
        .await
}

/// The name the synthetic survey file is imported under.
pub const FLEN_SURVEY_FILE: &str = "flen-trygghetsmatning-2019-2022-syntetisk.csv";

/// Synthetic safety-survey responses for Flen 2019–2022, about 1,500 a year, as a CSV in
/// the import format. Deterministic: the same bytes every time, so loading twice adds
/// nothing. The levels are invented to show both verdicts: feeling unsafe falls clearly
/// from 2019 to 2021 and hardly changes from 2020 to 2022; women are more unsafe than men,
/// and the "other" gender group is too small to be shown.
pub fn flen_survey_csv() -> String {
    use std::fmt::Write;

    let mut dice = Dice(0x0482_2019_2022_u64);
    let mut out = String::from(
        "respondent_id,year,municipality,area,gender,age_band,weight,otrygg_kvall,oro_brott,\
         problem_belysning,problem_nedskrapning,problem_narkotika,problem_trafik,fortroende_polis\n",
    );
    // Percent of respondents per year: unsafe out late, often worried, trusting the police;
    // and how much better the neighbourhood problems got (percentage points off "no problem").
    let levels = [
        (2019, 30, 22, 55, 0),
        (2020, 29, 21, 56, 3),
        (2021, 23, 17, 62, 10),
        (2022, 27, 18, 61, 10),
    ];
    let pick = |dice: &mut Dice, weights: &[(u32, u32)]| -> u32 {
        let total: u32 = weights.iter().map(|(_, w)| w).sum();
        let mut at = dice.between(1, total);
        for &(value, w) in weights {
            if at <= w {
                return value;
            }
            at -= w;
        }
        unreachable!("weights add up")
    };
    for (year, unsafe_pct, worried_pct, trust_pct, better) in levels {
        let respondents = 1460 + dice.between(0, 80);
        for n in 0..respondents {
            let gender = pick(&mut dice, &[(1, 515), (2, 475), (3, 10)]);
            let age = pick(&mut dice, &[(1, 14), (2, 30), (3, 32), (4, 24)]);
            let area = pick(&mut dice, &[(1, 55), (2, 15), (3, 12), (4, 6), (5, 12)]);
            // Young people answer less often, so their design weights are larger.
            let base = [160, 120, 90, 80][age as usize - 1];
            let weight = f64::from(base * dice.between(80, 120)) / 10_000.0;
            let by_gender = |pct: u32| match gender {
                1 => pct * 135 / 100,
                2 => pct * 60 / 100,
                _ => pct,
            };
            let by_area = |pct: u32| match area {
                1 => pct * 110 / 100,
                3 => pct * 120 / 100,
                _ => pct * 85 / 100,
            };
            let answer = |dice: &mut Dice,
                          yes: bool,
                          yes_values: &[(u32, u32)],
                          no_values: &[(u32, u32)]| {
                match dice.between(1, 100) {
                    1..=2 => String::new(),
                    3..=5 => "9".to_owned(),
                    _ => pick(dice, if yes { yes_values } else { no_values }).to_string(),
                }
            };
            let unsafe_late = dice.chance(by_area(by_gender(unsafe_pct)).min(95));
            let unsafe_late = answer(
                &mut dice,
                unsafe_late,
                &[(3, 65), (4, 25), (5, 10)],
                &[(1, 45), (2, 55)],
            );
            let worried = dice.chance(by_gender(worried_pct).min(95));
            let worried = answer(&mut dice, worried, &[(3, 80), (4, 20)], &[(1, 35), (2, 65)]);
            let mut problems = Vec::new();
            for _ in 0..4 {
                let weights = [
                    (0, 35 + better),
                    (1, 35),
                    (2, 20 - better / 2),
                    (3, 10 - better / 2),
                ];
                problems.push(answer(&mut dice, true, &weights, &weights));
            }
            let trusts = dice.chance(trust_pct);
            let trust = answer(&mut dice, trusts, &[(3, 70), (4, 30)], &[(1, 30), (2, 70)]);
            let _ = writeln!(
                out,
                "F{year}-{n:04},{year},0482,{area},{gender},{age},{weight},{unsafe_late},{worried},{},{},{},{},{trust}",
                problems[0], problems[1], problems[2], problems[3],
            );
        }
    }
    out
}

/// Imports [`flen_survey_csv`] as synthetic responses. Loading twice adds nothing.
pub async fn load_flen_survey(db: &Db) -> Result<crate::surveys::SurveyImported> {
    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let tenant = db
        .tenant(&code)
        .await?
        .ok_or_else(|| Error::Corrupt("reference data lacks Flen".into()))?;
    let csv = flen_survey_csv();
    let file = crate::surveys::SurveyFile {
        name: Some(FLEN_SURVEY_FILE.to_owned()),
        year: None,
        synthetic: true,
        replace: false,
        check_only: false,
    };
    match tenant
        .import_survey_csv(crate::Actor::System, csv.as_bytes(), file, &mut |_| {})
        .await?
    {
        Ok(imported) => Ok(imported),
        Err(problems) => Err(Error::Corrupt(format!(
            "the demo survey does not import: {}",
            problems
                .iter()
                .take(5)
                .map(|p| format!("line {} {}: {:?}", p.line, p.column, p.problem))
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}

/// Made-up inputs from residents of Flen, published, some marked on the map, so the
/// public list and map have something to show. Every text says it is example data.
/// Loaded only while Flen has no inputs at all.
pub async fn load_flen_inputs(db: &Db) -> Result<usize> {
    use lofte_domain::citizen::{InputFields, InputStatus};
    use lofte_domain::{Problem, Text};

    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let tenant = db
        .tenant(&code)
        .await?
        .ok_or_else(|| Error::Corrupt("reference data lacks Flen".into()))?;
    for status in [
        InputStatus::Pending,
        InputStatus::Published,
        InputStatus::Hidden,
    ] {
        if !tenant.inputs(status).await?.is_empty() {
            return Ok(0);
        }
    }
    // Units to route inputs to, with made-up mailboxes (`.example` is never delivered).
    if tenant.units().await?.is_empty() {
        for (name, email) in [
            (
                "Samhällsbyggnadsförvaltningen, gata/park",
                Some("gata-park@flen.example"),
            ),
            (
                "Kultur- och fritidsförvaltningen",
                Some("fritid@flen.example"),
            ),
            ("Lokalpolisområde Katrineholm", None),
        ] {
            let name = Text::parse(name, Text::SHORT)
                .map_err(|p: Problem| Error::Corrupt(format!("demo unit: {}", p.code())))?;
            let email = email
                .map(lofte_domain::Email::parse)
                .transpose()
                .map_err(|p| Error::Corrupt(format!("demo unit: {}", p.code())))?;
            tenant
                .add_unit(crate::Actor::System, &name, email.as_ref())
                .await?;
        }
    }
    // (locality, place, category, text, marked point or blanks)
    let inputs = [
        (
            "flen",
            "resecentrum",
            "unsafe_place",
            "Det är otryggt att vänta på sista tåget, det är mörkt och folk hänger vid ingången.",
            ("59.05781", "16.58702"),
        ),
        (
            "flen",
            "sveaparken",
            "lighting",
            "Gångvägen genom parken saknar belysning på kvällen.",
            ("59.05702", "16.59133"),
        ),
        (
            "malmkoping",
            "",
            "traffic",
            "Bilar kör för fort på Stora gatan på kvällarna, särskilt på helgerna.",
            ("59.13262", "16.73311"),
        ),
        (
            "halleforsnas",
            "",
            "vegetation",
            "Buskarna vid busshållplatsen har vuxit igen så man inte ser vem som står där.",
            ("", ""),
        ),
        (
            "sparreholm",
            "",
            "disturbance",
            "Mopeder som kör runt vid skolan sent på kvällen.",
            ("59.07643", "16.82871"),
        ),
        (
            "flen",
            "flen-centrum",
            "litter",
            "Mycket skräp och krossat glas vid torget på söndagsmorgnar.",
            ("", ""),
        ),
    ];
    let mut added = 0;
    for (locality, place, category, text, point) in inputs {
        let text = format!("Exempel (påhittat för demon): {text}");
        let (lat, lon) = point;
        let input = InputFields {
            locality,
            place,
            category,
            text: &text,
            lat,
            lon,
            ..Default::default()
        }
        .parse()
        .map_err(Error::Invalid)?;
        let id = tenant.receive_input(&input, None).await?;
        let published = Text::parse(&text, lofte_domain::citizen::NewInput::MAX_TEXT)
            .map_err(|p: Problem| Error::Corrupt(format!("demo input: {}", p.code())))?;
        tenant
            .moderate_input(
                crate::Actor::System,
                id,
                &crate::citizen_inputs::Moderation::Publish {
                    text: published,
                    place: Default::default(),
                    links: Default::default(),
                },
                &[],
            )
            .await?;
        if category == "lighting" {
            // One handled as a case, so the demo shows a reply and an action.
            let words = |t: &str| {
                Text::parse(t, Text::LONG)
                    .map_err(|p: Problem| Error::Corrupt(format!("demo case: {}", p.code())))
            };
            tenant
                .update_case(
                    crate::Actor::System,
                    id,
                    &crate::input_cases::CaseUpdate {
                        reply: Some(words(
                            "Exempel (påhittat för demon): Gatuenheten sätter upp nya armaturer längs gångvägen under våren.",
                        )?),
                        routed_to: Some(words("Samhällsbyggnadsförvaltningen, gata/park")?),
                        action: Some(crate::input_cases::NewAction {
                            owner: words("Gatuenheten")?,
                            due: chrono::NaiveDate::from_ymd_opt(2021, 5, 31),
                            status: lofte_domain::walk::FindingStatus::Planned,
                        }),
                    },
                    &[],
                    None,
                )
                .await?;
        }
        added += 1;
    }
    Ok(added)
}

/// Synthetic incident reports for Flen 2020–2021, marked as example data: every category,
/// with the hot spots the promise names (the station area, Sveaparken, the centre) and
/// the evenings and nights when motor vehicles disturb most, fewer in 2021 than in 2020 so
/// the picture has a change to show. Deterministic, and idempotent by external id.
pub async fn load_flen_incidents(db: &Db) -> Result<crate::activities::ImportSummary> {
    use chrono::{NaiveDate, NaiveTime};
    use lofte_domain::incident::{IncidentCategory, NewIncident, Occurred};
    use lofte_domain::{PlaceSlug, Text};

    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let tenant = db
        .tenant(&code)
        .await?
        .ok_or_else(|| Error::Corrupt("reference data lacks Flen".into()))?;
    let mut dice = Dice(0x0482_1c1d_2020_2021_u64);
    let centre: &[(&str, u32)] = &[("resecentrum", 4), ("sveaparken", 3), ("flen-centrum", 3)];
    let villages: &[(&str, u32)] = &[
        ("malmkoping", 3),
        ("halleforsnas", 2),
        ("sparreholm", 1),
        ("resecentrum", 2),
    ];
    // (category, reports in 2020, in 2021, evening and night?, places with weights)
    type Plan<'a> = (IncidentCategory, u32, u32, bool, &'a [(&'a str, u32)]);
    let plans: [Plan<'_>; 9] = [
        (IncidentCategory::MotorVehicles, 96, 58, true, villages),
        (IncidentCategory::Vandalism, 40, 34, true, centre),
        (IncidentCategory::Graffiti, 31, 35, true, centre),
        (IncidentCategory::Gathering, 22, 15, true, centre),
        (IncidentCategory::Disorder, 18, 17, true, centre),
        (IncidentCategory::DrugFind, 9, 6, false, centre),
        (IncidentCategory::Fire, 6, 4, true, villages),
        (IncidentCategory::UnsafePlace, 12, 9, false, centre),
        (IncidentCategory::Event, 3, 4, false, centre),
    ];
    let reporters = [
        "Flens kommun, fältgruppen (exempel)",
        "Bostadsbolaget (exempel)",
        "Väktarbolaget (exempel)",
    ];
    let note = Text::parse("Exempelrapport, påhittad för demon.", NewIncident::MAX_TEXT)
        .expect("a valid text");
    let mut items = Vec::new();
    for (category, in_2020, in_2021, night, places) in plans {
        for (year, count) in [(2020, in_2020), (2021, in_2021)] {
            for n in 0..count {
                // Spring and late summer, when mopeds and gatherings are out, weigh more.
                let month = [3, 4, 5, 5, 6, 6, 7, 8, 8, 9, 10, 11][dice.between(0, 11) as usize];
                let date = NaiveDate::from_ymd_opt(year, month, dice.between(1, 28))
                    .expect("a valid date");
                let hour = if night {
                    [19, 20, 21, 22, 22, 23, 23, 0, 1][dice.between(0, 8) as usize]
                } else {
                    dice.between(8, 18)
                };
                let time = NaiveTime::from_hms_opt(hour, dice.between(0, 11) * 5, 0)
                    .expect("a valid time");
                let place = dice.weighted(places);
                let from = date.and_time(time);
                items.push(NewIncident {
                    category,
                    occurred: Occurred {
                        from,
                        until: None,
                        timed: true,
                    },
                    started_at: lofte_domain::followup::stockholm_to_utc(from),
                    place: Some(PlaceSlug::parse(place).expect("demo place")),
                    point: None,
                    text: Some(note.clone()),
                    reporter: Text::parse(reporters[n as usize % reporters.len()], 100)
                        .expect("a valid reporter"),
                    external_id: Some(format!("demo-{year}-{}-{n:03}", category.code())),
                });
            }
        }
    }
    tenant
        .add_incidents(crate::Actor::System, &items, true)
        .await
}

/// Made-up police events for Flen 2020–2021, marked as example data and shaped as the
/// feed publishes them: mostly traffic controls (the promise's own commitment), and the
/// events of a small town's year. Most are placed by the feed's location "Flen", some
/// only by the title's last place under the county. Ids far above the feed's, so a real
/// file imported into the demo never meets them. Deterministic and idempotent.
pub async fn load_flen_police_events(db: &Db) -> Result<crate::police_events::EventsSummary> {
    use chrono::{Datelike as _, NaiveDate, NaiveTime};
    use lofte_domain::police_event::PoliceEvent;
    use lofte_domain::{Coordinates, Text};

    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    // (the police's type, events in 2020, in 2021)
    let plans: [(&str, u32, u32); 9] = [
        ("Trafikkontroll", 24, 38),
        ("Trafikbrott", 14, 11),
        ("Rattfylleri", 9, 8),
        ("Skadegörelse", 12, 9),
        ("Brand", 6, 5),
        ("Stöld", 10, 9),
        ("Ofredande/förargelse", 5, 4),
        ("Narkotikabrott", 7, 6),
        ("Misshandel", 4, 5),
    ];
    let mut dice = Dice(0x0482_7011_5e20_2021_u64);
    let flen = Coordinates::new(59.058, 16.588).expect("Flen is in Sweden");
    let county = Coordinates::new(59.033, 16.75).expect("Södermanland is in Sweden");
    let summary = Text::parse(
        "Exempelhändelse, påhittad för demon.",
        PoliceEvent::MAX_SUMMARY,
    )
    .expect("a valid text");
    let mut events = Vec::new();
    let mut id = 9_000_000_000_i64;
    for (kind, in_2020, in_2021) in plans {
        for (year, count) in [(2020, in_2020), (2021, in_2021)] {
            for _ in 0..count {
                id += 1;
                let date = NaiveDate::from_ymd_opt(year, dice.between(1, 12), dice.between(1, 28))
                    .expect("a valid date");
                let local = date.and_time(
                    NaiveTime::from_hms_opt(dice.between(0, 23), dice.between(0, 11) * 5, 0)
                        .expect("a valid time"),
                );
                let month = MONTHS[date.month0() as usize];
                let by_title = dice.between(0, 4) == 0;
                let name = format!(
                    "{} {month} {}, {kind}, Flen",
                    date.day(),
                    local.format("%H.%M")
                );
                events.push(PoliceEvent {
                    id,
                    at: lofte_domain::followup::stockholm_to_utc(local),
                    local,
                    name: Text::parse(&name, PoliceEvent::MAX_NAME).expect("a valid title"),
                    summary: Some(summary.clone()),
                    url: "https://polisen.se/aktuellt/handelser/".to_owned(),
                    kind: Text::parse(kind, PoliceEvent::MAX_KIND).expect("a valid type"),
                    location_name: Text::parse(
                        if by_title {
                            "Södermanlands län"
                        } else {
                            "Flen"
                        },
                        PoliceEvent::MAX_KIND,
                    )
                    .expect("a valid place"),
                    point: Some(if by_title { county } else { flen }),
                });
            }
        }
    }
    db.add_police_events(&events, true).await
}

/// Made-up reported crime and population for Flen 2020–2021, marked as example data, in
/// the shape the national crime statistics and Statistics Sweden export (read by the same
/// importers as a real file). Idempotent: importing again replaces the same figures.
pub async fn load_flen_crime_stats(
    db: &Db,
) -> Result<(
    crate::crime_stats::StatsSummary,
    crate::crime_stats::StatsSummary,
)> {
    let crime = "Region;Brottstyp;År;Antal anmälda brott;Preliminär/slutlig\n\
        0482 Flen;Samtliga brott;2020;1 452;slutlig\n\
        0482 Flen;Samtliga brott;2021;1 388;slutlig\n\
        0482 Flen;Stöldbrott;2020;486;slutlig\n\
        0482 Flen;Stöldbrott;2021;447;slutlig\n\
        0482 Flen;Skadegörelsebrott;2020;262;slutlig\n\
        0482 Flen;Skadegörelsebrott;2021;228;slutlig\n\
        0482 Flen;Trafikbrott;2020;141;slutlig\n\
        0482 Flen;Trafikbrott;2021;118;slutlig\n\
        0482 Flen;Våldsbrott;2020;112;slutlig\n\
        0482 Flen;Våldsbrott;2021;104;slutlig\n\
        0482 Flen;Narkotikabrott;2020;88;slutlig\n\
        0482 Flen;Narkotikabrott;2021;109;slutlig\n";
    let population = "\"region\",\"kön\",\"2020\",\"2021\"\n\
        \"0482 Flen\",\"män\",8310,8295\n\
        \"0482 Flen\",\"kvinnor\",8120,8112\n";
    let crime = match db.import_crime_stats_csv(crime.as_bytes(), true).await? {
        Ok(summary) => summary,
        Err(errors) => return Err(Error::Corrupt(format!("demo crime statistics: {errors:?}"))),
    };
    let population = match db
        .import_population_csv(population.as_bytes(), true)
        .await?
    {
        Ok(summary) => summary,
        Err(errors) => return Err(Error::Corrupt(format!("demo population: {errors:?}"))),
    };
    Ok((crime, population))
}
