//! The staff view of a promise: dashboard, details with history, edit forms, workflow.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use lofte_db::{StoredPromise, Visibility};
use lofte_domain::exchange::{
    ActivitiesDocument, BetterDocument, CommitmentDocument, HoursDocument,
    InternalFollowUpDocument, KindDocument, MethodDocument, OutcomeIndicatorDocument,
    PartyDocument, PromiseDocument, ScopeDocument, SignatoryDocument, TargetDocument, WhenDocument,
};
use lofte_domain::{
    Commitment, FieldError, MunicipalityCode, Permission, Problem, Promise, PromiseStatus,
};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::chrome;
use super::forms::{
    Choice, Field, SummaryItem, choices, form_and_document_errors, optional_number, place_errors,
};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::{Chrome, ProgressLine, party_heading, target_line};

pub struct DashboardPromise {
    pub label: String,
    pub href: String,
    pub status: String,
}

pub struct DashboardMunicipality {
    pub name: String,
    /// Where to log an activity, if the person may.
    pub log_href: Option<String>,
    /// Where to write a new promise, if the person may.
    pub new_href: Option<String>,
    pub types_href: Option<String>,
    /// The municipality's places.
    pub places_href: Option<String>,
    /// The survey page, for analysts.
    pub survey_href: Option<String>,
    /// Residents' inputs waiting for moderation, for coordinators.
    pub inputs_href: Option<String>,
    /// Safety walks and their findings.
    pub walks_href: Option<String>,
    /// Citizen dialogues.
    pub dialogues_href: Option<String>,
    pub role: String,
    pub promises: Vec<DashboardPromise>,
    /// What is due and late here, late first.
    pub due: Vec<super::due::DueItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_dashboard.html")]
pub struct DashboardPage {
    chrome: Chrome,
    greeting: String,
    municipalities: Vec<DashboardMunicipality>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
) -> Result<DashboardPage, PageError> {
    let codes: Vec<MunicipalityCode> = match staff.principal.municipalities() {
        Some(codes) => codes,
        None => state
            .db
            .municipalities_with_promises(Visibility::All)
            .await
            .map_err(PageError::internal(lang))?
            .into_iter()
            .map(|s| s.municipality.code)
            .collect(),
    };
    let mut municipalities = Vec::new();
    for code in codes {
        let Some(tenant) = state
            .db
            .tenant(&code)
            .await
            .map_err(PageError::internal(lang))?
        else {
            continue;
        };
        let promises = tenant
            .promises(Visibility::All)
            .await
            .map_err(PageError::internal(lang))?
            .into_iter()
            .map(|p| DashboardPromise {
                label: p.title,
                href: format!("/personal/kommun/{code}/{}", p.years.first()),
                status: lang.t(&format!("status-{}", p.status.as_str())),
            })
            .collect();
        municipalities.push(DashboardMunicipality {
            new_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/nytt")),
            types_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/aktivitetstyper")),
            places_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/platser")),
            log_href: staff
                .principal
                .may(Permission::LogActivity, &code)
                .then(|| format!("/personal/kommun/{code}/logga")),
            survey_href: staff
                .principal
                .may(Permission::ManageSurveys, &code)
                .then(|| format!("/personal/kommun/{code}/trygghetsmatning")),
            inputs_href: staff
                .principal
                .may(Permission::EditPromise, &code)
                .then(|| format!("/personal/kommun/{code}/synpunkter")),
            walks_href: staff
                .principal
                .may(Permission::LogActivity, &code)
                .then(|| format!("/personal/kommun/{code}/trygghetsvandringar")),
            dialogues_href: staff
                .principal
                .may(Permission::LogActivity, &code)
                .then(|| format!("/personal/kommun/{code}/dialoger")),
            due: super::due::due_items(lang, &staff, &tenant, crate::progress::today())
                .await
                .map_err(PageError::internal(lang))?,
            name: tenant.municipality().official_name.to_string(),
            role: staff
                .principal
                .role_in(&code)
                .map(|r| lang.t(&format!("role-{}", r.as_str())))
                .unwrap_or_default(),
            promises,
        });
    }
    let name = staff
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    Ok(DashboardPage {
        chrome: chrome(lang, &staff, "/personal", lang.t("dashboard-title")),
        greeting: lang.t_args("dashboard-greeting", &[("name", name)]),
        municipalities,
    })
}

pub struct CommitmentRow {
    pub id: i32,
    /// Names the commitment, so that screen readers tell the many edit links apart.
    pub edit_label: String,
    pub remove_label: String,
    pub up_label: String,
    pub down_label: String,
    pub text: String,
    pub target: Option<String>,
    pub measurable: bool,
    /// Today's figures, where there is a number: the same line as the public page.
    pub progress: Option<ProgressLine>,
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
    not_measurable: String,
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
    Path((code, year)): Path<(String, String)>,
    axum::extract::Query(query): axum::extract::Query<ShowQuery>,
) -> Result<PromiseStaffPage, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let m = tenant.municipality();
    let places = state
        .db
        .places(&m.code)
        .await
        .map_err(PageError::internal(lang))?;
    let types = tenant
        .activity_types()
        .await
        .map_err(PageError::internal(lang))?;
    let p = &stored.promise;
    let base = format!("/personal/kommun/{}/{}", m.code, p.years.first());
    let downloads = super::export::links(lang, &base);
    let figures =
        crate::progress::promise_progress(&tenant, &stored, &places, crate::progress::today())
            .await
            .map_err(PageError::internal(lang))?;
    let period_over = figures.as_of >= p.years.last_day();
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
                            measurable: c.is_measurable(),
                            progress: figures
                                .commitments
                                .iter()
                                .find(|f| f.commitment == index)
                                .map(|f| ProgressLine::new(lang, &types, f, period_over)),
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
                label: lang.t(&format!("transition-{}", s.as_str())),
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
                .await
                .map_err(PageError::internal(lang))?
                .is_none() =>
        {
            Some(lang.t_args("staff-copy-next-year", &[("year", next.to_string())]))
        }
        _ => None,
    };
    let started = tenant
        .follow_ups(stored.id, false)
        .await
        .map_err(PageError::internal(lang))?;
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
        .await
        .map_err(PageError::internal(lang))?
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
        status: lang.t(&format!("status-{}", p.status.as_str())),
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
        not_measurable: lang.t("not-measurable"),
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
                .map(|s| lang.t(&format!("status-{}", s.as_str())))
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

