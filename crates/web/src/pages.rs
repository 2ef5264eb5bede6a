//! The public site: start page, municipality page, promise year page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use lofte_db::{StoredPromise, Tenant, Visibility};
use lofte_domain::Year;
use lofte_domain::followup::ReportPeriod;
use lofte_i18n::Lang;

use crate::error::PageError;
use crate::lang::{self, UiLang};
use crate::policy::{Policy, Routes};
use crate::views::{ChangeGroup, Chrome, PromiseView, YearLink, change_groups};
use crate::{AppState, this_year};

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get("/", Public, get(home))
        .get("/kommun/{code}", Public, get(municipality))
        .get("/kommun/{code}/{year}", Public, get(promise_year))
        .get("/kommun/{code}/trygghet", Public, get(survey_page))
        .get("/kommun/{code}/trygghet.csv", Public, get(survey_csv))
        .get(
            "/kommun/{code}/{year}/uppfoljning/{period}",
            Public,
            get(follow_up_report),
        )
        .get(
            "/kommun/{code}/{year}/uppfoljning/{period}/{edition}",
            Public,
            get(follow_up_pdf),
        )
        .get("/sprak/{lang}", Public, get(lang::switch))
        .get("/static/style.css", Public, get(stylesheet))
        .get(
            "/static/nearest-place.js",
            Public,
            get(nearest_place_script),
        )
        .get("/healthz", Public, get(health))
}

pub struct MunicipalityItem {
    pub name: String,
    pub href: String,
    pub county: String,
    pub years: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    municipalities: Vec<MunicipalityItem>,
}

