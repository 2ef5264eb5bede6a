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
    /// A road or street, e.g. "Väg 55", drawn as a line.
    Road,
    /// A school and its grounds.
    School,
    /// A railway or bus station.
    Station,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 6] = [
        PlaceKind::Locality,
        PlaceKind::Area,
        PlaceKind::HotSpot,
        PlaceKind::Road,
        PlaceKind::School,
        PlaceKind::Station,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Locality => "locality",
            PlaceKind::HotSpot => "hot_spot",
            PlaceKind::Area => "area",
            PlaceKind::Road => "road",
            PlaceKind::School => "school",
            PlaceKind::Station => "station",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
            .ok_or_else(|| Problem::NotOneOf {
                value: raw.to_owned(),
                allowed: Self::ALL.map(PlaceKind::as_str).join(", "),
            })
    }
}

/// A place's extent beyond its point: a road's line, an area's outline.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceShape {
    /// One or more lines (GeoJSON `LineString` or `MultiLineString`).
    Line(Vec<Vec<Coordinates>>),
    /// One or more polygons (GeoJSON `Polygon` or `MultiPolygon`).
    Area(Boundary),
}

#[derive(serde::Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum LineGeometry {
    LineString(Vec<[f64; 2]>),
    MultiLineString(Vec<Vec<[f64; 2]>>),
}

impl PlaceShape {
    /// More points than a place's drawing needs.
    pub const MAX_POINTS: usize = 20_000;

    /// Parses a GeoJSON geometry (or a Feature holding one): a line or a polygon in
    /// Sweden, positions as `[longitude, latitude]`.
    pub fn from_geojson(value: &serde_json::Value) -> Result<Self, Problem> {
        let geometry = match value.get("type").and_then(|t| t.as_str()) {
            Some("Feature") => value.get("geometry").ok_or(Problem::Shape)?,
            _ => value,
        };
        match geometry.get("type").and_then(|t| t.as_str()) {
            Some("Polygon" | "MultiPolygon") => {
                let area = Boundary::from_geojson(geometry).map_err(|_| Problem::Shape)?;
                if area.points() > Self::MAX_POINTS {
                    return Err(Problem::Shape);
                }
                Ok(PlaceShape::Area(area))
            }
            Some("LineString" | "MultiLineString") => {
                let lines =
                    match serde_json::from_value(geometry.clone()).map_err(|_| Problem::Shape)? {
                        LineGeometry::LineString(line) => vec![line],
                        LineGeometry::MultiLineString(lines) => lines,
                    };
                let points: usize = lines.iter().map(Vec::len).sum();
                if lines.is_empty()
                    || points > Self::MAX_POINTS
                    || lines.iter().any(|l| l.len() < 2)
                {
                    return Err(Problem::Shape);
                }
                lines
                    .into_iter()
                    .map(|line| {
                        line.into_iter()
                            .map(|[lon, lat]| {
                                Coordinates::new(lat, lon).map_err(|_| Problem::Shape)
                            })
                            .collect()
                    })
                    .collect::<Result<_, _>>()
                    .map(PlaceShape::Line)
            }
            _ => Err(Problem::Shape),
        }
    }

    /// The shape as a GeoJSON geometry.
    pub fn to_geojson(&self) -> serde_json::Value {
        match self {
            PlaceShape::Area(area) => area.to_geojson(),
            PlaceShape::Line(lines) => {
                let lines: Vec<Vec<[f64; 2]>> = lines
                    .iter()
                    .map(|l| l.iter().map(|c| [c.lon, c.lat]).collect())
                    .collect();
                serde_json::json!({ "type": "MultiLineString", "coordinates": lines })
            }
        }
    }

    /// A point to show the place by when none is given: the mean of its positions.
    pub fn center(&self) -> Coordinates {
        let points: Vec<Coordinates> = match self {
            PlaceShape::Line(lines) => lines.iter().flatten().copied().collect(),
            PlaceShape::Area(area) => area.polygons.iter().flatten().flatten().copied().collect(),
        };
        let n = points.len().max(1) as f64;
        let lat = points.iter().map(|c| c.lat).sum::<f64>() / n;
        let lon = points.iter().map(|c| c.lon).sum::<f64>() / n;
        // The mean of points in Sweden's box is in the box.
        Coordinates::new(lat, lon).unwrap_or(points[0])
    }
}