// ---- Editing the promise's own fields ----

#[derive(Deserialize, Default)]
pub struct PromiseForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    aim: String,
    #[serde(default)]
    focus_areas: String,
    #[serde(default)]
    focus_text: String,
    #[serde(default)]
    outcome_text: String,
    #[serde(default)]
    outcome_measured_in: String,
    #[serde(default)]
    outcome_baseline: String,
    /// `indicator-<code>` → `""` (not used), `"lower"` or `"higher"`: one choice per
    /// indicator of the municipality's survey codebook.
    #[serde(flatten)]
    indicator_choices: std::collections::HashMap<String, String>,
    #[serde(default)]
    follow_up_internal: String,
    #[serde(default)]
    final_report_year: String,
    #[serde(default)]
    final_report_quarter: String,
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    signatories: String,
    #[serde(default)]
    english_title: String,
    #[serde(default)]
    english_aim: String,
    #[serde(default)]
    english_focus_areas: String,
    #[serde(default)]
    english_focus_text: String,
    #[serde(default)]
    english_outcome_text: String,
}

/// An optional text of a form: `None` when left empty.
fn optional_text(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|t| !t.is_empty())
}

impl PromiseForm {
    fn from_promise(p: &Promise, version: i32) -> Self {
        let d = PromiseDocument::from(p);
        let english = d.english.clone().unwrap_or_default();
        PromiseForm {
            version: version.to_string(),
            title: d.title,
            aim: d.aim,
            focus_areas: d.focus_areas.join("\n"),
            focus_text: d.focus_text.unwrap_or_default(),
            outcome_text: d.outcome_goal.text,
            outcome_measured_in: d.outcome_goal.measured_in.to_string(),
            outcome_baseline: d
                .outcome_goal
                .baseline_year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            indicator_choices: d
                .outcome_goal
                .indicators
                .iter()
                .map(|i| {
                    (
                        format!("indicator-{}", i.indicator),
                        match i.better {
                            BetterDocument::Lower => "lower".to_owned(),
                            BetterDocument::Higher => "higher".to_owned(),
                        },
                    )
                })
                .collect(),
            follow_up_internal: match d.follow_up.internal {
                InternalFollowUpDocument::Tertial => "tertial".into(),
                InternalFollowUpDocument::Yearly => "yearly".into(),
            },
            final_report_year: d.follow_up.final_report.year.to_string(),
            final_report_quarter: d.follow_up.final_report.quarter.to_string(),
            signed_on: d.signed_on.map(|d| d.to_string()).unwrap_or_default(),
            signatories: d
                .signatories
                .iter()
                .map(|s| format!("{}, {}", s.name, s.role))
                .collect::<Vec<_>>()
                .join("\n"),
            english_title: english.title.unwrap_or_default(),
            english_aim: english.aim.unwrap_or_default(),
            english_focus_areas: english.focus_areas.join("\n"),
            english_focus_text: english.focus_text.unwrap_or_default(),
            english_outcome_text: english.outcome_goal.unwrap_or_default(),
        }
    }

    /// The promise's texts as this form has them (Swedish and English), on `stored`.
    fn texts_of(&self, doc: &mut PromiseDocument) {
        doc.title = self.title.clone();
        doc.aim = self.aim.clone();
        doc.focus_areas = self
            .focus_areas
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        doc.focus_text = optional_text(&self.focus_text);
        doc.outcome_goal.text = self.outcome_text.clone();
        let english = lofte_domain::exchange::EnglishDocument {
            title: optional_text(&self.english_title),
            aim: optional_text(&self.english_aim),
            focus_areas: self
                .english_focus_areas
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            focus_text: optional_text(&self.english_focus_text),
            outcome_goal: optional_text(&self.english_outcome_text),
        };
        doc.english = (english != Default::default()).then_some(english);
    }

    /// The promise with this form's fields, or every problem with its field path.
    fn apply(&self, stored: &Promise) -> Result<Promise, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |path: &str, raw: &str| -> i32 {
            match optional_number::<i32>(raw) {
                Ok(Some(n)) => n,
                Ok(None) => {
                    errors.push(FieldError::new(path, Problem::Required));
                    0
                }
                Err(p) => {
                    errors.push(FieldError::new(path, p));
                    0
                }
            }
        };
        let measured = number("outcome_goal.measured_in", &self.outcome_measured_in);
        let report_year = number("follow_up.final_report.year", &self.final_report_year);
        let quarter = number("follow_up.final_report.quarter", &self.final_report_quarter);
        let signed_on = match self.signed_on.trim() {
            "" => None,
            raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.push(FieldError::new("signed_on", Problem::Date));
                    None
                }
            },
        };
        let mut signatories = Vec::new();
        for line in self.signatories.lines().filter(|l| !l.trim().is_empty()) {
            match line.split_once(',') {
                Some((name, role)) => signatories.push(SignatoryDocument {
                    name: name.trim().to_owned(),
                    role: role.trim().to_owned(),
                }),
                // Without the comma there is no role: say how to write it, once.
                None if errors.iter().any(|e| e.path == "signatories") => {}
                None => errors.push(FieldError::new("signatories", Problem::Signatory)),
            }
        }
        let mut doc = PromiseDocument::from(stored);
        self.texts_of(&mut doc);
        doc.outcome_goal.measured_in = measured;
        doc.outcome_goal.baseline_year = match optional_number::<i32>(&self.outcome_baseline) {
            Ok(year) => year,
            Err(p) => {
                errors.push(FieldError::new("outcome_goal.baseline_year", p));
                None
            }
        };
        // Chosen indicators keep their order; new ones follow by code.
        let chosen = |code: &str| match self
            .indicator_choices
            .get(&format!("indicator-{code}"))
            .map(String::as_str)
        {
            Some("lower") => Some(BetterDocument::Lower),
            Some("higher") => Some(BetterDocument::Higher),
            _ => None,
        };
        let mut codes: Vec<String> = doc
            .outcome_goal
            .indicators
            .iter()
            .map(|i| i.indicator.clone())
            .collect();
        let mut new: Vec<String> = self
            .indicator_choices
            .keys()
            .filter_map(|k| k.strip_prefix("indicator-"))
            .filter(|c| !codes.iter().any(|known| known == c))
            .map(str::to_owned)
            .collect();
        new.sort();
        codes.extend(new);
        doc.outcome_goal.indicators = codes
            .into_iter()
            .filter_map(|code| {
                chosen(&code).map(|better| OutcomeIndicatorDocument {
                    indicator: code,
                    better,
                })
            })
            .collect();
        doc.follow_up.internal = match self.follow_up_internal.as_str() {
            "yearly" => InternalFollowUpDocument::Yearly,
            _ => InternalFollowUpDocument::Tertial,
        };
        doc.follow_up.final_report.year = report_year;
        doc.follow_up.final_report.quarter = u8::try_from(quarter).unwrap_or(0);
        doc.signed_on = signed_on;
        doc.signatories = signatories;
        match doc.into_promise() {
            Ok(p) if errors.is_empty() => Ok(p),
            Ok(_) => Err(errors),
            Err(more) => Err(form_and_document_errors(errors, more)),
        }
    }
}

