//! Sign-in throttling that holds under concurrency, and less personal data kept.
//!
//! - `login_throttle`: sign-in attempts counted per key (a digest of the e-mail address
//!   typed and the client), reserved in one atomic statement *before* the password is
//!   checked. It replaces the per-account lock (`account.failed_logins`,
//!   `account.locked_until`), which was read before the slow hash check and counted with a
//!   read-then-write, so parallel attempts all got through; and which answered differently
//!   for existing and unknown e-mail addresses.
//! - `citizen_input.point_public`: a moderator confirmed that the marked point is a public
//!   place, so the public may see it exactly; otherwise the public sees it coarsened.
//! - Audit rows of residents' inputs no longer keep the input's text: the text a
//!   moderator edited out (a name, a phone number) lived on there, and the purge of
//!   unpublished inputs did not reach it. Existing rows lose their `text`, and their
//!   hiding `reason` (which may quote the input) becomes `reason_given`.

use sea_orm::{ConnectionTrait, FromQueryResult};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string(LoginThrottle::Key).primary_key())
                    .col(big_integer(LoginThrottle::WindowStart))
                    .col(integer(LoginThrottle::Attempts))
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite's ALTER TABLE changes one at a time.
        for column in [Account::FailedLogins, Account::LockedUntil] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(CitizenInput::Table)
                    .add_column(boolean(CitizenInput::PointPublic).default(false))
                    .to_owned(),
            )
            .await?;
        scrub_input_audit(manager).await
    }
}

#[derive(FromQueryResult)]
struct AuditRow {
    id: i32,
    before: Option<String>,
    after: Option<String>,
}

/// Removes `text` from the JSON of every audit row about a citizen input.
async fn scrub_input_audit(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let conn = manager.get_connection();
    let backend = conn.get_database_backend();
    let select = Query::select()
        .columns([AuditLog::Id, AuditLog::Before, AuditLog::After])
        .from(AuditLog::Table)
        .and_where(Expr::col(AuditLog::Entity).eq("citizen_input"))
        .to_owned();
    let rows = AuditRow::find_by_statement(backend.build(&select))
        .all(conn)
        .await?;
    for row in rows {
        let update = Query::update()
            .table(AuditLog::Table)
            .value(AuditLog::Before, without_text(row.before))
            .value(AuditLog::After, without_text(row.after))
            .and_where(Expr::col(AuditLog::Id).eq(row.id))
            .to_owned();
        conn.execute(&update).await?;
    }
    Ok(())
}

/// The JSON object without its `text` and `reason` (a hiding reason may quote the input);
/// anything that is not an object is dropped, since it cannot be told apart from a
/// resident's words.
fn without_text(json: Option<String>) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(&json?).ok()?;
    let serde_json::Value::Object(mut object) = value else {
        return None;
    };
    object.remove("text");
    if object.remove("reason").is_some() {
        object.insert("reason_given".into(), serde_json::Value::Bool(true));
    }
    Some(serde_json::Value::Object(object).to_string())
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    WindowStart,
    Attempts,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    FailedLogins,
    LockedUntil,
}

#[derive(DeriveIden)]
enum CitizenInput {
    Table,
    PointPublic,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    Entity,
    Before,
    After,
}

#[cfg(test)]
mod tests {
    use super::without_text;

    #[test]
    fn the_text_goes_and_the_rest_stays() {
        assert_eq!(
            without_text(Some(
                r#"{"status":"pending","text":"Anna 070-123 45 67"}"#.into()
            )),
            Some(r#"{"status":"pending"}"#.into())
        );
        assert_eq!(
            without_text(Some(r#"{"reason":"Kalles nummer 070-999"}"#.into())),
            Some(r#"{"reason_given":true}"#.into())
        );
        assert_eq!(without_text(Some("\"Anna\"".into())), None);
        assert_eq!(without_text(None), None);
    }
}
