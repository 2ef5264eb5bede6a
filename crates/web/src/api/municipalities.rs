//! Municipalities, their places and activity types.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use lofte_db::Visibility;
use lofte_domain::Municipality;
use lofte_domain::exchange::{PlaceDocument, PoliceDocument, StatusDocument};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody};
use crate::lang::ApiLang;
use crate::policy::Staff;

use super::common::*;

/// A municipality with the years of its public promises.
#[derive(Debug, Serialize, ToSchema)]
pub struct MunicipalityJson {
    /// Four-digit municipality code (kommunkod).
    #[schema(example = "0482")]
    code: String,
    #[schema(example = "Flen")]
    name: String,
    #[schema(example = "Flens kommun")]
    official_name: String,
    #[schema(example = "Södermanlands län")]
    county: String,
    /// The police organisation, where the municipality has entered it.
    police: Option<PoliceDocument>,
    /// First years of the published promises, newest first.
    promise_years: Vec<i32>,
}

impl MunicipalityJson {
    fn new(m: &Municipality, promise_years: Vec<i32>) -> Self {
        MunicipalityJson {
            code: m.code.to_string(),
            name: m.name.to_string(),
            official_name: m.official_name.to_string(),
            county: m.county.to_string(),
            police: m.police.as_ref().map(|p| PoliceDocument {
                region: p.region.to_string(),
                police_area: p.police_area.to_string(),
                local_police_area: p.local_police_area.to_string(),
            }),
            promise_years,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PromiseSummaryJson {
    first_year: i32,
    last_year: i32,
    title: String,
    status: StatusDocument,
    /// Where the whole promise is, in the exchange format.
    href: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MunicipalityDetailJson {
    #[serde(flatten)]
    municipality: MunicipalityJson,
    promises: Vec<PromiseSummaryJson>,
}

/// Municipalities that have published at least one citizen promise, by name.
#[utoipa::path(
    get, path = "/api/v1/municipalities", tag = "municipalities",
    responses((status = 200, body = Vec<MunicipalityJson>))
)]
pub(super) async fn list_municipalities(
    State(state): State<AppState>,
) -> Result<Json<Vec<MunicipalityJson>>, ApiError> {
    let list = state.db.municipalities_with_public_promises().await?;
    Ok(Json(
        list.iter()
            .map(|s| {
                MunicipalityJson::new(
                    &s.municipality,
                    s.public_years.iter().map(|y| y.get()).collect(),
                )
            })
            .collect(),
    ))
}

/// One municipality with its published promises, newest first.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    responses(
        (status = 200, body = MunicipalityDetailJson),
        (status = 404, body = ApiErrorBody, description = "No such municipality")
    )
)]
pub(super) async fn get_municipality(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<MunicipalityDetailJson>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let promises = tenant.promises(Visibility::Public).await?;
    let m = tenant.municipality();
    Ok(Json(MunicipalityDetailJson {
        municipality: MunicipalityJson::new(
            m,
            promises.iter().map(|p| p.years.first().get()).collect(),
        ),
        promises: promises
            .into_iter()
            .map(|p| PromiseSummaryJson {
                first_year: p.years.first().get(),
                last_year: p.years.last().get(),
                title: p.title,
                status: match p.status {
                    lofte_domain::PromiseStatus::Draft => StatusDocument::Draft,
                    lofte_domain::PromiseStatus::Signed => StatusDocument::Signed,
                    lofte_domain::PromiseStatus::Published => StatusDocument::Published,
                    lofte_domain::PromiseStatus::Closed => StatusDocument::Closed,
                },
                href: format!(
                    "/api/v1/municipalities/{}/promises/{}",
                    m.code,
                    p.years.first()
                ),
            })
            .collect(),
    }))
}

/// An activity type the municipality can log, named in Swedish and English.
#[derive(Serialize, ToSchema)]
pub(super) struct ActivityTypeJson {
    /// The code used in CSV files, the activities endpoint and promise targets.
    code: String,
    /// "Trafikkontroll"
    name_sv: String,
    /// "Traffic control"
    name_en: String,
    /// Built in (every municipality has it) or the municipality's own.
    builtin: bool,
    /// Only counts may be recorded: activities of this type take no note.
    counts_only: bool,
}

