//! A municipality's profile as a document: its police organisation, places, boundary
//! and privacy contacts.

use serde::{Deserialize, Serialize};

use crate::municipality::MunicipalityCode;
use crate::place::{Coordinates, PlaceShape, PlaceSlug};
use crate::problem::{Errors, FieldError, Problem};
use crate::text::Text;

use super::text;

/// A municipality's profile: its police organisation and its places. Loaded before
/// promises that name places (`lofte municipality import`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileDocument {
    pub municipality: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub police: Option<PoliceDocument>,
    #[serde(default)]
    pub places: Vec<PlaceDocument>,
    /// The municipality's boundary as a GeoJSON `Polygon` or `MultiPolygon` geometry
    /// (positions `[longitude, latitude]`, WGS 84). Maps draw it, and a point a resident
    /// marks outside it gets a message asking them to check the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub boundary: Option<serde_json::Value>,
    /// Where the boundary comes from, shown under every map, e.g. "Lantmäteriet 2025".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_source: Option<String>,
    /// Who answers for residents' personal data, for the municipality's privacy notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<PrivacyDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PrivacyDocument {
    /// The data controller (personuppgiftsansvarig), e.g. "Kommunstyrelsen i Flens kommun".
    pub controller: String,
    /// Where residents ask about what is stored: an e-mail address, a phone number.
    pub contact: String,
    /// The data protection officer (dataskyddsombud), if the notice should name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_protection_officer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoliceDocument {
    /// Police region, e.g. "Region Öst".
    pub region: String,
    /// Police area, e.g. "Polisområde Södermanland".
    pub police_area: String,
    /// Local police area (lokalpolisområde), e.g. "Katrineholm".
    pub local_police_area: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PlaceDocument {
    /// Identifier within the municipality: lowercase letters, digits, hyphens.
    pub slug: String,
    pub name: String,
    /// "locality", "area", "hot_spot", "road", "school" or "station".
    pub kind: String,
    /// The point the place is shown by (WGS 84); taken from the middle of `shape` if
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// An outlying village (kransort).
    #[serde(default)]
    pub outlying: bool,
    /// Slug of the locality the place lies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    /// A road's line or an area's outline: a GeoJSON `LineString`, `MultiLineString`,
    /// `Polygon` or `MultiPolygon` geometry, positions `[longitude, latitude]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub shape: Option<serde_json::Value>,
}

impl PlaceDocument {
    /// The place's point and shape: the point given, or the middle of the shape.
    fn parse_location(
        &self,
        e: &mut Errors,
        path: &str,
    ) -> (Option<Coordinates>, Result<Option<PlaceShape>, ()>) {
        let shape = match &self.shape {
            None => Ok(None),
            Some(g) => e
                .take(format!("{path}.shape"), PlaceShape::from_geojson(g))
                .map(Some)
                .ok_or(()),
        };
        let point = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => e.take(format!("{path}.lat"), Coordinates::new(lat, lon)),
            (None, None) => match &shape {
                Ok(Some(s)) => Some(s.center()),
                Ok(None) => {
                    e.push(format!("{path}.lat"), Problem::Required);
                    None
                }
                Err(()) => None,
            },
            (None, Some(_)) => {
                e.push(format!("{path}.lat"), Problem::Required);
                None
            }
            (Some(_), None) => {
                e.push(format!("{path}.lon"), Problem::Required);
                None
            }
        };
        (point, shape)
    }

    /// Parses one place of `municipality` on its own (a staff form, the API); paths
    /// are the field names (`slug`, `lat`, `shape`).
    pub fn into_place(
        self,
        municipality: &MunicipalityCode,
    ) -> Result<crate::place::Place, Vec<FieldError>> {
        let mut e = Errors::default();
        let slug = e.take("slug", PlaceSlug::parse(&self.slug));
        let name = text(&mut e, "name", &self.name, Text::SHORT);
        let kind = e.take("kind", crate::place::PlaceKind::parse(&self.kind));
        let (coordinates, shape) = self.parse_location(&mut e, "");
        let within = self
            .within
            .as_deref()
            .map(|w| e.take("within", PlaceSlug::parse(w)));
        let shape = shape.ok().flatten();
        e.finish(|| crate::place::Place {
            municipality: municipality.clone(),
            slug: slug.expect("no errors, so parsed"),
            name: name.expect("no errors, so parsed"),
            kind: kind.expect("no errors, so parsed"),
            coordinates: coordinates.expect("no errors, so parsed"),
            outlying: self.outlying,
            within: within.flatten(),
            shape,
        })
        .map_err(|errors| {
            errors
                .into_iter()
                .map(|mut f| {
                    f.path = f.path.trim_start_matches('.').to_owned();
                    f
                })
                .collect()
        })
    }

    /// The document of a stored place.
    pub fn from_place(p: &crate::place::Place) -> Self {
        PlaceDocument {
            slug: p.slug.to_string(),
            name: p.name.to_string(),
            kind: p.kind.as_str().to_owned(),
            lat: Some(p.coordinates.lat()),
            lon: Some(p.coordinates.lon()),
            outlying: p.outlying,
            within: p.within.as_ref().map(ToString::to_string),
            shape: p.shape.as_ref().map(PlaceShape::to_geojson),
        }
    }
}

