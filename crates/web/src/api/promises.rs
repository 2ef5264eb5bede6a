//! Promises in the exchange format: read, created and replaced.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use lofte_domain::exchange::PromiseDocument;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;
use crate::policy::Staff;

use super::common::*;

/// Stores a new promise for the municipality from a document in the exchange format.
/// All or nothing: every problem is listed with its field path, and a promise for a year
/// the municipality already has is a conflict that leaves the existing one untouched.
#[utoipa::path(
    post, path = "/api/v1/municipalities/{code}/promises", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    request_body(content = PromiseDocument, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 201, body = PromiseDocument, description = "Stored"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token does not reach this municipality or may not edit promises"),
        (status = 409, body = ApiErrorBody, description = "A promise for these years exists"),
        (status = 422, body = ApiErrorBody, description = "The document has errors")
    )
)]
pub(super) async fn create_promise(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<
    (
        axum::http::StatusCode,
        [(axum::http::HeaderName, String); 2],
        Json<PromiseDocument>,
    ),
    ApiError,
> {
    let tenant = tenant(&state, lang, &code).await?;
    let body = utf8(lang, &body)?;
    let promise = lofte_domain::exchange::parse_promise_json(body)
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let stored = tenant.create_promise(staff.actor, &promise).await?;
    let location = format!(
        "/api/v1/municipalities/{}/promises/{}",
        tenant.municipality().code,
        stored.promise.years.first()
    );
    Ok((
        axum::http::StatusCode::CREATED,
        [
            (axum::http::header::LOCATION, location),
            (axum::http::header::ETAG, version_tag(stored.version)),
        ],
        Json(PromiseDocument::from(&stored.promise)),
    ))
}

/// A promise's version as an entity tag: what `If-Match` sends back to replace it.
pub(super) fn version_tag(version: i32) -> String {
    format!("\"{version}\"")
}

/// Replaces a draft with an edited document of the same years, if `If-Match` names the
/// version it was edited from (the `ETag` of the response that created or last replaced
/// it). Commitments are matched by position, so what links to the first ones keeps its
/// link. Signed and public promises are never replaced: edit them in the staff area.
#[utoipa::path(
    put, path = "/api/v1/municipalities/{code}/promises/{year}", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "The draft's first year, e.g. 2022"),
        ("If-Match" = String, Header, description = "The version edited from, e.g. \"3\"")
    ),
    request_body(content = PromiseDocument, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 200, body = PromiseDocument, description = "Replaced; the new version is in ETag"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token does not reach this municipality or may not edit promises"),
        (status = 404, body = ApiErrorBody, description = "No promise for that year"),
        (status = 409, body = ApiErrorBody, description = "Someone saved another version in between"),
        (status = 422, body = ApiErrorBody, description = "The document has errors, If-Match is missing, or the promise is not a draft")
    )
)]
pub(super) async fn replace_promise(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<([(axum::http::HeaderName, String); 1], Json<PromiseDocument>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let year: lofte_domain::Year = year.parse().map_err(|_| ApiError::NotFound(lang))?;
    let stored = tenant
        .promise_for_year(year, lofte_db::Visibility::All)
        .await?
        .filter(|s| s.promise.years.first() == year)
        .ok_or(ApiError::NotFound(lang))?;
    let version = headers
        .get(axum::http::header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.trim()
                .trim_start_matches("W/")
                .trim_matches('"')
                .parse::<i32>()
                .ok()
        })
        .ok_or_else(|| {
            ApiError::Invalid(
                lang,
                vec![lofte_domain::FieldError::new(
                    "If-Match",
                    lofte_domain::Problem::Required,
                )],
            )
        })?;
    let body = utf8(lang, &body)?;
    let promise = lofte_domain::exchange::parse_promise_json(body)
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    match tenant
        .replace_draft(staff.actor, stored.id, Some(version), &promise)
        .await?
    {
        Ok(after) => Ok((
            [(axum::http::header::ETAG, version_tag(after.version))],
            Json(PromiseDocument::from(&after.promise)),
        )),
        Err(_) => Err(ApiError::Invalid(
            lang,
            vec![lofte_domain::FieldError::new(
                "If-Match",
                lofte_domain::Problem::StaleVersion,
            )],
        )),
    }
}

/// The published promise that covers `year`, in the exchange format.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = PromiseDocument),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
pub(super) async fn get_promise(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<PromiseDocument>, ApiError> {
    let (_, stored) = public_promise(&state, lang, &code, &year).await?;
    Ok(Json(PromiseDocument::from(&stored.promise)))
}
