//! The situation picture (lägesbild) for residents (`/kommun/{code}/lagesbild`, counts
//! below five held back) and for staff (`/personal/kommun/{code}/lagesbild`, every count).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::routing::get;
use lofte_app::situation::{Audience, Picture, Shown};
use lofte_domain::Permission;
use lofte_domain::stats::CountChange;
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::{Policy, Routes, Staff};
use crate::views::Chrome;

pub fn routes(state: AppState) -> Routes {
    Routes::new(state)
        .get("/kommun/{code}/lagesbild", Policy::Public, get(public))
        .get(
            "/personal/kommun/{code}/lagesbild",
            Policy::InMunicipality(Permission::ViewStaffArea),
            get(staff),
        )
}

/// One category's row, in words.
pub struct Row {
    pub category: String,
    pub now: String,
    pub before: String,
    /// "−33 % (−55 % till +1 %)", or empty where a count is held back.
    pub change: String,
    pub verdict: String,
    /// `improved`, `worsened`, … for the row's mark.
    pub verdict_class: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "situation.html")]
pub struct SituationPage {
    chrome: Chrome,
    heading: String,
    municipality: String,
    municipality_href: String,
    /// This page's own address, for the breadcrumb.
    here: String,
    period: String,
    lead: String,
    rows: Vec<Row>,
    empty: bool,
    synthetic: bool,
    staff: bool,
}

/// A percentage change, signed: "+25 %", "−33 %".
fn percent(ratio: f64) -> String {
    if ratio.is_infinite() {
        return "∞".to_owned();
    }
    let p = ((ratio - 1.0) * 100.0).round() as i64;
    match p {
        0 => "±0 %".to_owned(),
        p if p > 0 => format!("+{p} %"),
        p => format!("−{} %", -p),
    }
}

fn change_words(lang: Lang, change: &CountChange) -> String {
    match change.ratio {
        None if change.now == 0 => String::new(),
        None => lang.t("situation-change-none-before"),
        Some(ratio) => lang.t_args(
            "situation-change",
            &[
                ("change", percent(ratio)),
                ("lower", percent(change.lower)),
                ("upper", percent(change.upper)),
            ],
        ),
    }
}

fn view(
    lang: Lang,
    (chrome, here): (Chrome, String),
    municipality: &lofte_domain::Municipality,
    picture: &Picture,
    audience: Audience,
) -> SituationPage {
    let shown = |s: Shown| match s {
        Shown::Count(n) => n.to_string(),
        Shown::FewerThan(n) => lang.t_args("situation-fewer-than", &[("count", n.to_string())]),
    };
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let rows = picture
        .lines
        .iter()
        .map(|l| Row {
            category: lang.name(&l.category),
            now: shown(l.now),
            before: shown(l.before),
            change: l
                .change
                .as_ref()
                .map(|(c, _)| change_words(lang, c))
                .unwrap_or_default(),
            verdict: l
                .change
                .as_ref()
                .map_or_else(|| lang.t("situation-held-back"), |(_, v)| lang.name(v)),
            verdict_class: l.change.as_ref().map_or("held-back", |(_, v)| v.code()),
        })
        .collect();
    SituationPage {
        heading: lang.t_args(
            "situation-title",
            &[("municipality", municipality.name.to_string())],
        ),
        chrome,
        municipality: municipality.name.to_string(),
        municipality_href: format!("/kommun/{}", municipality.code),
        here,
        period: lang.t_args(
            "situation-period",
            &[
                ("from", day(picture.from)),
                ("to", day(picture.to)),
                ("before_from", day(picture.before_from)),
                ("before_to", day(picture.before_to)),
            ],
        ),
        lead: match audience {
            Audience::Public => lang.t_args(
                "situation-lead-public",
                &[(
                    "threshold",
                    lofte_app::situation::PUBLIC_THRESHOLD.to_string(),
                )],
            ),
            Audience::Staff => lang.t("situation-lead-staff"),
        },
        rows,
        empty: picture.is_empty(),
        synthetic: picture.synthetic,
        staff: audience == Audience::Staff,
    }
}

/// Today in Sweden, the picture's last day.
fn today() -> chrono::NaiveDate {
    lofte_app::progress::today()
}

async fn public(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<SituationPage, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let picture = lofte_app::situation::picture(&tenant, today(), Audience::Public).await?;
    let m = tenant.municipality();
    let path = format!("/kommun/{}/lagesbild", m.code);
    let chrome = Chrome::new(
        lang,
        &path,
        lang.t_args("situation-title", &[("municipality", m.name.to_string())]),
    );
    Ok(view(lang, (chrome, path), m, &picture, Audience::Public))
}

async fn staff(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<SituationPage, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let picture = lofte_app::situation::picture(&tenant, today(), Audience::Staff).await?;
    let m = tenant.municipality();
    let path = format!("/personal/kommun/{}/lagesbild", m.code);
    let mut chrome = Chrome::new(
        lang,
        &path,
        lang.t_args("situation-title", &[("municipality", m.name.to_string())]),
    );
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    Ok(view(lang, (chrome, path), m, &picture, Audience::Staff))
}
