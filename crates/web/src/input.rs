//! "Tyck till om tryggheten": the public input form (no account, no JavaScript needed),
//! the thank-you page, and the public list of published inputs.
//!
//! The form names a place by locality, an optional place within it and an optional typed
//! address. Submissions are limited per client address in this instance's memory only; a
//! honeypot field that people do not see catches simple bots, which get the same thank-you
//! page and store nothing.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use governor::Quota;
use lofte_db::Tenant;
use lofte_domain::citizen::{AgeBand, Gender, InputCategory, InputFields, InputStatus};
use lofte_domain::{FieldError, Place, PlaceKind};
use lofte_i18n::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::{Policy, Routes};
use crate::staff::forms::{Choice, Field, SummaryItem, place_errors};
use crate::views::Chrome;

/// Five inputs at once, then one every two minutes, per client address.
pub fn quota() -> Quota {
    Quota::with_period(Duration::from_secs(120))
        .expect("non-zero period")
        .allow_burst(NonZeroU32::new(5).expect("non-zero"))
}

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get(
            "/kommun/{code}/tyck-till",
            Public,
            get(form_page).post(submit),
        )
        .get("/kommun/{code}/tyck-till/tack", Public, get(thanks))
        .get("/kommun/{code}/synpunkter", Public, get(list))
        .get("/kommun/{code}/synpunkter.csv", Public, get(export_csv))
        .get(
            "/kommun/{code}/synpunkter.geojson",
            Public,
            get(export_geojson),
        )
        .get("/kommun/{code}/fynd/{id}/foto", Public, get(finding_photo))
}

