//! The police's events feed parser (`police_event::parse_feed`, what `lofte events
//! import` reads) on arbitrary UTF-8: no panic; a refused file names a path for every
//! problem (only text that is no JSON at all has none); an accepted event links only to
//! polisen.se, has bounded texts, and its assignment by the title names the title's last
//! place.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lofte_domain::MunicipalityCode;
use lofte_domain::police_event::{Assigned, PoliceEvent, parse_feed};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    match parse_feed(raw) {
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in &errors {
                assert!(
                    !e.path.is_empty() || e.problem.code() == "json-syntax" || e.problem.code() == "wrong-type",
                    "{e:?}"
                );
            }
        }
        Ok(events) => {
            let gnesta = MunicipalityCode::parse("0461").unwrap();
            for e in events {
                assert!(e.url.starts_with("https://polisen.se/"), "{}", e.url);
                assert!(!e.url.chars().any(char::is_whitespace));
                assert!(e.name.as_str().chars().count() <= PoliceEvent::MAX_NAME);
                assert!(e.kind.as_str().chars().count() <= PoliceEvent::MAX_KIND);
                let named = |name: &str| (name == "Gnesta").then(|| gnesta.clone());
                if let Some((_, Assigned::Title)) = e.assign(named, |_| None) {
                    assert_eq!(e.title_place(), Some("Gnesta"));
                    assert_ne!(e.location_name.as_str(), "Gnesta");
                }
            }
        }
    }
});
