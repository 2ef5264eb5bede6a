//! Maps: Leaflet (embedded at build time, see `build.rs`) with a configurable tile
//! source, the municipality's boundary as GeoJSON, and what a page needs to draw a map.
//!
//! A map is always an extra: the same information is in an accessible list beside it, and
//! the input form works without it. Map data reaches the script through `data-`
//! attributes and GeoJSON requests, never inline script, so the content security policy
//! can forbid inline code; the policy allows images from the tile host and nothing else.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lofte_domain::{Place, PlaceKind};
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::{Policy, Routes};

/// Where the map's background tiles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileSource {
    /// A Leaflet URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    template: String,
    /// Shown in the map's corner, as the tile provider's terms require (plain text).
    attribution: String,
    /// The origin the content security policy lets images come from.
    origin: String,
}

impl TileSource {
    /// OpenStreetMap's own tiles: fine for a demo and small sites; a national deployment
    /// should use its own tile server or a provider's (their usage policy asks so).
    pub const DEFAULT_TEMPLATE: &'static str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    pub const DEFAULT_ATTRIBUTION: &'static str = "© OpenStreetMap contributors";

    /// Checks a tile URL template: http(s), a host, and `{z}`, `{x}`, `{y}` in it.
    pub fn parse(template: &str, attribution: &str) -> Result<TileSource, String> {
        let rest = template
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| template.strip_prefix("http://").map(|r| ("http://", r)));
        let Some((scheme, rest)) = rest else {
            return Err(format!(
                "map tile URL must start with https:// ({template})"
            ));
        };
        let host = rest.split('/').next().unwrap_or_default();
        let host_ok = !host.is_empty()
            && host.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '{' | '}' | '[' | ']')
            });
        if !host_ok || !["{z}", "{x}", "{y}"].iter().all(|p| template.contains(p)) {
            return Err(format!(
                "map tile URL must name a host and contain {{z}}, {{x}} and {{y}} ({template})"
            ));
        }
        // `{s}` picks one of several subdomains: allow them all.
        let origin = format!("{scheme}{}", host.replace("{s}", "*"));
        Ok(TileSource {
            template: template.to_owned(),
            attribution: attribution.to_owned(),
            origin,
        })
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub fn template(&self) -> &str {
        &self.template
    }

    pub fn attribution(&self) -> &str {
        &self.attribution
    }
}

impl Default for TileSource {
    fn default() -> Self {
        TileSource::parse(Self::DEFAULT_TEMPLATE, Self::DEFAULT_ATTRIBUTION)
            .expect("the default tile source is valid")
    }
}

