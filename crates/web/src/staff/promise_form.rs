//! Editing a promise's own fields (`…/andra`): texts in Swedish and English, the outcome
//! goal's survey link, the follow-up plan and the signing.

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use lofte_domain::exchange::{
    BetterDocument, InternalFollowUpDocument, OutcomeIndicatorDocument, PromiseDocument,
    SignatoryDocument,
};
use lofte_domain::{FieldError, Problem, Promise};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::conflict::conflict_page;
use super::forms::optional_text;
use super::forms::{
    Choice, Field, SummaryItem, choices, form_and_document_errors, optional_number, place_errors,
};
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

// ---- Editing the promise's own fields ----

#[derive(Deserialize, Default)]
pub(super) struct PromiseForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    aim: String,
    #[serde(default)]
    focus_areas: String,
    #[serde(default)]
    focus_text: String,
    #[serde(default)]
    outcome_text: String,
    #[serde(default)]
    outcome_measured_in: String,
    #[serde(default)]
    outcome_baseline: String,
    /// `indicator-<code>` → `""` (not used), `"lower"` or `"higher"`: one choice per
    /// indicator of the municipality's survey codebook.
    #[serde(flatten)]
    indicator_choices: std::collections::HashMap<String, String>,
    #[serde(default)]
    follow_up_internal: String,
    #[serde(default)]
    final_report_year: String,
    #[serde(default)]
    final_report_quarter: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    signatories: String,
    #[serde(default)]
    english_title: String,
    #[serde(default)]
    english_aim: String,
    #[serde(default)]
    english_focus_areas: String,
    #[serde(default)]
    english_focus_text: String,
    #[serde(default)]
    english_outcome_text: String,
}

impl PromiseForm {
    pub(super) fn from_promise(p: &Promise, version: i32) -> Self {
        let d = PromiseDocument::from(p);
        let english = d.english.clone().unwrap_or_default();
        PromiseForm {
            version: version.to_string(),
            title: d.title,
            aim: d.aim,
            focus_areas: d.focus_areas.join("\n"),
            focus_text: d.focus_text.unwrap_or_default(),
            outcome_text: d.outcome_goal.text,
            outcome_measured_in: d.outcome_goal.measured_in.to_string(),
            outcome_baseline: d
                .outcome_goal
                .baseline_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            indicator_choices: d
                .outcome_goal
                .indicators
                .iter()
                .map(|i| {
                    (
                        format!("indicator-{}", i.indicator),
                        match i.better {
                            BetterDocument::Lower => "lower".to_owned(),
                            BetterDocument::Higher => "higher".to_owned(),
                        },
                    )
                })
                .collect(),
            follow_up_internal: match d.follow_up.internal {
                InternalFollowUpDocument::Tertial => "tertial".into(),
                InternalFollowUpDocument::Yearly => "yearly".into(),
            },
            final_report_year: d.follow_up.final_report.year.to_string(),
            final_report_quarter: d.follow_up.final_report.quarter.to_string(),
            signed_on: d.signed_on.map(|d| d.to_string()).unwrap_or_default(),
            signatories: d
                .signatories
                .iter()
                .map(|s| format!("{}, {}", s.name, s.role))
                .collect::<Vec<_>>()
                .join("\n"),
            english_title: english.title.unwrap_or_default(),
            english_aim: english.aim.unwrap_or_default(),
            english_focus_areas: english.focus_areas.join("\n"),
            english_focus_text: english.focus_text.unwrap_or_default(),
            english_outcome_text: english.outcome_goal.unwrap_or_default(),
        }
    }

    /// The promise's texts as this form has them (Swedish and English), on `stored`.
    fn texts_of(&self, doc: &mut PromiseDocument) {
        doc.title = self.title.clone();
        doc.aim = self.aim.clone();
        doc.focus_areas = self
            .focus_areas
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        doc.focus_text = optional_text(&self.focus_text);
        doc.outcome_goal.text = self.outcome_text.clone();
        let english = lofte_domain::exchange::EnglishDocument {
            title: optional_text(&self.english_title),
            aim: optional_text(&self.english_aim),
            focus_areas: self
                .english_focus_areas
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            focus_text: optional_text(&self.english_focus_text),
            outcome_goal: optional_text(&self.english_outcome_text),
        };
        doc.english = english.written();
    }

