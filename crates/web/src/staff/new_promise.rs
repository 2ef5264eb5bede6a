//! A municipality's first promise, written from scratch in the staff area (later ones
//! usually start as a copy of the year before).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_domain::exchange::{
    CommitmentDocument, FinalReportDocument, FollowUpDocument, InternalFollowUpDocument,
    KindDocument, OutcomeGoalDocument, PartyDocument, PromiseDocument, StatusDocument,
    YearsDocument,
};
use lofte_domain::{FieldError, MunicipalityCode, Problem};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{
    Choice, Field, SummaryItem, choices, form_and_document_errors, optional_number, place_errors,
};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Deserialize, Default)]
pub struct NewPromiseForm {
    #[serde(default)]
    first_year: String,
    #[serde(default)]
    last_year: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    aim: String,
    #[serde(default)]
    focus_areas: String,
    #[serde(default)]
    outcome_text: String,
    #[serde(default)]
    outcome_measured_in: String,
    #[serde(default)]
    follow_up_internal: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_promise_new.html")]
pub struct NewPromisePage {
    chrome: Chrome,
    municipality: String,
    action: String,
    summary: Vec<SummaryItem>,
    first_year: Field,
    last_year: Field,
    title: Field,
    aim: Field,
    focus_areas: Field,
    outcome_text: Field,
    outcome_measured_in: Field,
    follow_up_internal: Field,
    follow_up_choices: Vec<Choice>,
    party: Field,
    party_choices: Vec<Choice>,
    text: Field,
}

fn field_of(path: &str) -> Option<&'static str> {
    Some(match path {
        "years.first" => "first_year",
        // A span whose last year comes before its first, or that is too long, is the last
        // year's to fix: the first is where the promise starts.
        "years" | "years.last" => "last_year",
        "title" => "title",
        "aim" => "aim",
        "outcome_goal.text" => "outcome_text",
        "outcome_goal.measured_in" => "outcome_measured_in",
        "commitments" | "commitments[0].text" => "text",
        p if p.starts_with("focus_areas") => "focus_areas",
        _ => return None,
    })
}

fn page(
    lang: Lang,
    staff: &Staff,
    code: &MunicipalityCode,
    name: &str,
    form: &NewPromiseForm,
    errors: &[FieldError],
) -> NewPromisePage {
    let action = format!("/personal/kommun/{code}/nytt");
    let mut chrome = Chrome::new(lang, &action, lang.t("new-promise-title"));
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    let mut p = NewPromisePage {
        chrome,
        municipality: name.to_owned(),
        summary: Vec::new(),
        first_year: Field::new(lang, "first_year", form.first_year.clone()),
        last_year: Field::new(lang, "last_year", form.last_year.clone()),
        title: Field::new(lang, "title", form.title.clone()),
        aim: Field::new(lang, "aim", form.aim.clone()),
        focus_areas: Field::new(lang, "focus_areas", form.focus_areas.clone()),
        outcome_text: Field::new(lang, "outcome_text", form.outcome_text.clone()),
        outcome_measured_in: Field::new(
            lang,
            "outcome_measured_in",
            form.outcome_measured_in.clone(),
        ),
        follow_up_internal: Field::new(lang, "follow_up_internal", form.follow_up_internal.clone()),
        follow_up_choices: choices(
            lang,
            &form.follow_up_internal,
            &[
                ("tertial", "follow-up-option-tertial"),
                ("yearly", "follow-up-option-yearly"),
            ],
        ),
        party: Field::new(lang, "party", form.party.clone()),
        party_choices: choices(
            lang,
            &form.party,
            &[
                ("together", "party-option-together"),
                ("police", "party-option-police"),
                ("municipality", "party-option-municipality"),
            ],
        ),
        text: Field::new(lang, "first_commitment", form.text.clone()),
        action,
    };
    p.text.name = "text".into();
    p.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut p.first_year,
            &mut p.last_year,
            &mut p.title,
            &mut p.aim,
            &mut p.focus_areas,
            &mut p.outcome_text,
            &mut p.outcome_measured_in,
            &mut p.text,
        ],
        field_of,
    );
    p.chrome.mark_errors(!p.summary.is_empty());
    p
}

