//! The municipality's places in the staff area: the list, adding one and changing one
//! (name, kind, point marked on the map or typed, a road's line or an area's outline
//! drawn on the map or pasted as GeoJSON: `static/map.js` writes what is drawn into the
//! GeoJSON field, which stays the form's one source of the shape). Promises, logged work and residents' inputs name places, so a
//! place keeps its slug for good.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_domain::exchange::PlaceDocument;
use lofte_domain::{FieldError, Place, PlaceKind, PlaceSlug, Problem};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::forms::{Choice, Field, SummaryItem, choices, place_errors};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::map::MapView;
use crate::policy::Staff;
use crate::views::Chrome;

pub struct PlaceRow {
    pub name: String,
    pub kind: String,
    pub slug: String,
    pub within: Option<String>,
    pub edit_href: String,
    pub edit_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_places.html")]
pub struct PlacesPage {
    chrome: Chrome,
    heading: String,
    rows: Vec<PlaceRow>,
    new_href: String,
}

fn kind_words(lang: Lang, kind: PlaceKind) -> String {
    lang.name(&kind)
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<PlacesPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let m = tenant.municipality();
    let places = state.db.places(&m.code).await?;
    let base = format!("/personal/kommun/{}/platser", m.code);
    let heading = lang.t_args("places-title", &[("municipality", m.name.to_string())]);
    Ok(PlacesPage {
        chrome: chrome(lang, &staff, &base, heading.clone()),
        heading,
        rows: places
            .iter()
            .map(|p| PlaceRow {
                name: p.name.to_string(),
                kind: kind_words(lang, p.kind),
                slug: p.slug.to_string(),
                within: p
                    .within
                    .as_ref()
                    .map(|w| crate::views::place_name(&places, w.as_str())),
                edit_href: format!("{base}/{}", p.slug),
                edit_label: lang.t_args("places-edit-named", &[("name", p.name.to_string())]),
            })
            .collect(),
        new_href: format!("{base}/ny"),
    })
}

#[derive(Deserialize, Default, Clone)]
pub struct PlaceForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    place_kind: String,
    #[serde(default)]
    place_lat: String,
    #[serde(default)]
    place_lon: String,
    #[serde(default)]
    shape: String,
    #[serde(default)]
    outlying: Option<String>,
    #[serde(default)]
    within: String,
}

impl PlaceForm {
    fn from_place(p: &Place) -> Self {
        PlaceForm {
            name: p.name.to_string(),
            slug: p.slug.to_string(),
            place_kind: p.kind.as_str().to_owned(),
            place_lat: format!("{:.6}", p.coordinates.lat()),
            place_lon: format!("{:.6}", p.coordinates.lon()),
            shape: p
                .shape
                .as_ref()
                .map(|s| s.to_geojson().to_string())
                .unwrap_or_default(),
            outlying: p.outlying.then(|| "on".to_owned()),
            within: p
                .within
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }

    /// The place the form describes; the slug is made from the name when left empty.
    fn parse(
        &self,
        municipality: &lofte_domain::MunicipalityCode,
    ) -> Result<Place, Vec<FieldError>> {
        let mut errors = Vec::new();
        let number = |raw: &str, path: &str, errors: &mut Vec<FieldError>| -> Option<f64> {
            match raw.trim().replace(',', ".") {
                t if t.is_empty() => None,
                t => t
                    .parse::<f64>()
                    .map_err(|_| errors.push(FieldError::new(path, Problem::Coordinates)))
                    .ok(),
            }
        };
        let lat = number(&self.place_lat, "lat", &mut errors);
        let lon = number(&self.place_lon, "lon", &mut errors);
        let shape = match self.shape.trim() {
            "" => None,
            raw => match serde_json::from_str::<serde_json::Value>(raw) {
                Ok(value) => Some(value),
                Err(_) => {
                    errors.push(FieldError::new("shape", Problem::Shape));
                    None
                }
            },
        };
        let slug = match self.slug.trim() {
            "" => PlaceSlug::from_name(&self.name)
                .map(|s| s.to_string())
                .unwrap_or_default(),
            given => given.to_owned(),
        };
        let doc = PlaceDocument {
            slug,
            name: self.name.clone(),
            kind: self.place_kind.clone(),
            lat,
            lon,
            outlying: self.outlying.is_some(),
            within: Some(self.within.trim().to_owned()).filter(|w| !w.is_empty()),
            shape,
        };
        match doc.into_place(municipality) {
            Ok(place) if errors.is_empty() => Ok(place),
            Ok(_) => Err(errors),
            Err(more) => Err(super::forms::form_and_document_errors(errors, more)),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_place_edit.html")]
pub struct PlaceEditPage {
    chrome: Chrome,
    heading: String,
    action: String,
    back: String,
    summary: Vec<SummaryItem>,
    is_new: bool,
    name: Field,
    slug: Field,
    kind: Field,
    kind_choices: Vec<Choice>,
    position: Field,
    lat: Field,
    lon: Field,
    shape: Field,
    outlying: bool,
    outlying_label: String,
    within: Field,
    within_choices: Vec<Choice>,
    map: MapView,
}

fn place_field(path: &str) -> Option<&'static str> {
    Some(match path {
        "name" => "name",
        "slug" => "slug",
        "kind" => "place_kind",
        "lat" => "place_lat",
        "lon" => "place_lon",
        "shape" => "shape",
        "within" => "within",
        _ => return None,
    })
}

#[allow(clippy::too_many_arguments)]
async fn edit_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &lofte_db::Tenant,
    action: String,
    form: &PlaceForm,
    errors: &[FieldError],
    is_new: bool,
) -> Result<PlaceEditPage, PageError> {
    let m = tenant.municipality();
    let places = state.db.places(&m.code).await?;
    let back = format!("/personal/kommun/{}/platser", m.code);
    let heading = if is_new {
        lang.t("places-new-title")
    } else {
        lang.t_args("places-edit-title", &[("name", form.name.clone())])
    };
    let kind_options: Vec<(&str, &str)> = PlaceKind::ALL
        .iter()
        .map(|k| (k.as_str(), lofte_i18n::Named::message_id(k)))
        .collect();
    let mut within_choices = vec![Choice {
        value: String::new(),
        label: lang.t("places-within-none"),
        selected: form.within.trim().is_empty(),
    }];
    within_choices.extend(
        places
            .iter()
            .filter(|p| p.kind == PlaceKind::Locality && p.slug.as_str() != form.slug.trim())
            .map(|p| Choice {
                value: p.slug.to_string(),
                label: p.name.to_string(),
                selected: p.slug.as_str() == form.within.trim(),
            }),
    );
    let boundary = state.db.boundary_source(&m.code).await?;
    let mut map = MapView::new(state, lang, m.code.as_str(), &places, boundary)
        .picking(&[])
        .drawing(lang, "shape");
    map.fields = "place";
    let mut page = PlaceEditPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        back,
        summary: Vec::new(),
        is_new,
        name: Field::new(lang, "name", form.name.clone()),
        slug: Field::new(lang, "slug", form.slug.clone()),
        kind: Field::new(lang, "place_kind", form.place_kind.clone()),
        kind_choices: choices(
            lang,
            if form.place_kind.is_empty() {
                "area"
            } else {
                &form.place_kind
            },
            &kind_options,
        ),
        position: Field::new(lang, "place_position", ""),
        lat: Field::new(lang, "place_lat", form.place_lat.clone()),
        lon: Field::new(lang, "place_lon", form.place_lon.clone()),
        shape: Field::new(lang, "shape", form.shape.clone()),
        outlying: form.outlying.is_some(),
        outlying_label: lang.t("field-outlying"),
        within: Field::new(lang, "within", form.within.clone()),
        within_choices,
        map,
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.name,
            &mut page.slug,
            &mut page.kind,
            &mut page.lat,
            &mut page.lon,
            &mut page.shape,
            &mut page.within,
        ],
        place_field,
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    Ok(page)
}

#[derive(Deserialize, Default)]
pub struct NewPlaceQuery {
    /// A name to start from: a place an imported file named that the municipality lacks.
    #[serde(default)]
    name: String,
}

pub async fn new_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    axum::extract::Query(query): axum::extract::Query<NewPlaceQuery>,
) -> Result<PlaceEditPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let action = format!("/personal/kommun/{}/platser/ny", tenant.municipality().code);
    let form = PlaceForm {
        name: query.name.chars().take(lofte_domain::Text::SHORT).collect(),
        ..PlaceForm::default()
    };
    edit_page(&state, lang, &staff, &tenant, action, &form, &[], true).await
}

pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, slug)): Path<(String, String)>,
) -> Result<PlaceEditPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let place = found(&tenant, lang, &slug).await?;
    let action = format!(
        "/personal/kommun/{}/platser/{}",
        tenant.municipality().code,
        place.slug
    );
    edit_page(
        &state,
        lang,
        &staff,
        &tenant,
        action,
        &PlaceForm::from_place(&place),
        &[],
        false,
    )
    .await
}

async fn found(tenant: &lofte_db::Tenant, lang: Lang, slug: &str) -> Result<Place, PageError> {
    let slug = PlaceSlug::parse(slug).map_err(|_| PageError::NotFound { lang, detail: None })?;
    tenant
        .place(&slug)
        .await?
        .ok_or(PageError::NotFound { lang, detail: None })
}

async fn save(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &lofte_db::Tenant,
    action: String,
    form: PlaceForm,
    is_new: bool,
) -> Result<Response, PageError> {
    let list = format!("/personal/kommun/{}/platser", tenant.municipality().code);
    let errors = match form.parse(&tenant.municipality().code) {
        Ok(place) => match tenant.save_place(staff.actor, &place, is_new).await {
            Ok(()) => return Ok(Redirect::to(&list).into_response()),
            Err(lofte_db::Error::Invalid(errors)) => errors,
            Err(lofte_db::Error::NotFound) => {
                return Err(PageError::NotFound { lang, detail: None });
            }
            Err(e) => return Err(PageError::from(e)),
        },
        Err(errors) => errors,
    };
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        edit_page(state, lang, staff, tenant, action, &form, &errors, is_new).await?,
    )
        .into_response())
}

pub async fn create(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    axum::Form(form): axum::Form<PlaceForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let action = format!("/personal/kommun/{}/platser/ny", tenant.municipality().code);
    save(&state, lang, &staff, &tenant, action, form, true).await
}

pub async fn update(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, slug)): Path<(String, String)>,
    axum::Form(mut form): axum::Form<PlaceForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let place = found(&tenant, lang, &slug).await?;
    // The slug stays what it is, whatever the form says.
    form.slug = place.slug.to_string();
    let action = format!(
        "/personal/kommun/{}/platser/{}",
        tenant.municipality().code,
        place.slug
    );
    save(&state, lang, &staff, &tenant, action, form, false).await
}
