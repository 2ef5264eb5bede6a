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
    /// Activity type: its code, e.g. "traffic_control", or a word for it as an activity
    /// file may write it ("trafikkontroll", the municipality's own type names).
    #[serde(rename = "type")]
    activity_type: String,
    /// "police", "municipality" or "partner:NAME".
    performer: String,
    /// When it started (RFC 3339, e.g. "2021-03-01T07:30:00+01:00").
    started_at: chrono::DateTime<chrono::FixedOffset>,
    #[serde(default)]
    duration_minutes: Option<u32>,
    /// A place of the municipality: its slug, e.g. "malmkoping", or its name.
    #[serde(default)]
    place: Option<String>,
    /// How many took part, at most 100000.
    #[serde(default)]
    participants: Option<u32>,
    /// No names or personal details; not allowed for "concern_visit".
    #[serde(default)]
    note: Option<String>,
}

/// What a logging or reporting request did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivitiesLogged {
    pub(super) added: u64,
    /// Activities already stored (same external id, or the same content).
    pub(super) already_there: u64,
}

impl ActivityJson {
    /// The activity, or its problems named `[index].field`.
    fn parse(
        &self,
        index: usize,
        words: &lofte_domain::followup::Vocabulary,
    ) -> Result<lofte_domain::followup::NewActivity, Vec<lofte_domain::FieldError>> {
        use lofte_domain::followup::{ActivityFields, Started};
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let (duration, participants) = (number(self.duration_minutes), number(self.participants));
        ActivityFields {
            activity_type: &self.activity_type,
            performer: &self.performer,
            started: Started::At(self.started_at),
            duration_minutes: &duration,
            place: self.place.as_deref().unwrap_or_default(),
            participants: &participants,
            note: self.note.as_deref().unwrap_or_default(),
            external_id: self.external_id.as_deref().unwrap_or_default(),
        }
        .parse(words)
        .map_err(|problems| {
            problems
                .into_iter()
                .map(|(field, p)| lofte_domain::FieldError::new(format!("[{index}].{field}"), p))
                .collect()
        })
    }
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
    let words = tenant.activity_vocabulary().await?;
    let parsed = lofte_domain::lenient::parse(body, |items: Vec<ActivityJson>| {
        let mut errors = Vec::new();
        let parsed: Vec<_> = items
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.parse(i, &words).map_err(|e| errors.extend(e)).ok())
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
        Err(e) => return Err(ApiError::from(e)),
    };
    Ok((
        axum::http::StatusCode::CREATED,
        Json(ActivitiesLogged {
            added: summary.added,
            already_there: summary.already_there,
        }),
    ))
}
