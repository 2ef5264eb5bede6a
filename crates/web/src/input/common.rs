//! What the input pages share: category names, the municipality's places and the map.

use lofte_db::Tenant;
use lofte_domain::citizen::InputCategory;
use lofte_domain::{Place, PlaceKind};
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::staff::forms::Choice;

pub fn category_name(lang: Lang, category: InputCategory) -> String {
    lang.name(&category)
}

pub(super) async fn tenant_and_places(
    state: &AppState,
    lang: Lang,
    code: &str,
) -> Result<(Tenant, Vec<Place>), PageError> {
    let tenant = state
        .db
        .tenant_named(code)
        .await?
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let places = state.db.places(&tenant.municipality().code).await?;
    Ok((tenant, places))
}

/// The map a page about this municipality shows.
pub(super) async fn map_view(
    state: &AppState,
    lang: Lang,
    tenant: &Tenant,
    places: &[Place],
) -> Result<crate::map::MapView, PageError> {
    let code = &tenant.municipality().code;
    let boundary = state.db.boundary_source(code).await?;
    Ok(crate::map::MapView::new(
        state,
        lang,
        code.as_str(),
        places,
        boundary,
    ))
}

/// The locality a place lies in: itself if it is one, else the nearest enclosing one.
pub(super) fn locality_of<'a>(places: &'a [Place], slug: &'a lofte_domain::PlaceSlug) -> &'a str {
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

pub(super) fn options(
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
