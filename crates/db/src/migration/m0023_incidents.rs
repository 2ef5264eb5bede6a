//! Incident reports (EST-style weekly reporting) for the situation picture: one row a
//! report, with its Swedish local day and hour kept beside the instant so that weeks,
//! weekdays and hours are counted in SQL without time-zone arithmetic.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Incident::Table)
                    .col(big_pk_auto(Incident::Id))
                    .col(string_len(Incident::MunicipalityCode, 4))
                    .col(string(Incident::Category))
                    .col(timestamp_with_time_zone(Incident::StartedAt))
                    .col(timestamp_with_time_zone_null(Incident::EndedAt))
                    .col(integer(Incident::LocalDay))
                    .col(integer_null(Incident::LocalHour))
                    .col(string_null(Incident::PlaceSlug))
                    .col(double_null(Incident::Lat))
                    .col(double_null(Incident::Lon))
                    .col(text_null(Incident::Text))
                    .col(string(Incident::Reporter))
                    .col(string(Incident::DedupKey))
                    .col(timestamp_with_time_zone_null(Incident::ReviewedAt))
                    .col(boolean(Incident::Synthetic))
                    .col(integer_null(Incident::AccountId))
                    .col(integer_null(Incident::ApiTokenId))
                    .col(timestamp_with_time_zone(Incident::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Incident::Table, Incident::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // Sending the same report twice stores it once.
        manager
            .create_index(
                Index::create()
                    .name("incident_dedup")
                    .table(Incident::Table)
                    .col(Incident::MunicipalityCode)
                    .col(Incident::DedupKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The picture reads one municipality's reports of a period.
        manager
            .create_index(
                Index::create()
                    .name("incident_picture")
                    .table(Incident::Table)
                    .col(Incident::MunicipalityCode)
                    .col(Incident::LocalDay)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Incident {
    Table,
    Id,
    MunicipalityCode,
    Category,
    StartedAt,
    EndedAt,
    LocalDay,
    LocalHour,
    PlaceSlug,
    Lat,
    Lon,
    Text,
    Reporter,
    DedupKey,
    ReviewedAt,
    Synthetic,
    AccountId,
    ApiTokenId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}
