//! A municipality's activity types: the built-in ones and the ones it adds itself, with
//! names in Swedish and English (`/personal/kommun/{code}/aktivitetstyper`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::Tenant;
use lofte_domain::{ActivityTypeCode, FieldError, Text, TypeNames};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{Field, SummaryItem, place_errors};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Deserialize, Default)]
pub struct TypeForm {
    #[serde(default)]
    name_sv_one: String,
    #[serde(default)]
    name_sv_other: String,
    #[serde(default)]
    name_en_one: String,
    #[serde(default)]
    name_en_other: String,
    #[serde(default)]
    code: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    counts_only: Option<String>,
}

/// One row of the list.
pub struct TypeRow {
    pub label: String,
    pub plural: String,
    pub code: String,
    pub own: bool,
    pub counts_only: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_activity_types.html")]
pub struct ActivityTypesPage {
    chrome: Chrome,
    municipality: String,
    action: String,
    rows: Vec<TypeRow>,
    summary: Vec<SummaryItem>,
    name_sv_one: Field,
    name_sv_other: Field,
    name_en_one: Field,
    name_en_other: Field,
    code: Field,
    counts_only: bool,
}

/// A code from a name, for coordinators who do not think in codes: "Hundpatrull i
/// Malmköping" becomes `hundpatrull_i_malmkoping`.
fn code_from(name: &str) -> String {
    let mut code = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ø' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        };
        if c != '_' || !code.ends_with('_') {
            code.push(c);
        }
    }
    code.trim_matches('_').chars().take(64).collect()
}

impl TypeForm {
    fn parse(&self) -> Result<(ActivityTypeCode, TypeNames, bool), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut name = |field: &str, raw: &str| {
            Text::parse(raw, TypeNames::MAX_CHARS)
                .map_err(|p| errors.push(FieldError::new(field, p)))
                .ok()
        };
        let names = (
            name("name_sv_one", &self.name_sv_one),
            name("name_sv_other", &self.name_sv_other),
            name("name_en_one", &self.name_en_one),
            name("name_en_other", &self.name_en_other),
        );
        let raw_code = match self.code.trim() {
            "" => code_from(&self.name_sv_one),
            typed => typed.to_owned(),
        };
        let code = match raw_code.as_str() {
            // No name to make a code of: the name's own error says so.
            "" if self.name_sv_one.trim().is_empty() => None,
            // A name with nothing to make a code of ("???"): ask for one.
            "" => {
                errors.push(FieldError::new("code", lofte_domain::Problem::Required));
                None
            }
            raw => ActivityTypeCode::parse(raw)
                .map_err(|p| errors.push(FieldError::new("code", p)))
                .ok(),
        };
        match (code, names) {
            (Some(code), (Some(sv_one), Some(sv_other), Some(en_one), Some(en_other)))
                if errors.is_empty() =>
            {
                Ok((
                    code,
                    TypeNames {
                        sv_one,
                        sv_other,
                        en_one,
                        en_other,
                    },
                    self.counts_only.is_some(),
                ))
            }
            _ => Err(errors),
        }
    }
}

async fn page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    form: &TypeForm,
    errors: &[FieldError],
) -> Result<ActivityTypesPage, PageError> {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/aktivitetstyper", m.code);
    let types = tenant.activity_types().await?;
    let mut chrome = Chrome::new(lang, &action, lang.t("activity-types-title"));
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    let mut p = ActivityTypesPage {
        chrome,
        municipality: m.official_name.to_string(),
        action,
        rows: types
            .types()
            .iter()
            .map(|t| TypeRow {
                label: lang.activity_label(&types, t.code.as_str()),
                plural: lang.activity_plural(&types, t.code.as_str()),
                code: t.code.to_string(),
                own: !t.is_builtin(),
                counts_only: t.counts_only,
            })
            .collect(),
        summary: Vec::new(),
        name_sv_one: Field::new(lang, "name_sv_one", form.name_sv_one.clone()),
        name_sv_other: Field::new(lang, "name_sv_other", form.name_sv_other.clone()),
        name_en_one: Field::new(lang, "name_en_one", form.name_en_one.clone()),
        name_en_other: Field::new(lang, "name_en_other", form.name_en_other.clone()),
        code: Field::new(lang, "code", form.code.clone()),
        counts_only: form.counts_only.is_some(),
    };
    p.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut p.name_sv_one,
            &mut p.name_sv_other,
            &mut p.name_en_one,
            &mut p.name_en_other,
            &mut p.code,
        ],
        |path| {
            Some(match path {
                "name_sv_one" => "name_sv_one",
                "name_sv_other" => "name_sv_other",
                "name_en_one" => "name_en_one",
                "name_en_other" => "name_en_other",
                "code" => "code",
                _ => return None,
            })
        },
    );
    p.chrome.mark_errors(!p.summary.is_empty());
    Ok(p)
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<ActivityTypesPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    page(lang, &staff, &tenant, &TypeForm::default(), &[]).await
}

pub async fn add(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(form): Form<TypeForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let invalid = async |errors: Vec<FieldError>| -> Result<Response, PageError> {
        let page = page(lang, &staff, &tenant, &form, &errors).await?;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let (code, names, counts_only) = match form.parse() {
        Ok(parsed) => parsed,
        Err(errors) => return invalid(errors).await,
    };
    match tenant
        .add_activity_type(staff.actor, code, names, counts_only)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/personal/kommun/{}/aktivitetstyper",
            tenant.municipality().code
        ))
        .into_response()),
        Err(lofte_db::Error::Invalid(errors)) => invalid(errors).await,
        Err(e) => Err(PageError::from(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::code_from;

    #[test]
    fn codes_come_from_swedish_names() {
        assert_eq!(
            code_from("Hundpatrull i Malmköping"),
            "hundpatrull_i_malmkoping"
        );
        assert_eq!(code_from("  Café-besök!! "), "cafe_besok");
        assert_eq!(code_from("???"), "");
    }
}
