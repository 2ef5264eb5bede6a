//! The staff area (`/personal/…`) and signing in and out. Every route here is declared
//! with its policy in [`routes`].

mod account;
pub(crate) use account::wait_message;
mod activity;
mod activity_corrections;
mod activity_file;
mod activity_types;
mod commitment;
mod commitment_form;
mod conflict;
mod copy;
mod dashboard;
mod dialogues;
mod due;
mod export;
mod follow_up;
mod follow_up_correction;
mod follow_up_preview;
pub(crate) mod forms;
mod incident;
mod incidents;
mod input_case;
mod inputs;
mod mail;
mod new_promise;
mod organisation_sign_in;
mod password_reset;
mod places;
mod promise_correction;
mod promise_form;
mod promise_page;
pub mod reminders;
mod structure;
mod survey;
mod units;
mod walk;
pub(crate) mod walks;
mod workflow;

use lofte_db::links::{FocusLink, Links};
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::routing::{get, post};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use lofte_domain::Permission;
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::policy::{Policy, Routes};

/// Where a promise lives in the staff area, e.g. `/personal/kommun/0482/2021`.
fn promise_href(tenant: &lofte_db::Tenant, stored: &lofte_db::StoredPromise) -> String {
    format!(
        "/personal/kommun/{}/{}",
        tenant.municipality().code,
        stored.promise.years.first()
    )
}

/// The municipality a staff URL names, or 404.
async fn tenant(
    state: &AppState,
    lang: lofte_i18n::Lang,
    code: &str,
) -> Result<lofte_db::Tenant, PageError> {
    state
        .db
        .tenant_named(code)
        .await?
        .ok_or(PageError::NotFound { lang, detail: None })
}

/// What a municipality's commitment forms choose from: its activity types and places.
async fn references(
    state: &AppState,
    tenant: &lofte_db::Tenant,
) -> Result<(lofte_domain::ActivityCatalogue, Vec<lofte_domain::Place>), PageError> {
    let types = tenant.activity_types().await?;
    let places = state.db.places(&tenant.municipality().code).await?;
    Ok((types, places))
}

/// The municipality and its promise (any status) covering the year a staff URL names,
/// or 404.
async fn promise(
    state: &AppState,
    lang: lofte_i18n::Lang,
    code: &str,
    year: &str,
) -> Result<(lofte_db::Tenant, lofte_db::StoredPromise), PageError> {
    let tenant = tenant(state, lang, code).await?;
    let year: lofte_domain::Year = year
        .parse()
        .map_err(|_| PageError::NotFound { lang, detail: None })?;
    let stored = tenant
        .promise_for_year(year, lofte_db::Visibility::All)
        .await?
        .ok_or(PageError::NotFound { lang, detail: None })?;
    Ok((tenant, stored))
}

/// Extracts the municipality and its promise (any status) covering the year that a
/// staff URL's `{code}` and `{year}` name, or answers 404: every page of one promise
/// starts from it.
pub(crate) struct PromiseOfYear {
    pub tenant: lofte_db::Tenant,
    pub stored: lofte_db::StoredPromise,
}

impl axum::extract::FromRequestParts<AppState> for PromiseOfYear {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, PageError> {
        let Ok(crate::lang::UiLang(lang)) =
            crate::lang::UiLang::from_request_parts(parts, state).await;
        let params =
            axum::extract::Path::<std::collections::HashMap<String, String>>::from_request_parts(
                parts, state,
            )
            .await
            .map_err(|_| PageError::NotFound { lang, detail: None })?;
        let (Some(code), Some(year)) = (params.get("code"), params.get("year")) else {
            return Err(PageError::NotFound { lang, detail: None });
        };
        let (tenant, stored) = promise(state, lang, code, year).await?;
        Ok(PromiseOfYear { tenant, stored })
    }
}

