//! The promise's workflow (draft → signed → published → closed) with a confirmation for
//! the steps that cannot be undone, the staff preview of the public page, and the page
//! shown when a save lost to someone else's.

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_domain::{Problem, PromiseStatus};
use serde::Deserialize;

use super::chrome;
use super::conflict::conflict_page;
use super::promise_form::{PromiseForm, promise_edit_page, survey_indicators};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    to: String,
    /// Set by the confirmation page for a step that cannot be undone.
    #[serde(default)]
    confirm: Option<String>,
}

/// "Avsluta året?": a step that cannot be undone is asked about once more, on a page of
/// its own (no script needed).
#[derive(Template, WebTemplate)]
#[template(path = "staff_confirm.html")]
pub struct ConfirmPage {
    chrome: Chrome,
    heading: String,
    body: String,
    /// The page as residents will see it, for a step that makes it public.
    preview_href: Option<String>,
    yes: String,
    action: String,
    back: String,
    version: String,
    to: String,
}

pub async fn set_status(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    let base = super::promise_href(&tenant, &stored);
    let Ok(to) = PromiseStatus::parse(&form.to) else {
        return Ok(Redirect::to(&base).into_response());
    };
    if to == PromiseStatus::Closed && form.confirm.is_none() {
        let heading = lang.t("confirm-close-title");
        return Ok(ConfirmPage {
            chrome: chrome(lang, &staff, &format!("{base}/status"), heading.clone()),
            heading,
            body: lang.t_args(
                "confirm-close-body",
                &[("title", stored.promise.title.to_string())],
            ),
            yes: lang.t("confirm-close-yes"),
            preview_href: None,
            action: format!("{base}/status"),
            back: base,
            version: form.version,
            to: form.to,
        }
        .into_response());
    }
    // Publishing is asked about once more too, with the page as residents will see it.
    if to == PromiseStatus::Published && form.confirm.is_none() {
        let heading = lang.t("confirm-publish-title");
        return Ok(ConfirmPage {
            chrome: chrome(lang, &staff, &format!("{base}/status"), heading.clone()),
            heading,
            body: lang.t_args(
                "confirm-publish-body",
                &[("title", stored.promise.title.to_string())],
            ),
            yes: lang.t("confirm-publish-yes"),
            preview_href: Some(format!("{base}/forhandsvisning")),
            action: format!("{base}/status"),
            back: base,
            version: form.version,
            to: form.to,
        }
        .into_response());
    }
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    match tenant.set_status(staff.actor, stored.id, version, to).await {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => Ok(conflict_page(
            lang,
            &staff,
            &base,
            vec![lang.name(&to)],
            vec![lang.name(&conflict.current.status)],
            conflict.current_version,
        )),
        // Not signable yet: the form where the date and the signatories are filled in,
        // saying so on both fields.
        Err(lofte_db::Error::Invalid(errors))
            if errors.iter().any(|e| e.problem == Problem::NeededToSign) =>
        {
            let heading = lang.t_args(
                "edit-promise-title",
                &[("title", stored.promise.title.to_string())],
            );
            let form = PromiseForm::from_promise(&stored.promise, stored.version);
            let indicators = survey_indicators(&tenant).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                promise_edit_page(lang, &staff, &base, heading, &form, &errors, &indicators),
            )
                .into_response())
        }
        // A step the workflow does not allow from here: show the page as it is.
        Err(lofte_db::Error::Invalid(_)) => Ok(Redirect::to(&base).into_response()),
        Err(e) => Err(PageError::from(e)),
    }
}

/// The promise as residents will see it once published, whatever its status now.
pub async fn preview(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<crate::pages::PromisePage, PageError> {
    let base = super::promise_href(&tenant, &stored);
    let year = stored.promise.years.first();
    let mut page =
        crate::pages::promise_page(&state, lang, &tenant, Some(stored), Some(year)).await?;
    if let Some(u) = &staff.user {
        page.chrome = page.chrome.signed_in(&u.name);
    }
    page.preview = Some((lang.t("promise-preview-note"), base));
    page.follow = None;
    Ok(page)
}