/// A safety-walk finding's photo (findings are public; the photo was cleaned on upload).
async fn finding_photo(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, id)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    let (tenant, _) = tenant_and_places(&state, lang, &code).await?;
    let photo = tenant
        .finding_photo(id)
        .await
        .map_err(PageError::internal(lang))?
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let media_type = match photo.media_type.as_str() {
        "image/png" => "image/png",
        _ => "image/jpeg",
    };
    Ok((
        [
            (header::CONTENT_TYPE, media_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        photo.data,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub struct InputForm {
    #[serde(default, rename = "input_locality")]
    locality: String,
    #[serde(default, rename = "input_place")]
    place: String,
    #[serde(default, rename = "input_address")]
    address: String,
    #[serde(default, rename = "input_category")]
    category: String,
    #[serde(default, rename = "input_text")]
    text: String,
    #[serde(default, rename = "input_age_band")]
    age_band: String,
    #[serde(default, rename = "input_gender")]
    gender: String,
    /// The point marked on the map (set by the map script; absent without JavaScript).
    #[serde(default, rename = "input_lat")]
    lat: String,
    #[serde(default, rename = "input_lon")]
    lon: String,
    /// The honeypot: hidden from people, filled in by naive bots.
    #[serde(default)]
    website: String,
}

pub fn category_name(lang: Lang, category: InputCategory) -> String {
    lang.t(&format!("input-category-{}", category.code()))
}

fn options(
    lang: Lang,
    current: &str,
    blank: Option<&str>,
    items: Vec<(String, String)>,
) -> Vec<Choice> {
    blank
        .map(|key| Choice {
            value: String::new(),
            label: lang.t(key),
            selected: current.is_empty(),
        })
        .into_iter()
        .chain(items.into_iter().map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
        }))
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "input_form.html")]
pub struct InputPage {
    chrome: Chrome,
    municipality: String,
    municipality_href: String,
    action: String,
    summary: Vec<SummaryItem>,
    locality: Field,
    localities: Vec<Choice>,
    place: Field,
    places: Vec<Choice>,
    address: Field,
    category: Field,
    categories: Vec<Choice>,
    text: Field,
    age_band: Field,
    age_bands: Vec<Choice>,
    gender: Field,
    genders: Vec<Choice>,
    position: Field,
    lat: String,
    lon: String,
    map: crate::map::MapView,
    /// Set when the client has sent too many inputs lately.
    too_many: Option<String>,
    list_href: String,
}

fn input_page(
    lang: Lang,
    (tenant, places, map): (&Tenant, &[Place], crate::map::MapView),
    form: &InputForm,
    errors: &[FieldError],
) -> InputPage {
    let m = tenant.municipality();
    let base = format!("/kommun/{}", m.code);
    let action = format!("{base}/tyck-till");
    let name_of = |p: &Place| (p.slug.to_string(), p.name.to_string());
    let mut page = InputPage {
        chrome: Chrome::new(lang, &action, lang.t("input-title")),
        municipality: m.name.to_string(),
        summary: Vec::new(),
        locality: Field::new(lang, "input_locality", form.locality.clone()),
        localities: options(
            lang,
            &form.locality,
            Some("input-choose"),
            places
                .iter()
                .filter(|p| p.kind == PlaceKind::Locality)
                .map(name_of)
                .collect(),
        ),
        place: Field::new(lang, "input_place", form.place.clone()),
        places: options(
            lang,
            &form.place,
            Some("input-no-place"),
            places
                .iter()
                .filter(|p| p.kind != PlaceKind::Locality)
                .map(name_of)
                .collect(),
        ),
        address: Field::new(lang, "input_address", form.address.clone()),
        category: Field::new(lang, "input_category", form.category.clone()),
        categories: options(
            lang,
            &form.category,
            Some("input-choose"),
            InputCategory::ALL
                .iter()
                .map(|c| (c.code().to_owned(), category_name(lang, *c)))
                .collect(),
        ),
        text: Field::new(lang, "input_text", form.text.clone()),
        age_band: Field::new(lang, "input_age_band", form.age_band.clone()),
        age_bands: options(
            lang,
            &form.age_band,
            Some("input-not-said"),
            AgeBand::ALL
                .iter()
                .map(|a| {
                    (
                        a.code().to_owned(),
                        lang.t(&format!("input-age-{}", a.code())),
                    )
                })
                .collect(),
        ),
        gender: Field::new(lang, "input_gender", form.gender.clone()),
        genders: options(
            lang,
            &form.gender,
            Some("input-not-said"),
            Gender::ALL
                .iter()
                .map(|g| {
                    (
                        g.code().to_owned(),
                        lang.t(&format!("input-gender-{}", g.code())),
                    )
                })
                .collect(),
        ),
        position: Field::new(lang, "input_position", String::new()),
        lat: form.lat.clone(),
        lon: form.lon.clone(),
        map,
        too_many: None,
        list_href: format!("{base}/synpunkter"),
        municipality_href: base,
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.locality,
            &mut page.place,
            &mut page.address,
            &mut page.category,
            &mut page.text,
            &mut page.age_band,
            &mut page.gender,
            &mut page.position,
        ],
        |path| {
            Some(match path {
                "locality" => "input_locality",
                "place" => "input_place",
                "address" => "input_address",
                "category" => "input_category",
                "text" => "input_text",
                "age_band" => "input_age_band",
                "gender" => "input_gender",
                "position" => "input_position",
                _ => return None,
            })
        },
    );
    if !page.summary.is_empty() {
        page.chrome.title =
            lang.t_args("title-with-errors", &[("title", page.chrome.title.clone())]);
    }
    page
}

async fn tenant_and_places(
    state: &AppState,
    lang: Lang,
    code: &str,
) -> Result<(Tenant, Vec<Place>), PageError> {
    let tenant = state
        .db
        .tenant_named(code)
        .await
        .map_err(PageError::internal(lang))?
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let places = state
        .db
        .places(&tenant.municipality().code)
        .await
        .map_err(PageError::internal(lang))?;
    Ok((tenant, places))
}

