//! The reader's language: Swedish unless they chose English with the visible switch,
//! which sets a cookie. Pages do not follow `Accept-Language`: public-sector sites here
//! are Swedish first, and a page should not change language by itself.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use lofte_i18n::Lang;
use serde::Deserialize;

pub const COOKIE: &str = "lofte_lang";

/// The language of the page being answered.
#[derive(Debug, Clone, Copy)]
pub struct UiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let lang = jar
            .get(COOKIE)
            .and_then(|c| Lang::from_tag(c.value()))
            .unwrap_or_default();
        Ok(UiLang(lang))
    }
}

/// The language for a response made outside a handler (middleware refusals): the
/// cookie for pages, `Accept-Language` for the API.
pub fn lang_of(headers: &axum::http::HeaderMap, api: bool) -> Lang {
    if api {
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
            .unwrap_or_default()
    } else {
        CookieJar::from_headers(headers)
            .get(COOKIE)
            .and_then(|c| Lang::from_tag(c.value()))
            .unwrap_or_default()
    }
}

/// The language of an API answer's messages: `Accept-Language`, Swedish by default.
#[derive(Debug, Clone, Copy)]
pub struct ApiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ApiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let lang = parts
            .headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
            .unwrap_or_default();
        Ok(ApiLang(lang))
    }
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    /// Where to go back to; only paths on this site are followed.
    tillbaka: Option<String>,
}

/// `GET /sprak/{lang}?tillbaka=/path`: remembers the language and goes back. A plain
/// link, so it works without JavaScript.
pub async fn switch(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    Path(tag): Path<String>,
    Query(query): Query<SwitchQuery>,
    jar: CookieJar,
) -> Response {
    let lang = Lang::from_tag(&tag).unwrap_or_default();
    let back = query
        .tillbaka
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".to_owned());
    let cookie = Cookie::build((COOKIE, lang.tag()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.secure_cookies)
        .max_age(time_one_year())
        .build();
    (jar.add(cookie), Redirect::to(&back)).into_response()
}

fn time_one_year() -> cookie::time::Duration {
    cookie::time::Duration::days(365)
}

/// A path on this site: `/…` but not `//host` or `/\host`, which browsers treat as
/// another site.
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.starts_with("/\\")
        && !p.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/kommun/0482/2021"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/a\r\nSet-Cookie: x"));
    }
}
