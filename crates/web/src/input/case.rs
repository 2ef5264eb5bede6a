//! One input's own public page (`/kommun/{code}/synpunkter/{id}`): its reference,
//! what the resident wrote (as published), staff's reply, the unit responsible, the
//! action it became and the resident's own answer to "Blev det gjort?". A withdrawn
//! input shows only that it was withdrawn and why; one never published is not found.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use lofte_domain::citizen::InputStatus;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::views::Chrome;

use super::common::*;

#[derive(Template, WebTemplate)]
#[template(path = "input_case.html")]
pub struct CasePage {
    chrome: Chrome,
    reference: String,
    category: String,
    place: String,
    received: String,
    text: String,
    /// Set when the input was withdrawn: why.
    withdrawn: Option<String>,
    lines: CaseLines,
    list_href: String,
}

pub(super) async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, id)): Path<(String, i32)>,
) -> Result<CasePage, PageError> {
    let (tenant, places) = tenant_and_places(&state, lang, &code).await?;
    let not_found = || PageError::NotFound { lang, detail: None };
    let input = match tenant.input(id).await {
        Ok(i) if matches!(i.status, InputStatus::Published | InputStatus::Withdrawn) => i,
        Ok(_) | Err(lofte_db::Error::NotFound) => return Err(not_found()),
        Err(e) => return Err(e.into()),
    };
    let m = tenant.municipality();
    let base = format!("/kommun/{}", m.code);
    let reference = reference(m.code.as_str(), input.id);
    let withdrawn = (input.status == InputStatus::Withdrawn)
        .then(|| input.case.withdrawn_reason.clone().unwrap_or_default());
    let shown = withdrawn.is_none();
    Ok(CasePage {
        chrome: Chrome::new(
            lang,
            &format!("{base}/synpunkter/{id}"),
            lang.t_args("input-case-title", &[("reference", reference.clone())]),
        ),
        category: category_name(lang, input.category),
        place: if shown {
            input_place(&places, &input)
        } else {
            String::new()
        },
        received: input
            .received_at
            .with_timezone(&chrono_tz::Europe::Stockholm)
            .format("%Y-%m")
            .to_string(),
        text: if shown {
            input.text.clone()
        } else {
            String::new()
        },
        lines: CaseLines::new(lang, &input),
        withdrawn,
        reference,
        list_href: format!("{base}/synpunkter"),
    })
}
