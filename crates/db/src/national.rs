//! A national data set for scale and load measurements (`lofte demo --national`): every
//! municipality in the reference list gets made-up places, ten years of promises (Flen's
//! 2021 promise as the template), activities and safety-survey responses. Deterministic:
//! the same plan gives the same data. Everything is synthetic and flagged or named so:
//! activities and survey imports carry the synthetic flag, places say "exempel".
//!
//! It is loaded through the same import paths as real data (profiles, promises,
//! activity batches, survey CSV), so the load exercises them too.

use chrono::{Datelike, NaiveDate, NaiveTime};
use lofte_domain::exchange::{parse_profile_json, parse_promise_json};
use lofte_domain::followup::{Activity, NewActivity, Performer};
use lofte_domain::{ActivityTypeCode, MunicipalityCode, PlaceSlug};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

use crate::demo::Dice;
use crate::entity::municipality;
use crate::{Actor, Db, Error, Result};

/// How big a national data set to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NationalPlan {
    /// How many municipalities (in code order), at most the 290 there are.
    pub municipalities: usize,
    pub first_year: i32,
    pub years: i32,
    /// Activities in all, spread evenly over municipalities and years.
    pub activities: u64,
    /// Survey responses in all, spread the same way.
    pub responses: u64,
}

impl Default for NationalPlan {
    /// All of Sweden: 290 municipalities, 2016–2025, about 10 million activities and
    /// 2 million survey responses.
    fn default() -> Self {
        NationalPlan {
            municipalities: 290,
            first_year: 2016,
            years: 10,
            activities: 10_000_000,
            responses: 2_000_000,
        }
    }
}

/// What a national load added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NationalLoaded {
    pub municipalities: usize,
    pub promises: usize,
    pub activities: u64,
    pub responses: u64,
}

/// A place every municipality gets.
struct SyntheticPlace {
    slug: &'static str,
    /// Empty: the municipality's own name (the main town).
    name: &'static str,
    kind: &'static str,
    within: Option<&'static str>,
    outlying: bool,
    /// Degrees of latitude and longitude from the municipality's made-up spot.
    offset: (f64, f64),
}

const fn place(
    slug: &'static str,
    name: &'static str,
    kind: &'static str,
    within: Option<&'static str>,
    outlying: bool,
    offset: (f64, f64),
) -> SyntheticPlace {
    SyntheticPlace {
        slug,
        name,
        kind,
        within,
        outlying,
        offset,
    }
}

const PLACES: [SyntheticPlace; 6] = [
    place("centralort", "", "locality", None, false, (0.0, 0.0)),
    place(
        "centrum",
        "Centrum (exempel)",
        "area",
        Some("centralort"),
        false,
        (0.002, 0.003),
    ),
    place(
        "resecentrum",
        "Resecentrum (exempel)",
        "hot_spot",
        Some("centrum"),
        false,
        (0.001, -0.002),
    ),
    place(
        "parken",
        "Stadsparken (exempel)",
        "hot_spot",
        Some("centrum"),
        false,
        (-0.002, 0.001),
    ),
    place(
        "norrby",
        "Norrby (exempelort)",
        "locality",
        None,
        true,
        (0.12, 0.05),
    ),
    place(
        "soderby",
        "Söderby (exempelort)",
        "locality",
        None,
        true,
        (-0.10, -0.08),
    ),
];

/// Activity kinds with their share (percent), performer, duration range and places.
const KINDS: [(&str, u32, Performer, (u32, u32)); 5] = [
    ("traffic_control", 35, Performer::Police, (12, 32)),
    ("foot_patrol", 35, Performer::Police, (8, 20)),
    ("trygg_vuxen", 20, Performer::Municipality, (90, 180)),
    ("bicycle_patrol", 8, Performer::Police, (30, 90)),
    ("safety_walk", 2, Performer::Municipality, (60, 120)),
];

