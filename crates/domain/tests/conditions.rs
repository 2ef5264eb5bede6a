//! Target conditions as other municipalities' promises state them: several activity
//! types, calendar windows (including nights across midnight), a number for each year of
//! a multi-year promise, and measures other than a count. Fixtures are written here, not
//! taken from Flen.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use lofte_domain::condition::{Hours, Outside, WEEKDAY_CODES};
use lofte_domain::exchange::parse_promise_json;
use lofte_domain::followup::{
    Activity, Exclusion, Performer, ProgressStatus, Suggestion, Verdict, assess, counts, progress,
};
use lofte_domain::{
    ActivityTypeCode, Measure, Party, Per, PlaceScope, PlaceSlug, Promise, Target, When, Year,
    YearSpan,
};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn code(c: &str) -> ActivityTypeCode {
    ActivityTypeCode::parse(c).unwrap()
}

fn work(kind: &str, on: NaiveDate, at: NaiveTime) -> Activity {
    Activity {
        activity_type: code(kind),
        performer: Performer::Police,
        date: on,
        time: at,
        duration_minutes: Some(30),
        place: Some(PlaceSlug::parse("vag-315").unwrap()),
        participants: None,
    }
}

/// Eskilstuna-like, two years: police controls on Thursdays and Sundays in January–April
/// on two named roads; Friday–Saturday night walks 20–02; a traffic safety day every
/// year; Trygg vuxen counted by participants; presence counted in minutes; dialogue in
/// distinct villages.
const TWO_YEARS: &str = r#"{
  "municipality": "0484",
  "years": { "first": 2027, "last": 2028 },
  "title": "Medborgarlöfte 2027–2028",
  "aim": "Tryggare vägar och kvällar.",
  "outcome_goal": { "text": "Fler ska känna sig trygga.", "measured_in": 2029 },
  "follow_up": { "internal": "tertial", "final_report": { "year": 2029, "quarter": 1 } },
  "commitments": [
    { "party": "police", "kind": "output", "text": "att kontrollera hastigheten på väg 315 och 230.",
      "target": { "activity": ["traffic_control", "speed_camera"], "at_least": 20,
                  "when": { "months": [1, 2, 3, 4], "weekdays": ["thu", "sun"] },
                  "scope": { "places": ["vag-315", "vag-230"] } } },
    { "party": "together", "kind": "output", "text": "att nattvandra fredag och lördag kväll.",
      "target": { "activity": "night_walk", "at_least": 40,
                  "when": { "weekdays": ["fri", "sat"], "hours": { "from": "20:00", "to": "02:00" } } } },
    { "party": "municipality", "kind": "output", "text": "att hålla en trafiksäkerhetsdag varje år.",
      "target": { "activity": "traffic_safety_day", "at_least": 1, "per": "year" } },
    { "party": "municipality", "kind": "output", "text": "att nå 200 vuxna med Trygg vuxen.",
      "target": { "activity": "trygg_vuxen", "at_least": 200, "measure": "participants" } },
    { "party": "police", "kind": "output", "text": "att vara synliga 100 timmar i centrum.",
      "target": { "activity": "foot_patrol", "at_least": 6000, "measure": "minutes" } },
    { "party": "together", "kind": "process", "text": "att hålla medborgardialog i fem orter.",
      "target": { "activity": "citizen_dialogue", "at_least": 5, "measure": "places" } }
  ]
}"#;

fn two_years() -> Promise {
    parse_promise_json(TWO_YEARS).unwrap()
}

fn target(p: &Promise, i: usize) -> (&Target, &Party) {
    let c = &p.commitments[i];
    (c.target.as_ref().unwrap(), &c.party)
}