fn promise_field(path: &str) -> Option<&'static str> {
    Some(match path {
        "title" => "title",
        "aim" => "aim",
        "focus_text" => "focus_text",
        "outcome_goal.text" => "outcome_text",
        "outcome_goal.measured_in" => "outcome_measured_in",
        "outcome_goal.baseline_year" => "outcome_baseline",
        "follow_up.final_report.year" => "final_report_year",
        "follow_up.final_report.quarter" => "final_report_quarter",
        "signed_on" => "signed_on",
        p if p.starts_with("focus_areas") => "focus_areas",
        p if p.starts_with("signatories") => "signatories",
        "english.title" => "english_title",
        "english.aim" => "english_aim",
        "english.focus_text" => "english_focus_text",
        "english.outcome_goal" => "english_outcome_text",
        p if p.starts_with("english.focus_areas") => "english_focus_areas",
        _ => return None,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_promise_edit.html")]
pub struct PromiseEditPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: String,
    summary: Vec<SummaryItem>,
    title: Field,
    aim: Field,
    focus_areas: Field,
    focus_text: Field,
    outcome_text: Field,
    outcome_measured_in: Field,
    outcome_baseline: Field,
    /// One choice per indicator of the survey codebook (empty without a codebook).
    indicator_fields: Vec<(Field, Vec<Choice>)>,
    follow_up_internal: Field,
    follow_up_choices: Vec<Choice>,
    final_report_year: Field,
    final_report_quarter: Field,
    signed_on: Field,
    signatories: Field,
    english: EnglishFields,
}

/// The English versions of a promise's texts, each optional.
pub struct EnglishFields {
    title: Field,
    aim: Field,
    focus_areas: Field,
    focus_text: Field,
    outcome_text: Field,
}

impl EnglishFields {
    fn new(lang: Lang, form: &PromiseForm) -> Self {
        let field = |name, value: &String| Field::new(lang, name, value.clone()).written_in("en");
        EnglishFields {
            title: field("english_title", &form.english_title),
            aim: field("english_aim", &form.english_aim),
            focus_areas: field("english_focus_areas", &form.english_focus_areas),
            focus_text: field("english_focus_text", &form.english_focus_text),
            outcome_text: field("english_outcome_text", &form.english_outcome_text),
        }
    }

    fn all(&mut self) -> [&mut Field; 5] {
        [
            &mut self.title,
            &mut self.aim,
            &mut self.focus_areas,
            &mut self.focus_text,
            &mut self.outcome_text,
        ]
    }
}

fn promise_edit_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    heading: String,
    form: &PromiseForm,
    errors: &[FieldError],
    indicators: &[lofte_domain::survey::Indicator],
) -> PromiseEditPage {
    let action = format!("{base}/andra");
    let mut page = PromiseEditPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        back: base.to_owned(),
        version: form.version.clone(),
        summary: Vec::new(),
        title: Field::new(lang, "title", form.title.clone()),
        aim: Field::new(lang, "aim", form.aim.clone()),
        focus_areas: Field::new(lang, "focus_areas", form.focus_areas.clone()),
        focus_text: Field::new(lang, "focus_text", form.focus_text.clone()),
        outcome_text: Field::new(lang, "outcome_text", form.outcome_text.clone()),
        outcome_measured_in: Field::new(
            lang,
            "outcome_measured_in",
            form.outcome_measured_in.clone(),
        ),
        outcome_baseline: Field::new(lang, "outcome_baseline", form.outcome_baseline.clone()),
        indicator_fields: indicators
            .iter()
            .map(|i| {
                let name = format!("indicator-{}", i.code);
                let current = form
                    .indicator_choices
                    .get(&name)
                    .cloned()
                    .unwrap_or_default();
                let mut field = Field::new(lang, "outcome_indicator", current.clone());
                field.label = i.name.in_lang(lang == Lang::En).to_owned();
                field.hint = None;
                field.name = name.into();
                (
                    field,
                    choices(
                        lang,
                        &current,
                        &[
                            ("", "outcome-indicator-unused"),
                            ("lower", "outcome-option-lower"),
                            ("higher", "outcome-option-higher"),
                        ],
                    ),
                )
            })
            .collect(),
        follow_up_internal: Field::new(lang, "follow_up_internal", form.follow_up_internal.clone()),
        follow_up_choices: choices(
            lang,
            &form.follow_up_internal,
            &[
                ("tertial", "follow-up-option-tertial"),
                ("yearly", "follow-up-option-yearly"),
            ],
        ),
        final_report_year: Field::new(lang, "final_report_year", form.final_report_year.clone()),
        final_report_quarter: Field::new(
            lang,
            "final_report_quarter",
            form.final_report_quarter.clone(),
        ),
        signed_on: Field::new(lang, "signed_on", form.signed_on.clone()),
        signatories: Field::new(lang, "signatories", form.signatories.clone()),
        english: EnglishFields::new(lang, form),
        action,
    };
    let [e1, e2, e3, e4, e5] = page.english.all();
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.title,
            &mut page.aim,
            &mut page.focus_areas,
            &mut page.focus_text,
            &mut page.outcome_text,
            &mut page.outcome_measured_in,
            &mut page.outcome_baseline,
            &mut page.final_report_year,
            &mut page.final_report_quarter,
            &mut page.signed_on,
            &mut page.signatories,
            e1,
            e2,
            e3,
            e4,
            e5,
        ],
        promise_field,
    );
    if !page.summary.is_empty() {
        page.chrome.title =
            lang.t_args("title-with-errors", &[("title", page.chrome.title.clone())]);
    }
    page
}

