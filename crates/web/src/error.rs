//! Errors as the reader sees them: a page in their language, or a JSON body for the API.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_domain::FieldError;
use lofte_i18n::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use crate::views::Chrome;

/// Why a page cannot be shown.
#[derive(Debug)]
pub enum PageError {
    /// Nothing here; `detail` says what was looked for, in the reader's language.
    NotFound {
        lang: Lang,
        detail: Option<String>,
    },
    Internal {
        lang: Lang,
        cause: String,
    },
    /// Signed in, but not allowed here.
    Forbidden {
        lang: Lang,
    },
    /// A state-changing request sent from another site (CSRF).
    CrossSite {
        lang: Lang,
    },
    /// A request the framework could not read (a path segment that is no number, a body
    /// over the limit, a form or JSON body of the wrong shape), with its status.
    Rejected {
        lang: Lang,
        status: StatusCode,
    },
}

/// The message keys (title, body) for a request the framework refused with `status`.
fn rejection_keys(status: StatusCode) -> (&'static str, &'static str) {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large-title", "error-too-large-body"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "error-unsupported-media-type-title",
            "error-unsupported-media-type-body",
        ),
        _ => ("error-bad-request-title", "error-bad-request-body"),
    }
}

/// Middleware (outermost): the framework's own refusals, which axum words as plain
/// English text (`Cannot parse value … to a i32`, `length limit exceeded`), are answered
/// as every other error is: an error page in the reader's language, or the API's JSON body
/// in the language of `Accept-Language`. Lofte's own answers are never plain text with a
/// client-error status, so only the framework's are replaced.
pub async fn dress_rejections(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let lang = crate::lang::lang_of(req.headers(), api);
    let page = RequestPage {
        path: req.uri().path().to_owned(),
        staff_name: None,
        lang,
    };
    let response = next.run(req).await;
    let status = response.status();
    let plain_text = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !status.is_client_error() || !plain_text {
        return response;
    }
    if api {
        ApiError::Rejected(lang, status).into_response()
    } else {
        REQUEST_PAGE.sync_scope(std::cell::RefCell::new(page), || {
            PageError::Rejected { lang, status }.into_response()
        })
    }
}

/// A database failure is an internal error, worded in the request's language: handlers
/// write `?` on database calls.
impl From<lofte_db::Error> for PageError {
    fn from(e: lofte_db::Error) -> Self {
        PageError::Internal {
            lang: request_lang(),
            cause: e.to_string(),
        }
    }
}

/// The language of the request being answered, as [`UiLang`](crate::lang::UiLang) or
/// [`ApiLang`](crate::lang::ApiLang) read it (Swedish outside a request).
fn request_lang() -> Lang {
    REQUEST_PAGE
        .try_with(|p| p.borrow().lang)
        .unwrap_or_default()
}

/// The page being answered, for error pages: they are made far from the request (in
/// `into_response`), yet their language switch should come back to the same address and
/// a signed-in person should still see their name in the header.
#[derive(Debug, Clone, Default)]
pub struct RequestPage {
    pub path: String,
    pub staff_name: Option<String>,
    /// The request's language ([`crate::lang::lang_of`]), for errors made by `?`.
    pub lang: Lang,
}

tokio::task_local! {
    static REQUEST_PAGE: std::cell::RefCell<RequestPage>;
}

/// Middleware (outermost) that remembers the request's path and language for the error
/// pages.
pub async fn remember_page(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let path = req.uri().path().to_owned();
    let lang = crate::lang::lang_of(req.headers(), path.starts_with("/api/"));
    let page = RequestPage {
        path,
        staff_name: None,
        lang,
    };
    REQUEST_PAGE
        .scope(std::cell::RefCell::new(page), next.run(req))
        .await
}

