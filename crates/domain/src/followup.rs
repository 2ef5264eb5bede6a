//! The follow-up engine: from logged activities to figures and a suggested status, per
//! tertial and for the year. Pure functions over local (Europe/Stockholm) dates; the
//! callers convert timestamps at the edge.
//!
//! Two vocabularies are kept apart on purpose, because residents read "stalled" as
//! "broken" when they are mixed: a [`ProgressStatus`] describes a year under way, a
//! [`Verdict`] the year after it ended.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::activity::ActivityTypeCode;
use crate::calendar::{Tertial, Year, YearSpan};
use crate::condition::{Measure, Outside, Per, When};
use crate::place::{Place, PlaceSlug};
use crate::promise::{Party, PlaceScope, Target};

/// Who carried out a logged activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Performer {
    Police,
    Municipality,
    Partner(String),
}

/// One logged piece of work, as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub activity_type: ActivityTypeCode,
    pub performer: Performer,
    /// The local (Swedish) date it took place.
    pub date: NaiveDate,
    /// The local time it started, for targets that count only some hours.
    pub time: NaiveTime,
    pub duration_minutes: Option<u32>,
    pub place: Option<PlaceSlug>,
    /// How many people took part, where someone counted them.
    pub participants: Option<u32>,
}

/// Why an activity does not count toward a target; said to staff on the progress page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Exclusion {
    OtherType,
    OtherParty,
    OutsidePeriod,
    /// In a month, on a weekday or at an hour the target does not count.
    OutsideMonths,
    OutsideWeekdays,
    OutsideHours,
    /// The target requires a method, or counts minutes, and the activity has no
    /// duration.
    NoDuration,
    /// Shorter or longer than the method's window.
    OutsideMethodWindow,
    OutsideScope,
    /// The target counts participants and none were recorded.
    NoParticipants,
    /// The target counts places and the activity has none.
    NoPlace,
}

impl Exclusion {
    pub fn code(self) -> &'static str {
        match self {
            Exclusion::OtherType => "other-type",
            Exclusion::OtherParty => "other-party",
            Exclusion::OutsidePeriod => "outside-period",
            Exclusion::OutsideMonths => "outside-months",
            Exclusion::OutsideWeekdays => "outside-weekdays",
            Exclusion::OutsideHours => "outside-hours",
            Exclusion::NoDuration => "no-duration",
            Exclusion::OutsideMethodWindow => "outside-method-window",
            Exclusion::OutsideScope => "outside-scope",
            Exclusion::NoParticipants => "no-participants",
            Exclusion::NoPlace => "no-place",
        }
    }
}

fn in_scope(scope: &PlaceScope, place: Option<&PlaceSlug>, places: &[Place]) -> bool {
    match scope {
        PlaceScope::Anywhere => true,
        PlaceScope::OutlyingVillages => place.is_some_and(|slug| is_outlying(slug, places)),
        PlaceScope::Places(slugs) => place.is_some_and(|slug| {
            slugs.contains(slug)
                || places
                    .iter()
                    .find(|p| &p.slug == slug)
                    .and_then(|p| p.within.as_ref())
                    .is_some_and(|parent| slugs.contains(parent))
        }),
    }
}

/// A place is in an outlying village if it is one, or lies within one.
fn is_outlying(slug: &PlaceSlug, places: &[Place]) -> bool {
    let Some(place) = places.iter().find(|p| &p.slug == slug) else {
        return false;
    };
    place.outlying
        || place
            .within
            .as_ref()
            .and_then(|w| places.iter().find(|p| &p.slug == w))
            .is_some_and(|p| p.outlying)
}