/// The indicators a promise's outcome goal can be linked to.
async fn survey_indicators(
    lang: Lang,
    tenant: &lofte_db::Tenant,
) -> Result<Vec<lofte_domain::survey::Indicator>, PageError> {
    Ok(tenant
        .survey_codebook()
        .await
        .map_err(PageError::internal(lang))?
        .map(|c| c.indicators)
        .unwrap_or_default())
}

pub async fn edit_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
) -> Result<PromiseEditPage, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let base = super::promise_href(&tenant, &stored);
    let heading = lang.t_args(
        "edit-promise-title",
        &[("title", stored.promise.title.to_string())],
    );
    let form = PromiseForm::from_promise(&stored.promise, stored.version);
    let indicators = survey_indicators(lang, &tenant).await?;
    Ok(promise_edit_page(
        lang,
        &staff,
        &base,
        heading,
        &form,
        &[],
        &indicators,
    ))
}

pub async fn edit(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
    Form(form): Form<PromiseForm>,
) -> Result<Response, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let base = super::promise_href(&tenant, &stored);
    let heading = lang.t_args(
        "edit-promise-title",
        &[("title", stored.promise.title.to_string())],
    );
    let indicators = survey_indicators(lang, &tenant).await?;
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            promise_edit_page(
                lang,
                &staff,
                &base,
                heading.clone(),
                &form,
                &errors,
                &indicators,
            ),
        )
            .into_response()
    };
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    let new = match form.apply(&stored.promise) {
        Ok(p) => p,
        Err(errors) => return Ok(invalid(errors)),
    };
    match tenant
        .update_promise(staff.actor, stored.id, version, &new)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => Ok(conflict_page(
            lang,
            &staff,
            &base,
            promise_lines(&new),
            promise_lines(&conflict.current),
            conflict.current_version,
        )),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::internal(lang)(e)),
    }
}

fn promise_lines(p: &Promise) -> Vec<String> {
    vec![
        p.title.to_string(),
        p.aim.to_string(),
        p.outcome_goal.text.to_string(),
    ]
}

// ---- Editing one commitment ----

#[derive(Deserialize, Default)]
pub struct CommitmentForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    partner: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    local_plan: String,
    #[serde(default)]
    english_text: String,
    #[serde(default)]
    target_activity: String,
    #[serde(default)]
    target_at_least: String,
    /// More activity types that count, besides `target_activity`.
    #[serde(default)]
    target_also: Vec<String>,
    #[serde(default)]
    target_measure: String,
    #[serde(default)]
    target_per: String,
    #[serde(default)]
    when_months: Vec<String>,
    #[serde(default)]
    when_weekdays: Vec<String>,
    #[serde(default)]
    hours_from: String,
    #[serde(default)]
    hours_to: String,
    #[serde(default)]
    method_code: String,
    #[serde(default)]
    method_min: String,
    #[serde(default)]
    method_max: String,
    #[serde(default)]
    scope: String,
    /// Repeated `scope_places` fields, one per ticked place.
    #[serde(default)]
    scope_places: Vec<String>,
    #[serde(default)]
    emphasis: String,
    #[serde(default)]
    emphasis_places: Vec<String>,
}

fn scope_parts(scope: &ScopeDocument) -> (String, Vec<String>) {
    match scope {
        ScopeDocument::Anywhere => ("anywhere".into(), Vec::new()),
        ScopeDocument::OutlyingVillages => ("outlying_villages".into(), Vec::new()),
        ScopeDocument::Places(p) => ("places".into(), p.clone()),
    }
}

