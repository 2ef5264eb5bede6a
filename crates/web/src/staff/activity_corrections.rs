//! Logged work corrected or deleted in the staff area
//! (`/personal/kommun/{code}/logga/aktiviteter`): the latest activities with who logged
//! them; the one who logged an activity and the municipality's coordinators may change
//! it (the logging form, filled in) or delete it (after a confirmation page). The
//! figures change at once; published reports keep theirs.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::Tenant;
use lofte_db::activity_corrections::LoggedActivity;
use lofte_domain::FieldError;
use lofte_i18n::Lang;

use super::activity::{LogForm, LogPage, RadioOption, References, page};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// How many of the latest activities the list shows.
const LISTED: u64 = 200;

pub struct LoggedRow {
    pub when: String,
    pub what: String,
    pub place: String,
    pub minutes: String,
    pub performer: String,
    pub logged_by: String,
    pub synthetic: bool,
    pub edit_href: Option<String>,
    pub edit_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_logged.html")]
pub struct LoggedPage {
    chrome: Chrome,
    heading: String,
    municipality: String,
    log_href: String,
    done: Option<String>,
    rows: Vec<LoggedRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_logged_delete.html")]
pub struct DeletePage {
    chrome: Chrome,
    description: String,
    action: String,
    back: String,
}

/// Whether `staff` may change this activity: they logged it, or coordinate the
/// municipality's promises.
fn may_change(staff: &Staff, tenant: &Tenant, a: &LoggedActivity) -> bool {
    let own = matches!((&staff.user, a.account_id), (Some(u), Some(id)) if u.id == id);
    own || staff.principal.may(
        lofte_domain::Permission::EditPromise,
        &tenant.municipality().code,
    )
}

fn base(tenant: &Tenant) -> String {
    format!(
        "/personal/kommun/{}/logga/aktiviteter",
        tenant.municipality().code
    )
}

fn local(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    at.with_timezone(&chrono_tz::Europe::Stockholm)
        .naive_local()
}

/// "Trafikkontroll 2021-03-05 21:00, Väg 55": the activity in a line.
fn describe(lang: Lang, (types, places): &References, a: &LoggedActivity) -> String {
    format!(
        "{} {}, {}",
        lang.activity_label(types, a.activity.activity_type.as_str()),
        local(a.started_at).format("%Y-%m-%d %H:%M"),
        place_name(lang, places, a),
    )
}

fn performer_words(lang: Lang, performer: &lofte_domain::followup::Performer) -> String {
    use lofte_domain::followup::Performer;
    match performer {
        Performer::Police => lang.t("log-by-police"),
        Performer::Municipality => lang.t("log-by-municipality"),
        Performer::Partner(name) => name.clone(),
    }
}

fn place_name(lang: Lang, places: &[lofte_domain::Place], a: &LoggedActivity) -> String {
    a.activity
        .place
        .as_ref()
        .map(|slug| crate::views::place_name(places, slug.as_str()))
        .unwrap_or_else(|| lang.t("log-no-place"))
}

async fn list_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    done: Option<String>,
) -> Result<LoggedPage, PageError> {
    let refs = super::references(state, tenant).await?;
    let logged = tenant.logged_activities(LISTED).await?;
    let base = base(tenant);
    let heading = lang.t("logged-title");
    let mut chrome = Chrome::new(lang, &base, heading.clone());
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    Ok(LoggedPage {
        chrome,
        heading,
        municipality: tenant.municipality().official_name.to_string(),
        log_href: format!("/personal/kommun/{}/logga", tenant.municipality().code),
        done,
        rows: logged
            .iter()
            .map(|a| LoggedRow {
                when: local(a.started_at).format("%Y-%m-%d %H:%M").to_string(),
                what: lang.activity_label(&refs.0, a.activity.activity_type.as_str()),
                place: place_name(lang, &refs.1, a),
                minutes: a
                    .activity
                    .duration_minutes
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                performer: performer_words(lang, &a.activity.performer),
                logged_by: a
                    .logged_by
                    .clone()
                    .unwrap_or_else(|| lang.t("history-system")),
                synthetic: a.synthetic,
                edit_href: may_change(staff, tenant, a).then(|| format!("{base}/{}", a.id)),
                edit_label: lang.t_args(
                    "logged-change-named",
                    &[("activity", describe(lang, &refs, a))],
                ),
            })
            .collect(),
    })
}

#[derive(serde::Deserialize, Default)]
pub struct DoneQuery {
    /// Set by the redirect after a correction (`andrad`) or a deletion (`borttagen`).
    #[serde(default)]
    andrad: Option<String>,
    #[serde(default)]
    borttagen: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    axum::extract::Query(query): axum::extract::Query<DoneQuery>,
) -> Result<LoggedPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let done = if query.andrad.is_some() {
        Some(lang.t("logged-changed"))
    } else if query.borttagen.is_some() {
        Some(lang.t("logged-deleted"))
    } else {
        None
    };
    list_page(&state, lang, &staff, &tenant, done).await
}

