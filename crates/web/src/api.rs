//! The read API (`/api/v1/…`) and its OpenAPI document (`/api/openapi.json`).
//!
//! A promise is served in the exchange format (`PromiseDocument`), the same JSON that
//! `lofte promise import` reads: what comes out can go back in.

use axum::extract::{Path, State};
use axum::routing::{get, post, put};
use axum::{Extension, Json};
use lofte_db::{Tenant, Visibility};
use lofte_domain::exchange::{
    CommitmentDocument, FinalReportDocument, FollowUpDocument, InternalFollowUpDocument,
    KindDocument, MethodDocument, OutcomeGoalDocument, PartyDocument, PlaceDocument,
    PoliceDocument, PrivacyDocument, ProfileDocument, PromiseDocument, ScopeDocument,
    SignatoryDocument, StatusDocument, TargetDocument, YearsDocument,
};
use lofte_domain::{Municipality, Permission, Year};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody, ApiFieldError};
use crate::lang::ApiLang;
use crate::policy::{Policy, Routes, Staff};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Löfte API",
        version = "1",
        description = "Open data on Swedish citizen promises (medborgarlöften): municipalities, \
                       their promises and commitments. Messages follow Accept-Language \
                       (sv by default, en).",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(list_municipalities, get_municipality, list_places, create_place, update_place, list_activity_types, get_promise, get_progress, create_promise, replace_promise, log_activities, list_follow_ups, get_survey, get_outcome),
    modifiers(&ApiTokenScheme),
    components(schemas(
        MunicipalityJson, PoliceDocument, MunicipalityDetailJson, PromiseSummaryJson,
        PromiseDocument, YearsDocument, OutcomeGoalDocument, FollowUpDocument,
        InternalFollowUpDocument, FinalReportDocument, StatusDocument, SignatoryDocument,
        CommitmentDocument, PartyDocument, KindDocument, TargetDocument, MethodDocument,
        ScopeDocument, ProfileDocument, PlaceDocument, PrivacyDocument, ApiErrorBody, ApiFieldError,
        lofte_app::progress::PromiseProgress, lofte_app::progress::CommitmentProgress,
        lofte_app::progress::MonthCount, lofte_app::progress::PlaceCount, lofte_app::progress::ExclusionCount, ActivityJson, ActivitiesLogged, FollowUpJson, FollowUpEntryJson, ActivityTypeJson,
        lofte_domain::exchange::OutcomeIndicatorDocument, lofte_domain::exchange::BetterDocument,
        lofte_app::outcome::SurveyJson, lofte_app::outcome::SurveyIndicatorJson, lofte_app::outcome::FigureJson,
        lofte_app::outcome::OutcomeJson, lofte_app::outcome::OutcomeIndicatorJson, lofte_app::outcome::DifferenceJson
    )),
    tags((name = "municipalities", description = "Municipalities and their citizen promises"))
)]
pub struct ApiDoc;

/// Declares the bearer-token scheme that write endpoints use.
struct ApiTokenScheme;

