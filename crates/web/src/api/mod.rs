//! The read API (`/api/v1/…`) and its OpenAPI document (`/api/openapi.json`).
//!
//! A promise is served in the exchange format (`PromiseDocument`), the same JSON that
//! `lofte promise import` reads: what comes out can go back in.

use axum::Json;
use axum::routing::{get, post, put};
use lofte_domain::Permission;
use lofte_domain::exchange::{
    CommitmentDocument, FinalReportDocument, FollowUpDocument, InternalFollowUpDocument,
    KindDocument, MethodDocument, OutcomeGoalDocument, PartyDocument, PlaceDocument,
    PoliceDocument, PrivacyDocument, ProfileDocument, PromiseDocument, ScopeDocument,
    SignatoryDocument, StatusDocument, TargetDocument, YearsDocument,
};
use utoipa::OpenApi;

use crate::AppState;
use crate::error::{ApiError, ApiErrorBody, ApiFieldError};
use crate::lang::ApiLang;
use crate::policy::{Policy, Routes};

mod activities;
mod common;
mod incidents;
mod lint;
mod municipalities;
mod promises;
mod reports;
mod situation;

use activities::*;
use incidents::*;
use lint::*;
use municipalities::*;
use promises::*;
use reports::*;
use situation::*;

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
    paths(list_municipalities, get_municipality, list_places, create_place, update_place, list_activity_types, get_promise, get_progress, create_promise, replace_promise, log_activities, report_incidents, lint, list_follow_ups, get_survey, get_outcome, get_situation),
    modifiers(&ApiTokenScheme),
    components(schemas(
        MunicipalityJson, PoliceDocument, MunicipalityDetailJson, PromiseSummaryJson,
        PromiseDocument, YearsDocument, OutcomeGoalDocument, FollowUpDocument,
        InternalFollowUpDocument, FinalReportDocument, StatusDocument, SignatoryDocument,
        CommitmentDocument, PartyDocument, KindDocument, TargetDocument, MethodDocument,
        ScopeDocument, ProfileDocument, PlaceDocument, PrivacyDocument, ApiErrorBody, ApiFieldError,
        lofte_app::progress::PromiseProgress, lofte_app::progress::CommitmentProgress,
        lofte_app::progress::MonthCount, lofte_app::progress::PlaceCount, lofte_app::progress::ExclusionCount, ActivityJson, ActivitiesLogged, IncidentJson, LintJson, HintJson, FollowUpJson, FollowUpEntryJson, ActivityTypeJson,
        lofte_domain::exchange::OutcomeIndicatorDocument, lofte_domain::exchange::BetterDocument,
        lofte_app::outcome::SurveyJson, lofte_app::outcome::SurveyIndicatorJson, lofte_app::outcome::FigureJson,
        lofte_app::outcome::OutcomeJson, lofte_app::outcome::OutcomeIndicatorJson, lofte_app::outcome::DifferenceJson,
        lofte_app::situation::SituationJson, lofte_app::situation::CountJson, lofte_app::situation::ChangeJson,
        lofte_app::situation::CategoryJson, lofte_app::situation::EventKindJson, lofte_app::situation::CrimeJson
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
        .post(
            "/v1/municipalities/{code}/incidents",
            Policy::InMunicipality(Permission::ReportIncident),
            post(report_incidents),
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
        .post("/v1/lint", Public, post(lint))
        .get(
            "/v1/municipalities/{code}/situation",
            Public,
            get(get_situation),
        )
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
