//! The situation picture's index covers what the picture reads: one municipality's
//! reports of a period by category, hour, place or point and whether they are demo data.
//! The picture then reads the index alone, in order, instead of one table page per
//! report: a municipality's reports lie scattered among every other municipality's
//! (bench/notes/situation-national.md: 265 ms for one municipality-year among ten
//! million reports with the narrow index).
//!
//! A partner's own reports are found by `incident_organisation`, which now holds only
//! the reports made for an organisation: a file's reports have none, so a large import
//! adds nothing to it (bench/notes/incident-import.md).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One batch of plain SQL, the same on both backends, so that both statements run
        // on one pooled connection: run apart, the creation could land on a connection
        // whose cached schema still held the old index ("already exists").
        manager
            .get_connection()
            .execute_unprepared(
                "DROP INDEX incident_picture; \
                 CREATE INDEX incident_picture ON incident (municipality_code, local_day, \
                 category, local_hour, synthetic, place_slug, lat, lon); \
                 DROP INDEX incident_organisation; \
                 CREATE INDEX incident_organisation ON incident (organisation_id, local_day) \
                 WHERE organisation_id IS NOT NULL",
            )
            .await?;
        Ok(())
    }
}
