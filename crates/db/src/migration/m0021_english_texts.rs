//! English versions of a promise's texts (a JSON object of the exchange format's
//! `english` on the promise, the English text on each commitment), and the note a
//! correction of a published promise is made with, kept with the publication it made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Promise::Table)
                    .add_column(text_null(Promise::English))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Commitment::Table)
                    .add_column(text_null(Commitment::English))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Publication::Table)
                    .add_column(text_null(Publication::CorrectionNote))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Publication::Table)
                    .drop_column(Publication::CorrectionNote)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Commitment::Table)
                    .drop_column(Commitment::English)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Promise::Table)
                    .drop_column(Promise::English)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Promise {
    Table,
    English,
}

#[derive(DeriveIden)]
enum Commitment {
    Table,
    English,
}

#[derive(DeriveIden)]
enum Publication {
    Table,
    CorrectionNote,
}
