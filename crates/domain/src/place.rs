//! Places: localities, hot spots and areas within a municipality.

use std::fmt;

use crate::municipality::MunicipalityCode;
use crate::problem::Problem;
use crate::text::Text;

/// A place's identifier within its municipality: lowercase ASCII letters, digits and
/// hyphens, e.g. `flen-centrum`. Stable, so that targets and logged work can name places.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceSlug(String);

impl PlaceSlug {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        parse_slug(raw).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PlaceSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Shared rule for identifiers people write in files: `[a-z0-9]` words joined by `-` or `_`.
pub(crate) fn parse_slug(raw: &str) -> Result<String, Problem> {
    let ok = !raw.is_empty()
        && raw.len() <= 64
        && raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && raw.as_bytes()[0].is_ascii_alphanumeric()
        && raw.as_bytes()[raw.len() - 1].is_ascii_alphanumeric();
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(Problem::Slug {
            value: raw.to_owned(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A town or village (tätort), e.g. Malmköping.
    Locality,
    /// A small place where crime or insecurity concentrates, e.g. a station area.
    HotSpot,
    /// A larger area: a town centre, a park, a residential area.
    Area,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Locality => "locality",
            PlaceKind::HotSpot => "hot_spot",
            PlaceKind::Area => "area",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        match raw {
            "locality" => Ok(PlaceKind::Locality),
            "hot_spot" => Ok(PlaceKind::HotSpot),
            "area" => Ok(PlaceKind::Area),
            _ => Err(Problem::Slug {
                value: raw.to_owned(),
            }),
        }
    }
}

/// WGS 84 coordinates inside Sweden's bounding box (with a margin for the coast).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

impl Coordinates {
    pub fn new(lat: f64, lon: f64) -> Result<Self, Problem> {
        if (55.0..=69.1).contains(&lat) && (10.5..=24.2).contains(&lon) {
            Ok(Self { lat, lon })
        } else {
            Err(Problem::Coordinates)
        }
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub fn lon(self) -> f64 {
        self.lon
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub municipality: MunicipalityCode,
    pub slug: PlaceSlug,
    pub name: Text,
    pub kind: PlaceKind,
    pub coordinates: Coordinates,
    /// An outlying village (kransort) around the main town.
    pub outlying: bool,
    /// The locality a hot spot or area lies in, if any.
    pub within: Option<PlaceSlug>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(PlaceSlug::parse("flen-centrum").is_ok());
        assert!(PlaceSlug::parse("halleforsnas").is_ok());
        for bad in ["", "Flen", "flen centrum", "-flen", "flen-", "hälleforsnäs"] {
            assert!(PlaceSlug::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn coordinates_must_be_in_sweden() {
        assert!(Coordinates::new(59.058, 16.589).is_ok());
        assert_eq!(Coordinates::new(16.589, 59.058), Err(Problem::Coordinates));
    }
}
