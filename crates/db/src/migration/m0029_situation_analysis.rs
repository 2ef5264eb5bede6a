//! The tertial analysis of the situation picture: what the coordinator writes about a
//! tertial's reports, a draft until published, then frozen with its figures
//! ([`lofte_domain::analysis::FrozenPicture`]). One per municipality and tertial.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SituationAnalysis::Table)
                    .col(pk_auto(SituationAnalysis::Id))
                    .col(string_len(SituationAnalysis::MunicipalityCode, 4))
                    .col(integer(SituationAnalysis::Year))
                    .col(small_integer(SituationAnalysis::Tertial))
                    .col(text(SituationAnalysis::Analysis))
                    .col(text_null(SituationAnalysis::NextSteps))
                    .col(text_null(SituationAnalysis::Figures))
                    .col(timestamp_with_time_zone_null(
                        SituationAnalysis::PublishedAt,
                    ))
                    .col(integer(SituationAnalysis::Version))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                SituationAnalysis::Table,
                                SituationAnalysis::MunicipalityCode,
                            )
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("situation_analysis_key")
                    .table(SituationAnalysis::Table)
                    .col(SituationAnalysis::MunicipalityCode)
                    .col(SituationAnalysis::Year)
                    .col(SituationAnalysis::Tertial)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum SituationAnalysis {
    Table,
    Id,
    MunicipalityCode,
    Year,
    Tertial,
    Analysis,
    NextSteps,
    Figures,
    PublishedAt,
    Version,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}
