//! The public list of published inputs and safety-walk findings, with filters.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use lofte_domain::citizen::{InputCategory, InputStatus};
use lofte_domain::{Place, PlaceKind};
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::staff::forms::{Choice, Field};
use crate::views::Chrome;

use super::common::*;

#[derive(Deserialize, Default)]
pub struct ListFilter {
    #[serde(default)]
    pub(super) ort: String,
    #[serde(default)]
    pub(super) kategori: String,
    /// A finding status, for the safety-walk findings.
    #[serde(default)]
    pub(super) status: String,
}

impl ListFilter {
    pub(super) fn keeps_input(&self, i: &lofte_db::citizen_inputs::StoredInput) -> bool {
        (self.ort.is_empty() || i.locality.as_str() == self.ort)
            && (self.kategori.is_empty() || i.category.code() == self.kategori)
    }

    pub(super) fn keeps_finding(
        &self,
        places: &[Place],
        f: &lofte_db::safety_walks::StoredFinding,
    ) -> bool {
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
    pub reference: String,
    /// Its own page.
    pub href: String,
    pub case: CaseLines,
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
    follow: crate::follow_form::PlaceFollow,
}

/// Published inputs, filterable by locality and category, with counts per locality.
pub(super) async fn list(
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
    let published = tenant.inputs(InputStatus::Published).await?;
    let name = |slug: &str| crate::views::place_name(&places, slug);
    let dialogues = tenant.dialogues().await?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in &published {
        *counts.entry(name(i.locality.as_str())).or_default() += 1;
    }
    let items: Vec<InputItem> = published
        .iter()
        .filter(|i| filter.keeps_input(i))
        .map(|i| InputItem {
            reference: reference(m.code.as_str(), i.id),
            href: format!("{base}/synpunkter/{}", i.id),
            case: CaseLines::new(lang, i),
            category: category_name(lang, i.category),
            place: input_place(&places, i),
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
        .await?
        .into_iter()
        .filter(|f| filter.keeps_finding(&places, f))
        .map(|f| FindingItem {
            photo: f.has_photo.then(|| format!("{base}/fynd/{}/foto", f.id)),
            heading: format!(
                "{} · {}",
                lofte_app::words::finding_category_name(lang, f.category),
                name(f.place.as_str())
            ),
            walked: f
                .walk_date
                .map(|d| lang.t_args("findings-walked", &[("date", d.to_string())]))
                .unwrap_or_default(),
            description: f.description,
            status: lofte_app::words::finding_status_name(lang, f.status),
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
        follow: crate::follow_form::PlaceFollow::new(lang, &m.code, &places, &filter.ort),
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
                        lofte_app::words::finding_status_name(lang, *s),
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
