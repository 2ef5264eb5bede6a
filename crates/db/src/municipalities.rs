//! Municipalities (reference data, all 290) and their profiles: police organisation
//! and places.

use lofte_domain::exchange::Profile;
use lofte_domain::{
    Boundary, Coordinates, FieldError, Municipality, MunicipalityCode, Place, PlaceKind, PlaceSlug,
    PoliceOrganisation, PrivacyContacts, Problem, Text, Year,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::entity::{local_police_area, municipality, place, promise};
use crate::{Db, Error, Result};

/// Sweden's municipalities with codes and counties, from SCB's list.
const REFERENCE_CSV: &str = include_str!("../../../data/reference/municipalities.csv");

#[derive(serde::Deserialize)]
struct ReferenceRow {
    code: String,
    name: String,
    official_name: String,
    county_name: String,
}

/// Inserts the municipalities that are missing; never overwrites (a municipality may
/// have corrected its own entry).
pub(crate) async fn seed_reference(conn: &DatabaseConnection) -> Result<()> {
    let mut rows = Vec::new();
    for record in csv::Reader::from_reader(REFERENCE_CSV.as_bytes()).deserialize() {
        let row: ReferenceRow =
            record.map_err(|e| Error::Corrupt(format!("reference municipalities: {e}")))?;
        rows.push(municipality::ActiveModel {
            code: Set(row.code),
            name: Set(row.name),
            official_name: Set(row.official_name),
            county: Set(row.county_name),
            local_police_area_id: Set(None),
            ..Default::default()
        });
    }
    // Chunked, because SQLite limits the number of bind parameters in one statement.
    for chunk in rows.chunks(100) {
        municipality::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::column(municipality::Column::Code)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// A municipality's boundary as its profile gave it.
#[derive(Debug, Clone)]
pub struct MapBoundary {
    pub boundary: Boundary,
    /// Where the boundary comes from, shown under maps.
    pub source: Option<String>,
}

/// A municipality with the years of its public promises, for listings.
#[derive(Debug, Clone)]
pub struct MunicipalitySummary {
    pub municipality: Municipality,
    /// Starting years of public promises, newest first.
    pub public_years: Vec<Year>,
}

fn to_domain(
    m: municipality::Model,
    police: Option<local_police_area::Model>,
) -> Result<Municipality> {
    let corrupt = |what: &str| Error::Corrupt(format!("municipality {}: {what}", m.code));
    let text = |s: &str| Text::parse(s, Text::SHORT).map_err(|_| corrupt(s));
    Ok(Municipality {
        code: MunicipalityCode::parse(&m.code).map_err(|_| corrupt("code"))?,
        name: text(&m.name)?,
        official_name: text(&m.official_name)?,
        county: text(&m.county)?,
        police: match police {
            Some(p) => Some(PoliceOrganisation {
                region: text(&p.region)?,
                police_area: text(&p.police_area)?,
                local_police_area: text(&p.name)?,
            }),
            None => None,
        },
    })
}

impl Db {
    /// One municipality, if the code is known.
    pub async fn municipality(&self, code: &MunicipalityCode) -> Result<Option<Municipality>> {
        let Some(m) = municipality::Entity::find_by_id(code.as_str())
            .one(self.conn())
            .await?
        else {
            return Ok(None);
        };
        let police = match m.local_police_area_id {
            Some(id) => {
                local_police_area::Entity::find_by_id(id)
                    .one(self.conn())
                    .await?
            }
            None => None,
        };
        to_domain(m, police).map(Some)
    }

    /// Municipalities that have at least one public promise, by name.
    pub async fn municipalities_with_public_promises(&self) -> Result<Vec<MunicipalitySummary>> {
        self.municipalities_with_promises(crate::Visibility::Public)
            .await
    }

    /// Municipalities that have at least one promise `visibility` lets through, by name;
    /// `public_years` then lists those promises' years.
    pub async fn municipalities_with_promises(
        &self,
        visibility: crate::Visibility,
    ) -> Result<Vec<MunicipalitySummary>> {
        let promises = promise::Entity::find()
            .filter(promise::Column::Status.is_in(visibility.statuses()))
            .order_by_desc(promise::Column::FirstYear)
            .all(self.conn())
            .await?;
        let mut codes: Vec<String> = promises
            .iter()
            .map(|p| p.municipality_code.clone())
            .collect();
        codes.sort();
        codes.dedup();
        let municipalities = municipality::Entity::find()
            .filter(municipality::Column::Code.is_in(codes))
            .order_by_asc(municipality::Column::Name)
            .all(self.conn())
            .await?;
        let areas = local_police_area::Entity::find().all(self.conn()).await?;
        municipalities
            .into_iter()
            .map(|m| {
                let years = promises
                    .iter()
                    .filter(|p| p.municipality_code == m.code)
                    .map(|p| Year::new(p.first_year))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|_| Error::Corrupt(format!("promise year of {}", m.code)))?;
                let police = areas
                    .iter()
                    .find(|a| Some(a.id) == m.local_police_area_id)
                    .cloned();
                Ok(MunicipalitySummary {
                    municipality: to_domain(m, police)?,
                    public_years: years,
                })
            })
            .collect()
    }

    /// The municipality's boundary and where it comes from, if its profile gave one.
    pub async fn boundary(&self, code: &MunicipalityCode) -> Result<Option<MapBoundary>> {
        let Some(m) = municipality::Entity::find_by_id(code.as_str())
            .one(self.conn())
            .await?
        else {
            return Ok(None);
        };
        let Some(geojson) = m.boundary else {
            return Ok(None);
        };
        let corrupt = || Error::Corrupt(format!("boundary of {}", m.code));
        let value: serde_json::Value = serde_json::from_str(&geojson).map_err(|_| corrupt())?;
        Ok(Some(MapBoundary {
            boundary: Boundary::from_geojson(&value).map_err(|_| corrupt())?,
            source: m.boundary_source,
        }))
    }

    /// Whether the municipality has a boundary (`Some`), and then its source; cheap, for
    /// pages that only link the boundary.
    pub async fn boundary_source(&self, code: &MunicipalityCode) -> Result<Option<Option<String>>> {
        Ok(municipality::Entity::find_by_id(code.as_str())
            .select_only()
            .column(municipality::Column::BoundarySource)
            .filter(municipality::Column::Boundary.is_not_null())
            .into_tuple::<Option<String>>()
            .one(self.conn())
            .await?)
    }

    /// Who answers for the municipality's residents' personal data, if its profile said.
    pub async fn privacy_contacts(
        &self,
        code: &MunicipalityCode,
    ) -> Result<Option<PrivacyContacts>> {
        let stored: Option<Option<String>> = municipality::Entity::find_by_id(code.as_str())
            .select_only()
            .column(municipality::Column::Privacy)
            .into_tuple()
            .one(self.conn())
            .await?;
        let Some(json) = stored.flatten() else {
            return Ok(None);
        };
        #[derive(serde::Deserialize)]
        struct Stored {
            controller: String,
            contact: String,
            data_protection_officer: Option<String>,
        }
        let corrupt = || Error::Corrupt(format!("privacy contacts of {code}"));
        let stored: Stored = serde_json::from_str(&json).map_err(|_| corrupt())?;
        let text = |s: &str| Text::parse(s, Text::SHORT).map_err(|_| corrupt());
        Ok(Some(PrivacyContacts {
            controller: text(&stored.controller)?,
            contact: text(&stored.contact)?,
            data_protection_officer: stored
                .data_protection_officer
                .as_deref()
                .map(text)
                .transpose()?,
        }))
    }

    /// The places of a municipality, by name.
    pub async fn places(&self, code: &MunicipalityCode) -> Result<Vec<Place>> {
        place::Entity::find()
            .filter(place::Column::MunicipalityCode.eq(code.as_str()))
            .order_by_asc(place::Column::Name)
            .all(self.conn())
            .await?
            .into_iter()
            .map(|p| {
                let corrupt =
                    || Error::Corrupt(format!("place {}/{}", p.municipality_code, p.slug));
                Ok(Place {
                    municipality: code.clone(),
                    slug: PlaceSlug::parse(&p.slug).map_err(|_| corrupt())?,
                    name: Text::parse(&p.name, Text::SHORT).map_err(|_| corrupt())?,
                    kind: PlaceKind::parse(&p.kind).map_err(|_| corrupt())?,
                    coordinates: Coordinates::new(p.lat, p.lon).map_err(|_| corrupt())?,
                    outlying: p.outlying,
                    within: p
                        .within_slug
                        .as_deref()
                        .map(PlaceSlug::parse)
                        .transpose()
                        .map_err(|_| corrupt())?,
                    shape: p
                        .shape
                        .as_deref()
                        .map(|json| {
                            serde_json::from_str(json)
                                .ok()
                                .and_then(|g| lofte_domain::PlaceShape::from_geojson(&g).ok())
                                .ok_or_else(corrupt)
                        })
                        .transpose()?,
                })
            })
            .collect()
    }

    /// Stores a municipality's profile in one transaction: the police organisation is
    /// linked (created if new), places are inserted or updated by slug. Places not in
    /// the profile are kept, since promises and logged work may name them.
    pub async fn import_profile(&self, profile: &Profile) -> Result<()> {
        let code = profile.municipality.as_str();
        let txn = self.begin_write().await?;
        if municipality::Entity::find_by_id(code)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(Error::Invalid(vec![FieldError::new(
                "municipality",
                Problem::UnknownMunicipality {
                    code: code.to_owned(),
                },
            )]));
        }
        if let Some(boundary) = &profile.boundary {
            municipality::Entity::update_many()
                .col_expr(
                    municipality::Column::Boundary,
                    sea_orm::sea_query::Expr::value(boundary.to_geojson().to_string()),
                )
                .col_expr(
                    municipality::Column::BoundarySource,
                    sea_orm::sea_query::Expr::value(
                        profile.boundary_source.as_ref().map(ToString::to_string),
                    ),
                )
                .filter(municipality::Column::Code.eq(code))
                .exec(&txn)
                .await?;
        }
        if let Some(privacy) = &profile.privacy {
            let json = serde_json::json!({
                "controller": privacy.controller.as_str(),
                "contact": privacy.contact.as_str(),
                "data_protection_officer": privacy.data_protection_officer.as_ref().map(Text::as_str),
            });
            municipality::Entity::update_many()
                .col_expr(
                    municipality::Column::Privacy,
                    sea_orm::sea_query::Expr::value(json.to_string()),
                )
                .filter(municipality::Column::Code.eq(code))
                .exec(&txn)
                .await?;
        }
        if let Some(police) = &profile.police {
            let area_id = upsert_police_area(&txn, police).await?;
            municipality::Entity::update_many()
                .col_expr(
                    municipality::Column::LocalPoliceAreaId,
                    sea_orm::sea_query::Expr::value(area_id),
                )
                .filter(municipality::Column::Code.eq(code))
                .exec(&txn)
                .await?;
        }
        for p in &profile.places {
            upsert_place(&txn, code, p).await?;
        }
        crate::audit::audit(
            &txn,
            crate::audit::AuditRecord {
                actor: crate::Actor::System,
                municipality: code,
                entity: "profile",
                entity_id: 0,
                promise_id: None,
                action: "import",
                before: None,
                after: Some(
                    serde_json::json!({
                        "police": profile.police.as_ref().map(|p| p.local_police_area.to_string()),
                        "places": profile.places.iter().map(|p| p.slug.to_string()).collect::<Vec<_>>(),
                        "boundary": profile.boundary.is_some(),
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Inserts a place, or updates the one with its slug.
pub(crate) async fn upsert_place(conn: &impl ConnectionTrait, code: &str, p: &Place) -> Result<()> {
    place::Entity::insert(place_row(code, p))
        .on_conflict(
            OnConflict::columns([place::Column::MunicipalityCode, place::Column::Slug])
                .update_columns([
                    place::Column::Name,
                    place::Column::Kind,
                    place::Column::Lat,
                    place::Column::Lon,
                    place::Column::Outlying,
                    place::Column::WithinSlug,
                    place::Column::Shape,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A place as its table row.
pub(crate) fn place_row(code: &str, p: &Place) -> place::ActiveModel {
    place::ActiveModel {
        municipality_code: Set(code.to_owned()),
        slug: Set(p.slug.to_string()),
        name: Set(p.name.to_string()),
        kind: Set(p.kind.as_str().to_owned()),
        lat: Set(p.coordinates.lat()),
        lon: Set(p.coordinates.lon()),
        outlying: Set(p.outlying),
        within_slug: Set(p.within.as_ref().map(ToString::to_string)),
        shape: Set(p.shape.as_ref().map(|s| s.to_geojson().to_string())),
        ..Default::default()
    }
}

async fn upsert_police_area(
    conn: &impl ConnectionTrait,
    police: &PoliceOrganisation,
) -> Result<i32> {
    let name = police.local_police_area.to_string();
    local_police_area::Entity::insert(local_police_area::ActiveModel {
        name: Set(name.clone()),
        police_area: Set(police.police_area.to_string()),
        region: Set(police.region.to_string()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(local_police_area::Column::Name)
            .update_columns([
                local_police_area::Column::PoliceArea,
                local_police_area::Column::Region,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let area = local_police_area::Entity::find()
        .filter(local_police_area::Column::Name.eq(name))
        .one(conn)
        .await?
        .ok_or_else(|| Error::Corrupt("local police area vanished after upsert".into()))?;
    Ok(area.id)
}
