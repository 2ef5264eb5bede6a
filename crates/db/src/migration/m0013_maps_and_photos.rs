//! Maps and photos: a municipality's boundary (GeoJSON, with its source), the point a
//! resident marked on the map with an input, and one photo per safety-walk finding (kept
//! in its own table so that listing findings never loads picture bytes).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        for column in [
            text_null(Municipality::Boundary),
            text_null(Municipality::BoundarySource),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Municipality::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            double_null(CitizenInput::Lat),
            double_null(CitizenInput::Lon),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(CitizenInput::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(FindingPhoto::Table)
                    .col(integer(FindingPhoto::FindingId).primary_key())
                    .col(string(FindingPhoto::MediaType))
                    .col(blob(FindingPhoto::Data))
                    .col(timestamp_with_time_zone(FindingPhoto::AddedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FindingPhoto::Table, FindingPhoto::FindingId)
                            .to(WalkFinding::Table, WalkFinding::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Boundary,
    BoundarySource,
}

#[derive(DeriveIden)]
enum CitizenInput {
    Table,
    Lat,
    Lon,
}

#[derive(DeriveIden)]
enum WalkFinding {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FindingPhoto {
    Table,
    FindingId,
    MediaType,
    Data,
    AddedAt,
}
