use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FollowUp::Table)
                    .col(pk_auto(FollowUp::Id))
                    .col(integer(FollowUp::PromiseId))
                    .col(integer(FollowUp::Year))
                    .col(string(FollowUp::Period))
                    .col(timestamp_with_time_zone_null(FollowUp::PublishedAt))
                    .col(integer(FollowUp::Version))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FollowUp::Table, FollowUp::PromiseId)
                            .to(Promise::Table, Promise::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("follow_up_period")
                    .table(FollowUp::Table)
                    .col(FollowUp::PromiseId)
                    .col(FollowUp::Year)
                    .col(FollowUp::Period)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FollowUpEntry::Table)
                    .col(pk_auto(FollowUpEntry::Id))
                    .col(integer(FollowUpEntry::FollowUpId))
                    .col(integer(FollowUpEntry::CommitmentId))
                    .col(string(FollowUpEntry::Status))
                    .col(text_null(FollowUpEntry::Reason))
                    .col(text_null(FollowUpEntry::Narrative))
                    .col(text(FollowUpEntry::Evidence))
                    .col(text_null(FollowUpEntry::Figures))
                    .foreign_key(
                        ForeignKey::create()
                            .from(FollowUpEntry::Table, FollowUpEntry::FollowUpId)
                            .to(FollowUp::Table, FollowUp::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("follow_up_entry_commitment")
                    .table(FollowUpEntry::Table)
                    .col(FollowUpEntry::FollowUpId)
                    .col(FollowUpEntry::CommitmentId)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FollowUp {
    Table,
    Id,
    PromiseId,
    Year,
    Period,
    PublishedAt,
    Version,
}

// Variant names are the table's column names.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum FollowUpEntry {
    Table,
    Id,
    FollowUpId,
    CommitmentId,
    Status,
    Reason,
    Narrative,
    Evidence,
    Figures,
}

#[derive(DeriveIden)]
enum Promise {
    Table,
    Id,
}
