//! Citizen dialogues (medborgardialoger): when, where and how, with participants counted
//! by gender and age band, and the inputs raised there (stored as citizen inputs that
//! point at the dialogue). A dialogue is also logged as a `citizen_dialogue` activity.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Dialogue::Table)
                    .col(pk_auto(Dialogue::Id))
                    .col(string_len(Dialogue::MunicipalityCode, 4))
                    .col(date(Dialogue::HeldOn))
                    .col(string(Dialogue::Place))
                    .col(string(Dialogue::Format))
                    .col(text(Dialogue::Participants))
                    .col(timestamp_with_time_zone(Dialogue::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Dialogue::Table, Dialogue::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CitizenInput::Table)
                    .add_column(integer_null(CitizenInput::DialogueId))
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
enum Dialogue {
    Table,
    Id,
    MunicipalityCode,
    HeldOn,
    Place,
    Format,
    Participants,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CitizenInput {
    Table,
    DialogueId,
}
