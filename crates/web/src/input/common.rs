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
pub fn locality_of<'a>(places: &'a [Place], slug: &'a lofte_domain::PlaceSlug) -> &'a str {
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

/// Where an input is, in words: its locality, the place within it and the typed address,
/// as far as given ("Flen, Sveaparken, vid dammen").
pub fn input_place(places: &[Place], input: &lofte_db::citizen_inputs::StoredInput) -> String {
    let name = |slug: &str| crate::views::place_name(places, slug);
    [
        Some(name(input.locality.as_str())),
        input.place.as_ref().map(|p| name(p.as_str())),
        input.address.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// An input's reference as residents and staff quote it: the municipality's code and
/// the input's number ("0461-42").
pub fn reference(code: &str, id: i32) -> String {
    format!("{code}-{id}")
}

/// What the public sees of a published input's case, in words.
pub struct CaseLines {
    /// Staff's public reply and the day it was written.
    pub reply: Option<(String, String)>,
    /// "Ansvarig enhet: …".
    pub routed: Option<String>,
    /// The tracked action: "Åtgärd: … Ansvarig: … Senast: …" and its status.
    pub action: Option<(String, String, &'static str)>,
    /// "Invånaren svarade: delvis".
    pub answer: Option<String>,
}

impl CaseLines {
    pub fn new(lang: Lang, input: &lofte_db::citizen_inputs::StoredInput) -> CaseLines {
        let case = &input.case;
        CaseLines {
            reply: case.reply.clone().map(|r| {
                (
                    r,
                    case.replied_at
                        .map(crate::views::stockholm_date)
                        .unwrap_or_default(),
                )
            }),
            routed: case
                .routed_to
                .as_ref()
                .map(|u| lang.t_args("input-case-routed", &[("unit", u.clone())])),
            action: case.action.as_ref().map(|a| {
                (
                    lang.t_args(
                        "finding-owner",
                        &[
                            ("owner", a.owner.clone()),
                            (
                                "due",
                                a.due.map_or_else(|| "–".to_owned(), |d| d.to_string()),
                            ),
                        ],
                    ),
                    lofte_app::words::finding_status_name(lang, a.status),
                    a.status.code(),
                )
            }),
            answer: answer_line(lang, input),
        }
    }
}

/// "Invånaren svarade: delvis", if the resident answered "Blev det gjort?".
pub fn answer_line(lang: Lang, input: &lofte_db::citizen_inputs::StoredInput) -> Option<String> {
    input
        .case
        .answer
        .map(|a| lang.t_args("input-case-answered", &[("answer", lang.name(&a))]))
}