pub fn routes(state: AppState) -> Routes {
    use Policy::*;
    Routes::new(state)
        .get("/logga-in", Public, get(account::login_page))
        .post("/logga-in", Public, post(account::login))
        .get("/logga-in/glomt", Public, get(password_reset::forgot))
        .post("/logga-in/glomt", Public, post(password_reset::request))
        .get(
            "/logga-in/nytt-losenord/{secret}",
            Public,
            get(password_reset::reset_form),
        )
        .post(
            "/logga-in/nytt-losenord/{secret}",
            Public,
            post(password_reset::reset),
        )
        .get(
            "/logga-in/oidc/start",
            Public,
            get(organisation_sign_in::start),
        )
        .get(
            "/logga-in/oidc",
            Public,
            get(organisation_sign_in::callback),
        )
        .post("/logga-ut", SignedIn, post(account::logout))
        .get("/personal", SignedIn, get(dashboard::dashboard))
        .get("/personal/konto", SignedIn, get(account::account_page))
        .get("/personal/e-post", SignedIn, get(mail::log))
        .get("/personal/e-post/{id}", SignedIn, get(mail::message))
        .post("/personal/konto", SignedIn, post(account::change_password))
        .post(
            "/personal/konto/paminnelse",
            SignedIn,
            post(account::set_reminder),
        )
        .get(
            "/personal/kommun/{code}/platser",
            InMunicipality(Permission::EditPromise),
            get(places::list),
        )
        .get(
            "/personal/kommun/{code}/platser/ny",
            InMunicipality(Permission::EditPromise),
            get(places::new_page),
        )
        .post(
            "/personal/kommun/{code}/platser/ny",
            InMunicipality(Permission::EditPromise),
            post(places::create),
        )
        .get(
            "/personal/kommun/{code}/platser/{slug}",
            InMunicipality(Permission::EditPromise),
            get(places::page),
        )
        .post(
            "/personal/kommun/{code}/platser/{slug}",
            InMunicipality(Permission::EditPromise),
            post(places::update),
        )
        .get(
            "/personal/kommun/{code}/enheter",
            InMunicipality(Permission::EditPromise),
            get(units::list).post(units::add),
        )
        .post(
            "/personal/kommun/{code}/enheter/{id}/ta-bort",
            InMunicipality(Permission::EditPromise),
            post(units::remove),
        )
        .get(
            "/personal/kommun/{code}/aktivitetstyper",
            InMunicipality(Permission::EditPromise),
            get(activity_types::list),
        )
        .post(
            "/personal/kommun/{code}/aktivitetstyper",
            InMunicipality(Permission::EditPromise),
            post(activity_types::add),
        )
        .get(
            "/personal/kommun/{code}/trygghetsmatning",
            InMunicipality(Permission::ManageSurveys),
            get(survey::show),
        )
        .post(
            "/personal/kommun/{code}/trygghetsmatning",
            InMunicipality(Permission::ManageSurveys),
            post(survey::upload).layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .post(
            "/personal/kommun/{code}/trygghetsmatning/import/{id}/ta-bort",
            InMunicipality(Permission::ManageSurveys),
            post(survey::remove),
        )
        .get(
            "/personal/kommun/{code}/synpunkter",
            InMunicipality(Permission::EditPromise),
            get(inputs::queue),
        )
        .get(
            "/personal/kommun/{code}/synpunkter.csv",
            InMunicipality(Permission::EditPromise),
            get(inputs::export_csv),
        )
        .get(
            "/personal/kommun/{code}/synpunkter.geojson",
            InMunicipality(Permission::EditPromise),
            get(inputs::export_geojson),
        )
        .post(
            "/personal/kommun/{code}/synpunkter/{id}",
            InMunicipality(Permission::EditPromise),
            post(inputs::moderate),
        )
        .get(
            "/personal/kommun/{code}/synpunkter/{id}/arende",
            InMunicipality(Permission::EditPromise),
            get(input_case::show).post(input_case::save),
        )
        .post(
            "/personal/kommun/{code}/synpunkter/{id}/aterkalla",
            InMunicipality(Permission::EditPromise),
            post(input_case::withdraw),
        )
        .get(
            "/personal/kommun/{code}/trygghetsvandringar",
            InMunicipality(Permission::LogActivity),
            get(walks::list),
        )
        .post(
            "/personal/kommun/{code}/trygghetsvandringar",
            InMunicipality(Permission::LogActivity),
            post(walks::add),
        )
        .get(
            "/personal/kommun/{code}/trygghetsvandringar/{id}",
            InMunicipality(Permission::LogActivity),
            get(walk::show),
        )
        .post(
            "/personal/kommun/{code}/trygghetsvandringar/{id}/fynd",
            InMunicipality(Permission::LogActivity),
            post(walk::add_finding),
        )
        .post(
            "/personal/kommun/{code}/trygghetsvandringar/fynd/{id}",
            InMunicipality(Permission::LogActivity),
            post(walk::set_status),
        )
        .post(
            "/personal/kommun/{code}/trygghetsvandringar/fynd/{id}/ansvar",
            InMunicipality(Permission::LogActivity),
            post(walk::assign),
        )
        .post(
            "/personal/kommun/{code}/trygghetsvandringar/fynd/{id}/foto",
            InMunicipality(Permission::LogActivity),
            // Room for the largest photo accepted plus the form around it.
            post(walk::upload_photo).layer(axum::extract::DefaultBodyLimit::max(
                (crate::photo::MAX_MB as usize + 1) * 1024 * 1024,
            )),
        )
        .get(
            "/personal/kommun/{code}/handelser",
            InMunicipality(Permission::ReportIncident),
            get(incidents::list),
        )
        .post(
            "/personal/kommun/{code}/handelser/{id}",
            InMunicipality(Permission::EditPromise),
            post(incidents::review),
        )
        .get(
            "/personal/kommun/{code}/handelse",
            InMunicipality(Permission::ReportIncident),
            get(incident::form_page),
        )
        .post(
            "/personal/kommun/{code}/handelse",
            InMunicipality(Permission::ReportIncident),
            post(incident::report),
        )
        .get(
            "/personal/kommun/{code}/dialoger",
            InMunicipality(Permission::LogActivity),
            get(dialogues::list),
        )
        .post(
            "/personal/kommun/{code}/dialoger",
            InMunicipality(Permission::LogActivity),
            post(dialogues::add),
        )
        .get(
            "/personal/kommun/{code}/dialoger/{id}",
            InMunicipality(Permission::LogActivity),
            get(dialogues::show),
        )
        .post(
            "/personal/kommun/{code}/dialoger/{id}/synpunkt",
            InMunicipality(Permission::LogActivity),
            post(dialogues::add_input),
        )
        .get(
            "/personal/kommun/{code}/nytt",
            InMunicipality(Permission::EditPromise),
            get(new_promise::new_page),
        )
        .post(
            "/personal/kommun/{code}/nytt",
            InMunicipality(Permission::EditPromise),
            post(new_promise::create),
        )
        .get(
            "/personal/kommun/{code}/logga",
            InMunicipality(Permission::LogActivity),
            get(activity::log_page),
        )
        .post(
            "/personal/kommun/{code}/logga",
            InMunicipality(Permission::LogActivity),
            post(activity::log),
        )
        .get(
            "/personal/kommun/{code}/logga/fil",
            InMunicipality(Permission::LogActivity),
            get(activity_file::show),
        )
        .post(
            "/personal/kommun/{code}/logga/fil",
            InMunicipality(Permission::LogActivity),
            post(activity_file::upload)
                .layer(axum::extract::DefaultBodyLimit::max(crate::UPLOAD_LIMIT)),
        )
        .get(
            "/personal/kommun/{code}/logga/aktiviteter",
            InMunicipality(Permission::LogActivity),
            get(activity_corrections::list),
        )
        .get(
            "/personal/kommun/{code}/logga/aktiviteter/{id}",
            InMunicipality(Permission::LogActivity),
            get(activity_corrections::edit_page),
        )
        .post(
            "/personal/kommun/{code}/logga/aktiviteter/{id}",
            InMunicipality(Permission::LogActivity),
            post(activity_corrections::save),
        )
        .get(
            "/personal/kommun/{code}/logga/aktiviteter/{id}/ta-bort",
            InMunicipality(Permission::LogActivity),
            get(activity_corrections::delete_page),
        )
        .post(
            "/personal/kommun/{code}/logga/aktiviteter/{id}/ta-bort",
            InMunicipality(Permission::LogActivity),
            post(activity_corrections::delete),
        )
        .get(
            "/personal/kommun/{code}/{year}",
            InMunicipality(Permission::ViewStaffArea),
            get(promise_page::show),
        )
        .get(
            "/personal/kommun/{code}/{year}/export/{file}",
            InMunicipality(Permission::ViewStaffArea),
            get(export::download),
        )
        .get(
            "/personal/kommun/{code}/{year}/andra",
            InMunicipality(Permission::EditPromise),
            get(promise_form::edit_page),
        )
        .post(
            "/personal/kommun/{code}/{year}/andra",
            InMunicipality(Permission::EditPromise),
            post(promise_form::edit),
        )
        .get(
            "/personal/kommun/{code}/{year}/rattelse",
            InMunicipality(Permission::EditPromise),
            get(promise_correction::page),
        )
        .post(
            "/personal/kommun/{code}/{year}/rattelse",
            InMunicipality(Permission::EditPromise),
            post(promise_correction::correct),
        )
        .get(
            "/personal/kommun/{code}/{year}/atagande/ny",
            InMunicipality(Permission::EditPromise),
            get(commitment::new_commitment_page),
        )
        .post(
            "/personal/kommun/{code}/{year}/atagande/ny",
            InMunicipality(Permission::EditPromise),
            post(commitment::add_commitment),
        )
        .get(
            "/personal/kommun/{code}/{year}/kopiera",
            InMunicipality(Permission::EditPromise),
            get(copy::copy_page_get),
        )
        .post(
            "/personal/kommun/{code}/{year}/kopiera",
            InMunicipality(Permission::EditPromise),
            post(copy::copy_to_next_year),
        )
        .get(
            "/personal/kommun/{code}/{year}/atagande/{id}",
            InMunicipality(Permission::EditPromise),
            get(commitment::commitment_page),
        )
        .post(
            "/personal/kommun/{code}/{year}/atagande/{id}",
            InMunicipality(Permission::EditPromise),
            post(commitment::edit_commitment),
        )
        .get(
            "/personal/kommun/{code}/{year}/atagande/{id}/ta-bort",
            InMunicipality(Permission::EditPromise),
            get(structure::remove_commitment_page),
        )
        .post(
            "/personal/kommun/{code}/{year}/atagande/{id}/ta-bort",
            InMunicipality(Permission::EditPromise),
            post(structure::remove_commitment),
        )
        .post(
            "/personal/kommun/{code}/{year}/atagande/{id}/flytta",
            InMunicipality(Permission::EditPromise),
            post(structure::move_commitment),
        )
        .get(
            "/personal/kommun/{code}/{year}/ta-bort",
            InMunicipality(Permission::EditPromise),
            get(structure::delete_draft_page),
        )
        .post(
            "/personal/kommun/{code}/{year}/ta-bort",
            InMunicipality(Permission::EditPromise),
            post(structure::delete_draft),
        )
        .get(
            "/personal/kommun/{code}/{year}/uppfoljning/{period}",
            InMunicipality(Permission::EditPromise),
            get(follow_up::page),
        )
        .post(
            "/personal/kommun/{code}/{year}/uppfoljning/{period}",
            InMunicipality(Permission::EditPromise),
            post(follow_up::save),
        )
        .post(
            "/personal/kommun/{code}/{year}/uppfoljning/{period}/rattelse",
            InMunicipality(Permission::EditPromise),
            post(follow_up_correction::correct),
        )
        .get(
            "/personal/kommun/{code}/{year}/uppfoljning/{period}/forhandsvisning",
            InMunicipality(Permission::EditPromise),
            get(follow_up_preview::preview),
        )
        .post(
            "/personal/kommun/{code}/{year}/uppfoljning/{period}/forhandsvisning",
            InMunicipality(Permission::EditPromise),
            post(follow_up_preview::publish_previewed),
        )
        .get(
            "/personal/kommun/{code}/{year}/forhandsvisning",
            InMunicipality(Permission::ViewStaffArea),
            get(workflow::preview),
        )
        .post(
            "/personal/kommun/{code}/{year}/status",
            InMunicipality(Permission::PublishPromise),
            post(workflow::set_status),
        )
}

/// Attempts per client network (an IPv4 address, an IPv6 /64: `lofte_db::client_network`),
/// in this instance's memory. The count per e-mail address and client in the database,
/// shared by all instances, is the stronger guard; this one slows a single client trying
/// many accounts, or starting many sign-ins with the identity provider.
#[derive(Clone)]
pub struct LoginLimiter(Arc<DefaultKeyedRateLimiter<std::net::IpAddr>>);

impl Default for LoginLimiter {
    fn default() -> Self {
        Self::with_quota(Quota::per_minute(NonZeroU32::new(10).expect("non-zero")))
    }
}

impl LoginLimiter {
    /// A limiter per client address with its own quota (e.g. the public input form's).
    pub fn with_quota(quota: Quota) -> Self {
        Self(Arc::new(RateLimiter::keyed(quota)))
    }

    /// `Err(seconds to wait)` when the client has tried too often.
    pub fn check(&self, client: Option<SocketAddr>) -> Result<(), u64> {
        let Some(addr) = client else { return Ok(()) };
        let network = lofte_db::client_network(addr.ip());
        self.0.check_key(&network).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            wait.as_secs().max(1)
        })
    }
}

