//! Writing a follow-up report: per tertial, and the final report after the year. Each
//! commitment shows the figures the engine computes up to the report's last day and its
//! suggested status; staff accept it or choose another with a reason, and write what was
//! done. Publishing freezes the figures.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::{ReportContent, StoredPromise, Tenant};
use lofte_domain::followup::{Entry, EntryInput, ReportPeriod};
use lofte_domain::{FieldError, Text, Year};
use lofte_i18n::Lang;

use super::forms::{Choice, SummaryItem, choices};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::{Chrome, ProgressLine, party_heading, target_line};
use lofte_app::progress::{CommitmentProgress, promise_progress};

pub struct EntryBlock {
    pub index: usize,
    /// "Åtagande 3: att genomföra 200 trafikkontroller …": the number the error summary
    /// uses, and the first words to recognise it by.
    pub legend: String,
    pub party: String,
    pub text: String,
    pub target: Option<String>,
    pub figures: Option<ProgressLine>,
    /// The commitment's incident indicator over the report's period, every count shown.
    pub indicator: Option<crate::views::IndicatorLine>,
    pub suggested: Option<String>,
    pub statuses: Vec<Choice>,
    pub reason: String,
    pub narrative: String,
    pub evidence: String,
    pub error: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_follow_up.html")]
pub struct FollowUpPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: i32,
    published: Option<String>,
    /// Once published: the report as residents see it, and its PDF.
    public_href: Option<String>,
    pdf_href: Option<String>,
    /// "Utkastet sparades kl. 14:02.", right after saving.
    saved: Option<String>,
    /// Once published: where corrections of its texts are sent, the note residents
    /// will read, and what is wrong with it.
    correction_action: Option<String>,
    pub(super) correction_note: String,
    pub(super) correction_error: Option<String>,
    cutoff: String,
    summary: Vec<SummaryItem>,
    entries: Vec<EntryBlock>,
    /// The final report's "what the parties learned" (`None` in a tertial's report).
    learned: Option<String>,
    learned_error: Option<String>,
}

pub use crate::views::report_label as period_label;

/// "Varför en annan bedömning än den uträknade: Du har valt …": the field's label, not its
/// name.
fn labelled(lang: Lang, e: &FieldError) -> String {
    let problem = lang.problem(&e.problem);
    match lang.try_label(&lofte_i18n::labels::FIELD_FOLLOW_UP, &e.path) {
        Some(label) => format!("{label}: {problem}"),
        None => problem,
    }
}

pub(super) struct Context {
    pub(super) tenant: Tenant,
    pub(super) stored: StoredPromise,
    pub(super) year: Year,
    pub(super) period: ReportPeriod,
    pub(super) figures: Vec<CommitmentProgress>,
    /// The commitments measured by the picture, by position, up to the cutoff.
    pub(super) measured: Vec<(usize, lofte_domain::followup::FrozenIndicator)>,
    pub(super) places: Vec<lofte_domain::Place>,
    pub(super) types: lofte_domain::ActivityCatalogue,
    /// Tells followers when the report is published.
    pub(super) mailer: Option<std::sync::Arc<lofte_mail::Mailer>>,
}

pub(super) async fn context(
    state: &AppState,
    lang: Lang,
    code: &str,
    year: &str,
    period: &str,
) -> Result<Context, PageError> {
    let period = ReportPeriod::parse(period).ok_or(PageError::NotFound { lang, detail: None })?;
    let (tenant, stored) = super::promise(state, lang, code, year).await?;
    // The report's year: the one in the URL (a promise may span several). The final
    // report belongs to the span's last year only, so that it cannot be written twice.
    let year: Year = year
        .parse()
        .map_err(|_| PageError::NotFound { lang, detail: None })?;
    if period == ReportPeriod::Final && year != stored.promise.years.last() {
        return Err(PageError::NotFound { lang, detail: None });
    }
    let places = state.db.places(&tenant.municipality().code).await?;
    let types = tenant.activity_types().await?;
    let cutoff = period.cutoff(year, stored.promise.years);
    let progress = promise_progress(&tenant, &stored, &places, cutoff).await?;
    let (mut figures, measured) = (progress.commitments, progress.measured);
    revise(&tenant, &stored, &places, cutoff, &mut figures).await?;
    Ok(Context {
        tenant,
        stored,
        year,
        period,
        figures,
        measured,
        places,
        types,
        mailer: state.mailer.clone(),
    })
}

/// The staff address of the report: its own year, which in a promise over several years
/// is not the promise's first.
pub(super) fn report_href(c: &Context) -> String {
    report_path(c.tenant.municipality().code.as_str(), c.year, c.period)
}

/// `/personal/kommun/{code}/{year}/uppfoljning/{period}`.
pub(crate) fn report_path(code: &str, year: Year, period: ReportPeriod) -> String {
    format!(
        "/personal/kommun/{code}/{year}/uppfoljning/{}",
        period.slug()
    )
}

