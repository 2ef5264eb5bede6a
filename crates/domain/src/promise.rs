//! The medborgarlöfte itself: aim, focus, outcome goal, commitments by party, targets.

use chrono::NaiveDate;

use crate::activity::{ActivityTypeCode, MethodCode};
use crate::calendar::{Quarter, Year, YearSpan};
use crate::condition::{Measure, Per, When};
use crate::municipality::MunicipalityCode;
use crate::place::PlaceSlug;
use crate::problem::Problem;
use crate::stats::Better;
use crate::survey::SurveyCode;
use crate::text::Text;

/// Where a promise is in its life. The public sees only `Published` and `Closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromiseStatus {
    /// Being written; may change freely.
    Draft,
    /// Signed by the local police area chief and the municipal chief; not yet public.
    Signed,
    /// Public and being carried out.
    Published,
    /// The year is over and the final report (slutredovisning) is done.
    Closed,
}

impl PromiseStatus {
    pub const ALL: [PromiseStatus; 4] = [
        PromiseStatus::Draft,
        PromiseStatus::Signed,
        PromiseStatus::Published,
        PromiseStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PromiseStatus::Draft => "draft",
            PromiseStatus::Signed => "signed",
            PromiseStatus::Published => "published",
            PromiseStatus::Closed => "closed",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .ok_or(Problem::Slug {
                value: raw.to_owned(),
            })
    }

    pub fn is_public(self) -> bool {
        matches!(self, PromiseStatus::Published | PromiseStatus::Closed)
    }

    /// The workflow only moves forwards, one step at a time (draft → signed → published →
    /// closed); a signed promise may go back to draft if it has to be signed again.
    pub fn may_become(self, next: PromiseStatus) -> bool {
        use PromiseStatus::*;
        matches!(
            (self, next),
            (Draft, Signed) | (Signed, Published) | (Published, Closed) | (Signed, Draft)
        )
    }
}

/// Who makes a commitment. The seed groups them as "Tillsammans", "Polisen lovar" and
/// "<kommun> lovar"; other partners (housing companies, fire service) sometimes join.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Party {
    Together,
    Police,
    Municipality,
    Partner(Text),
}

impl Party {
    /// Order of the sections on the page, as in the seed.
    pub fn rank(&self) -> u8 {
        match self {
            Party::Together => 0,
            Party::Police => 1,
            Party::Municipality => 2,
            Party::Partner(_) => 3,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Party::Together => "together",
            Party::Police => "police",
            Party::Municipality => "municipality",
            Party::Partner(_) => "partner",
        }
    }
}

/// Brå's distinction between outcome (effektmål), process and output (produktionsmål).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommitmentKind {
    Output,
    Process,
    Outcome,
}

impl CommitmentKind {
    pub const ALL: [CommitmentKind; 3] = [
        CommitmentKind::Output,
        CommitmentKind::Process,
        CommitmentKind::Outcome,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::Output => "output",
            CommitmentKind::Process => "process",
            CommitmentKind::Outcome => "outcome",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or(Problem::Slug {
                value: raw.to_owned(),
            })
    }
}

/// A working method with the duration window an activity must fall in to count under it
/// (a traffic control of five minutes is not a control by the 20-minute method).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Method {
    pub code: MethodCode,
    pub min_minutes: u32,
    pub max_minutes: u32,
}

impl Method {
    pub const MAX_MINUTES: u32 = 24 * 60;

    pub fn new(code: MethodCode, min_minutes: u32, max_minutes: u32) -> Result<Self, Problem> {
        if min_minutes == 0 || min_minutes > max_minutes || max_minutes > Self::MAX_MINUTES {
            return Err(Problem::MethodWindow {
                min: min_minutes,
                max: max_minutes,
            });
        }
        Ok(Self {
            code,
            min_minutes,
            max_minutes,
        })
    }

    pub fn admits(&self, minutes: u32) -> bool {
        (self.min_minutes..=self.max_minutes).contains(&minutes)
    }
}

