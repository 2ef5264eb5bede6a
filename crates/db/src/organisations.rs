//! Organisations (municipalities, police areas, the installation), memberships and what
//! a person may do where.

use lofte_domain::{
    FieldError, Grant, MunicipalityCode, OrganisationKind, Principal, Problem, Reach, Role,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::entity::{membership, municipality, organisation};
use crate::{Db, Error, Result};

use crate::accounts::OrganisationRef;

impl Db {
    /// The organisation's id, creating it if needed.
    pub async fn organisation(&self, org: &OrganisationRef) -> Result<i32> {
        let (kind, name, municipality_code, lpo_id) = match org {
            OrganisationRef::Municipality(code) => {
                let m = self.municipality(code).await?.ok_or_else(|| {
                    Error::Invalid(vec![FieldError::new(
                        "organisation",
                        Problem::UnknownMunicipality {
                            code: code.to_string(),
                        },
                    )])
                })?;
                (
                    "municipality",
                    m.official_name.to_string(),
                    Some(code.to_string()),
                    None,
                )
            }
            OrganisationRef::LocalPoliceArea(name) => {
                let area = crate::entity::local_police_area::Entity::find()
                    .filter(crate::entity::local_police_area::Column::Name.eq(name.as_str()))
                    .one(self.conn())
                    .await?
                    .ok_or_else(|| {
                        Error::Invalid(vec![FieldError::new(
                            "organisation",
                            Problem::Slug {
                                value: name.clone(),
                            },
                        )])
                    })?;
                (
                    "local_police_area",
                    format!("LPO {}", area.name),
                    None,
                    Some(area.id),
                )
            }
            OrganisationRef::Partner { name, municipality } => (
                "partner",
                name.clone(),
                Some(municipality.to_string()),
                None,
            ),
        };
        organisation::Entity::insert(organisation::ActiveModel {
            kind: Set(kind.to_owned()),
            name: Set(name.clone()),
            municipality_code: Set(municipality_code),
            local_police_area_id: Set(lpo_id),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([organisation::Column::Kind, organisation::Column::Name])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(kind))
            .filter(organisation::Column::Name.eq(name))
            .one(self.conn())
            .await?
            .map(|o| o.id)
            .ok_or_else(|| Error::Corrupt("organisation vanished after insert".into()))
    }

    /// The organisation's name and kind.
    pub async fn organisation_kind(
        &self,
        organisation_id: i32,
    ) -> Result<(String, OrganisationKind)> {
        let org = organisation::Entity::find_by_id(organisation_id)
            .one(self.conn())
            .await?
            .ok_or(Error::NotFound)?;
        let kind = OrganisationKind::parse(&org.kind)
            .ok_or_else(|| Error::Corrupt(format!("organisation kind {}", org.kind)))?;
        Ok((org.name, kind))
    }

    /// Refuses a role the organisation's kind does not allow (a partner's members and
    /// tokens are partners), on the field `role`.
    pub(crate) async fn check_role(&self, organisation_id: i32, role: Role) -> Result<()> {
        let (_, kind) = self.organisation_kind(organisation_id).await?;
        kind.check_role(role)
            .map_err(|p| Error::Invalid(vec![FieldError::new("role", p)]))
    }

    /// The grant a stored membership or token gives: its role, capped by the
    /// organisation's kind, where the organisation reaches.
    pub(crate) async fn grant_of(&self, organisation_id: i32, role: &str) -> Result<Grant> {
        let role = Role::parse(role).map_err(|_| Error::Corrupt(format!("role {role}")))?;
        let kind = organisation::Entity::find_by_id(organisation_id)
            .one(self.conn())
            .await?
            .and_then(|o| OrganisationKind::parse(&o.kind));
        Ok(Grant {
            role: kind.map_or(role, |k| k.effective_role(role)),
            reach: self.reach(organisation_id).await?,
        })
    }

    /// Gives the account `role` in the organisation (replacing an earlier role there).
    pub async fn grant(&self, account_id: i32, organisation_id: i32, role: Role) -> Result<()> {
        self.check_role(organisation_id, role).await?;
        membership::Entity::insert(membership::ActiveModel {
            account_id: Set(account_id),
            organisation_id: Set(organisation_id),
            role: Set(role.as_str().to_owned()),
        })
        .on_conflict(
            OnConflict::columns([
                membership::Column::AccountId,
                membership::Column::OrganisationId,
            ])
            .update_column(membership::Column::Role)
            .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        let org = organisation::Entity::find_by_id(organisation_id)
            .one(self.conn())
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        self.account_event(
            None,
            Some(account_id),
            None,
            "grant",
            format!("{org}: {role}"),
        )
        .await?;
        Ok(())
    }

    /// What the account may do where: its memberships with each organisation's reach.
    pub async fn principal(&self, account_id: i32) -> Result<Principal> {
        let memberships = membership::Entity::find()
            .filter(membership::Column::AccountId.eq(account_id))
            .all(self.conn())
            .await?;
        let mut grants = Vec::new();
        for m in memberships {
            grants.push(self.grant_of(m.organisation_id, &m.role).await?);
        }
        Ok(Principal { grants })
    }

    pub(crate) async fn reach(&self, organisation_id: i32) -> Result<Reach> {
        let Some(org) = organisation::Entity::find_by_id(organisation_id)
            .one(self.conn())
            .await?
        else {
            return Ok(Reach::Municipalities(Vec::new()));
        };
        let codes: Vec<String> = match (
            org.kind.as_str(),
            org.municipality_code,
            org.local_police_area_id,
        ) {
            ("installation", _, _) => return Ok(Reach::Everywhere),
            ("local_police_area", _, Some(lpo)) => municipality::Entity::find()
                .filter(municipality::Column::LocalPoliceAreaId.eq(lpo))
                .all(self.conn())
                .await?
                .into_iter()
                .map(|m| m.code)
                .collect(),
            (_, Some(code), _) => vec![code],
            _ => Vec::new(),
        };
        Ok(Reach::Municipalities(
            codes
                .iter()
                .filter_map(|c| MunicipalityCode::parse(c).ok())
                .collect(),
        ))
    }

    /// Whether the account belongs to a local police area (its activities are then the
    /// police's by default).
    pub async fn is_police(&self, account_id: i32) -> Result<bool> {
        let memberships = membership::Entity::find()
            .filter(membership::Column::AccountId.eq(account_id))
            .all(self.conn())
            .await?;
        let ids: Vec<i32> = memberships.iter().map(|m| m.organisation_id).collect();
        Ok(organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(ids))
            .filter(organisation::Column::Kind.eq("local_police_area"))
            .one(self.conn())
            .await?
            .is_some())
    }

    /// The installation's own organisation, for admins.
    pub async fn installation_organisation(&self) -> Result<i32> {
        organisation::Entity::insert(organisation::ActiveModel {
            kind: Set("installation".to_owned()),
            name: Set("Löfte".to_owned()),
            municipality_code: Set(None),
            local_police_area_id: Set(None),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([organisation::Column::Kind, organisation::Column::Name])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        organisation::Entity::find()
            .filter(organisation::Column::Kind.eq("installation"))
            .one(self.conn())
            .await?
            .map(|o| o.id)
            .ok_or_else(|| Error::Corrupt("installation organisation vanished".into()))
    }

    // Sessions: opaque data owned by the web tier's session layer.
}