/// The activity types the municipality can log: the built-in ones and its own.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/activity-types", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    responses(
        (status = 200, body = Vec<ActivityTypeJson>),
        (status = 404, body = ApiErrorBody, description = "No such municipality")
    )
)]
pub(super) async fn list_activity_types(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<Vec<ActivityTypeJson>>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let types = tenant.activity_types().await?;
    Ok(Json(
        types
            .types()
            .iter()
            .map(|t| ActivityTypeJson {
                code: t.code.to_string(),
                name_sv: lofte_i18n::Lang::Sv.activity_label(&types, t.code.as_str()),
                name_en: lofte_i18n::Lang::En.activity_label(&types, t.code.as_str()),
                builtin: t.is_builtin(),
                counts_only: t.counts_only,
            })
            .collect(),
    ))
}

/// Adds a place to the municipality: a point, or a road's line or an area's outline as
/// GeoJSON (the point is then the middle of it). Promises and logged work name it by
/// its slug from then on.
#[utoipa::path(
    post, path = "/api/v1/municipalities/{code}/places", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    request_body(content = PlaceDocument, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 201, body = PlaceDocument, description = "Added"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token does not reach this municipality or may not edit"),
        (status = 422, body = ApiErrorBody, description = "The place has errors, or its slug is taken")
    )
)]
pub(super) async fn create_place(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<PlaceDocument>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let place = read_place(lang, &tenant, &body)?;
    tenant.save_place(staff.actor, &place, true).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(PlaceDocument::from_place(&place)),
    ))
}

/// Changes a place: its name, kind, point, shape, whether it is an outlying village and
/// which locality it lies in. The slug stays what the path says.
#[utoipa::path(
    put, path = "/api/v1/municipalities/{code}/places/{slug}", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("slug" = String, Path, description = "The place's slug, e.g. malmkoping")
    ),
    request_body(content = PlaceDocument, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 200, body = PlaceDocument, description = "Changed"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token does not reach this municipality or may not edit"),
        (status = 404, body = ApiErrorBody, description = "No such place"),
        (status = 422, body = ApiErrorBody, description = "The place has errors, or the slug in the body differs from the path")
    )
)]
pub(super) async fn update_place(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path((code, slug)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Json<PlaceDocument>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let slug = lofte_domain::PlaceSlug::parse(&slug).map_err(|_| ApiError::NotFound(lang))?;
    let place = read_place(lang, &tenant, &body)?;
    if place.slug != slug {
        return Err(ApiError::Invalid(
            lang,
            vec![lofte_domain::FieldError::new(
                "slug",
                lofte_domain::Problem::NotOneOf {
                    value: place.slug.to_string(),
                    allowed: slug.to_string(),
                },
            )],
        ));
    }
    match tenant.save_place(staff.actor, &place, false).await {
        Ok(()) => Ok(Json(PlaceDocument::from_place(&place))),
        Err(lofte_db::Error::NotFound) => Err(ApiError::NotFound(lang)),
        Err(e) => Err(ApiError::from(e)),
    }
}

pub(super) fn read_place(
    lang: lofte_i18n::Lang,
    tenant: &lofte_db::Tenant,
    body: &[u8],
) -> Result<lofte_domain::Place, ApiError> {
    let body = utf8(lang, body)?;
    let code = tenant.municipality().code.clone();
    lofte_domain::lenient::parse(body, |doc: PlaceDocument| doc.into_place(&code))
        .map_err(|errors| ApiError::Invalid(lang, errors))
}

/// The municipality's places (localities, hot spots, areas), in the profile format.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/places", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    responses(
        (status = 200, body = Vec<PlaceDocument>),
        (status = 404, body = ApiErrorBody, description = "No such municipality")
    )
)]
pub(super) async fn list_places(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<Vec<PlaceDocument>>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let places = state.db.places(&tenant.municipality().code).await?;
    Ok(Json(
        places
            .into_iter()
            .map(|p| PlaceDocument::from_place(&p))
            .collect(),
    ))
}
