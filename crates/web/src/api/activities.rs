//! Logging activities from other systems.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;
use crate::policy::Staff;

use super::common::*;

/// One logged activity, as machine clients send it.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityJson {
    /// The sender's own id; sending the same id again adds nothing.
    #[serde(default)]
    external_id: Option<String>,
    /// Activity type, e.g. "traffic_control".
    #[serde(rename = "type")]
    activity_type: String,
    /// "police", "municipality" or "partner:NAME".
    performer: String,
    /// When it started (RFC 3339, e.g. "2021-03-01T07:30:00+01:00").
    started_at: chrono::DateTime<chrono::FixedOffset>,
    #[serde(default)]
    duration_minutes: Option<u32>,
    /// Place slug of the municipality, e.g. "malmkoping".
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    participants: Option<u32>,
    /// No names or personal details; not allowed for "concern_visit".
    #[serde(default)]
    note: Option<String>,
}

/// What a logging request did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivitiesLogged {
    added: u64,
    /// Activities already stored (same external id, or the same content).
    already_there: u64,
}

pub(super) fn parse_activity(
    i: usize,
    a: ActivityJson,
    errors: &mut Vec<lofte_domain::FieldError>,
) -> Option<lofte_domain::followup::NewActivity> {
    use lofte_domain::followup::{Activity, NewActivity, Performer};
    use lofte_domain::{ActivityTypeCode, FieldError, PlaceSlug, Problem, Text};
    let mut take =
        |field: &str, p: Problem| errors.push(FieldError::new(format!("[{i}].{field}"), p));
    let activity_type = ActivityTypeCode::parse(&a.activity_type)
        .map_err(|p| take("type", p))
        .ok();
    let performer = Performer::parse(&a.performer)
        .map_err(|p| take("performer", p))
        .ok();
    let place = a
        .place
        .as_deref()
        .map(|p| PlaceSlug::parse(p).map_err(|e| take("place", e)).ok())
        .unwrap_or(None);
    let note = a
        .note
        .as_deref()
        .map(|n| {
            Text::parse(n, NewActivity::MAX_NOTE)
                .map_err(|e| take("note", e))
                .ok()
        })
        .unwrap_or(None);
    if let Some(d) = a.duration_minutes
        && (d == 0 || d > NewActivity::MAX_DURATION)
    {
        take(
            "duration_minutes",
            Problem::OutOfRange {
                min: 1,
                max: NewActivity::MAX_DURATION.into(),
            },
        );
    }
    if let Some(id) = &a.external_id
        && id.chars().count() > NewActivity::MAX_EXTERNAL_ID
    {
        take(
            "external_id",
            Problem::TooLong {
                max: NewActivity::MAX_EXTERNAL_ID,
            },
        );
    }
    let started_at = a.started_at.with_timezone(&chrono::Utc);
    let local = started_at
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .naive_local();
    Some(NewActivity {
        activity: Activity {
            activity_type: activity_type?,
            performer: performer?,
            date: local.date(),
            time: local.time(),
            duration_minutes: a.duration_minutes,
            place,
            participants: a.participants,
        },
        started_at,
        note,
        external_id: a.external_id,
    })
}

/// Logs activities, all or nothing; problems are named `[index].field`. Sending the same
/// activities again (same external ids, or the same content) adds nothing.
#[utoipa::path(
    post, path = "/api/v1/municipalities/{code}/activities", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    request_body(content = Vec<ActivityJson>, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 201, body = ActivitiesLogged, description = "Stored"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token may not log activities here"),
        (status = 422, body = ApiErrorBody, description = "Problems, by index and field")
    )
)]
pub(super) async fn log_activities(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<ActivitiesLogged>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let body = utf8(lang, &body)?;
    // Every problem of every item at once, wrong types included.
    let parsed = lofte_domain::lenient::parse(body, |items: Vec<ActivityJson>| {
        let mut errors = Vec::new();
        let parsed: Vec<_> = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, a)| parse_activity(i, a, &mut errors))
            .collect();
        if errors.is_empty() {
            Ok(parsed)
        } else {
            Err(errors)
        }
    })
    .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let summary = match tenant.add_activities(staff.actor, &parsed, false).await {
        Ok(summary) => summary,
        Err(lofte_db::Error::Invalid(mut errors)) => {
            // An activity's date is its `started_at` in Swedish time here.
            for e in &mut errors {
                if let Some(item) = e.path.strip_suffix(".date") {
                    e.path = format!("{item}.started_at");
                }
            }
            return Err(ApiError::Invalid(lang, errors));
        }
        Err(e) => return Err(ApiError::internal(lang)(e)),
    };
    Ok((
        axum::http::StatusCode::CREATED,
        Json(ActivitiesLogged {
            added: summary.added,
            already_there: summary.already_there,
        }),
    ))
}
