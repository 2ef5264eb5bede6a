//! What the API's handlers share: the municipality and promise a path names, a body as
//! text.

use lofte_db::{Tenant, Visibility};
use lofte_domain::Year;

use crate::AppState;
use crate::error::ApiError;

pub(super) async fn tenant(
    state: &AppState,
    lang: lofte_i18n::Lang,
    code: &str,
) -> Result<Tenant, ApiError> {
    state
        .db
        .tenant_named(code)
        .await?
        .ok_or(ApiError::NotFound(lang))
}

/// The municipality and its published promise covering `year`, or 404.
pub(super) async fn public_promise(
    state: &AppState,
    lang: lofte_i18n::Lang,
    code: &str,
    year: &str,
) -> Result<(Tenant, lofte_db::StoredPromise), ApiError> {
    let tenant = tenant(state, lang, code).await?;
    let year: Year = year.parse().map_err(|_| ApiError::NotFound(lang))?;
    let stored = tenant
        .promise_for_year(year, Visibility::Public)
        .await?
        .ok_or(ApiError::NotFound(lang))?;
    Ok((tenant, stored))
}

/// A request body as text; one that is not UTF-8 is refused like any other bad input
/// (422 with the usual error body), not by the framework with a bare 400.
pub(super) fn utf8(lang: lofte_i18n::Lang, body: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(body).map_err(|_| {
        ApiError::Invalid(
            lang,
            vec![lofte_domain::FieldError::new(
                "",
                lofte_domain::Problem::NotUtf8,
            )],
        )
    })
}
