//! The situation picture (lägesbild) for residents (`/kommun/{code}/lagesbild`, counts
//! below five held back) and for staff (`/personal/kommun/{code}/lagesbild`, every count).

mod analysis;
mod csv;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, Query, State};
use axum::routing::{get, post};
use lofte_app::situation::{Audience, Basis, CrimeRates, Picture, Shown};
use lofte_app::when_where::WhenWhere;
use lofte_domain::Permission;
use lofte_domain::incident::IncidentCategory;

use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::{Policy, Routes, Staff};
use crate::views::{Chrome, change_words};

pub fn routes(state: AppState) -> Routes {
    Routes::new(state)
        .get("/kommun/{code}/lagesbild", Policy::Public, get(public))
        .get(
            "/kommun/{code}/lagesbild/platser.geojson",
            Policy::Public,
            get(public_hot_spots),
        )
        .get(
            "/personal/kommun/{code}/lagesbild",
            Policy::InMunicipality(Permission::ViewSituation),
            get(staff),
        )
        .get(
            "/personal/kommun/{code}/lagesbild/platser.geojson",
            Policy::InMunicipality(Permission::ViewSituation),
            get(staff_hot_spots),
        )
        .get(
            "/kommun/{code}/lagesbild/{year}/{period}",
            Policy::Public,
            get(analysis::public_page),
        )
        .get(
            "/kommun/{code}/lagesbild/{year}/{period}/{edition}",
            Policy::Public,
            get(analysis::public_pdf),
        )
        .get(
            "/personal/kommun/{code}/lagesbild/analyser",
            Policy::InMunicipality(Permission::EditPromise),
            get(analysis::staff_list),
        )
        .get(
            "/personal/kommun/{code}/lagesbild/analyser/{year}/{period}",
            Policy::InMunicipality(Permission::EditPromise),
            get(analysis::staff_page),
        )
        .post(
            "/personal/kommun/{code}/lagesbild/analyser/{year}/{period}",
            Policy::InMunicipality(Permission::EditPromise),
            post(analysis::staff_save),
        )
        .get(
            "/personal/kommun/{code}/lagesbild/analyser/{year}/{period}/forhandsvisning",
            Policy::InMunicipality(Permission::EditPromise),
            get(analysis::staff_preview),
        )
        .post(
            "/personal/kommun/{code}/lagesbild/analyser/{year}/{period}/publicera",
            Policy::InMunicipality(Permission::EditPromise),
            post(analysis::staff_publish),
        )
        .get(
            "/kommun/{code}/lagesbild.csv",
            Policy::Public,
            get(csv::public_csv),
        )
        .get(
            "/personal/kommun/{code}/lagesbild.csv",
            Policy::InMunicipality(Permission::ViewSituation),
            get(csv::staff_csv),
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
    /// The shown year's figures as CSV.
    csv_href: String,
    /// The years with reports: (year, href, is the one shown).
    years: Vec<(i32, String, bool)>,
    period: String,
    /// The two periods' column headings, by year.
    col_now: String,
    col_before: String,
    lead: String,
    rows: Vec<Row>,
    empty: bool,
    synthetic: bool,
    staff: bool,
    /// The police's events by type: (type, this period, the period before).
    police_rows: Vec<(String, String, String)>,
    /// How many were assigned less surely, in words; empty if none.
    police_less_sure: String,
    police_synthetic: bool,
    /// Reported crime, if statistics are imported for the year.
    crime: Option<CrimeView>,
    /// When and where, for the category chosen.
    detail: Option<DetailView>,
    /// The hot spots on a map, where some have a point.
    map: Option<crate::map::MapView>,
    /// The published tertial analyses: (title, href), newest first.
    analyses: Vec<(String, String)>,
    /// Where staff who may write them find the analyses.
    analyses_href: Option<String>,
    /// Residents: the form to follow the picture by e-mail, and its Atom feed.
    follow: Option<crate::follow_form::PictureFollow>,
}

/// The weeks, the time-of-week grid and the hot spots, in words.
pub struct DetailView {
    /// (label, href, is the one shown): all categories, then each.
    categories: Vec<(String, String, bool)>,
    /// "Veckor, tider och platser för klotter."
    lead: String,
    weeks: Vec<(String, String, String)>,
    week_col_before: String,
    /// The grid's column headings ("00", "00–04").
    grid_head: Vec<String>,
    /// Weekday, then each cell's text and shading class.
    grid_rows: Vec<(String, Vec<(String, &'static str)>)>,
    grid_note: String,
    /// (name, count).
    hot_spots: Vec<(String, String)>,
    hot_spots_lead: String,
}

/// Reported crime per 100,000 residents, in words.
pub struct CrimeView {
    lead: String,
    col_now: String,
    col_before: String,
    rows: Vec<CrimeRow>,
    synthetic: bool,
}

pub struct CrimeRow {
    category: String,
    now: String,
    now_rate: String,
    before: String,
    before_rate: String,
    verdict: String,
    verdict_class: &'static str,
    change: String,
}

fn view(
    lang: Lang,
    (chrome, here): (Chrome, String),
    municipality: &lofte_domain::Municipality,
    (picture, years): (&Picture, &[i32]),
    audience: Audience,
) -> SituationPage {
    let shown_year = chrono::Datelike::year(&picture.to);
    let shown = |s: Shown| lofte_app::words::shown_words(lang, s);
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
    let follow = (audience == Audience::Public)
        .then(|| crate::follow_form::PictureFollow::new(lang, &municipality.code));
    let chrome = match &follow {
        Some(f) => chrome.with_feed(lang.t("follow-picture-feed"), f.feed.clone()),
        None => chrome,
    };
    SituationPage {
        follow,
        heading: lang.t_args(
            "situation-title",
            &[("municipality", municipality.name.to_string())],
        ),
        chrome,
        municipality: municipality.name.to_string(),
        municipality_href: format!("/kommun/{}", municipality.code),
        years: years
            .iter()
            .map(|y| (*y, format!("{here}?ar={y}"), *y == shown_year))
            .collect(),
        csv_href: format!("{here}.csv?ar={shown_year}"),
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
        col_now: lang.t_args("situation-col-now", &[("year", shown_year.to_string())]),
        col_before: lang.t_args(
            "situation-col-before",
            &[("year", (shown_year - 1).to_string())],
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
        police_rows: picture
            .police
            .lines
            .iter()
            .map(|l| (l.kind.clone(), shown(l.now), shown(l.before)))
            .collect(),
        police_less_sure: match picture.police.less_sure {
            0 => String::new(),
            n => lang.t_args("situation-police-less-sure", &[("count", n.to_string())]),
        },
        police_synthetic: picture.police.synthetic,
        crime: picture.crime.as_ref().map(|c| crime_view(lang, c)),
        detail: None,
        map: None,
        analyses: Vec::new(),
        analyses_href: None,
    }
}

/// A count, "1 388" or held back, with "(preliminär)" if it is.
fn crime_count(lang: Lang, shown: Shown, preliminary: bool) -> String {
    let mut words = match shown {
        Shown::Count(n) => lang.integer(n),
        Shown::FewerThan(n) => lang.t_args("situation-fewer-than", &[("count", n.to_string())]),
    };
    if preliminary {
        words.push(' ');
        words.push_str(&lang.t("situation-crime-preliminary"));
    }
    words
}

/// "8 460 per 100 000", or empty without a rate.
fn crime_rate(lang: Lang, rate: Option<f64>) -> String {
    rate.map(|r| {
        lang.t_args(
            "situation-crime-rate",
            &[("rate", lang.integer(r.round() as u64))],
        )
    })
    .unwrap_or_default()
}

fn crime_view(lang: Lang, crime: &CrimeRates) -> CrimeView {
    let parts = |numbers: &[u8]| {
        numbers
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let basis = match &crime.basis {
        Basis::Year => lang.t("situation-crime-basis-year"),
        Basis::Quarters(q) => lang.t_args("situation-crime-basis-quarters", &[("parts", parts(q))]),
        Basis::Halves(h) => lang.t_args("situation-crime-basis-halves", &[("parts", parts(h))]),
    };
    let residents = |r: Option<(i32, u64)>| {
        r.map_or_else(
            || lang.t("situation-crime-no-population"),
            |(year, n)| {
                lang.t_args(
                    "situation-crime-population",
                    &[("year", year.to_string()), ("residents", lang.integer(n))],
                )
            },
        )
    };
    CrimeView {
        lead: lang.t_args(
            "situation-crime-lead",
            &[
                ("basis", basis),
                ("population", residents(crime.residents_now)),
            ],
        ),
        col_now: crime.year.to_string(),
        col_before: (crime.year - 1).to_string(),
        rows: crime
            .lines
            .iter()
            .map(|l| CrimeRow {
                category: l.category.clone(),
                now: crime_count(lang, l.now, l.preliminary),
                now_rate: crime_rate(lang, l.rate_now),
                before: l
                    .before
                    .map_or_else(|| "–".to_owned(), |b| crime_count(lang, b, false)),
                before_rate: crime_rate(lang, l.rate_before),
                verdict: l
                    .change
                    .as_ref()
                    .map_or_else(|| lang.t("situation-held-back"), |(_, v)| lang.name(v)),
                verdict_class: l.change.as_ref().map_or("held-back", |(_, v)| v.code()),
                change: l
                    .change
                    .as_ref()
                    .map(|(c, _)| change_words(lang, c))
                    .unwrap_or_default(),
            })
            .collect(),
        synthetic: crime.synthetic,
    }
}

#[derive(serde::Deserialize, Default)]
pub struct YearQuery {
    #[serde(default)]
    ar: Option<String>,
    /// A category's code, for the weeks, the grid and the hot spots.
    #[serde(default)]
    kategori: Option<String>,
}

/// The shading of a grid cell: five steps of its share of the largest cell.
fn heat(shown: Shown, max: u64) -> &'static str {
    match shown {
        Shown::FewerThan(_) => "heat-held",
        Shown::Count(0) => "heat-0",
        Shown::Count(n) => match (n * 4).div_ceil(max.max(1)) {
            0 | 1 => "heat-1",
            2 => "heat-2",
            3 => "heat-3",
            _ => "heat-4",
        },
    }
}

fn detail_view(
    lang: Lang,
    here: &str,
    year: i32,
    detail: &WhenWhere,
    places: &[lofte_domain::Place],
    audience: Audience,
) -> DetailView {
    let shown = |s: Shown| lofte_app::words::shown_words(lang, s);
    let href = |code: Option<&str>| match code {
        Some(c) => format!("{here}?ar={year}&kategori={c}#nar-och-var"),
        None => format!("{here}?ar={year}#nar-och-var"),
    };
    let mut categories = vec![(
        lang.t("situation-all-categories"),
        href(None),
        detail.category.is_none(),
    )];
    categories.extend(IncidentCategory::all().map(|c| {
        (
            lang.name(&c),
            href(Some(c.code())),
            detail.category == Some(c),
        )
    }));
    let step = detail.grid.hours_per_column;
    let grid_head = (0..24 / step)
        .map(|i| match step {
            1 => format!("{:02}", i),
            _ => format!("{:02}–{:02}", i * step, (i + 1) * step),
        })
        .collect();
    let weekdays = [
        "weekday-mon",
        "weekday-tue",
        "weekday-wed",
        "weekday-thu",
        "weekday-fri",
        "weekday-sat",
        "weekday-sun",
    ];
    DetailView {
        categories,
        lead: lang.t_args(
            "situation-when-where-lead",
            &[(
                "category",
                detail.category.map_or_else(
                    || lang.t("situation-all-categories-lower"),
                    |c| lang.name(&c).to_lowercase(),
                ),
            )],
        ),
        weeks: detail
            .weeks
            .iter()
            .map(|w| {
                (
                    lang.t_args(
                        "situation-week",
                        &[
                            ("week", w.week.to_string()),
                            ("from", w.from.format("%d/%m").to_string()),
                            ("to", w.to.format("%d/%m").to_string()),
                        ],
                    ),
                    shown(w.now),
                    shown(w.before),
                )
            })
            .collect(),
        week_col_before: lang.t_args("situation-week-before", &[("year", (year - 1).to_string())]),
        grid_head,
        grid_rows: detail
            .grid
            .rows
            .iter()
            .zip(weekdays)
            .map(|(row, day)| {
                (
                    lang.t(day),
                    row.iter()
                        .map(|c| {
                            let text = match c {
                                Shown::Count(n) => n.to_string(),
                                Shown::FewerThan(n) => format!("<{n}"),
                            };
                            (text, heat(*c, detail.grid.max))
                        })
                        .collect(),
                )
            })
            .collect(),
        grid_note: match (audience, detail.grid.without_time) {
            (Audience::Public, 0) => lang.t_args(
                "situation-grid-note-public",
                &[(
                    "threshold",
                    lofte_app::situation::PUBLIC_THRESHOLD.to_string(),
                )],
            ),
            (Audience::Staff, 0) => String::new(),
            (Audience::Public, n) => format!(
                "{} {}",
                lang.t_args(
                    "situation-grid-note-public",
                    &[(
                        "threshold",
                        lofte_app::situation::PUBLIC_THRESHOLD.to_string()
                    )],
                ),
                lang.t_args("situation-grid-without-time", &[("count", n.to_string())])
            ),
            (Audience::Staff, n) => {
                lang.t_args("situation-grid-without-time", &[("count", n.to_string())])
            }
        },
        hot_spots: detail
            .hot_spots
            .iter()
            .map(|h| {
                let name = match (&h.place, h.point) {
                    (Some(slug), _) => crate::views::place_name(places, slug.as_str()),
                    (None, Some(p)) => lang.t_args(
                        "situation-hot-spot-cell",
                        &[
                            ("lat", format!("{:.4}", p.lat())),
                            ("lon", format!("{:.4}", p.lon())),
                        ],
                    ),
                    (None, None) => String::new(),
                };
                (name, h.n.to_string())
            })
            .collect(),
        hot_spots_lead: match audience {
            Audience::Public => lang.t_args(
                "situation-hot-spots-public",
                &[(
                    "threshold",
                    lofte_app::situation::PUBLIC_THRESHOLD.to_string(),
                )],
            ),
            Audience::Staff => lang.t("situation-hot-spots-staff"),
        },
    }
}

/// What a request for the picture asked for (`?ar=`, `?kategori=`), computed once for
/// the page and for its map.
struct Asked {
    picture: Picture,
    years: Vec<i32>,
    places: Vec<lofte_domain::Place>,
    detail: WhenWhere,
}

async fn asked(
    lang: Lang,
    state: &AppState,
    tenant: &lofte_db::Tenant,
    query: &YearQuery,
    audience: Audience,
) -> Result<Asked, PageError> {
    let category = match query.kategori.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(
            IncidentCategory::parse(code)
                .map_err(|_| PageError::NotFound { lang, detail: None })?,
        ),
    };
    let (picture, years) = picture_asked(lang, tenant, query, audience).await?;
    let places = state.db.places(&tenant.municipality().code).await?;
    let detail = lofte_app::when_where::when_where(
        tenant,
        (picture.from, picture.to),
        category,
        &places,
        audience,
    )
    .await?;
    Ok(Asked {
        picture,
        years,
        places,
        detail,
    })
}

/// The page for the year and category asked for, to `audience`.
async fn page(
    lang: Lang,
    state: &AppState,
    (chrome, path): (Chrome, String),
    tenant: &lofte_db::Tenant,
    query: &YearQuery,
    audience: Audience,
) -> Result<SituationPage, PageError> {
    let Asked {
        picture,
        years,
        places,
        detail,
    } = asked(lang, state, tenant, query, audience).await?;
    let m = tenant.municipality();
    let year = chrono::Datelike::year(&picture.to);
    let mut page = view(
        lang,
        (chrome, path.clone()),
        m,
        (&picture, &years),
        audience,
    );
    if !picture.is_empty() {
        page.detail = Some(detail_view(lang, &path, year, &detail, &places, audience));
    }
    page.analyses = tenant
        .analyses(true)
        .await?
        .iter()
        .map(|a| {
            (
                lofte_app::analysis::title(lang, a.year, a.tertial),
                analysis::public_href(m.code.as_str(), a.year, a.tertial),
            )
        })
        .collect();
    if detail.hot_spots.iter().any(|h| h.point.is_some()) {
        let boundary = state.db.boundary_source(&m.code).await?;
        let mut map = crate::map::MapView::new(state, lang, m.code.as_str(), &places, boundary);
        map.label = lang.t("situation-map-label");
        map.help = lang.t("situation-map-help");
        let category = detail
            .category
            .map(|c| format!("&kategori={}", c.code()))
            .unwrap_or_default();
        map.features_href = Some(format!("{path}/platser.geojson?ar={year}{category}"));
        page.map = Some(map);
    }
    Ok(page)
}

/// The hot spots as GeoJSON points for the map: a place at its point, a cell at its
/// centre; residents get only those with at least the threshold, as in the list.
async fn hot_spots_geojson(
    lang: Lang,
    state: &AppState,
    tenant: &lofte_db::Tenant,
    query: &YearQuery,
    audience: Audience,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let Asked { places, detail, .. } = asked(lang, state, tenant, query, audience).await?;
    let category = detail.category;
    let label = category.map_or_else(|| lang.t("situation-all-categories"), |c| lang.name(&c));
    let features: Vec<serde_json::Value> = detail
        .hot_spots
        .iter()
        .filter_map(|h| {
            let point = h.point?;
            let place = match &h.place {
                Some(slug) => crate::views::place_name(&places, slug.as_str()),
                None => lang.t_args(
                    "situation-hot-spot-cell",
                    &[
                        ("lat", format!("{:.4}", point.lat())),
                        ("lon", format!("{:.4}", point.lon())),
                    ],
                ),
            };
            Some(serde_json::json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [point.lon(), point.lat()] },
                "properties": {
                    "kind": "hot_spot",
                    "category": label,
                    "place": place,
                    "text": lang.t_args("situation-map-reports", &[("count", h.n.to_string())]),
                    "count": h.n,
                },
            }))
        })
        .collect();
    let body = serde_json::json!({ "type": "FeatureCollection", "features": features });
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/geo+json")],
        body.to_string(),
    )
        .into_response())
}

