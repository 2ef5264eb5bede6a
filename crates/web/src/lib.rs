//! The web tier of Löfte: the public site (server-rendered, Swedish first), the JSON API
//! and its OpenAPI document.
//!
//! Handlers are thin: they parse the request into domain types, ask the `db` crate for
//! domain values, and hand them to a view (`views`) that turns them into words in the
//! reader's language. No handler builds SQL or HTML by hand: askama escapes everything.

mod about;
mod api;
pub mod auth;
mod cache;
mod error;
mod feeds;
mod follow;
mod follow_form;
mod input;
mod lang;
mod letters;
pub mod map;
mod message;
mod notices;
mod pages;
mod photo;
pub mod policy;
mod questions;
pub mod report;
mod situation;
mod staff;
mod views;

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use lofte_db::Db;
use tower_http::set_header::SetResponseHeaderLayer;

pub use about::{Compliance, SiteInfo};
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
    /// Whether cookies get the `Secure` flag and the session cookie the `__Host-` prefix,
    /// and responses HSTS: set when the public address is https (or asked for).
    secure_cookies: bool,
    /// How survey figures are produced (smallest group shown, confidence level).
    survey_rules: lofte_domain::stats::Rules,
    /// Where map tiles come from; `None` draws maps without a background.
    map_tiles: Option<map::TileSource>,
    /// Public responses kept for readers (see [`cache`]); off unless asked for.
    page_cache: Option<cache::PageCache>,
    /// How often [`serve`] deletes what is kept no longer (see [`housekeeping`]).
    housekeeping_every: std::time::Duration,
    /// Who runs the installation, for the accessibility statement and contact page.
    site: SiteInfo,
    /// Sign-in through the organisation's identity provider, if configured.
    oidc: Option<std::sync::Arc<auth::oidc::Oidc>>,
    /// Sends the outbox's e-mail (over SMTP or into files); [`serve`] runs its sender.
    mailer: Option<std::sync::Arc<lofte_mail::Mailer>>,
    /// Requests to follow by e-mail and for password-reset links, per address and client.
    follow_limiter: follow::FollowLimiter,
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
            housekeeping_every: HOUSEKEEPING_EVERY,
            site: SiteInfo::default(),
            oidc: None,
            mailer: None,
            follow_limiter: follow::FollowLimiter::default(),
        }
    }

    /// Sends e-mail (follow confirmations, notices, reset links) through `mailer`.
    pub fn with_mailer(mut self, mailer: std::sync::Arc<lofte_mail::Mailer>) -> Self {
        self.mailer = Some(mailer);
        self
    }

    /// Lets staff sign in with their organisation's identity provider (password sign-in
    /// stays). The error says which setting is wrong.
    pub fn with_oidc(mut self, settings: Option<auth::oidc::OidcSettings>) -> Result<Self, String> {
        self.oidc = settings
            .map(auth::oidc::Oidc::new)
            .transpose()?
            .map(std::sync::Arc::new);
        Ok(self)
    }

    /// Sets who runs the installation and what its accessibility statement says.
    pub fn with_site(mut self, site: SiteInfo) -> Self {
        self.site = site;
        self
    }

    /// Sets how often the running server deletes what is kept no longer (hourly by
    /// default; tests make it quicker).
    pub fn with_housekeeping_every(mut self, every: std::time::Duration) -> Self {
        self.housekeeping_every = every;
        self
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

    /// Marks cookies `Secure` (the session cookie with the `__Host-` prefix) and sends HSTS;
    /// for deployments behind HTTPS. [`AppState::with_public_url`] turns it on for an https
    /// address.
    pub fn with_secure_cookies(mut self, secure: bool) -> Self {
        self.secure_cookies = secure;
        self
    }

    /// The address residents use. When it is https, cookies are `Secure` and responses
    /// carry HSTS, whatever `with_secure_cookies` said.
    pub fn with_public_url(mut self, url: Option<&PublicUrl>) -> Self {
        if url.is_some_and(PublicUrl::is_https) {
            self.secure_cookies = true;
        }
        self
    }

    /// The name of the staff session cookie as this instance sets it.
    fn session_cookie(&self) -> &'static str {
        if self.secure_cookies {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        }
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
        .merge(situation::routes(state.clone()))
        .merge(about::routes(state.clone()))
        .merge(input::routes(state.clone()))
        .merge(follow::routes(state.clone()))
        .merge(questions::routes(state.clone()))
        .merge(feeds::routes(state.clone()))
        .merge(map::routes(state.clone()))
        .merge(staff::routes(state.clone()))
        .nest("/api", api::routes(state))
}

/// The name of the staff session cookie over plain HTTP (development, tests).
pub const SESSION_COOKIE: &str = "lofte_session";
/// Its name behind HTTPS: browsers accept a `__Host-` cookie only with `Secure`, path `/`
/// and no domain, so no other site under the same domain can set or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-lofte_session";

/// The address residents use, e.g. `https://trygghet.flen.se`: an http(s) URL with a host
/// and nothing after the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// Parses the configured address; the error says what is wrong with it (in English:
    /// the command line words it for the operator).
    pub fn parse(raw: &str) -> Result<PublicUrl, String> {
        let raw = raw.trim().trim_end_matches('/');
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("{raw}: must start with https:// (or http://)"))?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty()
            || rest.contains(['?', '#', ' ', '@'])
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        {
            return Err(format!(
                "{raw}: not an address such as https://trygghet.kommun.se"
            ));
        }
        Ok(PublicUrl(raw.to_owned()))
    }

    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The whole application as a router.
