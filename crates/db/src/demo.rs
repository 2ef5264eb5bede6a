//! The Flen demo data set, transcribed from Flen's published promises for 2020 and 2021
//! (see `data/flen/`). It is loaded through the same import path as any municipality's
//! files, so the demo exercises the exchange format.

use lofte_domain::exchange::{parse_profile_json, parse_promise_json};
use lofte_domain::{MunicipalityCode, Year};

use crate::{Db, Error, Result, Visibility};

pub const FLEN_PROFILE: &str = include_str!("../../../data/flen/municipality.json");
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
            tenant
                .create_promise(crate::Actor::System, &promise)
                .await?;
            loaded.promises_added += 1;
        }
    }
    Ok(loaded)
}

/// A small deterministic generator (xorshift64*): the same demo data on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    fn chance(&mut self, percent: u32) -> bool {
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
            let total_weight: u32 = plan.places.iter().map(|(_, w)| w).sum();
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
                let mut pick = dice.between(1, total_weight);
                let place = plan
                    .places
                    .iter()
                    .find(|(_, w)| {
                        if pick <= *w {
                            true
                        } else {
                            pick -= w;
                            false
                        }
                    })
                    .map(|(p, _)| *p)
                    .expect("weights add up");
                items.push(NewActivity {
                    activity: Activity {
                        activity_type: ActivityTypeCode::parse(plan.kind).expect("built-in type"),
                        performer: plan.performer.clone(),
                        date,
                        duration_minutes: Some(duration),
                        place: Some(PlaceSlug::parse(place).expect("demo place")),
                    },
                    started_at: crate::activities::stockholm_to_utc(date.and_time(time)),
                    participants: (plan.kind == "safety_walk").then(|| dice.between(8, 20)),
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