/// Whether the report's figures reach the end of the promise's period (the final
/// report, and the last tertial's): then there is no pace or forecast to show.
fn period_over(c: &Context) -> bool {
    let years = c.stored.promise.years;
    c.period.cutoff(c.year, years) >= years.last_day()
}

/// Marks each figure that the previous published report of the promise (the latest
/// whose period ends before `cutoff`) would now give differently: work logged, corrected
/// or deleted after it was published. That report keeps what it said; this one says what
/// changed, and publishing freezes the note with the figures.
async fn revise(
    tenant: &Tenant,
    stored: &StoredPromise,
    places: &[lofte_domain::Place],
    cutoff: chrono::NaiveDate,
    figures: &mut [CommitmentProgress],
) -> lofte_db::Result<()> {
    let years = stored.promise.years;
    let previous = tenant
        .follow_ups(stored.id, true)
        .await?
        .into_iter()
        .filter(|r| r.period.cutoff(r.year, years) < cutoff)
        .max_by_key(|r| r.period.cutoff(r.year, years));
    let Some(previous) = previous else {
        return Ok(());
    };
    let then = previous.period.cutoff(previous.year, years);
    let now = promise_progress(tenant, stored, places, then)
        .await?
        .commitments;
    for f in figures.iter_mut() {
        let id = stored.commitment_ids[f.commitment];
        let was = previous
            .entries
            .iter()
            .find(|e| e.commitment_id == id)
            .and_then(|e| e.figures.as_ref())
            .map(|p| p.actual);
        let counted = now
            .iter()
            .find(|n| n.commitment == f.commitment)
            .map(|n| n.actual);
        if let (Some(was), Some(now)) = (was, counted)
            && was != now
        {
            f.revised = Some(lofte_app::progress::Revision {
                year: previous.year.get(),
                period: previous.period.slug().to_owned(),
                was,
                now,
            });
        }
    }
    Ok(())
}

/// The first `n` words of a text, with "…" when there are more.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{} …", words[..n].join(" "))
    }
}

fn suggested(c: &Context, index: usize) -> Option<String> {
    c.figures
        .iter()
        .find(|f| f.commitment == index && f.target.is_some())
        .map(|f| f.status.clone())
}