/// The content security policy: only this site's own scripts and styles; images also
/// from the map's tile host.
pub fn content_security_policy(tiles: Option<&TileSource>) -> HeaderValue {
    let img = match tiles {
        Some(t) => format!("'self' data: {}", t.origin()),
        None => "'self' data:".to_owned(),
    };
    HeaderValue::from_str(&format!(
        "default-src 'self'; img-src {img}; style-src 'self'; script-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ))
    .expect("checked tile origins are valid header text")
}

/// What a page's template needs to draw a map (see `templates/map.html`).
pub struct MapView {
    /// Where Leaflet's files are (versioned path).
    pub leaflet: &'static str,
    pub label: String,
    pub help: String,
    /// GeoJSON of the markers to show (none when picking a point).
    pub features_href: Option<String>,
    pub boundary_href: Option<String>,
    /// "Kommungräns: Lantmäteriet 2025", under the map.
    pub boundary_caption: Option<String>,
    /// Set on the input form, where a click marks a point: the localities as JSON, so the
    /// script can choose the nearest one in the form's list.
    pub localities: Option<String>,
    /// The prefix of the picking form's fields: `input` (`input_lat`, `input_lon`,
    /// `input_locality`) on the residents' form, `place` on the staff place form.
    pub fields: &'static str,
    /// The id of the textarea a line or an area drawn on the map is written to, as
    /// GeoJSON (the staff place form); `None` where only a point is marked.
    pub draw_into: Option<&'static str>,
    pub tiles: Option<String>,
    pub attribution: String,
    /// Centre before anything is loaded: the mean of the municipality's localities.
    pub center: (f64, f64),
    /// Words the script shows, in the reader's language.
    pub words: Vec<(&'static str, String)>,
}

impl MapView {
    pub fn words_json(&self) -> String {
        serde_json::Value::Object(
            self.words
                .iter()
                .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
                .collect(),
        )
        .to_string()
    }

    /// Lets the map draw a line or an area as well as mark a point, written as GeoJSON
    /// into the textarea `field`.
    pub fn drawing(mut self, lang: Lang, field: &'static str) -> MapView {
        self.draw_into = Some(field);
        for (name, key) in [
            ("draw_start", "map-draw-start"),
            ("draw_other", "map-draw-other"),
            ("draw_centre", "map-draw-add-centre"),
        ] {
            self.words.push((name, lang.t(key)));
        }
        // The counts are filled in by the script: `{n}` stands for the number.
        for (name, key) in [
            ("draw_line", "map-draw-line-status"),
            ("draw_area", "map-draw-area-status"),
        ] {
            self.words
                .push((name, lang.t_args(key, &[("count", "{n}".to_owned())])));
        }
        self
    }

    /// Lets a click on the map mark the point the input is about.
    pub fn picking(mut self, places: &[Place]) -> MapView {
        let localities: Vec<serde_json::Value> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Locality)
            .map(|p| {
                serde_json::json!({
                    "slug": p.slug.as_str(),
                    "lat": p.coordinates.lat(),
                    "lon": p.coordinates.lon(),
                })
            })
            .collect();
        self.localities = Some(serde_json::Value::Array(localities).to_string());
        self
    }
}

impl MapView {
    /// A map of the municipality; `boundary` is the stored boundary's source, if the
    /// municipality has a boundary at all.
    pub fn new(
        state: &AppState,
        lang: Lang,
        code: &str,
        places: &[Place],
        boundary: Option<Option<String>>,
    ) -> MapView {
        let localities: Vec<&Place> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Locality)
            .collect();
        let n = localities.len().max(1) as f64;
        let center = if localities.is_empty() {
            (62.0, 16.0)
        } else {
            (
                localities.iter().map(|p| p.coordinates.lat()).sum::<f64>() / n,
                localities.iter().map(|p| p.coordinates.lon()).sum::<f64>() / n,
            )
        };
        let words = [
            ("picked", "map-picked"),
            ("none", "map-none-picked"),
            ("remove", "map-remove"),
            ("centre", "map-mark-centre"),
            ("nearest", "map-nearest"),
            ("input", "inputs-export-kind-input"),
            ("finding", "inputs-export-kind-finding"),
            ("photo", "finding-photo-alt"),
        ]
        .into_iter()
        .map(|(name, key)| (name, lang.t(key)))
        .collect();
        MapView {
            leaflet: LEAFLET_PATH,
            label: lang.t("map-label"),
            help: String::new(),
            features_href: None,
            boundary_href: boundary
                .is_some()
                .then(|| format!("/kommun/{code}/grans.geojson")),
            boundary_caption: boundary
                .flatten()
                .map(|source| lang.t_args("map-boundary-source", &[("source", source)])),
            localities: None,
            fields: "input",
            draw_into: None,
            tiles: state.map_tiles.as_ref().map(|t| t.template.clone()),
            attribution: state
                .map_tiles
                .as_ref()
                .map(|t| t.attribution.clone())
                .unwrap_or_default(),
            center,
            words,
        }
    }
}

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get(
            "/kommun/{code}/grans.geojson",
            Public,
            get(boundary_geojson),
        )
        .get("/static/map.js", Public, get(map_script))
        .get(
            concat!("/static/leaflet-", env!("LEAFLET_VERSION"), "/{file}"),
            Public,
            get(leaflet_file),
        )
        .get(
            concat!(
                "/static/leaflet-",
                env!("LEAFLET_VERSION"),
                "/images/{file}"
            ),
            Public,
            get(leaflet_image),
        )
}

