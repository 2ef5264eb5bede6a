//! Residents' inputs as cases, and "Blev det gjort?".
//!
//! `citizen_input` gains what staff do with a published input: a public reply, the unit
//! it is routed to, a tracked action (owner, due date, status: the finding statuses), a
//! withdrawal's reason, and the resident's own answer to "was it done?".
//!
//! `input_contact` holds the one e-mail address a resident may leave with an input, only
//! to ask them that question; it is deleted when they answer, or three months after the
//! input was received (`Db::purge_input_contacts`), and with the input.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one change per ALTER TABLE.
        for column in [
            text_null(CitizenInput::PublicReply),
            timestamp_with_time_zone_null(CitizenInput::RepliedAt),
            string_null(CitizenInput::RoutedTo),
            string_null(CitizenInput::ActionOwner),
            date_null(CitizenInput::ActionDue),
            string_len_null(CitizenInput::ActionStatus, 16),
            text_null(CitizenInput::WithdrawnReason),
            string_len_null(CitizenInput::ResidentAnswer, 16),
            timestamp_with_time_zone_null(CitizenInput::AnsweredAt),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(CitizenInput::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(InputContact::Table)
                    .col(integer(InputContact::InputId).primary_key())
                    .col(string_len(InputContact::Email, 254))
                    .col(string_len(InputContact::Lang, 2))
                    .col(timestamp_with_time_zone(InputContact::CreatedAt))
                    .col(timestamp_with_time_zone_null(InputContact::AskedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InputContact::Table, InputContact::InputId)
                            .to(CitizenInput::Table, CitizenInput::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum CitizenInput {
    Table,
    Id,
    PublicReply,
    RepliedAt,
    RoutedTo,
    ActionOwner,
    ActionDue,
    ActionStatus,
    WithdrawnReason,
    ResidentAnswer,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum InputContact {
    Table,
    InputId,
    Email,
    Lang,
    CreatedAt,
    AskedAt,
}