fn scope_from(kind: &str, places: &[String]) -> Option<ScopeDocument> {
    match kind {
        "outlying_villages" => Some(ScopeDocument::OutlyingVillages),
        "places" => Some(ScopeDocument::Places(
            places
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        "anywhere" => Some(ScopeDocument::Anywhere),
        _ => None,
    }
}

impl CommitmentForm {
    fn from_commitment(c: &Commitment, version: i32) -> Self {
        let d = CommitmentDocument::from(c);
        let (party, partner) = match d.party {
            PartyDocument::Together => ("together", String::new()),
            PartyDocument::Police => ("police", String::new()),
            PartyDocument::Municipality => ("municipality", String::new()),
            PartyDocument::Partner(name) => ("partner", name),
        };
        let mut form = CommitmentForm {
            version: version.to_string(),
            party: party.into(),
            partner,
            kind: c.kind.as_str().into(),
            text: d.text,
            local_plan: d.local_plan.unwrap_or_default(),
            english_text: d.english.map(|e| e.text).unwrap_or_default(),
            scope: "anywhere".into(),
            emphasis: String::new(),
            ..Default::default()
        };
        if let Some(t) = d.target {
            (form.target_activity, form.target_also) = match t.activity {
                ActivitiesDocument::One(code) => (code, Vec::new()),
                ActivitiesDocument::Many(mut codes) => {
                    let first = if codes.is_empty() {
                        String::new()
                    } else {
                        codes.remove(0)
                    };
                    (first, codes)
                }
            };
            form.target_at_least = t.at_least.map(|n| n.to_string()).unwrap_or_default();
            form.target_measure = t.measure.unwrap_or_else(|| "count".into());
            form.target_per = t.per.unwrap_or_else(|| "span".into());
            if let Some(w) = t.when {
                form.when_months = w.months.iter().map(u32::to_string).collect();
                form.when_weekdays = w.weekdays;
                if let Some(h) = w.hours {
                    (form.hours_from, form.hours_to) = (h.from, h.to);
                }
            }
            if let Some(m) = t.method {
                form.method_code = m.code;
                form.method_min = m.min_minutes.to_string();
                form.method_max = m.max_minutes.to_string();
            }
            (form.scope, form.scope_places) = scope_parts(&t.scope);
            if let Some(e) = &t.emphasis {
                (form.emphasis, form.emphasis_places) = scope_parts(e);
            }
        }
        form
    }

    fn apply(&self) -> Result<Commitment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |path: &str, raw: &str| match optional_number::<u32>(raw) {
            Ok(n) => n,
            Err(p) => {
                errors.push(FieldError::new(path, p));
                None
            }
        };
        let at_least = number("target.at_least", &self.target_at_least);
        let min = number("target.method.min_minutes", &self.method_min);
        let max = number("target.method.max_minutes", &self.method_max);
        let months: Vec<u32> = self
            .when_months
            .iter()
            .filter_map(|m| {
                m.trim()
                    .parse()
                    .map_err(|_| {
                        errors.push(FieldError::new("target.when.months", Problem::Choice))
                    })
                    .ok()
            })
            .collect();
        let first = self.target_activity.trim();
        let mut codes = vec![first.to_owned()];
        for also in &self.target_also {
            let also = also.trim();
            if !also.is_empty() && !codes.iter().any(|c| c == also) {
                codes.push(also.to_owned());
            }
        }
        let hours = match (self.hours_from.trim(), self.hours_to.trim()) {
            ("", "") => None,
            (from, to) => Some(HoursDocument {
                from: from.to_owned(),
                to: to.to_owned(),
            }),
        };
        let when = WhenDocument {
            months,
            weekdays: self
                .when_weekdays
                .iter()
                .map(|d| d.trim().to_owned())
                .collect(),
            hours,
        };
        let word = |raw: &str, default: &str| {
            Some(raw.trim().to_owned()).filter(|w| !w.is_empty() && w != default)
        };
        let target = (!first.is_empty()).then(|| TargetDocument {
            activity: if codes.len() == 1 {
                ActivitiesDocument::One(first.to_owned())
            } else {
                ActivitiesDocument::Many(codes)
            },
            at_least,
            when: (when != WhenDocument::default()).then_some(when),
            per: word(&self.target_per, "span"),
            measure: word(&self.target_measure, "count"),
            method: (!self.method_code.trim().is_empty()).then(|| MethodDocument {
                code: self.method_code.trim().to_owned(),
                min_minutes: min.unwrap_or(0),
                max_minutes: max.unwrap_or(0),
            }),
            scope: scope_from(&self.scope, &self.scope_places).unwrap_or_default(),
            emphasis: scope_from(&self.emphasis, &self.emphasis_places),
        });
        let doc = CommitmentDocument {
            party: match self.party.as_str() {
                "police" => PartyDocument::Police,
                "municipality" => PartyDocument::Municipality,
                "partner" => PartyDocument::Partner(self.partner.clone()),
                _ => PartyDocument::Together,
            },
            text: self.text.clone(),
            kind: match self.kind.as_str() {
                "output" => KindDocument::Output,
                "outcome" => KindDocument::Outcome,
                _ => KindDocument::Process,
            },
            target,
            local_plan: optional_text(&self.local_plan),
            english: optional_text(&self.english_text)
                .map(|text| lofte_domain::exchange::CommitmentEnglishDocument { text }),
        };
        match doc.into_commitment() {
            Ok(c) if errors.is_empty() => Ok(c),
            Ok(_) => Err(errors),
            Err(more) => Err(form_and_document_errors(errors, more)),
        }
    }
}

fn commitment_field(path: &str) -> Option<&'static str> {
    Some(match path {
        "text" => "text",
        "local_plan" => "local_plan",
        "english.text" => "english_text",
        "party.partner" => "partner",
        "target.activity" | "target.activity[0]" => "target_activity",
        p if p.starts_with("target.activity[") => "target_also",
        "target.at_least" => "target_at_least",
        "target.measure" => "target_measure",
        "target.per" => "target_per",
        p if p.starts_with("target.when.months") => "when_months",
        p if p.starts_with("target.when.weekdays") => "when_weekdays",
        "target.when.hours.from" => "hours_from",
        "target.when.hours.to" | "target.when.hours" => "hours_to",
        "target.method.code" => "method_code",
        "target.method.min_minutes" | "target.method" => "method_min",
        "target.method.max_minutes" => "method_max",
        p if p.starts_with("target.scope") => "scope_places",
        p if p.starts_with("target.emphasis") => "emphasis_places",
        _ => return None,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_commitment_edit.html")]
pub struct CommitmentEditPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: String,
    summary: Vec<SummaryItem>,
    party: Field,
    party_choices: Vec<Choice>,
    partner: Field,
    kind: Field,
    kind_choices: Vec<Choice>,
    text: Field,
    local_plan: Field,
    english_text: Field,
    target_activity: Field,
    activity_choices: Vec<Choice>,
    target_at_least: Field,
    target_also: Field,
    also_options: Vec<PlaceOption>,
    target_measure: Field,
    measure_choices: Vec<Choice>,
    target_per: Field,
    per_choices: Vec<Choice>,
    when_months: Field,
    month_options: Vec<PlaceOption>,
    when_weekdays: Field,
    weekday_options: Vec<PlaceOption>,
    hours_from: Field,
    hours_to: Field,
    method_code: Field,
    method_choices: Vec<Choice>,
    method_min: Field,
    method_max: Field,
    scope: Field,
    scope_choices: Vec<Choice>,
    scope_places: Field,
    scope_place_options: Vec<PlaceOption>,
    emphasis: Field,
    emphasis_choices: Vec<Choice>,
    emphasis_places: Field,
    emphasis_place_options: Vec<PlaceOption>,
}

/// A box to tick in the commitment form: a place, an activity type, a month, a weekday.
pub struct PlaceOption {
    pub slug: String,
    pub name: String,
    pub checked: bool,
}

/// The municipality's places as checkboxes, ticked where the form names them.
fn place_options(places: &[lofte_domain::Place], ticked: &[String]) -> Vec<PlaceOption> {
    places
        .iter()
        .map(|p| PlaceOption {
            slug: p.slug.to_string(),
            name: p.name.to_string(),
            checked: ticked.iter().any(|t| t.trim() == p.slug.as_str()),
        })
        .collect()
}

/// The working methods a target can require, as choices: none, the two the police use
/// (named in Fluent), and the form's current code if it is another one (a promise
/// imported with a method of its own keeps it).
fn method_choices(lang: Lang, current: &str) -> Vec<Choice> {
    let mut options: Vec<(String, String)> = vec![
        (String::new(), lang.t("method-none")),
        (
            "twenty_minute".into(),
            lang.t("method-twenty_minute-choice"),
        ),
        (
            "fifteen_minute".into(),
            lang.t("method-fifteen_minute-choice"),
        ),
    ];
    if !options.iter().any(|(code, _)| code == current) {
        options.push((current.to_owned(), current.to_owned()));
    }
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn commitment_edit_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    action: String,
    form: &CommitmentForm,
    errors: &[FieldError],
    types: &lofte_domain::ActivityCatalogue,
    places: &[lofte_domain::Place],
) -> CommitmentEditPage {
    let heading = if action.ends_with("/ny") {
        lang.t("new-commitment-title")
    } else {
        lang.t("edit-commitment-title")
    };
    let activity_choices = choices(lang, &form.target_activity, &[("", "target-none")])
        .into_iter()
        .chain(types.types().iter().map(|t| Choice {
            value: t.code.to_string(),
            label: lang.activity_label(types, t.code.as_str()),
            selected: t.code.as_str() == form.target_activity,
        }))
        .collect();
    let scope_options = [
        ("anywhere", "scope-anywhere"),
        ("outlying_villages", "scope-outlying"),
        ("places", "scope-places"),
    ];
    let emphasis_options = [
        ("", "emphasis-none"),
        ("outlying_villages", "scope-outlying"),
        ("places", "scope-places"),
    ];
    let mut page = CommitmentEditPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        back: base.to_owned(),
        version: form.version.clone(),
        summary: Vec::new(),
        party: Field::new(lang, "party", form.party.clone()),
        party_choices: choices(
            lang,
            &form.party,
            &[
                ("together", "party-option-together"),
                ("police", "party-option-police"),
                ("municipality", "party-option-municipality"),
                ("partner", "party-option-partner"),
            ],
        ),
        partner: Field::new(lang, "partner", form.partner.clone()),
        kind: Field::new(lang, "kind", form.kind.clone()),
        kind_choices: choices(
            lang,
            &form.kind,
            &[
                ("output", "kind-output"),
                ("process", "kind-process"),
                ("outcome", "kind-outcome"),
            ],
        ),
        text: Field::new(lang, "text", form.text.clone()),
        local_plan: Field::new(lang, "local_plan", form.local_plan.clone()),
        english_text: Field::new(lang, "english_text", form.english_text.clone()).written_in("en"),
        target_activity: Field::new(lang, "target_activity", form.target_activity.clone()),
        activity_choices,
        target_at_least: Field::new(lang, "target_at_least", form.target_at_least.clone()),
        target_also: Field::new(lang, "target_also", ""),
        also_options: types
            .types()
            .iter()
            .map(|t| PlaceOption {
                slug: t.code.to_string(),
                name: lang.activity_label(types, t.code.as_str()),
                checked: form.target_also.iter().any(|a| a.trim() == t.code.as_str()),
            })
            .collect(),
        target_measure: Field::new(lang, "target_measure", form.target_measure.clone()),
        measure_choices: choices(
            lang,
            if form.target_measure.is_empty() {
                "count"
            } else {
                &form.target_measure
            },
            &[
                ("count", "measure-choice-count"),
                ("participants", "measure-choice-participants"),
                ("minutes", "measure-choice-minutes"),
                ("places", "measure-choice-places"),
            ],
        ),
        target_per: Field::new(lang, "target_per", form.target_per.clone()),
        per_choices: choices(
            lang,
            if form.target_per.is_empty() {
                "span"
            } else {
                &form.target_per
            },
            &[("span", "per-choice-span"), ("year", "per-choice-year")],
        ),
        when_months: Field::new(lang, "when_months", ""),
        month_options: (1..=12u32)
            .map(|m| PlaceOption {
                slug: m.to_string(),
                name: lofte_i18n::capitalised(&lang.t(&format!("month-long-{m}"))),
                checked: form.when_months.iter().any(|f| f.trim() == m.to_string()),
            })
            .collect(),
        when_weekdays: Field::new(lang, "when_weekdays", ""),
        weekday_options: lofte_domain::condition::WEEKDAY_CODES
            .iter()
            .map(|(code, _)| PlaceOption {
                slug: (*code).to_owned(),
                name: lofte_i18n::capitalised(&lang.t(&format!("weekday-plural-{code}"))),
                checked: form.when_weekdays.iter().any(|f| f.trim() == *code),
            })
            .collect(),
        hours_from: Field::new(lang, "hours_from", form.hours_from.clone()),
        hours_to: Field::new(lang, "hours_to", form.hours_to.clone()),
        method_code: Field::new(lang, "method_code", form.method_code.clone()),
        method_choices: method_choices(lang, form.method_code.trim()),
        method_min: Field::new(lang, "method_min", form.method_min.clone()),
        method_max: Field::new(lang, "method_max", form.method_max.clone()),
        scope: Field::new(lang, "scope", form.scope.clone()),
        scope_choices: choices(lang, &form.scope, &scope_options),
        scope_places: Field::new(lang, "scope_places", ""),
        scope_place_options: place_options(places, &form.scope_places),
        emphasis: Field::new(lang, "emphasis", form.emphasis.clone()),
        emphasis_choices: choices(lang, &form.emphasis, &emphasis_options),
        emphasis_places: Field::new(lang, "emphasis_places", ""),
        emphasis_place_options: place_options(places, &form.emphasis_places),
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.text,
            &mut page.partner,
            &mut page.local_plan,
            &mut page.english_text,
            &mut page.target_activity,
            &mut page.target_at_least,
            &mut page.target_also,
            &mut page.target_measure,
            &mut page.target_per,
            &mut page.when_months,
            &mut page.when_weekdays,
            &mut page.hours_from,
            &mut page.hours_to,
            &mut page.method_code,
            &mut page.method_min,
            &mut page.method_max,
            &mut page.scope_places,
            &mut page.emphasis_places,
        ],
        commitment_field,
    );
    if !page.summary.is_empty() {
        page.chrome.title =
            lang.t_args("title-with-errors", &[("title", page.chrome.title.clone())]);
    }
    page
}