async fn home(State(state): State<AppState>, UiLang(lang): UiLang) -> Result<HomePage, PageError> {
    let summaries = state.db.municipalities_with_public_promises().await?;
    let municipalities = summaries
        .into_iter()
        .map(|s| MunicipalityItem {
            href: format!("/kommun/{}", s.municipality.code),
            name: s.municipality.name.to_string(),
            county: s.municipality.county.to_string(),
            years: lang.t_args(
                "home-years",
                &[(
                    "years",
                    s.public_years
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                )],
            ),
        })
        .collect();
    Ok(HomePage {
        chrome: Chrome::new(lang, "/", lang.t("home-title")),
        municipalities,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "promise.html")]
pub(crate) struct PromisePage {
    pub(crate) chrome: Chrome,
    /// Staff looking at a promise before it is published: what the banner says, and
    /// where to go back.
    pub(crate) preview: Option<(String, String)>,
    heading: String,
    municipality_href: String,
    police: Option<String>,
    breadcrumb_year: Option<String>,
    years: Vec<YearLink>,
    promise: Option<PromiseView>,
    changes: Vec<ChangeGroup>,
    /// Published follow-ups: (label, href).
    reports: Vec<(String, String)>,
    /// What the safety survey says about the shown promise's outcome goal.
    outcome: Option<lofte_app::outcome::OutcomeView>,
    /// The municipality's survey page, when it has results.
    survey_href: Option<String>,
    /// The municipality's situation picture, when it has incident reports.
    situation_href: Option<String>,
    /// The form to follow the shown promise by e-mail (not in a staff preview).
    pub(crate) follow: Option<crate::follow_form::FollowBox>,
    empty: String,
}

pub(crate) async fn tenant_for(
    state: &AppState,
    lang: Lang,
    raw: &str,
) -> Result<Tenant, PageError> {
    let not_found = || PageError::NotFound {
        lang,
        detail: Some(lang.t_args(
            "error-unknown-municipality",
            &[("code", raw.chars().take(12).collect())],
        )),
    };
    state.db.tenant_named(raw).await?.ok_or_else(not_found)
}

pub(crate) async fn promise_page(
    state: &AppState,
    lang: Lang,
    tenant: &Tenant,
    shown: Option<StoredPromise>,
    year_in_path: Option<Year>,
) -> Result<PromisePage, PageError> {
    let m = tenant.municipality();
    let base = format!("/kommun/{}", m.code);
    let summaries = tenant.promises(Visibility::Public).await?;
    let shown_first = shown.as_ref().map(|s| s.promise.years.first());
    let years = summaries
        .iter()
        .map(|s| YearLink {
            label: s.years.to_string(),
            href: format!("{base}/{}", s.years.first()),
            current: Some(s.years.first()) == shown_first,
        })
        .collect();
    let places = state.db.places(&m.code).await?;
    let publications = match &shown {
        Some(s) => tenant.publications(s.id).await?,
        None => Vec::new(),
    };
    let published = match &shown {
        Some(s) => tenant.follow_ups(s.id, true).await?,
        None => Vec::new(),
    };
    let reports = published
        .iter()
        .filter_map(|r| Some((r, shown.as_ref()?.promise.years)))
        .map(|(r, years)| {
            (
                crate::views::report_label(lang, years, r.year, r.period),
                format!("{base}/{}/uppfoljning/{}", r.year, r.period.slug()),
            )
        })
        .collect();
    let heading = lang.t_args("municipality-title", &[("name", m.name.to_string())]);
    let (path, title) = match (&shown, year_in_path) {
        (Some(s), Some(y)) => (
            format!("{base}/{y}"),
            format!("{} – {}", s.promise.title, m.name),
        ),
        _ => (base.clone(), heading.clone()),
    };
    let has_survey = tenant.has_survey_responses().await?;
    // The figures are computed only for a promise whose outcome goal names indicators.
    let outcome = match &shown {
        Some(s) if s.promise.outcome_goal.measure.is_some() => {
            let survey = if has_survey {
                tenant.survey_figures(state.survey_rules).await?
            } else {
                None
            };
            lofte_app::outcome::outcome_view(
                lang,
                m.code.as_str(),
                &s.promise,
                survey.as_ref(),
                state.survey_rules,
            )
        }
        _ => None,
    };
    Ok(PromisePage {
        preview: None,
        follow: shown
            .as_ref()
            .map(|s| crate::follow_form::FollowBox::for_promise(lang, s, &m.code)),
        outcome,
        survey_href: has_survey.then(|| format!("{base}/trygghet")),
        situation_href: tenant
            .has_incidents()
            .await?
            .then(|| format!("{base}/lagesbild")),
        chrome: match &shown {
            Some(s) => Chrome::new(lang, &path, title).with_feed(
                lang.t("follow-feed"),
                crate::follow_form::promise_feed(m.code.as_str(), s.promise.years.first()),
            ),
            None => Chrome::new(lang, &path, title),
        },
        heading,
        municipality_href: base,
        police: m.police.as_ref().map(|p| {
            lang.t_args(
                "municipality-police",
                &[
                    ("area", p.local_police_area.to_string()),
                    ("region", p.region.to_string()),
                ],
            )
        }),
        breadcrumb_year: year_in_path
            .and(shown.as_ref())
            .map(|s| s.promise.years.to_string()),
        years,
        promise: match &shown {
            Some(s) => {
                let progress = lofte_app::progress::promise_progress(
                    tenant,
                    s,
                    &places,
                    lofte_app::progress::today(),
                )
                .await?;
                let types = tenant.activity_types().await?;
                let mut view = PromiseView::new(lang, m, s, &places, &types, &progress, &published);
                // Years linked both ways: the later promise that names this one as what
                // it continues.
                for later in summaries
                    .iter()
                    .filter(|l| l.years.first() > s.promise.years.last())
                {
                    let next = tenant
                        .promise_for_year(later.years.first(), Visibility::Public)
                        .await?;
                    if next
                        .as_ref()
                        .is_some_and(|n| n.promise.continues == Some(s.promise.years.first()))
                    {
                        view.continued_by = Some((
                            lang.t_args("promise-continued-by", &[("title", later.title.clone())]),
                            format!("/kommun/{}/{}", m.code, later.years.first()),
                        ));
                        break;
                    }
                }
                // Commitments measured by the situation picture: this year so far (or
                // the promise's last year, once it is over) against the baseline.
                for party in &mut view.parties {
                    for c in &mut party.commitments {
                        let Some(index) = s.commitment_ids.iter().position(|id| *id == c.id) else {
                            continue;
                        };
                        c.targeting = crate::views::targeting_lines(
                            lang,
                            &s.promise,
                            index,
                            &progress,
                            (&types, &places),
                            lofte_app::situation::Audience::Public,
                        );
                        if let Some((_, frozen)) =
                            progress.measured.iter().find(|(i, _)| *i == index)
                        {
                            c.indicator = Some(crate::views::IndicatorLine::new(
                                lang,
                                s.promise.commitments[index].indicator.as_ref(),
                                &lofte_app::situation::ShownIndicator::new(
                                    frozen,
                                    lofte_app::situation::Audience::Public,
                                ),
                                &places,
                            ));
                        }
                    }
                }
                let (inputs, findings) = tenant.linked_to(s.id, &s.commitment_ids).await?;
                crate::input::add_voices(lang, &places, s.id, &mut view, &inputs, &findings);
                Some(view)
            }
            None => None,
        },
        changes: change_groups(lang, &publications),
        reports,
        empty: lang.t_args("municipality-no-promise", &[("name", m.name.to_string())]),
    })
}

async fn municipality(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<PromisePage, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let current = tenant
        .current_promise(this_year(), Visibility::Public)
        .await?;
    promise_page(&state, lang, &tenant, current, None).await
}

async fn promise_year(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<PromisePage, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let no_promise = || PageError::NotFound {
        lang,
        detail: Some(lang.t_args(
            "error-no-promise-year",
            &[
                ("municipality", tenant.municipality().name.to_string()),
                ("year", year.chars().take(12).collect()),
            ],
        )),
    };
    let parsed: Year = year.parse().map_err(|_| no_promise())?;
    let shown = tenant
        .promise_for_year(parsed, Visibility::Public)
        .await?
        .ok_or_else(no_promise)?;
    promise_page(&state, lang, &tenant, Some(shown), Some(parsed)).await
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_up.html")]
struct FollowUpPublicPage {
    chrome: Chrome,
    promise_href: String,
    report: lofte_report::Report,
    sections: Vec<crate::report::SectionView>,
    /// The PDF editions: (label, href, language tag).
    downloads: Vec<(String, String, &'static str)>,
}

/// The report a public URL names, or a page saying why there is none.
async fn published_report(
    state: &AppState,
    lang: Lang,
    code: &str,
    year: &str,
    period: &str,
    report_lang: Lang,
) -> Result<(Tenant, Year, ReportPeriod, lofte_report::Report), PageError> {
    let tenant = tenant_for(state, lang, code).await?;
    let not_found = || PageError::NotFound { lang, detail: None };
    let year: Year = year.parse().map_err(|_| not_found())?;
    let period = ReportPeriod::parse(period).ok_or_else(not_found)?;
    match lofte_app::report::report(
        &state.db,
        &tenant,
        year,
        period,
        report_lang,
        state.survey_rules,
    )
    .await
    {
        Ok(r) => Ok((tenant, year, period, r)),
        Err(lofte_app::report::Unavailable::Db(e)) => Err(PageError::from(e)),
        Err(why) => Err(PageError::NotFound {
            lang,
            detail: Some(why.message(lang, tenant.municipality().name.as_str(), year, period)),
        }),
    }
}

async fn follow_up_report(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, year, period)): Path<(String, String, String)>,
) -> Result<FollowUpPublicPage, PageError> {
    let (tenant, year, period, report) =
        published_report(&state, lang, &code, &year, &period, lang).await?;
    let m = tenant.municipality();
    let path = format!("/kommun/{}/{year}/uppfoljning/{}", m.code, period.slug());
    let sections = crate::report::section_views(&report);
    Ok(FollowUpPublicPage {
        chrome: Chrome::new(lang, &path, report.title.clone()),
        promise_href: format!("/kommun/{}/{year}", m.code),
        downloads: vec![
            (
                lang.t("report-download-pdf"),
                format!("{path}/sv.pdf"),
                "sv",
            ),
            (
                lang.t("report-download-pdf-en"),
                format!("{path}/en.pdf"),
                "en",
            ),
        ],
        report,
        sections,
    })
}

/// The report as a PDF, in the edition's language whatever the reader's UI language.
async fn follow_up_pdf(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: axum::http::HeaderMap,
    Path((code, year, period, edition)): Path<(String, String, String, String)>,
) -> Result<axum::response::Response, PageError> {
    let report_lang = match edition.as_str() {
        "sv.pdf" => Lang::Sv,
        "en.pdf" => Lang::En,
        _ => return Err(PageError::NotFound { lang, detail: None }),
    };
    let (tenant, year, period, report) =
        published_report(&state, lang, &code, &year, &period, report_lang).await?;
    let digest = crate::report::PdfCache::digest(&report);
    let etag = format!(
        "\"{}\"",
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let cache_headers = [
        (header::ETAG, etag.clone()),
        (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
    ];
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((StatusCode::NOT_MODIFIED, cache_headers).into_response());
    }
    let bytes = state
        .pdf_cache
        .pdf(digest, report)
        .await
        .map_err(|cause| PageError::Internal { lang, cause })?;
    let file = format!(
        "lofte-{}-{year}-{}-{}.pdf",
        tenant.municipality().code,
        period.slug(),
        report_lang.tag()
    );
    Ok((
        cache_headers,
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            ),
        ],
        axum::body::Body::from(bytes),
    )
        .into_response())
}

