use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountEvent::Table)
                    .col(pk_auto(AccountEvent::Id))
                    .col(timestamp_with_time_zone(AccountEvent::At))
                    .col(integer_null(AccountEvent::ByAccountId))
                    .col(integer_null(AccountEvent::AccountId))
                    .col(integer_null(AccountEvent::ApiTokenId))
                    .col(string(AccountEvent::Action))
                    .col(text(AccountEvent::Detail))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum AccountEvent {
    Table,
    Id,
    At,
    ByAccountId,
    AccountId,
    ApiTokenId,
    Action,
    Detail,
}
