//! Safety surveys: a codebook per municipality, imports of response files stored as
//! immutable column chunks, the years each import holds, and the link from a promise's
//! outcome goal to survey indicators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Promise::Table)
                    .add_column(text_null(Promise::OutcomeMeasure))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyCodebook::Table)
                    .col(string_len(SurveyCodebook::MunicipalityCode, 4).primary_key())
                    .col(text(SurveyCodebook::Document))
                    .col(timestamp_with_time_zone(SurveyCodebook::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyCodebook::Table, SurveyCodebook::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyImport::Table)
                    .col(pk_auto(SurveyImport::Id))
                    .col(string_len(SurveyImport::MunicipalityCode, 4))
                    .col(string_len(SurveyImport::Digest, 64))
                    .col(string_null(SurveyImport::FileName))
                    .col(big_integer(SurveyImport::Rows))
                    .col(text(SurveyImport::ItemCodes))
                    .col(boolean(SurveyImport::Synthetic))
                    .col(timestamp_with_time_zone(SurveyImport::ImportedAt))
                    .col(integer_null(SurveyImport::ImportedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyImport::Table, SurveyImport::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("survey_import_digest")
                    .table(SurveyImport::Table)
                    .col(SurveyImport::MunicipalityCode)
                    .col(SurveyImport::Digest)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // One import per municipality and year: a second file for a year is refused by
        // this index even when two imports race.
        manager
            .create_table(
                Table::create()
                    .table(SurveyYear::Table)
                    .col(string_len(SurveyYear::MunicipalityCode, 4))
                    .col(integer(SurveyYear::Year))
                    .col(integer(SurveyYear::ImportId))
                    .col(big_integer(SurveyYear::Rows))
                    .primary_key(
                        Index::create()
                            .col(SurveyYear::MunicipalityCode)
                            .col(SurveyYear::Year),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyYear::Table, SurveyYear::ImportId)
                            .to(SurveyImport::Table, SurveyImport::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyChunk::Table)
                    .col(pk_auto(SurveyChunk::Id))
                    .col(integer(SurveyChunk::ImportId))
                    .col(integer(SurveyChunk::Seq))
                    .col(integer(SurveyChunk::Rows))
                    .col(blob(SurveyChunk::Data))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyChunk::Table, SurveyChunk::ImportId)
                            .to(SurveyImport::Table, SurveyImport::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("survey_chunk_import")
                    .table(SurveyChunk::Table)
                    .col(SurveyChunk::ImportId)
                    .col(SurveyChunk::Seq)
                    .unique()
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Promise {
    Table,
    OutcomeMeasure,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum SurveyCodebook {
    Table,
    MunicipalityCode,
    Document,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SurveyImport {
    Table,
    Id,
    MunicipalityCode,
    Digest,
    FileName,
    Rows,
    ItemCodes,
    Synthetic,
    ImportedAt,
    ImportedBy,
}

#[derive(DeriveIden)]
enum SurveyYear {
    Table,
    MunicipalityCode,
    Year,
    ImportId,
    Rows,
}

#[derive(DeriveIden)]
enum SurveyChunk {
    Table,
    Id,
    ImportId,
    Seq,
    Rows,
    Data,
}