/// Whether `activity` counts toward `target` of a commitment made by `party` in
/// `period`, and if not, the first reason why. An activity counts iff it meets every
/// condition: type, party, period, calendar window, method, place, and has what the
/// measure measures.
pub fn counts(
    target: &Target,
    party: &Party,
    period: YearSpan,
    activity: &Activity,
    places: &[Place],
) -> Result<(), Exclusion> {
    if !target.counts_type(&activity.activity_type) {
        return Err(Exclusion::OtherType);
    }
    let party_matches = match (party, &activity.performer) {
        (Party::Together, _) => true,
        (Party::Police, Performer::Police) => true,
        (Party::Municipality, Performer::Municipality) => true,
        (Party::Partner(name), Performer::Partner(p)) => name.as_str() == p,
        _ => false,
    };
    if !party_matches {
        return Err(Exclusion::OtherParty);
    }
    if !Year::of(activity.date).is_some_and(|y| period.contains(y)) {
        return Err(Exclusion::OutsidePeriod);
    }
    target
        .when
        .check(activity.date.and_time(activity.time))
        .map_err(|outside| match outside {
            Outside::Months => Exclusion::OutsideMonths,
            Outside::Weekdays => Exclusion::OutsideWeekdays,
            Outside::Hours => Exclusion::OutsideHours,
        })?;
    if let Some(method) = &target.method {
        match activity.duration_minutes {
            None => return Err(Exclusion::NoDuration),
            Some(minutes) if !method.admits(minutes) => {
                return Err(Exclusion::OutsideMethodWindow);
            }
            Some(_) => {}
        }
    }
    if !in_scope(&target.scope, activity.place.as_ref(), places) {
        return Err(Exclusion::OutsideScope);
    }
    match target.measure {
        Measure::Count => {}
        Measure::Participants if activity.participants.is_none() => {
            return Err(Exclusion::NoParticipants);
        }
        Measure::Minutes if activity.duration_minutes.is_none() => {
            return Err(Exclusion::NoDuration);
        }
        Measure::Places if activity.place.is_none() => return Err(Exclusion::NoPlace),
        Measure::Participants | Measure::Minutes | Measure::Places => {}
    }
    Ok(())
}

/// What one counting activity adds to the target's measure (places are counted apart,
/// as distinct places).
fn amount(measure: Measure, activity: &Activity) -> u32 {
    match measure {
        Measure::Count | Measure::Places => 1,
        Measure::Participants => activity.participants.unwrap_or(0),
        Measure::Minutes => activity.duration_minutes.unwrap_or(0),
    }
}

/// The counting activities of a target, with the spread residents and staff ask about.
/// Every amount is in the target's measure: activities, participants, minutes, or
/// distinct places (where a month holds the places first reached in it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    /// The measure over the whole period.
    pub actual: u32,
    /// The measure per calendar year (distinct places are counted within each year).
    pub by_year: BTreeMap<i32, u32>,
    /// The number of counting activities, whatever the measure.
    pub activities: u32,
    /// The measure per (year, month), months 1–12: toward the span's figure, or for a
    /// number promised each year toward its year's (distinct places counted again in
    /// each year), so that the months of a year add up to its figure.
    pub by_month: BTreeMap<(i32, u32), u32>,
    /// The measure per place slug (`None` for activities without a place); for the
    /// places measure, the counting activities per place.
    pub by_place: BTreeMap<Option<PlaceSlug>, u32>,
    /// Counting activities in the target's `emphasis` area (e.g. the outlying villages).
    pub in_emphasis: u32,
    /// Activities of the right type that do not count, by reason.
    pub excluded: BTreeMap<Exclusion, u32>,
}

impl Progress {
    /// Share of counting activities in the emphasis area, if there are any activities.
    pub fn emphasis_share(&self) -> Option<f64> {
        (self.actual > 0).then(|| f64::from(self.in_emphasis) / f64::from(self.actual))
    }

    /// The measure up to and including `date` (for a number promised each year, the sum
    /// of the years' figures).
    pub fn actual_until(&self, date: NaiveDate) -> u32 {
        self.by_month
            .iter()
            .filter(|((y, m), _)| (*y, *m) <= (date.year(), date.month()))
            .map(|(_, n)| n)
            .sum()
    }
}