fn pick<'a, T>(dice: &mut Dice, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut at = dice.between(1, total);
    for item in items {
        let w = weight(item);
        if at <= w {
            return item;
        }
        at -= w;
    }
    unreachable!("weights add up")
}

/// Loads the national data set. `progress` hears each municipality's name as it is done.
/// Municipalities that already have promises are skipped, so a load can be resumed.
pub async fn load_national(
    db: &Db,
    plan: NationalPlan,
    progress: &mut (dyn FnMut(&str) + Send),
) -> Result<NationalLoaded> {
    let codebook = national_codebook()?;
    let template: serde_json::Value =
        serde_json::from_str(crate::demo::FLEN_PROMISES[1]).expect("Flen 2021 is JSON");
    let all = municipality::Entity::find()
        .order_by_asc(municipality::Column::Code)
        .all(db.conn())
        .await?;
    let per_year = |total: u64| total / (plan.municipalities.max(1) as u64 * plan.years as u64);
    let mut loaded = NationalLoaded::default();
    for m in all.into_iter().take(plan.municipalities) {
        let code = MunicipalityCode::parse(&m.code)
            .map_err(|_| Error::Corrupt(format!("municipality code {}", m.code)))?;
        let tenant = db
            .tenant(&code)
            .await?
            .ok_or_else(|| Error::Corrupt(format!("municipality {}", m.code)))?;
        if !tenant.promises(crate::Visibility::All).await?.is_empty() {
            progress(&m.name);
            continue;
        }
        let number: u32 = m.code.parse().unwrap_or(0);
        let mut dice = Dice(0x5EED_0000_0000 + u64::from(number));
        // A made-up spot in Sweden for the places (not where the municipality lies).
        let (lat, lon) = (
            56.0 + f64::from(dice.between(0, 9000)) / 1000.0,
            12.5 + f64::from(dice.between(0, 8000)) / 1000.0,
        );
        let places: Vec<serde_json::Value> = PLACES
            .iter()
            .map(|p| {
                let name = if p.name.is_empty() {
                    m.name.as_str()
                } else {
                    p.name
                };
                let mut place = json!({
                    "slug": p.slug, "name": name, "kind": p.kind,
                    "lat": lat + p.offset.0, "lon": lon + p.offset.1, "outlying": p.outlying,
                });
                if let Some(w) = p.within {
                    place["within"] = json!(w);
                }
                place
            })
            .collect();
        let profile = json!({ "municipality": m.code, "places": places }).to_string();
        db.import_profile(&parse_profile_json(&profile).map_err(Error::Invalid)?)
            .await?;
        tenant.set_survey_codebook(Actor::System, &codebook).await?;

        for year in plan.first_year..plan.first_year + plan.years {
            let mut doc = template.clone();
            doc["municipality"] = json!(m.code);
            doc["years"] = json!({ "first": year, "last": year });
            doc["title"] = json!(format!("Medborgarlöfte {year} (exempel)"));
            doc["continues"] = if year > plan.first_year {
                json!(year - 1)
            } else {
                serde_json::Value::Null
            };
            doc["outcome_goal"] = json!({
                "text": doc["outcome_goal"]["text"],
                "measured_in": year + 1,
            });
            doc["follow_up"]["final_report"] = json!({ "year": year + 1, "quarter": 1 });
            if let Some(obj) = doc.as_object_mut() {
                obj.remove("signed_on");
                obj.remove("signatories");
            }
            let promise = parse_promise_json(&doc.to_string()).map_err(Error::Invalid)?;
            let stored = tenant.create_promise(Actor::System, &promise).await?;
            // Made-up history, not news for anyone following (as in `demo::load_flen`).
            db.mark_announced(stored.id).await?;
            loaded.promises += 1;

            let items = activities(&mut dice, &m.code, year, per_year(plan.activities));
            loaded.activities += tenant
                .add_activities(Actor::System, &items, true)
                .await?
                .added;
        }

        let csv = survey_csv(&mut dice, &m.code, plan, per_year(plan.responses));
        let file = crate::surveys::SurveyFile {
            name: Some(format!("nationellt-exempel-{}.csv", m.code)),
            year: None,
            synthetic: true,
            replace: false,
            check_only: false,
        };
        match tenant
            .import_survey_csv(Actor::System, csv.as_bytes(), file, &mut |_| {})
            .await?
        {
            Ok(crate::surveys::SurveyImported::Added { rows, .. }) => loaded.responses += rows,
            Ok(_) => {}
            Err(problems) => {
                return Err(Error::Corrupt(format!(
                    "the national survey of {} does not import: {:?}",
                    m.code,
                    problems.first()
                )));
            }
        }
        loaded.municipalities += 1;
        progress(&m.name);
    }
    Ok(loaded)
}