/// Where activities must take place to count, or where more of them is wanted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceScope {
    Anywhere,
    /// The outlying villages (kransorter) around the main town.
    OutlyingVillages,
    /// Named places of the municipality.
    Places(Vec<PlaceSlug>),
}

/// A measurable part of a commitment: which logged activities count, and how many are
/// promised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The activity types that count; never empty, no repeats.
    pub activities: Vec<ActivityTypeCode>,
    /// "At least N" of the `measure`, within the span or each year of it (`per`);
    /// `None` where the promise names the work but no number (e.g. foot patrol in Flen
    /// centre, 2020).
    pub at_least: Option<u32>,
    /// When in the calendar work counts (months, weekdays, hours); always by default.
    pub when: When,
    pub per: Per,
    pub measure: Measure,
    pub method: Option<Method>,
    /// Only activities here count.
    pub scope: PlaceScope,
    /// Where the promise asks for more presence, reported as a share (2021: kransorterna).
    pub emphasis: Option<PlaceScope>,
}

impl Target {
    pub const MAX_COUNT: u32 = 1_000_000;
    pub const MAX_ACTIVITIES: usize = 10;

    /// A target that counts every activity of one type, anywhere and any time: the
    /// shape most promises have.
    pub fn counting(activity: ActivityTypeCode, at_least: Option<u32>) -> Self {
        Self {
            activities: vec![activity],
            at_least,
            when: When::default(),
            per: Per::Span,
            measure: Measure::Count,
            method: None,
            scope: PlaceScope::Anywhere,
            emphasis: None,
        }
    }

    pub fn counts_type(&self, code: &ActivityTypeCode) -> bool {
        self.activities.contains(code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub party: Party,
    pub text: Text,
    pub kind: CommitmentKind,
    pub target: Option<Target>,
    /// A local plan the commitment works through, e.g. "Lokal ANDT-handlingsplan".
    pub local_plan: Option<Text>,
    /// The commitment's text in English, where the parties wrote one.
    pub english: Option<Text>,
    /// What measures it in the situation picture, as well as or instead of a target.
    pub indicator: Option<crate::indicator::IncidentIndicator>,
}

impl Commitment {
    /// Whether a resident could check the commitment by a number. Brå asks for concrete,
    /// measurable promises; the staff area points out the ones that are not.
    pub fn is_measurable(&self) -> bool {
        self.target.as_ref().is_some_and(|t| t.at_least.is_some())
    }
}

/// The promise's outcome goal, e.g. "År 2022 ska en generell ökning av den upplevda
/// tryggheten gå att avläsa i trygghetsmätningar och medborgardialoger."
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeGoal {
    pub text: Text,
    /// The year the outcome is to be measured in.
    pub measured_in: Year,
    /// How the safety survey tells whether the goal was reached, once linked.
    pub measure: Option<OutcomeMeasure>,
}

/// The survey indicators an outcome goal is judged by: each compared between the
/// baseline year and the measurement year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeMeasure {
    pub baseline: Year,
    pub indicators: Vec<OutcomeIndicator>,
}

impl OutcomeMeasure {
    pub const MAX_INDICATORS: usize = 10;
}

/// An indicator of the municipality's survey codebook and which way counts as better.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeIndicator {
    pub indicator: SurveyCode,
    pub better: Better,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InternalFollowUp {
    /// Per tertial (T1–T3), the usual rhythm.
    Tertial,
    /// Once a year only.
    Yearly,
}

/// How the promise will be followed up: internally during the year, and officially in a
/// final report (slutredovisning) afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpPlan {
    pub internal: InternalFollowUp,
    pub final_report_year: Year,
    pub final_report_quarter: Quarter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signatory {
    pub name: Text,
    /// Title and organisation, e.g. "Lokalpolisområdeschef, LPO Katrineholm".
    pub role: Text,
}

/// The English versions of a promise's own texts, each written or not: the English site
/// shows what was written and the Swedish text, marked as Swedish, where nothing was.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EnglishTexts {
    pub title: Option<Text>,
    pub aim: Option<Text>,
    /// None, or one per focus area in the same order.
    pub focus_areas: Vec<Text>,
    pub focus_text: Option<Text>,
    pub outcome_goal: Option<Text>,
}