/// Counts `activities` toward `target`, keeping only those up to `as_of` (inclusive).
pub fn progress(
    target: &Target,
    party: &Party,
    period: YearSpan,
    activities: &[Activity],
    places: &[Place],
    as_of: NaiveDate,
) -> Progress {
    let mut p = Progress::default();
    let mut counting: Vec<&Activity> = activities
        .iter()
        .filter(|a| a.date <= as_of)
        .filter(|a| match counts(target, party, period, a, places) {
            Ok(()) => true,
            Err(Exclusion::OtherType) => false,
            Err(reason) => {
                *p.excluded.entry(reason).or_default() += 1;
                false
            }
        })
        .collect();
    // In date order, so that a place is counted in the month it was first reached.
    counting.sort_by_key(|a| (a.date, a.time));
    let mut reached: std::collections::BTreeSet<(Option<i32>, &PlaceSlug)> = Default::default();
    for a in counting {
        p.activities += 1;
        let year = a.date.year();
        let (in_span, in_year) = match (target.measure, &a.place) {
            (Measure::Places, Some(slug)) => (
                u32::from(reached.insert((None, slug))),
                u32::from(reached.insert((Some(year), slug))),
            ),
            (measure, _) => (amount(measure, a), amount(measure, a)),
        };
        p.actual += in_span;
        *p.by_year.entry(year).or_default() += in_year;
        let in_month = match target.per {
            Per::Span => in_span,
            Per::Year => in_year,
        };
        *p.by_month.entry((year, a.date.month())).or_default() += in_month;
        *p.by_place.entry(a.place.clone()).or_default() += match target.measure {
            Measure::Places => 1,
            measure => amount(measure, a),
        };
        if let Some(emphasis) = &target.emphasis
            && in_scope(emphasis, a.place.as_ref(), places)
        {
            p.in_emphasis += in_span;
        }
    }
    p
}

/// How a year under way is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressStatus {
    NotStarted,
    OnTrack,
    AtRisk,
    Behind,
}

impl ProgressStatus {
    pub fn code(self) -> &'static str {
        match self {
            ProgressStatus::NotStarted => "not-started",
            ProgressStatus::OnTrack => "on-track",
            ProgressStatus::AtRisk => "at-risk",
            ProgressStatus::Behind => "behind",
        }
    }
}

/// How a year that has ended went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Kept,
    PartlyKept,
    NotKept,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Kept => "kept",
            Verdict::PartlyKept => "partly-kept",
            Verdict::NotKept => "not-kept",
        }
    }
}

/// The suggestion for one commitment at one point in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggestion {
    Progress(ProgressStatus),
    Verdict(Verdict),
    /// No number was promised, so no number can judge it: staff assess it in words.
    NotAssessed,
}

/// Figures for a numeric target at a point in the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub actual: u32,
    pub target: u32,
    /// What an even pace would have reached by now.
    pub expected: f64,
    /// Where the present pace leads by the end of the period.
    pub forecast: f64,
    pub suggestion: Suggestion,
}

/// Below this share of the target, a forecast means the commitment is behind; between it
/// and the target, at risk.
pub const AT_RISK_FLOOR: f64 = 0.8;
/// At the end of the period, at least this share of the target is "partly kept".
pub const PARTLY_KEPT_FLOOR: f64 = 0.5;

/// Figures for a target of `at_least` over `period`, counted up to `as_of`.
pub fn figures(at_least: u32, period: YearSpan, actual: u32, as_of: NaiveDate) -> Figures {
    figures_in(at_least, period, actual, as_of, &When::default())
}

/// [`figures`] for a target counted only in a calendar window: the even pace and the
/// forecast run over the days the window is open (a January–April target is due by the
/// end of April, not spread over the year). A window with no open day in the period
/// falls back to the calendar.
pub fn figures_in(
    at_least: u32,
    period: YearSpan,
    actual: u32,
    as_of: NaiveDate,
    window: &When,
) -> Figures {
    let (start, end) = (period.first_day(), period.last_day());
    let open = |from: NaiveDate, to: NaiveDate| -> f64 {
        if to < from {
            return 0.0;
        }
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| window.open_on(*d))
            .count() as f64
    };
    let open_days = open(start, end);
    let (total_days, elapsed_days) = if open_days > 0.0 {
        (open_days, open(start, as_of.min(end)))
    } else {
        let total = (end - start).num_days() as f64 + 1.0;
        let elapsed = ((as_of.min(end) - start).num_days() as f64 + 1.0).clamp(0.0, total);
        (total, elapsed)
    };
    let elapsed = elapsed_days / total_days;
    let target = f64::from(at_least);
    let expected = target * elapsed;
    let forecast = if elapsed > 0.0 {
        f64::from(actual) / elapsed
    } else {
        0.0
    };
    let suggestion = if as_of >= end {
        Suggestion::Verdict(if actual >= at_least {
            Verdict::Kept
        } else if f64::from(actual) >= PARTLY_KEPT_FLOOR * target {
            Verdict::PartlyKept
        } else {
            Verdict::NotKept
        })
    } else if as_of < start {
        Suggestion::Progress(ProgressStatus::NotStarted)
    } else if actual >= at_least || forecast >= target {
        Suggestion::Progress(ProgressStatus::OnTrack)
    } else if actual == 0 && elapsed < 1.0 / 12.0 {
        // Nothing logged in the first month says little.
        Suggestion::Progress(ProgressStatus::NotStarted)
    } else if forecast >= AT_RISK_FLOOR * target {
        Suggestion::Progress(ProgressStatus::AtRisk)
    } else {
        Suggestion::Progress(ProgressStatus::Behind)
    };
    Figures {
        actual,
        target: at_least,
        expected,
        forecast,
        suggestion,
    }
}

