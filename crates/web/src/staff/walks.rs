//! Safety walks in the staff area (`/personal/kommun/{code}/trygghetsvandringar`): the
//! walks with a reminder to walk the route again, a form for a new walk (which is also
//! logged as a `safety_walk` activity), and per walk its findings with their owners, due
//! dates and statuses.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use lofte_db::Tenant;
use lofte_db::safety_walks::StoredWalk;
use lofte_domain::followup::Performer;
use lofte_domain::walk::NewWalk;
use lofte_domain::{FieldError, PlaceSlug, Problem};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::forms::PlaceOption;
use super::forms::{
    Choice, Field, SummaryItem, answer_post, date_field, place_errors, store_parsed,
};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

pub struct WalkRow {
    pub href: String,
    pub date: String,
    pub route: String,
    pub participants: u32,
    pub findings: String,
    /// "Gå rundan igen senast 2021-05-01", stressed when the date has passed.
    pub again: Option<String>,
    pub overdue: bool,
}

#[derive(Deserialize, Default)]
pub struct WalkForm {
    #[serde(default)]
    walk_date: String,
    #[serde(default)]
    route: Vec<String>,
    #[serde(default, rename = "walk_participants")]
    participants: String,
    #[serde(default)]
    walk_performer: String,
    #[serde(default)]
    again_by: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_walks.html")]
pub struct WalksPage {
    chrome: Chrome,
    municipality: String,
    action: String,
    walks: Vec<WalkRow>,
    summary: Vec<SummaryItem>,
    walk_date: Field,
    route: Field,
    route_options: Vec<PlaceOption>,
    participants: Field,
    walk_performer: Field,
    performers: Vec<Choice>,
    again_by: Field,
}

impl WalkForm {
    fn parse(&self) -> Result<(NewWalk, Performer), Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = date_field(&mut errors, "walk_date", &self.walk_date, true);
        let again_by = date_field(&mut errors, "again_by", &self.again_by, false);
        let route: Vec<PlaceSlug> = self
            .route
            .iter()
            .filter_map(|r| {
                PlaceSlug::parse(r)
                    .map_err(|p| errors.push(FieldError::new("route", p)))
                    .ok()
            })
            .collect();
        if route.is_empty() && self.route.is_empty() {
            errors.push(FieldError::new("route", Problem::Required));
        }
        let participants = match self.participants.trim().parse::<u32>() {
            Ok(n) if (1..=NewWalk::MAX_PARTICIPANTS).contains(&n) => Some(n),
            Ok(_) => {
                errors.push(FieldError::new(
                    "participants",
                    Problem::OutOfRange {
                        min: 1,
                        max: i64::from(NewWalk::MAX_PARTICIPANTS),
                    },
                ));
                None
            }
            Err(_) if self.participants.trim().is_empty() => {
                errors.push(FieldError::new("participants", Problem::Required));
                None
            }
            Err(_) => {
                errors.push(FieldError::new("participants", Problem::Number));
                None
            }
        };
        let performer = match self.walk_performer.as_str() {
            "police" => Performer::Police,
            _ => Performer::Municipality,
        };
        match (errors.is_empty(), date, participants) {
            (true, Some(date), Some(participants)) => Ok((
                NewWalk {
                    date,
                    route,
                    participants,
                    again_by,
                },
                performer,
            )),
            _ => Err(errors),
        }
    }
}

async fn walks_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    form: &WalkForm,
    errors: &[FieldError],
) -> Result<WalksPage, PageError> {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/trygghetsvandringar", m.code);
    let places = state.db.places(&m.code).await?;
    let walks = tenant.walks().await?;
    let findings = tenant.findings(None).await?;
    let today = lofte_app::progress::today();
    let rows = walks
        .iter()
        .map(|w: &StoredWalk| {
            let of_walk: Vec<_> = findings.iter().filter(|f| f.walk_id == w.id).collect();
            let open = of_walk.iter().filter(|f| f.status.is_open()).count();
            WalkRow {
                href: format!("{action}/{}", w.id),
                date: w.date.to_string(),
                route: w
                    .route
                    .iter()
                    .map(|p| crate::views::place_name(&places, p.as_str()))
                    .collect::<Vec<_>>()
                    .join(" → "),
                participants: w.participants,
                findings: lang.t_args(
                    "walks-findings-count",
                    &[
                        ("total", of_walk.len().to_string()),
                        ("open", open.to_string()),
                    ],
                ),
                again: w
                    .again_by
                    .map(|d| lang.t_args("walks-again", &[("date", d.to_string())])),
                overdue: w.again_by.is_some_and(|d| d < today),
            }
        })
        .collect();
    let performer = if form.walk_performer.is_empty() {
        "municipality".to_owned()
    } else {
        form.walk_performer.clone()
    };
    let mut page = WalksPage {
        chrome: chrome(lang, staff, &action, lang.t("walks-title")),
        municipality: m.official_name.to_string(),
        walks: rows,
        summary: Vec::new(),
        walk_date: Field::new(
            lang,
            "walk_date",
            if form.walk_date.is_empty() {
                today.to_string()
            } else {
                form.walk_date.clone()
            },
        ),
        route: Field::new(lang, "route", String::new()),
        route_options: places
            .iter()
            .map(|p| PlaceOption {
                slug: p.slug.to_string(),
                name: p.name.to_string(),
                checked: form.route.iter().any(|r| r == p.slug.as_str()),
            })
            .collect(),
        participants: Field::new(lang, "walk_participants", form.participants.clone()),
        walk_performer: Field::new(lang, "walk_performer", performer.clone()),
        performers: super::forms::choices(
            lang,
            &performer,
            &[
                ("municipality", "walks-performer-municipality"),
                ("police", "walks-performer-police"),
            ],
        ),
        again_by: Field::new(lang, "again_by", form.again_by.clone()),
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.walk_date,
            &mut page.route,
            &mut page.participants,
            &mut page.again_by,
        ],
        |path| {
            Some(match path {
                "walk_date" => "walk_date",
                "participants" => "walk_participants",
                "again_by" => "again_by",
                p if p.starts_with("route") => "route",
                _ => return None,
            })
        },
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    Ok(page)
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<WalksPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    walks_page(&state, lang, &staff, &tenant, &WalkForm::default(), &[]).await
}

pub async fn add(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(form): Form<WalkForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let result = store_parsed(form.parse(), async |(walk, performer)| {
        tenant.add_walk(staff.actor, &walk, performer).await
    })
    .await;
    let code = &tenant.municipality().code;
    answer_post(
        lang,
        result,
        |id| format!("/personal/kommun/{code}/trygghetsvandringar/{id}"),
        async |errors| walks_page(&state, lang, &staff, &tenant, &form, &errors).await,
    )
    .await
}