/// The activity, if it is this municipality's and `staff` may change it; otherwise the
/// page is not found (a reporter does not learn of others' activities this way).
async fn changeable(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    id: &str,
) -> Result<LoggedActivity, PageError> {
    let not_found = || PageError::NotFound { lang, detail: None };
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let a = tenant.logged_activity(id).await?.ok_or_else(not_found)?;
    if may_change(staff, tenant, &a) {
        Ok(a)
    } else {
        Err(not_found())
    }
}

/// The logging form as it was filled in for this activity.
fn form_of(a: &LoggedActivity) -> LogForm {
    let minutes = a.activity.duration_minutes;
    let quick = minutes.is_some_and(|m| super::activity::QUICK_DURATIONS.contains(&m));
    LogForm {
        activity_type: a.activity.activity_type.to_string(),
        place: a
            .activity
            .place
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        duration: if quick {
            minutes.map(|m| m.to_string()).unwrap_or_default()
        } else {
            String::new()
        },
        other_duration: if quick {
            String::new()
        } else {
            minutes.map(|m| m.to_string()).unwrap_or_default()
        },
        performer: a.activity.performer.as_string(),
        when: local(a.started_at).format("%Y-%m-%dT%H:%M").to_string(),
        participants: a
            .activity
            .participants
            .map(|p| p.to_string())
            .unwrap_or_default(),
        note: a.note.clone().unwrap_or_default(),
    }
}

fn correction_page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    refs: &References,
    a: &LoggedActivity,
    form: &LogForm,
    errors: &[FieldError],
) -> Result<LogPage, PageError> {
    let mut p = page(lang, staff, tenant, refs, form, errors)?;
    let href = format!("{}/{}", base(tenant), a.id);
    p.heading = lang.t("logged-correct-title");
    p.chrome.title = p.heading.clone();
    p.submit = lang.t("logged-correct-save");
    p.delete_href = Some(format!("{href}/ta-bort"));
    p.action = href;
    // A partner's work keeps its performer, which the form's two taps do not offer.
    if !p.performers.iter().any(|o| o.checked) {
        p.performers.push(RadioOption {
            value: form.performer.clone(),
            label: performer_words(lang, &a.activity.performer),
            checked: true,
            lat: None,
            lon: None,
        });
    }
    Ok(p)
}

pub async fn edit_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, String)>,
) -> Result<LogPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let a = changeable(lang, &staff, &tenant, &id).await?;
    let refs = super::references(&state, &tenant).await?;
    correction_page(lang, &staff, &tenant, &refs, &a, &form_of(&a), &[])
}

pub async fn save(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, String)>,
    Form(form): Form<LogForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let a = changeable(lang, &staff, &tenant, &id).await?;
    let refs = super::references(&state, &tenant).await?;
    let refused = |errors: Vec<FieldError>| -> Result<Response, PageError> {
        let page = correction_page(lang, &staff, &tenant, &refs, &a, &form, &errors)?;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let new = match form.parse(&refs) {
        Ok(new) => new,
        Err(errors) => return refused(errors),
    };
    match tenant.correct_activity(staff.actor, a.id, &new).await {
        Ok(()) => Ok(Redirect::to(&format!("{}?andrad=1", base(&tenant))).into_response()),
        Err(lofte_db::Error::Invalid(errors)) => refused(
            errors
                .into_iter()
                .map(|mut e| {
                    e.path = LogForm::input_of(&e.path).to_owned();
                    e
                })
                .collect(),
        ),
        Err(lofte_db::Error::NotFound) => Err(PageError::NotFound { lang, detail: None }),
        Err(e) => Err(PageError::from(e)),
    }
}

pub async fn delete_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, String)>,
) -> Result<DeletePage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let a = changeable(lang, &staff, &tenant, &id).await?;
    let refs = super::references(&state, &tenant).await?;
    let href = format!("{}/{}", base(&tenant), a.id);
    let mut chrome = Chrome::new(lang, &href, lang.t("logged-delete-title"));
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    Ok(DeletePage {
        chrome,
        description: describe(lang, &refs, &a),
        action: format!("{href}/ta-bort"),
        back: href,
    })
}

pub async fn delete(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let a = changeable(lang, &staff, &tenant, &id).await?;
    match tenant.delete_activity(staff.actor, a.id).await {
        Ok(()) | Err(lofte_db::Error::NotFound) => {
            Ok(Redirect::to(&format!("{}?borttagen=1", base(&tenant))).into_response())
        }
        Err(e) => Err(PageError::from(e)),
    }
}