/// How far from plan a status is, for taking the worst of several.
fn severity(status: ProgressStatus) -> u8 {
    match status {
        ProgressStatus::NotStarted | ProgressStatus::OnTrack => 0,
        ProgressStatus::AtRisk => 1,
        ProgressStatus::Behind => 2,
    }
}

/// One year's figures of a target promised for each year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearFigures {
    pub year: Year,
    pub figures: Figures,
}

/// The figures of a numeric target, whole or per year.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// For `per: span`, the whole period. For `per: year`, the year `as_of` falls in
    /// (the first year before the period, the last after it), except the suggestion,
    /// which judges every year: see [`assess`].
    pub figures: Figures,
    /// The year `figures` are for, for `per: year`.
    pub year: Option<Year>,
    /// Each year's figures for `per: year`; empty for `per: span`.
    pub years: Vec<YearFigures>,
}

/// Judges `progress` against a target of `at_least` as of `as_of`.
///
/// For a number promised for each year, every year is judged on its own: after the
/// period, the promise is kept only if every year was kept, not kept if no year was
/// even partly kept, and partly kept otherwise. During the period, a past year that was
/// not kept makes the commitment behind (partly kept: at risk), whatever the present
/// year's pace.
pub fn assess(
    at_least: u32,
    per: Per,
    period: YearSpan,
    progress: &Progress,
    as_of: NaiveDate,
) -> Assessment {
    assess_in(at_least, per, period, progress, as_of, &When::default())
}

/// [`assess`] for a target counted only in a calendar window (see [`figures_in`]).
pub fn assess_in(
    at_least: u32,
    per: Per,
    period: YearSpan,
    progress: &Progress,
    as_of: NaiveDate,
    window: &When,
) -> Assessment {
    if per == Per::Span {
        return Assessment {
            figures: figures_in(at_least, period, progress.actual, as_of, window),
            year: None,
            years: Vec::new(),
        };
    }
    let years: Vec<YearFigures> = period
        .years()
        .map(|year| YearFigures {
            year,
            figures: figures_in(
                at_least,
                YearSpan::single(year),
                progress.by_year.get(&year.get()).copied().unwrap_or(0),
                as_of,
                window,
            ),
        })
        .collect();
    let current = years
        .iter()
        .find(|y| Year::of(as_of) == Some(y.year))
        .or(if as_of < period.first_day() {
            years.first()
        } else {
            years.last()
        })
        .copied()
        .expect("a span has at least one year");
    let verdicts: Vec<Verdict> = years
        .iter()
        .filter_map(|y| match y.figures.suggestion {
            Suggestion::Verdict(v) => Some(v),
            _ => None,
        })
        .collect();
    let suggestion = if as_of >= period.last_day() {
        Suggestion::Verdict(if verdicts.iter().all(|v| *v == Verdict::Kept) {
            Verdict::Kept
        } else if verdicts.iter().all(|v| *v == Verdict::NotKept) {
            Verdict::NotKept
        } else {
            Verdict::PartlyKept
        })
    } else {
        let past = if verdicts.contains(&Verdict::NotKept) {
            ProgressStatus::Behind
        } else if verdicts.contains(&Verdict::PartlyKept) {
            ProgressStatus::AtRisk
        } else {
            ProgressStatus::OnTrack
        };
        match current.figures.suggestion {
            Suggestion::Progress(now) if severity(past) > severity(now) => {
                Suggestion::Progress(past)
            }
            // The last day of a year that is not the last: the year's verdict is in
            // `past`, and the period goes on.
            Suggestion::Verdict(_) => Suggestion::Progress(past),
            other => other,
        }
    };
    Assessment {
        figures: Figures {
            suggestion,
            ..current.figures
        },
        year: Some(current.year),
        years,
    }
}

