//! Adding and editing one commitment (`…/atagande/{id}`, `…/atagande/ny`): the page with
//! its form, and saving it.

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::StoredPromise;
use lofte_domain::{Commitment, FieldError};
use lofte_i18n::Lang;

use super::chrome;
use super::conflict::conflict_page;
use super::forms::{Choice, Field, SummaryItem, choices, place_errors};
use super::forms::{PlaceOption, place_options};
use super::promise_form::promise_lines;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::{Chrome, party_heading, target_line};

use super::commitment_form::{CommitmentForm, commitment_field};

#[derive(Template, WebTemplate)]
#[template(path = "staff_commitment_edit.html")]
pub struct CommitmentEditPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: String,
    summary: Vec<SummaryItem>,
    party: Field,
    party_choices: Vec<Choice>,
    partner: Field,
    kind: Field,
    kind_choices: Vec<Choice>,
    text: Field,
    local_plan: Field,
    english_text: Field,
    target_activity: Field,
    activity_choices: Vec<Choice>,
    target_at_least: Field,
    target_also: Field,
    also_options: Vec<PlaceOption>,
    target_measure: Field,
    measure_choices: Vec<Choice>,
    target_per: Field,
    per_choices: Vec<Choice>,
    when_months: Field,
    month_options: Vec<PlaceOption>,
    when_weekdays: Field,
    weekday_options: Vec<PlaceOption>,
    hours_from: Field,
    hours_to: Field,
    method_code: Field,
    method_choices: Vec<Choice>,
    method_min: Field,
    method_max: Field,
    scope: Field,
    scope_choices: Vec<Choice>,
    scope_places: Field,
    scope_place_options: Vec<PlaceOption>,
    emphasis: Field,
    emphasis_choices: Vec<Choice>,
    emphasis_places: Field,
    emphasis_place_options: Vec<PlaceOption>,
    indicator_categories: Field,
    indicator_category_options: Vec<PlaceOption>,
    indicator_places: Field,
    indicator_place_options: Vec<PlaceOption>,
    indicator_from: Field,
    indicator_to: Field,
    indicator_baseline: Field,
    indicator_better: Field,
    better_choices: Vec<Choice>,
    /// Whether the form names an indicator, so its part opens.
    measured: bool,
    /// Hints for the commitment as stored (message, suggestion); never refusals.
    hints: Vec<(String, String)>,
}

