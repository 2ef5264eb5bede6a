//! A cache of public responses, so that a promise page read by thousands of residents is
//! computed once, not once per reader.
//!
//! What is cached: answers 200 to GET requests of anyone not signed in (no session
//! cookie), that set no cookie, keyed by path and query and by what decides their
//! language (the language cookie and `Accept-Language`). What empties it: any request of
//! this instance that may write (every method but GET and HEAD), at once. Writes that do
//! not pass through this instance (another instance behind the same load balancer, or
//! the command line) show after at most the time to live (plus the time to compute the
//! page once: while one request computes an expired page anew, readers get the kept
//! copy, so that they do not all compute it at once); `serve` sets it
//! (`page_cache_seconds`), tests run without a cache unless they ask for one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::CookieJar;

use crate::AppState;

/// A response body larger than this is not kept (report PDFs have their own cache).
const MAX_ENTRY: usize = 2 * 1024 * 1024;
/// All entries together; when full, everything is dropped and the cache fills again.
const MAX_TOTAL: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub struct PageCache {
    ttl: Duration,
    state: Arc<Mutex<Entries>>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    bytes: usize,
}

struct Entry {
    stored: Instant,
    headers: HeaderMap,
    body: Bytes,
    /// Set when one request is computing the page anew after the time to live; the
    /// others meanwhile get this copy, so that readers do not all compute it at once.
    refreshing: bool,
}

impl PageCache {
    pub fn new(ttl: Duration) -> PageCache {
        PageCache {
            ttl,
            state: Arc::default(),
        }
    }

    fn clear(&self) {
        let mut entries = self.state.lock().expect("cache lock");
        entries.map.clear();
        entries.bytes = 0;
    }

    fn get(&self, key: &str) -> Option<Response> {
        let mut entries = self.state.lock().expect("cache lock");
        let entry = entries.map.get_mut(key)?;
        if entry.stored.elapsed() > self.ttl && !entry.refreshing {
            // This request computes it anew; until it is done, others get this copy.
            entry.refreshing = true;
            return None;
        }
        let mut response = Response::new(Body::from(entry.body.clone()));
        *response.headers_mut() = entry.headers.clone();
        Some(response)
    }

    fn forget(&self, key: &str) {
        let mut entries = self.state.lock().expect("cache lock");
        if let Some(old) = entries.map.remove(key) {
            entries.bytes -= old.body.len();
        }
    }

    fn put(&self, key: String, headers: HeaderMap, body: Bytes) {
        let mut entries = self.state.lock().expect("cache lock");
        if entries.bytes + body.len() > MAX_TOTAL {
            entries.map.clear();
            entries.bytes = 0;
        }
        entries.bytes += body.len();
        if let Some(old) = entries.map.insert(
            key,
            Entry {
                stored: Instant::now(),
                headers,
                body,
                refreshing: false,
            },
        ) {
            entries.bytes -= old.body.len();
        }
    }
}

/// The cache key, or `None` when the request must not be answered from the cache.
fn key(req: &Request) -> Option<String> {
    if req.method() != Method::GET {
        return None;
    }
    let headers = req.headers();
    let cookies = CookieJar::from_headers(headers);
    // Signed-in staff see their own pages (and public ones with their name on them).
    if cookies.get(crate::SESSION_COOKIE).is_some() || req.uri().path().starts_with("/personal") {
        return None;
    }
    // Only lofte's language cookie changes a public page: other cookies (a proxy's or an
    // analytics tool's, different for every visitor) must not split the cache.
    let language = cookies.get(crate::lang::COOKIE).map_or("", |c| c.value());
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    Some(format!(
        "{}\n{language}\n{accept_language}",
        req.uri()
            .path_and_query()
            .map_or_else(|| req.uri().path(), |p| p.as_str())
    ))
}

pub async fn serve_from_cache(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(cache) = state.page_cache.clone() else {
        return next.run(req).await;
    };
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD);
    let Some(key) = key(&req) else {
        let response = next.run(req).await;
        if writes {
            cache.clear();
        }
        return response;
    };
    if let Some(hit) = cache.get(&key) {
        return hit;
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    // Only bodies of a known, small size: a streamed or large one passes untouched.
    let small = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .is_some_and(|n| n as usize <= MAX_ENTRY);
    if !small {
        cache.forget(&key);
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ENTRY).await else {
        return Response::builder()
            .status(StatusCode::INTERNAL_SERVER_ERROR)
            .body(Body::empty())
            .expect("a valid response");
    };
    parts.headers.insert(
        header::HeaderName::from_static("x-lofte-cache"),
        HeaderValue::from_static("hit"),
    );
    cache.put(key, parts.headers.clone(), bytes.clone());
    parts.headers.remove("x-lofte-cache");
    Response::from_parts(parts, Body::from(bytes))
}