impl utoipa::Modify for ApiTokenScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token from `lofte token create`, scoped to one organisation and role.",
                    ))
                    .build(),
            ),
        );
    }
}

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get("/openapi.json", Public, get(openapi))
        .get("/v1/municipalities", Public, get(list_municipalities))
        .get("/v1/municipalities/{code}", Public, get(get_municipality))
        .get("/v1/municipalities/{code}/places", Public, get(list_places))
        .post(
            "/v1/municipalities/{code}/places",
            Policy::InMunicipality(Permission::EditPromise),
            post(create_place),
        )
        .put(
            "/v1/municipalities/{code}/places/{slug}",
            Policy::InMunicipality(Permission::EditPromise),
            put(update_place),
        )
        .get(
            "/v1/municipalities/{code}/activity-types",
            Public,
            get(list_activity_types),
        )
        .post(
            "/v1/municipalities/{code}/promises",
            Policy::InMunicipality(Permission::EditPromise),
            post(create_promise),
        )
        .get(
            "/v1/municipalities/{code}/promises/{year}",
            Public,
            get(get_promise),
        )
        .put(
            "/v1/municipalities/{code}/promises/{year}",
            Policy::InMunicipality(Permission::EditPromise),
            put(replace_promise),
        )
        .post(
            "/v1/municipalities/{code}/activities",
            Policy::InMunicipality(Permission::LogActivity),
            post(log_activities),
        )
        .get(
            "/v1/municipalities/{code}/promises/{year}/progress",
            Public,
            get(get_progress),
        )
        .get(
            "/v1/municipalities/{code}/promises/{year}/follow-ups",
            Public,
            get(list_follow_ups),
        )
        .get("/v1/municipalities/{code}/survey", Public, get(get_survey))
        .get(
            "/v1/municipalities/{code}/promises/{year}/outcome",
            Public,
            get(get_outcome),
        )
        .get("/{*rest}", Public, get(api_not_found))
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn api_not_found(ApiLang(lang): ApiLang) -> ApiError {
    ApiError::NotFound(lang)
}

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
async fn list_municipalities(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
) -> Result<Json<Vec<MunicipalityJson>>, ApiError> {
    let list = state
        .db
        .municipalities_with_public_promises()
        .await
        .map_err(ApiError::internal(lang))?;
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

async fn tenant(state: &AppState, lang: lofte_i18n::Lang, code: &str) -> Result<Tenant, ApiError> {
    state
        .db
        .tenant_named(code)
        .await
        .map_err(ApiError::internal(lang))?
        .ok_or(ApiError::NotFound(lang))
}

/// The municipality and its published promise covering `year`, or 404.
async fn public_promise(
    state: &AppState,
    lang: lofte_i18n::Lang,
    code: &str,
    year: &str,
) -> Result<(Tenant, lofte_db::StoredPromise), ApiError> {
    let tenant = tenant(state, lang, code).await?;
    let year: Year = year.parse().map_err(|_| ApiError::NotFound(lang))?;
    let stored = tenant
        .promise_for_year(year, Visibility::Public)
        .await
        .map_err(ApiError::internal(lang))?
        .ok_or(ApiError::NotFound(lang))?;
    Ok((tenant, stored))
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
async fn get_municipality(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<MunicipalityDetailJson>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let promises = tenant
        .promises(Visibility::Public)
        .await
        .map_err(ApiError::internal(lang))?;
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
struct ActivityTypeJson {
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
async fn list_activity_types(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<Vec<ActivityTypeJson>>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let types = tenant
        .activity_types()
        .await
        .map_err(ApiError::internal(lang))?;
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
async fn create_place(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<PlaceDocument>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let place = read_place(lang, &tenant, &body)?;
    tenant
        .save_place(staff.actor, &place, true)
        .await
        .map_err(ApiError::internal(lang))?;
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
async fn update_place(
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
        Err(e) => Err(ApiError::internal(lang)(e)),
    }
}

fn read_place(
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
async fn list_places(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<Vec<PlaceDocument>>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let places = state
        .db
        .places(&tenant.municipality().code)
        .await
        .map_err(ApiError::internal(lang))?;
    Ok(Json(
        places
            .into_iter()
            .map(|p| PlaceDocument::from_place(&p))
            .collect(),
    ))
}

/// A request body as text; one that is not UTF-8 is refused like any other bad input
/// (422 with the usual error body), not by the framework with a bare 400.
fn utf8(lang: lofte_i18n::Lang, body: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(body).map_err(|_| {
        ApiError::Invalid(
            lang,
            vec![lofte_domain::FieldError::new(
                "",
                lofte_domain::Problem::NotUtf8,
            )],
        )
    })
}

/// Stores a new promise for the municipality from a document in the exchange format.
/// All or nothing: every problem is listed with its field path, and a promise for a year
/// the municipality already has is a conflict that leaves the existing one untouched.
#[utoipa::path(
    post, path = "/api/v1/municipalities/{code}/promises", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    request_body(content = PromiseDocument, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 201, body = PromiseDocument, description = "Stored"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token does not reach this municipality or may not edit promises"),
        (status = 409, body = ApiErrorBody, description = "A promise for these years exists"),
        (status = 422, body = ApiErrorBody, description = "The document has errors")
    )
)]
async fn create_promise(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<
    (
        axum::http::StatusCode,
        [(axum::http::HeaderName, String); 2],
        Json<PromiseDocument>,
    ),
    ApiError,
> {
    let tenant = tenant(&state, lang, &code).await?;
    let body = utf8(lang, &body)?;
    let promise = lofte_domain::exchange::parse_promise_json(body)
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let stored = tenant
        .create_promise(staff.actor, &promise)
        .await
        .map_err(ApiError::internal(lang))?;
    let location = format!(
        "/api/v1/municipalities/{}/promises/{}",
        tenant.municipality().code,
        stored.promise.years.first()
    );
    Ok((
        axum::http::StatusCode::CREATED,
        [
            (axum::http::header::LOCATION, location),
            (axum::http::header::ETAG, version_tag(stored.version)),
        ],
        Json(PromiseDocument::from(&stored.promise)),
    ))
}

/// A promise's version as an entity tag: what `If-Match` sends back to replace it.
fn version_tag(version: i32) -> String {
    format!("\"{version}\"")
}

/// Replaces a draft with an edited document of the same years, if `If-Match` names the
/// version it was edited from (the `ETag` of the response that created or last replaced
/// it). Commitments are matched by position, so what links to the first ones keeps its
/// link. Signed and public promises are never replaced: edit them in the staff area.
#[utoipa::path(
    put, path = "/api/v1/municipalities/{code}/promises/{year}", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "The draft's first year, e.g. 2022"),
        ("If-Match" = String, Header, description = "The version edited from, e.g. \"3\"")
    ),
    request_body(content = PromiseDocument, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 200, body = PromiseDocument, description = "Replaced; the new version is in ETag"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token does not reach this municipality or may not edit promises"),
        (status = 404, body = ApiErrorBody, description = "No promise for that year"),
        (status = 409, body = ApiErrorBody, description = "Someone saved another version in between"),
        (status = 422, body = ApiErrorBody, description = "The document has errors, If-Match is missing, or the promise is not a draft")
    )
)]
async fn replace_promise(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Result<([(axum::http::HeaderName, String); 1], Json<PromiseDocument>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let year: lofte_domain::Year = year.parse().map_err(|_| ApiError::NotFound(lang))?;
    let stored = tenant
        .promise_for_year(year, lofte_db::Visibility::All)
        .await
        .map_err(ApiError::internal(lang))?
        .filter(|s| s.promise.years.first() == year)
        .ok_or(ApiError::NotFound(lang))?;
    let version = headers
        .get(axum::http::header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.trim()
                .trim_start_matches("W/")
                .trim_matches('"')
                .parse::<i32>()
                .ok()
        })
        .ok_or_else(|| {
            ApiError::Invalid(
                lang,
                vec![lofte_domain::FieldError::new(
                    "If-Match",
                    lofte_domain::Problem::Required,
                )],
            )
        })?;
    let body = utf8(lang, &body)?;
    let promise = lofte_domain::exchange::parse_promise_json(body)
        .map_err(|errors| ApiError::Invalid(lang, errors))?;
    match tenant
        .replace_draft(staff.actor, stored.id, Some(version), &promise)
        .await
        .map_err(ApiError::internal(lang))?
    {
        Ok(after) => Ok((
            [(axum::http::header::ETAG, version_tag(after.version))],
            Json(PromiseDocument::from(&after.promise)),
        )),
        Err(_) => Err(ApiError::Invalid(
            lang,
            vec![lofte_domain::FieldError::new(
                "If-Match",
                lofte_domain::Problem::StaleVersion,
            )],
        )),
    }
}

/// The published promise that covers `year`, in the exchange format.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = PromiseDocument),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
async fn get_promise(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<PromiseDocument>, ApiError> {
    let (_, stored) = public_promise(&state, lang, &code, &year).await?;
    Ok(Json(PromiseDocument::from(&stored.promise)))
}

/// One logged activity, as machine clients send it.
#[derive(Debug, serde::Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityJson {
    /// The sender's own id; sending the same id again adds nothing.
    #[serde(default)]
    external_id: Option<String>,
    /// Activity type, e.g. "traffic_control".
    #[serde(rename = "type")]
    activity_type: String,
    /// "police", "municipality" or "partner:NAME".
    performer: String,
    /// When it started (RFC 3339, e.g. "2021-03-01T07:30:00+01:00").
    started_at: chrono::DateTime<chrono::FixedOffset>,
    #[serde(default)]
    duration_minutes: Option<u32>,
    /// Place slug of the municipality, e.g. "malmkoping".
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    participants: Option<u32>,
    /// No names or personal details; not allowed for "concern_visit".
    #[serde(default)]
    note: Option<String>,
}

/// What a logging request did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivitiesLogged {
    added: u64,
    /// Activities already stored (same external id, or the same content).
    already_there: u64,
}

