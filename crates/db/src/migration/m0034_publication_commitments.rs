//! A publication names the ids of the promise's commitments in the order of its
//! document, so a follower of one commitment hears when that commitment (not whatever
//! now stands at its position) is changed or removed after publication. Rows written
//! before this migration have none; changes from them are told to the promise's
//! followers only.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The tests of older migrations build their data with today's code, which writes
        // this column, so they add it early (db/tests/it/frozen.rs).
        if manager.has_column("publication", "commitment_ids").await? {
            return Ok(());
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Publication::Table)
                    .add_column(text_null(Publication::CommitmentIds))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Publication {
    Table,
    CommitmentIds,
}