#[test]
fn the_exchange_format_reads_and_writes_every_condition() {
    let p = two_years();
    let (controls, _) = target(&p, 0);
    assert_eq!(
        controls.activities,
        [code("traffic_control"), code("speed_camera")]
    );
    assert_eq!(controls.when.months, [1, 2, 3, 4]);
    assert_eq!(controls.when.weekdays, [Weekday::Thu, Weekday::Sun]);
    let (nights, _) = target(&p, 1);
    assert_eq!(
        nights.when.hours,
        Some(Hours::new(hm(20, 0), hm(2, 0)).unwrap())
    );
    assert_eq!(target(&p, 2).0.per, Per::Year);
    assert_eq!(target(&p, 3).0.measure, Measure::Participants);
    assert_eq!(target(&p, 4).0.measure, Measure::Minutes);
    assert_eq!(target(&p, 5).0.measure, Measure::Places);
    // Written out and read again, the promise is the same.
    let written =
        serde_json::to_string(&lofte_domain::exchange::PromiseDocument::from(&p)).unwrap();
    assert_eq!(parse_promise_json(&written).unwrap(), p);
    // A one-type target is written as before: a string, no conditions.
    assert!(written.contains(r#""activity":"night_walk""#), "{written}");
    assert!(!written.contains(r#""per":"span""#), "{written}");
}

#[test]
fn every_malformed_condition_is_refused_in_one_pass_with_its_path() {
    let bad = TWO_YEARS
        .replace("[1, 2, 3, 4]", "[1, 13]")
        .replace(r#"["thu", "sun"]"#, r#"["thu", "fre"]"#)
        .replace(r#""to": "02:00""#, r#""to": "25:00""#)
        .replace(r#""measure": "minutes""#, r#""measure": "kilometres""#)
        .replace(r#""per": "year""#, r#""per": "month""#)
        .replace(
            r#"["traffic_control", "speed_camera"]"#,
            r#"["traffic_control", "traffic_control"]"#,
        );
    let errors = parse_promise_json(&bad).unwrap_err();
    let found: Vec<(String, &str)> = errors
        .iter()
        .map(|e| (e.path.clone(), e.problem.code()))
        .collect();
    for expected in [
        ("commitments[0].target.activity[1]", "duplicate"),
        ("commitments[0].target.when.months[1]", "out-of-range"),
        ("commitments[0].target.when.weekdays[1]", "not-one-of"),
        ("commitments[1].target.when.hours.to", "time"),
        ("commitments[2].target.per", "not-one-of"),
        ("commitments[4].target.measure", "not-one-of"),
    ] {
        assert!(
            found.contains(&(expected.0.to_owned(), expected.1)),
            "{expected:?} not in {found:?}"
        );
    }
    assert_eq!(found.len(), 6, "{found:?}");
    // The allowed words are named, so the fix is clear.
    let weekday = errors
        .iter()
        .find(|e| e.path.ends_with("weekdays[1]"))
        .unwrap();
    assert!(
        weekday
            .problem
            .args()
            .contains(&("allowed", "mon, tue, wed, thu, fri, sat, sun".to_owned()))
    );
    // An hour window that starts when it ends holds no time.
    let empty = TWO_YEARS.replace(r#""to": "02:00""#, r#""to": "20:00""#);
    let errors = parse_promise_json(&empty).unwrap_err();
    assert_eq!(errors[0].path, "commitments[1].target.when.hours");
    assert_eq!(errors[0].problem.code(), "empty-hours");
}

#[test]
fn controls_count_only_on_the_promised_days_months_and_roads() {
    let p = two_years();
    let (t, party) = target(&p, 0);
    let check = |a: &Activity| counts(t, party, p.years, a, &[]);
    // Thursday 4 March 2027.
    let thursday = date(2027, 3, 4);
    assert_eq!(thursday.weekday(), Weekday::Thu);
    assert_eq!(check(&work("traffic_control", thursday, hm(10, 0))), Ok(()));
    assert_eq!(check(&work("speed_camera", thursday, hm(10, 0))), Ok(()));
    assert_eq!(
        check(&work("foot_patrol", thursday, hm(10, 0))),
        Err(Exclusion::OtherType)
    );
    assert_eq!(
        check(&work("traffic_control", date(2027, 3, 5), hm(10, 0))),
        Err(Exclusion::OutsideWeekdays)
    );
    // A Thursday in May.
    assert_eq!(
        check(&work("traffic_control", date(2027, 5, 6), hm(10, 0))),
        Err(Exclusion::OutsideMonths)
    );
    let mut elsewhere = work("traffic_control", thursday, hm(10, 0));
    elsewhere.place = Some(PlaceSlug::parse("vag-55").unwrap());
    assert_eq!(check(&elsewhere), Err(Exclusion::OutsideScope));
}

#[test]
fn a_night_across_midnight_belongs_to_the_day_it_starts() {
    let p = two_years();
    let (t, party) = target(&p, 1);
    let check =
        |on: NaiveDate, at: NaiveTime| counts(t, party, p.years, &work("night_walk", on, at), &[]);
    // Friday 5 March 2027 and the small hours after it.
    let (fri, sat, sun) = (date(2027, 3, 5), date(2027, 3, 6), date(2027, 3, 7));
    assert_eq!(fri.weekday(), Weekday::Fri);
    assert_eq!(check(fri, hm(20, 0)), Ok(()));
    assert_eq!(check(sat, hm(1, 59)), Ok(()), "Friday night");
    assert_eq!(check(sat, hm(23, 0)), Ok(()));
    assert_eq!(check(sun, hm(1, 0)), Ok(()), "Saturday night");
    assert_eq!(
        check(sat, hm(2, 0)),
        Err(Exclusion::OutsideHours),
        "the end is exclusive"
    );
    assert_eq!(check(sat, hm(19, 59)), Err(Exclusion::OutsideHours));
    // Friday 01:00 is Thursday night.
    assert_eq!(check(fri, hm(1, 0)), Err(Exclusion::OutsideWeekdays));
    // Monday 01:00 is Sunday night.
    assert_eq!(
        check(date(2027, 3, 8), hm(1, 0)),
        Err(Exclusion::OutsideWeekdays)
    );
}

#[test]
fn a_number_for_each_year_is_met_only_when_every_year_meets_it() {
    let p = two_years();
    let (t, party) = target(&p, 2);
    let n = t.at_least.unwrap();
    // Two safety days in the second year and none in the first.
    let day = |on| Activity {
        performer: Performer::Municipality,
        ..work("traffic_safety_day", on, hm(10, 0))
    };
    let days = [day(date(2028, 5, 10)), day(date(2028, 9, 10))];
    let judge = |as_of: NaiveDate| {
        let pr = progress(t, party, p.years, &days, &[], as_of);
        assess(n, t.per, p.years, &pr, as_of)
    };
    let after = judge(date(2029, 2, 1));
    assert_eq!(
        after.figures.suggestion,
        Suggestion::Verdict(Verdict::PartlyKept)
    );
    let verdicts: Vec<(i32, u32, Suggestion)> = after
        .years
        .iter()
        .map(|y| (y.year.get(), y.figures.actual, y.figures.suggestion))
        .collect();
    assert_eq!(
        verdicts,
        [
            (2027, 0, Suggestion::Verdict(Verdict::NotKept)),
            (2028, 2, Suggestion::Verdict(Verdict::Kept)),
        ]
    );
    // During the second year, the missed first year keeps the commitment behind, even
    // though this year's day is done.
    let during = judge(date(2028, 10, 1));
    assert_eq!(during.year, Some(Year::new(2028).unwrap()));
    assert_eq!(during.figures.actual, 2);
    assert_eq!(
        during.figures.suggestion,
        Suggestion::Progress(ProgressStatus::Behind)
    );
    // On the first year's last day the period goes on: a status, not a verdict.
    let new_years_eve = judge(date(2027, 12, 31));
    assert!(matches!(
        new_years_eve.figures.suggestion,
        Suggestion::Progress(_)
    ));
    // A whole-span target of 1 would have been kept by the same days.
    let mut whole = t.clone();
    whole.per = Per::Span;
    let pr = progress(&whole, party, p.years, &days, &[], date(2029, 2, 1));
    assert_eq!(
        assess(n, whole.per, p.years, &pr, date(2029, 2, 1))
            .figures
            .suggestion,
        Suggestion::Verdict(Verdict::Kept)
    );
}

#[test]
fn participants_minutes_and_places_are_measured_as_promised() {
    let p = two_years();
    let as_of = date(2028, 12, 31);
    let with = |kind: &str, on, participants, minutes, place: Option<&str>| Activity {
        participants,
        duration_minutes: minutes,
        place: place.map(|s| PlaceSlug::parse(s).unwrap()),
        performer: Performer::Municipality,
        ..work(kind, on, hm(18, 0))
    };
    let (t, party) = target(&p, 3);
    let evenings = [
        with("trygg_vuxen", date(2027, 2, 5), Some(12), None, None),
        with("trygg_vuxen", date(2027, 3, 5), Some(30), None, None),
        with("trygg_vuxen", date(2027, 4, 5), None, None, None),
    ];
    let pr = progress(t, party, p.years, &evenings, &[], as_of);
    assert_eq!((pr.actual, pr.activities), (42, 2));
    assert_eq!(pr.excluded.get(&Exclusion::NoParticipants), Some(&1));

    let (t, _) = target(&p, 4);
    let patrols = [
        Activity {
            performer: Performer::Police,
            ..with("foot_patrol", date(2027, 2, 5), None, Some(45), None)
        },
        Activity {
            performer: Performer::Police,
            ..with("foot_patrol", date(2028, 2, 5), None, Some(90), None)
        },
        Activity {
            performer: Performer::Police,
            ..with("foot_patrol", date(2028, 2, 6), None, None, None)
        },
    ];
    let pr = progress(t, &Party::Police, p.years, &patrols, &[], as_of);
    assert_eq!(pr.actual, 135);
    assert_eq!(pr.by_year.get(&2028), Some(&90));
    assert_eq!(pr.excluded.get(&Exclusion::NoDuration), Some(&1));

    let (t, party) = target(&p, 5);
    let dialogues = [
        with(
            "citizen_dialogue",
            date(2027, 2, 5),
            None,
            None,
            Some("bie"),
        ),
        with(
            "citizen_dialogue",
            date(2027, 6, 5),
            None,
            None,
            Some("bie"),
        ),
        with(
            "citizen_dialogue",
            date(2027, 6, 9),
            None,
            None,
            Some("sparreholm"),
        ),
        with(
            "citizen_dialogue",
            date(2028, 1, 9),
            None,
            None,
            Some("bie"),
        ),
        with("citizen_dialogue", date(2028, 1, 9), None, None, None),
    ];
    let pr = progress(t, party, p.years, &dialogues, &[], as_of);
    assert_eq!(pr.actual, 2, "two distinct places");
    assert_eq!(pr.activities, 4);
    assert_eq!(pr.by_month.get(&(2027, 2)), Some(&1));
    assert_eq!(
        pr.by_month.get(&(2027, 6)),
        Some(&1),
        "Bie again adds nothing"
    );
    assert_eq!(pr.by_month.get(&(2028, 1)).copied().unwrap_or(0), 0);
    assert_eq!(
        pr.by_year.get(&2028),
        Some(&1),
        "each year counts its own places"
    );
    assert_eq!(pr.excluded.get(&Exclusion::NoPlace), Some(&1));
    // Promised for each year, a year's months add up to that year's figure: Bie counts
    // again in January 2028.
    let mut each_year = t.clone();
    each_year.per = lofte_domain::condition::Per::Year;
    let pr = progress(&each_year, party, p.years, &dialogues, &[], as_of);
    assert_eq!(pr.by_month.get(&(2028, 1)), Some(&1));
    for year in [2027, 2028] {
        let months: u32 = pr
            .by_month
            .iter()
            .filter(|((y, _), _)| *y == year)
            .map(|(_, n)| n)
            .sum();
        assert_eq!(Some(&months), pr.by_year.get(&year), "{year}");
    }
}

fn arb_when() -> impl Strategy<Value = When> {
    (
        proptest::collection::vec(1u32..=12, 0..4),
        proptest::collection::vec(0usize..7, 0..3),
        proptest::option::of((0u32..24, 0u32..24)),
    )
        .prop_filter_map("an empty hour window", |(months, days, hours)| {
            let hours = match hours {
                Some((from, to)) => Some(Hours::new(hm(from, 0), hm(to, 0)).ok()?),
                None => None,
            };
            When::new(
                months,
                days.iter().map(|d| WEEKDAY_CODES[*d].1).collect(),
                hours,
            )
            .ok()
        })
}

proptest! {
    // An activity counts iff it meets every condition, each checked here on its own
    // terms: the day a moment belongs to is the previous day in the small hours of a
    // night window.
    #[test]
    fn an_activity_counts_iff_it_meets_every_condition(
        when in arb_when(),
        kinds in proptest::collection::vec(0usize..3, 1..3),
        measure in 0usize..4,
        kind in 0usize..3,
        ordinal in 1u32..=730,
        minute_of_day in 0u32..1440,
        participants in proptest::option::of(0u32..50),
        minutes in proptest::option::of(1u32..300),
        with_place in any::<bool>(),
    ) {
        let names = ["traffic_control", "foot_patrol", "night_walk"];
        let mut activities: Vec<ActivityTypeCode> = kinds.iter().map(|k| code(names[*k])).collect();
        activities.dedup();
        let target = Target {
            activities: activities.clone(),
            when: when.clone(),
            measure: Measure::ALL[measure],
            ..Target::counting(code("traffic_control"), Some(10))
        };
        let span = YearSpan::new(Year::new(2027).unwrap(), Year::new(2028).unwrap()).unwrap();
        let on = date(2027, 1, 1) + chrono::Duration::days(i64::from(ordinal) - 1);
        let at = hm(minute_of_day / 60, minute_of_day % 60);
        let a = Activity {
            activity_type: code(names[kind]),
            performer: Performer::Police,
            date: on,
            time: at,
            duration_minutes: minutes,
            place: with_place.then(|| PlaceSlug::parse("bie").unwrap()),
            participants,
        };
        let day = match when.hours {
            Some(h) if h.to < h.from && at < h.to => on.pred_opt().unwrap(),
            _ => on,
        };
        let in_hours = when.hours.is_none_or(|h| {
            if h.from < h.to { h.from <= at && at < h.to } else { at >= h.from || at < h.to }
        });
        let expected = activities.contains(&a.activity_type)
            && (when.months.is_empty() || when.months.contains(&day.month()))
            && (when.weekdays.is_empty() || when.weekdays.contains(&day.weekday()))
            && in_hours
            && match target.measure {
                Measure::Count => true,
                Measure::Participants => participants.is_some(),
                Measure::Minutes => minutes.is_some(),
                Measure::Places => with_place,
            };
        let got = counts(&target, &Party::Police, span, &a, &[]);
        prop_assert_eq!(got.is_ok(), expected, "{:?}", got);
        prop_assert_eq!(when.check(on.and_time(at)).is_ok(),
            (when.months.is_empty() || when.months.contains(&day.month()))
                && (when.weekdays.is_empty() || when.weekdays.contains(&day.weekday()))
                && in_hours);
        if let Err(Outside::Hours) = when.check(on.and_time(at)) {
            prop_assert!(!in_hours);
        }
    }

    // A number promised for each year: after the period the verdict is "kept" iff every
    // year reached it, "not kept" iff no year reached even half of it.
    #[test]
    fn a_per_year_target_is_met_iff_every_year_is_met(
        per_year in proptest::collection::vec(0u32..6, 2..=4),
        n in 1u32..5,
    ) {
        let first = Year::new(2027).unwrap();
        let last = Year::new(2027 + per_year.len() as i32 - 1).unwrap();
        let span = YearSpan::new(first, last).unwrap();
        let target = Target { per: Per::Year, ..Target::counting(code("traffic_safety_day"), Some(n)) };
        let activities: Vec<Activity> = per_year
            .iter()
            .enumerate()
            .flat_map(|(i, count)| {
                (0..*count).map(move |k| work("traffic_safety_day", date(2027 + i as i32, 3, 1 + k), hm(10, 0)))
            })
            .collect();
        let after = span.last_day() + chrono::Duration::days(40);
        let pr = progress(&target, &Party::Together, span, &activities, &[], after);
        prop_assert_eq!(pr.actual, per_year.iter().sum::<u32>());
        let a = assess(n, Per::Year, span, &pr, after);
        prop_assert_eq!(a.years.len(), per_year.len());
        let kept = a.figures.suggestion == Suggestion::Verdict(Verdict::Kept);
        prop_assert_eq!(kept, per_year.iter().all(|c| *c >= n));
        let not_kept = a.figures.suggestion == Suggestion::Verdict(Verdict::NotKept);
        prop_assert_eq!(not_kept, per_year.iter().all(|c| f64::from(*c) < 0.5 * f64::from(n)));
    }
}

#[test]
fn scope_and_conditions_combine() {
    // A target for several roads with a calendar window still respects its scope.
    let t = Target {
        scope: PlaceScope::Places(vec![PlaceSlug::parse("vag-315").unwrap()]),
        when: When::new(vec![6, 7, 8], vec![], None).unwrap(),
        ..Target::counting(code("traffic_control"), Some(5))
    };
    let span = YearSpan::single(Year::new(2027).unwrap());
    let summer = work("traffic_control", date(2027, 7, 1), hm(12, 0));
    assert_eq!(counts(&t, &Party::Police, span, &summer, &[]), Ok(()));
    let winter = work("traffic_control", date(2027, 1, 1), hm(12, 0));
    assert_eq!(
        counts(&t, &Party::Police, span, &winter, &[]),
        Err(Exclusion::OutsideMonths)
    );
}

#[test]
fn commitments_are_numbered_in_the_pages_order_grouped_by_party() {
    // Written interleaved: together, police, together, municipality, police.
    let json = TWO_YEARS.replace(
        r#""commitments": ["#,
        r#""commitments": [
    { "party": "together", "kind": "process", "text": "att ses varje månad." },"#,
    );
    let p = parse_promise_json(&json).unwrap();
    let parties: Vec<&Party> = p
        .page_order()
        .iter()
        .map(|i| &p.commitments[*i].party)
        .collect();
    // The page shows each party's commitments together, parties in order of first
    // appearance (police first here), each party's in written order.
    let mut seen: Vec<&Party> = Vec::new();
    for party in &parties {
        if seen.last() != Some(party) {
            assert!(
                !seen.contains(party),
                "{party:?} comes back after another party"
            );
            seen.push(party);
        }
    }
    assert_eq!(p.page_order().len(), p.commitments.len());
    assert_eq!(p.page_order()[0], 0);
    let together: Vec<usize> = p
        .page_order()
        .into_iter()
        .filter(|i| p.commitments[*i].party == Party::Together)
        .collect();
    assert_eq!(together, [0, 2, 6]);
}

/// A target counted only January–April runs its even pace over those months: by the end
/// of February half of it is due, and by June 30 of a lacking count is behind, not on
/// track, though the calendar year is only half over.
#[test]
fn the_even_pace_runs_over_the_window_only() {
    use lofte_domain::followup::{figures, figures_in};
    let year = lofte_domain::Year::new(2026).unwrap();
    let span = lofte_domain::YearSpan::single(year);
    let spring = When::new(vec![1, 2, 3, 4], Vec::new(), None).unwrap();
    let feb = figures_in(40, span, 10, date(2026, 2, 28), &spring);
    let open_days = 31.0 + 28.0 + 31.0 + 30.0;
    assert!(
        (feb.expected - 40.0 * 59.0 / open_days).abs() < 1e-9,
        "{}",
        feb.expected
    );
    let june = figures_in(40, span, 30, date(2026, 6, 30), &spring);
    assert!((june.expected - 40.0).abs() < 1e-9);
    assert_eq!(june.forecast, 30.0);
    assert_eq!(
        june.suggestion,
        Suggestion::Progress(ProgressStatus::Behind)
    );
    // Over the calendar, the same count would have looked on track.
    let calendar = figures(40, span, 30, date(2026, 6, 30));
    assert_eq!(
        calendar.suggestion,
        Suggestion::Progress(ProgressStatus::OnTrack)
    );
    // Weekdays too: only Fridays and Saturdays are open days.
    let weekends = When::new(Vec::new(), vec![Weekday::Fri, Weekday::Sat], None).unwrap();
    let january = figures_in(104, span, 0, date(2026, 1, 31), &weekends);
    // January 2026 has five Fridays and five Saturdays of the year's 104 open days.
    assert!(
        (january.expected - 10.0).abs() < 1e-9,
        "{}",
        january.expected
    );
}