/// The working methods a target can require, as choices: none, the two the police use
/// (named in Fluent), and the form's current code if it is another one (a promise
/// imported with a method of its own keeps it).
fn method_choices(lang: Lang, current: &str) -> Vec<Choice> {
    let mut options: Vec<(String, String)> = vec![
        (String::new(), lang.t("method-none")),
        (
            "twenty_minute".into(),
            lang.t("method-twenty_minute-choice"),
        ),
        (
            "fifteen_minute".into(),
            lang.t("method-fifteen_minute-choice"),
        ),
    ];
    if !options.iter().any(|(code, _)| code == current) {
        options.push((current.to_owned(), current.to_owned()));
    }
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn commitment_edit_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    action: String,
    form: &CommitmentForm,
    errors: &[FieldError],
    types: &lofte_domain::ActivityCatalogue,
    places: &[lofte_domain::Place],
) -> CommitmentEditPage {
    let heading = if action.ends_with("/ny") {
        lang.t("new-commitment-title")
    } else {
        lang.t("edit-commitment-title")
    };
    let activity_choices = choices(lang, &form.target_activity, &[("", "target-none")])
        .into_iter()
        .chain(types.types().iter().map(|t| Choice {
            value: t.code.to_string(),
            label: lang.activity_label(types, t.code.as_str()),
            selected: t.code.as_str() == form.target_activity,
        }))
        .collect();
    let scope_options = [
        ("anywhere", "scope-anywhere"),
        ("outlying_villages", "scope-outlying"),
        ("places", "scope-places"),
    ];
    let emphasis_options = [
        ("", "emphasis-none"),
        ("outlying_villages", "scope-outlying"),
        ("places", "scope-places"),
    ];
    let mut page = CommitmentEditPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        back: base.to_owned(),
        version: form.version.clone(),
        summary: Vec::new(),
        party: Field::new(lang, "party", form.party.clone()),
        party_choices: choices(
            lang,
            &form.party,
            &[
                ("together", "party-option-together"),
                ("police", "party-option-police"),
                ("municipality", "party-option-municipality"),
                ("partner", "party-option-partner"),
            ],
        ),
        partner: Field::new(lang, "partner", form.partner.clone()),
        kind: Field::new(lang, "kind", form.kind.clone()),
        kind_choices: choices(
            lang,
            &form.kind,
            &[
                ("output", "kind-output"),
                ("process", "kind-process"),
                ("outcome", "kind-outcome"),
            ],
        ),
        text: Field::new(lang, "text", form.text.clone()),
        local_plan: Field::new(lang, "local_plan", form.local_plan.clone()),
        english_text: Field::new(lang, "english_text", form.english_text.clone()).written_in("en"),
        target_activity: Field::new(lang, "target_activity", form.target_activity.clone()),
        activity_choices,
        target_at_least: Field::new(lang, "target_at_least", form.target_at_least.clone()),
        target_also: Field::new(lang, "target_also", ""),
        also_options: types
            .types()
            .iter()
            .map(|t| PlaceOption {
                slug: t.code.to_string(),
                name: lang.activity_label(types, t.code.as_str()),
                checked: form.target_also.iter().any(|a| a.trim() == t.code.as_str()),
            })
            .collect(),
        target_measure: Field::new(lang, "target_measure", form.target_measure.clone()),
        measure_choices: choices(
            lang,
            if form.target_measure.is_empty() {
                "count"
            } else {
                &form.target_measure
            },
            &[
                ("count", "measure-choice-count"),
                ("participants", "measure-choice-participants"),
                ("minutes", "measure-choice-minutes"),
                ("places", "measure-choice-places"),
            ],
        ),
        target_per: Field::new(lang, "target_per", form.target_per.clone()),
        per_choices: choices(
            lang,
            if form.target_per.is_empty() {
                "span"
            } else {
                &form.target_per
            },
            &[("span", "per-choice-span"), ("year", "per-choice-year")],
        ),
        when_months: Field::new(lang, "when_months", ""),
        month_options: (1..=12u32)
            .map(|m| PlaceOption {
                slug: m.to_string(),
                name: lofte_i18n::capitalised(
                    &lang.label(&lofte_i18n::labels::MONTH_LONG, &m.to_string()),
                ),
                checked: form.when_months.iter().any(|f| f.trim() == m.to_string()),
            })
            .collect(),
        when_weekdays: Field::new(lang, "when_weekdays", ""),
        weekday_options: lofte_domain::condition::WEEKDAY_CODES
            .iter()
            .map(|(code, _)| PlaceOption {
                slug: (*code).to_owned(),
                name: lofte_i18n::capitalised(
                    &lang.label(&lofte_i18n::labels::WEEKDAY_PLURAL, code),
                ),
                checked: form.when_weekdays.iter().any(|f| f.trim() == *code),
            })
            .collect(),
        hours_from: Field::new(lang, "hours_from", form.hours_from.clone()),
        hours_to: Field::new(lang, "hours_to", form.hours_to.clone()),
        method_code: Field::new(lang, "method_code", form.method_code.clone()),
        method_choices: method_choices(lang, form.method_code.trim()),
        method_min: Field::new(lang, "method_min", form.method_min.clone()),
        method_max: Field::new(lang, "method_max", form.method_max.clone()),
        scope: Field::new(lang, "scope", form.scope.clone()),
        scope_choices: choices(lang, &form.scope, &scope_options),
        scope_places: Field::new(lang, "scope_places", ""),
        scope_place_options: place_options(places, &form.scope_places),
        emphasis: Field::new(lang, "emphasis", form.emphasis.clone()),
        emphasis_choices: choices(lang, &form.emphasis, &emphasis_options),
        emphasis_places: Field::new(lang, "emphasis_places", ""),
        emphasis_place_options: place_options(places, &form.emphasis_places),
        indicator_categories: Field::new(lang, "indicator_categories", ""),
        indicator_category_options: lofte_domain::incident::IncidentCategory::all()
            .map(|c| PlaceOption {
                slug: c.code().to_owned(),
                name: lang.name(&c),
                checked: form
                    .indicator_categories
                    .iter()
                    .any(|f| lofte_domain::incident::IncidentCategory::parse(f.trim()) == Ok(c)),
            })
            .collect(),
        indicator_places: Field::new(lang, "indicator_places", ""),
        indicator_place_options: place_options(places, &form.indicator_places),
        indicator_from: Field::new(lang, "indicator_from", form.indicator_from.clone()),
        indicator_to: Field::new(lang, "indicator_to", form.indicator_to.clone()),
        indicator_baseline: Field::new(lang, "indicator_baseline", form.indicator_baseline.clone()),
        indicator_better: Field::new(lang, "indicator_better", form.indicator_better.clone()),
        better_choices: choices(
            lang,
            if form.indicator_better.trim() == "higher" {
                "higher"
            } else {
                "lower"
            },
            &[
                ("lower", "indicator-better-lower"),
                ("higher", "indicator-better-higher"),
            ],
        ),
        measured: [
            &form.indicator_from,
            &form.indicator_to,
            &form.indicator_baseline,
        ]
        .iter()
        .any(|v| !v.trim().is_empty())
            || form
                .indicator_categories
                .iter()
                .any(|v| !v.trim().is_empty())
            || form.indicator_places.iter().any(|v| !v.trim().is_empty()),
        hints: Vec::new(),
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.text,
            &mut page.partner,
            &mut page.local_plan,
            &mut page.english_text,
            &mut page.target_activity,
            &mut page.target_at_least,
            &mut page.target_also,
            &mut page.target_measure,
            &mut page.target_per,
            &mut page.when_months,
            &mut page.when_weekdays,
            &mut page.hours_from,
            &mut page.hours_to,
            &mut page.method_code,
            &mut page.method_min,
            &mut page.method_max,
            &mut page.scope_places,
            &mut page.emphasis_places,
            &mut page.indicator_categories,
            &mut page.indicator_places,
            &mut page.indicator_from,
            &mut page.indicator_to,
            &mut page.indicator_baseline,
        ],
        commitment_field,
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    page
}

