//! Following without an account: what a resident can follow, how often they want to be
//! told, and the rules that keep their address the least personal data it can be.
//!
//! An address follows a thing once it has confirmed that follow by a link (double
//! opt-in). It is told of the thing's notices at once or in a weekly or monthly digest.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How long a confirmation link works; an unconfirmed follow is deleted after it.
pub const CONFIRM_WITHIN: Duration = Duration::days(7);

/// At most this many requests to confirm a follow go to one address in a day, however
/// many instances serve: a flood of requests cannot flood a stranger's inbox.
pub const CONFIRMATIONS_PER_DAY: i64 = 10;

/// An address whose messages have all bounced for this long is deleted with its follows.
pub const BOUNCING_FOR: Duration = Duration::days(365);

/// What a resident can follow in a municipality.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "target", content = "key", rename_all = "snake_case")]
pub enum Target {
    /// A promise (the municipality's promise of one period), by its id.
    Promise(i32),
    /// One commitment of a promise, by its id.
    Commitment(i32),
    /// The municipality's situation picture (its tertial analyses).
    Picture,
    /// Inputs and findings at one place (a locality, an area), by its slug.
    Place(String),
}

impl Target {
    /// The stored name of the kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Promise(_) => "promise",
            Target::Commitment(_) => "commitment",
            Target::Picture => "picture",
            Target::Place(_) => "place",
        }
    }

    /// The stored key within the kind.
    pub fn key(&self) -> String {
        match self {
            Target::Promise(id) | Target::Commitment(id) => id.to_string(),
            Target::Picture => String::new(),
            Target::Place(slug) => slug.clone(),
        }
    }

    /// The target from its stored kind and key.
    pub fn from_stored(kind: &str, key: &str) -> Option<Target> {
        match kind {
            "promise" => key.parse().ok().map(Target::Promise),
            "commitment" => key.parse().ok().map(Target::Commitment),
            "picture" if key.is_empty() => Some(Target::Picture),
            "place" if !key.is_empty() => Some(Target::Place(key.to_owned())),
            _ => None,
        }
    }
}

/// How often a follower is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// A message for each notice, as it happens.
    Immediately,
    /// One message a week with the week's notices (none if there were none).
    Weekly,
    /// One message a month.
    Monthly,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediately => "immediately",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
        }
    }

    /// How long a digest covers; `None` for messages sent at once.
    pub fn period(self) -> Option<Duration> {
        match self {
            Frequency::Immediately => None,
            Frequency::Weekly => Some(Duration::days(7)),
            Frequency::Monthly => Some(Duration::days(30)),
        }
    }

    /// Whether a digest that last covered up to `since` is due at `now`.
    pub fn digest_due(self, since: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        self.period().is_some_and(|period| now - since >= period)
    }
}

impl FromStr for Frequency {
    type Err = crate::Problem;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "immediately" => Ok(Frequency::Immediately),
            "weekly" => Ok(Frequency::Weekly),
            "monthly" => Ok(Frequency::Monthly),
            _ => Err(crate::Problem::Choice),
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to a followed thing, as residents are told of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    FollowUpPublished,
    FinalReportPublished,
    PromisePublished,
    PromiseChanged,
    /// A followed commitment was changed or removed after publication.
    CommitmentChanged,
    AnalysisPublished,
    /// An input at a followed place was published.
    InputPublished,
    /// A published input at a followed place got a reply or a new status.
    InputChanged,
    /// A safety-walk finding at a followed place moved to a new status.
    FindingChanged,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::FollowUpPublished => "follow_up_published",
            NoticeKind::FinalReportPublished => "final_report_published",
            NoticeKind::PromisePublished => "promise_published",
            NoticeKind::PromiseChanged => "promise_changed",
            NoticeKind::CommitmentChanged => "commitment_changed",
            NoticeKind::AnalysisPublished => "analysis_published",
            NoticeKind::InputPublished => "input_published",
            NoticeKind::InputChanged => "input_changed",
            NoticeKind::FindingChanged => "finding_changed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_survives_being_stored() {
        for target in [
            Target::Promise(7),
            Target::Commitment(12),
            Target::Picture,
            Target::Place("malmkoping".into()),
        ] {
            assert_eq!(
                Target::from_stored(target.kind(), &target.key()),
                Some(target)
            );
        }
        assert_eq!(Target::from_stored("promise", "x"), None);
        assert_eq!(Target::from_stored("place", ""), None);
        assert_eq!(Target::from_stored("secret", "1"), None);
    }

    #[test]
    fn a_digest_is_due_once_its_period_has_passed() {
        let t0 = DateTime::parse_from_rfc3339("2026-01-01T08:00:00Z")
            .unwrap()
            .to_utc();
        assert!(!Frequency::Weekly.digest_due(t0, t0 + Duration::days(6)));
        assert!(Frequency::Weekly.digest_due(t0, t0 + Duration::days(7)));
        assert!(!Frequency::Monthly.digest_due(t0, t0 + Duration::days(29)));
        assert!(Frequency::Monthly.digest_due(t0, t0 + Duration::days(30)));
        assert!(!Frequency::Immediately.digest_due(t0, t0 + Duration::days(400)));
        assert_eq!("weekly".parse::<Frequency>(), Ok(Frequency::Weekly));
        assert!("daily".parse::<Frequency>().is_err());
    }
}