/// The map a page about this municipality shows.
async fn map_view(
    state: &AppState,
    lang: Lang,
    tenant: &Tenant,
    places: &[Place],
) -> Result<crate::map::MapView, PageError> {
    let code = &tenant.municipality().code;
    let boundary = state
        .db
        .boundary_source(code)
        .await
        .map_err(PageError::internal(lang))?;
    Ok(crate::map::MapView::new(
        state,
        lang,
        code.as_str(),
        places,
        boundary,
    ))
}

async fn form_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<InputPage, PageError> {
    let (tenant, places) = tenant_and_places(&state, lang, &code).await?;
    let map = map_view(&state, lang, &tenant, &places)
        .await?
        .picking(&places);
    Ok(input_page(
        lang,
        (&tenant, &places, map),
        &InputForm::default(),
        &[],
    ))
}

async fn submit(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    Path(code): Path<String>,
    Form(form): Form<InputForm>,
) -> Result<Response, PageError> {
    let (tenant, places) = tenant_and_places(&state, lang, &code).await?;
    let map = map_view(&state, lang, &tenant, &places)
        .await?
        .picking(&places);
    let thanks = Redirect::to(&format!(
        "/kommun/{}/tyck-till/tack",
        tenant.municipality().code
    ));
    if let Err(seconds) = state.input_limiter.check(client.map(|Extension(c)| c.0)) {
        let mut page = input_page(lang, (&tenant, &places, map), &form, &[]);
        page.too_many = Some(lang.t_args(
            "input-too-many",
            &[("minutes", seconds.div_ceil(60).to_string())],
        ));
        let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_str(&seconds.to_string()).expect("digits are a valid header"),
        );
        return Ok(response);
    }
    if !form.website.trim().is_empty() {
        // A bot filled in the field people never see: thank it and keep nothing.
        return Ok(thanks.into_response());
    }
    let fields = InputFields {
        locality: &form.locality,
        place: &form.place,
        address: &form.address,
        category: &form.category,
        text: &form.text,
        age_band: &form.age_band,
        gender: &form.gender,
        lat: &form.lat,
        lon: &form.lon,
    };
    let official_name = tenant.municipality().official_name.to_string();
    let invalid = |errors: Vec<FieldError>| {
        // A point outside Sweden is, to a resident, a point outside the municipality.
        let errors: Vec<FieldError> = errors
            .into_iter()
            .map(|e| match e.problem {
                lofte_domain::Problem::Coordinates if e.path == "position" => FieldError::new(
                    "position",
                    lofte_domain::Problem::OutsideMunicipality {
                        municipality: official_name.clone(),
                    },
                ),
                _ => e,
            })
            .collect();
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            input_page(lang, (&tenant, &places, map), &form, &errors),
        )
            .into_response()
    };
    let input = match fields.parse() {
        Ok(input) => input,
        Err(errors) => return Ok(invalid(errors)),
    };
    match tenant.receive_input(&input).await {
        Ok(_) => Ok(thanks.into_response()),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::internal(lang)(e)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "input_thanks.html")]
pub struct ThanksPage {
    chrome: Chrome,
    municipality_href: String,
    form_href: String,
    list_href: String,
}

