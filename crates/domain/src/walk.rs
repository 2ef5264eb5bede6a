//! Safety walks (trygghetsvandringar): residents, police and municipality walk a route
//! and note what makes it feel unsafe. Each finding has an owner, a due date and a status
//! that residents can follow: reported → planned → fixed, or "not to be done" with a
//! reason stated to them.

use chrono::NaiveDate;

use crate::place::PlaceSlug;
use crate::problem::{Errors, FieldError, Problem};
use crate::text::Text;

/// What a finding is about. Names come from the Fluent files (`finding-category-<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingCategory {
    Lighting,
    Vegetation,
    Litter,
    Graffiti,
    Other,
}

impl FindingCategory {
    pub const ALL: [FindingCategory; 5] = [
        FindingCategory::Lighting,
        FindingCategory::Vegetation,
        FindingCategory::Litter,
        FindingCategory::Graffiti,
        FindingCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FindingCategory::Lighting => "lighting",
            FindingCategory::Vegetation => "vegetation",
            FindingCategory::Litter => "litter",
            FindingCategory::Graffiti => "graffiti",
            FindingCategory::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Result<FindingCategory, Problem> {
        Self::ALL
            .into_iter()
            .find(|c| c.code() == raw)
            .ok_or(Problem::Choice)
    }
}

/// Where a finding stands. Residents see every status; "not to be done" always with its
/// reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum FindingStatus {
    Reported,
    Planned,
    Fixed,
    WontFix,
}

impl FindingStatus {
    pub const ALL: [FindingStatus; 4] = [
        FindingStatus::Reported,
        FindingStatus::Planned,
        FindingStatus::Fixed,
        FindingStatus::WontFix,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FindingStatus::Reported => "reported",
            FindingStatus::Planned => "planned",
            FindingStatus::Fixed => "fixed",
            FindingStatus::WontFix => "wont_fix",
        }
    }

    pub fn parse(raw: &str) -> Result<FindingStatus, Problem> {
        Self::ALL
            .into_iter()
            .find(|c| c.code() == raw)
            .ok_or(Problem::Choice)
    }

    /// The statuses a finding may move to from here: forwards, and from any open status
    /// to "not to be done". A fixed or dropped finding is closed; a new problem at the
    /// same place is a new finding.
    pub fn next(self) -> &'static [FindingStatus] {
        use FindingStatus::*;
        match self {
            Reported => &[Planned, Fixed, WontFix],
            Planned => &[Fixed, WontFix],
            Fixed | WontFix => &[],
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, FindingStatus::Reported | FindingStatus::Planned)
    }
}

/// A status change as staff make it: "not to be done" needs a reason, which residents see.
pub fn check_status_change(
    from: FindingStatus,
    to: FindingStatus,
    reason: Option<&str>,
) -> Result<Option<Text>, Vec<FieldError>> {
    let mut e = Errors::default();
    if !from.next().contains(&to) {
        e.push("status", Problem::Choice);
    }
    let reason = match (to, reason.map(str::trim).filter(|r| !r.is_empty())) {
        (FindingStatus::WontFix, None) => {
            e.push("reason", Problem::Required);
            None
        }
        (_, Some(raw)) => e.take("reason", Text::parse(raw, Text::SHORT)),
        (_, None) => None,
    };
    if e.is_empty() {
        Ok(reason)
    } else {
        Err(e.into_vec())
    }
}

/// A walk as staff register it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWalk {
    pub date: NaiveDate,
    /// The places walked, in order; at least one.
    pub route: Vec<PlaceSlug>,
    pub participants: u32,
    /// When to walk the route again (a reminder on the staff page).
    pub again_by: Option<NaiveDate>,
}

impl NewWalk {
    pub const MAX_PARTICIPANTS: u32 = 10_000;
}

/// A finding as staff note it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFinding {
    pub place: PlaceSlug,
    pub category: FindingCategory,
    pub description: Text,
    /// Who sees to it, e.g. "Kommunen, gatuenheten".
    pub owner: Text,
    pub due: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_move_forwards_and_a_dropped_one_says_why() {
        use FindingStatus::*;
        assert!(check_status_change(Reported, Planned, None).is_ok());
        assert!(check_status_change(Planned, Fixed, None).is_ok());
        let back = check_status_change(Fixed, Reported, None).unwrap_err();
        assert_eq!(back[0].path, "status");
        let silent = check_status_change(Planned, WontFix, Some("  ")).unwrap_err();
        assert_eq!(
            (silent[0].path.as_str(), silent[0].problem.code()),
            ("reason", "required")
        );
        let said = check_status_change(
            Reported,
            WontFix,
            Some("Privat mark; fastighetsägaren är kontaktad."),
        )
        .unwrap()
        .unwrap();
        assert!(said.as_str().starts_with("Privat mark"));
    }
}
