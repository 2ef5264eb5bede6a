//! One safety walk in the staff area (`…/trygghetsvandringar/{id}`): its findings with
//! their owners, due dates, statuses and photos, and the forms that change them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use lofte_db::Tenant;
use lofte_db::safety_walks::StoredFinding;
use lofte_domain::walk::{FindingCategory, FindingStatus, NewFinding};
use lofte_domain::{FieldError, PlaceSlug, Problem, Text};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::forms::{
    Choice, Field, SummaryItem, answer_post, date_field, place_errors, required_choice,
    store_parsed,
};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;
use lofte_app::words::{finding_category_name, finding_status_name};

pub struct FindingRow {
    pub id: i32,
    /// Open after its date.
    pub overdue: bool,
    pub action: String,
    pub heading: String,
    pub description: String,
    pub owner: String,
    pub status: String,
    pub status_class: &'static str,
    pub reason: Option<String>,
    pub next: Vec<Choice>,
    pub error: Option<String>,
    /// Where the photo is shown, if there is one.
    pub photo: Option<String>,
    pub photo_action: String,
    /// A refused photo upload's message.
    pub photo_error: Option<String>,
    /// The assignment form: where it posts, the current owner and due date.
    pub assign_action: String,
    pub owner_value: String,
    pub due_value: String,
    /// A refused assignment's message.
    pub assign_error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct FindingForm {
    #[serde(default)]
    finding_place: String,
    #[serde(default)]
    finding_category: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    commitment: String,
    #[serde(default)]
    focus_link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_walk.html")]
pub struct WalkPage {
    chrome: Chrome,
    back: String,
    heading: String,
    facts: String,
    again: Option<String>,
    findings: Vec<FindingRow>,
    action: String,
    summary: Vec<SummaryItem>,
    finding_place: Field,
    place_choices: Vec<Choice>,
    finding_category: Field,
    category_choices: Vec<Choice>,
    description: Field,
    owner: Field,
    due: Field,
    commitment: Field,
    commitment_choices: Vec<Choice>,
    focus_link: Field,
    focus_choices: Vec<Choice>,
    photo_hint: String,
}

/// What a walk page shows back after a refused form: the finding form as sent with its
/// problems, or a refused status change (finding id and message).
#[derive(Default)]
struct Refused<'a> {
    form: Option<&'a FindingForm>,
    errors: &'a [FieldError],
    status: Option<(i32, String)>,
    photo: Option<(i32, String)>,
    assign: Option<(i32, String)>,
}

async fn walk_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    id: i32,
    refused: Refused<'_>,
) -> Result<WalkPage, PageError> {
    let empty = FindingForm::default();
    let form = refused.form.unwrap_or(&empty);
    let (errors, status_error, photo_error, assign_error) = (
        refused.errors,
        refused.status,
        refused.photo,
        refused.assign,
    );
    let m = tenant.municipality();
    let back = format!("/personal/kommun/{}/trygghetsvandringar", m.code);
    let walk = match tenant.walk(id).await {
        Ok(w) => w,
        Err(lofte_db::Error::NotFound) => return Err(PageError::NotFound { lang, detail: None }),
        Err(e) => return Err(PageError::from(e)),
    };
    let places = state.db.places(&m.code).await?;
    let findings = tenant.findings(Some(id)).await?;
    let action = format!("{back}/{id}");
    let heading = lang.t_args("walk-title", &[("date", walk.date.to_string())]);
    let links = super::link_choices(
        lang,
        tenant,
        &super::chosen_links(&form.commitment, &form.focus_link),
        super::LinkScope::Every,
    )
    .await?;
    let mut page = WalkPage {
        photo_hint: lang.t_args(
            "field-finding-photo-hint",
            &[("max_mb", crate::photo::MAX_MB.to_string())],
        ),
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        facts: lang.t_args(
            "walk-facts",
            &[
                (
                    "route",
                    walk.route
                        .iter()
                        .map(|p| crate::views::place_name(&places, p.as_str()))
                        .collect::<Vec<_>>()
                        .join(" → "),
                ),
                ("participants", walk.participants.to_string()),
            ],
        ),
        again: walk
            .again_by
            .map(|d| lang.t_args("walks-again", &[("date", d.to_string())])),
        findings: findings
            .iter()
            .map(|f| FindingRow {
                id: f.id,
                overdue: f.overdue_on(lofte_app::progress::today()),
                action: format!("{back}/fynd/{}", f.id),
                heading: format!(
                    "{} · {}",
                    finding_category_name(lang, f.category),
                    crate::views::place_name(&places, f.place.as_str())
                ),
                description: f.description.clone(),
                owner: lang.t_args(
                    "finding-owner",
                    &[
                        ("owner", f.owner.clone()),
                        (
                            "due",
                            f.due.map_or_else(|| "–".to_owned(), |d| d.to_string()),
                        ),
                    ],
                ),
                status: finding_status_name(lang, f.status),
                status_class: f.status.code(),
                reason: f.reason.clone(),
                next: f
                    .status
                    .next()
                    .iter()
                    .map(|s| Choice {
                        value: s.code().to_owned(),
                        label: finding_status_name(lang, *s),
                        selected: false,
                    })
                    .collect(),
                error: status_error
                    .as_ref()
                    .filter(|(fid, _)| *fid == f.id)
                    .map(|(_, e)| e.clone()),
                photo: f
                    .has_photo
                    .then(|| format!("/kommun/{}/fynd/{}/foto", tenant.municipality().code, f.id)),
                photo_action: format!("{back}/fynd/{}/foto", f.id),
                assign_action: format!("{back}/fynd/{}/ansvar", f.id),
                owner_value: f.owner.clone(),
                due_value: f.due.map(|d| d.to_string()).unwrap_or_default(),
                assign_error: assign_error
                    .as_ref()
                    .filter(|(fid, _)| *fid == f.id)
                    .map(|(_, e)| e.clone()),
                photo_error: photo_error
                    .as_ref()
                    .filter(|(fid, _)| *fid == f.id)
                    .map(|(_, e)| e.clone()),
            })
            .collect(),
        summary: Vec::new(),
        finding_place: Field::new(lang, "finding_place", form.finding_place.clone()),
        place_choices: std::iter::once(Choice {
            value: String::new(),
            label: lang.t("input-choose"),
            selected: form.finding_place.is_empty(),
        })
        .chain(
            // The route's places first, then the rest of the municipality's.
            walk.route
                .iter()
                .filter_map(|r| places.iter().find(|p| &p.slug == r))
                .chain(places.iter().filter(|p| !walk.route.contains(&p.slug)))
                .map(|p| Choice {
                    value: p.slug.to_string(),
                    label: p.name.to_string(),
                    selected: form.finding_place == p.slug.as_str(),
                }),
        )
        .collect(),
        finding_category: Field::new(lang, "finding_category", form.finding_category.clone()),
        category_choices: std::iter::once(Choice {
            value: String::new(),
            label: lang.t("input-choose"),
            selected: form.finding_category.is_empty(),
        })
        .chain(FindingCategory::ALL.iter().map(|c| Choice {
            value: c.code().to_owned(),
            label: finding_category_name(lang, *c),
            selected: form.finding_category == c.code(),
        }))
        .collect(),
        description: Field::new(lang, "description", form.description.clone()),
        owner: Field::new(lang, "owner", form.owner.clone()),
        due: Field::new(lang, "due", form.due.clone()),
        commitment: Field::new(lang, "commitment", form.commitment.clone()),
        commitment_choices: links.commitments,
        focus_link: Field::new(lang, "focus_link", form.focus_link.clone()),
        focus_choices: links.focus_areas,
        action: format!("{action}/fynd"),
        back,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.finding_place,
            &mut page.finding_category,
            &mut page.description,
            &mut page.owner,
            &mut page.due,
            &mut page.commitment,
            &mut page.focus_link,
        ],
        |path| {
            Some(match path {
                "place" => "finding_place",
                "category" => "finding_category",
                "description" => "description",
                "owner" => "owner",
                "due" => "due",
                "commitment" => "commitment",
                "focus" => "focus_link",
                _ => return None,
            })
        },
    );
    page.chrome
        .mark_errors(!page.summary.is_empty() || status_error.is_some());
    Ok(page)
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
) -> Result<WalkPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    walk_page(&state, lang, &staff, &tenant, id, Refused::default()).await
}

