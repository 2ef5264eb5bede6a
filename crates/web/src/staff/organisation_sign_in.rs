//! Staff sign in with their organisation's identity provider (`auth::oidc`):
//! `/logga-in/oidc/start` sends the browser there, `/logga-in/oidc` takes it back.
//!
//! Whom a sign-in is for: the account linked to the provider's subject, or, the first
//! time, the account an administrator created with the e-mail address the provider says
//! it verified (the subject is then linked, so a later change of address at the provider
//! changes nothing). Anyone else is told to ask an administrator; nobody gets an account
//! by signing in.

use std::net::SocketAddr;

use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_domain::Email;
use lofte_i18n::Lang;
use serde::Deserialize;

use super::account::{NextQuery, login_form, safe_next, sign_in, wait_message};
use crate::AppState;
use crate::auth::AuthSession;
use crate::auth::oidc::{OidcError, Pending, Signed};
use crate::error::PageError;
use crate::lang::UiLang;

/// Where the pending sign-in is kept in the session.
const PENDING: &str = "oidc_pending";

pub async fn start(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    auth: AuthSession,
    Query(q): Query<NextQuery>,
) -> Result<Response, PageError> {
    let Some(oidc) = state.oidc.clone() else {
        return Err(PageError::NotFound { lang, detail: None });
    };
    let next = safe_next(q.nasta);
    // Each start writes a session and may call the provider: as many as password
    // sign-ins per client.
    if let Err(seconds) = state.login_limiter.check(client.map(|Extension(c)| c.0)) {
        let page = login_form(&state, lang, "", next, Some(wait_message(lang, seconds)));
        return Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response());
    }
    match oidc.start(next.clone()).await {
        Ok((url, pending)) => {
            auth.session
                .insert(PENDING, pending)
                .await
                .map_err(|e| internal(lang, e))?;
            Ok(Redirect::to(&url).into_response())
        }
        Err(e) => Ok(refusal(&state, lang, next, &e)),
    }
}

#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    /// Set by the provider when the person cancelled or it refused.
    error: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    mut auth: AuthSession,
    Query(q): Query<Callback>,
) -> Result<Response, PageError> {
    let Some(oidc) = state.oidc.clone() else {
        return Err(PageError::NotFound { lang, detail: None });
    };
    // Used once, whatever happens next: a second return with the same or another code
    // finds nothing pending.
    let pending: Option<Pending> = auth
        .session
        .remove(PENDING)
        .await
        .map_err(|e| internal(lang, e))?;
    let next = pending
        .as_ref()
        .map_or_else(|| "/personal".to_owned(), |p| p.next.clone());
    let signed = match (&pending, q.code, q.state, q.error) {
        (Some(pending), Some(code), Some(returned), None) => {
            oidc.finish(pending, &code, &returned).await
        }
        (None, ..) => Err(OidcError::Refused(
            "no sign-in pending in this session".into(),
        )),
        (_, _, _, Some(error)) => Err(OidcError::Refused(format!("provider said {error}"))),
        _ => Err(OidcError::Refused("no code or state".into())),
    };
    let signed = match signed {
        Ok(s) => s,
        Err(e) => return Ok(refusal(&state, lang, next, &e)),
    };
    let Some(account_id) = account_for(&state, &signed).await? else {
        tracing::info!(issuer = %signed.issuer, "identity provider sign-in without an account");
        let page = login_form(&state, lang, "", next, Some(lang.t("login-oidc-unknown")));
        return Ok((StatusCode::FORBIDDEN, page).into_response());
    };
    let user = auth
        .backend
        .get_user_by_id(account_id)
        .await
        .map_err(|e| internal(lang, e))?;
    let Some(user) = user else {
        // A disabled account: as for anyone without an account.
        let page = login_form(&state, lang, "", next, Some(lang.t("login-oidc-unknown")));
        return Ok((StatusCode::FORBIDDEN, page).into_response());
    };
    sign_in(&mut auth, &user, lang).await?;
    Ok(Redirect::to(&next).into_response())
}

/// The account the provider's person signs in as, linking it at the first sign-in of an
/// account created with the address the provider verified.
async fn account_for(state: &AppState, signed: &Signed) -> lofte_db::Result<Option<i32>> {
    let db = &state.db;
    if let Some(account) = db
        .account_by_identity(&signed.issuer, &signed.subject)
        .await?
    {
        return Ok(Some(account.id));
    }
    let Some(email) = signed
        .verified_email
        .as_deref()
        .and_then(|e| Email::parse(e).ok())
    else {
        return Ok(None);
    };
    let Some(account) = db.account_by_email(&email).await? else {
        return Ok(None);
    };
    // A disabled account is not linked; one already linked to another subject of this
    // provider is not taken over by a second person with the same address.
    if account.disabled || db.has_identity(account.id, &signed.issuer).await? {
        return Ok(None);
    }
    match db
        .link_identity(account.id, &signed.issuer, &signed.subject, None)
        .await
    {
        Ok(()) => Ok(Some(account.id)),
        // Linked a moment ago by a sign-in in parallel: as for anyone without a link.
        Err(lofte_db::Error::Invalid(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The sign-in page again with what went wrong: the provider unreachable (502), or the
/// return refused (400).
fn refusal(state: &AppState, lang: Lang, next: String, error: &OidcError) -> Response {
    tracing::warn!(%error, "identity provider sign-in did not complete");
    let (status, key) = match error {
        OidcError::Unavailable(_) => (StatusCode::BAD_GATEWAY, "login-oidc-unavailable"),
        OidcError::Refused(_) => (StatusCode::BAD_REQUEST, "login-oidc-refused"),
    };
    (status, login_form(state, lang, "", next, Some(lang.t(key)))).into_response()
}

fn internal(lang: Lang, e: impl std::fmt::Display) -> PageError {
    PageError::Internal {
        lang,
        cause: e.to_string(),
    }
}