pub async fn new_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<NewPromisePage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let m = tenant.municipality();
    let next = crate::this_year().get() + 1;
    let form = NewPromiseForm {
        first_year: next.to_string(),
        title: format!("Medborgarlöfte {next}"),
        outcome_measured_in: (next + 1).to_string(),
        follow_up_internal: "tertial".into(),
        party: "together".into(),
        ..Default::default()
    };
    Ok(page(
        lang,
        &staff,
        &m.code,
        m.official_name.as_str(),
        &form,
        &[],
    ))
}

pub async fn create(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(form): Form<NewPromiseForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let m = tenant.municipality().clone();
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                lang,
                &staff,
                &m.code,
                m.official_name.as_str(),
                &form,
                &errors,
            ),
        )
            .into_response()
    };
    let mut errors = Vec::new();
    let mut year = |path: &str, raw: &str, default: Option<i32>| match optional_number::<i32>(raw) {
        Ok(Some(y)) => y,
        Ok(None) => default.unwrap_or_else(|| {
            errors.push(FieldError::new(path, Problem::Required));
            0
        }),
        Err(p) => {
            errors.push(FieldError::new(path, p));
            0
        }
    };
    let first = year("years.first", &form.first_year, None);
    let last = year("years.last", &form.last_year, Some(first));
    let measured = year("outcome_goal.measured_in", &form.outcome_measured_in, None);
    let document = PromiseDocument {
        municipality: m.code.to_string(),
        years: YearsDocument { first, last },
        title: form.title.clone(),
        aim: form.aim.clone(),
        focus_areas: form
            .focus_areas
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        focus_text: None,
        outcome_goal: OutcomeGoalDocument {
            text: form.outcome_text.clone(),
            measured_in: measured,
            baseline_year: None,
            indicators: Vec::new(),
        },
        follow_up: FollowUpDocument {
            internal: if form.follow_up_internal == "yearly" {
                InternalFollowUpDocument::Yearly
            } else {
                InternalFollowUpDocument::Tertial
            },
            // The official final report comes in the first quarter after the last year.
            final_report: FinalReportDocument {
                year: last + 1,
                quarter: 1,
            },
        },
        status: StatusDocument::Draft,
        signed_on: None,
        signatories: Vec::new(),
        continues: None,
        english: None,
        commitments: vec![CommitmentDocument {
            party: match form.party.as_str() {
                "police" => PartyDocument::Police,
                "municipality" => PartyDocument::Municipality,
                _ => PartyDocument::Together,
            },
            text: form.text.clone(),
            kind: KindDocument::Process,
            target: None,
            local_plan: None,
            english: None,
            incident_indicator: None,
        }],
    };
    let promise = match document.into_promise() {
        Ok(p) if errors.is_empty() => p,
        Ok(_) => return Ok(invalid(errors)),
        Err(more) => {
            // The final report's year is derived from the last year, and an unread first
            // year stands in for an empty last year too: neither is the person's to fix.
            let first_unread = errors.iter().any(|e| e.path == "years.first");
            let more = more
                .into_iter()
                .filter(|e| {
                    e.path != "follow_up.final_report.year"
                        && !(first_unread && e.path.starts_with("years"))
                })
                .collect();
            return Ok(invalid(form_and_document_errors(errors, more)));
        }
    };
    match tenant.create_promise(staff.actor, &promise).await {
        Ok(stored) => Ok(Redirect::to(&format!(
            "/personal/kommun/{}/{}",
            m.code,
            stored.promise.years.first()
        ))
        .into_response()),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::from(e)),
    }
}