impl EnglishTexts {
    pub fn is_empty(&self) -> bool {
        *self == EnglishTexts::default()
    }
}

/// How much of a promise has an English version: the English site says when some or all
/// of it is shown in Swedish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnglishCoverage {
    /// Every text the promise has is also in English.
    Full,
    Partial,
    None,
}

/// One municipality's promise for a year or a span of years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    pub municipality: MunicipalityCode,
    pub years: YearSpan,
    pub title: Text,
    /// The overall aim the parties share ("öka tryggheten och minska risken...").
    pub aim: Text,
    pub focus_areas: Vec<Text>,
    /// The focus paragraph as published, if the promise words its focus as prose.
    pub focus_text: Option<Text>,
    pub outcome_goal: OutcomeGoal,
    pub follow_up: FollowUpPlan,
    pub status: PromiseStatus,
    pub signed_on: Option<NaiveDate>,
    pub signatories: Vec<Signatory>,
    /// The first year of the promise this one continues (started as a copy of it).
    pub continues: Option<Year>,
    pub commitments: Vec<Commitment>,
    /// English versions of the texts above; those of the commitments are on each.
    pub english: EnglishTexts,
}

impl Promise {
    pub const MAX_COMMITMENTS: usize = 100;
    pub const MAX_FOCUS_AREAS: usize = 20;

    /// A new draft for the year after this promise, with the same content, linked back.
    /// Outcome-goal and final-report years move on by the same distance, and so do the
    /// years of the span written in the title ("Medborgarlöfte 2021" becomes
    /// "Medborgarlöfte 2022", "2027–2028" becomes "2029–2030"); other numbers stay.
    pub fn continue_into(&self, first: Year) -> Result<Promise, Problem> {
        let shift = first.get() - self.years.first().get();
        if shift <= 0 {
            return Err(Problem::ContinuesNotEarlier { first: first.get() });
        }
        let move_year = |y: Year| Year::new(y.get() + shift);
        let length = self.years.last().get() - self.years.first().get();
        let years = YearSpan::new(first, Year::new(first.get() + length)?)?;
        Ok(Promise {
            years,
            title: moved_years(
                &self.title,
                self.years.first().get()..=self.years.last().get(),
                shift,
                Text::SHORT,
            )?,
            outcome_goal: OutcomeGoal {
                // "År 2022 ska …" measured in 2022 becomes "År 2023 ska …".
                text: moved_years(
                    &self.outcome_goal.text,
                    self.years.first().get()..=self.outcome_goal.measured_in.get(),
                    shift,
                    Text::LONG,
                )?,
                measured_in: move_year(self.outcome_goal.measured_in)?,
                measure: match &self.outcome_goal.measure {
                    Some(m) => Some(OutcomeMeasure {
                        baseline: move_year(m.baseline)?,
                        indicators: m.indicators.clone(),
                    }),
                    None => None,
                },
            },
            follow_up: FollowUpPlan {
                final_report_year: move_year(self.follow_up.final_report_year)?,
                ..self.follow_up
            },
            english: EnglishTexts {
                title: self
                    .english
                    .title
                    .as_ref()
                    .map(|t| {
                        moved_years(
                            t,
                            self.years.first().get()..=self.years.last().get(),
                            shift,
                            Text::SHORT,
                        )
                    })
                    .transpose()?,
                outcome_goal: self
                    .english
                    .outcome_goal
                    .as_ref()
                    .map(|t| {
                        moved_years(
                            t,
                            self.years.first().get()..=self.outcome_goal.measured_in.get(),
                            shift,
                            Text::LONG,
                        )
                    })
                    .transpose()?,
                ..self.english.clone()
            },
            status: PromiseStatus::Draft,
            signed_on: None,
            signatories: Vec::new(),
            continues: Some(self.years.first()),
            ..self.clone()
        })
    }

