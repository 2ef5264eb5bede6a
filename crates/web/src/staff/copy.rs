//! Starting next year's promise as a draft copy of this one (`…/kopiera`).

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::StoredPromise;
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::forms::PlaceOption;
use super::forms::{Field, SummaryItem};
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// Starts next year's promise as a draft copy of this one, linked to it.
/// "Börja 2022 års löfte som en kopia": which commitments to carry over, all ticked.
#[derive(Template, WebTemplate)]
#[template(path = "staff_copy.html")]
pub struct CopyPage {
    chrome: Chrome,
    heading: String,
    commitments: Field,
    options: Vec<PlaceOption>,
    summary: Vec<SummaryItem>,
    action: String,
    back: String,
}

fn copy_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    stored: &StoredPromise,
    next: lofte_domain::Year,
    ticked: Option<&[String]>,
) -> CopyPage {
    let heading = lang.t_args("staff-copy-next-year", &[("year", next.to_string())]);
    let action = format!("{base}/kopiera");
    let mut commitments = Field::new(lang, "commitments", "");
    let mut summary = Vec::new();
    if ticked.is_some_and(<[String]>::is_empty) {
        let message = lang.t("copy-none-chosen");
        commitments.error = Some(message.clone());
        summary.push(SummaryItem {
            field: "commitments".into(),
            message,
        });
    }
    CopyPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        options: stored
            .promise
            .commitments
            .iter()
            .zip(&stored.commitment_ids)
            .enumerate()
            .map(|(i, (c, id))| PlaceOption {
                slug: id.to_string(),
                name: format!("{}. {}", i + 1, c.text),
                checked: ticked.is_none_or(|t| t.iter().any(|x| x.trim() == id.to_string())),
            })
            .collect(),
        commitments,
        summary,
        action,
        back: base.to_owned(),
    }
}

pub async fn copy_page_get(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<CopyPage, PageError> {
    let next = stored
        .promise
        .years
        .last()
        .next()
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let base = super::promise_href(&tenant, &stored);
    Ok(copy_page(lang, &staff, &base, &stored, next, None))
}

#[derive(Deserialize, Default)]
pub struct CopyForm {
    /// Set by the copy page: then `commitments` lists the ones to carry over.
    #[serde(default)]
    chosen: Option<String>,
    #[serde(default)]
    commitments: Vec<String>,
}

pub async fn copy_to_next_year(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    axum_extra::extract::Form(form): axum_extra::extract::Form<CopyForm>,
) -> Result<Response, PageError> {
    let p = &stored.promise;
    let next = p
        .years
        .last()
        .next()
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let target = format!("/personal/kommun/{}/{next}", tenant.municipality().code);
    let mut draft = p
        .continue_into(next)
        .map_err(|_| PageError::NotFound { lang, detail: None })?;
    if form.chosen.is_some() {
        let keep: Vec<usize> = stored
            .commitment_ids
            .iter()
            .enumerate()
            .filter(|(_, id)| form.commitments.iter().any(|c| c.trim() == id.to_string()))
            .map(|(i, _)| i)
            .collect();
        if keep.is_empty() {
            let base = super::promise_href(&tenant, &stored);
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                copy_page(lang, &staff, &base, &stored, next, Some(&form.commitments)),
            )
                .into_response());
        }
        draft.commitments = keep.iter().map(|i| p.commitments[*i].clone()).collect();
    }
    match tenant.create_promise(staff.actor, &draft).await {
        // Already there (perhaps made by someone else a moment ago): show it.
        Ok(_) | Err(lofte_db::Error::Invalid(_)) => Ok(Redirect::to(&target).into_response()),
        Err(e) => Err(PageError::from(e)),
    }
}
