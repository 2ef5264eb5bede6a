//! The units residents' inputs are routed to (`/personal/kommun/{code}/enheter`): the
//! list, adding one with its shared mailbox, and removing one. The case form
//! (`input_case`) chooses among them, and a unit with a mailbox is told by e-mail.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::Tenant;
use lofte_domain::{Email, FieldError, Problem, Text};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{Field, SummaryItem, place_errors};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Deserialize, Default)]
pub struct UnitForm {
    #[serde(default)]
    unit_name: String,
    #[serde(default)]
    unit_email: String,
}

/// One row of the list.
pub struct UnitRow {
    pub name: String,
    pub email: Option<String>,
    pub remove_action: String,
    pub remove_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_units.html")]
pub struct UnitsPage {
    chrome: Chrome,
    municipality: String,
    action: String,
    rows: Vec<UnitRow>,
    summary: Vec<SummaryItem>,
    name: Field,
    email: Field,
}

impl UnitForm {
    /// The unit's name and mailbox, or every problem with them.
    fn parse(&self) -> Result<(Text, Option<Email>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = match self.unit_name.trim() {
            "" => Err(Problem::Required),
            v => Text::parse(v, Text::SHORT),
        }
        .map_err(|p| errors.push(FieldError::new("unit_name", p)))
        .ok();
        let email = match self.unit_email.trim() {
            "" => None,
            raw => Email::parse(raw)
                .ok()
                .filter(|e| lofte_mail::valid_address(e.as_str()))
                .ok_or_else(|| errors.push(FieldError::new("unit_email", Problem::Email)))
                .ok(),
        };
        match name {
            Some(name) if errors.is_empty() => Ok((name, email)),
            _ => Err(errors),
        }
    }
}

async fn page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    form: &UnitForm,
    errors: &[FieldError],
) -> Result<UnitsPage, PageError> {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/enheter", m.code);
    let mut p = UnitsPage {
        chrome: super::chrome(lang, staff, &action, lang.t("units-title")),
        municipality: m.official_name.to_string(),
        rows: tenant
            .units()
            .await?
            .into_iter()
            .map(|u| UnitRow {
                remove_action: format!("{action}/{}/ta-bort", u.id),
                remove_label: lang.t_args("units-remove-named", &[("name", u.name.clone())]),
                name: u.name,
                email: u.email,
            })
            .collect(),
        summary: Vec::new(),
        name: Field::new(lang, "unit_name", form.unit_name.clone()),
        email: Field::new(lang, "unit_email", form.unit_email.clone()).autocomplete("off"),
        action,
    };
    p.summary = place_errors(lang, errors, &mut [&mut p.name, &mut p.email], |path| {
        Some(match path {
            "unit_name" => "unit_name",
            "unit_email" => "unit_email",
            _ => return None,
        })
    });
    p.chrome.mark_errors(!p.summary.is_empty());
    Ok(p)
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<UnitsPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    page(lang, &staff, &tenant, &UnitForm::default(), &[]).await
}

pub async fn add(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(form): Form<UnitForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let errors = match form.parse() {
        Ok((name, email)) => match tenant.add_unit(staff.actor, &name, email.as_ref()).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/personal/kommun/{}/enheter",
                    tenant.municipality().code
                ))
                .into_response());
            }
            Err(lofte_db::Error::Invalid(errors)) => errors,
            Err(e) => return Err(e.into()),
        },
        Err(errors) => errors,
    };
    let page = page(lang, &staff, &tenant, &form, &errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    match tenant.remove_unit(staff.actor, id).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/personal/kommun/{}/enheter",
            tenant.municipality().code
        ))
        .into_response()),
        Err(lofte_db::Error::NotFound) => Err(PageError::NotFound { lang, detail: None }),
        Err(e) => Err(e.into()),
    }
}
