//! Residents' inputs from the public form ("Tyck till om tryggheten"), waiting in a
//! moderation queue. There is no column for a network address, a name or contact
//! details: the form never asks for them and nothing could store them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CitizenInput::Table)
                    .col(pk_auto(CitizenInput::Id))
                    .col(string_len(CitizenInput::MunicipalityCode, 4))
                    .col(timestamp_with_time_zone(CitizenInput::ReceivedAt))
                    .col(string(CitizenInput::Locality))
                    .col(string_null(CitizenInput::Place))
                    .col(string_null(CitizenInput::Address))
                    .col(string(CitizenInput::Category))
                    .col(text(CitizenInput::Body))
                    .col(string_null(CitizenInput::AgeBand))
                    .col(string_null(CitizenInput::Gender))
                    .col(string(CitizenInput::Status))
                    .col(string_null(CitizenInput::HiddenReason))
                    .col(timestamp_with_time_zone_null(CitizenInput::ModeratedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CitizenInput::Table, CitizenInput::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("citizen_input_status")
                    .table(CitizenInput::Table)
                    .col(CitizenInput::MunicipalityCode)
                    .col(CitizenInput::Status)
                    .col(CitizenInput::ReceivedAt)
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
enum CitizenInput {
    Table,
    Id,
    MunicipalityCode,
    ReceivedAt,
    Locality,
    Place,
    Address,
    Category,
    Body,
    AgeBand,
    Gender,
    Status,
    HiddenReason,
    ModeratedAt,
}