fn parse_activity(
    i: usize,
    a: ActivityJson,
    errors: &mut Vec<lofte_domain::FieldError>,
) -> Option<lofte_domain::followup::NewActivity> {
    use lofte_domain::followup::{Activity, NewActivity, Performer};
    use lofte_domain::{ActivityTypeCode, FieldError, PlaceSlug, Problem, Text};
    let mut take =
        |field: &str, p: Problem| errors.push(FieldError::new(format!("[{i}].{field}"), p));
    let activity_type = ActivityTypeCode::parse(&a.activity_type)
        .map_err(|p| take("type", p))
        .ok();
    let performer = Performer::parse(&a.performer)
        .map_err(|p| take("performer", p))
        .ok();
    let place = a
        .place
        .as_deref()
        .map(|p| PlaceSlug::parse(p).map_err(|e| take("place", e)).ok())
        .unwrap_or(None);
    let note = a
        .note
        .as_deref()
        .map(|n| {
            Text::parse(n, NewActivity::MAX_NOTE)
                .map_err(|e| take("note", e))
                .ok()
        })
        .unwrap_or(None);
    if let Some(d) = a.duration_minutes
        && (d == 0 || d > NewActivity::MAX_DURATION)
    {
        take(
            "duration_minutes",
            Problem::OutOfRange {
                min: 1,
                max: NewActivity::MAX_DURATION.into(),
            },
        );
    }
    if let Some(id) = &a.external_id
        && id.chars().count() > NewActivity::MAX_EXTERNAL_ID
    {
        take(
            "external_id",
            Problem::TooLong {
                max: NewActivity::MAX_EXTERNAL_ID,
            },
        );
    }
    let started_at = a.started_at.with_timezone(&chrono::Utc);
    let local = started_at
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .naive_local();
    Some(NewActivity {
        activity: Activity {
            activity_type: activity_type?,
            performer: performer?,
            date: local.date(),
            time: local.time(),
            duration_minutes: a.duration_minutes,
            place,
            participants: a.participants,
        },
        started_at,
        note,
        external_id: a.external_id,
    })
}

