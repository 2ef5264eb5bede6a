//! The units residents' inputs are routed to (`/personal/kommun/{code}/enheter`): each
//! a name residents see on the input's page and, if it has one, the shared mailbox told
//! when an input is routed to it (`Tenant::update_case`). Removing a unit leaves the
//! inputs routed to it as they were, with its name.

use chrono::Utc;
use lofte_domain::{Email, FieldError, Problem, Text};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::unit;
use crate::tenant::Tenant;
use crate::{Error, Result};

/// A unit of the municipality or of a partner.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: i32,
    pub name: String,
    /// Its shared mailbox, if it is to be told of inputs routed to it.
    pub email: Option<String>,
}

impl Tenant {
    /// The municipality's units, by name.
    pub async fn units(&self) -> Result<Vec<Unit>> {
        Ok(unit::Entity::find()
            .filter(unit::Column::MunicipalityCode.eq(self.code()))
            .order_by_asc(unit::Column::Name)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(|u| Unit {
                id: u.id,
                name: u.name,
                email: u.email,
            })
            .collect())
    }

    /// Adds a unit; its name must be new to the municipality. Audited (without the
    /// address).
    pub async fn add_unit(&self, actor: Actor, name: &Text, email: Option<&Email>) -> Result<i32> {
        let txn = self.db().begin_write().await?;
        let taken = unit::Entity::find()
            .filter(unit::Column::MunicipalityCode.eq(self.code()))
            .filter(unit::Column::Name.eq(name.as_str()))
            .one(&txn)
            .await?
            .is_some();
        if taken {
            return Err(Error::Invalid(vec![FieldError::new(
                "unit_name",
                Problem::UnitExists {
                    value: name.to_string(),
                },
            )]));
        }
        let id = unit::Entity::insert(unit::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            name: Set(name.to_string()),
            email: Set(email.map(|e| e.as_str().to_owned())),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "unit",
                entity_id: id,
                promise_id: None,
                action: "add",
                before: None,
                after: Some(
                    serde_json::json!({ "name": name.as_str(), "email": email.is_some() })
                        .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Removes the unit `id` (another municipality's is `NotFound`). Audited.
    pub async fn remove_unit(&self, actor: Actor, id: i32) -> Result<()> {
        let txn = self.db().begin_write().await?;
        let found = unit::Entity::find_by_id(id)
            .filter(unit::Column::MunicipalityCode.eq(self.code()))
            .one(&txn)
            .await?
            .ok_or(Error::NotFound)?;
        unit::Entity::delete_by_id(id).exec(&txn).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "unit",
                entity_id: id,
                promise_id: None,
                action: "remove",
                before: Some(serde_json::json!({ "name": found.name }).to_string()),
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