/// One municipality-year's activities, spread over the year and the places.
fn activities(dice: &mut Dice, code: &str, year: i32, count: u64) -> Vec<NewActivity> {
    let days = if NaiveDate::from_ymd_opt(year, 12, 31).map_or(365, |d| d.ordinal()) == 366 {
        366
    } else {
        365
    };
    (0..count)
        .map(|n| {
            let (kind, _, performer, (lo, hi)) = pick(dice, &KINDS, |k| k.1);
            let (kind, performer, lo, hi) = (*kind, performer.clone(), *lo, *hi);
            let slug = pick(dice, &PLACES, |p| if p.outlying { 2 } else { 5 }).slug;
            let ordinal = dice.between(1, days);
            let date = NaiveDate::from_yo_opt(year, ordinal).expect("valid ordinal");
            let time = NaiveTime::from_hms_opt(dice.between(7, 22), dice.between(0, 11) * 5, 0)
                .expect("valid time");
            NewActivity {
                activity: Activity {
                    activity_type: ActivityTypeCode::parse(kind).expect("built-in type"),
                    performer,
                    date,
                    time,
                    duration_minutes: Some(dice.between(lo, hi)),
                    place: Some(PlaceSlug::parse(slug).expect("valid slug")),
                    participants: (kind == "safety_walk").then(|| dice.between(5, 25)),
                },
                started_at: lofte_domain::followup::stockholm_to_utc(date.and_time(time)),
                note: None,
                external_id: Some(format!("national-{code}-{year}-{n}")),
            }
        })
        .collect()
}

/// The codebook every municipality gets: Flen's items and indicators, two areas.
fn national_codebook() -> Result<lofte_domain::survey::Codebook> {
    let mut doc: serde_json::Value =
        serde_json::from_str(crate::demo::FLEN_SURVEY_CODEBOOK).expect("Flen's codebook is JSON");
    doc["areas"] = json!([
        { "code": 1, "sv": "Centralorten", "en": "Main town" },
        { "code": 2, "sv": "Övriga kommunen", "en": "Rest of the municipality" },
    ]);
    lofte_domain::survey::parse_codebook_json(&doc.to_string()).map_err(Error::Invalid)
}

/// A municipality's survey responses for every year of the plan, in the import format.
fn survey_csv(dice: &mut Dice, code: &str, plan: NationalPlan, per_year: u64) -> String {
    use std::fmt::Write;
    let mut out = String::from(
        "respondent_id,year,municipality,area,gender,age_band,weight,otrygg_kvall,oro_brott,\
         problem_belysning,problem_nedskrapning,problem_narkotika,problem_trafik,fortroende_polis\n",
    );
    for year in plan.first_year..plan.first_year + plan.years {
        for n in 0..per_year {
            let _ = write!(
                out,
                "N{code}-{year}-{n},{year},{code},{},{},{},{}",
                dice.between(1, 2),
                dice.between(1, 3),
                dice.between(1, 4),
                f64::from(dice.between(50, 200)) / 100.0,
            );
            for (lo, hi) in [(1, 5), (1, 4), (0, 3), (0, 3), (0, 3), (0, 3), (1, 4)] {
                let _ = write!(out, ",{}", dice.between(lo, hi));
            }
            out.push('\n');
        }
    }
    out
}
