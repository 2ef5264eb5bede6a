//! The police's public events, kept beyond the feed's short window: one row an event,
//! keyed by the feed's own id, with the municipality it was assigned to and how.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PoliceEvent::Table)
                    // The feed's id, not one of ours: the same event twice is one row.
                    .col(big_integer(PoliceEvent::Id).primary_key())
                    .col(string_len_null(PoliceEvent::MunicipalityCode, 4))
                    .col(string_null(PoliceEvent::Assigned))
                    .col(timestamp_with_time_zone(PoliceEvent::OccurredAt))
                    .col(integer(PoliceEvent::LocalDay))
                    .col(integer(PoliceEvent::LocalHour))
                    .col(text(PoliceEvent::Name))
                    .col(text_null(PoliceEvent::Summary))
                    .col(text(PoliceEvent::Url))
                    .col(string(PoliceEvent::Kind))
                    .col(string(PoliceEvent::LocationName))
                    .col(double_null(PoliceEvent::Lat))
                    .col(double_null(PoliceEvent::Lon))
                    .col(boolean(PoliceEvent::Synthetic))
                    .col(timestamp_with_time_zone(PoliceEvent::ImportedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PoliceEvent::Table, PoliceEvent::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // The picture reads one municipality's events of a period.
        manager
            .create_index(
                Index::create()
                    .name("police_event_picture")
                    .table(PoliceEvent::Table)
                    .col(PoliceEvent::MunicipalityCode)
                    .col(PoliceEvent::LocalDay)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PoliceEvent {
    Table,
    Id,
    MunicipalityCode,
    Assigned,
    OccurredAt,
    LocalDay,
    LocalHour,
    Name,
    Summary,
    Url,
    Kind,
    LocationName,
    Lat,
    Lon,
    Synthetic,
    ImportedAt,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}
