//! The tertial analyses of the situation picture ([`lofte_domain::analysis`]): a draft
//! saved as often as wanted, version-checked, then published once with its figures
//! frozen. Every write is audited.

use chrono::{DateTime, Utc};
use lofte_domain::analysis::{FrozenPicture, Texts};
use lofte_domain::{FieldError, Problem, Tertial, Year};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::audit::{Actor, AuditRecord, Conflict, audit};
use crate::entity::situation_analysis;
use crate::tenant::Tenant;
use crate::{Error, Result};

/// One tertial's analysis, draft or published.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub year: Year,
    pub tertial: Tertial,
    /// Empty in a draft not yet written.
    pub analysis: String,
    pub next_steps: Option<String>,
    /// The figures as published; `None` in a draft.
    pub figures: Option<FrozenPicture>,
    pub published_at: Option<DateTime<Utc>>,
    pub version: i32,
}

fn tertial_of(n: i16) -> Option<Tertial> {
    Tertial::ALL
        .into_iter()
        .find(|t| i16::from(t.number()) == n)
}

fn to_analysis(row: situation_analysis::Model) -> Result<Analysis> {
    let corrupt = || Error::Corrupt(format!("situation analysis {}", row.id));
    Ok(Analysis {
        year: Year::new(row.year).map_err(|_| corrupt())?,
        tertial: tertial_of(row.tertial).ok_or_else(corrupt)?,
        analysis: row.analysis,
        next_steps: row.next_steps,
        figures: row
            .figures
            .as_deref()
            .map(FrozenPicture::from_stored)
            .transpose()
            .map_err(|_| corrupt())?,
        published_at: row.published_at,
        version: row.version,
    })
}

impl Tenant {
    /// The municipality's analyses, newest tertial first; published ones only, or all.
    pub async fn analyses(&self, published_only: bool) -> Result<Vec<Analysis>> {
        let mut query = situation_analysis::Entity::find()
            .filter(situation_analysis::Column::MunicipalityCode.eq(self.code()));
        if published_only {
            query = query.filter(situation_analysis::Column::PublishedAt.is_not_null());
        }
        query
            .order_by_desc(situation_analysis::Column::Year)
            .order_by_desc(situation_analysis::Column::Tertial)
            .all(self.db().conn())
            .await?
            .into_iter()
            .map(to_analysis)
            .collect()
    }

    /// The analysis of one tertial, if one has been started.
    pub async fn analysis(&self, year: Year, tertial: Tertial) -> Result<Option<Analysis>> {
        situation_analysis::Entity::find()
            .filter(situation_analysis::Column::MunicipalityCode.eq(self.code()))
            .filter(situation_analysis::Column::Year.eq(year.get()))
            .filter(situation_analysis::Column::Tertial.eq(i16::from(tertial.number())))
            .one(self.db().conn())
            .await?
            .map(to_analysis)
            .transpose()
    }

    /// Saves a tertial's analysis as a draft, or publishes it with `publish`: the figures
    /// it freezes and what the picture's followers are told, stored and queued in the same
    /// transaction. The analysis must still be at `expected_version` (0 for a new one); a
    /// published one cannot be changed, and publishing needs its text.
    pub async fn save_analysis(
        &self,
        actor: Actor,
        (year, tertial): (Year, Tertial),
        expected_version: i32,
        texts: &Texts,
        publish: Option<(&FrozenPicture, Option<&crate::follows::Announcement>)>,
    ) -> Result<std::result::Result<Analysis, Conflict<()>>> {
        let (publish, announcement) = match publish {
            Some((figures, announcement)) => (Some(figures), announcement),
            None => (None, None),
        };
        if publish.is_some() && texts.analysis.is_none() {
            return Err(Error::Invalid(vec![FieldError::new(
                "analysis",
                Problem::Required,
            )]));
        }
        let txn = self.db().begin_write().await?;
        let existing = situation_analysis::Entity::find()
            .filter(situation_analysis::Column::MunicipalityCode.eq(self.code()))
            .filter(situation_analysis::Column::Year.eq(year.get()))
            .filter(situation_analysis::Column::Tertial.eq(i16::from(tertial.number())))
            .one(&txn)
            .await?;
        let analysis = texts
            .analysis
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let next_steps = texts.next_steps.as_ref().map(ToString::to_string);
        let figures = publish.map(FrozenPicture::to_stored);
        let published_at = publish.map(|_| Utc::now());
        let id = match existing {
            Some(row) if row.published_at.is_some() => {
                return Err(Error::Invalid(vec![FieldError::new(
                    "",
                    Problem::AlreadyPublished,
                )]));
            }
            Some(row) => {
                let updated = situation_analysis::Entity::update_many()
                    .col_expr(situation_analysis::Column::Analysis, Expr::value(analysis))
                    .col_expr(
                        situation_analysis::Column::NextSteps,
                        Expr::value(next_steps),
                    )
                    .col_expr(situation_analysis::Column::Figures, Expr::value(figures))
                    .col_expr(
                        situation_analysis::Column::PublishedAt,
                        Expr::value(published_at),
                    )
                    .col_expr(
                        situation_analysis::Column::Version,
                        Expr::value(expected_version + 1),
                    )
                    .filter(situation_analysis::Column::Id.eq(row.id))
                    .filter(situation_analysis::Column::Version.eq(expected_version))
                    .exec(&txn)
                    .await?;
                if updated.rows_affected == 0 {
                    txn.rollback().await?;
                    return Ok(Err(Conflict {
                        current: (),
                        current_version: row.version,
                    }));
                }
                row.id
            }
            None if expected_version != 0 => {
                txn.rollback().await?;
                return Ok(Err(Conflict {
                    current: (),
                    current_version: 0,
                }));
            }
            None => {
                situation_analysis::Entity::insert(situation_analysis::ActiveModel {
                    municipality_code: Set(self.code().to_owned()),
                    year: Set(year.get()),
                    tertial: Set(i16::from(tertial.number())),
                    analysis: Set(analysis),
                    next_steps: Set(next_steps),
                    figures: Set(figures),
                    published_at: Set(published_at),
                    version: Set(1),
                    ..Default::default()
                })
                .exec(&txn)
                .await?
                .last_insert_id
            }
        };
        audit(
            &txn,
            AuditRecord {
                actor,
                municipality: self.code(),
                entity: "situation_analysis",
                entity_id: id,
                promise_id: None,
                action: if publish.is_some() {
                    "publish"
                } else {
                    "update"
                },
                before: None,
                after: Some(format!("\"{year} t{}\"", tertial.number())),
            },
        )
        .await?;
        if let Some(announcement) = announcement {
            crate::follows::announce(&txn, announcement, Utc::now()).await?;
        }
        let row = situation_analysis::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| Error::Corrupt("situation analysis vanished".into()))?;
        let saved = to_analysis(row)?;
        txn.commit().await?;
        Ok(Ok(saved))
    }
}
