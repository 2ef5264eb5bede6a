//! Correcting a closed promise's texts (`/personal/kommun/{code}/{year}/rattelse`).
//!
//! A closed promise is the record of a year that is over: its commitments, targets and
//! plan no longer change. A typo in it, or a missing English version, may still be put
//! right. The form holds every text of the promise, in Swedish and English, one field
//! each, so that nothing but texts can change and the number of focus areas and
//! commitments stays as it was. The correction is public at once, dated, with the note
//! the coordinator writes ([`lofte_db::Tenant::correct_promise`]).

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Extension;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::StoredPromise;
use lofte_domain::exchange::{CommitmentEnglishDocument, EnglishDocument, PromiseDocument};
use lofte_domain::{FieldError, Problem, Promise, PromiseStatus, Text};
use lofte_i18n::Lang;
use std::collections::HashMap;

use super::chrome;
use super::forms::{Field, SummaryItem, optional_text, place_errors};
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::{Chrome, party_heading};

/// A text of the promise and its English version, side by side in the form.
pub struct TextPair {
    pub swedish: Field,
    pub english: Field,
    /// Rows of the text areas; a title is one line.
    pub rows: u8,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_promise_correct.html")]
pub struct CorrectionPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: String,
    summary: Vec<SummaryItem>,
    note: Field,
    /// Title, aim, focus text, outcome goal.
    promise_texts: Vec<TextPair>,
    focus_areas: Vec<TextPair>,
    commitments: Vec<TextPair>,
}

/// The form's value for `name`: what was sent, or on first showing what is stored.
fn value(form: &HashMap<String, String>, name: &str) -> String {
    form.get(name).cloned().unwrap_or_default()
}

/// Every field of the form with what the stored promise holds.
fn stored_values(p: &Promise) -> HashMap<String, String> {
    let english = &p.english;
    let text = |t: Option<&Text>| t.map(ToString::to_string).unwrap_or_default();
    let mut form = HashMap::from([
        ("title".to_owned(), p.title.to_string()),
        ("english_title".to_owned(), text(english.title.as_ref())),
        ("aim".to_owned(), p.aim.to_string()),
        ("english_aim".to_owned(), text(english.aim.as_ref())),
        ("focus_text".to_owned(), text(p.focus_text.as_ref())),
        (
            "english_focus_text".to_owned(),
            text(english.focus_text.as_ref()),
        ),
        ("outcome_text".to_owned(), p.outcome_goal.text.to_string()),
        (
            "english_outcome_text".to_owned(),
            text(english.outcome_goal.as_ref()),
        ),
    ]);
    for (i, area) in p.focus_areas.iter().enumerate() {
        form.insert(format!("focus_{i}"), area.to_string());
        form.insert(
            format!("english_focus_{i}"),
            text(english.focus_areas.get(i)),
        );
    }
    for (i, c) in p.commitments.iter().enumerate() {
        form.insert(format!("commitment_{i}"), c.text.to_string());
        form.insert(format!("english_commitment_{i}"), text(c.english.as_ref()));
    }
    form
}

/// The promise with the form's texts, or every problem with its field path.
fn corrected(stored: &Promise, form: &HashMap<String, String>) -> Result<Promise, Vec<FieldError>> {
    let optional = |name: &str| optional_text(&value(form, name));
    let mut doc = PromiseDocument::from(stored);
    doc.title = value(form, "title");
    doc.aim = value(form, "aim");
    if doc.focus_text.is_some() {
        doc.focus_text = Some(value(form, "focus_text"));
    }
    doc.outcome_goal.text = value(form, "outcome_text");
    for (i, area) in doc.focus_areas.iter_mut().enumerate() {
        *area = value(form, &format!("focus_{i}"));
    }
    let english_areas: Vec<Option<String>> = (0..doc.focus_areas.len())
        .map(|i| optional(&format!("english_focus_{i}")))
        .collect();
    let english = EnglishDocument {
        title: optional("english_title"),
        aim: optional("english_aim"),
        focus_areas: english_areas.iter().flatten().cloned().collect(),
        focus_text: optional("english_focus_text").filter(|_| doc.focus_text.is_some()),
        outcome_goal: optional("english_outcome_text"),
    };
    doc.english = english.written();
    for (i, c) in doc.commitments.iter_mut().enumerate() {
        c.text = value(form, &format!("commitment_{i}"));
        c.english = optional(&format!("english_commitment_{i}"))
            .map(|text| CommitmentEnglishDocument { text });
    }
    doc.into_promise()
}

/// The form field a problem's path belongs to.
fn field_of(path: &str) -> Option<String> {
    let indexed = |prefix: &str, rest: &str| -> Option<usize> {
        rest.strip_prefix(prefix)?.split(']').next()?.parse().ok()
    };
    Some(match path {
        "title" | "aim" | "focus_text" | "note" => path.to_owned(),
        "outcome_goal.text" => "outcome_text".to_owned(),
        "english.title" => "english_title".to_owned(),
        "english.aim" => "english_aim".to_owned(),
        "english.focus_text" => "english_focus_text".to_owned(),
        "english.outcome_goal" => "english_outcome_text".to_owned(),
        // Too few English names: the first focus area's English field takes the message.
        "english.focus_areas" => "english_focus_0".to_owned(),
        p if p.starts_with("english.focus_areas[") => {
            format!("english_focus_{}", indexed("english.focus_areas[", p)?)
        }
        p if p.starts_with("focus_areas[") => format!("focus_{}", indexed("focus_areas[", p)?),
        p if p.starts_with("commitments[") && p.ends_with("].english.text") => {
            format!("english_commitment_{}", indexed("commitments[", p)?)
        }
        p if p.starts_with("commitments[") => {
            format!("commitment_{}", indexed("commitments[", p)?)
        }
        _ => return None,
    })
}

