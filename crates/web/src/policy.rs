//! Authorization as data: every route is added through [`Routes`], which requires its
//! [`Policy`] and wraps the handler in the one middleware that enforces it. The table of
//! routes and policies is what the authorization matrix test walks.

use axum::Router;
use axum::extract::{RawPathParams, Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::MethodRouter;
use lofte_db::Actor;
use lofte_domain::{MunicipalityCode, Permission, Principal};

use crate::AppState;
use crate::auth::{AuthSession, StaffUser, token_digest};
use crate::error::{ApiError, PageError};
use crate::lang::lang_of;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in staff member (their own account pages).
    SignedIn,
    /// Staff with this permission in the municipality named by the route's `{code}`.
    InMunicipality(Permission),
}

/// One row of the route table.
#[derive(Debug, Clone)]
pub struct RouteInfo {
    pub method: Method,
    pub path: String,
    pub policy: Policy,
}

/// The signed-in staff member or API client a handler acts for; put into the request by
/// the policy middleware for every non-public route.
#[derive(Clone)]
pub struct Staff {
    pub user: Option<StaffUser>,
    pub actor: Actor,
    pub principal: Principal,
}

/// Builds the router and its table of policies together, so neither can miss a route.
pub struct Routes {
    state: AppState,
    router: Router<AppState>,
    table: Vec<RouteInfo>,
}

impl Routes {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            router: Router::new(),
            table: Vec::new(),
        }
    }

    pub fn get(self, path: &'static str, policy: Policy, route: MethodRouter<AppState>) -> Self {
        self.add(Method::GET, path, policy, route)
    }

    pub fn post(self, path: &'static str, policy: Policy, route: MethodRouter<AppState>) -> Self {
        self.add(Method::POST, path, policy, route)
    }

    pub fn put(self, path: &'static str, policy: Policy, route: MethodRouter<AppState>) -> Self {
        self.add(Method::PUT, path, policy, route)
    }

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        policy: Policy,
        route: MethodRouter<AppState>,
    ) -> Self {
        if matches!(policy, Policy::InMunicipality(_)) {
            assert!(
                path.contains("{code}"),
                "{path}: a municipality policy needs a {{code}} in the path"
            );
        }
        let guarded = route.layer(middleware::from_fn_with_state(
            (self.state.clone(), policy),
            enforce,
        ));
        self.router = self.router.route(path, guarded);
        self.table.push(RouteInfo {
            method,
            path: path.to_owned(),
            policy,
        });
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }

    pub fn nest(mut self, prefix: &'static str, other: Routes) -> Self {
        self.router = self.router.nest(prefix, other.router);
        self.table.extend(other.table.into_iter().map(|mut r| {
            r.path = format!("{prefix}{}", r.path);
            r
        }));
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteInfo>) {
        (self.router, self.table)
    }
}

/// Whether the request is for the API. Inside a nested router the URI has lost its
/// prefix, so this looks at the original URI.
fn is_api(req: &Request) -> bool {
    req.extensions()
        .get::<axum::extract::OriginalUri>()
        .map_or(req.uri(), |o| &o.0)
        .path()
        .starts_with("/api/")
}

/// The principal of a request: an API token in `Authorization: Bearer …`, or the
/// signed-in session's account.
async fn identify(
    state: &AppState,
    auth: Option<&AuthSession>,
    headers: &HeaderMap,
) -> Result<Option<Staff>, lofte_db::Error> {
    if let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Ok(state
            .db
            .api_token_principal(&token_digest(token.trim()))
            .await?
            .map(|(id, principal)| Staff {
                user: None,
                actor: Actor::ApiToken(id),
                principal,
            }));
    }
    let Some(user) = auth.and_then(|a| a.user.clone()) else {
        return Ok(None);
    };
    let principal = state.db.principal(user.id).await?;
    Ok(Some(Staff {
        actor: Actor::Account(user.id),
        user: Some(user),
        principal,
    }))
}

async fn enforce(
    State((state, policy)): State<(AppState, Policy)>,
    params: RawPathParams,
    mut req: Request,
    next: Next,
) -> Response {
    if policy == Policy::Public {
        return next.run(req).await;
    }
    let lang = lang_of(req.headers(), is_api(&req));
    let auth = req.extensions().get::<AuthSession>().cloned();
    let staff = match identify(&state, auth.as_ref(), req.headers()).await {
        Ok(staff) => staff,
        Err(e) => {
            return if is_api(&req) {
                ApiError::Internal(lang, e.to_string()).into_response()
            } else {
                PageError::Internal {
                    lang,
                    cause: e.to_string(),
                }
                .into_response()
            };
        }
    };
    let Some(staff) = staff else {
        return if is_api(&req) {
            ApiError::Unauthorized(lang).into_response()
        } else {
            let next_path = req
                .extensions()
                .get::<axum::extract::OriginalUri>()
                .map_or(req.uri(), |o| &o.0)
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default();
            let target = if req.method() == Method::GET {
                format!("/logga-in?nasta={}", crate::views::encode_path(&next_path))
            } else {
                "/logga-in".to_owned()
            };
            Redirect::to(&target).into_response()
        };
    };
    if let Some(user) = &staff.user {
        crate::error::remember_staff_name(&user.name);
    }
    let allowed = match policy {
        Policy::Public | Policy::SignedIn => true,
        Policy::InMunicipality(permission) => params
            .iter()
            .find(|(name, _)| *name == "code")
            .and_then(|(_, code)| MunicipalityCode::parse(code).ok())
            .is_some_and(|code| staff.principal.may(permission, &code)),
    };
    if !allowed {
        return if is_api(&req) {
            ApiError::Forbidden(lang).into_response()
        } else {
            PageError::Forbidden { lang }.into_response()
        };
    }
    req.extensions_mut().insert(staff);
    next.run(req).await
}

/// Refuses state-changing requests that a browser sent from another site. Browsers mark
/// every request with `Sec-Fetch-Site` and cross-origin POSTs with `Origin`; clients that
/// send neither (curl, API scripts) are not browsers and cannot be tricked into sending
/// a victim's cookies.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    let safe = matches!(
        *req.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if safe || is_same_site(req.headers()) || is_one_click(req.uri().path()) {
        return next.run(req).await;
    }
    let lang = lang_of(req.headers(), is_api(&req));
    if is_api(&req) {
        ApiError::Forbidden(lang).into_response()
    } else {
        PageError::CrossSite { lang }.into_response()
    }
}

/// Whether `path` is the one-click unsubscribe, which mail providers POST from their own
/// servers (RFC 8058): the token in the path is the only credential, so no cookie can be
/// abused and the cross-site check does not apply.
fn is_one_click(path: &str) -> bool {
    path.strip_prefix("/folj/")
        .and_then(|rest| rest.strip_suffix("/avsluta"))
        .is_some_and(|token| !token.is_empty() && !token.contains('/'))
}

fn is_same_site(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match text("sec-fetch-site") {
        Some("same-origin" | "none") => return true,
        Some(_) => return false,
        None => {}
    }
    match (text("origin"), text("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host),
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn same_site_detection() {
        assert!(is_same_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_same_site(&headers(&[
            ("origin", "http://127.0.0.1:8080"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(!is_same_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(!is_same_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:8080")
        ])));
        assert!(
            is_same_site(&headers(&[])),
            "no browser, no cookies to abuse"
        );
    }
}
