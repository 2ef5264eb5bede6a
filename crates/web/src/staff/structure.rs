//! Changing a promise's structure from the staff area: removing a commitment (asking
//! what becomes of what links to it), moving one up or down among its party's, and
//! deleting a draft. Each step that cannot be undone has a page of its own that says
//! what will happen, so no script is needed.

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::{CommitmentLinks, Direction, LinkChoice, Refused, StoredPromise};
use lofte_domain::PromiseStatus;
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::forms::Choice;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "staff_remove_commitment.html")]
pub struct RemovePage {
    chrome: Chrome,
    heading: String,
    text: String,
    /// What links to it, in words; empty when nothing does.
    links: Vec<String>,
    /// Why it cannot be removed, if it cannot.
    blocked: Option<String>,
    /// Other commitments to move the links to.
    others: Vec<Choice>,
    /// The problem with the last attempt (no choice made about the links).
    error: Option<String>,
    action: String,
    back: String,
    version: i32,
}

fn links_in_words(lang: Lang, links: &CommitmentLinks) -> Vec<String> {
    [
        ("remove-links-inputs", links.inputs),
        ("remove-links-findings", links.findings),
        ("remove-links-draft-entries", links.draft_entries),
        ("remove-links-published-entries", links.published_entries),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| lang.t_args(key, &[("count", n.to_string())]))
    .collect()
}

fn position(stored: &StoredPromise, id: &str) -> Option<(i32, usize)> {
    let id: i32 = id.parse().ok()?;
    Some((id, stored.commitment_ids.iter().position(|c| *c == id)?))
}

#[allow(clippy::too_many_arguments)]
fn remove_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    stored: &StoredPromise,
    id: i32,
    index: usize,
    links: &CommitmentLinks,
    error: Option<String>,
) -> RemovePage {
    let heading = lang.t("remove-commitment-title");
    let action = format!("{base}/atagande/{id}/ta-bort");
    let number = |i: usize| (i + 1).to_string();
    RemovePage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        text: stored.promise.commitments[index].text.to_string(),
        links: links_in_words(lang, links),
        blocked: (links.published_entries > 0).then(|| lang.t("remove-blocked-published")),
        others: stored
            .promise
            .commitments
            .iter()
            .zip(&stored.commitment_ids)
            .enumerate()
            .filter(|(_, (_, other))| **other != id)
            .map(|(i, (c, other))| Choice {
                value: other.to_string(),
                label: lang.t_args(
                    "remove-move-option",
                    &[
                        ("number", number(i)),
                        ("text", c.text.as_str().chars().take(80).collect()),
                    ],
                ),
                selected: false,
            })
            .collect(),
        error,
        action,
        back: base.to_owned(),
        version: stored.version,
    }
}

pub async fn remove_commitment_page(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((_, _, id)): Path<(String, String, String)>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<RemovePage, PageError> {
    let (id, index) = position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let links = tenant.commitment_links(stored.id, id).await?;
    let base = super::promise_href(&tenant, &stored);
    Ok(remove_page(
        lang, &staff, &base, &stored, id, index, &links, None,
    ))
}

#[derive(Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    version: String,
    /// "move" or "drop" once the page has shown what links to the commitment.
    #[serde(default)]
    links: String,
    #[serde(default)]
    move_to: String,
}

