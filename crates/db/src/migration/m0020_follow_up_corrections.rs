//! Corrections of a published follow-up: the dated notes residents see of what was
//! corrected after publishing (a JSON list of `{"at", "note"}`); the texts before and
//! after are in the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(FollowUp::Table)
                    .add_column(text_null(FollowUp::Corrections))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(FollowUp::Table)
                    .drop_column(FollowUp::Corrections)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FollowUp {
    Table,
    Corrections,
}