fn commitment_position(stored: &StoredPromise, id: &str) -> Option<(i32, usize)> {
    let id: i32 = id.parse().ok()?;
    let index = stored.commitment_ids.iter().position(|c| *c == id)?;
    Some((id, index))
}

pub async fn commitment_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, id)): Path<(String, String, String)>,
) -> Result<CommitmentEditPage, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let (id, index) =
        commitment_position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let version = tenant
        .commitment_version(id)
        .await
        .map_err(PageError::internal(lang))?;
    let base = super::promise_href(&tenant, &stored);
    let form = CommitmentForm::from_commitment(&stored.promise.commitments[index], version);
    let action = format!("{base}/atagande/{id}");
    let (types, places) = super::references(&state, lang, &tenant).await?;
    Ok(commitment_edit_page(
        lang,
        &staff,
        &base,
        action,
        &form,
        &[],
        &types,
        &places,
    ))
}

pub async fn edit_commitment(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, id)): Path<(String, String, String)>,
    // axum-extra's Form reads the repeated `scope_places` fields of the checkboxes.
    axum_extra::extract::Form(form): axum_extra::extract::Form<CommitmentForm>,
) -> Result<Response, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let (types, places) = super::references(&state, lang, &tenant).await?;
    let (id, _) =
        commitment_position(&stored, &id).ok_or(PageError::NotFound { lang, detail: None })?;
    let m = tenant.municipality().clone();
    let base = super::promise_href(&tenant, &stored);
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            commitment_edit_page(
                lang,
                &staff,
                &base,
                format!("{base}/atagande/{id}"),
                &form,
                &errors,
                &types,
                &places,
            ),
        )
            .into_response()
    };
    let new = match form.apply() {
        Ok(c) => c,
        Err(errors) => return Ok(invalid(errors)),
    };
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    let places = state
        .db
        .places(&tenant.municipality().code)
        .await
        .map_err(PageError::internal(lang))?;
    match tenant
        .update_commitment(staff.actor, stored.id, id, version, &new)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => {
            let lines = |c: &Commitment| {
                let mut lines = vec![party_heading(lang, &m, &c.party), c.text.to_string()];
                lines.extend(
                    c.target
                        .as_ref()
                        .map(|t| target_line(lang, t, &places, &types)),
                );
                lines
            };
            Ok(conflict_page(
                lang,
                &staff,
                &format!("{base}/atagande/{id}"),
                lines(&new),
                lines(&conflict.current),
                conflict.current_version,
            ))
        }
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::internal(lang)(e)),
    }
}

