//! Incident reports from other systems (a housing company's, a security firm's).

use axum::extract::{Path, State};
use axum::{Extension, Json};
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;
use crate::policy::Staff;

use super::activities::ActivitiesLogged;
use super::common::*;

/// One incident report, as machine clients send it. No personal data: the text is about
/// places and events, never people.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentJson {
    /// The sender's own id; sending the same id again adds nothing.
    #[serde(default)]
    external_id: Option<String>,
    /// `vandalism`, `graffiti`, `gathering`, `disorder`, `motor_vehicles`, `drug_find`,
    /// `fire`, `unsafe_place` or `event`, or the Swedish words ("klotter").
    category: String,
    /// The Swedish local date, `YYYY-MM-DD`.
    date: String,
    /// The local time it began, `HH:MM`; leave out when unknown.
    #[serde(default)]
    time: Option<String>,
    /// For a period: its last day and time.
    #[serde(default)]
    end_date: Option<String>,
    #[serde(default)]
    end_time: Option<String>,
    /// A place of the municipality, by slug or name; or give a point, or both.
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    lat: Option<f64>,
    #[serde(default)]
    lon: Option<f64>,
    #[serde(default)]
    text: Option<String>,
    /// The reporting organisation, e.g. "Gnestahem".
    reporter: String,
    /// The sender has checked that what looks like a personal identity number or a phone
    /// number in `text` is not personal data.
    #[serde(default)]
    personal_data_checked: bool,
}

/// Reports incidents, all or nothing; problems are named `[index].field`. Sending the
/// same reports again (same external ids, or the same content) adds nothing.
#[utoipa::path(
    post, path = "/api/v1/municipalities/{code}/incidents", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0461")),
    request_body(content = Vec<IncidentJson>, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 201, body = ActivitiesLogged, description = "Stored"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token may not report here"),
        (status = 422, body = ApiErrorBody, description = "Problems, by index and field")
    )
)]
pub(super) async fn report_incidents(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<ActivitiesLogged>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let body = utf8(lang, &body)?;
    let items = lofte_domain::lenient::parse(body, |items: Vec<IncidentJson>| Ok(items))
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let parsed = tenant
        .with_incident_context(|context| {
            let mut errors = Vec::new();
            let mut reports = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
                let (lat, lon) = (number(item.lat), number(item.lon));
                let fields = lofte_domain::incident::IncidentFields {
                    category: &item.category,
                    date: &item.date,
                    time: item.time.as_deref().unwrap_or_default(),
                    end_date: item.end_date.as_deref().unwrap_or_default(),
                    end_time: item.end_time.as_deref().unwrap_or_default(),
                    place: item.place.as_deref().unwrap_or_default(),
                    lat: &lat,
                    lon: &lon,
                    text: item.text.as_deref().unwrap_or_default(),
                    reporter: &item.reporter,
                    external_id: item.external_id.as_deref().unwrap_or_default(),
                    confirmed: item.personal_data_checked,
                };
                match fields.parse(context) {
                    Ok(report) => reports.push(report),
                    Err(problems) => errors.extend(lofte_db::incidents::indexed(i, problems)),
                }
            }
            if errors.is_empty() {
                Ok(reports)
            } else {
                Err(errors)
            }
        })
        .await?
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let summary = tenant.add_incidents(staff.actor, &parsed, false).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(ActivitiesLogged {
            added: summary.added,
            already_there: summary.already_there,
        }),
    ))
}
