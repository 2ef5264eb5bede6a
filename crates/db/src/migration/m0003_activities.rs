use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Activity::Table)
                    .col(big_pk_auto(Activity::Id))
                    .col(string_len(Activity::MunicipalityCode, 4))
                    .col(string(Activity::ActivityType))
                    .col(string(Activity::Performer))
                    .col(timestamp_with_time_zone(Activity::StartedAt))
                    .col(date(Activity::LocalDate))
                    .col(integer_null(Activity::DurationMinutes))
                    .col(string_null(Activity::PlaceSlug))
                    .col(integer_null(Activity::Participants))
                    .col(text_null(Activity::Note))
                    .col(string(Activity::DedupKey))
                    .col(boolean(Activity::Synthetic))
                    .col(integer_null(Activity::AccountId))
                    .col(integer_null(Activity::ApiTokenId))
                    .col(timestamp_with_time_zone(Activity::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Activity::Table, Activity::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // Sending the same activity twice stores it once.
        manager
            .create_index(
                Index::create()
                    .name("activity_dedup")
                    .table(Activity::Table)
                    .col(Activity::MunicipalityCode)
                    .col(Activity::DedupKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Progress reads one municipality's activities of a type over a period.
        manager
            .create_index(
                Index::create()
                    .name("activity_progress")
                    .table(Activity::Table)
                    .col(Activity::MunicipalityCode)
                    .col(Activity::ActivityType)
                    .col(Activity::LocalDate)
                    .to_owned(),
            )
            .await
    }
}

// Variant names are the table's column names.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum Activity {
    Table,
    Id,
    MunicipalityCode,
    ActivityType,
    Performer,
    StartedAt,
    LocalDate,
    DurationMinutes,
    PlaceSlug,
    Participants,
    Note,
    DedupKey,
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
