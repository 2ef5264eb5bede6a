//! A municipality's places, added and changed one at a time (the staff area, the API),
//! besides the whole profile at once (`Db::import_profile`).
//!
//! A place's slug never changes: targets, activities, inputs and walks name it. Its kind,
//! point and shape may; a shape given without a point gets its middle as the point.

use lofte_domain::exchange::PlaceDocument;
use lofte_domain::{FieldError, Place, PlaceSlug, Problem};

use sea_orm::{DbBackend, EntityTrait as _, QueryTrait as _, Statement};

use crate::audit::{AuditRecord, audit, audit_statement};
use crate::entity::place;
use crate::municipalities::{place_row, upsert_place};
use crate::tenant::{Tenant, to_json};
use crate::{Actor, Error, Result};

impl Tenant {
    /// Adds a place (`is_new`), or changes the one with its slug. The slug never
    /// changes: logged work, promises and inputs name places by it. Refused with the
    /// field when the slug is taken (adding) or unknown (changing), or `within` names no
    /// other place of the municipality.
    pub async fn save_place(&self, actor: Actor, place: &Place, is_new: bool) -> Result<()> {
        if place.municipality != self.municipality().code {
            return Err(Error::Invalid(vec![FieldError::new(
                "municipality",
                Problem::OtherMunicipality {
                    expected: self.code().to_owned(),
                },
            )]));
        }
        let places = self.db().places(&self.municipality().code).await?;
        let existing = places.iter().find(|p| p.slug == place.slug);
        let mut problems = Vec::new();
        match (is_new, existing) {
            (true, Some(_)) => problems.push(FieldError::new(
                "slug",
                Problem::Duplicate {
                    value: place.slug.to_string(),
                },
            )),
            (false, None) => return Err(Error::NotFound),
            _ => {}
        }
        if let Some(within) = &place.within
            && (within == &place.slug || !places.iter().any(|p| &p.slug == within))
        {
            problems.push(FieldError::new(
                "within",
                Problem::UnknownPlace {
                    value: within.to_string(),
                },
            ));
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let txn = self.db().begin_write().await?;
        upsert_place(&txn, self.code(), place).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "place",
                entity_id: 0,
                promise_id: None,
                action: if is_new { "create" } else { "update" },
                before: existing.map(|p| to_json(&PlaceDocument::from_place(p))),
                after: Some(to_json(&PlaceDocument::from_place(place))),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// One of the municipality's places.
    pub async fn place(&self, slug: &PlaceSlug) -> Result<Option<Place>> {
        Ok(self
            .db()
            .places(&self.municipality().code)
            .await?
            .into_iter()
            .find(|p| &p.slug == slug))
    }

    /// Checks places to be added together (by the activity import that names them):
    /// each of this municipality, with a slug neither taken nor repeated, and `within`
    /// naming a place that exists or comes earlier in the list. Problems are named
    /// `places[i].field`.
    pub(crate) fn check_new_places(&self, known: &[Place], new: &[Place]) -> Vec<FieldError> {
        let mut problems = Vec::new();
        for (i, place) in new.iter().enumerate() {
            let earlier = &new[..i];
            if place.municipality != self.municipality().code {
                problems.push(FieldError::new(
                    format!("places[{i}].municipality"),
                    Problem::OtherMunicipality {
                        expected: self.code().to_owned(),
                    },
                ));
            }
            let taken = |slug: &PlaceSlug| known.iter().chain(earlier).any(|p| &p.slug == slug);
            if taken(&place.slug) {
                problems.push(FieldError::new(
                    format!("places[{i}].slug"),
                    Problem::Duplicate {
                        value: place.slug.to_string(),
                    },
                ));
            }
            if let Some(within) = &place.within
                && !taken(within)
            {
                problems.push(FieldError::new(
                    format!("places[{i}].within"),
                    Problem::UnknownPlace {
                        value: within.to_string(),
                    },
                ));
            }
        }
        problems
    }

    /// The `INSERT`s of new places and their audit rows, checked by
    /// [`Tenant::check_new_places`], for a transaction that also does other work (the
    /// activity import, on a connection that may not be SeaORM's).
    pub(crate) fn new_place_statements(
        &self,
        backend: DbBackend,
        actor: Actor,
        new: &[Place],
    ) -> Vec<Statement> {
        new.iter()
            .flat_map(|p| {
                [
                    place::Entity::insert(place_row(self.code(), p)).build(backend),
                    audit_statement(
                        backend,
                        AuditRecord {
                            actor,
                            municipality: self.code(),
                            entity: "place",
                            entity_id: 0,
                            promise_id: None,
                            action: "create",
                            before: None,
                            after: Some(to_json(&PlaceDocument::from_place(p))),
                        },
                    ),
                ]
            })
            .collect()
    }
}
