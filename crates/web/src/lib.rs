//! The web tier of Löfte: the public site (server-rendered, Swedish first), the JSON API
//! and its OpenAPI document.
//!
//! Handlers are thin: they parse the request into domain types, ask the `db` crate for
//! domain values, and hand them to a view (`views`) that turns them into words in the
//! reader's language. No handler builds SQL or HTML by hand: askama escapes everything.

mod api;
mod error;
mod lang;
mod pages;
mod views;

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use lofte_db::Db;
use tower_http::set_header::SetResponseHeaderLayer;

pub use api::{ApiDoc, promise_json_schema};

/// What every handler may use. Cheap to clone; holds no per-instance state, so several
/// instances can serve behind one load balancer.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
}

/// The whole application as a router.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api", api::routes())
        .with_state(state)
        .layer(security_header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
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
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
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
    use chrono::Datelike;
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .year();
    lofte_domain::Year::new(year).unwrap_or_else(|_| {
        lofte_domain::Year::new(lofte_domain::Year::MAX).expect("MAX is a valid year")
    })
}
