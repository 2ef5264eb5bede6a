//! Reporting an incident from a phone (`/personal/kommun/{code}/handelse`): what, where and
//! when in a few taps, a short text without personal data, and the reporting
//! organisation, which the next report keeps. The same parser as the API and the file.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_db::Tenant;
use lofte_domain::incident::{IncidentCategory, IncidentFields, NewIncident};
use lofte_domain::{FieldError, OrganisationKind, Place};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::activity::RadioOption;
use super::forms::{Field, SummaryItem, place_errors};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "staff_incident.html")]
pub struct IncidentPage {
    chrome: Chrome,
    heading: String,
    municipality: String,
    action: String,
    picture_href: String,
    summary: Vec<SummaryItem>,
    saved: Option<String>,
    categories: Vec<RadioOption>,
    category_error: Option<String>,
    places: Vec<RadioOption>,
    place_error: Option<String>,
    when: Field,
    text: Field,
    reporter: Field,
    /// A reporting partner reports as its organisation, which is shown instead of the
    /// reporter field.
    reporting_for: Option<String>,
    /// Shown once the text seemed to hold personal data: the reporter confirms it does not.
    confirm: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct IncidentForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    incident_when: String,
    #[serde(default)]
    incident_text: String,
    #[serde(default)]
    reporter: String,
    #[serde(default)]
    personal_data_checked: Option<String>,
}

impl IncidentForm {
    /// The form's input for a report's field ([`IncidentFields`] names them as the file's
    /// columns).
    fn input_of(field: &str) -> &str {
        match field {
            "date" | "time" => "incident_when",
            "text" => "incident_text",
            other => other,
        }
    }

    /// The report, every problem on the form's field for it.
    async fn parse(
        &self,
        tenant: &Tenant,
    ) -> lofte_db::Result<Result<NewIncident, Vec<FieldError>>> {
        // The browser's datetime-local value, "2024-05-13T22:40".
        let (date, time) = self
            .incident_when
            .trim()
            .split_once('T')
            .unwrap_or((&self.incident_when, ""));
        tenant
            .with_incident_context(|context| {
                IncidentFields {
                    category: &self.category,
                    date,
                    time,
                    place: &self.place,
                    text: &self.incident_text,
                    reporter: &self.reporter,
                    confirmed: self.personal_data_checked.is_some(),
                    ..Default::default()
                }
                .parse(context)
                .map_err(|problems| {
                    problems
                        .into_iter()
                        .map(|(field, p)| FieldError::new(Self::input_of(field), p))
                        .collect()
                })
            })
            .await
    }
}

/// Now in Sweden, as the browser's datetime-local field writes it.
fn now_local() -> String {
    super::activity::now_local()
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The partner organisation the person reports for, whose name is the reporter on every
/// report they make (the database sets it too).
async fn partner_name(tenant: &Tenant, staff: &Staff) -> lofte_db::Result<Option<String>> {
    Ok(tenant
        .reporting_organisation(staff.actor)
        .await?
        .filter(|o| o.kind == OrganisationKind::Partner)
        .map(|o| o.name))
}

fn page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    places: &[Place],
    form: &IncidentForm,
    errors: &[FieldError],
    partner: Option<&str>,
) -> IncidentPage {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/handelse", m.code);
    let radio = |value: &str, label: String, current: &str| RadioOption {
        checked: value == current,
        value: value.to_owned(),
        label,
        lat: None,
        lon: None,
    };
    let mut when = Field::new(lang, "incident_when", form.incident_when.clone());
    let mut text = Field::new(lang, "incident_text", form.incident_text.clone());
    let mut reporter = Field::new(lang, "reporter", form.reporter.clone());
    let summary = place_errors(
        lang,
        errors,
        &mut [&mut when, &mut text, &mut reporter],
        |path| match path {
            "incident_when" => Some("incident_when"),
            "incident_text" => Some("incident_text"),
            "reporter" => Some("reporter"),
            _ => None,
        },
    );
    let error_on = |field: &str| {
        errors
            .iter()
            .find(|e| e.path == field)
            .map(|e| lang.problem(&e.problem))
    };
    let personal_data = errors
        .iter()
        .any(|e| matches!(e.problem, lofte_domain::Problem::PersonalData { .. }));
    let mut chrome = Chrome::new(lang, &action, lang.t("incident-title"));
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    chrome.mark_errors(!summary.is_empty());
    IncidentPage {
        chrome,
        heading: lang.t("incident-title"),
        municipality: m.official_name.to_string(),
        picture_href: format!("/personal/kommun/{}/lagesbild", m.code),
        action,
        summary,
        saved: None,
        categories: IncidentCategory::all()
            .map(|c| radio(c.code(), lang.name(&c), &form.category))
            .collect(),
        category_error: error_on("category"),
        places: places
            .iter()
            .map(|p| RadioOption {
                lat: Some(p.coordinates.lat()),
                lon: Some(p.coordinates.lon()),
                ..radio(p.slug.as_str(), p.name.to_string(), &form.place)
            })
            .collect(),
        place_error: error_on("place"),
        when,
        text,
        reporter,
        reporting_for: partner.map(|name| {
            lang.t_args(
                "incident-reporting-for",
                &[("organisation", name.to_owned())],
            )
        }),
        confirm: personal_data.then(|| lang.t("incident-confirm-no-personal-data")),
    }
}

pub async fn form_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<IncidentPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let places = state.db.places(&tenant.municipality().code).await?;
    let partner = partner_name(&tenant, &staff).await?;
    let form = IncidentForm {
        incident_when: now_local(),
        reporter: partner.clone().unwrap_or_default(),
        ..IncidentForm::default()
    };
    Ok(page(
        lang,
        &staff,
        &tenant,
        &places,
        &form,
        &[],
        partner.as_deref(),
    ))
}

pub async fn report(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(mut form): Form<IncidentForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let places = state.db.places(&tenant.municipality().code).await?;
    let partner = partner_name(&tenant, &staff).await?;
    if let Some(name) = &partner {
        form.reporter.clone_from(name);
    }
    let new = match form.parse(&tenant).await? {
        Ok(new) => new,
        Err(errors) => {
            let page = page(
                lang,
                &staff,
                &tenant,
                &places,
                &form,
                &errors,
                partner.as_deref(),
            );
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    tenant
        .add_incidents(staff.actor, std::slice::from_ref(&new), false)
        .await?;
    // A fresh form for the next one, keeping who reports.
    let next = IncidentForm {
        incident_when: now_local(),
        reporter: form.reporter.clone(),
        ..IncidentForm::default()
    };
    let mut page = page(
        lang,
        &staff,
        &tenant,
        &places,
        &next,
        &[],
        partner.as_deref(),
    );
    let place = new
        .place
        .as_ref()
        .and_then(|slug| places.iter().find(|p| &p.slug == slug))
        .map(|p| p.name.to_string())
        .unwrap_or_default();
    page.saved = Some(lang.t_args(
        "incident-saved",
        &[
            ("category", lang.name(&new.category)),
            ("date", form.incident_when.replace('T', " ")),
            ("place", place),
        ],
    ));
    Ok(page.into_response())
}