/// A blank commitment form; its version is the promise's, since adding changes the promise.
pub async fn new_commitment_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
) -> Result<CommitmentEditPage, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let base = super::promise_href(&tenant, &stored);
    let form = CommitmentForm {
        version: stored.version.to_string(),
        party: "together".into(),
        kind: "process".into(),
        scope: "anywhere".into(),
        ..Default::default()
    };
    let (types, places) = super::references(&state, lang, &tenant).await?;
    Ok(commitment_edit_page(
        lang,
        &staff,
        &base,
        format!("{base}/atagande/ny"),
        &form,
        &[],
        &types,
        &places,
    ))
}

pub async fn add_commitment(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
    // axum-extra's Form reads the repeated `scope_places` fields of the checkboxes.
    axum_extra::extract::Form(form): axum_extra::extract::Form<CommitmentForm>,
) -> Result<Response, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let (types, places) = super::references(&state, lang, &tenant).await?;
    let base = super::promise_href(&tenant, &stored);
    let action = format!("{base}/atagande/ny");
    let invalid = |errors: Vec<FieldError>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            commitment_edit_page(
                lang,
                &staff,
                &base,
                action.clone(),
                &form,
                &errors,
                &types,
                &places,
            ),
        )
            .into_response()
    };
    let new = match form.apply() {
        Ok(c) => c,
        Err(errors) => return Ok(invalid(errors)),
    };
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    match tenant
        .add_commitment(staff.actor, stored.id, version, &new)
        .await
    {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => Ok(conflict_page(
            lang,
            &staff,
            &action,
            vec![new.text.to_string()],
            promise_lines(&conflict.current),
            conflict.current_version,
        )),
        Err(lofte_db::Error::Invalid(errors)) => Ok(invalid(errors)),
        Err(e) => Err(PageError::internal(lang)(e)),
    }
}

/// Starts next year's promise as a draft copy of this one, linked to it.
/// "Börja 2022 års löfte som en kopia": which commitments to carry over, all ticked.
#[derive(Template, WebTemplate)]
#[template(path = "staff_copy.html")]
pub struct CopyPage {
    chrome: Chrome,
    heading: String,
    commitments: Field,
    options: Vec<PlaceOption>,
    summary: Vec<SummaryItem>,
    action: String,
    back: String,
}

fn copy_page(
    lang: Lang,
    staff: &Staff,
    base: &str,
    stored: &StoredPromise,
    next: lofte_domain::Year,
    ticked: Option<&[String]>,
) -> CopyPage {
    let heading = lang.t_args("staff-copy-next-year", &[("year", next.to_string())]);
    let action = format!("{base}/kopiera");
    let mut commitments = Field::new(lang, "commitments", "");
    let mut summary = Vec::new();
    if ticked.is_some_and(<[String]>::is_empty) {
        let message = lang.t("copy-none-chosen");
        commitments.error = Some(message.clone());
        summary.push(SummaryItem {
            field: "commitments".into(),
            message,
        });
    }
    CopyPage {
        chrome: chrome(lang, staff, &action, heading.clone()),
        heading,
        options: stored
            .promise
            .commitments
            .iter()
            .zip(&stored.commitment_ids)
            .enumerate()
            .map(|(i, (c, id))| PlaceOption {
                slug: id.to_string(),
                name: format!("{}. {}", i + 1, c.text),
                checked: ticked.is_none_or(|t| t.iter().any(|x| x.trim() == id.to_string())),
            })
            .collect(),
        commitments,
        summary,
        action,
        back: base.to_owned(),
    }
}

pub async fn copy_page_get(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
) -> Result<CopyPage, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let next = stored
        .promise
        .years
        .last()
        .next()
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let base = super::promise_href(&tenant, &stored);
    Ok(copy_page(lang, &staff, &base, &stored, next, None))
}

#[derive(Deserialize, Default)]
pub struct CopyForm {
    /// Set by the copy page: then `commitments` lists the ones to carry over.
    #[serde(default)]
    chosen: Option<String>,
    #[serde(default)]
    commitments: Vec<String>,
}