impl FindingForm {
    fn parse(&self) -> Result<NewFinding, Vec<FieldError>> {
        let mut errors = Vec::new();
        let place = required_choice(&mut errors, "place", &self.finding_place, PlaceSlug::parse);
        let category = required_choice(
            &mut errors,
            "category",
            &self.finding_category,
            FindingCategory::parse,
        );
        let mut text = |path: &str, raw: &str, max: usize| match raw.trim() {
            "" => {
                errors.push(FieldError::new(path, Problem::Required));
                None
            }
            raw => Text::parse(raw, max)
                .map_err(|p| errors.push(FieldError::new(path, p)))
                .ok(),
        };
        let description = text("description", &self.description, Text::LONG);
        let owner = text("owner", &self.owner, Text::SHORT);
        let due = date_field(&mut errors, "due", &self.due, false);
        match (place, category, description, owner) {
            (Some(place), Some(category), Some(description), Some(owner)) if errors.is_empty() => {
                Ok(NewFinding {
                    place,
                    category,
                    description,
                    owner,
                    due,
                })
            }
            _ => Err(errors),
        }
    }
}

pub async fn add_finding(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
    Form(form): Form<FindingForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let links = super::chosen_links(&form.commitment, &form.focus_link);
    let result = store_parsed(form.parse(), async |finding| {
        tenant.add_finding(staff.actor, id, &finding, &links).await
    })
    .await;
    let code = &tenant.municipality().code;
    answer_post(
        lang,
        result,
        |_| format!("/personal/kommun/{code}/trygghetsvandringar/{id}"),
        async |errors| {
            let refused = Refused {
                form: Some(&form),
                errors: &errors,
                ..Default::default()
            };
            walk_page(&state, lang, &staff, &tenant, id, refused).await
        },
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

/// Which of a finding's forms a change came from.
#[derive(Clone, Copy)]
enum FindingChange {
    Status,
    Photo,
    Assign,
}

impl FindingChange {
    /// The field a problem at `path` is about, as the form labels it.
    fn label(self, lang: Lang, path: &str) -> Option<String> {
        match (self, path) {
            (FindingChange::Status, "reason") => Some(lang.t("field-reason")),
            (FindingChange::Status, _) => Some(lang.t("field-finding-status")),
            (FindingChange::Photo, _) => None,
            (FindingChange::Assign, "due") => Some(lang.t("field-due")),
            (FindingChange::Assign, _) => Some(lang.t("field-owner")),
        }
    }
}

/// Answers a change to one finding: back to it on its walk's page, or that page again
/// (422) with the problems beside the form they came from.
async fn after_finding_change(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    (walk_id, finding): (i32, i32),
    change: FindingChange,
    result: lofte_db::Result<()>,
) -> Result<Response, PageError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!(
            "/personal/kommun/{}/trygghetsvandringar/{walk_id}#fynd-{finding}",
            tenant.municipality().code
        ))
        .into_response()),
        Err(lofte_db::Error::Invalid(errors)) => {
            let message = errors
                .iter()
                .map(|e| match change.label(lang, &e.path) {
                    Some(field) => format!("{field}: {}", lang.problem(&e.problem)),
                    None => lang.problem(&e.problem),
                })
                .collect::<Vec<_>>()
                .join(" ");
            let mut refused = Refused::default();
            let slot = match change {
                FindingChange::Status => &mut refused.status,
                FindingChange::Photo => &mut refused.photo,
                FindingChange::Assign => &mut refused.assign,
            };
            *slot = Some((finding, message));
            let page = walk_page(state, lang, staff, tenant, walk_id, refused).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::from(e)),
    }
}

