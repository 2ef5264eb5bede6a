//! The staff page of one promise: its commitments with their figures, reports, the
//! workflow's next steps, downloads and the history of every change.

use super::PromiseOfYear;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, State};
use lofte_db::Visibility;
use lofte_domain::{Permission, PromiseStatus};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::{Chrome, ProgressLine, party_heading, target_line};

pub struct CommitmentRow {
    pub id: i32,
    /// Names the commitment, so that screen readers tell the many edit links apart.
    pub edit_label: String,
    pub remove_label: String,
    pub up_label: String,
    pub down_label: String,
    pub text: String,
    pub target: Option<String>,
    /// Hints for following it up (message, suggestion); never refusals.
    pub hints: Vec<(String, String)>,
    /// Today's figures, where there is a number: the same line as the public page.
    pub progress: Option<ProgressLine>,
    /// What the situation picture measures, every count shown.
    pub indicator: Option<crate::views::IndicatorLine>,
    pub targeting: Option<lofte_app::words::TargetingLines>,
    pub edit_href: String,
    /// Whether it can move up or down among its party's commitments.
    pub up: bool,
    pub down: bool,
}

pub struct PartyBlock {
    pub heading: String,
    pub rows: Vec<CommitmentRow>,
}

pub struct Transition {
    pub to: &'static str,
    pub label: String,
    /// The step a coordinator is most likely to take next; closing the year is never it
    /// (it cannot be undone, and the final report closes the promise anyway).
    pub primary: bool,
}

pub struct ReportLink {
    pub label: String,
    pub href: String,
    pub state: String,
}

