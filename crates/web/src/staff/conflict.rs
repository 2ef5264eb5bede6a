//! The page shown when a save lost to someone else's: what one wrote beside what is
//! stored now, and a link to start again from it.

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_i18n::Lang;

use super::chrome;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "staff_conflict.html")]
pub struct ConflictPage {
    chrome: Chrome,
    mine: Vec<String>,
    theirs: Vec<String>,
    theirs_heading: String,
    reload: String,
}

pub(super) fn conflict_page(
    lang: Lang,
    staff: &Staff,
    reload: &str,
    mine: Vec<String>,
    theirs: Vec<String>,
    current_version: i32,
) -> Response {
    let page = ConflictPage {
        chrome: chrome(lang, staff, reload, lang.t("conflict-title")),
        mine,
        theirs,
        theirs_heading: lang.t_args(
            "conflict-theirs",
            &[("version", current_version.to_string())],
        ),
        reload: reload.to_owned(),
    };
    (StatusCode::CONFLICT, page).into_response()
}
