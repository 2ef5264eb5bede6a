//! A place's line or outline (a road, an area) as GeoJSON, beside the point it is shown
//! by; places made in the staff area have one when it was drawn or pasted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Place::Table)
                    .add_column(text_null(Place::Shape))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Place::Table)
                    .drop_column(Place::Shape)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Place {
    Table,
    Shape,
}