/// A logged activity as it is entered (form, API, CSV row), before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewActivity {
    pub activity: Activity,
    /// When it started, in UTC.
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub note: Option<crate::text::Text>,
    /// The sender's own id for the activity; the same id twice is the same activity.
    pub external_id: Option<String>,
}

impl NewActivity {
    pub const MAX_NOTE: usize = 500;
    pub const MAX_EXTERNAL_ID: usize = 100;
    pub const MAX_DURATION: u32 = 24 * 60;

    /// The key that makes re-sending the same activity harmless: the external id if
    /// given, otherwise the activity's content.
    pub fn dedup_key(&self) -> String {
        match &self.external_id {
            Some(id) => format!("id:{id}"),
            None => {
                let a = &self.activity;
                format!(
                    "content:{}|{}|{}|{}|{}|{}|{}",
                    a.activity_type,
                    a.performer.as_text(),
                    self.started_at.to_rfc3339(),
                    a.duration_minutes
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    a.place.as_ref().map(PlaceSlug::as_str).unwrap_or_default(),
                    a.participants.map(|p| p.to_string()).unwrap_or_default(),
                    self.note.as_ref().map(|n| n.as_str()).unwrap_or_default(),
                )
            }
        }
    }
}

impl Performer {
    /// Reads "police", "municipality" or "partner:NAME", and the words other systems
    /// write for them ("Polisen", "polis", "Kommunen", "kommun", "partner: NAME").
    pub fn parse(raw: &str) -> Result<Performer, crate::problem::Problem> {
        let trimmed = raw.trim();
        // The codes themselves without allocating: an import reads one per row.
        match trimmed {
            "police" => return Ok(Performer::Police),
            "municipality" => return Ok(Performer::Municipality),
            _ => {}
        }
        let word = trimmed.to_lowercase();
        match word.as_str() {
            "police" | "polisen" | "polis" => Ok(Performer::Police),
            "municipality" | "kommunen" | "kommun" => Ok(Performer::Municipality),
            _ => match trimmed.split_once(':') {
                Some((tag, name))
                    if matches!(
                        tag.trim().to_lowercase().as_str(),
                        "partner" | "samverkanspart"
                    ) && !name.trim().is_empty() =>
                {
                    Ok(Performer::Partner(name.trim().to_owned()))
                }
                _ => Err(crate::problem::Problem::NotOneOf {
                    value: raw.to_owned(),
                    allowed: "police (polisen), municipality (kommunen), partner:NAMN".to_owned(),
                }),
            },
        }
    }

    /// The form stored and exchanged ("police", "municipality", "partner:<name>"),
    /// without allocating for the two parties (an import writes it for every row).
    pub fn as_text(&self) -> std::borrow::Cow<'static, str> {
        match self {
            Performer::Police => "police".into(),
            Performer::Municipality => "municipality".into(),
            Performer::Partner(p) => format!("partner:{p}").into(),
        }
    }

    pub fn as_string(&self) -> String {
        self.as_text().into_owned()
    }
}

/// What a follow-up report covers: one tertial of a year, or the final report
/// (slutredovisning) on the whole period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportPeriod {
    Tertial(Tertial),
    Final,
}

impl ReportPeriod {
    pub const ALL: [ReportPeriod; 4] = [
        ReportPeriod::Tertial(Tertial::T1),
        ReportPeriod::Tertial(Tertial::T2),
        ReportPeriod::Tertial(Tertial::T3),
        ReportPeriod::Final,
    ];

