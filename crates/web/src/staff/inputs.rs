//! Moderation of residents' inputs (`/personal/kommun/{code}/synpunkter`): each waiting
//! input with its text and typed address in editable fields (to take out names and phone
//! numbers before publishing), the point marked on the map to keep approximate, confirm as
//! a public place, move or remove, a publish button, and a hide button that needs a reason.
//! Every decision is audited (without the resident's words: `Tenant::moderate_input`).

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
    /// The point marked on the map, as the form shows it, if any.
    pub point: Option<PointFields>,
    pub text: String,
    /// The address the resident typed, if any (the field is shown only then).
    pub address: Option<String>,
    /// A problem with this item's last submission, shown beside it.
    pub error: Option<String>,
    pub commitments: Vec<crate::staff::forms::Choice>,
    pub focus_areas: Vec<crate::staff::forms::Choice>,
}

/// The marked point in the moderation form: where it is and what the public will see.
pub struct PointFields {
    pub lat: String,
    pub lon: String,
    /// `approximate`, `exact` or `remove`.
    pub choice: String,
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
    /// Published inputs, each a case to handle.
    cases: Vec<CaseRow>,
}

/// A published input in the list of cases.
pub struct CaseRow {
    pub reference: String,
    pub href: String,
    pub category: String,
    pub place: String,
    /// Where it stands: the action's status, "replied", or "not handled yet".
    pub state: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    done: Option<String>,
    error: Option<(i32, String, ModerationForm)>,
) -> Result<QueuePage, PageError> {
    let m = tenant.municipality();
    let base = format!("/personal/kommun/{}/synpunkter", m.code);
    let mut chrome = super::chrome(lang, staff, &base, lang.t("staff-inputs-title"));
    chrome.mark_errors(error.is_some());
    let places = state.db.places(&m.code).await?;
    let name = |slug: &str| crate::views::place_name(&places, slug);
    let pending = tenant.inputs(InputStatus::Pending).await?;
    // A resident writes about today: only the current promise's commitments.
    let links =
        super::link_choices(lang, tenant, &Default::default(), super::LinkScope::Current).await?;
    let cases = tenant
        .inputs(InputStatus::Published)
        .await?
        .into_iter()
        .map(|i| CaseRow {
            reference: crate::input::reference(m.code.as_str(), i.id),
            href: format!("{base}/{}/arende", i.id),
            category: crate::input::category_name(lang, i.category),
            place: name(i.locality.as_str()),
            state: match (&i.case.action, &i.case.reply) {
                (Some(a), _) => lofte_app::words::finding_status_name(lang, a.status),
                (None, Some(_)) => lang.t("staff-cases-replied"),
                (None, None) => lang.t("staff-cases-open"),
            },
        })
        .collect();
    Ok(QueuePage {
        cases,
        municipality: m.official_name.to_string(),
        public_href: format!("/kommun/{}/synpunkter", m.code),
        export_href: base.clone(),
        self_href: base.clone(),
        done,
        items: pending
            .into_iter()
            .map(|i| {
                // After a refused submission the item shows what the moderator sent.
                let sent = match &error {
                    Some((id, message, form)) if *id == i.id => Some((message.clone(), form)),
                    _ => None,
                };
                let error = sent.as_ref().map(|(message, _)| message.clone());
                let text = sent
                    .as_ref()
                    .map_or_else(|| i.text.clone(), |(_, f)| f.text.clone());
                let address = i.address.as_ref().map(|stored| {
                    sent.as_ref()
                        .and_then(|(_, f)| f.address.clone())
                        .unwrap_or_else(|| stored.clone())
                });
                let point = i.point.map(|p| match &sent {
                    Some((_, f)) => PointFields {
                        lat: f.lat.clone(),
                        lon: f.lon.clone(),
                        choice: f.point.clone(),
                    },
                    None => PointFields {
                        lat: format!("{:.6}", p.lat()),
                        lon: format!("{:.6}", p.lon()),
                        choice: "approximate".to_owned(),
                    },
                });
                QueueItem {
                    action: format!("{base}/{}", i.id),
                    id: i.id,
                    received: i
                        .received_at
                        .with_timezone(&chrono_tz::Europe::Stockholm)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                    category: crate::input::category_name(lang, i.category),
                    place: crate::input::input_place(&places, &i),
                    point,
                    address,
                    about: [
                        i.age_band.map(|a| lang.name(&a)),
                        i.gender.map(|g| lang.name(&g)),
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
    /// Absent when the input has no typed address (or the form predates the field).
    address: Option<String>,
    /// What the public sees of the marked point: `approximate`, `exact` or `remove`.
    #[serde(default)]
    point: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
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
    let moderation = match parse_moderation(&form) {
        Ok(m) => m,
        Err((field, problem)) => {
            let message = format!("{}: {}", lang.t(field), lang.problem(&problem));
            let page = page(
                &state,
                lang,
                &staff,
                &tenant,
                None,
                Some((id, message, form)),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let hiding = matches!(moderation, Moderation::Hide { .. });
    // Those who follow its locality, its place or an area holding its point are told
    // once it is published, with the point as the moderator left it.
    let announcements = match (&moderation, &state.mailer) {
        (Moderation::Publish { text, place, .. }, Some(mailer)) => match tenant.input(id).await {
            Ok(mut input) => {
                if let Some(point) = place.point {
                    input.point = point;
                }
                input.point_public = place.point_public;
                crate::notices::input_notices(
                    &tenant.municipality().code,
                    &state.db.places(&tenant.municipality().code).await?,
                    &input,
                    text.as_str(),
                    &crate::notices::InputEvent::Published,
                    mailer.public_url(),
                )
            }
            Err(lofte_db::Error::NotFound) => Vec::new(),
            Err(e) => return Err(e.into()),
        },
        _ => Vec::new(),
    };
    match tenant
        .moderate_input(staff.actor, id, &moderation, &announcements)
        .await
    {
        Ok(()) => {
            if let Some(mailer) = state.mailer.as_ref().filter(|_| !announcements.is_empty()) {
                mailer.wake();
            }
        }
        Err(lofte_db::Error::NotFound) => return Err(PageError::NotFound { lang, detail: None }),
        Err(lofte_db::Error::Invalid(errors)) => {
            // A link to something this municipality does not have.
            let message = errors
                .iter()
                .map(|e| {
                    let field = match e.path.as_str() {
                        "focus" => "field-focus-link",
                        "point" => "field-moderation-point",
                        _ => "field-commitment",
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
                Some((id, message, form)),
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(PageError::from(e)),
    }
    let done = lang.t(if hiding {
        "staff-inputs-hidden"
    } else {
        "staff-inputs-published"
    });
    Ok(page(&state, lang, &staff, &tenant, Some(done), None)
        .await?
        .into_response())
}

/// The moderator's decision from the form, or the field (its message key) and problem.
fn parse_moderation(form: &ModerationForm) -> Result<Moderation, (&'static str, Problem)> {
    let required = |raw: &str, max: usize| match raw.trim() {
        "" => Err(Problem::Required),
        v => Text::parse(v, max),
    };
    if form.action == "hide" {
        let reason =
            required(&form.reason, Text::SHORT).map_err(|p| ("field-moderation-reason", p))?;
        return Ok(Moderation::Hide { reason });
    }
    let text =
        required(&form.text, NewInput::MAX_TEXT).map_err(|p| ("field-moderation-text", p))?;
    let address = match form.address.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(v) => Some(Some(
            Text::parse(v, NewInput::MAX_ADDRESS).map_err(|p| ("field-moderation-address", p))?,
        )),
    };
    // The point's fields are there only when the resident marked a point.
    let point = if form.point == "remove" {
        Some(None)
    } else if form.lat.trim().is_empty() && form.lon.trim().is_empty() {
        None
    } else {
        let number = |raw: &str| {
            raw.trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| ("field-moderation-point", Problem::Coordinates))
        };
        let at = lofte_domain::Coordinates::new(number(&form.lat)?, number(&form.lon)?)
            .map_err(|p| ("field-moderation-point", p))?;
        Some(Some(at))
    };
    Ok(Moderation::Publish {
        text,
        place: lofte_db::citizen_inputs::PlaceEdit {
            address,
            point,
            point_public: form.point == "exact",
        },
        links: super::chosen_links(&form.commitment, &form.focus_link),
    })
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
