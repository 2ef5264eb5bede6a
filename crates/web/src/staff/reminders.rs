//! Staff reminders: once a week, each person who works in a municipality gets one
//! message with everything that is theirs there and due or late (the dashboard's list,
//! `due::due_items`: follow-ups whose period has ended, inputs waiting for moderation,
//! findings past their date, walks to repeat). Nothing due, no message. What was sent is
//! in the administrators' mail log (`/personal/e-post`), with its receiver.
//!
//! Administrators and others who act everywhere get none: they run the installation,
//! and a list of 290 municipalities' work is no reminder. Anyone may turn theirs off on
//! their account page; each reminder says where.

use chrono::{DateTime, Utc};
use lofte_db::{Actor, Db};
use lofte_i18n::Lang;
use lofte_mail::Mailer;

use crate::letters::{Parts, letter};
use crate::policy::Staff;

/// How often a person is reminded.
pub const EVERY: chrono::Duration = chrono::Duration::days(7);

/// Queues the reminders due at `now`; returns how many were queued.
pub async fn queue_reminders(
    db: &Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> lofte_db::Result<usize> {
    let lang = Lang::Sv;
    let today = now
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive();
    let mut queued = 0;
    for summary in db.accounts().await? {
        let account = summary.account;
        if account.disabled || !account.weekly_reminder {
            continue;
        }
        let principal = db.principal(account.id).await?;
        let Some(codes) = principal.municipalities() else {
            continue;
        };
        let staff = Staff {
            user: None,
            actor: Actor::Account(account.id),
            principal,
        };
        let mut items = Vec::new();
        for code in codes {
            let Some(tenant) = db.tenant(&code).await? else {
                continue;
            };
            for item in super::due::due_items(lang, &staff, &tenant, today).await? {
                let late = if item.late {
                    format!("{}: ", lang.t("due-late"))
                } else {
                    String::new()
                };
                items.push((
                    item.late,
                    format!("{late}{} – {}{}", item.text, mailer.public_url(), item.href),
                ));
            }
        }
        if items.is_empty() {
            continue;
        }
        // Late first, as on the dashboard.
        items.sort_by_key(|(late, _)| !*late);
        let reminder = letter(
            "staff_reminder",
            lang,
            Parts {
                subject: lang.t_args("reminder-subject", &[("count", items.len().to_string())]),
                paragraphs: vec![
                    lang.t_args("reminder-intro", &[("name", account.display_name.clone())]),
                    lang.t_args(
                        "reminder-turn-off",
                        &[("address", format!("{}/personal/konto", mailer.public_url()))],
                    ),
                ],
                items: items.into_iter().map(|(_, line)| line).collect(),
                link: Some((
                    lang.t("reminder-dashboard"),
                    format!("{}/personal", mailer.public_url()),
                )),
            },
        );
        if db
            .queue_reminder(account.email.as_str(), &reminder, now, EVERY)
            .await?
        {
            queued += 1;
        }
    }
    if queued > 0 {
        mailer.wake();
    }
    Ok(queued)
}