#[allow(clippy::too_many_arguments)]
pub(super) fn build_page(
    lang: Lang,
    staff: &Staff,
    c: &Context,
    inputs: &[EntryInput],
    learned: &str,
    version: i32,
    published: Option<String>,
    errors: &[(usize, FieldError)],
) -> FollowUpPage {
    let m = c.tenant.municipality();
    let action = report_href(c);
    let heading = format!(
        "{} – {}",
        period_label(lang, c.stored.promise.years, c.year, c.period),
        c.stored.promise.title
    );
    let entries = c
        .stored
        .promise
        .commitments
        .iter()
        .enumerate()
        .map(|(i, commitment)| {
            let input = inputs.get(i).cloned().unwrap_or_default();
            let suggestion = suggested(c, i);
            // A final report owes a verdict; where nothing computes one, the parties
            // choose it, from an empty choice rather than a default.
            let choose_verdict = c.period == ReportPeriod::Final && suggestion.is_none();
            let current = match (input.status.as_str(), &suggestion) {
                ("", Some(s)) => s.clone(),
                ("" | "not-assessed", None) if choose_verdict => String::new(),
                ("", None) => "not-assessed".into(),
                (s, _) => s.to_owned(),
            };
            let mut keyed: Vec<(&str, &str)> = c
                .period
                .allowed_statuses()
                .iter()
                .filter_map(|s| Some((*s, lofte_i18n::labels::PROGRESS_STATUS.id(s)?)))
                .collect();
            if choose_verdict {
                keyed.insert(0, ("", "follow-up-choose-verdict"));
            }
            EntryBlock {
                index: i,
                legend: format!(
                    "{} {}: {}",
                    lang.t("follow-up-commitment"),
                    i + 1,
                    first_words(commitment.text.as_str(), 8)
                ),
                party: party_heading(lang, m, &commitment.party),
                text: commitment.text.to_string(),
                target: commitment
                    .target
                    .as_ref()
                    .map(|t| target_line(lang, t, &c.places, &c.types)),
                figures: c
                    .figures
                    .iter()
                    .find(|f| f.commitment == i)
                    .map(|f| ProgressLine::new(lang, &c.types, f, period_over(c))),
                indicator: c.measured.iter().find(|(m, _)| *m == i).map(|(_, frozen)| {
                    crate::views::IndicatorLine::new(
                        lang,
                        commitment.indicator.as_ref(),
                        &lofte_app::situation::ShownIndicator::new(
                            frozen,
                            lofte_app::situation::Audience::Staff,
                        ),
                        &c.places,
                    )
                }),
                suggested: suggestion.map(|s| {
                    lang.t_args(
                        "follow-up-suggested",
                        &[(
                            "status",
                            lang.label(&lofte_i18n::labels::PROGRESS_STATUS, &s),
                        )],
                    )
                }),
                statuses: choices(lang, &current, &keyed),
                reason: input.reason,
                narrative: input.narrative,
                evidence: input.evidence.join("\n"),
                error: errors
                    .iter()
                    .filter(|(index, _)| *index == i)
                    .map(|(_, e)| labelled(lang, e))
                    .collect(),
            }
        })
        .collect();
    // Errors on the report as a whole (what was learned) come with the index one past
    // the last commitment.
    let whole = c.stored.commitment_ids.len();
    let summary = errors
        .iter()
        .map(|(i, e)| match *i == whole {
            true => SummaryItem {
                field: "learned".to_owned(),
                message: labelled(lang, e),
            },
            false => SummaryItem {
                field: format!("atagande-{i}"),
                message: format!(
                    "{} {}: {}",
                    lang.t("follow-up-commitment"),
                    i + 1,
                    labelled(lang, e)
                ),
            },
        })
        .collect::<Vec<_>>();
    let mut chrome = Chrome::new(lang, &action, heading.clone());
    if let Some(u) = &staff.user {
        chrome = chrome.signed_in(&u.name);
    }
    chrome.mark_errors(!summary.is_empty());
    FollowUpPage {
        chrome,
        heading,
        back: super::promise_href(&c.tenant, &c.stored),
        action,
        version,
        public_href: published.is_some().then(|| {
            format!(
                "/kommun/{}/{}/uppfoljning/{}",
                m.code,
                c.year,
                c.period.slug()
            )
        }),
        pdf_href: published.is_some().then(|| {
            format!(
                "/kommun/{}/{}/uppfoljning/{}/{}.pdf",
                m.code,
                c.year,
                c.period.slug(),
                lang.tag()
            )
        }),
        correction_action: published
            .is_some()
            .then(|| format!("{}/rattelse", report_href(c))),
        correction_note: String::new(),
        correction_error: None,
        published,
        saved: None,
        cutoff: lang.t_args(
            "follow-up-cutoff",
            &[(
                "date",
                c.period.cutoff(c.year, c.stored.promise.years).to_string(),
            )],
        ),
        summary,
        entries,
        learned: (c.period == ReportPeriod::Final).then(|| learned.to_owned()),
        learned_error: errors
            .iter()
            .find(|(i, _)| *i == whole)
            .map(|(_, e)| lang.problem(&e.problem)),
    }
}

