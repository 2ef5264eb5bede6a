//! Logging an activity from a phone: type, place, duration, each one tap; the time is now
//! unless changed. After saving, the page says whether the activity counts toward the
//! municipality's current targets, and if not, why.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDateTime;
use lofte_db::{Tenant, Visibility};
use lofte_domain::followup::{ActivityFields, Exclusion, NewActivity, Started, Vocabulary, counts};
use lofte_domain::{FieldError, Year};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{Field, SummaryItem, place_errors};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// Durations offered as single taps, in minutes.
pub(super) const QUICK_DURATIONS: [u32; 6] = [10, 15, 20, 30, 45, 60];

pub struct RadioOption {
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// Coordinates for the optional "nearest place" script.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_log.html")]
pub struct LogPage {
    pub(super) chrome: Chrome,
    pub(super) heading: String,
    pub(super) action: String,
    /// "Spara", or "Spara ändringen" when correcting.
    pub(super) submit: String,
    /// Where the list of logged activities is.
    pub(super) list_href: String,
    /// Correcting a logged activity: where to delete it.
    pub(super) delete_href: Option<String>,
    municipality: String,
    summary: Vec<SummaryItem>,
    pub(super) saved: Option<String>,
    pub(super) verdicts: Vec<String>,
    types: Vec<RadioOption>,
    type_error: Option<String>,
    places: Vec<RadioOption>,
    place_error: Option<String>,
    durations: Vec<RadioOption>,
    other_duration: Field,
    pub(super) performers: Vec<RadioOption>,
    performer_error: Option<String>,
    when: Field,
    participants: Field,
    note: Field,
}

#[derive(Deserialize, Default, Clone)]
pub struct LogForm {
    #[serde(default)]
    pub(super) activity_type: String,
    #[serde(default)]
    pub(super) place: String,
    #[serde(default)]
    pub(super) duration: String,
    #[serde(default)]
    pub(super) other_duration: String,
    #[serde(default)]
    pub(super) performer: String,
    #[serde(default)]
    pub(super) when: String,
    #[serde(default)]
    pub(super) participants: String,
    #[serde(default)]
    pub(super) note: String,
}

pub(super) fn now_local() -> NaiveDateTime {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .naive_local()
}

/// What the form chooses from: the municipality's activity types and places, loaded once
/// per request ([`super::references`]).
pub(super) type References = (lofte_domain::ActivityCatalogue, Vec<lofte_domain::Place>);

pub(super) fn page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    (types, places): &References,
    form: &LogForm,
    errors: &[FieldError],
) -> Result<LogPage, PageError> {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/logga", m.code);
    let radio = |value: &str, label: String, current: &str| RadioOption {
        checked: value == current,
        value: value.to_owned(),
        label,
        lat: None,
        lon: None,
    };
    let mut other_duration = Field::new(lang, "other_duration", form.other_duration.clone());
    let mut when = Field::new(lang, "when", form.when.clone());
    let mut participants = Field::new(lang, "participants", form.participants.clone());
    let mut note = Field::new(lang, "note", form.note.clone());
    let summary = place_errors(
        lang,
        errors,
        &mut [&mut other_duration, &mut when, &mut participants, &mut note],
        |path| match path {
            "duration" => Some("other_duration"),
            "when" => Some("when"),
            "participants" => Some("participants"),
            "note" => Some("note"),
            _ => None,
        },
    );
    let error_on = |field: &str| {
        errors
            .iter()
            .find(|e| e.path == field)
            .map(|e| lang.problem(&e.problem))
    };
    let user = staff.user.as_ref();
    Ok(LogPage {
        chrome: {
            let c = Chrome::new(lang, &action, lang.t("log-title"));
            match user {
                Some(u) => c.signed_in(&u.name),
                None => c,
            }
        },
        heading: lang.t("log-title"),
        submit: lang.t("log-save"),
        list_href: format!("{action}/aktiviteter"),
        delete_href: None,
        municipality: m.official_name.to_string(),
        summary,
        saved: None,
        verdicts: Vec::new(),
        types: types
            .types()
            .iter()
            .map(|t| {
                radio(
                    t.code.as_str(),
                    lang.activity_label(types, t.code.as_str()),
                    &form.activity_type,
                )
            })
            .collect(),
        type_error: error_on("activity_type"),
        places: std::iter::once(radio("", lang.t("log-no-place"), &form.place))
            .chain(places.iter().map(|p| RadioOption {
                lat: Some(p.coordinates.lat()),
                lon: Some(p.coordinates.lon()),
                ..radio(p.slug.as_str(), p.name.to_string(), &form.place)
            }))
            .collect(),
        place_error: error_on("place"),
        durations: QUICK_DURATIONS
            .iter()
            .map(|d| {
                radio(
                    &d.to_string(),
                    lang.t_args("log-minutes", &[("minutes", d.to_string())]),
                    &form.duration,
                )
            })
            .chain(std::iter::once(radio(
                "",
                lang.t("log-other-duration"),
                &form.duration,
            )))
            .collect(),
        other_duration,
        performers: [
            ("police", "log-by-police"),
            ("municipality", "log-by-municipality"),
        ]
        .iter()
        .map(|(v, k)| radio(v, lang.t(k), &form.performer))
        .collect(),
        performer_error: error_on("performer"),
        when,
        participants,
        note,
        action,
    })
}