/// Logs activities, all or nothing; problems are named `[index].field`. Sending the same
/// activities again (same external ids, or the same content) adds nothing.
#[utoipa::path(
    post, path = "/api/v1/municipalities/{code}/activities", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    request_body(content = Vec<ActivityJson>, content_type = "application/json"),
    security(("api_token" = [])),
    responses(
        (status = 201, body = ActivitiesLogged, description = "Stored"),
        (status = 401, body = ApiErrorBody, description = "No valid API token"),
        (status = 403, body = ApiErrorBody, description = "The token may not log activities here"),
        (status = 422, body = ApiErrorBody, description = "Problems, by index and field")
    )
)]
async fn log_activities(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    body: axum::body::Bytes,
) -> Result<(axum::http::StatusCode, Json<ActivitiesLogged>), ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let body = utf8(lang, &body)?;
    // Every problem of every item at once, wrong types included.
    let parsed = lofte_domain::lenient::parse(body, |items: Vec<ActivityJson>| {
        let mut errors = Vec::new();
        let parsed: Vec<_> = items
            .into_iter()
            .enumerate()
            .filter_map(|(i, a)| parse_activity(i, a, &mut errors))
            .collect();
        if errors.is_empty() {
            Ok(parsed)
        } else {
            Err(errors)
        }
    })
    .map_err(|errors| ApiError::Invalid(lang, errors))?;
    let summary = match tenant.add_activities(staff.actor, &parsed, false).await {
        Ok(summary) => summary,
        Err(lofte_db::Error::Invalid(mut errors)) => {
            // An activity's date is its `started_at` in Swedish time here.
            for e in &mut errors {
                if let Some(item) = e.path.strip_suffix(".date") {
                    e.path = format!("{item}.started_at");
                }
            }
            return Err(ApiError::Invalid(lang, errors));
        }
        Err(e) => return Err(ApiError::internal(lang)(e)),
    };
    Ok((
        axum::http::StatusCode::CREATED,
        Json(ActivitiesLogged {
            added: summary.added,
            already_there: summary.already_there,
        }),
    ))
}

