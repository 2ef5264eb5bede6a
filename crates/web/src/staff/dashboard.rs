//! The staff dashboard (`/personal`): each municipality one may work in, what is due
//! and late there, and its promises.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, State};
use lofte_db::Visibility;
use lofte_domain::{MunicipalityCode, Permission};

use super::chrome;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

pub struct DashboardPromise {
    pub label: String,
    pub href: String,
    pub status: String,
}

pub struct DashboardMunicipality {
    pub name: String,
    /// Where to log an activity, if the person may.
    pub log_href: Option<String>,
    /// Where to write a new promise, if the person may.
    pub new_href: Option<String>,
    pub types_href: Option<String>,
    /// The municipality's places.
    pub places_href: Option<String>,
    /// The survey page, for analysts.
    pub survey_href: Option<String>,
    /// Residents' inputs waiting for moderation, for coordinators.
    pub inputs_href: Option<String>,
    /// Safety walks and their findings.
    pub walks_href: Option<String>,
    /// Citizen dialogues.
    pub dialogues_href: Option<String>,
    /// Where to report an incident, if the person may.
    pub incident_href: Option<String>,
    /// The week's review of incident reports, for coordinators.
    pub review_href: Option<String>,
    /// The situation picture, which everyone in the staff area may read.
    pub situation_href: String,
    pub role: String,
    pub promises: Vec<DashboardPromise>,
    /// What is due and late here, late first.
    pub due: Vec<super::due::DueItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_dashboard.html")]
pub struct DashboardPage {
    chrome: Chrome,
    greeting: String,
    municipalities: Vec<DashboardMunicipality>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
) -> Result<DashboardPage, PageError> {
    let codes: Vec<MunicipalityCode> = match staff.principal.municipalities() {
        Some(codes) => codes,
        None => state
            .db
            .municipalities_with_promises(Visibility::All)
            .await?
            .into_iter()
            .map(|s| s.municipality.code)
            .collect(),
    };
    let mut municipalities = Vec::new();
    for code in codes {
        let Some(tenant) = state.db.tenant(&code).await? else {
            continue;
        };
        let promises = tenant
            .promises(Visibility::All)
            .await?
            .into_iter()
            .map(|p| DashboardPromise {
                label: p.title,
                href: format!("/personal/kommun/{code}/{}", p.years.first()),
                status: lang.name(&p.status),
            })
            .collect();
        municipalities.push(DashboardMunicipality {
            new_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/nytt")),
            types_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/aktivitetstyper")),
            places_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/platser")),
            log_href: staff
                .principal
                .may(Permission::LogActivity, &code)
                .then(|| format!("/personal/kommun/{code}/logga")),
            survey_href: staff
                .principal
                .may(Permission::ManageSurveys, &code)
                .then(|| format!("/personal/kommun/{code}/trygghetsmatning")),
            inputs_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/synpunkter")),
            walks_href: staff
                .principal
                .may(Permission::LogActivity, &code)
                .then(|| format!("/personal/kommun/{code}/trygghetsvandringar")),
            dialogues_href: staff
                .principal
                .may(Permission::LogActivity, &code)
                .then(|| format!("/personal/kommun/{code}/dialoger")),
            incident_href: staff
                .principal
                .may(Permission::ReportIncident, &code)
                .then(|| format!("/personal/kommun/{code}/handelse")),
            review_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/handelser")),
            situation_href: format!("/personal/kommun/{code}/lagesbild"),
            due: super::due::due_items(lang, &staff, &tenant, lofte_app::progress::today()).await?,
            name: tenant.municipality().official_name.to_string(),
            role: staff
                .principal
                .role_in(&code)
                .map(|r| lang.name(&r))
                .unwrap_or_default(),
            promises,
        });
    }
    let name = staff
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    Ok(DashboardPage {
        chrome: chrome(lang, &staff, "/personal", lang.t("dashboard-title")),
        greeting: lang.t_args("dashboard-greeting", &[("name", name)]),
        municipalities,
    })
}
