//! Downloads of a promise's data for staff: `/personal/kommun/{code}/{year}/export/{file}`
//! with `file` one of `aktiviteter.csv`, `ataganden.csv`, `uppfoljningar.csv`, `allt.xlsx`.

use super::PromiseOfYear;
use axum::extract::{Extension, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use lofte_app::export::ExportTable;

/// The download links the staff promise page shows: (label, href).
pub fn links(lang: lofte_i18n::Lang, base: &str) -> Vec<(String, String)> {
    std::iter::once((lang.t("export-xlsx"), format!("{base}/export/allt.xlsx")))
        .chain(ExportTable::ALL.iter().map(|t| {
            (
                lang.t_args("export-csv", &[("table", t.title(lang))]),
                format!("{base}/export/{}.csv", t.slug()),
            )
        }))
        .collect()
}

pub async fn download(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(_staff): Extension<Staff>,
    Path((_, _, file)): Path<(String, String, String)>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
) -> Result<Response, PageError> {
    let not_found = || PageError::NotFound { lang, detail: None };
    let (what, extension) = file.rsplit_once('.').ok_or_else(not_found)?;
    let table = match (what, extension) {
        ("allt", "xlsx") => None,
        (slug, "csv") => Some(ExportTable::parse(slug).ok_or_else(not_found)?),
        _ => return Err(not_found()),
    };
    let data = lofte_app::export::export(&state.db, &tenant, &stored, lang).await?;
    let bytes = match table {
        Some(t) => data.csv(t, lang),
        None => data.xlsx(lang),
    }
    .map_err(|e| PageError::Internal {
        lang,
        cause: e.to_string(),
    })?;
    let content_type = match table {
        Some(_) => "text/csv; charset=utf-8",
        None => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
    let name = format!(
        "lofte-{}-{}-{file}",
        tenant.municipality().code,
        stored.promise.years.first()
    );
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
