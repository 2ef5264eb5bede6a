//! The one-off mail sent to an address lately is counted on every request to follow
//! (`Db::request_follow`'s daily cap) and before each staff reminder
//! (`Db::queue_reminder`): an index on the address and the time keeps that from reading
//! the whole outbox, which holds thirty days of mail.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX mail_outbox_address ON mail_outbox (to_address, created_at) \
                 WHERE to_address IS NOT NULL",
            )
            .await?;
        Ok(())
    }
}