/// Leaflet's files as its npm package ships them (checked against the lockfile).
const LEAFLET_JS: &[u8] = include_bytes!(concat!(env!("LOFTE_LEAFLET_DIST"), "/leaflet.js"));
const LEAFLET_CSS: &[u8] = include_bytes!(concat!(env!("LOFTE_LEAFLET_DIST"), "/leaflet.css"));
const LEAFLET_IMAGES: &[(&str, &[u8])] = &[
    (
        "marker-icon.png",
        include_bytes!(concat!(
            env!("LOFTE_LEAFLET_DIST"),
            "/images/marker-icon.png"
        )),
    ),
    (
        "marker-icon-2x.png",
        include_bytes!(concat!(
            env!("LOFTE_LEAFLET_DIST"),
            "/images/marker-icon-2x.png"
        )),
    ),
    (
        "marker-shadow.png",
        include_bytes!(concat!(
            env!("LOFTE_LEAFLET_DIST"),
            "/images/marker-shadow.png"
        )),
    ),
    (
        "layers.png",
        include_bytes!(concat!(env!("LOFTE_LEAFLET_DIST"), "/images/layers.png")),
    ),
    (
        "layers-2x.png",
        include_bytes!(concat!(env!("LOFTE_LEAFLET_DIST"), "/images/layers-2x.png")),
    ),
];

/// The Leaflet path a page links, versioned so that it can be cached for a year.
pub const LEAFLET_PATH: &str = concat!("/static/leaflet-", env!("LEAFLET_VERSION"));

fn asset(content_type: &'static str, body: &'static [u8], immutable: bool) -> Response {
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response()
}

async fn leaflet_file(UiLang(lang): UiLang, Path(file): Path<String>) -> Response {
    match file.as_str() {
        "leaflet.js" => asset("text/javascript; charset=utf-8", LEAFLET_JS, true),
        "leaflet.css" => asset("text/css; charset=utf-8", LEAFLET_CSS, true),
        _ => PageError::NotFound { lang, detail: None }.into_response(),
    }
}

async fn leaflet_image(UiLang(lang): UiLang, Path(file): Path<String>) -> Response {
    match LEAFLET_IMAGES.iter().find(|(name, _)| *name == file) {
        Some((_, bytes)) => asset("image/png", bytes, true),
        None => PageError::NotFound { lang, detail: None }.into_response(),
    }
}

async fn map_script() -> Response {
    asset(
        "text/javascript; charset=utf-8",
        include_bytes!("../static/map.js"),
        false,
    )
}

/// The municipality's boundary as a GeoJSON Feature, for maps and GIS.
async fn boundary_geojson(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let not_found = || PageError::NotFound { lang, detail: None };
    let code = lofte_domain::MunicipalityCode::parse(&code).map_err(|_| not_found())?;
    let map = state.db.boundary(&code).await?.ok_or_else(not_found)?;
    let body = serde_json::json!({
        "type": "Feature",
        "geometry": map.boundary.to_geojson(),
        "properties": { "municipality": code.as_str(), "source": map.source },
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/geo+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body.to_string(),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_sources_are_checked_and_give_the_policy_its_host() {
        let osm = TileSource::default();
        assert_eq!(osm.origin(), "https://tile.openstreetmap.org");
        let policy = content_security_policy(Some(&osm));
        assert!(
            policy
                .to_str()
                .unwrap()
                .contains("img-src 'self' data: https://tile.openstreetmap.org;")
        );
        let many =
            TileSource::parse("https://{s}.tiles.example.se:8443/{z}/{x}/{y}.png", "x").unwrap();
        assert_eq!(many.origin(), "https://*.tiles.example.se:8443");
        for bad in [
            "tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tiles.example.se/{z}/{x}.png",
            "https://tiles.example.se; script-src *//{z}/{x}/{y}.png",
            "javascript:alert(1)//{z}{x}{y}",
        ] {
            assert!(TileSource::parse(bad, "").is_err(), "{bad}");
        }
    }
}
