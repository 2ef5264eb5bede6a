//! The organisation a report was made for, so that a reporting partner reads its own
//! organisation's reports and no one else's. Reports from a file (no account or token)
//! have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Incident::Table)
                    .add_column(integer_null(Incident::OrganisationId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("incident_organisation")
                    .table(Incident::Table)
                    .col(Incident::OrganisationId)
                    .col(Incident::LocalDay)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Incident {
    Table,
    OrganisationId,
    LocalDay,
}
