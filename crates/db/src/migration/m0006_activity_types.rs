//! Activity types as data: the built-in types as rows without names (their names are in
//! the Fluent files), and room for a municipality's own types with names in Swedish and
//! English.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The built-in types as this migration seeds them. A copy on purpose: a migration must
/// keep doing what it did when it shipped, whatever the code's list becomes later.
const BUILTIN: [(&str, bool); 11] = [
    ("traffic_control", false),
    ("foot_patrol", false),
    ("bicycle_patrol", false),
    ("safety_walk", false),
    ("trygg_vuxen", false),
    ("parenting_support", false),
    ("andt_activity", false),
    ("licensing_inspection", false),
    ("concern_visit", true),
    ("citizen_dialogue", false),
    ("other", false),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActivityType::Table)
                    .col(pk_auto(ActivityType::Id))
                    // NULL for the built-in types every municipality has.
                    .col(string_len_null(ActivityType::MunicipalityCode, 4))
                    .col(string(ActivityType::Code))
                    .col(string_null(ActivityType::NameSvOne))
                    .col(string_null(ActivityType::NameSvOther))
                    .col(string_null(ActivityType::NameEnOne))
                    .col(string_null(ActivityType::NameEnOther))
                    .col(boolean(ActivityType::CountsOnly))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActivityType::Table, ActivityType::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("activity_type_code")
                    .table(ActivityType::Table)
                    .col(ActivityType::MunicipalityCode)
                    .col(ActivityType::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let mut seed = Query::insert()
            .into_table(ActivityType::Table)
            .columns([ActivityType::Code, ActivityType::CountsOnly])
            .to_owned();
        for (code, counts_only) in BUILTIN {
            seed.values_panic([code.into(), counts_only.into()]);
        }
        manager.exec_stmt(seed).await
    }
}

#[derive(DeriveIden)]
enum ActivityType {
    Table,
    Id,
    MunicipalityCode,
    Code,
    NameSvOne,
    NameSvOther,
    NameEnOne,
    NameEnOther,
    CountsOnly,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}
