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
//!
//! **Invariant:** after the time to live, a reader never gets a kept copy for long: the
//! request that computes the page anew holds a [`RefreshClaim`] that gives the page up
//! for the next reader however it ends (aborted by a client that closed its socket, an
//! error, a response that may not be kept), and a claim older than the time to live is
//! taken over. Responses marked `Cache-Control: no-store` (health checks) are never kept.

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
    /// Since when one request has been computing the page anew after the time to live;
    /// the others meanwhile get this copy, so that readers do not all compute it at once.
    refreshing_since: Option<Instant>,
}

/// What the cache has for a request.
enum Lookup {
    Hit(Response),
    /// Compute it; with a claim when this request refreshes an expired copy that others
    /// are being given meanwhile.
    Miss(Option<RefreshClaim>),
}

/// Held by the one request that computes an expired page anew. If it is dropped before
/// the new page is settled (the request was aborted or failed), the page is given up so
/// that the next reader computes it, rather than every reader getting the old copy for
/// ever.
struct RefreshClaim {
    cache: PageCache,
    key: String,
    settled: bool,
}

impl RefreshClaim {
    fn settle(mut self) {
        self.settled = true;
    }
}

impl Drop for RefreshClaim {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        let mut entries = self.cache.state.lock().expect("cache lock");
        if let Some(entry) = entries.map.get_mut(&self.key) {
            entry.refreshing_since = None;
        }
    }
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

    fn get(&self, key: &str) -> Lookup {
        let mut entries = self.state.lock().expect("cache lock");
        let Some(entry) = entries.map.get_mut(key) else {
            return Lookup::Miss(None);
        };
        let claim_free = entry
            .refreshing_since
            .is_none_or(|since| since.elapsed() > self.ttl);
        if entry.stored.elapsed() > self.ttl && claim_free {
            // This request computes it anew; until it is done, others get this copy.
            entry.refreshing_since = Some(Instant::now());
            return Lookup::Miss(Some(RefreshClaim {
                cache: self.clone(),
                key: key.to_owned(),
                settled: false,
            }));
        }
        let mut response = Response::new(Body::from(entry.body.clone()));
        *response.headers_mut() = entry.headers.clone();
        Lookup::Hit(response)
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
                refreshing_since: None,
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
    let session = [crate::SESSION_COOKIE, crate::SECURE_SESSION_COOKIE]
        .iter()
        .any(|name| cookies.get(name).is_some());
    if session || req.uri().path().starts_with("/personal") {
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
    match state.page_cache.clone() {
        Some(cache) => cache.respond(req, |req| next.run(req)).await,
        None => next.run(req).await,
    }
}

impl PageCache {
    /// Answers `req` from the cache, or through `next` (the rest of the application) and
    /// keeps the answer if it may.
    async fn respond<F, Fut>(&self, req: Request, next: F) -> Response
    where
        F: FnOnce(Request) -> Fut,
        Fut: Future<Output = Response>,
    {
        let writes = !matches!(*req.method(), Method::GET | Method::HEAD);
        let Some(key) = key(&req) else {
            let response = next(req).await;
            if writes {
                self.clear();
            }
            return response;
        };
        let claim = match self.get(&key) {
            Lookup::Hit(response) => return response,
            Lookup::Miss(claim) => claim,
        };
        let response = next(req).await;
        let response = self.keep(key, response).await;
        if let Some(claim) = claim {
            claim.settle();
        }
        response
    }

    /// Keeps `response` under `key` if it may be kept; otherwise forgets any older copy,
    /// which must not be served in its place.
    async fn keep(&self, key: String, response: Response) -> Response {
        let no_store = response
            .headers()
            .get_all(header::CACHE_CONTROL)
            .iter()
            .any(|v| v.to_str().is_ok_and(|v| v.contains("no-store")));
        // Only bodies of a known, small size: a streamed or large one passes untouched.
        let small = axum::body::HttpBody::size_hint(response.body())
            .exact()
            .is_some_and(|n| n as usize <= MAX_ENTRY);
        if response.status() != StatusCode::OK
            || response.headers().contains_key(header::SET_COOKIE)
            || no_store
            || !small
        {
            self.forget(&key);
            return response;
        }
        let (mut parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_ENTRY).await else {
            self.forget(&key);
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::empty())
                .expect("a valid response");
        };
        parts.headers.insert(
            header::HeaderName::from_static("x-lofte-cache"),
            HeaderValue::from_static("hit"),
        );
        self.put(key, parts.headers.clone(), bytes.clone());
        parts.headers.remove("x-lofte-cache");
        Response::from_parts(parts, Body::from(bytes))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    use axum::response::IntoResponse;

    use super::*;

    /// A page that counts how often it was computed, hangs while `hang` is set and fails
    /// while `fail` is; `/healthz` says `no-store`.
    #[derive(Clone, Default)]
    struct Page {
        computed: Arc<AtomicUsize>,
        hang: Arc<AtomicBool>,
        fail: Arc<AtomicBool>,
    }

    impl Page {
        async fn answer(self, req: Request) -> Response {
            let n = self.computed.fetch_add(1, Ordering::SeqCst) + 1;
            if req.uri().path() == "/healthz" {
                return ([(header::CACHE_CONTROL, "no-store")], format!("ok {n}")).into_response();
            }
            if self.hang.load(Ordering::SeqCst) {
                std::future::pending::<()>().await;
            }
            if self.fail.load(Ordering::SeqCst) {
                return (StatusCode::INTERNAL_SERVER_ERROR, format!("failed {n}")).into_response();
            }
            format!("version {n}").into_response()
        }
    }

    fn get(path: &str) -> Request {
        Request::get(path).body(Body::empty()).unwrap()
    }

    async fn body(cache: &PageCache, page: &Page, path: &str) -> String {
        let page = page.clone();
        let response = cache.respond(get(path), |req| page.answer(req)).await;
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn an_aborted_refresh_does_not_freeze_the_page() {
        let ttl = Duration::from_millis(50);
        let (cache, page) = (PageCache::new(ttl), Page::default());
        assert_eq!(body(&cache, &page, "/").await, "version 1");
        assert_eq!(
            body(&cache, &page, "/").await,
            "version 1",
            "kept within the time to live"
        );
        tokio::time::sleep(ttl * 2).await;
        // The reader that refreshes closes its socket: its request is dropped midway.
        page.hang.store(true, Ordering::SeqCst);
        let hanging = page.clone();
        let aborted = cache.respond(get("/"), |req| hanging.answer(req));
        assert!(
            tokio::time::timeout(Duration::from_millis(20), aborted)
                .await
                .is_err()
        );
        page.hang.store(false, Ordering::SeqCst);
        assert_eq!(
            body(&cache, &page, "/").await,
            "version 3",
            "the next reader after the time to live computes the page anew"
        );
    }

    #[tokio::test]
    async fn a_refresh_that_fails_gives_the_page_up_rather_than_serving_the_old_copy() {
        let ttl = Duration::from_millis(50);
        let (cache, page) = (PageCache::new(ttl), Page::default());
        assert_eq!(body(&cache, &page, "/").await, "version 1");
        tokio::time::sleep(ttl * 2).await;
        page.fail.store(true, Ordering::SeqCst);
        assert_eq!(body(&cache, &page, "/").await, "failed 2");
        page.fail.store(false, Ordering::SeqCst);
        assert_eq!(body(&cache, &page, "/").await, "version 3");
    }

    #[tokio::test]
    async fn health_checks_are_never_cached() {
        let (cache, page) = (PageCache::new(Duration::from_secs(60)), Page::default());
        assert_eq!(body(&cache, &page, "/healthz").await, "ok 1");
        assert_eq!(body(&cache, &page, "/healthz").await, "ok 2");
    }
}
