//! The incident report's parser (`IncidentFields::parse`, shared by the staff form, the
//! API and the file) on arbitrary UTF-8, split on NUL into its eleven fields (category,
//! date, time, end date, end time, place, lat, lon, text, reporter, external id), the
//! first byte saying whether the reporter confirmed the text: no panic; every problem is
//! on one of the fields; what it accepts is what the form promises (a known category, not
//! in the future, a period that runs forwards, bounded texts, and no personal data in the
//! text unless confirmed).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lofte_domain::PlaceSlug;
use lofte_domain::incident::{IncidentCategory, IncidentContext, IncidentFields, NewIncident, PersonalData};

const FIELDS: [&str; 11] = [
    "category", "date", "time", "end_date", "end_time", "place", "lat", "lon", "text",
    "reporter", "external_id",
];

fuzz_target!(|data: &[u8]| {
    let Some((flag, rest)) = data.split_first() else {
        return;
    };
    let Ok(raw) = std::str::from_utf8(rest) else {
        return;
    };
    let [category, date, time, end_date, end_time, place, lat, lon, text, reporter, external_id] =
        lofte_fuzz::split_fields::<11>(raw);
    let confirmed = flag % 2 == 1;
    let known = |raw: &str| (raw.trim() == "torget").then(|| PlaceSlug::parse("torget").unwrap());
    let now = chrono::DateTime::parse_from_rfc3339("2024-06-01T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let context = IncidentContext {
        place: &known,
        boundary: None,
        municipality: "Gnesta kommun",
        now,
    };
    let fields = IncidentFields {
        category,
        date,
        time,
        end_date,
        end_time,
        place,
        lat,
        lon,
        text,
        reporter,
        external_id,
        confirmed,
    };
    match fields.parse(&context) {
        Err(problems) => {
            assert!(!problems.is_empty());
            for (field, _) in &problems {
                assert!(FIELDS.contains(field), "unknown field {field}");
            }
        }
        Ok(report) => {
            assert_eq!(IncidentCategory::parse(report.category.code()), Ok(report.category));
            assert!(report.started_at <= now, "not in the future");
            if let Some(until) = report.occurred.until {
                assert!(until >= report.occurred.from, "a period runs forwards");
            }
            assert!(report.place.is_some() || report.point.is_some());
            assert_eq!(report.reporter.as_str(), reporter.trim());
            assert!(report.reporter.as_str().chars().count() <= NewIncident::MAX_REPORTER);
            if let Some(t) = &report.text {
                assert!(t.as_str().chars().count() <= NewIncident::MAX_TEXT);
                assert!(
                    confirmed || PersonalData::find(t.as_str()).is_none(),
                    "personal data only when confirmed"
                );
            }
        }
    }
});
