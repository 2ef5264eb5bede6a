use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisation::Table)
                    .col(pk_auto(Organisation::Id))
                    .col(string(Organisation::Kind))
                    .col(string(Organisation::Name))
                    .col(string_len_null(Organisation::MunicipalityCode, 4))
                    .col(integer_null(Organisation::LocalPoliceAreaId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organisation::Table, Organisation::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Organisation::Table, Organisation::LocalPoliceAreaId)
                            .to(LocalPoliceArea::Table, LocalPoliceArea::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("organisation_kind_name")
                    .table(Organisation::Table)
                    .col(Organisation::Kind)
                    .col(Organisation::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(pk_auto(Account::Id))
                    .col(string_uniq(Account::Email))
                    .col(string(Account::DisplayName))
                    .col(string(Account::PasswordHash))
                    .col(boolean(Account::Disabled))
                    .col(integer(Account::FailedLogins))
                    .col(timestamp_with_time_zone_null(Account::LockedUntil))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Membership::Table)
                    .col(integer(Membership::AccountId))
                    .col(integer(Membership::OrganisationId))
                    .col(string(Membership::Role))
                    .primary_key(
                        Index::create()
                            .col(Membership::AccountId)
                            .col(Membership::OrganisationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Membership::Table, Membership::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Membership::Table, Membership::OrganisationId)
                            .to(Organisation::Table, Organisation::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string(Session::Id).primary_key())
                    .col(text(Session::Data))
                    .col(big_integer(Session::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("session_expires_at")
                    .table(Session::Table)
                    .col(Session::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_auto(ApiToken::Id))
                    .col(integer(ApiToken::OrganisationId))
                    .col(string(ApiToken::Role))
                    .col(string(ApiToken::Name))
                    .col(string_uniq(ApiToken::TokenHash))
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ApiToken::Table, ApiToken::OrganisationId)
                            .to(Organisation::Table, Organisation::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::AccountId))
                    .col(integer_null(AuditLog::ApiTokenId))
                    .col(string_len(AuditLog::MunicipalityCode, 4))
                    .col(string(AuditLog::Entity))
                    .col(integer(AuditLog::EntityId))
                    .col(integer_null(AuditLog::PromiseId))
                    .col(string(AuditLog::Action))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("audit_log_promise")
                    .table(AuditLog::Table)
                    .col(AuditLog::PromiseId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Publication::Table)
                    .col(pk_auto(Publication::Id))
                    .col(integer(Publication::PromiseId))
                    .col(integer(Publication::PromiseVersion))
                    .col(timestamp_with_time_zone(Publication::PublishedAt))
                    .col(text(Publication::Document))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Publication::Table, Publication::PromiseId)
                            .to(Promise::Table, Promise::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Commitment::Table)
                    .add_column(integer(Commitment::Version).default(1))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Kind,
    Name,
    MunicipalityCode,
    LocalPoliceAreaId,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum LocalPoliceArea {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Disabled,
    FailedLogins,
    LockedUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    AccountId,
    OrganisationId,
    Role,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    OrganisationId,
    Role,
    Name,
    TokenHash,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    AccountId,
    ApiTokenId,
    MunicipalityCode,
    Entity,
    EntityId,
    PromiseId,
    Action,
    Before,
    After,
}

#[derive(DeriveIden)]
enum Publication {
    Table,
    Id,
    PromiseId,
    PromiseVersion,
    PublishedAt,
    Document,
}

#[derive(DeriveIden)]
enum Promise {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Commitment {
    Table,
    Version,
}