/// The municipality's finding `id`, or a page that says there is none.
async fn finding_of(tenant: &Tenant, lang: Lang, id: i32) -> Result<StoredFinding, PageError> {
    tenant
        .findings(None)
        .await?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or(PageError::NotFound { lang, detail: None })
}

/// What followers of a finding's locality and place are told when it moves to `to`
/// (nothing if it is there already).
async fn status_notices(
    state: &AppState,
    tenant: &Tenant,
    finding: &StoredFinding,
    to: FindingStatus,
) -> Result<Vec<lofte_db::follows::Announcement>, PageError> {
    let Some(mailer) = &state.mailer else {
        return Ok(Vec::new());
    };
    if finding.status == to {
        return Ok(Vec::new());
    }
    let code = &tenant.municipality().code;
    let places = state.db.places(code).await?;
    let locality = crate::input::locality_of(&places, &finding.place);
    Ok(crate::notices::finding_notices(
        code,
        &places,
        finding,
        locality,
        to,
        mailer.public_url(),
    ))
}

pub async fn set_status(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, finding)): Path<(String, i32)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let found = finding_of(&tenant, lang, finding).await?;
    let walk_id = found.walk_id;
    let to = FindingStatus::parse(form.status.trim());
    let result = match to {
        Ok(to) => {
            let announcements = status_notices(&state, &tenant, &found, to).await?;
            let result = tenant
                .set_finding_status(staff.actor, finding, to, Some(&form.reason), &announcements)
                .await;
            if let (Ok(()), Some(mailer)) = (&result, &state.mailer) {
                mailer.wake();
            }
            result
        }
        Err(p) => Err(lofte_db::Error::Invalid(vec![FieldError::new("status", p)])),
    };
    after_finding_change(
        &state,
        lang,
        &staff,
        &tenant,
        (walk_id, finding),
        FindingChange::Status,
        result,
    )
    .await
}

