//! The follow-up engine: which activities count, and what the figures suggest.

use chrono::NaiveDate;
use lofte_domain::exchange::{parse_profile_json, parse_promise_json};
use lofte_domain::followup::{
    Activity, Exclusion, Performer, ProgressStatus, Suggestion, Verdict, counts, figures, progress,
};
use lofte_domain::{ActivityTypeCode, Party, PlaceSlug, Promise, Year, YearSpan};
use proptest::prelude::*;

const FLEN_2020: &str = include_str!("../../../data/flen/promise-2020.json");
const FLEN_2021: &str = include_str!("../../../data/flen/promise-2021.json");
const FLEN_PROFILE: &str = include_str!("../../../data/flen/municipality.json");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn control(on: NaiveDate, minutes: Option<u32>, place: Option<&str>) -> Activity {
    Activity {
        activity_type: ActivityTypeCode::parse("traffic_control").unwrap(),
        performer: Performer::Police,
        date: on,
        time: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        duration_minutes: minutes,
        place: place.map(|p| PlaceSlug::parse(p).unwrap()),
        participants: None,
    }
}

fn promise(json: &str) -> Promise {
    parse_promise_json(json).unwrap()
}

#[test]
fn a_control_counts_only_within_the_20_minute_window_the_year_and_for_the_police() {
    let p = promise(FLEN_2021);
    let c = &p.commitments[5];
    let t = c.target.as_ref().unwrap();
    let places = parse_profile_json(FLEN_PROFILE).unwrap().places;
    let check = |a: &Activity| counts(t, &c.party, p.years, a, &places);
    assert_eq!(
        check(&control(date(2021, 3, 1), Some(20), Some("malmkoping"))),
        Ok(())
    );
    assert_eq!(
        check(&control(date(2021, 3, 1), Some(5), None)),
        Err(Exclusion::OutsideMethodWindow)
    );
    assert_eq!(
        check(&control(date(2021, 3, 1), Some(45), None)),
        Err(Exclusion::OutsideMethodWindow)
    );
    assert_eq!(
        check(&control(date(2021, 3, 1), None, None)),
        Err(Exclusion::NoDuration)
    );
    assert_eq!(
        check(&control(date(2020, 12, 31), Some(20), None)),
        Err(Exclusion::OutsidePeriod)
    );
    let mut by_municipality = control(date(2021, 3, 1), Some(20), None);
    by_municipality.performer = Performer::Municipality;
    assert_eq!(check(&by_municipality), Err(Exclusion::OtherParty));
}

#[test]
fn foot_patrols_count_only_in_flen_centre_including_places_within_it() {
    let p = promise(FLEN_2020);
    let c = &p.commitments[3];
    let t = c.target.as_ref().unwrap();
    let mut places = parse_profile_json(FLEN_PROFILE).unwrap().places;
    // A hot spot inside the centre counts as the centre.
    places
        .iter_mut()
        .find(|p| p.slug.as_str() == "sveaparken")
        .unwrap()
        .within = Some(PlaceSlug::parse("flen-centrum").unwrap());
    let patrol = |place: &str, minutes| Activity {
        activity_type: ActivityTypeCode::parse("foot_patrol").unwrap(),
        performer: Performer::Police,
        date: date(2020, 6, 1),
        time: chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        duration_minutes: Some(minutes),
        place: Some(PlaceSlug::parse(place).unwrap()),
        participants: None,
    };
    assert_eq!(
        counts(t, &c.party, p.years, &patrol("flen-centrum", 15), &places),
        Ok(())
    );
    assert_eq!(
        counts(t, &c.party, p.years, &patrol("sveaparken", 12), &places),
        Ok(())
    );
    assert_eq!(
        counts(t, &c.party, p.years, &patrol("malmkoping", 15), &places),
        Err(Exclusion::OutsideScope)
    );
    assert_eq!(
        counts(t, &c.party, p.years, &patrol("flen-centrum", 30), &places),
        Err(Exclusion::OutsideMethodWindow)
    );
}

#[test]
fn progress_reports_the_share_in_the_outlying_villages() {
    let p = promise(FLEN_2021);
    let c = &p.commitments[5];
    let t = c.target.as_ref().unwrap();
    let places = parse_profile_json(FLEN_PROFILE).unwrap().places;
    let activities = vec![
        control(date(2021, 1, 10), Some(20), Some("flen")),
        control(date(2021, 1, 20), Some(20), Some("malmkoping")),
        control(date(2021, 2, 5), Some(20), Some("sparreholm")),
        control(date(2021, 2, 6), Some(3), Some("sparreholm")),
        control(date(2021, 9, 6), Some(20), Some("flen")),
    ];
    let pr = progress(
        t,
        &c.party,
        p.years,
        &activities,
        &places,
        date(2021, 4, 30),
    );
    assert_eq!(pr.actual, 3);
    assert_eq!(pr.in_emphasis, 2);
    assert_eq!(pr.emphasis_share(), Some(2.0 / 3.0));
    assert_eq!(pr.excluded.get(&Exclusion::OutsideMethodWindow), Some(&1));
    assert_eq!(pr.by_month.get(&(2021, 1)), Some(&2));
}

