//! Sign-in through an organisation's OpenID Connect provider: which account a provider's
//! subject is, once linked (by an operator, or at the first sign-in of an account an
//! administrator created with the e-mail address the provider vouches for).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountIdentity::Table)
                    .col(pk_auto(AccountIdentity::Id))
                    .col(string(AccountIdentity::Issuer))
                    .col(string(AccountIdentity::Subject))
                    .col(integer(AccountIdentity::AccountId))
                    .col(timestamp_with_time_zone(AccountIdentity::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccountIdentity::Table, AccountIdentity::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // One account per subject of a provider, and one subject per account and provider.
        for (name, columns) in [
            (
                "account_identity_subject",
                [AccountIdentity::Issuer, AccountIdentity::Subject],
            ),
            (
                "account_identity_account",
                [AccountIdentity::Issuer, AccountIdentity::AccountId],
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AccountIdentity::Table)
                        .col(columns[0])
                        .col(columns[1])
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AccountIdentity {
    Table,
    Id,
    Issuer,
    Subject,
    AccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}
