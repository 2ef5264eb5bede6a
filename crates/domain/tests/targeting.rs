//! Did the work go where the problems are: the shares of counted work in the hot spots and
//! hours against an even spread, on a municipality of our own (not Flen): four places, one
//! of them within another, reports at the square on weekend nights.

use chrono::{NaiveDate, NaiveTime, Weekday};
use lofte_domain::followup::{Activity, Performer};
use lofte_domain::targeting::{Aim, Problems, targeting};
use lofte_domain::{ActivityTypeCode, Place, PlaceKind, PlaceSlug, When};

fn slug(s: &str) -> PlaceSlug {
    PlaceSlug::parse(s).unwrap()
}

fn places() -> Vec<Place> {
    let place = |s: &str, within: Option<&str>| Place {
        municipality: lofte_domain::MunicipalityCode::parse("0428").unwrap(),
        slug: slug(s),
        name: lofte_domain::Text::parse(s, 100).unwrap(),
        kind: PlaceKind::Area,
        coordinates: lofte_domain::Coordinates::new(59.0, 16.2).unwrap(),
        outlying: false,
        within: within.map(slug),
        shape: None,
    };
    vec![
        place("centrum", None),
        place("torget", Some("centrum")),
        place("stationen", None),
        place("badplatsen", None),
    ]
}

fn patrol(day: u32, hour: u32, place: Option<&str>) -> Activity {
    Activity {
        activity_type: ActivityTypeCode::parse("foot_patrol").unwrap(),
        performer: Performer::Police,
        // 1 March 2024 was a Friday.
        date: NaiveDate::from_ymd_opt(2024, 3, day).unwrap(),
        time: NaiveTime::from_hms_opt(hour, 10, 0).unwrap(),
        duration_minutes: Some(15),
        place: place.map(slug),
        participants: None,
    }
}

/// 40 reports: 30 at the square, Friday and Saturday 22–23; 10 at the station by day.
fn problems() -> Problems {
    Problems {
        by_place: vec![(slug("torget"), 30), (slug("stationen"), 10)],
        by_hour: vec![
            (Weekday::Fri, 22, 15),
            (Weekday::Sat, 23, 15),
            (Weekday::Tue, 12, 10),
        ],
    }
}

#[test]
fn work_at_the_hot_spot_in_the_hot_hours_is_more_than_even() {
    // 20 patrols on Friday nights at the square; 4 on Tuesday at the station; 2 without a
    // place on Friday night.
    let mut work: Vec<Activity> = (0..20).map(|_| patrol(1, 22, Some("torget"))).collect();
    work.extend((0..4).map(|_| patrol(5, 12, Some("stationen"))));
    work.extend((0..2).map(|_| patrol(1, 22, None)));
    let counted: Vec<&Activity> = work.iter().collect();
    let t = targeting(&problems(), &counted, &places(), &When::default());
    assert_eq!(t.hot.places, [(slug("torget"), 30)]);
    assert_eq!(t.hot.week, 168);
    assert_eq!(t.hot.hours, [(Weekday::Fri, 22), (Weekday::Sat, 23)]);
    assert_eq!(t.without_place, 2);
    let places = t.places.unwrap();
    assert_eq!((places.within, places.of), (20, 24));
    // The square alone of four places.
    assert!((places.expected - 0.25).abs() < 1e-12);
    assert_eq!(places.aim(), Aim::MoreThanEven);
    let hours = t.hours.unwrap();
    assert_eq!((hours.within, hours.of), (22, 26));
    assert!((hours.expected - 2.0 / 168.0).abs() < 1e-12);
    assert_eq!(hours.aim(), Aim::MoreThanEven);
    assert_eq!(t.both.unwrap().within, 20);
}

#[test]
fn work_within_a_hot_spot_counts_and_a_parent_place_does_not() {
    let problems = Problems {
        by_place: vec![(slug("centrum"), 25), (slug("stationen"), 5)],
        by_hour: Vec::new(),
    };
    let work = [
        patrol(1, 22, Some("torget")),
        patrol(1, 22, Some("centrum")),
        patrol(1, 22, Some("badplatsen")),
    ];
    let counted: Vec<&Activity> = work.iter().collect();
    let t = targeting(&problems, &counted, &places(), &When::default());
    let share = t.places.unwrap();
    assert_eq!((share.within, share.of), (2, 3));
    // The centre and the square within it: two of four places.
    assert!((share.expected - 0.5).abs() < 1e-12);
    assert_eq!(share.aim(), Aim::AsEven, "three patrols cannot tell");
    assert!(t.hours.is_none(), "no report with a time: no hot hours");
}

#[test]
fn work_away_from_the_problems_is_less_than_even_and_nothing_is_not_measurable() {
    let work: Vec<Activity> = (0..30).map(|_| patrol(5, 9, Some("badplatsen"))).collect();
    let counted: Vec<&Activity> = work.iter().collect();
    let t = targeting(&problems(), &counted, &places(), &When::default());
    assert_eq!(t.places.unwrap().within, 0);
    assert_eq!(t.places.unwrap().aim(), Aim::LessThanEven);
    // 2 of 168 hours: 30 patrols outside them cannot show "less" with 95 % certainty.
    assert_eq!(t.hours.unwrap().aim(), Aim::AsEven);
    let none = targeting(&problems(), &[], &places(), &When::default());
    assert_eq!(none.places.unwrap().aim(), Aim::NotMeasurable);
    let few = Problems {
        by_place: vec![(slug("torget"), 19)],
        by_hour: Vec::new(),
    };
    assert!(
        targeting(&few, &counted, &places(), &When::default())
            .places
            .is_none(),
        "19 reports are too few to name hot spots"
    );
}
