//! The e-mail Löfte sent, for administrators (`/personal/e-post`): what is waiting, what
//! went and what was given up on, newest first. A follower's address is not shown (it is
//! shown nowhere); a one-off receiver's is. Without a mail server the messages are files
//! under the data folder, and each can be read here, so the demo shows the whole flow.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Response};

use super::chrome;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// Messages shown in the log.
const SHOWN: u64 = 200;

pub struct MailRow {
    pub when: String,
    pub kind: String,
    pub subject: String,
    pub to: String,
    pub state: String,
    pub error: Option<String>,
    /// The message itself, when it was written to a file.
    pub href: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_mail.html")]
pub struct MailPage {
    chrome: Chrome,
    transport: String,
    waiting: String,
    rows: Vec<MailRow>,
}

fn only_admins(staff: &Staff, lang: lofte_i18n::Lang) -> Result<(), PageError> {
    if staff.principal.is_admin() {
        Ok(())
    } else {
        Err(PageError::Forbidden { lang })
    }
}

pub async fn log(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
) -> Result<MailPage, PageError> {
    only_admins(&staff, lang)?;
    let files = state
        .mailer
        .as_ref()
        .and_then(|m| m.files().map(|d| d.to_owned()));
    let time = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&chrono_tz::Europe::Stockholm)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let rows = state
        .db
        .mail_log(SHOWN)
        .await?
        .into_iter()
        .map(|m| {
            let written = files.as_ref().is_some_and(|dir| {
                m.sent_at.is_some() && dir.join(format!("{}.eml", m.id)).exists()
            });
            MailRow {
                when: time(m.created_at),
                kind: lang.t(match m.kind.as_str() {
                    "follow_confirm" => "mail-kind-follow-confirm",
                    "password_reset" => "mail-kind-password-reset",
                    "staff_reminder" => "mail-kind-reminder",
                    "digest" => "mail-kind-digest",
                    "input_question" => "mail-kind-question",
                    "routing" => "mail-kind-routing",
                    _ => "mail-kind-notice",
                }),
                subject: m.subject,
                to: m.to.unwrap_or_else(|| lang.t("mail-to-follower")),
                state: match (m.sent_at, m.failed_at) {
                    (Some(at), _) => lang.t_args("mail-state-sent", &[("time", time(at))]),
                    (None, Some(_)) => lang.t("mail-state-failed"),
                    (None, None) => lang.t_args(
                        "mail-state-waiting",
                        &[("attempts", m.attempts.to_string())],
                    ),
                },
                error: m.last_error,
                href: written.then(|| format!("/personal/e-post/{}", m.id)),
            }
        })
        .collect();
    let transport = match (&state.mailer, &files) {
        (None, _) => lang.t("mail-transport-none"),
        (Some(_), Some(dir)) => lang.t_args(
            "mail-transport-files",
            &[("dir", dir.display().to_string())],
        ),
        (Some(_), None) => lang.t("mail-transport-smtp"),
    };
    Ok(MailPage {
        chrome: chrome(lang, &staff, "/personal/e-post", lang.t("mail-log-title")),
        transport,
        waiting: lang.t_args(
            "mail-waiting",
            &[("count", state.db.mail_waiting().await?.to_string())],
        ),
        rows,
    })
}

/// One message as the file mailer wrote it (headers and body, as a mail server would
/// have received it).
pub async fn message(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(id): Path<i32>,
) -> Result<Response, PageError> {
    only_admins(&staff, lang)?;
    let not_found = || PageError::NotFound { lang, detail: None };
    let dir = state
        .mailer
        .as_ref()
        .and_then(|m| m.files().map(|d| d.to_owned()))
        .ok_or_else(not_found)?;
    let text = tokio::fs::read(dir.join(format!("{id}.eml")))
        .await
        .map_err(|_| not_found())?;
    // Plain text, never HTML: the message's HTML part is shown as its source.
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            ),
            (axum::http::header::CONTENT_SECURITY_POLICY, "sandbox"),
        ],
        text,
    )
        .into_response())
}