#[derive(serde::Deserialize, Default)]
pub struct SavedQuery {
    /// Set by the redirect after saving (`utkast`) or publishing (`publicerad`).
    #[serde(default)]
    sparat: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Result<FollowUpPage, PageError> {
    let c = context(&state, lang, &code, &year, &period).await?;
    let report = c.tenant.follow_up(c.stored.id, c.year, c.period).await?;
    let learned = report
        .as_ref()
        .and_then(|r| r.learned.clone())
        .unwrap_or_default();
    let (inputs, version, published) = match &report {
        Some(r) => (
            inputs_of(&c, r),
            r.version,
            r.published_at.map(|at| published_note(lang, at)),
        ),
        None => (Vec::new(), 0, None),
    };
    let mut page = build_page(lang, &staff, &c, &inputs, &learned, version, published, &[]);
    page.saved = match (query.sparat.as_deref(), &report) {
        (Some("utkast"), Some(r)) if r.published_at.is_none() => Some(
            lang.t_args(
                "follow-up-saved-draft",
                &[(
                    "time",
                    chrono::Utc::now()
                        .with_timezone(&chrono_tz::Europe::Stockholm)
                        .format("%H:%M")
                        .to_string(),
                )],
            ),
        ),
        (Some("publicerad"), Some(r)) if r.published_at.is_some() => {
            Some(lang.t("follow-up-saved-published"))
        }
        (Some("rattad"), Some(r)) if r.published_at.is_some() => {
            Some(lang.t("follow-up-saved-corrected"))
        }
        _ => None,
    };
    Ok(page)
}

pub async fn save(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let c = context(&state, lang, &code, &year, &period).await?;
    let field = |name: &str, i: usize| {
        form.get(&format!("{name}_{i}"))
            .cloned()
            .unwrap_or_default()
    };
    let inputs: Vec<EntryInput> = (0..c.stored.commitment_ids.len())
        .map(|i| EntryInput {
            status: field("status", i),
            reason: field("reason", i),
            narrative: field("narrative", i),
            evidence: field("evidence", i).lines().map(str::to_owned).collect(),
        })
        .collect();
    let version = form
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let step = match form.get("action").map(String::as_str) {
        Some("publish") => Step::Publish,
        Some("preview") => Step::Preview,
        _ => Step::Draft,
    };
    let learned = form.get("learned").cloned().unwrap_or_default();
    store(lang, &staff, &c, &inputs, &learned, version, step).await
}

/// What the form says, checked entry by entry (`check` of entry `i`) and what was
/// learned; problems are named by entry, what was learned one past the last.
pub(super) fn check_content(
    c: &Context,
    inputs: &[EntryInput],
    learned: &str,
    check: impl Fn(usize) -> Result<Entry, Vec<(&'static str, lofte_domain::Problem)>>,
) -> (ReportContent, Vec<(usize, FieldError)>) {
    let mut errors = Vec::new();
    let mut entries: Vec<(i32, Entry)> = Vec::new();
    for i in 0..inputs.len() {
        match check(i) {
            Ok(entry) => entries.push((c.stored.commitment_ids[i], entry)),
            Err(problems) => errors.extend(
                problems
                    .into_iter()
                    .map(|(field, problem)| (i, FieldError::new(field, problem))),
            ),
        }
    }
    let learned = match learned.trim() {
        "" => None,
        text => match Text::parse(text, ReportContent::MAX_LEARNED) {
            Ok(t) => Some(t),
            Err(p) => {
                errors.push((inputs.len(), FieldError::new("learned", p)));
                None
            }
        },
    };
    (ReportContent { entries, learned }, errors)
}

/// "Publicerad 2021-09-10. Siffrorna är låsta som de var då."
pub(super) fn published_note(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    lang.t_args(
        "follow-up-published-on",
        &[("date", crate::views::stockholm_date(at))],
    )
}

/// What saving the form is for: a draft; a draft checked as for publishing, then shown
/// as residents would see it; or publishing.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Step {
    Draft,
    Preview,
    Publish,
}

pub(super) async fn store(
    lang: Lang,
    staff: &Staff,
    c: &Context,
    inputs: &[EntryInput],
    learned: &str,
    version: i32,
    step: Step,
) -> Result<Response, PageError> {
    let publish = step == Step::Publish;
    let (content, errors) = check_content(c, inputs, learned, |i| {
        inputs[i].check(c.period, suggested(c, i).as_deref(), step != Step::Draft)
    });
    if !errors.is_empty() {
        let page = build_page(lang, staff, c, inputs, learned, version, None, &errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut frozen = lofte_app::progress::frozen(&c.stored.commitment_ids, &c.figures, &c.measured);
    if let Some(mailer) = c.mailer.as_ref().filter(|_| publish) {
        let m = c.tenant.municipality();
        frozen.announcements = crate::notices::follow_up_published(
            &m.code,
            m.name.as_ref(),
            &c.stored,
            (c.year, c.period),
            &content,
            &|lang, i| {
                c.figures
                    .iter()
                    .find(|f| f.commitment == i)
                    .map(|f| ProgressLine::new(lang, &c.types, f, period_over(c)).headline)
            },
            mailer.public_url(),
        );
    }
    let result = c
        .tenant
        .save_follow_up(
            staff.actor,
            c.stored.id,
            c.year,
            c.period,
            version,
            &content,
            publish.then_some(&frozen),
        )
        .await;
    let back = report_href(c);
    if let (Ok(Ok(_)), Some(mailer)) = (&result, &c.mailer) {
        mailer.wake();
    }
    match result {
        Ok(Ok(_)) => Ok(Redirect::to(&match step {
            Step::Draft => format!("{back}?sparat=utkast"),
            Step::Preview => format!("{back}/forhandsvisning"),
            Step::Publish => format!("{back}?sparat=publicerad"),
        })
        .into_response()),
        Ok(Err(_)) => {
            let page = build_page(
                lang,
                staff,
                c,
                inputs,
                learned,
                version,
                None,
                &[(0, FieldError::new("", lofte_domain::Problem::StaleVersion))],
            );
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(lofte_db::Error::Invalid(errors)) => {
            let errors: Vec<(usize, FieldError)> = errors.into_iter().map(|e| (0, e)).collect();
            let page = build_page(lang, staff, c, inputs, learned, version, None, &errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::from(e)),
    }
}

/// The stored draft's entries as the form would send them.
pub(super) fn inputs_of(c: &Context, report: &lofte_db::FollowUpReport) -> Vec<EntryInput> {
    c.stored
        .commitment_ids
        .iter()
        .map(|id| {
            report
                .entries
                .iter()
                .find(|e| e.commitment_id == *id)
                .map(|e| EntryInput {
                    status: e.status.clone(),
                    reason: e.reason.clone().unwrap_or_default(),
                    narrative: e.narrative.clone().unwrap_or_default(),
                    evidence: e.evidence.clone(),
                })
                .unwrap_or_default()
        })
        .collect()
}
