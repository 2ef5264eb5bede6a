//! A follow-up report previewed exactly as residents will see it, and published from
//! the preview: what was previewed is what is published.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

use super::follow_up::*;

#[derive(Template, WebTemplate)]
#[template(path = "staff_follow_up_preview.html")]
pub struct PreviewPage {
    chrome: Chrome,
    form_href: String,
    action: String,
    version: i32,
    report: lofte_report::Report,
    sections: Vec<crate::report::SectionView>,
    /// No downloads in a preview: the PDF exists once published.
    downloads: Vec<(String, String, &'static str)>,
}

/// The saved draft, exactly as residents will see it once published (with today's
/// figures, which publishing freezes), and the button that publishes it.
pub async fn preview(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let c = context(&state, lang, &code, &year, &period).await?;
    let form_href = report_href(&c);
    let draft = c.tenant.follow_up(c.stored.id, c.year, c.period).await?;
    // Nothing to preview (not saved yet, or already published): back to the form.
    let Some(mut draft) = draft.filter(|r| r.published_at.is_none()) else {
        return Ok(Redirect::to(&form_href).into_response());
    };
    let version = draft.version;
    draft.published_at = Some(chrono::Utc::now());
    for entry in &mut draft.entries {
        let index = c
            .stored
            .commitment_ids
            .iter()
            .position(|id| *id == entry.commitment_id);
        entry.figures = c
            .figures
            .iter()
            .find(|f| Some(f.commitment) == index)
            .map(Into::into);
        entry.indicator = c
            .measured
            .iter()
            .find(|(m, _)| Some(*m) == index)
            .map(|(_, frozen)| frozen.clone());
    }
    let report = lofte_app::report::report_of(
        &state.db,
        &c.tenant,
        &c.stored,
        &draft,
        lang,
        state.survey_rules,
    )
    .await
    .map_err(|e| match e {
        lofte_app::report::Unavailable::Db(e) => PageError::from(e),
        _ => PageError::NotFound { lang, detail: None },
    })?;
    let title = lang.t_args(
        "follow-up-preview-title",
        &[("report", report.title.clone())],
    );
    let mut chrome = Chrome::new(lang, &format!("{form_href}/forhandsvisning"), title);
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    Ok(PreviewPage {
        chrome,
        action: format!("{form_href}/forhandsvisning"),
        form_href,
        version,
        sections: crate::report::section_views(&report),
        report,
        downloads: Vec::new(),
    }
    .into_response())
}

#[derive(serde::Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    version: i32,
}

/// Publishes the draft that was previewed, as saved: checked again, its figures frozen
/// now. Someone else's save in between is refused (the version).
pub async fn publish_previewed(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    Form(form): Form<PublishForm>,
) -> Result<Response, PageError> {
    let c = context(&state, lang, &code, &year, &period).await?;
    let draft = c.tenant.follow_up(c.stored.id, c.year, c.period).await?;
    let Some(draft) = draft.filter(|r| r.published_at.is_none()) else {
        return Ok(Redirect::to(&report_href(&c)).into_response());
    };
    let inputs = inputs_of(&c, &draft);
    let learned = draft.learned.clone().unwrap_or_default();
    store(
        lang,
        &staff,
        &c,
        &inputs,
        &learned,
        form.version,
        Step::Publish,
    )
    .await
}