impl PlaceSlug {
    /// A slug made from a place's name, as a form suggests it: lower case, å ä → a,
    /// ö → o, é → e, anything else not a–z or 0–9 → one hyphen ("Väg 315" → "vag-315").
    pub fn from_name(name: &str) -> Option<PlaceSlug> {
        let mut slug = String::new();
        for c in name.to_lowercase().chars() {
            let c = match c {
                'å' | 'ä' | 'á' | 'à' => 'a',
                'ö' | 'ø' | 'ó' => 'o',
                'é' | 'è' | 'ë' => 'e',
                'ü' => 'u',
                c => c,
            };
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        PlaceSlug::parse(slug).ok()
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

    /// The centre of the cell of about 280 × 290 m (at 59° N) that the point lies in: what
    /// the public is shown of a point a resident marked, which could be their own door,
    /// until a moderator confirms that it marks a public place. Every point of a cell gives
    /// the same centre, so the published figure says nothing finer than the cell.
    pub fn coarsened(self) -> Coordinates {
        const LAT_STEP: f64 = 0.0025;
        const LON_STEP: f64 = 0.005;
        let centre = |value: f64, step: f64| ((value / step).floor() + 0.5) * step;
        Coordinates {
            lat: centre(self.lat, LAT_STEP).clamp(55.0, 69.1),
            lon: centre(self.lon, LON_STEP).clamp(10.5, 24.2),
        }
    }
}

/// A municipality's boundary as GeoJSON gives it: one or more polygons (islands), each an
/// outer ring followed by any holes. Used to tell a resident that a point they marked on the
/// map lies outside the municipality. Point-in-polygon is written here (even-odd rule, a
/// dozen lines, property-tested) rather than taken from `geo`, which would bring a dozen
/// crates for this one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    polygons: Vec<Vec<Vec<Coordinates>>>,
}

#[derive(serde::Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

impl Boundary {
    /// More points than any municipality's detailed boundary needs.
    pub const MAX_POINTS: usize = 500_000;

