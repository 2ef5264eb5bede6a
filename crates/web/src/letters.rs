//! The words of e-mail messages: each letter is written once as parts (paragraphs, a
//! list, a link) and made into plain text and HTML from those same parts, so the two
//! never say different things. Everything in the HTML is escaped by its template.

use std::sync::Arc;

use askama::Template;
use lofte_db::mail::Letter;
use lofte_i18n::Lang;
use lofte_mail::Mailer;

use crate::AppState;
use crate::error::PageError;

/// A message's parts in one language.
pub(crate) struct Parts {
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    /// The one thing to do: its words and address.
    pub link: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "mail_body.html")]
struct MailBody<'a> {
    paragraphs: &'a [String],
    items: &'a [String],
    link: &'a Option<(String, String)>,
}

/// The letter of `kind` in `lang` made from `parts`.
pub(crate) fn letter(kind: &str, lang: Lang, parts: Parts) -> Letter {
    let mut text = parts.paragraphs.join("\n\n");
    if !parts.items.is_empty() {
        text.push_str("\n\n");
        text.push_str(
            &parts
                .items
                .iter()
                .map(|i| format!("- {i}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if let Some((label, href)) = &parts.link {
        text.push_str(&format!("\n\n{label}:\n{href}"));
    }
    let body_html = MailBody {
        paragraphs: &parts.paragraphs,
        items: &parts.items,
        link: &parts.link,
    }
    .render()
    .expect("the mail template renders");
    Letter {
        kind: kind.to_owned(),
        lang: lang.tag().to_owned(),
        subject: parts.subject,
        body_text: text,
        body_html,
    }
}

/// The mailer, or a page saying that e-mail is not set up here.
pub(crate) fn mailer(state: &AppState, lang: Lang) -> Result<Arc<Mailer>, PageError> {
    state.mailer.clone().ok_or_else(|| PageError::Internal {
        lang,
        cause: "no mailer is configured".into(),
    })
}
