//! Moderation of residents' inputs (`/personal/kommun/{code}/synpunkter`): each waiting
//! input with its text in an editable field (to take out names before publishing), a
//! publish button, and a hide button that needs a reason. Every decision is audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_db::Tenant;
use lofte_db::citizen_inputs::Moderation;
use lofte_domain::citizen::{InputStatus, NewInput};
use lofte_domain::{Problem, Text};
use lofte_i18n::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

pub struct QueueItem {
    pub id: i32,
    pub action: String,
    pub received: String,
    pub category: String,
    pub place: String,
    pub about: String,
    /// "59.05781, 16.58702" when the resident marked a point on the map.
    pub marked: Option<String>,
    pub text: String,
    /// A problem with this item's last submission, shown beside it.
    pub error: Option<String>,
    pub commitments: Vec<crate::staff::forms::Choice>,
    pub focus_areas: Vec<crate::staff::forms::Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_inputs.html")]
pub struct QueuePage {
    chrome: Chrome,
    municipality: String,
    public_href: String,
    /// Stem of the staff exports (`.csv`, `.geojson`).
    export_href: String,
    self_href: String,
    done: Option<String>,
    items: Vec<QueueItem>,
}

async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    done: Option<String>,
    error: Option<(i32, String, String)>,
) -> Result<QueuePage, PageError> {
    let m = tenant.municipality();
    let base = format!("/personal/kommun/{}/synpunkter", m.code);
    let mut chrome = super::chrome(lang, staff, &base, lang.t("staff-inputs-title"));
    if error.is_some() {
        chrome.title = lang.t_args("title-with-errors", &[("title", chrome.title.clone())]);
    }
    let places = state
        .db
        .places(&m.code)
        .await
        .map_err(PageError::internal(lang))?;
    let name = |slug: &str| crate::views::place_name(&places, slug);
    let pending = tenant
        .inputs(InputStatus::Pending)
        .await
        .map_err(PageError::internal(lang))?;
    let links = super::link_choices(lang, tenant, &Default::default()).await?;
    Ok(QueuePage {
        municipality: m.official_name.to_string(),
        public_href: format!("/kommun/{}/synpunkter", m.code),
        export_href: base.clone(),
        self_href: base.clone(),
        done,
        items: pending
            .into_iter()
            .map(|i| {
                let (error, text) = match &error {
                    Some((id, message, text)) if *id == i.id => {
                        (Some(message.clone()), text.clone())
                    }
                    _ => (None, i.text.clone()),
                };
                QueueItem {
                    action: format!("{base}/{}", i.id),
                    id: i.id,
                    received: i
                        .received_at
                        .with_timezone(&chrono_tz::Europe::Stockholm)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                    category: crate::input::category_name(lang, i.category),
                    place: [
                        Some(name(i.locality.as_str())),
                        i.place.as_ref().map(|p| name(p.as_str())),
                        i.address.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                    marked: i.point.map(|p| format!("{:.5}, {:.5}", p.lat(), p.lon())),
                    about: [
                        i.age_band
                            .map(|a| lang.t(&format!("input-age-{}", a.code()))),
                        i.gender
                            .map(|g| lang.t(&format!("input-gender-{}", g.code()))),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", "),
                    text,
                    error,
                    focus_areas: links
                        .focus_areas
                        .iter()
                        .map(|c| crate::staff::forms::Choice {
                            value: c.value.clone(),
                            label: c.label.clone(),
                            selected: c.selected,
                        })
                        .collect(),
                    commitments: links
                        .commitments
                        .iter()
                        .map(|c| crate::staff::forms::Choice {
                            value: c.value.clone(),
                            label: c.label.clone(),
                            selected: c.selected,
                        })
                        .collect(),
                }
            })
            .collect(),
        chrome,
    })
}

pub async fn queue(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<QueuePage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    page(&state, lang, &staff, &tenant, None, None).await
}

#[derive(Deserialize, Default)]
pub struct ModerationForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    commitment: String,
    #[serde(default)]
    focus_link: String,
}

pub async fn moderate(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
    Form(form): Form<ModerationForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let (action, field, raw, max) = if form.action == "hide" {
        ("hide", "field-moderation-reason", &form.reason, Text::SHORT)
    } else {
        (
            "publish",
            "field-moderation-text",
            &form.text,
            NewInput::MAX_TEXT,
        )
    };
    let value = match raw.trim() {
        "" => Err(Problem::Required),
        v => Text::parse(v, max),
    };
    let value = match value {
        Ok(v) => v,
        Err(problem) => {
            let message = format!("{}: {}", lang.t(field), lang.problem(&problem));
            let page = page(
                &state,
                lang,
                &staff,
                &tenant,
                None,
                Some((id, message, form.text.clone())),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let moderation = if action == "hide" {
        Moderation::Hide { reason: value }
    } else {
        Moderation::Publish {
            text: value,
            links: super::chosen_links(&form.commitment, &form.focus_link),
        }
    };
    match tenant.moderate_input(staff.actor, id, &moderation).await {
        Ok(()) => {}
        Err(lofte_db::Error::NotFound) => return Err(PageError::NotFound { lang, detail: None }),
        Err(lofte_db::Error::Invalid(errors)) => {
            // A link to something this municipality does not have.
            let message = errors
                .iter()
                .map(|e| {
                    let field = if e.path == "focus" {
                        "field-focus-link"
                    } else {
                        "field-commitment"
                    };
                    format!("{}: {}", lang.t(field), lang.problem(&e.problem))
                })
                .collect::<Vec<_>>()
                .join(" ");
            let page = page(
                &state,
                lang,
                &staff,
                &tenant,
                None,
                Some((id, message, form.text.clone())),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(PageError::internal(lang)(e)),
    }
    let done = lang.t(if action == "hide" {
        "staff-inputs-hidden"
    } else {
        "staff-inputs-published"
    });
    Ok(page(&state, lang, &staff, &tenant, Some(done), None)
        .await?
        .into_response())
}

/// Every input kept, with moderation status, age band and gender, as CSV.
pub async fn export_csv(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    crate::input::csv_response(
        &state,
        lang,
        &code,
        crate::input::Audience::Staff,
        &Default::default(),
    )
    .await
}

/// The same as GeoJSON.
pub async fn export_geojson(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    crate::input::geojson_response(
        &state,
        lang,
        &code,
        crate::input::Audience::Staff,
        &Default::default(),
    )
    .await
}
