//! The week's incident reports (`/personal/kommun/{code}/handelser?vecka=2024-20`). The
//! coordinator sees every report of an ISO week, marks it reviewed, corrects its
//! category, or removes it as a duplicate of another. Anyone else who reports (a police
//! officer, a housing company) reads only their own organisation's reports of the week,
//! without the review's forms.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike as _, Duration, NaiveDate};
use lofte_db::incidents::Review;
use lofte_domain::Permission;
use lofte_domain::incident::IncidentCategory;
use serde::Deserialize;

use super::forms::Choice;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// One report in the list.
pub struct ReportRow {
    pub id: i64,
    pub when: String,
    pub category: String,
    pub place: String,
    pub reporter: String,
    pub text: String,
    pub reviewed: bool,
    pub action: String,
    pub categories: Vec<Choice>,
    /// The week's other reports, for "duplicate of".
    pub others: Vec<Choice>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_incidents.html")]
pub struct ReviewPage {
    chrome: Chrome,
    heading: String,
    week: String,
    /// The week as the forms send it back, `2024-20`.
    week_code: String,
    previous_href: String,
    next_href: String,
    report_href: String,
    rows: Vec<ReportRow>,
    /// How many of the week's reports are not yet reviewed, in words.
    to_review: String,
    /// The coordinator's review, with its forms; otherwise one's own reports, read only.
    review: bool,
}

#[derive(Deserialize, Default)]
pub struct WeekQuery {
    /// An ISO week, `2024-20`.
    #[serde(default)]
    vecka: Option<String>,
}

/// The Monday of an ISO week written `2024-20`.
fn monday_of(raw: &str) -> Option<NaiveDate> {
    let (year, week) = raw.trim().split_once('-')?;
    NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, chrono::Weekday::Mon)
}

fn week_code(monday: NaiveDate) -> String {
    let w = monday.iso_week();
    format!("{}-{:02}", w.year(), w.week())
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Query(query): Query<WeekQuery>,
) -> Result<ReviewPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let today = lofte_app::progress::today();
    let monday = match &query.vecka {
        Some(raw) => monday_of(raw).ok_or(PageError::NotFound { lang, detail: None })?,
        None => today - Duration::days(i64::from(today.weekday().num_days_from_monday())),
    };
    let sunday = monday + Duration::days(6);
    let m = tenant.municipality();
    let base = format!("/personal/kommun/{}/handelser", m.code);
    let places = state.db.places(&m.code).await?;
    let review = staff.principal.may(Permission::EditPromise, &m.code);
    let reports = if review {
        tenant.incidents(monday, sunday).await?
    } else {
        match tenant.reporting_organisation(staff.actor).await? {
            Some(org) => {
                tenant
                    .organisation_incidents(org.id, monday, sunday)
                    .await?
            }
            None => Vec::new(),
        }
    };
    let heading = lang.t(if review {
        "incidents-title"
    } else {
        "incidents-own-title"
    });
    let place_name = |r: &lofte_db::incidents::StoredIncident| match (&r.place, r.point) {
        (Some(slug), _) => crate::views::place_name(&places, slug.as_str()),
        (None, Some(p)) => format!("{:.5}, {:.5}", p.lat(), p.lon()),
        (None, None) => String::new(),
    };
    let rows = reports
        .iter()
        .map(|r| {
            let local = r.started_at.with_timezone(&chrono_tz::Europe::Stockholm);
            ReportRow {
                id: r.id,
                when: match r.local_hour {
                    Some(_) => local.format("%Y-%m-%d %H:%M").to_string(),
                    None => local.format("%Y-%m-%d").to_string(),
                },
                category: lang.name(&r.category),
                place: place_name(r),
                reporter: r.reporter.clone(),
                text: r.text.clone().unwrap_or_default(),
                reviewed: r.reviewed,
                action: format!("{base}/{}", r.id),
                categories: IncidentCategory::all()
                    .map(|c| Choice {
                        value: c.code().to_owned(),
                        label: lang.name(&c),
                        selected: c == r.category,
                    })
                    .collect(),
                others: reports
                    .iter()
                    .filter(|o| o.id != r.id)
                    .map(|o| Choice {
                        value: o.id.to_string(),
                        label: format!("#{} {}, {}", o.id, lang.name(&o.category), place_name(o)),
                        selected: false,
                    })
                    .collect(),
            }
        })
        .collect::<Vec<_>>();
    let week = lang.t_args(
        "incidents-week",
        &[
            ("week", monday.iso_week().week().to_string()),
            ("from", monday.to_string()),
            ("to", sunday.to_string()),
        ],
    );
    let mut chrome = Chrome::new(lang, &base, heading.clone());
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    Ok(ReviewPage {
        chrome,
        heading,
        review,
        week,
        week_code: week_code(monday),
        previous_href: format!("{base}?vecka={}", week_code(monday - Duration::days(7))),
        next_href: format!("{base}?vecka={}", week_code(monday + Duration::days(7))),
        report_href: format!("/personal/kommun/{}/handelse", m.code),
        to_review: lang.t_args(
            "incidents-to-review",
            &[(
                "count",
                rows.iter().filter(|r| !r.reviewed).count().to_string(),
            )],
        ),
        rows,
    })
}

#[derive(Deserialize, Default)]
pub struct ReviewForm {
    /// `reviewed` or `duplicate`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    duplicate_of: String,
    /// The week the list showed, to go back to.
    #[serde(default)]
    vecka: String,
}

pub async fn review(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i64)>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let not_found = || PageError::NotFound { lang, detail: None };
    let review = match form.action.as_str() {
        "reviewed" => match IncidentCategory::parse(&form.category) {
            Ok(category) => Review::Recategorised(category),
            Err(_) => Review::Reviewed,
        },
        "duplicate" => {
            Review::DuplicateOf(form.duplicate_of.trim().parse().map_err(|_| not_found())?)
        }
        _ => return Err(not_found()),
    };
    let back = match monday_of(&form.vecka) {
        Some(monday) => format!("?vecka={}", week_code(monday)),
        None => String::new(),
    };
    match tenant.review_incident(staff.actor, id, review).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/personal/kommun/{}/handelser{back}",
            tenant.municipality().code
        ))
        .into_response()),
        Err(lofte_db::Error::NotFound) => Err(not_found()),
        Err(e) => Err(e.into()),
    }
}
