//! Activity types as data: the built-in types (rows without names; the Fluent files name
//! them) and each municipality's own types, named in Swedish and English.

use lofte_domain::{
    ActivityCatalogue, ActivityType, ActivityTypeCode, FieldError, Problem, Text, TypeNames,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::editing::{Actor, AuditRecord, audit};
use crate::entity::activity_type;
use crate::promises::Tenant;
use crate::{Error, Result};

fn to_type(row: activity_type::Model) -> Result<ActivityType> {
    let corrupt = || Error::Corrupt(format!("activity type {}", row.id));
    let name = |n: Option<String>| {
        n.and_then(|n| Text::parse(&n, TypeNames::MAX_CHARS).ok())
            .ok_or_else(corrupt)
    };
    let names = match row.municipality_code {
        None => None,
        Some(_) => Some(TypeNames {
            sv_one: name(row.name_sv_one)?,
            sv_other: name(row.name_sv_other)?,
            en_one: name(row.name_en_one)?,
            en_other: name(row.name_en_other)?,
        }),
    };
    Ok(ActivityType {
        code: ActivityTypeCode::parse(&row.code).map_err(|_| corrupt())?,
        names,
        counts_only: row.counts_only,
    })
}

impl Tenant {
    /// The types this municipality can log and count: the built-in ones first, then its
    /// own in the order they were added.
    pub async fn activity_types(&self) -> Result<ActivityCatalogue> {
        let rows = activity_type::Entity::find()
            .filter(
                Expr::col(activity_type::Column::MunicipalityCode)
                    .is_null()
                    .or(activity_type::Column::MunicipalityCode.eq(self.code())),
            )
            .order_by_asc(activity_type::Column::Id)
            .all(self.db().conn())
            .await?;
        Ok(ActivityCatalogue::new(
            rows.into_iter().map(to_type).collect::<Result<_>>()?,
        ))
    }

    /// Adds a type of the municipality's own. Its code must be new to the municipality
    /// (built-in codes included); the addition is audited.
    pub async fn add_activity_type(
        &self,
        actor: Actor,
        code: ActivityTypeCode,
        names: TypeNames,
        counts_only: bool,
    ) -> Result<ActivityType> {
        let txn = self.db().begin_write().await?;
        let taken = activity_type::Entity::find()
            .filter(activity_type::Column::Code.eq(code.as_str()))
            .filter(
                Expr::col(activity_type::Column::MunicipalityCode)
                    .is_null()
                    .or(activity_type::Column::MunicipalityCode.eq(self.code())),
            )
            .one(&txn)
            .await?
            .is_some();
        if taken {
            return Err(Error::Invalid(vec![FieldError::new(
                "code",
                Problem::ActivityTypeExists {
                    value: code.to_string(),
                },
            )]));
        }
        let inserted = activity_type::Entity::insert(activity_type::ActiveModel {
            municipality_code: Set(Some(self.code().to_owned())),
            code: Set(code.to_string()),
            name_sv_one: Set(Some(names.sv_one.to_string())),
            name_sv_other: Set(Some(names.sv_other.to_string())),
            name_en_one: Set(Some(names.en_one.to_string())),
            name_en_other: Set(Some(names.en_other.to_string())),
            counts_only: Set(counts_only),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        let added = ActivityType {
            code,
            names: Some(names),
            counts_only,
        };
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "activity_type",
                entity_id: inserted.last_insert_id,
                promise_id: None,
                action: "add",
                before: None,
                after: Some(
                    serde_json::json!({
                        "code": added.code.as_str(),
                        "counts_only": counts_only,
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(added)
    }
}
