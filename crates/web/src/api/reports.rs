//! A promise's follow-ups and progress, and the municipality's survey and outcome.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;

use super::common::*;

/// A published follow-up report.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpJson {
    year: i32,
    /// "t1", "t2", "t3" or "slutredovisning".
    period: String,
    published_at: chrono::DateTime<chrono::Utc>,
    entries: Vec<FollowUpEntryJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpEntryJson {
    /// Position of the commitment in the promise, from 0.
    commitment: usize,
    /// The status staff published (see the progress endpoint for the codes).
    status: String,
    /// Why it differs from the computed status, if it does.
    reason: Option<String>,
    narrative: Option<String>,
    evidence: Vec<String>,
    /// The figures as they were when the report was published.
    figures: Option<lofte_app::progress::CommitmentProgress>,
    /// The commitment's incident indicator as it was when the report was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<lofte_app::progress::IndicatorProgress>,
}

/// The published follow-up reports of a promise (per tertial and the final report), with
/// their figures frozen as published.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}/follow-ups", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = Vec<FollowUpJson>),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
pub(super) async fn list_follow_ups(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<Vec<FollowUpJson>>, ApiError> {
    let (tenant, stored) = public_promise(&state, lang, &code, &year).await?;
    let reports = tenant.follow_ups(stored.id, true).await?;
    Ok(Json(
        reports
            .into_iter()
            .filter_map(|r| {
                Some(FollowUpJson {
                    year: r.year.get(),
                    period: r.period.slug().to_owned(),
                    published_at: r.published_at?,
                    entries: r
                        .entries
                        .into_iter()
                        .filter_map(|e| {
                            let commitment = stored
                                .commitment_ids
                                .iter()
                                .position(|id| *id == e.commitment_id)?;
                            Some(FollowUpEntryJson {
                                commitment,
                                status: e.status,
                                reason: e.reason,
                                narrative: e.narrative,
                                evidence: e.evidence,
                                figures: e.figures.as_ref().map(Into::into),
                                indicator: e.indicator.as_ref().map(|frozen| {
                                    lofte_app::progress::IndicatorProgress::public(
                                        commitment, frozen,
                                    )
                                }),
                            })
                        })
                        .collect(),
                })
            })
            .collect(),
    ))
}

/// Each commitment's progress, computed from the logged activities by the same function
/// as the public page's figures.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}/progress", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = lofte_app::progress::PromiseProgress),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
pub(super) async fn get_progress(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<lofte_app::progress::PromiseProgress>, ApiError> {
    let (tenant, stored) = public_promise(&state, lang, &code, &year).await?;
    let places = state.db.places(&tenant.municipality().code).await?;
    let progress = lofte_app::progress::promise_progress(
        &tenant,
        &stored,
        &places,
        lofte_app::progress::today(),
    )
    .await?;
    Ok(Json(progress))
}

/// Every indicator of the municipality's safety survey for every year, area, gender and
/// age band, with 95 % intervals; a figure from too few respondents has only its `n`.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/survey", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    responses(
        (status = 200, body = lofte_app::outcome::SurveyJson),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no survey results")
    )
)]
pub(super) async fn get_survey(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<lofte_app::outcome::SurveyJson>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let survey = lofte_app::outcome::survey_of(&tenant, state.survey_rules)
        .await?
        .ok_or(ApiError::NotFound(lang))?;
    Ok(Json(lofte_app::outcome::survey_json(
        lang,
        &survey,
        state.survey_rules,
    )))
}

/// The promise's outcome goal and, per linked survey indicator, the baseline and
/// measurement figures, their difference with interval and p-value, and the verdict.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}/outcome", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = lofte_app::outcome::OutcomeJson),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
pub(super) async fn get_outcome(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<lofte_app::outcome::OutcomeJson>, ApiError> {
    let (tenant, stored) = public_promise(&state, lang, &code, &year).await?;
    let survey = lofte_app::outcome::survey_of(&tenant, state.survey_rules).await?;
    Ok(Json(lofte_app::outcome::outcome_json(
        lang,
        &stored.promise,
        survey.as_ref(),
        state.survey_rules,
    )))
}