    /// Parses a GeoJSON `Polygon` or `MultiPolygon` geometry (positions as
    /// `[longitude, latitude]`): every ring closed, with at least four positions, in Sweden.
    pub fn from_geojson(geometry: &serde_json::Value) -> Result<Self, Problem> {
        let geometry: Geometry =
            serde_json::from_value(geometry.clone()).map_err(|_| Problem::Boundary)?;
        let polygons = match geometry {
            Geometry::Polygon(rings) => vec![rings],
            Geometry::MultiPolygon(polygons) => polygons,
        };
        let points: usize = polygons.iter().flatten().map(Vec::len).sum();
        if polygons.is_empty() || points > Self::MAX_POINTS {
            return Err(Problem::Boundary);
        }
        let polygons = polygons
            .into_iter()
            .map(|rings| {
                if rings.is_empty() {
                    return Err(Problem::Boundary);
                }
                rings
                    .into_iter()
                    .map(|ring| {
                        if ring.len() < 4 || ring.first() != ring.last() {
                            return Err(Problem::Boundary);
                        }
                        ring.into_iter()
                            .map(|[lon, lat]| {
                                Coordinates::new(lat, lon).map_err(|_| Problem::Boundary)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect::<Result<_, _>>()?;
        Ok(Boundary { polygons })
    }

    /// The boundary as a GeoJSON `MultiPolygon` geometry.
    pub fn to_geojson(&self) -> serde_json::Value {
        let polygons: Vec<Vec<Vec<[f64; 2]>>> = self
            .polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| ring.iter().map(|c| [c.lon, c.lat]).collect())
                    .collect()
            })
            .collect();
        serde_json::json!({ "type": "MultiPolygon", "coordinates": polygons })
    }

    /// How many positions the boundary has.
    pub fn points(&self) -> usize {
        self.polygons.iter().flatten().map(Vec::len).sum()
    }

    /// Whether the point lies inside (even-odd rule per polygon, so holes are outside).
    /// Points exactly on an edge may fall either way, which is fine at map-click precision.
    pub fn contains(&self, point: Coordinates) -> bool {
        self.polygons.iter().any(|rings| {
            rings
                .iter()
                .filter(|ring| crosses_odd_times(ring, point))
                .count()
                % 2
                == 1
        })
    }
}

/// Casts a ray from the point towards growing longitude and counts the ring's edges it
/// crosses.
fn crosses_odd_times(ring: &[Coordinates], p: Coordinates) -> bool {
    let mut inside = false;
    for edge in ring.windows(2) {
        let (a, b) = (edge[0], edge[1]);
        if (a.lat > p.lat) != (b.lat > p.lat) {
            let lon_at = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
            if p.lon < lon_at {
                inside = !inside;
            }
        }
    }
    inside
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
    /// Its line or outline, if drawn.
    pub shape: Option<PlaceShape>,
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

    fn square(lon0: f64, lat0: f64, size: f64) -> Vec<[f64; 2]> {
        vec![
            [lon0, lat0],
            [lon0 + size, lat0],
            [lon0 + size, lat0 + size],
            [lon0, lat0 + size],
            [lon0, lat0],
        ]
    }

    #[test]
    fn boundary_with_a_hole_and_an_island() {
        let geometry = serde_json::json!({
            "type": "MultiPolygon",
            "coordinates": [
                [square(16.0, 59.0, 1.0), square(16.4, 59.4, 0.2)],
                [square(18.0, 59.0, 0.1)],
            ],
        });
        let b = Boundary::from_geojson(&geometry).unwrap();
        let at = |lat, lon| b.contains(Coordinates::new(lat, lon).unwrap());
        assert!(at(59.1, 16.1), "inside the outer ring");
        assert!(!at(59.5, 16.5), "in the hole (a lake, say)");
        assert!(at(59.05, 18.05), "on the island");
        assert!(!at(59.05, 17.5), "between them");
        assert!(!at(58.5, 16.5), "south of everything");
        assert_eq!(Boundary::from_geojson(&b.to_geojson()), Ok(b));
    }

    #[test]
    fn broken_boundaries_are_refused() {
        let open_ring = vec![[16.0, 59.0], [17.0, 59.0], [17.0, 60.0], [16.0, 60.0]];
        for bad in [
            serde_json::json!({ "type": "Point", "coordinates": [16.0, 59.0] }),
            serde_json::json!({ "type": "Polygon", "coordinates": [open_ring] }),
            serde_json::json!({ "type": "Polygon", "coordinates": [] }),
            serde_json::json!({ "type": "Polygon", "coordinates": [square(59.0, 16.0, 1.0)] }),
            serde_json::json!("Polygon"),
        ] {
            assert_eq!(
                Boundary::from_geojson(&bad),
                Err(Problem::Boundary),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_door_and_its_neighbours_get_one_published_point() {
        // Two doors on Storgatan in Flen, 30 m apart, fall in one cell.
        let door = Coordinates::new(59.05812, 16.58791).unwrap();
        let neighbour = Coordinates::new(59.05830, 16.58820).unwrap();
        assert_eq!(door.coarsened(), neighbour.coarsened());
        let shown = door.coarsened();
        assert_ne!(shown, door);
        assert!((shown.lat() - 59.05875).abs() < 1e-9, "{shown:?}");
        assert!((shown.lon() - 16.5875).abs() < 1e-9, "{shown:?}");
        // The far edges of Sweden stay valid coordinates.
        let north = Coordinates::new(69.1, 24.2).unwrap().coarsened();
        assert!(Coordinates::new(north.lat(), north.lon()).is_ok());
    }

    proptest::proptest! {
        /// A coarsened point is within half a cell of the point and says nothing finer:
        /// coarsening it again changes nothing.
        #[test]
        fn coarsening_stays_near_and_is_stable(lat in 55.0f64..69.1, lon in 10.5f64..24.2) {
            let shown = Coordinates::new(lat, lon).unwrap().coarsened();
            proptest::prop_assert!((shown.lat() - lat).abs() <= 0.00125 + 1e-9);
            proptest::prop_assert!((shown.lon() - lon).abs() <= 0.0025 + 1e-9);
            proptest::prop_assert_eq!(shown.coarsened(), shown);
        }

        /// For a convex ring, inside means "a convex combination of its corners": every
        /// such point is inside, and every point beyond its bounding box is outside.
        #[test]
        fn convex_rings_contain_their_interior(
            w in proptest::collection::vec(0.01f64..1.0, 4),
            lat_off in -0.5f64..0.5,
            lon_off in -0.5f64..0.5,
        ) {
            let corners = [[16.2, 59.0], [16.9, 58.95], [17.0, 59.3], [16.3, 59.25]];
            let mut ring = corners.to_vec();
            ring.push(corners[0]);
            let b = Boundary::from_geojson(
                &serde_json::json!({ "type": "Polygon", "coordinates": [ring] }),
            ).unwrap();
            let total: f64 = w.iter().sum();
            let lon = corners.iter().zip(&w).map(|(c, w)| c[0] * w).sum::<f64>() / total;
            let lat = corners.iter().zip(&w).map(|(c, w)| c[1] * w).sum::<f64>() / total;
            proptest::prop_assert!(b.contains(Coordinates::new(lat, lon).unwrap()));
            let (out_lat, out_lon) = (
                if lat_off < 0.0 { 58.95 + lat_off - 0.01 } else { 59.3 + lat_off + 0.01 },
                if lon_off < 0.0 { 16.2 + lon_off - 0.01 } else { 17.0 + lon_off + 0.01 },
            );
            proptest::prop_assert!(!b.contains(Coordinates::new(out_lat, lon).unwrap()));
            proptest::prop_assert!(!b.contains(Coordinates::new(lat, out_lon).unwrap()));
        }
    }
}
