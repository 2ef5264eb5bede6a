//! Safety walks (trygghetsvandringar) and their findings. A walk is also logged as an
//! activity of type `safety_walk` (external id `safety-walk-<id>`), so it counts toward
//! targets such as "at least four safety walks" without being entered twice.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SafetyWalk::Table)
                    .col(pk_auto(SafetyWalk::Id))
                    .col(string_len(SafetyWalk::MunicipalityCode, 4))
                    .col(date(SafetyWalk::WalkedOn))
                    .col(text(SafetyWalk::Route))
                    .col(integer(SafetyWalk::Participants))
                    .col(string(SafetyWalk::Performer))
                    .col(date_null(SafetyWalk::AgainBy))
                    .col(timestamp_with_time_zone(SafetyWalk::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SafetyWalk::Table, SafetyWalk::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WalkFinding::Table)
                    .col(pk_auto(WalkFinding::Id))
                    .col(integer(WalkFinding::WalkId))
                    .col(string_len(WalkFinding::MunicipalityCode, 4))
                    .col(string(WalkFinding::Place))
                    .col(string(WalkFinding::Category))
                    .col(text(WalkFinding::Description))
                    .col(string(WalkFinding::Owner))
                    .col(date_null(WalkFinding::DueOn))
                    .col(string(WalkFinding::Status))
                    .col(string_null(WalkFinding::Reason))
                    .col(timestamp_with_time_zone(WalkFinding::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WalkFinding::Table, WalkFinding::WalkId)
                            .to(SafetyWalk::Table, SafetyWalk::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("walk_finding_municipality")
                    .table(WalkFinding::Table)
                    .col(WalkFinding::MunicipalityCode)
                    .col(WalkFinding::Status)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum SafetyWalk {
    Table,
    Id,
    MunicipalityCode,
    WalkedOn,
    Route,
    Participants,
    Performer,
    AgainBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WalkFinding {
    Table,
    Id,
    WalkId,
    MunicipalityCode,
    Place,
    Category,
    Description,
    Owner,
    DueOn,
    Status,
    Reason,
    UpdatedAt,
}