pub async fn log_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<LogPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let police = match &staff.user {
        Some(u) => state.db.is_police(u.id).await?,
        None => false,
    };
    let form = LogForm {
        activity_type: "traffic_control".into(),
        duration: "20".into(),
        performer: if police { "police" } else { "municipality" }.into(),
        when: now_local().format("%Y-%m-%dT%H:%M").to_string(),
        ..LogForm::default()
    };
    let refs = super::references(&state, &tenant).await?;
    page(lang, &staff, &tenant, &refs, &form, &[])
}

impl LogForm {
    /// The activity, every problem on the form's field for it. Who did it is chosen,
    /// never assumed: a missing or unknown choice is an error on its field, not the
    /// municipality's work.
    pub(super) fn parse(
        &self,
        (types, places): &References,
    ) -> Result<NewActivity, Vec<FieldError>> {
        let duration = if self.duration.trim().is_empty() {
            &self.other_duration
        } else {
            &self.duration
        };
        // The browser's datetime-local value, "2021-03-01T07:30".
        let (date, time) = self.when.trim().split_once('T').unwrap_or((&self.when, ""));
        let fields = ActivityFields {
            activity_type: &self.activity_type,
            performer: &self.performer,
            started: Started::Local { date, time },
            duration_minutes: duration,
            place: &self.place,
            participants: &self.participants,
            note: &self.note,
            external_id: "",
        };
        fields
            .parse(&Vocabulary::new(types, places))
            .map_err(|problems| {
                problems
                    .into_iter()
                    .map(|(field, p)| FieldError::new(Self::input_of(field), p))
                    .collect()
            })
    }

    /// The form's input for an activity's field ([`ActivityFields`] names them as the
    /// activity file's columns).
    pub(super) fn input_of(field: &str) -> &str {
        match field {
            "type" => "activity_type",
            "date" | "time" => "when",
            "duration_minutes" => "duration",
            other => other,
        }
    }
}

/// What the saved activity counts toward this year, and why it does not where it does not.
async fn verdicts(
    lang: Lang,
    tenant: &Tenant,
    (types, places): &References,
    a: &NewActivity,
) -> Result<Vec<String>, PageError> {
    let Some(year) = Year::of(a.activity.date) else {
        return Ok(Vec::new());
    };
    let Some(stored) = tenant.promise_for_year(year, Visibility::All).await? else {
        return Ok(vec![lang.t("log-no-promise")]);
    };
    let p = &stored.promise;
    let mut lines = Vec::new();
    for c in &p.commitments {
        let Some(target) = &c.target else { continue };
        let what = crate::views::target_line(lang, target, places, types);
        match counts(target, &c.party, p.years, &a.activity, places) {
            Ok(()) => lines.push(lang.t_args("log-counts", &[("target", what)])),
            Err(Exclusion::OtherType) => {}
            Err(reason) => lines.push(lang.t_args(
                "log-does-not-count",
                &[
                    ("target", what),
                    (
                        "reason",
                        lang.label(&lofte_i18n::labels::EXCLUSION_ONE, reason.code()),
                    ),
                ],
            )),
        }
    }
    if lines.is_empty() {
        lines.push(lang.t("log-no-target"));
    }
    Ok(lines)
}

pub async fn log(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(form): Form<LogForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let refs = super::references(&state, &tenant).await?;
    let new = match form.parse(&refs) {
        Ok(a) => a,
        Err(errors) => {
            let page = page(lang, &staff, &tenant, &refs, &form, &errors)?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    match tenant
        .add_activities(staff.actor, std::slice::from_ref(&new), false)
        .await
    {
        Ok(_) => {}
        Err(lofte_db::Error::Invalid(errors)) => {
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|mut e| {
                    e.path = LogForm::input_of(e.path.trim_start_matches("[0].")).to_owned();
                    e
                })
                .collect();
            let page = page(lang, &staff, &tenant, &refs, &form, &errors)?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(PageError::from(e)),
    }
    // A fresh form for the next one, keeping type, performer and duration.
    let next = LogForm {
        activity_type: form.activity_type.clone(),
        duration: form.duration.clone(),
        other_duration: form.other_duration.clone(),
        performer: form.performer.clone(),
        when: now_local().format("%Y-%m-%dT%H:%M").to_string(),
        ..LogForm::default()
    };
    let mut page = page(lang, &staff, &tenant, &refs, &next, &[])?;
    let (types, places) = &refs;
    let place = new
        .activity
        .place
        .as_ref()
        .and_then(|slug| places.iter().find(|p| &p.slug == slug))
        .map(|p| p.name.to_string())
        .unwrap_or_else(|| lang.t("log-no-place"));
    page.saved = Some(lang.t_args(
        "log-saved",
        &[
            (
                "type",
                lang.activity_label(types, new.activity.activity_type.as_str()),
            ),
            ("date", form.when.replace('T', " ")),
            ("place", place),
        ],
    ));
    page.verdicts = verdicts(lang, &tenant, &refs, &new).await?;
    Ok(page.into_response())
}
