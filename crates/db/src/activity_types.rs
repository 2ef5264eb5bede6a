//! Activity types as data: the built-in types (rows without names; the Fluent files name
//! them) and each municipality's own types, named in Swedish and English.
//!
//! Every way a type comes in (a target, the log form, the API, a CSV file) is checked
//! against the municipality's catalogue here; `ActivityTypeCode::parse` checks only the
//! code's form.

use lofte_domain::{
    ActivityCatalogue, ActivityType, ActivityTypeCode, FieldError, Problem, Text, TypeNames,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use std::collections::HashMap;

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::activity_type;
use crate::tenant::Tenant;
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

/// The ids under which a municipality's types are stored, and back: an activity refers to
/// its type by id (migration m0015), while everything outside the database names a type
/// by its code.
#[derive(Debug, Clone)]
pub(crate) struct TypeIds {
    by_code: HashMap<String, i32>,
    by_id: HashMap<i32, ActivityTypeCode>,
}

impl TypeIds {
    /// The stored id of the type, if the municipality has it.
    pub(crate) fn id(&self, code: &str) -> Option<i32> {
        self.by_code.get(code).copied()
    }

    /// The code of a stored type id, if it is one of the municipality's types.
    pub(crate) fn code(&self, id: i32) -> Option<&ActivityTypeCode> {
        self.by_id.get(&id)
    }
}

impl Tenant {
    /// The rows of the types this municipality can log: the built-in ones first, then
    /// its own in the order they were added.
    async fn activity_type_rows(
        &self,
        conn: &impl ConnectionTrait,
    ) -> Result<Vec<activity_type::Model>> {
        Ok(activity_type::Entity::find()
            .filter(
                Expr::col(activity_type::Column::MunicipalityCode)
                    .is_null()
                    .or(activity_type::Column::MunicipalityCode.eq(self.code())),
            )
            .order_by_asc(activity_type::Column::Id)
            .all(conn)
            .await?)
    }

    /// The types this municipality can log and count: the built-in ones first, then its
    /// own in the order they were added.
    pub async fn activity_types(&self) -> Result<ActivityCatalogue> {
        Ok(self.activity_types_and_ids(self.db().conn()).await?.0)
    }

    /// The types this municipality can log, and their stored ids, from one read on
    /// `conn` (inside a caller's transaction, or not): every type the catalogue has, the
    /// ids have too. Types are never deleted, so ids read once stay good.
    pub(crate) async fn activity_types_and_ids(
        &self,
        conn: &impl ConnectionTrait,
    ) -> Result<(ActivityCatalogue, TypeIds)> {
        let rows = self.activity_type_rows(conn).await?;
        let mut ids = TypeIds {
            by_code: HashMap::with_capacity(rows.len()),
            by_id: HashMap::with_capacity(rows.len()),
        };
        let mut types = Vec::with_capacity(rows.len());
        for row in rows {
            let id = row.id;
            let t = to_type(row)?;
            ids.by_code.insert(t.code.to_string(), id);
            ids.by_id.insert(id, t.code.clone());
            types.push(t);
        }
        Ok((ActivityCatalogue::new(types), ids))
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
