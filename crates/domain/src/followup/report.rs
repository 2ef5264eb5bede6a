//! The periods a promise is reported on (tertials, the final report) and what staff
//! write for each commitment, checked.

use chrono::NaiveDate;

use crate::calendar::{Tertial, Year, YearSpan};

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