    /// As written in URLs and storage: `t1`, `t2`, `t3`, `slutredovisning`.
    pub fn slug(self) -> &'static str {
        match self {
            ReportPeriod::Tertial(Tertial::T1) => "t1",
            ReportPeriod::Tertial(Tertial::T2) => "t2",
            ReportPeriod::Tertial(Tertial::T3) => "t3",
            ReportPeriod::Final => "slutredovisning",
        }
    }

    pub fn parse(raw: &str) -> Option<ReportPeriod> {
        Self::ALL.into_iter().find(|p| p.slug() == raw)
    }

    /// The last day the report counts work up to.
    pub fn cutoff(self, year: Year, period: YearSpan) -> NaiveDate {
        match self {
            ReportPeriod::Tertial(t) => t.dates(year).1,
            ReportPeriod::Final => period.last_day(),
        }
    }

    /// The statuses staff may choose in this report: progress during the year ("not
    /// assessed" among them), verdicts in the final report.
    pub fn allowed_statuses(self) -> &'static [&'static str] {
        match self {
            ReportPeriod::Tertial(_) => &[
                "not-started",
                "on-track",
                "at-risk",
                "behind",
                "not-assessed",
            ],
            // A final report owes a verdict: "assessed in words" is how, not what.
            ReportPeriod::Final => &["kept", "partly-kept", "not-kept"],
        }
    }
}

/// One commitment's part of a follow-up report, as staff write it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntryInput {
    pub status: String,
    pub reason: String,
    pub narrative: String,
    pub evidence: Vec<String>,
}

/// A follow-up entry that passed its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub status: String,
    pub reason: Option<crate::text::Text>,
    pub narrative: Option<crate::text::Text>,
    pub evidence: Vec<String>,
}

impl EntryInput {
    pub const MAX_EVIDENCE: usize = 10;

    /// Checks one entry. `suggested` is the engine's status code for a numeric target
    /// (`None` where no number was promised). A draft may leave narratives for later;
    /// `publishing` requires them where there is no number. Problems are named by field.
    pub fn check(
        &self,
        period: ReportPeriod,
        suggested: Option<&str>,
        publishing: bool,
    ) -> Result<Entry, Vec<(&'static str, crate::problem::Problem)>> {
        use crate::problem::Problem;
        let mut problems = Vec::new();
        let status = match (self.status.trim(), suggested) {
            ("", Some(s)) => s.to_owned(),
            // Not chosen yet (or "assessed in words" from a draft saved before verdicts
            // were owed): a draft keeps it open, a final report may not be published so.
            ("" | "not-assessed", None) => {
                if publishing && period == ReportPeriod::Final {
                    problems.push(("status", Problem::VerdictRequired));
                }
                "not-assessed".to_owned()
            }
            (s, _) if period.allowed_statuses().contains(&s) => s.to_owned(),
            (s, _) => {
                problems.push((
                    "status",
                    Problem::Slug {
                        value: s.to_owned(),
                    },
                ));
                String::new()
            }
        };
        let text = |raw: &str, max| match raw.trim() {
            "" => Ok(None),
            t => crate::text::Text::parse(t, max).map(Some),
        };
        let reason = text(&self.reason, crate::text::Text::LONG).unwrap_or_else(|p| {
            problems.push(("reason", p));
            None
        });
        let narrative = text(&self.narrative, crate::text::Text::LONG).unwrap_or_else(|p| {
            problems.push(("narrative", p));
            None
        });
        // Overriding the engine needs a reason residents can read.
        if let Some(s) = suggested
            && !status.is_empty()
            && status != s
            && reason.is_none()
        {
            problems.push(("reason", Problem::OverrideNeedsReason));
        }
        // Without a number, words are the only follow-up there is.
        if publishing && suggested.is_none() && narrative.is_none() {
            problems.push(("narrative", Problem::Required));
        }
        let evidence: Vec<String> = self
            .evidence
            .iter()
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty())
            .collect();
        if evidence.len() > Self::MAX_EVIDENCE {
            problems.push((
                "evidence",
                Problem::TooMany {
                    max: Self::MAX_EVIDENCE,
                },
            ));
        }
        if let Some(bad) = evidence.iter().find(|e| {
            !(e.starts_with("https://") || e.starts_with("http://"))
                || e.len() > 500
                || e.chars().any(char::is_whitespace)
        }) {
            problems.push(("evidence", Problem::Link { value: bad.clone() }));
        }
        if problems.is_empty() {
            Ok(Entry {
                status,
                reason,
                narrative,
                evidence,
            })
        } else {
            Err(problems)
        }
    }
}