/// Which promises' commitments and focus areas a link form offers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkScope {
    /// Every promise's (a walk or a dialogue may look back).
    Every,
    /// The current promise's only (moderating a resident's input today), and whatever
    /// the form already has chosen.
    Current,
}

/// What an input or a finding can be linked to: the municipality's commitments and its
/// promises' focus areas, each list with "none" first, newest promise first.
pub(crate) struct LinkChoices {
    pub commitments: Vec<forms::Choice>,
    pub focus_areas: Vec<forms::Choice>,
}

pub(crate) async fn link_choices(
    lang: Lang,
    tenant: &lofte_db::Tenant,
    current: &Links,
    scope: LinkScope,
) -> Result<LinkChoices, PageError> {
    let offered = match scope {
        LinkScope::Every => None,
        LinkScope::Current => tenant
            .current_promise(crate::this_year(), lofte_db::Visibility::All)
            .await?
            .map(|p| p.id),
    };
    let mut commitments = vec![forms::Choice {
        value: String::new(),
        label: lang.t("staff-no-commitment"),
        selected: current.commitment.is_none(),
    }];
    let mut focus_areas = vec![forms::Choice {
        value: String::new(),
        label: lang.t("staff-no-focus-area"),
        selected: current.focus.is_none(),
    }];
    for summary in tenant.promises(lofte_db::Visibility::All).await? {
        let Some(stored) = tenant
            .promise_for_year(summary.years.first(), lofte_db::Visibility::All)
            .await?
        else {
            continue;
        };
        let chosen_here = current
            .commitment
            .is_some_and(|c| stored.commitment_ids.contains(&c))
            || current
                .focus
                .as_ref()
                .is_some_and(|f| f.promise == stored.id);
        if offered.is_some_and(|id| id != stored.id) && !chosen_here {
            continue;
        }
        for area in &stored.promise.focus_areas {
            let link = FocusLink {
                promise: stored.id,
                area: area.to_string(),
            };
            focus_areas.push(forms::Choice {
                value: focus_value(&link),
                label: format!("{} · {area}", summary.years),
                selected: current.focus.as_ref() == Some(&link),
            });
        }
        for (c, id) in stored
            .promise
            .commitments
            .iter()
            .zip(&stored.commitment_ids)
        {
            let text = c.text.as_str();
            let short: String = text.chars().take(90).collect();
            let ellipsis = if text.chars().count() > 90 { "…" } else { "" };
            commitments.push(forms::Choice {
                value: id.to_string(),
                label: format!("{} · {short}{ellipsis}", summary.years),
                selected: current.commitment == Some(*id),
            });
        }
    }
    Ok(LinkChoices {
        commitments,
        focus_areas,
    })
}

/// A focus area as a select's value: the promise's id and the area's words.
fn focus_value(link: &FocusLink) -> String {
    format!("{}:{}", link.promise, link.area)
}

/// The links chosen in a form's two selects (`commitment`, `focus_link`). Whether they
/// exist in this municipality is the database's check.
pub(crate) fn chosen_links(commitment: &str, focus: &str) -> Links {
    Links {
        commitment: commitment.trim().parse().ok(),
        focus: focus.split_once(':').and_then(|(promise, area)| {
            Some(FocusLink {
                promise: promise.parse().ok()?,
                area: area.to_owned(),
            })
        }),
    }
}

/// A staff page's header: its title, and the signed-in person's name.
pub(crate) fn chrome(
    lang: Lang,
    staff: &crate::policy::Staff,
    path: &str,
    title: String,
) -> crate::views::Chrome {
    let chrome = crate::views::Chrome::new(lang, path, title);
    match &staff.user {
        Some(user) => chrome.signed_in(&user.name),
        None => chrome,
    }
}