    /// Whether `other` is this promise with only its texts changed: title, aim, focus,
    /// outcome goal, the commitments' texts and every English version. That is what a
    /// closed promise may still be corrected in; its structure is the record of the year.
    pub fn differs_in_texts_only(&self, other: &Promise) -> bool {
        if self.focus_areas.len() != other.focus_areas.len()
            || self.focus_text.is_some() != other.focus_text.is_some()
            || self.commitments.len() != other.commitments.len()
        {
            return false;
        }
        let mut texts_undone = other.clone();
        texts_undone.title = self.title.clone();
        texts_undone.aim = self.aim.clone();
        texts_undone.focus_areas = self.focus_areas.clone();
        texts_undone.focus_text = self.focus_text.clone();
        texts_undone.outcome_goal.text = self.outcome_goal.text.clone();
        texts_undone.english = self.english.clone();
        for (undone, mine) in texts_undone.commitments.iter_mut().zip(&self.commitments) {
            undone.text = mine.text.clone();
            undone.english = mine.english.clone();
        }
        texts_undone == *self
    }

    /// Whether the English site can show the promise in English: every text it has, the
    /// commitments' included, has an English version (`Full`), some do, or none.
    pub fn english_coverage(&self) -> EnglishCoverage {
        let e = &self.english;
        let mut written = 0;
        let mut missing = 0;
        let mut count = |has: bool| if has { written += 1 } else { missing += 1 };
        count(e.title.is_some());
        count(e.aim.is_some());
        count(e.outcome_goal.is_some());
        if !self.focus_areas.is_empty() {
            count(!e.focus_areas.is_empty());
        }
        if self.focus_text.is_some() {
            count(e.focus_text.is_some());
        }
        for c in &self.commitments {
            count(c.english.is_some());
        }
        match (written, missing) {
            (_, 0) => EnglishCoverage::Full,
            (0, _) => EnglishCoverage::None,
            _ => EnglishCoverage::Partial,
        }
    }

    /// The commitments of one party, in their written order.
    pub fn commitments_of<'a>(&'a self, party: &'a Party) -> impl Iterator<Item = &'a Commitment> {
        self.commitments.iter().filter(move |c| &c.party == party)
    }

    /// The commitments' indices in the order the page shows them: grouped by party, the
    /// parties in the order of their first commitment, each party's in written order.
    /// Reports number commitments in this order, so "3" is the same commitment on both.
    pub fn page_order(&self) -> Vec<usize> {
        self.parties()
            .iter()
            .flat_map(|party| {
                self.commitments
                    .iter()
                    .enumerate()
                    .filter(move |(_, c)| &c.party == party)
                    .map(|(i, _)| i)
            })
            .collect()
    }

    /// The parties that have commitments, in the order the page shows them.
    pub fn parties(&self) -> Vec<Party> {
        let mut parties: Vec<Party> = Vec::new();
        for c in &self.commitments {
            if !parties.contains(&c.party) {
                parties.push(c.party.clone());
            }
        }
        parties.sort_by_key(Party::rank);
        parties
    }
}

/// `text` with every four-digit number in `years` moved on by `shift` ("Medborgarlöfte
/// 2021" → "Medborgarlöfte 2022"); other numbers ("100 kontroller", "Väg 2150") stay.
fn moved_years(
    text: &Text,
    years: std::ops::RangeInclusive<i32>,
    shift: i32,
    max: usize,
) -> Result<Text, Problem> {
    let mut out = String::with_capacity(text.as_str().len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| -> Result<(), Problem> {
        match digits.parse::<i32>() {
            Ok(year) if digits.len() == 4 && years.contains(&year) => {
                out.push_str(&Year::new(year + shift)?.to_string());
            }
            _ => out.push_str(digits),
        }
        digits.clear();
        Ok(())
    };
    for c in text.as_str().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out)?;
            out.push(c);
        }
    }
    flush(&mut digits, &mut out)?;
    Text::parse(&out, max)
}