    /// The promise with this form's fields, or every problem with its field path.
    fn apply(&self, stored: &Promise) -> Result<Promise, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |path: &str, raw: &str| -> i32 {
            match optional_number::<i32>(raw) {
                Ok(Some(n)) => n,
                Ok(None) => {
                    errors.push(FieldError::new(path, Problem::Required));
                    0
                }
                Err(p) => {
                    errors.push(FieldError::new(path, p));
                    0
                }
            }
        };
        let measured = number("outcome_goal.measured_in", &self.outcome_measured_in);
        let report_year = number("follow_up.final_report.year", &self.final_report_year);
        let quarter = number("follow_up.final_report.quarter", &self.final_report_quarter);
        let signed_on = match self.signed_on.trim() {
            "" => None,
            raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FieldError::new("signed_on", Problem::Date));
                    None
                }
            },
        };
        let mut signatories = Vec::new();
        for line in self.signatories.lines().filter(|l| !l.trim().is_empty()) {
            match line.split_once(',') {
                Some((name, role)) => signatories.push(SignatoryDocument {
                    name: name.trim().to_owned(),
                    role: role.trim().to_owned(),
                }),
                // Without the comma there is no role: say how to write it, once.
                None if errors.iter().any(|e| e.path == "signatories") => {}
                None => errors.push(FieldError::new("signatories", Problem::Signatory)),
            }
        }
        let mut doc = PromiseDocument::from(stored);
        self.texts_of(&mut doc);
        doc.outcome_goal.measured_in = measured;
        doc.outcome_goal.baseline_year = match optional_number::<i32>(&self.outcome_baseline) {
            Ok(year) => year,
            Err(p) => {
                errors.push(FieldError::new("outcome_goal.baseline_year", p));
                None
            }
        };
        // Chosen indicators keep their order; new ones follow by code.
        let chosen = |code: &str| match self
            .indicator_choices
            .get(&format!("indicator-{code}"))
            .map(String::as_str)
        {
            Some("lower") => Some(BetterDocument::Lower),
            Some("higher") => Some(BetterDocument::Higher),
            _ => None,
        };
        let mut codes: Vec<String> = doc
            .outcome_goal
            .indicators
            .iter()
            .map(|i| i.indicator.clone())
            .collect();
        let mut new: Vec<String> = self
            .indicator_choices
            .keys()
            .filter_map(|k| k.strip_prefix("indicator-"))
            .filter(|c| !codes.iter().any(|known| known == c))
            .map(str::to_owned)
            .collect();
        new.sort();
        codes.extend(new);
        doc.outcome_goal.indicators = codes
            .into_iter()
            .filter_map(|code| {
                chosen(&code).map(|better| OutcomeIndicatorDocument {
                    indicator: code,
                    better,
                })
            })
            .collect();
        doc.follow_up.internal = match self.follow_up_internal.as_str() {
            "yearly" => InternalFollowUpDocument::Yearly,
            _ => InternalFollowUpDocument::Tertial,
        };
        doc.follow_up.final_report.year = report_year;
        doc.follow_up.final_report.quarter = u8::try_from(quarter).unwrap_or(0);
        doc.signed_on = signed_on;
        doc.signatories = signatories;
        match doc.into_promise() {
            Ok(p) if errors.is_empty() => Ok(p),
            Ok(_) => Err(errors),
            Err(more) => Err(form_and_document_errors(errors, more)),
        }
    }
}

