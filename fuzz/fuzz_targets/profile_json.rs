//! `parse_profile_json` on arbitrary UTF-8, including the GeoJSON `boundary`: no panic; a
//! refused profile names the field of every problem; an accepted boundary survives
//! `to_geojson` (how it is stored) unchanged, and `Boundary::contains` answers for points
//! on and around it, never true beyond the box around all its positions.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lofte_domain::exchange::parse_profile_json;
use lofte_domain::{Boundary, Coordinates};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let profile = match parse_profile_json(json) {
        Err(errors) => return lofte_fuzz::check_field_errors(json, &errors),
        Ok(profile) => profile,
    };
    for place in &profile.places {
        assert_eq!(place.municipality, profile.municipality);
    }
    let Some(boundary) = &profile.boundary else {
        return;
    };
    let geojson = boundary.to_geojson();
    assert_eq!(Boundary::from_geojson(&geojson).as_ref(), Ok(boundary));

    // Every position, and the box around them.
    let positions: Vec<(f64, f64)> = geojson["coordinates"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|polygon| polygon.as_array().into_iter().flatten())
        .flat_map(|ring| ring.as_array().into_iter().flatten())
        .map(|p| (p[1].as_f64().expect("lat"), p[0].as_f64().expect("lon")))
        .collect();
    assert!(positions.len() >= 4);
    let (mut south, mut north, mut west, mut east) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lat, lon) in &positions {
        south = south.min(lat);
        north = north.max(lat);
        west = west.min(lon);
        east = east.max(lon);
    }
    let point = |lat: f64, lon: f64| Coordinates::new(lat, lon).ok();
    // Points on the boundary and between positions may fall either way: only no panic.
    let middle = point((south + north) / 2.0, (west + east) / 2.0);
    let mut probes: Vec<Coordinates> = positions
        .iter()
        .take(16)
        .filter_map(|&(lat, lon)| point(lat, lon))
        .collect();
    probes.extend(middle);
    probes.extend(profile.places.iter().map(|p| p.coordinates));
    for p in probes {
        let _ = boundary.contains(p);
    }
    // Beyond the box: outside, whatever the shape.
    for outside in [
        point(north + 0.01, (west + east) / 2.0),
        point(south - 0.01, (west + east) / 2.0),
        point((south + north) / 2.0, east + 0.01),
        point((south + north) / 2.0, west - 0.01),
    ]
    .into_iter()
    .flatten()
    {
        assert!(
            !boundary.contains(outside),
            "({}, {}) is beyond every position but inside",
            outside.lat(),
            outside.lon()
        );
    }
});
