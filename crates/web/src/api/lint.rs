//! `POST /api/v1/lint`: hints for writing commitments that can be followed up, on a
//! promise in the exchange format, before it is stored. Public: it reads only the
//! document, the municipality's place names and which activity types are logged there.

use axum::Json;
use axum::extract::State;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;
use lofte_domain::exchange::PromiseDocument;

use super::common::*;

/// One hint. Hints never stop a promise from being stored.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct HintJson {
    /// The part of the document: `commitments[2]` or `outcome_goal`.
    path: String,
    /// `vague-verb`, `no-number`, `no-place`, `no-time`, `no-responsible`,
    /// `no-data-source`, `outcome-without-indicator` or `unlogged-type`.
    code: &'static str,
    /// What was found: the vague words, the activity type.
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    /// The hint, in the request's language.
    message: String,
    /// What to do about it.
    suggestion: String,
}

/// The hints of a document, commitments in order, the outcome goal last.
#[derive(Debug, serde::Serialize, ToSchema)]
pub struct LintJson {
    hints: Vec<HintJson>,
}

/// Hints for a promise document (the same JSON as `POST …/promises`), following Brå's
/// guidance on goals: vague verbs, no number, place, time, responsible party or data
/// source, an outcome goal without an indicator, a target whose activity type no one has
/// logged in a year (for a municipality this installation follows). A document that is
/// not a valid promise gets its errors, as on import.
#[utoipa::path(
    post, path = "/api/v1/lint", tag = "municipalities",
    request_body(content = PromiseDocument, content_type = "application/json"),
    responses(
        (status = 200, body = LintJson, description = "The hints; none is a refusal"),
        (status = 422, body = ApiErrorBody, description = "The document has errors")
    )
)]
pub(super) async fn lint(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    body: axum::body::Bytes,
) -> Result<Json<LintJson>, ApiError> {
    let body = utf8(lang, &body)?;
    let promise = lofte_domain::exchange::parse_promise_json(body)
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let context = match state.db.tenant(&promise.municipality).await? {
        Some(tenant) => {
            let places = state.db.places(&promise.municipality).await?;
            lofte_app::hints::context(&tenant, &places, lofte_app::progress::today()).await?
        }
        None => lofte_domain::lint::LintContext::default(),
    };
    let hints = lofte_domain::lint::lint_promise(&promise, &context)
        .into_iter()
        .map(|h| {
            let (message, suggestion) = lofte_app::hints::words(lang, h.code, h.value.as_deref());
            HintJson {
                path: h.path,
                code: h.code.code(),
                value: h.value,
                message,
                suggestion,
            }
        })
        .collect();
    Ok(Json(LintJson { hints }))
}