async fn public_hot_spots(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<axum::response::Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    hot_spots_geojson(lang, &state, &tenant, &query, Audience::Public).await
}

async fn staff_hot_spots(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<axum::response::Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    hot_spots_geojson(lang, &state, &tenant, &query, Audience::Staff).await
}

/// The picture of the year asked for (`?ar=2021`); without one, this year if it has
/// reports, else the latest year that has, else this year. The years with reports.
pub(super) async fn picture_asked(
    lang: Lang,
    tenant: &lofte_db::Tenant,
    query: &YearQuery,
    audience: Audience,
) -> Result<(Picture, Vec<i32>), PageError> {
    let today = lofte_app::progress::today();
    let this_year = chrono::Datelike::year(&today);
    let years = tenant.incident_years().await?;
    let year = match &query.ar {
        Some(raw) => raw
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=this_year).contains(y))
            .ok_or(PageError::NotFound { lang, detail: None })?,
        None if years.contains(&this_year) => this_year,
        None => years.first().copied().unwrap_or(this_year),
    };
    let picture = lofte_app::situation::picture_of_year(tenant, year, today, audience).await?;
    Ok((picture, years))
}

async fn public(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<SituationPage, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let m = tenant.municipality();
    let path = format!("/kommun/{}/lagesbild", m.code);
    let chrome = Chrome::new(
        lang,
        &path,
        lang.t_args("situation-title", &[("municipality", m.name.to_string())]),
    );
    page(
        lang,
        &state,
        (chrome, path),
        &tenant,
        &query,
        Audience::Public,
    )
    .await
}

async fn staff(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<SituationPage, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
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
    let mut page = page(
        lang,
        &state,
        (chrome, path.clone()),
        &tenant,
        &query,
        Audience::Staff,
    )
    .await?;
    if staff.principal.may(
        lofte_domain::Permission::EditPromise,
        &tenant.municipality().code,
    ) {
        page.analyses_href = Some(format!("{path}/analyser"));
    }
    Ok(page)
}
