//! Reported crime by municipality, period and category (the national crime statistics),
//! and population by municipality and year (Statistics Sweden), for rates per 100,000
//! residents in the situation picture. A figure imported again for the same key replaces
//! the earlier one: a preliminary count becomes final.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CrimeStat::Table)
                    .col(big_pk_auto(CrimeStat::Id))
                    .col(string_len(CrimeStat::MunicipalityCode, 4))
                    .col(integer(CrimeStat::Year))
                    .col(string(CrimeStat::PeriodKind))
                    .col(small_integer(CrimeStat::PeriodNumber))
                    .col(string(CrimeStat::Category))
                    .col(big_integer(CrimeStat::Count))
                    .col(boolean(CrimeStat::Preliminary))
                    .col(boolean(CrimeStat::Synthetic))
                    .col(timestamp_with_time_zone(CrimeStat::ImportedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CrimeStat::Table, CrimeStat::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("crime_stat_key")
                    .table(CrimeStat::Table)
                    .col(CrimeStat::MunicipalityCode)
                    .col(CrimeStat::Year)
                    .col(CrimeStat::PeriodKind)
                    .col(CrimeStat::PeriodNumber)
                    .col(CrimeStat::Category)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Population::Table)
                    .col(big_pk_auto(Population::Id))
                    .col(string_len(Population::MunicipalityCode, 4))
                    .col(integer(Population::Year))
                    // "" for all ages and for both sexes.
                    .col(string(Population::AgeBand))
                    .col(string(Population::Sex))
                    .col(big_integer(Population::Residents))
                    .col(boolean(Population::Synthetic))
                    .col(timestamp_with_time_zone(Population::ImportedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Population::Table, Population::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("population_key")
                    .table(Population::Table)
                    .col(Population::MunicipalityCode)
                    .col(Population::Year)
                    .col(Population::AgeBand)
                    .col(Population::Sex)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum CrimeStat {
    Table,
    Id,
    MunicipalityCode,
    Year,
    PeriodKind,
    PeriodNumber,
    Category,
    Count,
    Preliminary,
    Synthetic,
    ImportedAt,
}

#[derive(DeriveIden)]
enum Population {
    Table,
    Id,
    MunicipalityCode,
    Year,
    AgeBand,
    Sex,
    Residents,
    Synthetic,
    ImportedAt,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}
