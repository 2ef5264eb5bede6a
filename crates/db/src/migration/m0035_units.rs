//! The units of a municipality (and its partners) that residents' inputs are routed to:
//! a name residents see on the input's page, and the shared mailbox the unit is told
//! at, if it has one. A functional address, not a person's.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let (serial, timestamp) = match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => ("SERIAL PRIMARY KEY", "TIMESTAMPTZ"),
            _ => (
                "INTEGER PRIMARY KEY AUTOINCREMENT",
                "timestamp_with_timezone_text",
            ),
        };
        // One batch on one pooled connection (see m0030).
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE TABLE unit (
                   id {serial},
                   municipality_code VARCHAR(4) NOT NULL REFERENCES municipality (code),
                   name TEXT NOT NULL,
                   email TEXT NULL,
                   created_at {timestamp} NOT NULL);
                 CREATE UNIQUE INDEX unit_name ON unit (municipality_code, name);"
            ))
            .await?;
        Ok(())
    }
}