#[test]
fn figures_for_flen_2021_mid_year() {
    let span = YearSpan::single(Year::new(2021).unwrap());
    // 64 of 100 by the end of T2 (31 August): the even pace is 66.6, the forecast 96.
    let f = figures(100, span, 64, date(2021, 8, 31));
    assert!((f.expected - 66.575).abs() < 0.01, "{}", f.expected);
    assert!((f.forecast - 96.13).abs() < 0.01, "{}", f.forecast);
    assert_eq!(f.suggestion, Suggestion::Progress(ProgressStatus::AtRisk));
    assert_eq!(
        figures(100, span, 70, date(2021, 8, 31)).suggestion,
        Suggestion::Progress(ProgressStatus::OnTrack)
    );
    assert_eq!(
        figures(100, span, 40, date(2021, 8, 31)).suggestion,
        Suggestion::Progress(ProgressStatus::Behind)
    );
    assert_eq!(
        figures(100, span, 0, date(2021, 1, 10)).suggestion,
        Suggestion::Progress(ProgressStatus::NotStarted)
    );
    assert_eq!(
        figures(100, span, 100, date(2021, 12, 31)).suggestion,
        Suggestion::Verdict(Verdict::Kept)
    );
    assert_eq!(
        figures(100, span, 64, date(2022, 3, 1)).suggestion,
        Suggestion::Verdict(Verdict::PartlyKept)
    );
    assert_eq!(
        figures(4, span, 1, date(2022, 3, 1)).suggestion,
        Suggestion::Verdict(Verdict::NotKept)
    );
}

fn rank(s: Suggestion) -> u8 {
    match s {
        Suggestion::Progress(ProgressStatus::Behind) | Suggestion::Verdict(Verdict::NotKept) => 0,
        Suggestion::Progress(ProgressStatus::NotStarted) => 0,
        Suggestion::Progress(ProgressStatus::AtRisk) | Suggestion::Verdict(Verdict::PartlyKept) => {
            1
        }
        Suggestion::Progress(ProgressStatus::OnTrack) | Suggestion::Verdict(Verdict::Kept) => 2,
        Suggestion::NotAssessed => 0,
    }
}

proptest! {
    #[test]
    fn more_work_never_looks_worse(target in 1u32..500, a in 0u32..600, extra in 0u32..100, ordinal in 1u32..=365) {
        let span = YearSpan::single(Year::new(2021).unwrap());
        let on = NaiveDate::from_yo_opt(2021, ordinal).unwrap();
        let less = figures(target, span, a, on);
        let more = figures(target, span, a + extra, on);
        prop_assert!(rank(more.suggestion) >= rank(less.suggestion) || matches!(less.suggestion, Suggestion::Progress(ProgressStatus::NotStarted)));
        prop_assert!(less.expected <= f64::from(target) + 1e-9);
        prop_assert!(more.forecast >= less.forecast);
    }

    #[test]
    fn the_verdict_is_kept_exactly_when_the_target_is_reached(target in 1u32..500, actual in 0u32..1000) {
        let span = YearSpan::single(Year::new(2020).unwrap());
        let f = figures(target, span, actual, NaiveDate::from_ymd_opt(2021, 2, 1).unwrap());
        prop_assert_eq!(f.suggestion == Suggestion::Verdict(Verdict::Kept), actual >= target);
    }

    #[test]
    fn progress_adds_up(days in proptest::collection::vec((1u32..=365, 0u32..40, 0usize..5), 0..60), cutoff in 1u32..=365) {
        let p = promise(FLEN_2021);
        let c = &p.commitments[5];
        let t = c.target.as_ref().unwrap();
        let places = parse_profile_json(FLEN_PROFILE).unwrap().places;
        let slugs = ["flen", "malmkoping", "sparreholm", "resecentrum", "skebokvarn"];
        let activities: Vec<Activity> = days
            .iter()
            .map(|(d, m, s)| control(NaiveDate::from_yo_opt(2021, *d).unwrap(), Some(*m), Some(slugs[*s])))
            .collect();
        let as_of = NaiveDate::from_yo_opt(2021, cutoff).unwrap();
        let pr = progress(t, &Party::Police, p.years, &activities, &places, as_of);
        prop_assert_eq!(pr.by_month.values().sum::<u32>(), pr.actual);
        prop_assert_eq!(pr.by_place.values().sum::<u32>(), pr.actual);
        prop_assert!(pr.in_emphasis <= pr.actual);
        let counted = activities.iter().filter(|a| a.date <= as_of && (15..=30).contains(&a.duration_minutes.unwrap())).count();
        prop_assert_eq!(pr.actual as usize, counted);
        prop_assert_eq!(pr.actual_until(as_of), pr.actual);
    }
}
