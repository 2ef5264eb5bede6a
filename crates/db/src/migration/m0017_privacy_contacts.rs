//! Who answers for a municipality's residents' personal data (its profile's `privacy`),
//! for the privacy notice: JSON text, read only with its municipality.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Municipality::Table)
                    .add_column(text_null(Municipality::Privacy))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Privacy,
}
