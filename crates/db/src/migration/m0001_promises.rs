use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LocalPoliceArea::Table)
                    .col(pk_auto(LocalPoliceArea::Id))
                    .col(string_uniq(LocalPoliceArea::Name))
                    .col(string(LocalPoliceArea::PoliceArea))
                    .col(string(LocalPoliceArea::Region))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Municipality::Table)
                    .col(string_len(Municipality::Code, 4).primary_key())
                    .col(string(Municipality::Name))
                    .col(string(Municipality::OfficialName))
                    .col(string(Municipality::County))
                    .col(integer_null(Municipality::LocalPoliceAreaId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Municipality::Table, Municipality::LocalPoliceAreaId)
                            .to(LocalPoliceArea::Table, LocalPoliceArea::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Place::Table)
                    .col(pk_auto(Place::Id))
                    .col(string_len(Place::MunicipalityCode, 4))
                    .col(string(Place::Slug))
                    .col(string(Place::Name))
                    .col(string(Place::Kind))
                    .col(double(Place::Lat))
                    .col(double(Place::Lon))
                    .col(boolean(Place::Outlying))
                    .col(string_null(Place::WithinSlug))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Place::Table, Place::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("place_municipality_slug")
                    .table(Place::Table)
                    .col(Place::MunicipalityCode)
                    .col(Place::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Promise::Table)
                    .col(pk_auto(Promise::Id))
                    .col(string_len(Promise::MunicipalityCode, 4))
                    .col(integer(Promise::FirstYear))
                    .col(integer(Promise::LastYear))
                    .col(string(Promise::Title))
                    .col(text(Promise::Aim))
                    .col(text(Promise::FocusAreas))
                    .col(text_null(Promise::FocusText))
                    .col(text(Promise::OutcomeGoal))
                    .col(integer(Promise::OutcomeMeasuredIn))
                    .col(string(Promise::FollowUpInternal))
                    .col(integer(Promise::FinalReportYear))
                    .col(integer(Promise::FinalReportQuarter))
                    .col(string(Promise::Status))
                    .col(date_null(Promise::SignedOn))
                    .col(text(Promise::Signatories))
                    .col(integer_null(Promise::ContinuesYear))
                    .col(integer(Promise::Version))
                    .col(timestamp_with_time_zone(Promise::CreatedAt))
                    .col(timestamp_with_time_zone(Promise::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Promise::Table, Promise::MunicipalityCode)
                            .to(Municipality::Table, Municipality::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // One promise per municipality and starting year; overlapping spans are refused
        // by the repository inside the same transaction.
        manager
            .create_index(
                Index::create()
                    .name("promise_municipality_first_year")
                    .table(Promise::Table)
                    .col(Promise::MunicipalityCode)
                    .col(Promise::FirstYear)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Commitment::Table)
                    .col(pk_auto(Commitment::Id))
                    .col(integer(Commitment::PromiseId))
                    .col(integer(Commitment::Position))
                    .col(string(Commitment::Party))
                    .col(text(Commitment::Text))
                    .col(string(Commitment::Kind))
                    .col(text_null(Commitment::Target))
                    .col(string_null(Commitment::LocalPlan))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Commitment::Table, Commitment::PromiseId)
                            .to(Promise::Table, Promise::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("commitment_promise_position")
                    .table(Commitment::Table)
                    .col(Commitment::PromiseId)
                    .col(Commitment::Position)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Commitment::Table.into_iden(),
            Promise::Table.into_iden(),
            Place::Table.into_iden(),
            Municipality::Table.into_iden(),
            LocalPoliceArea::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum LocalPoliceArea {
    Table,
    Id,
    Name,
    PoliceArea,
    Region,
}

#[derive(DeriveIden)]
enum Municipality {
    Table,
    Code,
    Name,
    OfficialName,
    County,
    LocalPoliceAreaId,
}

#[derive(DeriveIden)]
enum Place {
    Table,
    Id,
    MunicipalityCode,
    Slug,
    Name,
    Kind,
    Lat,
    Lon,
    Outlying,
    WithinSlug,
}

#[derive(DeriveIden)]
enum Promise {
    Table,
    Id,
    MunicipalityCode,
    FirstYear,
    LastYear,
    Title,
    Aim,
    FocusAreas,
    FocusText,
    OutcomeGoal,
    OutcomeMeasuredIn,
    FollowUpInternal,
    FinalReportYear,
    FinalReportQuarter,
    Status,
    SignedOn,
    Signatories,
    ContinuesYear,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Commitment {
    Table,
    Id,
    PromiseId,
    Position,
    Party,
    Text,
    Kind,
    Target,
    LocalPlan,
}