pub async fn not_found(UiLang(lang): UiLang) -> PageError {
    PageError::NotFound { lang, detail: None }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/style.css"),
    )
}

async fn nearest_place_script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/nearest-place.js"),
    )
}

/// Whether this instance can reach its database, now: never kept by the page cache or a
/// proxy (`no-store`), or a load balancer would be told about the past.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, no_store, "ok"),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            no_store,
            "database unavailable",
        ),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "survey.html")]
struct SurveyPage {
    chrome: Chrome,
    heading: String,
    municipality_href: String,
    municipality: String,
    explain_few: String,
    none: String,
    survey: Option<lofte_app::survey_page::SurveyPageView>,
    csv_href: String,
}

/// The municipality's safety-survey results: every indicator over the years, by gender,
/// and the latest year by area and age band, with intervals and what they mean.
async fn survey_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<SurveyPage, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let m = tenant.municipality();
    let base = format!("/kommun/{}", m.code);
    let survey = lofte_app::outcome::survey_of(&tenant, state.survey_rules).await?;
    let heading = lang.t_args("survey-page-title", &[("municipality", m.name.to_string())]);
    Ok(SurveyPage {
        chrome: Chrome::new(lang, &format!("{base}/trygghet"), heading.clone()),
        heading,
        municipality: m.name.to_string(),
        explain_few: lang.t_args(
            "survey-explain-few",
            &[("min", state.survey_rules.min_respondents.get().to_string())],
        ),
        none: lang.t_args("survey-none", &[("municipality", m.name.to_string())]),
        survey: survey
            .as_ref()
            .map(|s| lofte_app::survey_page::survey_page_view(lang, s)),
        csv_href: format!("{base}/trygghet.csv"),
        municipality_href: base,
    })
}

/// Every survey figure as CSV (open data); suppressed figures carry only their n.
async fn survey_csv(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<impl IntoResponse, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let survey = lofte_app::outcome::survey_of(&tenant, state.survey_rules)
        .await?
        .ok_or(PageError::NotFound { lang, detail: None })?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"trygghetsmatning-{}.csv\"",
                    tenant.municipality().code
                ),
            ),
        ],
        lofte_domain::survey::figures_csv(&survey.figures),
    ))
}
