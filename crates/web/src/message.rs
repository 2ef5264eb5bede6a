//! A page of a heading, a few paragraphs, perhaps one button and some links: what a
//! link from an e-mail leads to (confirmed, spent, deleted).

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_i18n::Lang;

use crate::views::Chrome;

/// A page with a heading, a few paragraphs, perhaps one button and some links.
#[derive(Template, WebTemplate)]
#[template(path = "message.html")]
pub(crate) struct MessagePage {
    pub chrome: Chrome,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub action: Option<Action>,
    pub links: Vec<(String, String)>,
}

/// A form of one button.
pub(crate) struct Action {
    pub href: String,
    pub label: String,
    pub hidden: Vec<(String, String)>,
}

impl MessagePage {
    pub(crate) fn new(lang: Lang, path: &str, heading: String) -> MessagePage {
        MessagePage {
            chrome: Chrome::new(lang, path, heading.clone()),
            heading,
            paragraphs: Vec::new(),
            action: None,
            links: Vec::new(),
        }
    }

    pub(crate) fn says(mut self, paragraph: String) -> Self {
        self.paragraphs.push(paragraph);
        self
    }

    pub(crate) fn button(mut self, href: String, label: String) -> Self {
        self.action = Some(Action {
            href,
            label,
            hidden: Vec::new(),
        });
        self
    }

    pub(crate) fn link(mut self, label: String, href: String) -> Self {
        self.links.push((label, href));
        self
    }

    pub(crate) fn with_status(self, status: StatusCode) -> Response {
        (status, self).into_response()
    }
}