/// Attaches a photo to a finding (multipart upload, one file field `photo`). The picture
/// is checked and stripped of its metadata before it is stored (see `crate::photo`).
pub async fn upload_photo(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, finding)): Path<(String, i32)>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let walk_id = finding_of(&tenant, lang, finding).await?.walk_id;
    let mut bytes = Vec::new();
    let mut too_large = false;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("photo") => match field.bytes().await {
                Ok(b) => bytes = b.to_vec(),
                Err(_) => too_large = true,
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => {
                too_large = true;
                break;
            }
        }
    }
    let checked = if too_large {
        Err(Problem::FileTooLarge {
            max_mb: crate::photo::MAX_MB,
        })
    } else if bytes.is_empty() {
        Err(Problem::Required)
    } else {
        // Decoded off the async threads, a few at a time (photo.rs says why).
        crate::photo::clean_off_runtime(bytes)
            .await
            .map_err(|e| PageError::Internal {
                lang,
                cause: e.to_string(),
            })?
    };
    let result = match checked {
        Ok(photo) => tenant.set_finding_photo(staff.actor, finding, &photo).await,
        Err(p) => Err(lofte_db::Error::Invalid(vec![FieldError::new("photo", p)])),
    };
    after_finding_change(
        &state,
        lang,
        &staff,
        &tenant,
        (walk_id, finding),
        FindingChange::Photo,
        result,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct AssignForm {
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
}

/// Gives a finding a new owner and due date.
pub async fn assign(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, finding)): Path<(String, i32)>,
    Form(form): Form<AssignForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let walk_id = finding_of(&tenant, lang, finding).await?.walk_id;
    let mut errors = Vec::new();
    let owner = match form.owner.trim() {
        "" => {
            errors.push(FieldError::new("owner", Problem::Required));
            None
        }
        raw => Text::parse(raw, Text::SHORT)
            .map_err(|p| errors.push(FieldError::new("owner", p)))
            .ok(),
    };
    let due = date_field(&mut errors, "due", &form.due, false);
    let result = match owner {
        Some(owner) if errors.is_empty() => {
            tenant
                .assign_finding(staff.actor, finding, &owner, due)
                .await
        }
        _ => Err(lofte_db::Error::Invalid(errors)),
    };
    after_finding_change(
        &state,
        lang,
        &staff,
        &tenant,
        (walk_id, finding),
        FindingChange::Assign,
        result,
    )
    .await
}
