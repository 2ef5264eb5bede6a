//! Atom feeds (RFC 4287) of everything a resident can follow, for readers who want no
//! e-mail and give no address: a promise's news, one commitment's, and the situation
//! picture's. Each lists the notices that followers are told of (`lofte_db::follows`),
//! newest first, written by `atom_syndication`. The pages link them (`<link
//! rel="alternate">` and a visible link by the follow form).

use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use lofte_db::Visibility;
use lofte_db::follows::Notice;
use lofte_domain::Year;
use lofte_domain::follow::Target;
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::follow_form::promise_feed;
use crate::lang::UiLang;
use crate::pages::tenant_for;
use crate::policy::{Policy, Routes};

/// Entries in a feed.
const ENTRIES: u64 = 50;

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get(
            "/kommun/{code}/lagesbild/nyheter.atom",
            Public,
            get(picture),
        )
        .get("/kommun/{code}/{year}/nyheter.atom", Public, get(promise))
        .get(
            "/kommun/{code}/{year}/atagande/{id}/nyheter.atom",
            Public,
            get(commitment),
        )
        .get(
            "/kommun/{code}/platser/{slug}/nyheter.atom",
            Public,
            get(place),
        )
}

/// The address residents use: the configured one, else the request's host.
fn public_base(state: &AppState, headers: &HeaderMap) -> String {
    match &state.mailer {
        Some(mailer) => mailer.public_url().to_owned(),
        None => format!(
            "http://{}",
            headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost")
        ),
    }
}

fn atom(
    lang: Lang,
    base: &str,
    self_path: &str,
    page_path: &str,
    title: String,
    notices: &[Notice],
) -> Response {
    let i = usize::from(lang == Lang::En);
    let updated = notices
        .first()
        .map(|n| n.created_at)
        .unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH)
        .fixed_offset();
    let entries: Vec<Entry> = notices
        .iter()
        .map(|n| Entry {
            id: format!("{base}{self_path}#{}", n.id),
            title: Text::plain(n.title[i].clone()),
            updated: n.created_at.fixed_offset(),
            published: Some(n.created_at.fixed_offset()),
            summary: Some(Text::plain(n.summary[i].clone())),
            links: vec![Link {
                href: format!("{base}{}", n.path),
                rel: "alternate".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .collect();
    let feed = Feed {
        id: format!("{base}{self_path}"),
        title: Text::plain(title),
        updated,
        lang: Some(lang.tag().into()),
        authors: vec![Person {
            name: lang.t("site-name"),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: format!("{base}{self_path}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: format!("{base}{page_path}"),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response()
}

/// The municipality and its public promise of `year`, or a 404.
async fn published(
    state: &AppState,
    lang: Lang,
    code: &str,
    year: &str,
) -> Result<(lofte_db::Tenant, lofte_db::StoredPromise), PageError> {
    let tenant = tenant_for(state, lang, code).await?;
    let not_found = || PageError::NotFound { lang, detail: None };
    let year: Year = year.parse().map_err(|_| not_found())?;
    let stored = tenant
        .promise_for_year(year, Visibility::Public)
        .await?
        .ok_or_else(not_found)?;
    Ok((tenant, stored))
}

async fn promise(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    Path((code, year)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let (tenant, stored) = published(&state, lang, &code, &year).await?;
    let m = tenant.municipality();
    let notices = state
        .db
        .notices(&m.code, &Target::Promise(stored.id), ENTRIES)
        .await?;
    let first = stored.promise.years.first();
    Ok(atom(
        lang,
        &public_base(&state, &headers),
        &promise_feed(m.code.as_str(), first),
        &format!("/kommun/{}/{first}", m.code),
        lang.t_args(
            "follow-thing-promise",
            &[
                ("municipality", m.name.to_string()),
                ("years", stored.promise.years.to_string()),
            ],
        ),
        &notices,
    ))
}

async fn commitment(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    Path((code, year, id)): Path<(String, String, i32)>,
) -> Result<Response, PageError> {
    let (tenant, stored) = published(&state, lang, &code, &year).await?;
    let index = stored
        .commitment_ids
        .iter()
        .position(|c| *c == id)
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let m = tenant.municipality();
    let notices = state
        .db
        .notices(&m.code, &Target::Commitment(id), ENTRIES)
        .await?;
    let first = stored.promise.years.first();
    Ok(atom(
        lang,
        &public_base(&state, &headers),
        &format!("/kommun/{}/{first}/atagande/{id}/nyheter.atom", m.code),
        &format!("/kommun/{}/{first}#atagande-{id}", m.code),
        crate::views::short_text(stored.promise.commitments[index].text.as_ref()),
        &notices,
    ))
}

async fn picture(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let m = tenant.municipality();
    let notices = state.db.notices(&m.code, &Target::Picture, ENTRIES).await?;
    Ok(atom(
        lang,
        &public_base(&state, &headers),
        &format!("/kommun/{}/lagesbild/nyheter.atom", m.code),
        &format!("/kommun/{}/lagesbild", m.code),
        lang.t_args(
            "follow-thing-picture",
            &[("municipality", m.name.to_string())],
        ),
        &notices,
    ))
}

async fn place(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    Path((code, slug)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let m = tenant.municipality();
    let places = state.db.places(&m.code).await?;
    let Some(place) = places.iter().find(|p| p.slug.as_str() == slug) else {
        return Err(PageError::NotFound { lang, detail: None });
    };
    let target = Target::Place(place.slug.to_string());
    let notices = state.db.notices(&m.code, &target, ENTRIES).await?;
    Ok(atom(
        lang,
        &public_base(&state, &headers),
        &crate::follow_form::place_feed(m.code.as_str(), place.slug.as_str()),
        &format!("/kommun/{}/synpunkter?ort={}", m.code, place.slug),
        lang.t_args(
            "follow-thing-place",
            &[
                ("place", place.name.to_string()),
                ("municipality", m.name.to_string()),
            ],
        ),
        &notices,
    ))
}