fn commitment_position(stored: &StoredPromise, id: &str) -> Option<(i32, usize)> {
    let id: i32 = id.parse().ok()?;
    let index = stored.commitment_ids.iter().position(|c| *c == id)?;
    Some((id, index))
}

pub async fn commitment_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((_, _, id)): Path<(String, String, String)>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<CommitmentEditPage, PageError> {
    let (id, index) =
        commitment_position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let version = tenant.commitment_version(id).await?;
    let base = super::promise_href(&tenant, &stored);
    let form = CommitmentForm::from_commitment(&stored.promise.commitments[index], version);
    let action = format!("{base}/atagande/{id}");
    let (types, places) = super::references(&state, &tenant).await?;
    let mut page = commitment_edit_page(lang, &staff, &base, action, &form, &[], &types, &places);
    let context = lofte_app::hints::context(&tenant, &places, lofte_app::progress::today()).await?;
    page.hints = lofte_domain::lint::lint_commitment(&stored.promise.commitments[index], &context)
        .into_iter()
        .map(|(code, value)| lofte_app::hints::words(lang, code, value.as_deref()))
        .collect();
    Ok(page)
}

pub async fn edit_commitment(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((_, _, id)): Path<(String, String, String)>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    // axum-extra's Form reads the repeated `scope_places` fields of the checkboxes.
    axum_extra::extract::Form(form): axum_extra::extract::Form<CommitmentForm>,
) -> Result<Response, PageError> {
    let (types, places) = super::references(&state, &tenant).await?;
    let (id, _) =
        commitment_position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let m = tenant.municipality().clone();
    let base = super::promise_href(&tenant, &stored);
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            commitment_edit_page(
                lang,
                &staff,
                &base,
                format!("{base}/atagande/{id}"),
                &form,
                &errors,
                &types,
                &places,
            ),
        )
            .into_response()
    };
    let new = match form.apply() {
        Ok(c) => c,
        Err(errors) => return Ok(invalid(errors)),
    };
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    let places = state.db.places(&tenant.municipality().code).await?;
    match tenant
        .update_commitment(staff.actor, stored.id, id, version, &new)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => {
            let lines = |c: &Commitment| {
                let mut lines = vec![party_heading(lang, &m, &c.party), c.text.to_string()];
                lines.extend(
                    c.target
                        .as_ref()
                        .map(|t| target_line(lang, t, &places, &types)),
                );
                lines
            };
            Ok(conflict_page(
                lang,
                &staff,
                &format!("{base}/atagande/{id}"),
                lines(&new),
                lines(&conflict.current),
                conflict.current_version,
            ))
        }
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::from(e)),
    }
}

/// A blank commitment form; its version is the promise's, since adding changes the promise.
pub async fn new_commitment_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<CommitmentEditPage, PageError> {
    let base = super::promise_href(&tenant, &stored);
    let form = CommitmentForm {
        version: stored.version.to_string(),
        party: "together".into(),
        kind: "process".into(),
        scope: "anywhere".into(),
        ..Default::default()
    };
    let (types, places) = super::references(&state, &tenant).await?;
    Ok(commitment_edit_page(
        lang,
        &staff,
        &base,
        format!("{base}/atagande/ny"),
        &form,
        &[],
        &types,
        &places,
    ))
}

pub async fn add_commitment(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    // axum-extra's Form reads the repeated `scope_places` fields of the checkboxes.
    axum_extra::extract::Form(form): axum_extra::extract::Form<CommitmentForm>,
) -> Result<Response, PageError> {
    let (types, places) = super::references(&state, &tenant).await?;
    let base = super::promise_href(&tenant, &stored);
    let action = format!("{base}/atagande/ny");
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            commitment_edit_page(
                lang,
                &staff,
                &base,
                action.clone(),
                &form,
                &errors,
                &types,
                &places,
            ),
        )
            .into_response()
    };
    let new = match form.apply() {
        Ok(c) => c,
        Err(errors) => return Ok(invalid(errors)),
    };
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    match tenant
        .add_commitment(staff.actor, stored.id, version, &new)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => Ok(conflict_page(
            lang,
            &staff,
            &action,
            vec![new.text.to_string()],
            promise_lines(&conflict.current),
            conflict.current_version,
        )),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::from(e)),
    }
}