pub fn router(state: AppState) -> Router {
    let sessions =
        tower_sessions::SessionManagerLayer::new(auth::DbSessionStore::new(state.db.clone()))
            .with_name(state.session_cookie())
            .with_http_only(true)
            .with_same_site(tower_sessions::cookie::SameSite::Lax)
            .with_secure(state.secure_cookies)
            .with_expiry(tower_sessions::Expiry::OnInactivity(SESSION_IDLE));
    let auth_layer =
        axum_login::AuthManagerLayerBuilder::new(auth::Backend::new(state.db.clone()), sessions)
            .build();
    let (routes, _) = routes(state.clone()).into_parts();
    let policy = map::content_security_policy(state.map_tiles.as_ref());
    // A year, without includeSubDomains: a municipality's other hosts are not ours to bind.
    let hsts = state
        .secure_cookies
        .then(|| HeaderValue::from_static("max-age=31536000"));
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
        // Outside the body limit, whose refusal is one of those it words.
        .layer(axum::middleware::from_fn(error::dress_rejections))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            policy,
        ))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            hsts,
        ))
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Serves the application on an already bound listener until the process is stopped,
/// and keeps house meanwhile ([`housekeeping`]).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let housekeeping = tokio::spawn(housekeeping(state.db.clone(), state.housekeeping_every));
    let sender = state.mailer.clone().map(|mailer| {
        let digests = tokio::spawn(digests(
            state.db.clone(),
            mailer.clone(),
            state.housekeeping_every,
        ));
        (
            tokio::spawn(lofte_mail::run(state.db.clone(), mailer)),
            digests,
        )
    });
    let served = axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    housekeeping.abort();
    if let Some((sender, digests)) = sender {
        sender.abort();
        digests.abort();
    }
    served
}

/// How often the running server keeps house, unless configured otherwise.
const HOUSEKEEPING_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Deletes, at start and then `every` so often while serving, what is kept no longer:
/// residents' inputs never published after a year (what the form promises, so a server
/// that runs for months must do it as it runs, not only when started), expired sessions
/// and sign-in counts whose window has ended, follows never confirmed, mail sent a month
/// ago (with its address), addresses bouncing for a year, expired reset links. Several instances doing this at once is
/// harmless: each deletion is one statement or one transaction.
pub async fn housekeeping(db: Db, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let now = chrono::Utc::now();
        match db.purge_unpublished_inputs(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "deleted unpublished inputs older than a year"),
            Err(e) => tracing::warn!(error = %e, "could not delete old unpublished inputs"),
        }
        match db.forget_old_incident_texts(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(emptied = n, "emptied incident texts older than two years"),
            Err(e) => tracing::warn!(error = %e, "could not empty old incident texts"),
        }
        match db.delete_expired_sessions(now.timestamp()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "expired sessions removed"),
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
        if let Err(e) = db.delete_ended_sign_in_counts(now.timestamp()).await {
            tracing::warn!(error = %e, "could not remove ended sign-in counts");
        }
        match db.purge_unconfirmed_follows(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "deleted follows never confirmed"),
            Err(e) => tracing::warn!(error = %e, "could not delete unconfirmed follows"),
        }
        match db.purge_mail(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "deleted old mail and bouncing addresses"),
            Err(e) => tracing::warn!(error = %e, "could not delete old mail"),
        }
        match db.purge_input_contacts(now).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "deleted residents' addresses left with inputs"),
            Err(e) => tracing::warn!(error = %e, "could not delete residents' old addresses"),
        }
        if let Err(e) = db.purge_password_resets(now).await {
            tracing::warn!(error = %e, "could not delete expired reset links");
        }
    }
}

pub use notices::{queue_digests, queue_promise_notices};
pub use questions::queue_questions;
pub use staff::reminders::queue_reminders;

/// Queues the followers' weekly and monthly digests and the staff's weekly reminders that
/// are due, at start and then `every` so often. Several instances may do it at once: a follow is marked digested
/// in the digest's transaction, and a second instance finds it so and queues nothing.
async fn digests(db: Db, mailer: std::sync::Arc<lofte_mail::Mailer>, every: std::time::Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match queue_digests(&db, &mailer, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(queued = n, "follower digests queued"),
            Err(e) => tracing::warn!(error = %e, "could not queue the follower digests"),
        }
        match queue_promise_notices(&db, &mailer, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                notices = n,
                "followers told of promises published or changed"
            ),
            Err(e) => tracing::warn!(error = %e, "could not tell followers of changed promises"),
        }
        match queue_questions(&db, &mailer, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(queued = n, "residents asked whether it was done"),
            Err(e) => tracing::warn!(error = %e, "could not ask residents whether it was done"),
        }
        match queue_reminders(&db, &mailer, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(queued = n, "staff reminders queued"),
            Err(e) => tracing::warn!(error = %e, "could not queue the staff reminders"),
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
    lofte_domain::Year::of(lofte_app::progress::today()).unwrap_or_else(|| {
        lofte_domain::Year::new(lofte_domain::Year::MAX).expect("MAX is a valid year")
    })
}
