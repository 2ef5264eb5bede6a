//! Residents' inputs and safety-walk findings linked to a focus area of a promise, beside
//! the link to a commitment. A focus area has no identity but its words (promises keep
//! them as a list), so a link is the promise and the words; renaming a focus area in the
//! promise carries its links along (see `Tenant::update_promise`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for table in [Linked::CitizenInput, Linked::WalkFinding] {
            for column in [
                integer_null(Linked::FocusPromiseId),
                text_null(Linked::FocusArea),
            ] {
                manager
                    .alter_table(Table::alter().table(table).add_column(column).to_owned())
                    .await?;
            }
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Linked {
    CitizenInput,
    WalkFinding,
    FocusPromiseId,
    FocusArea,
}