/// A parsed [`ProfileDocument`].
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub municipality: MunicipalityCode,
    pub police: Option<crate::municipality::PoliceOrganisation>,
    pub places: Vec<crate::place::Place>,
    pub boundary: Option<crate::place::Boundary>,
    pub boundary_source: Option<Text>,
    pub privacy: Option<crate::municipality::PrivacyContacts>,
}

/// Parses a municipality profile from JSON text, reporting every problem with its path.
pub fn parse_profile_json(json: &str) -> Result<Profile, Vec<FieldError>> {
    crate::lenient::parse(json, ProfileDocument::into_profile)
}

impl ProfileDocument {
    pub fn into_profile(self) -> Result<Profile, Vec<FieldError>> {
        use crate::municipality::PoliceOrganisation;
        use crate::place::{Place, PlaceKind};

        let mut e = Errors::default();
        let municipality = e.take("municipality", MunicipalityCode::parse(&self.municipality));
        let police = self.police.map(|p| {
            let region = text(&mut e, "police.region", &p.region, Text::SHORT);
            let area = text(&mut e, "police.police_area", &p.police_area, Text::SHORT);
            let local = text(
                &mut e,
                "police.local_police_area",
                &p.local_police_area,
                Text::SHORT,
            );
            Some(PoliceOrganisation {
                region: region?,
                police_area: area?,
                local_police_area: local?,
            })
        });
        let mut seen = std::collections::HashSet::new();
        let places: Vec<Option<Place>> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("places[{i}]");
                let slug = e.take(format!("{path}.slug"), PlaceSlug::parse(&p.slug));
                if slug.is_some() && !seen.insert(p.slug.clone()) {
                    e.push(
                        format!("{path}.slug"),
                        Problem::Slug {
                            value: p.slug.clone(),
                        },
                    );
                }
                let name = text(&mut e, &format!("{path}.name"), &p.name, Text::SHORT);
                let kind = e.take(format!("{path}.kind"), PlaceKind::parse(&p.kind));
                let (coordinates, shape) = p.parse_location(&mut e, &path);
                let within = p
                    .within
                    .as_deref()
                    .map(|w| e.take(format!("{path}.within"), PlaceSlug::parse(w)));
                Some(Place {
                    municipality: municipality.clone()?,
                    slug: slug?,
                    name: name?,
                    kind: kind?,
                    coordinates: coordinates?,
                    outlying: p.outlying,
                    within: within.map(|w| w.ok_or(())).transpose().ok()?,
                    shape: shape.ok()?,
                })
            })
            .collect();
        for (i, p) in self.places.iter().enumerate() {
            if let Some(w) = &p.within
                && !self.places.iter().any(|q| &q.slug == w)
            {
                e.push(
                    format!("places[{i}].within"),
                    Problem::UnknownPlace { value: w.clone() },
                );
            }
        }
        let boundary = self
            .boundary
            .as_ref()
            .map(|g| e.take("boundary", crate::place::Boundary::from_geojson(g)));
        let boundary_source = self
            .boundary_source
            .as_deref()
            .map(|s| text(&mut e, "boundary_source", s, Text::SHORT));
        let privacy = self.privacy.as_ref().map(|p| {
            let controller = text(&mut e, "privacy.controller", &p.controller, Text::SHORT);
            let contact = text(&mut e, "privacy.contact", &p.contact, Text::SHORT);
            let officer = p
                .data_protection_officer
                .as_deref()
                .map(|o| text(&mut e, "privacy.data_protection_officer", o, Text::SHORT));
            Some(crate::municipality::PrivacyContacts {
                controller: controller?,
                contact: contact?,
                data_protection_officer: officer.map(|o| o.ok_or(())).transpose().ok()?,
            })
        });
        e.finish(|| Profile {
            municipality: municipality.expect("no errors, so parsed"),
            police: police.flatten(),
            places: places.into_iter().flatten().collect(),
            boundary: boundary.flatten(),
            boundary_source: boundary_source.flatten(),
            privacy: privacy.flatten(),
        })
    }
}