pub async fn copy_to_next_year(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<CopyForm>,
) -> Result<Response, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let p = &stored.promise;
    let next = p
        .years
        .last()
        .next()
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let target = format!("/personal/kommun/{}/{next}", tenant.municipality().code);
    let mut draft = p
        .continue_into(next)
        .map_err(|_| PageError::NotFound { lang, detail: None })?;
    if form.chosen.is_some() {
        let keep: Vec<usize> = stored
            .commitment_ids
            .iter()
            .enumerate()
            .filter(|(_, id)| form.commitments.iter().any(|c| c.trim() == id.to_string()))
            .map(|(i, _)| i)
            .collect();
        if keep.is_empty() {
            let base = super::promise_href(&tenant, &stored);
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                copy_page(lang, &staff, &base, &stored, next, Some(&form.commitments)),
            )
                .into_response());
        }
        draft.commitments = keep.iter().map(|i| p.commitments[*i].clone()).collect();
    }
    match tenant.create_promise(staff.actor, &draft).await {
        // Already there (perhaps made by someone else a moment ago): show it.
        Ok(_) | Err(lofte_db::Error::Invalid(_)) => Ok(Redirect::to(&target).into_response()),
        Err(e) => Err(PageError::internal(lang)(e)),
    }
}

// ---- Conflicts and the workflow ----

#[derive(Template, WebTemplate)]
#[template(path = "staff_conflict.html")]
pub struct ConflictPage {
    chrome: Chrome,
    mine: Vec<String>,
    theirs: Vec<String>,
    theirs_heading: String,
    reload: String,
}

fn conflict_page(
    lang: Lang,
    staff: &Staff,
    reload: &str,
    mine: Vec<String>,
    theirs: Vec<String>,
    current_version: i32,
) -> Response {
    let page = ConflictPage {
        chrome: chrome(lang, staff, reload, lang.t("conflict-title")),
        mine,
        theirs,
        theirs_heading: lang.t_args(
            "conflict-theirs",
            &[("version", current_version.to_string())],
        ),
        reload: reload.to_owned(),
    };
    (StatusCode::CONFLICT, page).into_response()
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    to: String,
    /// Set by the confirmation page for a step that cannot be undone.
    #[serde(default)]
    confirm: Option<String>,
}

/// "Avsluta året?": a step that cannot be undone is asked about once more, on a page of
/// its own (no script needed).
#[derive(Template, WebTemplate)]
#[template(path = "staff_confirm.html")]
pub struct ConfirmPage {
    chrome: Chrome,
    heading: String,
    body: String,
    /// The page as residents will see it, for a step that makes it public.
    preview_href: Option<String>,
    yes: String,
    action: String,
    back: String,
    version: String,
    to: String,
}

pub async fn set_status(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let base = super::promise_href(&tenant, &stored);
    let Ok(to) = PromiseStatus::parse(&form.to) else {
        return Ok(Redirect::to(&base).into_response());
    };
    if to == PromiseStatus::Closed && form.confirm.is_none() {
        let heading = lang.t("confirm-close-title");
        return Ok(ConfirmPage {
            chrome: chrome(lang, &staff, &format!("{base}/status"), heading.clone()),
            heading,
            body: lang.t_args(
                "confirm-close-body",
                &[("title", stored.promise.title.to_string())],
            ),
            yes: lang.t("confirm-close-yes"),
            preview_href: None,
            action: format!("{base}/status"),
            back: base,
            version: form.version,
            to: form.to,
        }
        .into_response());
    }
    // Publishing is asked about once more too, with the page as residents will see it.
    if to == PromiseStatus::Published && form.confirm.is_none() {
        let heading = lang.t("confirm-publish-title");
        return Ok(ConfirmPage {
            chrome: chrome(lang, &staff, &format!("{base}/status"), heading.clone()),
            heading,
            body: lang.t_args(
                "confirm-publish-body",
                &[("title", stored.promise.title.to_string())],
            ),
            yes: lang.t("confirm-publish-yes"),
            preview_href: Some(format!("{base}/forhandsvisning")),
            action: format!("{base}/status"),
            back: base,
            version: form.version,
            to: form.to,
        }
        .into_response());
    }
    let version = form.version.trim().parse::<i32>().unwrap_or(0);
    match tenant.set_status(staff.actor, stored.id, version, to).await {
        Ok(Ok(_)) => Ok(Redirect::to(&base).into_response()),
        Ok(Err(conflict)) => Ok(conflict_page(
            lang,
            &staff,
            &base,
            vec![lang.t(&format!("status-{}", to.as_str()))],
            vec![lang.t(&format!("status-{}", conflict.current.status.as_str()))],
            conflict.current_version,
        )),
        // Not signable yet: the form where the date and the signatories are filled in,
        // saying so on both fields.
        Err(lofte_db::Error::Invalid(errors))
            if errors.iter().any(|e| e.problem == Problem::NeededToSign) =>
        {
            let heading = lang.t_args(
                "edit-promise-title",
                &[("title", stored.promise.title.to_string())],
            );
            let form = PromiseForm::from_promise(&stored.promise, stored.version);
            let indicators = survey_indicators(lang, &tenant).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                promise_edit_page(lang, &staff, &base, heading, &form, &errors, &indicators),
            )
                .into_response())
        }
        // A step the workflow does not allow from here: show the page as it is.
        Err(lofte_db::Error::Invalid(_)) => Ok(Redirect::to(&base).into_response()),
        Err(e) => Err(PageError::internal(lang)(e)),
    }
}

/// The promise as residents will see it once published, whatever its status now.
pub async fn preview(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year)): Path<(String, String)>,
) -> Result<crate::pages::PromisePage, PageError> {
    let (tenant, stored) = super::promise(&state, lang, &code, &year).await?;
    let base = super::promise_href(&tenant, &stored);
    let year = stored.promise.years.first();
    let mut page =
        crate::pages::promise_page(&state, lang, &tenant, Some(stored), Some(year)).await?;
    if let Some(u) = &staff.user {
        page.chrome = page.chrome.signed_in(&u.name);
    }
    page.preview = Some((lang.t("promise-preview-note"), base));
    Ok(page)
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
