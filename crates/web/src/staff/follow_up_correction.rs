//! Correcting a published follow-up report: its texts change with a dated note that
//! residents see; its statuses and frozen figures stay as published.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_domain::followup::EntryInput;
use lofte_domain::{FieldError, Text};

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;

use super::follow_up::*;

/// Corrects the texts of a published report (what was done, links, what was learned)
/// with a note residents read beside it; statuses and figures stay as published.
pub async fn correct(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let c = context(&state, lang, &code, &year, &period).await?;
    let back = report_href(&c);
    let report = c.tenant.follow_up(c.stored.id, c.year, c.period).await?;
    let Some(report) = report.filter(|r| r.published_at.is_some()) else {
        return Ok(Redirect::to(&back).into_response());
    };
    let stored = inputs_of(&c, &report);
    let field = |name: &str, i: usize| {
        form.get(&format!("{name}_{i}"))
            .cloned()
            .unwrap_or_default()
    };
    let inputs: Vec<EntryInput> = stored
        .iter()
        .enumerate()
        .map(|(i, s)| EntryInput {
            status: s.status.clone(),
            reason: s.reason.clone(),
            narrative: field("narrative", i),
            evidence: field("evidence", i).lines().map(str::to_owned).collect(),
        })
        .collect();
    let learned = form.get("learned").cloned().unwrap_or_default();
    let version = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // The texts only: the status is the published one, nothing is owed anew.
    let (content, errors) = check_content(&c, &inputs, &learned, |i| {
        inputs[i].check(c.period, None, false)
    });
    let note_raw = form.get("note").cloned().unwrap_or_default();
    let note = Text::parse(&note_raw, Text::SHORT);
    let published_on = report.published_at.map(|at| published_note(lang, at));
    let refused = |errors: &[(usize, FieldError)], note_error: Option<String>, status| {
        let mut page = build_page(
            lang,
            &staff,
            &c,
            &inputs,
            &learned,
            version,
            published_on.clone(),
            errors,
        );
        page.correction_note = note_raw.clone();
        page.correction_error = note_error;
        (status, page).into_response()
    };
    let note = match (note, errors.is_empty()) {
        (Ok(note), true) => note,
        (note, _) => {
            let note_error = note.err().map(|p| lang.problem(&p));
            return Ok(refused(
                &errors,
                note_error,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    match c
        .tenant
        .correct_follow_up(
            staff.actor,
            c.stored.id,
            c.year,
            c.period,
            version,
            &content,
            &note,
        )
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&format!("{back}?sparat=rattad")).into_response()),
        Ok(Err(_)) => Ok(refused(
            &[(0, FieldError::new("", lofte_domain::Problem::StaleVersion))],
            None,
            StatusCode::CONFLICT,
        )),
        Err(lofte_db::Error::NotFound) => Ok(Redirect::to(&back).into_response()),
        Err(e) => Err(PageError::from(e)),
    }
}
