//! The situation picture as CSV: a line per category of the reports, type of the
//! police's events and category of reported crime, held back for residents as the page
//! holds it back.

use axum::extract::{Path, Query, State};
use lofte_app::situation::{Audience, Shown};
use lofte_i18n::Lang;

use super::{YearQuery, picture_asked};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;

/// One line of the picture's CSV.
struct CsvLine(Vec<lofte_report::Cell>);

impl lofte_report::ExportRow for CsvLine {
    fn cells(&self) -> Vec<lofte_report::Cell> {
        self.0.clone()
    }
}

/// The picture of the year asked for as CSV, a line per category of the reports, type of
/// the police's events and category of reported crime, each with both periods' counts
/// and, where given, the change and its verdict. What `audience` may not see is held
/// back as on the page: "<5", and no change beside it.
async fn csv(
    lang: Lang,
    tenant: &lofte_db::Tenant,
    query: &YearQuery,
    audience: Audience,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    use lofte_report::Cell::{Date, Empty, Number, Text};
    let (picture, _) = picture_asked(lang, tenant, query, audience).await?;
    let count = |s: Shown| match s {
        Shown::Count(n) => Number(n as f64),
        Shown::FewerThan(n) => Text(format!("<{n}")),
    };
    let change = |c: Option<&(
        lofte_domain::stats::CountChange,
        lofte_domain::stats::OutcomeVerdict,
    )>| match c {
        Some((c, verdict)) => vec![
            c.ratio.map_or(Empty, Number),
            Number(c.lower),
            if c.upper.is_finite() {
                Number(c.upper)
            } else {
                Empty
            },
            Text(lang.name(verdict)),
        ],
        None => vec![Empty, Empty, Empty, Empty],
    };
    let periods = |from, to, before_from, before_to| {
        vec![Date(from), Date(to), Date(before_from), Date(before_to)]
    };
    let dates = periods(
        picture.from,
        picture.to,
        picture.before_from,
        picture.before_to,
    );
    let mut lines = Vec::new();
    for l in &picture.lines {
        let mut cells = vec![
            Text(lang.t("situation-csv-reports")),
            Text(lang.name(&l.category)),
        ];
        cells.extend(dates.clone());
        cells.extend([count(l.now), count(l.before)]);
        cells.extend(change(l.change.as_ref()));
        lines.push(CsvLine(cells));
    }
    for l in &picture.police.lines {
        let mut cells = vec![Text(lang.t("situation-csv-police")), Text(l.kind.clone())];
        cells.extend(dates.clone());
        cells.extend([count(l.now), count(l.before)]);
        cells.extend(change(None));
        lines.push(CsvLine(cells));
    }
    if let Some(crime) = &picture.crime {
        // The parts of the year the statistics cover, the same in both years.
        let (first_month, last_month) = match &crime.basis {
            lofte_app::situation::Basis::Year => (1, 12),
            lofte_app::situation::Basis::Quarters(q) => (
                3 * u32::from(*q.iter().min().unwrap_or(&1)) - 2,
                3 * u32::from(*q.iter().max().unwrap_or(&4)),
            ),
            lofte_app::situation::Basis::Halves(h) => (
                6 * u32::from(*h.iter().min().unwrap_or(&1)) - 5,
                6 * u32::from(*h.iter().max().unwrap_or(&2)),
            ),
        };
        let year = |y: i32| {
            let last = chrono::NaiveDate::from_ymd_opt(
                y + i32::from(last_month == 12),
                last_month % 12 + 1,
                1,
            )
            .expect("a first of the month")
                - chrono::Duration::days(1);
            (
                chrono::NaiveDate::from_ymd_opt(y, first_month, 1).expect("a first of the month"),
                last,
            )
        };
        let ((from, to), (before_from, before_to)) = (year(crime.year), year(crime.year - 1));
        for l in &crime.lines {
            let mut cells = vec![
                Text(lang.t(if l.preliminary {
                    "situation-csv-crime-preliminary"
                } else {
                    "situation-csv-crime"
                })),
                Text(l.category.clone()),
            ];
            cells.extend(periods(from, to, before_from, before_to));
            cells.extend([count(l.now), l.before.map_or(Empty, count)]);
            cells.extend(change(l.change.as_ref()));
            lines.push(CsvLine(cells));
        }
    }
    let headers: Vec<String> = [
        "situation-csv-source",
        "situation-csv-category",
        "situation-csv-from",
        "situation-csv-to",
        "situation-csv-before-from",
        "situation-csv-before-to",
        "situation-csv-count",
        "situation-csv-count-before",
        "situation-csv-ratio",
        "situation-csv-lower",
        "situation-csv-upper",
        "situation-csv-verdict",
    ]
    .iter()
    .map(|id| lang.t(id))
    .collect();
    let body = lofte_report::to_csv(&headers, &lines).map_err(|e| PageError::Internal {
        lang,
        cause: e.to_string(),
    })?;
    let name = format!(
        "lagesbild-{}-{}{}.csv",
        tenant.municipality().code,
        chrono::Datelike::year(&picture.to),
        match audience {
            Audience::Public => "",
            Audience::Staff => "-alla",
        }
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

pub(super) async fn public_csv(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<axum::response::Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    csv(lang, &tenant, &query, Audience::Public).await
}

pub(super) async fn staff_csv(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<axum::response::Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    csv(lang, &tenant, &query, Audience::Staff).await
}
