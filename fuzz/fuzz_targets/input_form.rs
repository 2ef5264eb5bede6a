//! The public form's parser (`InputFields::parse`) on arbitrary UTF-8, split on NUL into
//! its nine fields (locality, place, address, category, text, age band, gender, lat, lon):
//! no panic; every problem is on one of the form's fields; what it accepts is what the
//! form promises (trimmed, bounded, a point only when one was marked, and in Sweden).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lofte_domain::citizen::{InputFields, NewInput};

const FIELDS: [&str; 8] = [
    "locality", "place", "address", "category", "text", "age_band", "gender", "position",
];

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let [
        locality,
        place,
        address,
        category,
        text,
        age_band,
        gender,
        lat,
        lon,
    ] = lofte_fuzz::split_fields::<9>(raw);
    let fields = InputFields {
        locality,
        place,
        address,
        category,
        text,
        age_band,
        gender,
        lat,
        lon,
    };
    match fields.parse() {
        Err(errors) => {
            lofte_fuzz::check_field_errors(raw, &errors);
            for e in &errors {
                assert!(FIELDS.contains(&e.path.as_str()), "unknown field {e}");
            }
        }
        Ok(input) => {
            assert_eq!(input.locality.as_str(), locality.trim());
            assert_eq!(input.category.code(), category.trim());
            assert_eq!(input.text.as_str(), text.trim());
            assert!(input.text.as_str().chars().count() <= NewInput::MAX_TEXT);
            if let Some(address) = &input.address {
                assert_eq!(address.as_str(), address.as_str().trim());
                assert!(address.as_str().chars().count() <= NewInput::MAX_ADDRESS);
            }
            let marked = !lat.trim().is_empty() || !lon.trim().is_empty();
            assert_eq!(
                input.point.is_some(),
                marked,
                "a point only when one was marked"
            );
            if let Some(p) = input.point {
                assert!((55.0..=69.1).contains(&p.lat()) && (10.5..=24.2).contains(&p.lon()));
            }
        }
    }
});