fn correction_page(
    lang: Lang,
    staff: &Staff,
    m: &lofte_domain::Municipality,
    base: &str,
    stored: &StoredPromise,
    form: &HashMap<String, String>,
    errors: &[FieldError],
) -> CorrectionPage {
    let p = &stored.promise;
    let action = format!("{base}/rattelse");
    let heading = lang.t_args(
        "promise-correct-title",
        &[("title", stored.promise.title.to_string())],
    );
    let named = |name: String, label: String, english: bool| {
        let mut field = Field::new(lang, "correction_note", value(form, &name));
        field.name = name.into();
        field.label = label;
        field.hint = None;
        if english {
            field = field.written_in("en");
        }
        field
    };
    let pair = |name: &str, label_key: &str, rows: u8| TextPair {
        swedish: named(name.to_owned(), lang.t(label_key), false),
        english: named(
            format!("english_{name}"),
            lang.t_args(
                "promise-correct-in-english",
                &[("label", lang.t(label_key))],
            ),
            true,
        ),
        rows,
    };
    let mut promise_texts = vec![pair("title", "field-title", 1), pair("aim", "field-aim", 3)];
    if p.focus_text.is_some() {
        promise_texts.push(pair("focus_text", "field-focus-text", 4));
    }
    promise_texts.push(pair("outcome_text", "field-outcome-text", 3));
    let focus_areas = (0..p.focus_areas.len())
        .map(|i| {
            let label = lang.t_args("promise-correct-focus", &[("number", (i + 1).to_string())]);
            TextPair {
                swedish: named(format!("focus_{i}"), label.clone(), false),
                english: named(
                    format!("english_focus_{i}"),
                    lang.t_args("promise-correct-in-english", &[("label", label)]),
                    true,
                ),
                rows: 1,
            }
        })
        .collect();
    // Numbered as the page and the reports number them.
    let commitments = p
        .page_order()
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            let label = lang.t_args(
                "promise-correct-commitment",
                &[
                    ("number", (n + 1).to_string()),
                    ("party", party_heading(lang, m, &p.commitments[i].party)),
                ],
            );
            TextPair {
                swedish: named(format!("commitment_{i}"), label.clone(), false),
                english: named(
                    format!("english_commitment_{i}"),
                    lang.t_args("promise-correct-in-english", &[("label", label)]),
                    true,
                ),
                rows: 4,
            }
        })
        .collect();
    let mut page = CorrectionPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        back: base.to_owned(),
        action,
        version: form
            .get("version")
            .cloned()
            .unwrap_or_else(|| stored.version.to_string()),
        summary: Vec::new(),
        note: Field::new(lang, "correction_note", value(form, "note")),
        promise_texts,
        focus_areas,
        commitments,
    };
    page.note.name = "note".into();
    page.note.hint = Some(lang.t("promise-correct-note-hint"));
    let mut fields: Vec<&mut Field> = vec![&mut page.note];
    for pair in page
        .promise_texts
        .iter_mut()
        .chain(page.focus_areas.iter_mut())
        .chain(page.commitments.iter_mut())
    {
        fields.push(&mut pair.swedish);
        fields.push(&mut pair.english);
    }
    page.summary = place_errors(lang, errors, &mut fields, field_of);
    page.chrome.mark_errors(!page.summary.is_empty());
    page
}

/// Only a closed promise is corrected here; any other goes back to its page, where it
/// is edited as usual.
fn closed(stored: &StoredPromise) -> bool {
    stored.promise.status == PromiseStatus::Closed
}

pub async fn page(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<Response, PageError> {
    let base = super::promise_href(&tenant, &stored);
    if !closed(&stored) {
        return Ok(Redirect::to(&base).into_response());
    }
    let form = stored_values(&stored.promise);
    Ok(correction_page(
        lang,
        &staff,
        tenant.municipality(),
        &base,
        &stored,
        &form,
        &[],
    )
    .into_response())
}

pub async fn correct(
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let base = super::promise_href(&tenant, &stored);
    if !closed(&stored) {
        return Ok(Redirect::to(&base).into_response());
    }
    let refused = |errors: Vec<FieldError>, status: StatusCode| {
        (
            status,
            correction_page(
                lang,
                &staff,
                tenant.municipality(),
                &base,
                &stored,
                &form,
                &errors,
            ),
        )
            .into_response()
    };
    let note = Text::parse(&value(&form, "note"), Text::SHORT);
    let new = corrected(&stored.promise, &form);
    let (new, note) = match (new, note) {
        (Ok(new), Ok(note)) => (new, note),
        (new, note) => {
            let mut errors = Vec::new();
            if let Err(problem) = note {
                // An empty note is a missing one: say what to write.
                let problem = match problem {
                    Problem::Empty => Problem::Required,
                    other => other,
                };
                errors.push(FieldError::new("note", problem));
            }
            errors.extend(new.err().unwrap_or_default());
            return Ok(refused(errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    if new == stored.promise {
        return Ok(Redirect::to(&base).into_response());
    }
    let version = value(&form, "version").trim().parse::<i32>().unwrap_or(0);
    match tenant
        .correct_promise(staff.actor, stored.id, version, &new, &note)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&format!("{base}?sparat=rattad")).into_response()),
        Ok(Err(_)) => Ok(refused(
            vec![FieldError::new("", Problem::StaleVersion)],
            StatusCode::CONFLICT,
        )),
        Err(lofte_db::Error::Invalid(errors)) => {
            Ok(refused(errors, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(PageError::from(e)),
    }
}
