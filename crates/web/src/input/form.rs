//! The input form, its submission and the thank-you page.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::Tenant;
use lofte_domain::citizen::{AgeBand, Gender, InputCategory, InputFields};
use lofte_domain::{FieldError, Place, PlaceKind};
use lofte_i18n::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::staff::forms::{Choice, Field, SummaryItem, place_errors};
use crate::views::Chrome;

use super::common::*;

/// A safety-walk finding's photo (findings are public; the photo was cleaned on upload).
pub(super) async fn finding_photo(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, id)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    let (tenant, _) = tenant_and_places(&state, lang, &code).await?;
    let photo = tenant
        .finding_photo(id)
        .await?
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
    /// An address to be asked "Blev det gjort?" (optional).
    #[serde(default, rename = "input_email")]
    email: String,
    /// The point marked on the map (set by the map script; absent without JavaScript).
    #[serde(default, rename = "input_lat")]
    lat: String,
    #[serde(default, rename = "input_lon")]
    lon: String,
    /// The honeypot: hidden from people, filled in by naive bots.
    #[serde(default)]
    website: String,
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
    email: Field,
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
                .map(|a| (a.code().to_owned(), lang.name(&a)))
                .collect(),
        ),
        gender: Field::new(lang, "input_gender", form.gender.clone()),
        genders: options(
            lang,
            &form.gender,
            Some("input-not-said"),
            Gender::ALL
                .iter()
                .map(|g| (g.code().to_owned(), lang.name(&g)))
                .collect(),
        ),
        email: Field::new(lang, "input_email", form.email.clone()).autocomplete("email"),
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
            &mut page.email,
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
                "email" => "input_email",
                "position" => "input_position",
                _ => return None,
            })
        },
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    page
}

pub(super) async fn form_page(
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

pub(super) async fn submit(
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
    // The address is optional; one that is given must be one we can write to.
    let contact = match form.email.trim() {
        "" => Ok(None),
        raw => lofte_domain::Email::parse(raw)
            .ok()
            .filter(|e| lofte_mail::valid_address(e.as_str()))
            .map(|email| {
                Some(lofte_domain::citizen::InputContact {
                    email,
                    lang: lang.tag().to_owned(),
                })
            })
            .ok_or_else(|| FieldError::new("email", lofte_domain::Problem::Email)),
    };
    let (input, contact) = match (fields.parse(), contact) {
        (Ok(input), Ok(contact)) => (input, contact),
        (parsed, contact) => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.extend(contact.err());
            return Ok(invalid(errors));
        }
    };
    match tenant.receive_input(&input, contact.as_ref()).await {
        Ok(id) => Ok(Redirect::to(&format!(
            "/kommun/{}/tyck-till/tack?referens={id}{}",
            tenant.municipality().code,
            if contact.is_some() { "&fraga=1" } else { "" }
        ))
        .into_response()),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::from(e)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "input_thanks.html")]
pub struct ThanksPage {
    chrome: Chrome,
    municipality_href: String,
    form_href: String,
    list_href: String,
    /// The input's reference and where its page will be once published.
    reference: Option<(String, String)>,
    /// The resident left an address to be asked "Blev det gjort?".
    will_ask: bool,
}

#[derive(Deserialize)]
pub(super) struct ThanksQuery {
    referens: Option<i32>,
    #[serde(default)]
    fraga: String,
}

pub(super) async fn thanks(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    axum::extract::Query(query): axum::extract::Query<ThanksQuery>,
) -> Result<ThanksPage, PageError> {
    let (tenant, _) = tenant_and_places(&state, lang, &code).await?;
    let code = &tenant.municipality().code;
    let base = format!("/kommun/{code}");
    Ok(ThanksPage {
        chrome: Chrome::new(
            lang,
            &format!("{base}/tyck-till/tack"),
            lang.t("input-thanks-title"),
        ),
        reference: query.referens.map(|id| {
            (
                reference(code.as_str(), id),
                format!("{base}/synpunkter/{id}"),
            )
        }),
        will_ask: query.referens.is_some() && query.fraga == "1",
        form_href: format!("{base}/tyck-till"),
        list_href: format!("{base}/synpunkter"),
        municipality_href: base,
    })
}
