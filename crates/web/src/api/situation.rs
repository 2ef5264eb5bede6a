//! The situation picture as open data: the same aggregates as the public page, with the
//! same threshold.

use axum::Json;
use axum::extract::{Path, Query, State};
use lofte_app::situation::{Audience, SituationJson};

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;

use super::common::*;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct SituationQuery {
    /// The year, e.g. 2021: to today in this year, the whole year before. This year
    /// when left out.
    #[param(value_type = Option<i32>)]
    year: Option<String>,
}

/// A municipality's situation picture for a year against the same days a year before:
/// incident reports per category with the change and its exact interval, the police's
/// events by type, reported crime per 100,000 residents. Counts below the threshold are
/// given as `fewer_than`, never as numbers; no report's text or point is given.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/situation", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        SituationQuery
    ),
    responses(
        (status = 200, body = SituationJson),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or a year that is not one, in the future or before 2000")
    )
)]
pub(super) async fn get_situation(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
    Query(query): Query<SituationQuery>,
) -> Result<Json<SituationJson>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let today = lofte_app::progress::today();
    let this_year = chrono::Datelike::year(&today);
    // Read by hand, so that a year that is not one is the documented 404, not the
    // extractor's own 400.
    let year = match query.year.as_deref().map(str::trim) {
        None | Some("") => this_year,
        Some(raw) => raw
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=this_year).contains(y))
            .ok_or(ApiError::NotFound(lang))?,
    };
    let picture =
        lofte_app::situation::picture_of_year(&tenant, year, today, Audience::Public).await?;
    Ok(Json(SituationJson::from(&picture)))
}