/// Tells the error pages who is signed in (the policy layer knows).
pub fn remember_staff_name(name: &str) {
    let _ = REQUEST_PAGE.try_with(|p| p.borrow_mut().staff_name = Some(name.to_owned()));
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    heading: String,
    body: String,
    detail: Option<String>,
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, lang, heading, body, detail) = match self {
            PageError::NotFound { lang, detail } => (
                StatusCode::NOT_FOUND,
                lang,
                lang.t("error-not-found-title"),
                lang.t("error-not-found-body"),
                detail,
            ),
            PageError::Forbidden { lang } => (
                StatusCode::FORBIDDEN,
                lang,
                lang.t("error-forbidden-title"),
                lang.t("error-forbidden-body"),
                None,
            ),
            PageError::CrossSite { lang } => (
                StatusCode::FORBIDDEN,
                lang,
                lang.t("error-cross-site-title"),
                lang.t("error-cross-site-body"),
                None,
            ),
            PageError::Rejected { lang, status } => {
                let (title, body) = rejection_keys(status);
                (status, lang, lang.t(title), lang.t(body), None)
            }
            PageError::Internal { lang, cause } => {
                tracing::error!(%cause, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    lang,
                    lang.t("error-internal-title"),
                    lang.t("error-internal-body"),
                    None,
                )
            }
        };
        let here = REQUEST_PAGE
            .try_with(|p| p.borrow().clone())
            .unwrap_or_default();
        let path = if here.path.is_empty() {
            "/"
        } else {
            &here.path
        };
        let mut chrome = Chrome::new(lang, path, heading.clone());
        if let Some(name) = &here.staff_name {
            chrome = chrome.signed_in(name);
        }
        let page = ErrorPage {
            chrome,
            heading,
            body,
            detail,
        };
        (status, page).into_response()
    }
}

/// The body of every API error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// Stable machine-readable code, e.g. `not-found`.
    pub code: String,
    /// What went wrong, in the language of `Accept-Language` (Swedish by default).
    pub message: String,
    /// Field problems, for invalid input.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiFieldError>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiFieldError {
    /// Where in the input, e.g. `commitments[2].target.at_least`.
    pub path: String,
    pub code: String,
    pub message: String,
}

#[derive(Debug)]
pub enum ApiError {
    NotFound(Lang),
    /// No valid API token or session.
    Unauthorized(Lang),
    /// The token's role or organisation does not reach this.
    Forbidden(Lang),
    Invalid(Lang, Vec<FieldError>),
    Internal(Lang, String),
    /// The framework could not read the request (see [`PageError::Rejected`]).
    Rejected(Lang, StatusCode),
}

/// Refused input is 422 with its problems; any other database failure is internal.
impl From<lofte_db::Error> for ApiError {
    fn from(e: lofte_db::Error) -> Self {
        let lang = request_lang();
        match e {
            lofte_db::Error::Invalid(errors) => ApiError::Invalid(lang, errors),
            other => ApiError::Internal(lang, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Rejected(lang, status) => {
                let (code, key) = match status {
                    StatusCode::PAYLOAD_TOO_LARGE => ("payload-too-large", "error-too-large-body"),
                    StatusCode::UNSUPPORTED_MEDIA_TYPE => (
                        "unsupported-media-type",
                        "error-unsupported-media-type-body",
                    ),
                    _ => ("bad-request", "error-bad-request-body"),
                };
                (
                    status,
                    ApiErrorBody {
                        code: code.into(),
                        message: lang.t(key),
                        errors: vec![],
                    },
                )
            }
            ApiError::NotFound(lang) => (
                StatusCode::NOT_FOUND,
                ApiErrorBody {
                    code: "not-found".into(),
                    message: lang.t("api-not-found"),
                    errors: vec![],
                },
            ),
            ApiError::Unauthorized(lang) => (
                StatusCode::UNAUTHORIZED,
                ApiErrorBody {
                    code: "unauthorized".into(),
                    message: lang.t("api-unauthorized"),
                    errors: vec![],
                },
            ),
            ApiError::Forbidden(lang) => (
                StatusCode::FORBIDDEN,
                ApiErrorBody {
                    code: "forbidden".into(),
                    message: lang.t("api-forbidden"),
                    errors: vec![],
                },
            ),
            ApiError::Invalid(lang, errors) => {
                let conflict = errors
                    .iter()
                    .any(|e| matches!(e.problem.code(), "promise-exists" | "stale-version"));
                let errors: Vec<ApiFieldError> = errors
                    .iter()
                    .map(|e| ApiFieldError {
                        path: e.path.clone(),
                        code: e.problem.code().into(),
                        message: lang.problem(&e.problem),
                    })
                    .collect();
                let message = errors
                    .iter()
                    .map(|e| format!("{}: {}", e.path, e.message))
                    .collect::<Vec<_>>()
                    .join(" ");
                let (status, code) = if conflict {
                    (StatusCode::CONFLICT, "conflict")
                } else {
                    (StatusCode::UNPROCESSABLE_ENTITY, "invalid")
                };
                (
                    status,
                    ApiErrorBody {
                        code: code.into(),
                        message,
                        errors,
                    },
                )
            }
            ApiError::Internal(lang, cause) => {
                tracing::error!(%cause, "api failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ApiErrorBody {
                        code: "internal".into(),
                        message: lang.t("api-internal"),
                        errors: vec![],
                    },
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