/// A published follow-up report.
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpJson {
    year: i32,
    /// "t1", "t2", "t3" or "slutredovisning".
    period: String,
    published_at: chrono::DateTime<chrono::Utc>,
    entries: Vec<FollowUpEntryJson>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpEntryJson {
    /// Position of the commitment in the promise, from 0.
    commitment: usize,
    /// The status staff published (see the progress endpoint for the codes).
    status: String,
    /// Why it differs from the computed status, if it does.
    reason: Option<String>,
    narrative: Option<String>,
    evidence: Vec<String>,
    /// The figures as they were when the report was published.
    figures: Option<lofte_app::progress::CommitmentProgress>,
}

/// The published follow-up reports of a promise (per tertial and the final report), with
/// their figures frozen as published.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}/follow-ups", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = Vec<FollowUpJson>),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
async fn list_follow_ups(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<Vec<FollowUpJson>>, ApiError> {
    let (tenant, stored) = public_promise(&state, lang, &code, &year).await?;
    let reports = tenant
        .follow_ups(stored.id, true)
        .await
        .map_err(ApiError::internal(lang))?;
    Ok(Json(
        reports
            .into_iter()
            .filter_map(|r| {
                Some(FollowUpJson {
                    year: r.year.get(),
                    period: r.period.slug().to_owned(),
                    published_at: r.published_at?,
                    entries: r
                        .entries
                        .into_iter()
                        .filter_map(|e| {
                            Some(FollowUpEntryJson {
                                commitment: stored
                                    .commitment_ids
                                    .iter()
                                    .position(|id| *id == e.commitment_id)?,
                                status: e.status,
                                reason: e.reason,
                                narrative: e.narrative,
                                evidence: e.evidence,
                                figures: e
                                    .figures
                                    .as_deref()
                                    .and_then(|f| serde_json::from_str(f).ok()),
                            })
                        })
                        .collect(),
                })
            })
            .collect(),
    ))
}

/// Each commitment's progress, computed from the logged activities by the same function
/// as the public page's figures.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}/progress", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = lofte_app::progress::PromiseProgress),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
async fn get_progress(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<lofte_app::progress::PromiseProgress>, ApiError> {
    let (tenant, stored) = public_promise(&state, lang, &code, &year).await?;
    let places = state
        .db
        .places(&tenant.municipality().code)
        .await
        .map_err(ApiError::internal(lang))?;
    let progress = lofte_app::progress::promise_progress(
        &tenant,
        &stored,
        &places,
        lofte_app::progress::today(),
    )
    .await
    .map_err(ApiError::internal(lang))?;
    Ok(Json(progress))
}

/// The JSON Schema (2020-12) of the promise exchange format, derived from the same types
/// as the OpenAPI document so the two cannot drift apart.
pub fn promise_json_schema() -> serde_json::Value {
    let openapi = serde_json::to_value(ApiDoc::openapi()).expect("OpenAPI serialises");
    let mut defs = openapi["components"]["schemas"].clone();
    if let Some(map) = defs.as_object_mut() {
        // Only the types reachable from PromiseDocument.
        map.retain(|name, _| {
            name.ends_with("Document")
                && !matches!(
                    name.as_str(),
                    "ProfileDocument" | "PlaceDocument" | "PoliceDocument" | "PrivacyDocument"
                )
        });
    }
    let mut schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/lofte/lofte/docs/promise.schema.json",
        "title": "Löfte promise exchange format, version 1",
        "description": "One citizen promise (medborgarlöfte) with its commitments. Read by `lofte promise import`, written by `lofte promise export` and served by GET /api/v1/municipalities/{code}/promises/{year}.",
        "$ref": "#/$defs/PromiseDocument",
        "$defs": defs,
    });
    rewrite_refs(&mut schema);
    schema
}

fn rewrite_refs(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "$ref"
                    && let Some(s) = v.as_str()
                {
                    *v = s.replace("#/components/schemas/", "#/$defs/").into();
                } else {
                    rewrite_refs(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

/// Every indicator of the municipality's safety survey for every year, area, gender and
/// age band, with 95 % intervals; a figure from too few respondents has only its `n`.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/survey", tag = "municipalities",
    params(("code" = String, Path, description = "Municipality code, e.g. 0482")),
    responses(
        (status = 200, body = lofte_app::outcome::SurveyJson),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no survey results")
    )
)]
async fn get_survey(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path(code): Path<String>,
) -> Result<Json<lofte_app::outcome::SurveyJson>, ApiError> {
    let tenant = tenant(&state, lang, &code).await?;
    let survey = lofte_app::outcome::survey_of(&tenant, state.survey_rules)
        .await
        .map_err(ApiError::internal(lang))?
        .ok_or(ApiError::NotFound(lang))?;
    Ok(Json(lofte_app::outcome::survey_json(
        lang,
        &survey,
        state.survey_rules,
    )))
}

/// The promise's outcome goal and, per linked survey indicator, the baseline and
/// measurement figures, their difference with interval and p-value, and the verdict.
#[utoipa::path(
    get, path = "/api/v1/municipalities/{code}/promises/{year}/outcome", tag = "municipalities",
    params(
        ("code" = String, Path, description = "Municipality code, e.g. 0482"),
        ("year" = i32, Path, description = "A year the promise covers, e.g. 2021")
    ),
    responses(
        (status = 200, body = lofte_app::outcome::OutcomeJson),
        (status = 404, body = ApiErrorBody, description = "No such municipality, or no published promise that year")
    )
)]
async fn get_outcome(
    State(state): State<AppState>,
    ApiLang(lang): ApiLang,
    Path((code, year)): Path<(String, String)>,
) -> Result<Json<lofte_app::outcome::OutcomeJson>, ApiError> {
    let (tenant, stored) = public_promise(&state, lang, &code, &year).await?;
    let survey = lofte_app::outcome::survey_of(&tenant, state.survey_rules)
        .await
        .map_err(ApiError::internal(lang))?;
    Ok(Json(lofte_app::outcome::outcome_json(
        lang,
        &stored.promise,
        survey.as_ref(),
        state.survey_rules,
    )))
}
