//! E-mail: the durable outbox, residents who follow what matters to them, the notices
//! they are told of, and password-reset links.
//!
//! - `mail_content`: one message's words in one language (subject, plain text, HTML),
//!   written once however many receive it.
//! - `mail_outbox`: one row per message to one receiver, written in the same transaction
//!   as the change that causes it, and marked sent by the sender (`lofte_mail`). A
//!   follower's row points at the follower and is deleted with them; a one-off (a reset
//!   link) carries its address and is deleted a while after it was sent.
//! - `follower` and `follow`: an e-mail address and what it follows. A follow counts
//!   once confirmed (double opt-in); the address is used for nothing else.
//! - `notice`: what happened to a followed thing (a follow-up published, …), the source
//!   of the messages, the digests and the Atom feeds.
//! - `password_reset`: the digest of a reset link's secret, until used or expired.
//! - `installation_key`: secrets every instance shares, made on first use (the key that
//!   signs followers' links).

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
                "CREATE TABLE follower (
                   id {serial},
                   email TEXT NOT NULL UNIQUE,
                   lang VARCHAR(2) NOT NULL,
                   created_at {timestamp} NOT NULL,
                   bouncing_since {timestamp} NULL);
                 CREATE TABLE follow (
                   id {serial},
                   follower_id INTEGER NOT NULL REFERENCES follower (id) ON DELETE CASCADE,
                   municipality_code VARCHAR(4) NOT NULL REFERENCES municipality (code),
                   target VARCHAR(16) NOT NULL,
                   target_key TEXT NOT NULL,
                   frequency VARCHAR(16) NOT NULL,
                   created_at {timestamp} NOT NULL,
                   confirmed_at {timestamp} NULL,
                   digested_until {timestamp} NULL);
                 CREATE UNIQUE INDEX follow_key ON follow (follower_id, target, target_key);
                 CREATE INDEX follow_target ON follow (target, target_key, frequency);
                 CREATE TABLE notice (
                   id {serial},
                   municipality_code VARCHAR(4) NOT NULL REFERENCES municipality (code),
                   target VARCHAR(16) NOT NULL,
                   target_key TEXT NOT NULL,
                   kind VARCHAR(32) NOT NULL,
                   title_sv TEXT NOT NULL,
                   title_en TEXT NOT NULL,
                   summary_sv TEXT NOT NULL,
                   summary_en TEXT NOT NULL,
                   path TEXT NOT NULL,
                   created_at {timestamp} NOT NULL);
                 CREATE INDEX notice_target ON notice (target, target_key, created_at);
                 CREATE TABLE mail_content (
                   id {serial},
                   kind VARCHAR(32) NOT NULL,
                   lang VARCHAR(2) NOT NULL,
                   subject TEXT NOT NULL,
                   body_text TEXT NOT NULL,
                   body_html TEXT NOT NULL,
                   created_at {timestamp} NOT NULL);
                 CREATE TABLE mail_outbox (
                   id {serial},
                   content_id INTEGER NOT NULL REFERENCES mail_content (id) ON DELETE CASCADE,
                   follower_id INTEGER NULL REFERENCES follower (id) ON DELETE CASCADE,
                   to_address TEXT NULL,
                   created_at {timestamp} NOT NULL,
                   attempts INTEGER NOT NULL DEFAULT 0,
                   next_attempt_at {timestamp} NOT NULL,
                   claimed_until {timestamp} NULL,
                   sent_at {timestamp} NULL,
                   failed_at {timestamp} NULL,
                   last_error TEXT NULL);
                 CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) \
                   WHERE sent_at IS NULL AND failed_at IS NULL;
                 CREATE INDEX mail_outbox_content ON mail_outbox (content_id);
                 CREATE INDEX mail_outbox_follower ON mail_outbox (follower_id) WHERE follower_id IS NOT NULL;
                 CREATE TABLE password_reset (
                   digest VARCHAR(64) PRIMARY KEY,
                   account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                   expires_at {timestamp} NOT NULL);
                 CREATE INDEX password_reset_account ON password_reset (account_id);
                 CREATE TABLE installation_key (
                   name VARCHAR(32) PRIMARY KEY,
                   secret VARCHAR(64) NOT NULL);"
            ))
            .await?;
        Ok(())
    }
}
