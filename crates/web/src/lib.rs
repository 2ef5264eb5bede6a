//! The web tier of Löfte: the public site (server-rendered, Swedish first), the JSON API
//! and its OpenAPI document.
//!
//! Handlers are thin: they parse the request into domain types, ask the `db` crate for
//! domain values, and hand them to a view (`views`) that turns them into words in the
//! reader's language. No handler builds SQL or HTML by hand: askama escapes everything.

mod api;
pub mod auth;
mod cache;
pub mod demo;
mod error;
pub mod export;
mod input;
mod lang;
pub mod map;
pub mod outcome;
mod pages;
mod photo;
pub mod policy;
pub mod progress;
pub mod report;
mod staff;
mod views;

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use lofte_db::Db;
use tower_http::set_header::SetResponseHeaderLayer;

pub use api::{ApiDoc, promise_json_schema};

/// What every handler may use. Cheap to clone. Sessions live in the database, so several
/// instances can serve behind one load balancer; only the per-client sign-in limiter is
/// per instance.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    login_limiter: staff::LoginLimiter,
    /// Submissions of the public input form per client address (the address is used only
    /// in this instance's memory, never stored).
    input_limiter: staff::LoginLimiter,
    /// Rendered report PDFs, by the digest of their data.
    pdf_cache: report::PdfCache,
    /// Whether cookies get the `Secure` flag (set when served over HTTPS).
    secure_cookies: bool,
    /// How survey figures are produced (smallest group shown, confidence level).
    survey_rules: lofte_domain::stats::Rules,
    /// Where map tiles come from; `None` draws maps without a background.
    map_tiles: Option<map::TileSource>,
    /// Public responses kept for readers (see [`cache`]); off unless asked for.
    page_cache: Option<cache::PageCache>,
}

impl AppState {
    pub fn new(db: Db) -> Self {
        AppState {
            db,
            login_limiter: staff::LoginLimiter::default(),
            input_limiter: staff::LoginLimiter::with_quota(input::quota()),
            pdf_cache: report::PdfCache::default(),
            secure_cookies: false,
            survey_rules: lofte_domain::stats::Rules::default(),
            map_tiles: Some(map::TileSource::default()),
            page_cache: None,
        }
    }

    /// Keeps public responses for up to `ttl` (emptied at once by any write through this
    /// instance); `None` or zero: no cache.
    pub fn with_page_cache(mut self, ttl: Option<std::time::Duration>) -> Self {
        self.page_cache = ttl.filter(|t| !t.is_zero()).map(cache::PageCache::new);
        self
    }

    /// Sets where map tiles come from (`None`: maps without a background, e.g. offline).
    pub fn with_map_tiles(mut self, tiles: Option<map::TileSource>) -> Self {
        self.map_tiles = tiles;
        self
    }

    /// Sets the survey rules, e.g. a larger smallest group than the default 30.
    pub fn with_survey_rules(mut self, rules: lofte_domain::stats::Rules) -> Self {
        self.survey_rules = rules;
        self
    }

    /// Marks session cookies `Secure`; for deployments behind HTTPS.
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }
}

/// Largest request body a form or API call may send (a promise document with 100 long
/// commitments fits). Uploads have their own, larger limits on their routes.
const BODY_LIMIT: usize = 1024 * 1024;

/// The largest upload any route accepts (a survey file in the staff area).
pub(crate) const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// How long a staff session lasts without activity.
const SESSION_IDLE: tower_sessions::cookie::time::Duration =
    tower_sessions::cookie::time::Duration::hours(8);

/// Every route with its policy (see [`policy`]), in the order they are matched.
pub fn route_table(state: AppState) -> Vec<policy::RouteInfo> {
    routes(state).into_parts().1
}

fn routes(state: AppState) -> policy::Routes {
    policy::Routes::new(state.clone())
        .merge(pages::routes(state.clone()))
        .merge(input::routes(state.clone()))
        .merge(map::routes(state.clone()))
        .merge(staff::routes(state.clone()))
        .nest("/api", api::routes(state))
}

/// The name of the staff session cookie.
pub const SESSION_COOKIE: &str = "lofte_session";

/// The whole application as a router.
pub fn router(state: AppState) -> Router {
    let sessions =
        tower_sessions::SessionManagerLayer::new(auth::DbSessionStore::new(state.db.clone()))
            .with_name(SESSION_COOKIE)
            .with_http_only(true)
            .with_same_site(tower_sessions::cookie::SameSite::Lax)
            .with_secure(state.secure_cookies)
            .with_expiry(tower_sessions::Expiry::OnInactivity(SESSION_IDLE));
    let auth_layer =
        axum_login::AuthManagerLayerBuilder::new(auth::Backend::new(state.db.clone()), sessions)
            .build();
    let (routes, _) = routes(state.clone()).into_parts();
    let policy = map::content_security_policy(state.map_tiles.as_ref());
    routes
        .fallback(pages::not_found)
        .with_state(state.clone())
        .layer(auth_layer)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            cache::serve_from_cache,
        ))
        .layer(axum::middleware::from_fn(policy::refuse_cross_site))
        .layer(axum::middleware::from_fn(error::remember_page))
        // Extractors (forms, JSON, multipart) stop at BODY_LIMIT unless their route sets
        // a larger DefaultBodyLimit; nothing reads more than the largest upload.
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(UPLOAD_LIMIT))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            policy,
        ))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
        ))
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Serves the application on an already bound listener until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    tokio::spawn(delete_expired_sessions(state.db.clone()));
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
}

/// Expired sessions are never loaded, but their rows would pile up: delete them hourly.
/// Several instances doing this at once is harmless.
async fn delete_expired_sessions(db: Db) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let now = chrono::Utc::now().timestamp();
        match db.delete_expired_sessions(now).await {
            Ok(n) if n > 0 => tracing::info!(deleted = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Today's year in Sweden, which decides which promise is "current".
pub(crate) fn this_year() -> lofte_domain::Year {
    lofte_domain::Year::of(progress::today()).unwrap_or_else(|| {
        lofte_domain::Year::new(lofte_domain::Year::MAX).expect("MAX is a valid year")
    })
}
