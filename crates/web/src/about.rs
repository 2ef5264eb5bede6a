//! The pages a Swedish public-sector site must have, linked from every page's footer:
//! the accessibility statement (*tillgänglighetsredogörelse*, required by the law on
//! accessibility of digital public services, in the form DIGG describes), the privacy
//! notice of each municipality naming its data controller and what is kept for how long,
//! and who runs the installation and how to reach them. What differs per installation
//! comes from the configuration ([`SiteInfo`]); what differs per municipality from its
//! profile (`privacy`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::routing::get;
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::{Policy, Routes};
use crate::views::Chrome;

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get("/tillganglighet", Public, get(accessibility))
        .get("/personuppgifter", Public, get(privacy_index))
        .get("/kommun/{code}/personuppgifter", Public, get(privacy))
        .get("/kontakt", Public, get(contact))
}

/// How far the site meets the accessibility requirements (WCAG 2.1 AA through EN 301 549),
/// in the three levels of DIGG's model statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compliance {
    Full,
    /// The default: Löfte's automated checks pass, but its maps and PDFs have known gaps
    /// (listed on the page) and no one has audited an installation by hand.
    #[default]
    Partial,
    None,
}

impl Compliance {
    /// `full`, `partial` or `none`, as the configuration names them.
    pub fn parse(raw: &str) -> Result<Compliance, String> {
        match raw.trim() {
            "full" => Ok(Compliance::Full),
            "partial" => Ok(Compliance::Partial),
            "none" => Ok(Compliance::None),
            other => Err(format!("{other}: must be full, partial or none")),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Compliance::Full => "full",
            Compliance::Partial => "partial",
            Compliance::None => "none",
        }
    }
}

/// Who runs this installation and what its accessibility statement says; from the
/// configuration (`site_owner`, `site_contact`, `accessibility_*`).
#[derive(Debug, Clone, Default)]
pub struct SiteInfo {
    /// Who is responsible for the site, e.g. "Flens kommun" or a county's association of
    /// municipalities.
    pub owner: Option<String>,
    /// Where people reach the owner: an e-mail address, a phone number.
    pub contact: Option<String>,
    pub compliance: Compliance,
    /// When the statement was last reviewed (YYYY-MM-DD).
    pub reviewed: Option<String>,
    /// Known problems, in the installation's words; empty: Löfte's own known gaps.
    pub known_issues: Vec<String>,
}

impl SiteInfo {
    fn owner(&self, lang: Lang) -> String {
        self.owner
            .clone()
            .unwrap_or_else(|| lang.t("about-owner-unknown"))
    }

    fn contact(&self, lang: Lang) -> String {
        self.contact
            .clone()
            .unwrap_or_else(|| lang.t("about-contact-unknown"))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "about_accessibility.html")]
pub struct AccessibilityPage {
    chrome: Chrome,
    intro: String,
    compliance: String,
    known_issues: Vec<String>,
    report: String,
    tested: String,
    reviewed: Option<String>,
}

async fn accessibility(State(state): State<AppState>, UiLang(lang): UiLang) -> AccessibilityPage {
    let site = &state.site;
    let owner = site.owner(lang);
    let known_issues = if site.known_issues.is_empty() {
        [
            "about-a11y-issue-maps",
            "about-a11y-issue-pdf",
            "about-a11y-issue-charts",
        ]
        .iter()
        .map(|k| lang.t(k))
        .collect()
    } else {
        site.known_issues.clone()
    };
    AccessibilityPage {
        chrome: Chrome::new(lang, "/tillganglighet", lang.t("about-a11y-title")),
        intro: lang.t_args("about-a11y-intro", &[("owner", owner)]),
        compliance: lang.label(&lofte_i18n::labels::A11Y_COMPLIANCE, site.compliance.code()),
        known_issues,
        report: lang.t_args("about-a11y-report", &[("contact", site.contact(lang))]),
        tested: lang.t("about-a11y-tested"),
        reviewed: site
            .reviewed
            .as_ref()
            .map(|d| lang.t_args("about-a11y-reviewed", &[("date", d.clone())])),
    }
}