async fn thanks(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<ThanksPage, PageError> {
    let (tenant, _) = tenant_and_places(&state, lang, &code).await?;
    let base = format!("/kommun/{}", tenant.municipality().code);
    Ok(ThanksPage {
        chrome: Chrome::new(
            lang,
            &format!("{base}/tyck-till/tack"),
            lang.t("input-thanks-title"),
        ),
        form_href: format!("{base}/tyck-till"),
        list_href: format!("{base}/synpunkter"),
        municipality_href: base,
    })
}

#[derive(Deserialize, Default)]
pub struct ListFilter {
    #[serde(default)]
    ort: String,
    #[serde(default)]
    kategori: String,
    /// A finding status, for the safety-walk findings.
    #[serde(default)]
    status: String,
}

impl ListFilter {
    fn keeps_input(&self, i: &lofte_db::citizen_inputs::StoredInput) -> bool {
        (self.ort.is_empty() || i.locality.as_str() == self.ort)
            && (self.kategori.is_empty() || i.category.code() == self.kategori)
    }

    fn keeps_finding(&self, places: &[Place], f: &lofte_db::safety_walks::StoredFinding) -> bool {
        (self.ort.is_empty() || locality_of(places, &f.place) == self.ort)
            && (self.status.is_empty() || f.status.code() == self.status)
    }

    /// The filter as a query string for the map's GeoJSON request ("" or "?ort=flen…"),
    /// keeping only values that are codes (so nothing needs escaping).
    fn query(&self) -> String {
        let code = |v: &str| {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        };
        let parts: Vec<String> = [
            ("ort", &self.ort),
            ("kategori", &self.kategori),
            ("status", &self.status),
        ]
        .into_iter()
        .filter(|(_, v)| code(v))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The locality a place lies in: itself if it is one, else the nearest enclosing one.
fn locality_of<'a>(places: &'a [Place], slug: &'a lofte_domain::PlaceSlug) -> &'a str {
    let mut current = slug;
    for _ in 0..8 {
        match places.iter().find(|p| &p.slug == current) {
            Some(p) if p.kind == PlaceKind::Locality => return p.slug.as_str(),
            Some(Place {
                within: Some(w), ..
            }) => current = w,
            _ => break,
        }
    }
    slug.as_str()
}

pub struct FindingItem {
    pub heading: String,
    pub walked: String,
    pub description: String,
    pub status: String,
    pub status_class: &'static str,
    pub owner: String,
    pub reason: Option<String>,
    /// Where its photo is, if it has one.
    pub photo: Option<String>,
}

pub struct InputItem {
    pub category: String,
    pub place: String,
    pub month: String,
    pub text: String,
    /// "Från medborgardialog 2021-03-04" for inputs raised at a dialogue.
    pub source: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "inputs.html")]
pub struct ListPage {
    chrome: Chrome,
    heading: String,
    municipality: String,
    municipality_href: String,
    form_href: String,
    action: String,
    locality: Field,
    localities: Vec<Choice>,
    category: Field,
    categories: Vec<Choice>,
    /// (locality, published inputs there), for every locality with any.
    counts: Vec<(String, usize)>,
    items: Vec<InputItem>,
    shown: String,
    status: Field,
    statuses: Vec<Choice>,
    findings: Vec<FindingItem>,
    map: crate::map::MapView,
}

/// Published inputs, filterable by locality and category, with counts per locality.
async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(filter): Query<ListFilter>,
) -> Result<ListPage, PageError> {
    let (tenant, places) = tenant_and_places(&state, lang, &code).await?;
    let mut map = map_view(&state, lang, &tenant, &places).await?;
    let m = tenant.municipality();
    let base = format!("/kommun/{}", m.code);
    map.features_href = Some(format!("{base}/synpunkter.geojson{}", filter.query()));
    map.help = lang.t("map-list-help");
    let published = tenant
        .inputs(InputStatus::Published)
        .await
        .map_err(PageError::internal(lang))?;
    let name = |slug: &str| crate::views::place_name(&places, slug);
    let dialogues = tenant
        .dialogues()
        .await
        .map_err(PageError::internal(lang))?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in &published {
        *counts.entry(name(i.locality.as_str())).or_default() += 1;
    }
    let items: Vec<InputItem> = published
        .iter()
        .filter(|i| filter.keeps_input(i))
        .map(|i| InputItem {
            category: category_name(lang, i.category),
            place: [
                Some(name(i.locality.as_str())),
                i.place.as_ref().map(|p| name(p.as_str())),
                i.address.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
            month: i
                .received_at
                .with_timezone(&chrono_tz::Europe::Stockholm)
                .format("%Y-%m")
                .to_string(),
            text: i.text.clone(),
            source: i
                .dialogue
                .and_then(|d| dialogues.iter().find(|x| x.id == d))
                .map(|d| lang.t_args("inputs-from-dialogue", &[("date", d.date.to_string())])),
        })
        .collect();
    let findings: Vec<FindingItem> = tenant
        .findings(None)
        .await
        .map_err(PageError::internal(lang))?
        .into_iter()
        .filter(|f| filter.keeps_finding(&places, f))
        .map(|f| FindingItem {
            photo: f.has_photo.then(|| format!("{base}/fynd/{}/foto", f.id)),
            heading: format!(
                "{} · {}",
                crate::staff::walks::finding_category_name(lang, f.category),
                name(f.place.as_str())
            ),
            walked: f
                .walk_date
                .map(|d| lang.t_args("findings-walked", &[("date", d.to_string())]))
                .unwrap_or_default(),
            description: f.description,
            status: crate::staff::walks::finding_status_name(lang, f.status),
            status_class: f.status.code(),
            owner: lang.t_args(
                "finding-owner",
                &[
                    ("owner", f.owner),
                    (
                        "due",
                        f.due.map_or_else(|| "–".to_owned(), |d| d.to_string()),
                    ),
                ],
            ),
            reason: f.reason,
        })
        .collect();
    let heading = lang.t_args("inputs-title", &[("municipality", m.name.to_string())]);
    Ok(ListPage {
        map,
        chrome: Chrome::new(lang, &format!("{base}/synpunkter"), heading.clone()),
        heading,
        municipality: m.name.to_string(),
        form_href: format!("{base}/tyck-till"),
        action: format!("{base}/synpunkter"),
        locality: Field::new(lang, "ort", filter.ort.clone()),
        localities: options(
            lang,
            &filter.ort,
            Some("inputs-all-localities"),
            places
                .iter()
                .filter(|p| p.kind == PlaceKind::Locality)
                .map(|p| (p.slug.to_string(), p.name.to_string()))
                .collect(),
        ),
        category: Field::new(lang, "kategori", filter.kategori.clone()),
        categories: options(
            lang,
            &filter.kategori,
            Some("inputs-all-categories"),
            InputCategory::ALL
                .iter()
                .map(|c| (c.code().to_owned(), category_name(lang, *c)))
                .collect(),
        ),
        counts: counts.into_iter().collect(),
        status: Field::new(lang, "status_filter", filter.status.clone()),
        statuses: options(
            lang,
            &filter.status,
            Some("findings-all-statuses"),
            lofte_domain::walk::FindingStatus::ALL
                .iter()
                .map(|s| {
                    (
                        s.code().to_owned(),
                        crate::staff::walks::finding_status_name(lang, *s),
                    )
                })
                .collect(),
        ),
        findings,
        shown: lang.t_args(
            "inputs-shown",
            &[
                ("shown", items.len().to_string()),
                ("total", published.len().to_string()),
            ],
        ),
        items,
        municipality_href: base,
    })
}

/// One published input or safety-walk finding, as the open-data exports give it.
struct ExportItem {
    kind: &'static str,
    date: String,
    locality: String,
    place: String,
    address: String,
    category: String,
    text: String,
    status: String,
    reason: String,
    owner: String,
    due: String,
    /// The point the resident marked, else the place's coordinates (the locality's when
    /// no place was given).
    point: Option<(f64, f64)>,
    /// Whether `point` is where it was marked on a map ("point"), the cell it was marked in
    /// ("area", what the public sees unless a moderator confirmed a public place), or
    /// where the place is ("place").
    precision: &'static str,
    /// Where a finding's photo is.
    photo: Option<String>,
    /// Staff exports only: where the input is in moderation, why it was hidden, and what
    /// the resident said of themselves.
    moderation: String,
    hidden_reason: String,
    age_band: String,
    gender: String,
}

struct Row(Vec<lofte_report::Cell>);

impl lofte_report::ExportRow for Row {
    fn cells(&self) -> Vec<lofte_report::Cell> {
        self.0.clone()
    }
}

/// Who an export is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Open data: published inputs only, without age band or gender.
    Public,
    /// Staff of the municipality: every input still kept (waiting, published, hidden)
    /// with its moderation status, hiding reason, age band and gender.
    Staff,
}

/// Inputs and every finding, worded in the reader's language, for `audience`.
async fn export_items(
    state: &AppState,
    lang: Lang,
    code: &str,
    audience: Audience,
    filter: &ListFilter,
) -> Result<(Tenant, Vec<ExportItem>), PageError> {
    let (tenant, places) = tenant_and_places(state, lang, code).await?;
    let find = |slug: &lofte_domain::PlaceSlug| places.iter().find(|p| &p.slug == slug);
    let name = |slug: &lofte_domain::PlaceSlug| {
        find(slug).map_or_else(|| slug.to_string(), |p| p.name.to_string())
    };
    let point = |slug: &lofte_domain::PlaceSlug| {
        find(slug).map(|p| (p.coordinates.lat(), p.coordinates.lon()))
    };
    let statuses: &[InputStatus] = match audience {
        Audience::Public => &[InputStatus::Published],
        Audience::Staff => InputStatus::ALL,
    };
    let mut inputs = Vec::new();
    for status in statuses {
        inputs.extend(
            tenant
                .inputs(*status)
                .await
                .map_err(PageError::internal(lang))?,
        );
    }
    inputs.retain(|i| filter.keeps_input(i));
    inputs.sort_by_key(|i| std::cmp::Reverse((i.received_at, i.id)));
    let staff_columns = |lang: Lang, i: &lofte_db::citizen_inputs::StoredInput| {
        if audience == Audience::Public {
            return Default::default();
        }
        [
            lang.t(&format!("input-status-{}", i.status.code())),
            i.hidden_reason.clone().unwrap_or_default(),
            i.age_band
                .map(|a| lang.t(&format!("input-age-{}", a.code())))
                .unwrap_or_default(),
            i.gender
                .map(|g| lang.t(&format!("input-gender-{}", g.code())))
                .unwrap_or_default(),
        ]
    };
    let mut items: Vec<ExportItem> = inputs
        .into_iter()
        .map(|i| {
            let [moderation, hidden_reason, age_band, gender] = staff_columns(lang, &i);
            // Staff see the point as marked; the public only what a moderator allowed.
            let marked = match audience {
                Audience::Public => i.public_point(),
                Audience::Staff => i.point,
            };
            ExportItem {
                moderation,
                hidden_reason,
                age_band,
                gender,
                kind: "input",
                date: i
                    .received_at
                    .with_timezone(&chrono_tz::Europe::Stockholm)
                    .format("%Y-%m")
                    .to_string(),
                locality: name(&i.locality),
                place: i.place.as_ref().map(&name).unwrap_or_default(),
                address: i.address.clone().unwrap_or_default(),
                category: category_name(lang, i.category),
                text: i.text.clone(),
                status: String::new(),
                reason: String::new(),
                owner: String::new(),
                due: String::new(),
                point: marked.map(|c| (c.lat(), c.lon())).or_else(|| {
                    i.place
                        .as_ref()
                        .and_then(&point)
                        .or_else(|| point(&i.locality))
                }),
                precision: match marked {
                    None => "place",
                    Some(shown) if Some(shown) == i.point => "point",
                    Some(_) => "area",
                },
                photo: None,
            }
        })
        .collect();
    for f in tenant
        .findings(None)
        .await
        .map_err(PageError::internal(lang))?
        .into_iter()
        .filter(|f| filter.keeps_finding(&places, f))
    {
        let locality = lofte_domain::PlaceSlug::parse(locality_of(&places, &f.place))
            .map(|l| name(&l))
            .unwrap_or_default();
        items.push(ExportItem {
            kind: "finding",
            date: f.walk_date.map(|d| d.to_string()).unwrap_or_default(),
            locality,
            place: name(&f.place),
            address: String::new(),
            category: crate::staff::walks::finding_category_name(lang, f.category),
            text: f.description.clone(),
            status: crate::staff::walks::finding_status_name(lang, f.status),
            reason: f.reason.clone().unwrap_or_default(),
            owner: f.owner.clone(),
            due: f.due.map(|d| d.to_string()).unwrap_or_default(),
            point: point(&f.place),
            precision: "place",
            moderation: String::new(),
            hidden_reason: String::new(),
            age_band: String::new(),
            gender: String::new(),
            photo: f
                .has_photo
                .then(|| format!("/kommun/{}/fynd/{}/foto", tenant.municipality().code, f.id)),
        });
    }
    Ok((tenant, items))
}

fn attachment(name: String, content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn export_csv(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(filter): Query<ListFilter>,
) -> Result<Response, PageError> {
    csv_response(&state, lang, &code, Audience::Public, &filter).await
}

/// Inputs and findings as CSV for `audience` (staff get four more columns).
pub async fn csv_response(
    state: &AppState,
    lang: Lang,
    code: &str,
    audience: Audience,
    filter: &ListFilter,
) -> Result<Response, PageError> {
    let (tenant, items) = export_items(state, lang, code, audience, filter).await?;
    let staff = audience == Audience::Staff;
    let mut columns = vec![
        "kind",
        "date",
        "locality",
        "place",
        "address",
        "category",
        "text",
        "status",
        "reason",
        "owner",
        "due",
        "lat",
        "lon",
        "precision",
    ];
    if staff {
        columns.extend(["moderation", "hidden-reason", "age-band", "gender"]);
    }
    let headers: Vec<String> = columns
        .iter()
        .map(|h| lang.t(&format!("inputs-export-{h}")))
        .collect();
    use lofte_report::Cell::{Number, Text};
    let rows: Vec<Row> = items
        .into_iter()
        .map(|i| {
            let mut cells = vec![
                Text(lang.t(&format!("inputs-export-kind-{}", i.kind))),
                Text(i.date),
                Text(i.locality),
                Text(i.place),
                Text(i.address),
                Text(i.category),
                Text(i.text),
                Text(i.status),
                Text(i.reason),
                Text(i.owner),
                Text(i.due),
            ];
            match i.point {
                Some((lat, lon)) => cells.extend([Number(lat), Number(lon)]),
                None => cells.extend([Text(String::new()), Text(String::new())]),
            }
            cells.push(Text(
                lang.t(&format!("inputs-export-precision-{}", i.precision)),
            ));
            if staff {
                cells.extend([
                    Text(i.moderation),
                    Text(i.hidden_reason),
                    Text(i.age_band),
                    Text(i.gender),
                ]);
            }
            Row(cells)
        })
        .collect();
    let body = lofte_report::to_csv(&headers, &rows).map_err(|e| PageError::Internal {
        lang,
        cause: e.to_string(),
    })?;
    Ok(attachment(
        format!("{}-{}.csv", file_stem(audience), tenant.municipality().code),
        "text/csv; charset=utf-8",
        body,
    ))
}

fn file_stem(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "synpunkter",
        Audience::Staff => "synpunkter-alla",
    }
}

/// The same as GeoJSON (RFC 7946: longitude first), for maps and GIS.
async fn export_geojson(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(filter): Query<ListFilter>,
) -> Result<Response, PageError> {
    geojson_response(&state, lang, &code, Audience::Public, &filter).await
}

/// Inputs and findings as GeoJSON for `audience`.
pub async fn geojson_response(
    state: &AppState,
    lang: Lang,
    code: &str,
    audience: Audience,
    filter: &ListFilter,
) -> Result<Response, PageError> {
    let (tenant, items) = export_items(state, lang, code, audience, filter).await?;
    let staff = audience == Audience::Staff;
    let features: Vec<serde_json::Value> = items
        .into_iter()
        .map(|i| {
            let mut feature = serde_json::json!({
                "type": "Feature",
                "geometry": i.point.map(|(lat, lon)| serde_json::json!({
                    "type": "Point",
                    "coordinates": [lon, lat],
                })),
                "properties": {
                    "kind": i.kind,
                    "date": i.date,
                    "locality": i.locality,
                    "place": i.place,
                    "address": i.address,
                    "category": i.category,
                    "text": i.text,
                    "status": i.status,
                    "reason": i.reason,
                    "owner": i.owner,
                    "due": i.due,
                    "precision": i.precision,
                    "photo": i.photo,
                },
            });
            if staff {
                feature["properties"]["moderation"] = i.moderation.into();
                feature["properties"]["hidden_reason"] = i.hidden_reason.into();
                feature["properties"]["age_band"] = i.age_band.into();
                feature["properties"]["gender"] = i.gender.into();
            }
            feature
        })
        .collect();
    let body = serde_json::to_vec_pretty(&serde_json::json!({
        "type": "FeatureCollection",
        "features": features,
    }))
    .expect("JSON values serialise");
    Ok(attachment(
        format!(
            "{}-{}.geojson",
            file_stem(audience),
            tenant.municipality().code
        ),
        "application/geo+json",
        body,
    ))
}

/// Puts linked inputs and findings on the promise page: under each commitment, and
/// under the focus areas for those linked to one of the promise's (`promise`) areas.
pub fn add_voices(
    lang: Lang,
    places: &[Place],
    promise: i32,
    view: &mut crate::views::PromiseView,
    inputs: &[lofte_db::citizen_inputs::StoredInput],
    findings: &[lofte_db::safety_walks::StoredFinding],
) {
    for c in view
        .parties
        .iter_mut()
        .flat_map(|p| p.commitments.iter_mut())
    {
        c.voices = voices(
            lang,
            places,
            inputs.iter().filter(|i| i.commitment == Some(c.id)),
            findings.iter().filter(|f| f.commitment == Some(c.id)),
        );
    }
    let about = |focus: &Option<lofte_db::links::FocusLink>, area: &str| {
        focus
            .as_ref()
            .is_some_and(|l| l.promise == promise && l.area == area)
    };
    view.focus_voices = view
        .focus_areas
        .iter()
        .filter_map(|(area, shown)| {
            voices(
                lang,
                places,
                inputs.iter().filter(|i| about(&i.focus, area)),
                findings.iter().filter(|f| about(&f.focus, area)),
            )
            .map(|v| (shown.clone(), v))
        })
        .collect();
}

/// What residents said and what was done, for one commitment or focus area; `None` when
/// nothing is linked to it.
fn voices<'a>(
    lang: Lang,
    places: &[Place],
    said: impl Iterator<Item = &'a lofte_db::citizen_inputs::StoredInput>,
    done: impl Iterator<Item = &'a lofte_db::safety_walks::StoredFinding>,
) -> Option<crate::views::Voices> {
    /// How many residents' texts are quoted; the list has them all.
    const QUOTED: usize = 3;
    let said: Vec<&lofte_db::citizen_inputs::StoredInput> = said.collect();
    let today = lofte_app::progress::today();
    let done: Vec<(String, String, &'static str)> = done
        .map(|f| {
            let mut status = crate::staff::walks::finding_status_name(lang, f.status);
            // Open after the date it was promised by: said so, with the date.
            if let (true, Some(due)) = (crate::staff::walks::finding_overdue(f, today), f.due) {
                status = lang.t_args(
                    "finding-overdue",
                    &[("status", status), ("date", due.to_string())],
                );
            }
            (
                format!(
                    "{} · {}",
                    crate::staff::walks::finding_category_name(lang, f.category),
                    crate::views::place_name(places, f.place.as_str())
                ),
                status,
                f.status.code(),
            )
        })
        .collect();
    if said.is_empty() && done.is_empty() {
        return None;
    }
    Some(crate::views::Voices {
        said_heading: (!said.is_empty())
            .then(|| lang.t_args("voices-said", &[("count", said.len().to_string())])),
        said: said.iter().take(QUOTED).map(|i| i.text.clone()).collect(),
        done,
    })
}