fn promise_field(path: &str) -> Option<&'static str> {
    Some(match path {
        "title" => "title",
        "aim" => "aim",
        "focus_text" => "focus_text",
        "outcome_goal.text" => "outcome_text",
        "outcome_goal.measured_in" => "outcome_measured_in",
        "outcome_goal.baseline_year" => "outcome_baseline",
        "follow_up.final_report.year" => "final_report_year",
        "follow_up.final_report.quarter" => "final_report_quarter",
        "signed_on" => "signed_on",
        p if p.starts_with("focus_areas") => "focus_areas",
        p if p.starts_with("signatories") => "signatories",
        "english.title" => "english_title",
        "english.aim" => "english_aim",
        "english.focus_text" => "english_focus_text",
        "english.outcome_goal" => "english_outcome_text",
        p if p.starts_with("english.focus_areas") => "english_focus_areas",
        _ => return None,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_promise_edit.html")]
pub struct PromiseEditPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: String,
    summary: Vec<SummaryItem>,
    title: Field,
    aim: Field,
    focus_areas: Field,
    focus_text: Field,
    outcome_text: Field,
    outcome_measured_in: Field,
    outcome_baseline: Field,
    /// One choice per indicator of the survey codebook (empty without a codebook).
    indicator_fields: Vec<(Field, Vec<Choice>)>,
    follow_up_internal: Field,
    follow_up_choices: Vec<Choice>,
    final_report_year: Field,
    final_report_quarter: Field,
    signed_on: Field,
    signatories: Field,
    english: EnglishFields,
}

/// The English versions of a promise's texts, each optional.
pub struct EnglishFields {
    title: Field,
    aim: Field,
    focus_areas: Field,
    focus_text: Field,
    outcome_text: Field,
}

impl EnglishFields {
    fn new(lang: Lang, form: &PromiseForm) -> Self {
        let field = |name, value: &String| Field::new(lang, name, value.clone()).written_in("en");
        EnglishFields {
            title: field("english_title", &form.english_title),
            aim: field("english_aim", &form.english_aim),
            focus_areas: field("english_focus_areas", &form.english_focus_areas),
            focus_text: field("english_focus_text", &form.english_focus_text),
            outcome_text: field("english_outcome_text", &form.english_outcome_text),
        }
    }

    fn all(&mut self) -> [&mut Field; 5] {
        [
            &mut self.title,
            &mut self.aim,
            &mut self.focus_areas,
            &mut self.focus_text,
            &mut self.outcome_text,
        ]
    }
}

pub(super) fn promise_edit_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    heading: String,
    form: &PromiseForm,
    errors: &[FieldError],
    indicators: &[lofte_domain::survey::Indicator],
) -> PromiseEditPage {
    let action = format!("{base}/andra");
    let mut page = PromiseEditPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        back: base.to_owned(),
        version: form.version.clone(),
        summary: Vec::new(),
        title: Field::new(lang, "title", form.title.clone()),
        aim: Field::new(lang, "aim", form.aim.clone()),
        focus_areas: Field::new(lang, "focus_areas", form.focus_areas.clone()),
        focus_text: Field::new(lang, "focus_text", form.focus_text.clone()),
        outcome_text: Field::new(lang, "outcome_text", form.outcome_text.clone()),
        outcome_measured_in: Field::new(
            lang,
            "outcome_measured_in",
            form.outcome_measured_in.clone(),
        ),
        outcome_baseline: Field::new(lang, "outcome_baseline", form.outcome_baseline.clone()),
        indicator_fields: indicators
            .iter()
            .map(|i| {
                let name = format!("indicator-{}", i.code);
                let current = form
                    .indicator_choices
                    .get(&name)
                    .cloned()
                    .unwrap_or_default();
                let mut field = Field::new(lang, "outcome_indicator", current.clone());
                field.label = i.name.in_lang(lang == Lang::En).to_owned();
                field.hint = None;
                field.name = name.into();
                (
                    field,
                    choices(
                        lang,
                        &current,
                        &[
                            ("", "outcome-indicator-unused"),
                            ("lower", "outcome-option-lower"),
                            ("higher", "outcome-option-higher"),
                        ],
                    ),
                )
            })
            .collect(),
        follow_up_internal: Field::new(lang, "follow_up_internal", form.follow_up_internal.clone()),
        follow_up_choices: choices(
            lang,
            &form.follow_up_internal,
            &[
                ("tertial", "follow-up-option-tertial"),
                ("yearly", "follow-up-option-yearly"),
            ],
        ),
        final_report_year: Field::new(lang, "final_report_year", form.final_report_year.clone()),
        final_report_quarter: Field::new(
            lang,
            "final_report_quarter",
            form.final_report_quarter.clone(),
        ),
        signed_on: Field::new(lang, "signed_on", form.signed_on.clone()),
        signatories: Field::new(lang, "signatories", form.signatories.clone()),
        english: EnglishFields::new(lang, form),
        action,
    };
    let [e1, e2, e3, e4, e5] = page.english.all();
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.title,
            &mut page.aim,
            &mut page.focus_areas,
            &mut page.focus_text,
            &mut page.outcome_text,
            &mut page.outcome_measured_in,
            &mut page.outcome_baseline,
            &mut page.final_report_year,
            &mut page.final_report_quarter,
            &mut page.signed_on,
            &mut page.signatories,
            e1,
            e2,
            e3,
            e4,
            e5,
        ],
        promise_field,
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    page
}

/// The indicators a promise's outcome goal can be linked to.
pub(super) async fn survey_indicators(
    tenant: &lofte_db::Tenant,
) -> Result<Vec<lofte_domain::survey::Indicator>, PageError> {
    Ok(tenant
        .survey_codebook()
        .await?
        .map(|c| c.indicators)
        .unwrap_or_default())
}

pub async fn edit_page(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<PromiseEditPage, PageError> {
    let base = super::promise_href(&tenant, &stored);
    let heading = lang.t_args(
        "edit-promise-title",
        &[("title", stored.promise.title.to_string())],
    );
    let form = PromiseForm::from_promise(&stored.promise, stored.version);
    let indicators = survey_indicators(&tenant).await?;
    Ok(promise_edit_page(
        lang,
        &staff,
        &base,
        heading,
        &form,
        &[],
        &indicators,
    ))
}

pub async fn edit(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    Form(form): Form<PromiseForm>,
) -> Result<Response, PageError> {
    let base = super::promise_href(&tenant, &stored);
    let heading = lang.t_args(
        "edit-promise-title",
        &[("title", stored.promise.title.to_string())],
    );
    let indicators = survey_indicators(&tenant).await?;
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            promise_edit_page(
                lang,
                &staff,
                &base,
                heading.clone(),
                &form,
                &errors,
                &indicators,
            ),
        )
            .into_response()
    };
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    let new = match form.apply(&stored.promise) {
        Ok(p) => p,
        Err(errors) => return Ok(invalid(errors)),
    };
    match tenant
        .update_promise(staff.actor, stored.id, version, &new)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => Ok(conflict_page(
            lang,
            &staff,
            &base,
            promise_lines(&new),
            promise_lines(&conflict.current),
            conflict.current_version,
        )),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::from(e)),
    }
}

pub(super) fn promise_lines(p: &Promise) -> Vec<String> {
    vec![
        p.title.to_string(),
        p.aim.to_string(),
        p.outcome_goal.text.to_string(),
    ]
}