pub struct MunicipalityLink {
    pub name: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "about_privacy_index.html")]
pub struct PrivacyIndexPage {
    chrome: Chrome,
    municipalities: Vec<MunicipalityLink>,
    staff: String,
    contact: String,
}

async fn privacy_index(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
) -> Result<PrivacyIndexPage, PageError> {
    let municipalities = state
        .db
        .municipalities_with_public_promises()
        .await?
        .into_iter()
        .map(|s| MunicipalityLink {
            name: s.municipality.official_name.to_string(),
            href: format!("/kommun/{}/personuppgifter", s.municipality.code),
        })
        .collect();
    Ok(PrivacyIndexPage {
        chrome: Chrome::new(
            lang,
            "/personuppgifter",
            lang.t("about-privacy-index-title"),
        ),
        municipalities,
        staff: lang.t_args("about-privacy-staff", &[("owner", state.site.owner(lang))]),
        contact: lang.t_args(
            "about-contact-line",
            &[("contact", state.site.contact(lang))],
        ),
    })
}

/// One row of the privacy notice's table: what, why, and for how long.
pub struct Kept {
    pub what: String,
    pub how_long: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "about_privacy.html")]
pub struct PrivacyPage {
    chrome: Chrome,
    heading: String,
    controller: String,
    contact: String,
    officer: Option<String>,
    police: String,
    kept: Vec<Kept>,
    form_href: String,
}

async fn privacy(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<PrivacyPage, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let m = tenant.municipality();
    let contacts = state.db.privacy_contacts(&m.code).await?;
    // Without a profile that names them, the municipality itself is the controller, and
    // the installation's contact is the way in.
    let (controller, contact, officer) = match contacts {
        Some(c) => (
            c.controller.to_string(),
            c.contact.to_string(),
            c.data_protection_officer.map(|o| o.to_string()),
        ),
        None => (m.official_name.to_string(), state.site.contact(lang), None),
    };
    let kept = [
        ("about-privacy-kept-input", "about-privacy-kept-input-time"),
        ("about-privacy-kept-place", "about-privacy-kept-place-time"),
        (
            "about-privacy-kept-follow",
            "about-privacy-kept-follow-time",
        ),
        (
            "about-privacy-kept-question",
            "about-privacy-kept-question-time",
        ),
        (
            "about-privacy-kept-network",
            "about-privacy-kept-network-time",
        ),
        (
            "about-privacy-kept-dialogue",
            "about-privacy-kept-dialogue-time",
        ),
        (
            "about-privacy-kept-incident",
            "about-privacy-kept-incident-time",
        ),
        (
            "about-privacy-kept-survey",
            "about-privacy-kept-survey-time",
        ),
        ("about-privacy-kept-staff", "about-privacy-kept-staff-time"),
    ]
    .iter()
    .map(|(what, how_long)| Kept {
        what: lang.t(what),
        how_long: lang.t(how_long),
    })
    .collect();
    let path = format!("/kommun/{}/personuppgifter", m.code);
    Ok(PrivacyPage {
        chrome: Chrome::new(lang, &path, lang.t("about-privacy-title")),
        heading: lang.t_args(
            "about-privacy-heading",
            &[("municipality", m.official_name.to_string())],
        ),
        controller: lang.t_args("about-privacy-controller", &[("controller", controller)]),
        contact: lang.t_args("about-contact-line", &[("contact", contact)]),
        officer: officer.map(|o| lang.t_args("about-privacy-officer", &[("officer", o)])),
        police: lang.t("about-privacy-police"),
        kept,
        form_href: format!("/kommun/{}/tyck-till", m.code),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "about_contact.html")]
pub struct ContactPage {
    chrome: Chrome,
    owner: String,
    contact: String,
}

async fn contact(State(state): State<AppState>, UiLang(lang): UiLang) -> ContactPage {
    ContactPage {
        chrome: Chrome::new(lang, "/kontakt", lang.t("about-contact-title")),
        owner: lang.t_args("about-contact-owner", &[("owner", state.site.owner(lang))]),
        contact: lang.t_args(
            "about-contact-line",
            &[("contact", state.site.contact(lang))],
        ),
    }
}
