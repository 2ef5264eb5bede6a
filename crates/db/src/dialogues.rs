//! Citizen dialogues (medborgardialoger) and the inputs raised at them. Registering a
//! dialogue also logs a `citizen_dialogue` activity in the same transaction (external id
//! `dialogue-<id>`), so it counts toward targets like any other work. Inputs raised at a
//! dialogue are written by staff and published at once, linked to the dialogue.

use chrono::{NaiveDate, Utc};
use lofte_domain::citizen::{AgeBand, DialogueFormat, Gender, InputStatus, NewDialogue, NewInput};
use lofte_domain::followup::Performer;
use lofte_domain::{FieldError, PlaceSlug, Problem};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::audit::{Actor, AuditRecord, audit};
use crate::entity::{citizen_input, dialogue};
use crate::tenant::{Tenant, to_json};
use crate::{Error, Result};

#[derive(Debug, Default, Serialize, Deserialize)]
struct ParticipantsJson {
    by_gender: std::collections::BTreeMap<String, u32>,
    by_age: std::collections::BTreeMap<String, u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredDialogue {
    pub id: i32,
    pub date: NaiveDate,
    pub place: PlaceSlug,
    pub format: DialogueFormat,
    pub by_gender: Vec<(Gender, u32)>,
    pub by_age: Vec<(AgeBand, u32)>,
    /// Inputs raised at it.
    pub inputs: usize,
}

impl Tenant {
    /// Registers a dialogue and logs it as a `citizen_dialogue` activity.
    pub async fn add_dialogue(
        &self,
        actor: Actor,
        d: &NewDialogue,
        performer: Performer,
    ) -> Result<i32> {
        let known = self.db().places(&self.municipality().code).await?;
        if !known.iter().any(|p| p.slug == d.place) {
            return Err(Error::Invalid(vec![FieldError::new(
                "place",
                Problem::UnknownPlace {
                    value: d.place.to_string(),
                },
            )]));
        }
        let participants = ParticipantsJson {
            by_gender: d
                .by_gender
                .iter()
                .map(|(g, n)| (g.code().to_owned(), *n))
                .collect(),
            by_age: d
                .by_age
                .iter()
                .map(|(a, n)| (a.code().to_owned(), *n))
                .collect(),
        };
        let txn = self.db().begin_write().await?;
        let id = dialogue::Entity::insert(dialogue::ActiveModel {
            municipality_code: Set(self.code().to_owned()),
            held_on: Set(d.date),
            place: Set(d.place.to_string()),
            format: Set(d.format.code().to_owned()),
            participants: Set(to_json(&participants)),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        let activity = crate::activities::linked_activity(
            "citizen_dialogue",
            performer,
            d.date,
            Some(d.place.clone()),
            d.participants(),
            format!("dialogue-{id}"),
        );
        self.insert_activity(&txn, actor, &activity).await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "dialogue",
                entity_id: id,
                promise_id: None,
                action: "create",
                before: None,
                after: Some(to_json(&participants)),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    pub async fn dialogues(&self) -> Result<Vec<StoredDialogue>> {
        let rows = dialogue::Entity::find()
            .filter(dialogue::Column::MunicipalityCode.eq(self.code()))
            .order_by_desc(dialogue::Column::HeldOn)
            .order_by_desc(dialogue::Column::Id)
            .all(self.db().conn())
            .await?;
        let raised = citizen_input::Entity::find()
            .filter(citizen_input::Column::MunicipalityCode.eq(self.code()))
            .filter(citizen_input::Column::DialogueId.is_not_null())
            .all(self.db().conn())
            .await?;
        rows.into_iter()
            .map(|row| {
                let corrupt = || Error::Corrupt(format!("dialogue {}", row.id));
                let p: ParticipantsJson =
                    serde_json::from_str(&row.participants).map_err(|_| corrupt())?;
                Ok(StoredDialogue {
                    id: row.id,
                    date: row.held_on,
                    place: PlaceSlug::parse(&row.place).map_err(|_| corrupt())?,
                    format: DialogueFormat::parse(&row.format).map_err(|_| corrupt())?,
                    // In the order the form asks, not the stored map's.
                    by_gender: Gender::ALL
                        .iter()
                        .filter_map(|g| Some((*g, *p.by_gender.get(g.code())?)))
                        .collect(),
                    by_age: AgeBand::ALL
                        .iter()
                        .filter_map(|a| Some((*a, *p.by_age.get(a.code())?)))
                        .collect(),
                    inputs: raised
                        .iter()
                        .filter(|i| i.dialogue_id == Some(row.id))
                        .count(),
                })
            })
            .collect()
    }

    /// Records an input raised at a dialogue: written by staff, so published at once.
    pub async fn add_dialogue_input(
        &self,
        actor: Actor,
        dialogue_id: i32,
        input: &NewInput,
        links: &crate::links::Links,
    ) -> Result<i32> {
        dialogue::Entity::find_by_id(dialogue_id)
            .filter(dialogue::Column::MunicipalityCode.eq(self.code()))
            .one(self.db().conn())
            .await?
            .ok_or(Error::NotFound)?;
        self.check_links(self.db().conn(), links).await?;
        let id = self.receive_input(input, None).await?;
        let txn = self.db().begin_write().await?;
        citizen_input::Entity::update_many()
            .col_expr(
                citizen_input::Column::Status,
                sea_orm::sea_query::Expr::value(InputStatus::Published.code()),
            )
            .col_expr(
                citizen_input::Column::DialogueId,
                sea_orm::sea_query::Expr::value(dialogue_id),
            )
            .col_expr(
                citizen_input::Column::CommitmentId,
                sea_orm::sea_query::Expr::value(links.commitment),
            )
            .col_expr(
                citizen_input::Column::FocusPromiseId,
                sea_orm::sea_query::Expr::value(links.focus.as_ref().map(|f| f.promise)),
            )
            .col_expr(
                citizen_input::Column::FocusArea,
                sea_orm::sea_query::Expr::value(links.focus.as_ref().map(|f| f.area.clone())),
            )
            .col_expr(
                citizen_input::Column::ModeratedAt,
                sea_orm::sea_query::Expr::value(Utc::now()),
            )
            .filter(citizen_input::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "citizen_input",
                entity_id: id,
                promise_id: None,
                action: "dialogue",
                before: None,
                after: Some(
                    serde_json::json!({
                        "dialogue": dialogue_id,
                        "commitment": links.commitment,
                        "focus": links.focus.as_ref().map(|f| f.area.as_str()),
                    })
                    .to_string(),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }
}