pub async fn remove_commitment(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((_, _, id)): Path<(String, String, String)>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    Form(form): Form<RemoveForm>,
) -> Result<Response, PageError> {
    let (id, index) = position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let base = super::promise_href(&tenant, &stored);
    let choice = match form.links.as_str() {
        "move" => match form.move_to.trim().parse() {
            Ok(other) => LinkChoice::MoveTo(other),
            Err(_) => LinkChoice::Refuse,
        },
        "drop" => LinkChoice::Drop,
        _ => LinkChoice::Refuse,
    };
    let version = form.version.trim().parse().unwrap_or(0);
    let again = |links: &CommitmentLinks, error: Option<String>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            remove_page(lang, &staff, &base, &stored, id, index, links, error),
        )
            .into_response()
    };
    match tenant
        .remove_commitment(staff.actor, stored.id, id, version, choice)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(Refused::Linked(links))) => Ok(again(&links, Some(lang.t("remove-choose-links")))),
        Ok(Err(Refused::Reported(links))) => Ok(again(&links, None)),
        Ok(Err(Refused::Conflict(_))) => Ok(again(
            &CommitmentLinks::default(),
            Some(lang.problem(&lofte_domain::Problem::StaleVersion)),
        )),
        Err(lofte_db::Error::Invalid(errors)) => Ok(again(
            &CommitmentLinks::default(),
            errors.first().map(|e| lang.problem(&e.problem)),
        )),
        Err(lofte_db::Error::NotFound) => Err(PageError::NotFound { lang, detail: None }),
        Err(e) => Err(PageError::from(e)),
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    direction: String,
}

pub async fn move_commitment(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((_, _, id)): Path<(String, String, String)>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    Form(form): Form<MoveForm>,
) -> Result<Response, PageError> {
    let (id, _) = position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let base = super::promise_href(&tenant, &stored);
    let direction = match form.direction.as_str() {
        "up" => Direction::Up,
        "down" => Direction::Down,
        _ => return Ok(Redirect::to(&base).into_response()),
    };
    let version = form.version.trim().parse().unwrap_or(0);
    match tenant
        .move_commitment(staff.actor, stored.id, id, version, direction)
        .await
    {
        // Back to the commitment, so that the next move is one key away.
        Ok(Ok(_)) => Ok(Redirect::to(&format!("{base}#atagande-{id}")).into_response()),
        // Someone saved in between: the page as it is now, to move from there.
        Ok(Err(_)) => Ok(Redirect::to(&base).into_response()),
        Err(lofte_db::Error::NotFound) => Err(PageError::NotFound { lang, detail: None }),
        Err(e) => Err(PageError::from(e)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_delete_promise.html")]
pub struct DeletePage {
    chrome: Chrome,
    heading: String,
    body: String,
    error: Option<String>,
    action: String,
    back: String,
    version: i32,
}

fn delete_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    stored: &StoredPromise,
    error: Option<String>,
) -> DeletePage {
    let heading = lang.t("delete-draft-title");
    let action = format!("{base}/ta-bort");
    DeletePage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        body: lang.t_args(
            "delete-draft-body",
            &[
                ("title", stored.promise.title.to_string()),
                ("count", stored.promise.commitments.len().to_string()),
            ],
        ),
        error,
        action,
        back: base.to_owned(),
        version: stored.version,
    }
}

pub async fn delete_draft_page(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<Response, PageError> {
    let base = super::promise_href(&tenant, &stored);
    if stored.promise.status != PromiseStatus::Draft {
        return Ok(Redirect::to(&base).into_response());
    }
    Ok(delete_page(lang, &staff, &base, &stored, None).into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    version: String,
}

pub async fn delete_draft(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    Form(form): Form<DeleteForm>,
) -> Result<Response, PageError> {
    let base = super::promise_href(&tenant, &stored);
    let version = form.version.trim().parse().unwrap_or(0);
    match tenant.delete_draft(staff.actor, stored.id, version).await {
        Ok(Ok(())) => Ok(Redirect::to("/personal").into_response()),
        Ok(Err(_)) => Ok((
            StatusCode::CONFLICT,
            delete_page(
                lang,
                &staff,
                &base,
                &stored,
                Some(lang.problem(&lofte_domain::Problem::StaleVersion)),
            ),
        )
            .into_response()),
        // No longer a draft: the promise page says what it is now.
        Err(lofte_db::Error::Invalid(_)) => Ok(Redirect::to(&base).into_response()),
        Err(e) => Err(PageError::from(e)),
    }
}
