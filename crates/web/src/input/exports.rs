//! Published inputs and findings as open data (CSV, GeoJSON), for the public and, with
//! more columns, for staff.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use lofte_db::Tenant;
use lofte_domain::citizen::InputStatus;
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;

use super::common::*;
use super::list::ListFilter;

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
        inputs.extend(tenant.inputs(*status).await?);
    }
    inputs.retain(|i| filter.keeps_input(i));
    inputs.sort_by_key(|i| std::cmp::Reverse((i.received_at, i.id)));
    let staff_columns = |lang: Lang, i: &lofte_db::citizen_inputs::StoredInput| {
        if audience == Audience::Public {
            return Default::default();
        }
        [
            lang.name(&i.status),
            i.hidden_reason.clone().unwrap_or_default(),
            i.age_band.map(|a| lang.name(&a)).unwrap_or_default(),
            i.gender.map(|g| lang.name(&g)).unwrap_or_default(),
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
        .await?
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
            category: lofte_app::words::finding_category_name(lang, f.category),
            text: f.description.clone(),
            status: lofte_app::words::finding_status_name(lang, f.status),
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

pub(super) async fn export_csv(
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
        "inputs-export-kind",
        "inputs-export-date",
        "inputs-export-locality",
        "inputs-export-place",
        "inputs-export-address",
        "inputs-export-category",
        "inputs-export-text",
        "inputs-export-status",
        "inputs-export-reason",
        "inputs-export-owner",
        "inputs-export-due",
        "inputs-export-lat",
        "inputs-export-lon",
        "inputs-export-precision",
    ];
    if staff {
        columns.extend([
            "inputs-export-moderation",
            "inputs-export-hidden-reason",
            "inputs-export-age-band",
            "inputs-export-gender",
        ]);
    }
    let headers: Vec<String> = columns.iter().map(|h| lang.t(h)).collect();
    use lofte_report::Cell::{Number, Text};
    let rows: Vec<Row> = items
        .into_iter()
        .map(|i| {
            let mut cells = vec![
                Text(lang.label(&lofte_i18n::labels::INPUTS_EXPORT_KIND, i.kind)),
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
                lang.label(&lofte_i18n::labels::INPUTS_EXPORT_PRECISION, i.precision),
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
pub(super) async fn export_geojson(
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
