//! A page of a heading, a few paragraphs, perhaps a few buttons and some links: what a
//! link from an e-mail leads to (confirmed, spent, deleted, a question to answer).

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_i18n::Lang;

use crate::views::Chrome;

/// A page with a heading, a few paragraphs, perhaps a few buttons and some links.
#[derive(Template, WebTemplate)]
#[template(path = "message.html")]
pub(crate) struct MessagePage {
    pub chrome: Chrome,
    pub heading: String,
    pub paragraphs: Vec<String>,
    /// Each a form of one button; one alone is the page's primary action.
    pub actions: Vec<Action>,
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
            actions: Vec::new(),
            links: Vec::new(),
        }
    }

    pub(crate) fn says(mut self, paragraph: String) -> Self {
        self.paragraphs.push(paragraph);
        self
    }

    pub(crate) fn button(self, href: String, label: String) -> Self {
        self.button_sending(href, label, Vec::new())
    }

    /// A button that posts `hidden` (name, value) pairs.
    pub(crate) fn button_sending(
        mut self,
        href: String,
        label: String,
        hidden: Vec<(String, String)>,
    ) -> Self {
        self.actions.push(Action {
            href,
            label,
            hidden,
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
