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

/// A link to a page the person may use.
pub struct DashboardLink {
    pub href: String,
    pub label: String,
}

pub struct DashboardMunicipality {
    pub name: String,
    /// The first thing the person does here, as a button: logging an activity, or
    /// reporting an incident for those who only report.
    pub primary: Option<DashboardLink>,
    /// The other pages the person may use here.
    pub links: Vec<DashboardLink>,
    /// Whether the person sees the staff area here (a reporting partner does not).
    pub staff_area: bool,
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
    /// Administrators: the page of the e-mail sent.
    mail_href: Option<&'static str>,
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
        // A reporting partner sees no promise in the staff area.
        let promises = if staff.principal.may(Permission::ViewStaffArea, &code) {
            tenant.promises(Visibility::All).await?
        } else {
            Vec::new()
        };
        let promises = promises
            .into_iter()
            .map(|p| DashboardPromise {
                label: p.title,
                href: format!("/personal/kommun/{code}/{}", p.years.first()),
                status: lang.name(&p.status),
            })
            .collect();
        let may = |permission| staff.principal.may(permission, &code);
        // Coordinators review the week's reports; reporters read their organisation's.
        let reports = if may(Permission::EditPromise) {
            "incidents-title"
        } else {
            "incidents-own-title"
        };
        let mut links: Vec<DashboardLink> = [
            (Permission::LogActivity, "logga", "log-title"),
            (Permission::ReportIncident, "handelse", "incident-title"),
            (Permission::EditPromise, "nytt", "new-promise-title"),
            (
                Permission::EditPromise,
                "aktivitetstyper",
                "activity-types-title",
            ),
            (Permission::EditPromise, "platser", "places-link"),
            (
                Permission::ManageSurveys,
                "trygghetsmatning",
                "staff-survey-title",
            ),
            (Permission::EditPromise, "synpunkter", "staff-inputs-title"),
            (Permission::EditPromise, "enheter", "units-title"),
            (
                Permission::LogActivity,
                "trygghetsvandringar",
                "walks-title",
            ),
            (Permission::LogActivity, "dialoger", "dialogues-title"),
            (Permission::ReportIncident, "handelser", reports),
            (
                Permission::ViewSituation,
                "lagesbild",
                "situation-breadcrumb",
            ),
        ]
        .into_iter()
        .filter(|(permission, _, _)| may(*permission))
        .map(|(_, path, label)| DashboardLink {
            href: format!("/personal/kommun/{code}/{path}"),
            label: lang.t(label),
        })
        .collect();
        let primary = (!links.is_empty()).then(|| links.remove(0));
        municipalities.push(DashboardMunicipality {
            primary,
            links,
            staff_area: may(Permission::ViewStaffArea),
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
        mail_href: staff.principal.is_admin().then_some("/personal/e-post"),
    })
}