pub struct HistoryRow {
    pub at: String,
    pub by: String,
    pub what: String,
    pub detail: String,
    /// Whether the detail is the promise's own text (Swedish) rather than words of the
    /// interface (a status, a report's name).
    pub detail_is_content: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_promise.html")]
pub struct PromiseStaffPage {
    chrome: Chrome,
    municipality: String,
    title: String,
    status: String,
    version: i32,
    base: String,
    public_href: Option<String>,
    can_edit: bool,
    is_draft: bool,
    /// Closed: read-only, though next year's copy can still be started from it.
    is_closed: bool,
    /// Next year's promise does not exist yet, so it can be started as a copy.
    next_year: Option<String>,
    parties: Vec<PartyBlock>,
    transitions: Vec<Transition>,
    history: Vec<HistoryRow>,
    reports: Vec<ReportLink>,
    /// The promise's data as spreadsheets: (label, href).
    downloads: Vec<(String, String)>,
    /// Hints on the outcome goal.
    outcome_hints: Vec<(String, String)>,
    /// How much of the promise has an English version, in words.
    english: String,
    /// Said after a correction was published.
    saved: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    sparat: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    PromiseOfYear { tenant, stored }: PromiseOfYear,
    axum::extract::Query(query): axum::extract::Query<ShowQuery>,
) -> Result<PromiseStaffPage, PageError> {
    let m = tenant.municipality();
    let places = state.db.places(&m.code).await?;
    let types = tenant.activity_types().await?;
    let p = &stored.promise;
    let base = format!("/personal/kommun/{}/{}", m.code, p.years.first());
    let downloads = super::export::links(lang, &base);
    let figures = lofte_app::progress::promise_progress(
        &tenant,
        &stored,
        &places,
        lofte_app::progress::today(),
    )
    .await?;
    let period_over = figures.as_of >= p.years.last_day();
    let hints = lofte_domain::lint::lint_promise(
        p,
        &lofte_app::hints::context(&tenant, &places, lofte_app::progress::today()).await?,
    );
    let outcome_hints: Vec<(String, String)> = hints
        .iter()
        .filter(|h| h.path == "outcome_goal")
        .map(|h| lofte_app::hints::words(lang, h.code, h.value.as_deref()))
        .collect();
    let parties = p
        .parties()
        .into_iter()
        .map(|party| {
            let of_party: Vec<_> = p
                .commitments
                .iter()
                .zip(&stored.commitment_ids)
                .enumerate()
                .filter(|(_, (c, _))| c.party == party)
                .map(|(index, (c, id))| (index, c, id))
                .collect();
            let last = of_party.len().saturating_sub(1);
            PartyBlock {
                heading: party_heading(lang, m, &party),
                rows: of_party
                    .into_iter()
                    .enumerate()
                    .map(|(i, (index, c, id))| {
                        let named = |key: &str| {
                            lang.t_args(
                                key,
                                &[("text", c.text.as_str().chars().take(60).collect())],
                            )
                        };
                        CommitmentRow {
                            id: *id,
                            edit_label: named("staff-edit-commitment-named"),
                            remove_label: named("staff-remove-commitment-named"),
                            up_label: named("staff-move-up-named"),
                            down_label: named("staff-move-down-named"),
                            up: i > 0,
                            down: i < last,
                            text: c.text.to_string(),
                            target: c
                                .target
                                .as_ref()
                                .map(|t| target_line(lang, t, &places, &types)),
                            hints: lofte_app::hints::of_commitment(lang, &hints, index),
                            progress: figures
                                .commitments
                                .iter()
                                .find(|f| f.commitment == index)
                                .map(|f| ProgressLine::new(lang, &types, f, period_over)),
                            indicator: figures.measured.iter().find(|(m, _)| *m == index).map(
                                |(_, frozen)| {
                                    crate::views::IndicatorLine::new(
                                        lang,
                                        c.indicator.as_ref(),
                                        &lofte_app::situation::ShownIndicator::new(
                                            frozen,
                                            lofte_app::situation::Audience::Staff,
                                        ),
                                        &places,
                                    )
                                },
                            ),
                            targeting: crate::views::targeting_lines(
                                lang,
                                p,
                                index,
                                &figures,
                                (&types, &places),
                                lofte_app::situation::Audience::Staff,
                            ),
                            edit_href: format!("{base}/atagande/{id}"),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let transitions = if staff.principal.may(Permission::PublishPromise, &m.code) {
        PromiseStatus::ALL
            .into_iter()
            .filter(|s| p.status.may_become(*s))
            .map(|s| Transition {
                to: s.as_str(),
                label: lang.label(&lofte_i18n::labels::TRANSITION, s.as_str()),
                primary: s != PromiseStatus::Closed,
            })
            .collect()
    } else {
        Vec::new()
    };
    let next_year = match p.years.last().next() {
        Some(next)
            if tenant
                .promise_for_year(next, Visibility::All)
                .await?
                .is_none() =>
        {
            Some(lang.t_args("staff-copy-next-year", &[("year", next.to_string())]))
        }
        _ => None,
    };
    let started = tenant.follow_ups(stored.id, false).await?;
    let mut reports = Vec::new();
    for year in p.years.years() {
        for period in lofte_domain::followup::ReportPeriod::ALL {
            if period == lofte_domain::followup::ReportPeriod::Final && year != p.years.last() {
                continue;
            }
            let report = started
                .iter()
                .find(|r| r.year == year && r.period == period);
            reports.push(ReportLink {
                label: super::follow_up::period_label(lang, p.years, year, period),
                href: super::follow_up::report_path(m.code.as_str(), year, period),
                state: match report {
                    Some(r) if r.published_at.is_some() => lang.t("report-published"),
                    Some(_) => lang.t("report-draft"),
                    None => lang.t("report-not-started"),
                },
            });
        }
    }
    let history = tenant
        .history(stored.id)
        .await?
        .into_iter()
        .map(|e| HistoryRow {
            at: e
                .at
                .with_timezone(&chrono_tz::Europe::Stockholm)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            by: e.by.unwrap_or_else(|| lang.t("history-system")),
            what: history_label(lang, &e.entity, &e.action),
            detail_is_content: !matches!(
                (e.entity.as_str(), e.action.as_str()),
                ("promise", "status") | ("follow_up", _)
            ),
            detail: describe_change(
                lang,
                p.years,
                (&e.entity, &e.action),
                e.before.as_deref(),
                e.after.as_deref(),
            ),
        })
        .collect();
    Ok(PromiseStaffPage {
        chrome: chrome(lang, &staff, &base, format!("{} – {}", p.title, m.name)),
        municipality: m.official_name.to_string(),
        title: p.title.to_string(),
        status: lang.name(&p.status),
        version: stored.version,
        public_href: p
            .status
            .is_public()
            .then(|| format!("/kommun/{}/{}", m.code, p.years.first())),
        can_edit: staff.principal.may(Permission::EditPromise, &m.code),
        is_draft: p.status == PromiseStatus::Draft,
        is_closed: p.status == PromiseStatus::Closed,
        next_year,
        base,
        parties,
        transitions,
        history,
        reports,
        downloads,
        outcome_hints,
        english: lang.t(match p.english_coverage() {
            lofte_domain::EnglishCoverage::Full => "staff-english-full",
            lofte_domain::EnglishCoverage::Partial => "staff-english-partial",
            lofte_domain::EnglishCoverage::None => "staff-english-none",
        }),
        saved: (query.sparat.as_deref() == Some("rattad") && p.status == PromiseStatus::Closed)
            .then(|| lang.t("follow-up-saved-corrected")),
    })
}

/// A short "before → after" for the history table: the commitment text or the status.
/// What a row of a promise's history says happened. Every (entity, action) the history
/// holds is named here by its message id, literally, so that a test can hold each one
/// to a message in both languages; anything else is "Annan ändring".
pub(crate) fn history_label(lang: Lang, entity: &str, action: &str) -> String {
    lang.t(history_message(entity, action))
}

pub(crate) fn history_message(entity: &str, action: &str) -> &'static str {
    match (entity, action) {
        ("promise", "create") => "history-promise-create",
        ("promise", "update") => "history-promise-update",
        ("promise", "status") => "history-promise-status",
        ("promise", "replace") => "history-promise-replace",
        ("promise", "delete") => "history-promise-delete",
        ("promise", "correct") => "history-promise-correct",
        ("commitment", "create") => "history-commitment-create",
        ("commitment", "update") => "history-commitment-update",
        ("commitment", "remove") => "history-commitment-remove",
        ("commitment", "move") => "history-commitment-move",
        ("follow_up", "update") => "history-follow-up-update",
        ("follow_up", "publish") => "history-follow-up-publish",
        ("follow_up", "correct") => "history-follow-up-correct",
        _ => "history-other",
    }
}

/// The change a history row records, in words: a status by its name, a follow-up by
/// its report's name, a text before and after.
fn describe_change(
    lang: Lang,
    years: lofte_domain::YearSpan,
    (entity, action): (&str, &str),
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let in_words = |raw: String| -> String {
        match (entity, action) {
            ("promise", "status") => PromiseStatus::parse(&raw)
                .map(|s| lang.name(&s))
                .unwrap_or(raw),
            ("follow_up", _) => raw
                .split_once(' ')
                .and_then(|(year, period)| {
                    Some(super::follow_up::period_label(
                        lang,
                        years,
                        lofte_domain::Year::new(year.parse().ok()?).ok()?,
                        lofte_domain::followup::ReportPeriod::parse(period)?,
                    ))
                })
                .unwrap_or(raw),
            _ => raw,
        }
    };
    let text_of = |json: Option<&str>| -> Option<String> {
        let value: serde_json::Value = serde_json::from_str(json?).ok()?;
        match &value {
            serde_json::Value::String(s) => Some(in_words(s.clone())),
            serde_json::Value::Object(o) => o
                .get("text")
                .or_else(|| o.get("title"))
                .or_else(|| o.get("note"))
                .and_then(|t| t.as_str())
                .map(str::to_owned),
            _ => None,
        }
    };
    match (text_of(before), text_of(after)) {
        (Some(b), Some(a)) if a != b => format!("{b} → {a}"),
        (_, Some(a)) => a,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::history_message;
    use lofte_i18n::Lang;

    /// Every (entity, action) the database writes with a promise's id, as in
    /// `crates/db` (`AuditRecord` with `promise_id: Some(…)`), has words in both
    /// languages and is not "Annan ändring".
    #[test]
    fn every_kind_of_history_row_has_words_in_both_languages() {
        let written = [
            ("promise", "create"),
            ("promise", "update"),
            ("promise", "status"),
            ("promise", "replace"),
            ("promise", "delete"),
            ("commitment", "create"),
            ("commitment", "update"),
            ("commitment", "remove"),
            ("commitment", "move"),
            ("follow_up", "update"),
            ("follow_up", "publish"),
            ("follow_up", "correct"),
            ("promise", "correct"),
        ];
        for (entity, action) in written {
            let id = history_message(entity, action);
            assert_ne!(id, "history-other", "{entity} {action}");
            for lang in [Lang::Sv, Lang::En] {
                assert!(lang.try_t(id).is_some(), "{id} in {lang:?}");
            }
        }
        assert!(Lang::En.try_t("history-other").is_some());
    }
}
