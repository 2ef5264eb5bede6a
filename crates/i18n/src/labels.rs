//! Messages named by a code: `progress-status-on-track` is the message for the code
//! `on-track` of the family [`PROGRESS_STATUS`].
//!
//! Every message id is written out in full here or at its call site, never put together
//! from pieces, so that a search finds each use and the test in this crate can tell a
//! message no code asks for from one a typo asks for in vain. Values of the domain's
//! enums are named through [`Named`] (`lang.name(&status)`); codes that arrive as text
//! (a stored status, a form field's name) through their family (`lang.label(&FIELD,
//! "when")`).

use lofte_domain::access::Role;
use lofte_domain::citizen::{
    AgeBand, DialogueFormat, Gender, InputCategory, InputStatus, ResidentAnswer,
};
use lofte_domain::followup::{Exclusion, ProgressStatus, Verdict};
use lofte_domain::incident::IncidentCategory;
use lofte_domain::police_event::Assigned;
use lofte_domain::stats::{Better, OutcomeVerdict};
use lofte_domain::walk::{FindingCategory, FindingStatus};
use lofte_domain::{PlaceKind, PromiseStatus};

/// A family of messages: each code with the id of its message.
#[derive(Debug)]
pub struct Family(pub &'static [(&'static str, &'static str)]);

impl Family {
    /// The message id for `code`, if the family has one.
    pub fn id(&self, code: &str) -> Option<&'static str> {
        self.0.iter().find(|(c, _)| *c == code).map(|(_, id)| *id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &'static str> {
        self.0.iter().map(|(_, id)| *id)
    }
}

/// A value of the domain that people read by name.
pub trait Named {
    const FAMILY: &'static Family;
    fn code(&self) -> &'static str;

    /// The id of the value's message (for lists of choices that take ids). Every value
    /// has one: a test walks every variant of every `Named` type.
    fn message_id(&self) -> &'static str {
        Self::FAMILY
            .id(self.code())
            .expect("every Named value has a message (tested)")
    }
}

impl<T: Named> Named for &T {
    const FAMILY: &'static Family = T::FAMILY;
    fn code(&self) -> &'static str {
        (**self).code()
    }
}

macro_rules! named {
    ($($type:ty => $family:ident, $code:ident;)+) => {
        $(impl Named for $type {
            const FAMILY: &'static Family = &$family;
            fn code(&self) -> &'static str {
                (*self).$code()
            }
        })+
    };
}

named! {
    ProgressStatus => PROGRESS_STATUS, code;
    Verdict => PROGRESS_STATUS, code;
    PromiseStatus => PROMISE_STATUS, as_str;
    InputStatus => INPUT_STATUS, code;
    ResidentAnswer => RESIDENT_ANSWER, code;
    InputCategory => INPUT_CATEGORY, code;
    AgeBand => AGE_BAND, code;
    Gender => GENDER, code;
    DialogueFormat => DIALOGUE_FORMAT, code;
    PlaceKind => PLACE_KIND, as_str;
    Role => ROLE, as_str;
    Exclusion => EXCLUSION, code;
    OutcomeVerdict => OUTCOME_VERDICT, code;
    Better => BETTER, code;
    FindingCategory => FINDING_CATEGORY, code;
    FindingStatus => FINDING_STATUS, code;
    IncidentCategory => INCIDENT_CATEGORY, code;
    Assigned => EVENT_ASSIGNED, code;
}

/// A commitment's progress status (during the period) or verdict (after it), by code.
pub const PROGRESS_STATUS: Family = Family(&[
    ("on-track", "progress-status-on-track"),
    ("at-risk", "progress-status-at-risk"),
    ("behind", "progress-status-behind"),
    ("not-started", "progress-status-not-started"),
    ("kept", "progress-status-kept"),
    ("partly-kept", "progress-status-partly-kept"),
    ("not-kept", "progress-status-not-kept"),
    ("not-assessed", "progress-status-not-assessed"),
]);

/// A promise's status.
pub const PROMISE_STATUS: Family = Family(&[
    ("draft", "status-draft"),
    ("signed", "status-signed"),
    ("published", "status-published"),
    ("closed", "status-closed"),
]);

/// The button that moves a promise to a status.
pub const TRANSITION: Family = Family(&[
    ("draft", "transition-draft"),
    ("signed", "transition-signed"),
    ("published", "transition-published"),
    ("closed", "transition-closed"),
]);

/// How many of a report's commitments have a status.
pub const SUMMARY: Family = Family(&[
    ("on-track", "summary-on-track"),
    ("at-risk", "summary-at-risk"),
    ("behind", "summary-behind"),
    ("not-started", "summary-not-started"),
    ("kept", "summary-kept"),
    ("partly-kept", "summary-partly-kept"),
    ("not-kept", "summary-not-kept"),
    ("not-assessed", "summary-not-assessed"),
]);

/// A resident's input's moderation status.
pub const INPUT_STATUS: Family = Family(&[
    ("pending", "input-status-pending"),
    ("published", "input-status-published"),
    ("hidden", "input-status-hidden"),
    ("withdrawn", "input-status-withdrawn"),
]);

/// A resident's answer to "Blev det gjort?".
pub const RESIDENT_ANSWER: Family = Family(&[
    ("yes", "resident-answer-yes"),
    ("partly", "resident-answer-partly"),
    ("no", "resident-answer-no"),
]);

/// What a resident's input is about.
pub const INPUT_CATEGORY: Family = Family(&[
    ("unsafe_place", "input-category-unsafe_place"),
    ("lighting", "input-category-lighting"),
    ("vegetation", "input-category-vegetation"),
    ("litter", "input-category-litter"),
    ("graffiti", "input-category-graffiti"),
    ("traffic", "input-category-traffic"),
    ("drugs", "input-category-drugs"),
    ("disturbance", "input-category-disturbance"),
    ("other", "input-category-other"),
]);

/// An age band.
pub const AGE_BAND: Family = Family(&[
    ("under_16", "input-age-under_16"),
    ("16_24", "input-age-16_24"),
    ("25_44", "input-age-25_44"),
    ("45_64", "input-age-45_64"),
    ("65_plus", "input-age-65_plus"),
]);

/// A gender, as residents may give it.
pub const GENDER: Family = Family(&[
    ("woman", "input-gender-woman"),
    ("man", "input-gender-man"),
    ("other", "input-gender-other"),
]);

/// Where an exported input came from: a resident or a safety walk.
pub const INPUTS_EXPORT_KIND: Family = Family(&[
    ("input", "inputs-export-kind-input"),
    ("finding", "inputs-export-kind-finding"),
]);

/// How exactly an exported input's place is given.
pub const INPUTS_EXPORT_PRECISION: Family = Family(&[
    ("point", "inputs-export-precision-point"),
    ("place", "inputs-export-precision-place"),
    ("area", "inputs-export-precision-area"),
]);

/// A month's name, by its number 1–12.
pub const MONTH_LONG: Family = Family(&[
    ("1", "month-long-1"),
    ("2", "month-long-2"),
    ("3", "month-long-3"),
    ("4", "month-long-4"),
    ("5", "month-long-5"),
    ("6", "month-long-6"),
    ("7", "month-long-7"),
    ("8", "month-long-8"),
    ("9", "month-long-9"),
    ("10", "month-long-10"),
    ("11", "month-long-11"),
    ("12", "month-long-12"),
]);

/// A month's short name, by its number 1–12.
pub const MONTH_SHORT: Family = Family(&[
    ("1", "month-short-1"),
    ("2", "month-short-2"),
    ("3", "month-short-3"),
    ("4", "month-short-4"),
    ("5", "month-short-5"),
    ("6", "month-short-6"),
    ("7", "month-short-7"),
    ("8", "month-short-8"),
    ("9", "month-short-9"),
    ("10", "month-short-10"),
    ("11", "month-short-11"),
    ("12", "month-short-12"),
]);

/// A weekday in the plural, by its code (`mon`–`sun`).
pub const WEEKDAY_PLURAL: Family = Family(&[
    ("mon", "weekday-plural-mon"),
    ("tue", "weekday-plural-tue"),
    ("wed", "weekday-plural-wed"),
    ("thu", "weekday-plural-thu"),
    ("fri", "weekday-plural-fri"),
    ("sat", "weekday-plural-sat"),
    ("sun", "weekday-plural-sun"),
]);

/// A form field's hint, by the field's name (`-` for `_`).
pub const FIELD_HINT: Family = Family(&[
    ("when", "field-when-hint"),
    ("note", "field-note-hint"),
    ("incident-text", "field-incident-text-hint"),
    ("reporter", "field-reporter-hint"),
    ("incident-when", "field-incident-when-hint"),
    ("input-address", "field-input-address-hint"),
    ("input-email", "field-input-email-hint"),
    ("case-reply", "field-case-reply-hint"),
    ("case-routed", "field-case-routed-hint"),
    ("unit-name", "field-unit-name-hint"),
    ("unit-email", "field-unit-email-hint"),
    ("withdraw-reason", "field-withdraw-reason-hint"),
    ("input-text", "field-input-text-hint"),
    ("correction-note", "field-correction-note-hint"),
    ("follow-up-learned", "field-follow-up-learned-hint"),
    ("commitments", "field-commitments-hint"),
    ("slug", "field-slug-hint"),
    ("place-position", "field-place-position-hint"),
    ("shape", "field-shape-hint"),
    ("finding-photo", "field-finding-photo-hint"),
    ("last-year", "field-last-year-hint"),
    ("new-password", "field-new-password-hint"),
    ("focus-areas", "field-focus-areas-hint"),
    ("outcome-baseline", "field-outcome-baseline-hint"),
    ("final-report-quarter", "field-final-report-quarter-hint"),
    ("signed-on", "field-signed-on-hint"),
    ("signatories", "field-signatories-hint"),
    ("partner", "field-partner-hint"),
    ("local-plan", "field-local-plan-hint"),
    ("english-focus-areas", "field-english-focus-areas-hint"),
    ("target-at-least", "field-target-at-least-hint"),
    ("target-also", "field-target-also-hint"),
    ("target-per", "field-target-per-hint"),
    ("when-months", "field-when-months-hint"),
    ("when-weekdays", "field-when-weekdays-hint"),
    ("hours-from", "field-hours-from-hint"),
    ("hours-to", "field-hours-to-hint"),
    ("indicator-categories", "field-indicator-categories-hint"),
    ("analysis", "field-analysis-hint"),
    ("indicator-places", "field-indicator-places-hint"),
    ("indicator-from", "field-indicator-from-hint"),
    ("indicator-baseline", "field-indicator-baseline-hint"),
    ("method-code", "field-method-code-hint"),
    ("scope-places", "field-scope-places-hint"),
    ("name-sv-one", "field-name-sv-one-hint"),
    ("name-sv-other", "field-name-sv-other-hint"),
    ("name-en-one", "field-name-en-one-hint"),
    ("name-en-other", "field-name-en-other-hint"),
    ("code", "field-code-hint"),
    ("counts-only", "field-counts-only-hint"),
    ("owner", "field-owner-hint"),
    ("reason", "field-reason-hint"),
    ("moderation-address", "field-moderation-address-hint"),
    ("moderation-point", "field-moderation-point-hint"),
]);

/// A follow-up entry's field, by the last part of its path.
pub const FIELD_FOLLOW_UP: Family = Family(&[
    ("status", "field-follow-up-status"),
    ("reason", "field-follow-up-reason"),
    ("narrative", "field-follow-up-narrative"),
    ("evidence", "field-follow-up-evidence"),
    ("learned", "field-follow-up-learned"),
    ("internal", "field-follow-up-internal"),
]);

/// A form field's label, by the field's name (`-` for `_`).
pub const FIELD: Family = Family(&[
    ("other-duration", "field-other-duration"),
    ("when", "field-when"),
    ("participants", "field-participants"),
    ("note", "field-note"),
    ("incident-text", "field-incident-text"),
    ("reporter", "field-reporter"),
    ("incident-when", "field-incident-when"),
    ("input-locality", "field-input-locality"),
    ("input-place", "field-input-place"),
    ("input-address", "field-input-address"),
    ("input-category", "field-input-category"),
    ("input-text", "field-input-text"),
    ("input-age-band", "field-input-age-band"),
    ("input-gender", "field-input-gender"),
    ("input-email", "field-input-email"),
    ("case-reply", "field-case-reply"),
    ("case-routed", "field-case-routed"),
    ("unit-name", "field-unit-name"),
    ("unit-email", "field-unit-email"),
    ("case-status", "field-case-status"),
    ("withdraw-reason", "field-withdraw-reason"),
    ("ort", "field-ort"),
    ("kategori", "field-kategori"),
    ("moderation-text", "field-moderation-text"),
    ("moderation-reason", "field-moderation-reason"),
    ("correction-note", "field-correction-note"),
    ("commitments", "field-commitments"),
    ("name", "field-name"),
    ("slug", "field-slug"),
    ("place-kind", "field-place-kind"),
    ("within", "field-within"),
    ("outlying", "field-outlying"),
    ("place-position", "field-place-position"),
    ("place-lat", "field-place-lat"),
    ("place-lon", "field-place-lon"),
    ("shape", "field-shape"),
    ("input-position", "field-input-position"),
    ("finding-photo", "field-finding-photo"),
    ("first-year", "field-first-year"),
    ("last-year", "field-last-year"),
    ("first-commitment", "field-first-commitment"),
    ("email", "field-email"),
    ("password", "field-password"),
    ("current-password", "field-current-password"),
    ("new-password", "field-new-password"),
    ("repeat-password", "field-repeat-password"),
    ("title", "field-title"),
    ("aim", "field-aim"),
    ("focus-areas", "field-focus-areas"),
    ("focus-text", "field-focus-text"),
    ("outcome-text", "field-outcome-text"),
    ("outcome-measured-in", "field-outcome-measured-in"),
    ("outcome-baseline", "field-outcome-baseline"),
    ("final-report-year", "field-final-report-year"),
    ("final-report-quarter", "field-final-report-quarter"),
    ("signed-on", "field-signed-on"),
    ("signatories", "field-signatories"),
    ("party", "field-party"),
    ("partner", "field-partner"),
    ("text", "field-text"),
    ("kind", "field-kind"),
    ("local-plan", "field-local-plan"),
    ("english-title", "field-english-title"),
    ("english-aim", "field-english-aim"),
    ("english-focus-areas", "field-english-focus-areas"),
    ("english-focus-text", "field-english-focus-text"),
    ("english-outcome-text", "field-english-outcome-text"),
    ("english-text", "field-english-text"),
    ("target-activity", "field-target-activity"),
    ("target-at-least", "field-target-at-least"),
    ("target-also", "field-target-also"),
    ("target-measure", "field-target-measure"),
    ("target-per", "field-target-per"),
    ("when-months", "field-when-months"),
    ("when-weekdays", "field-when-weekdays"),
    ("hours-from", "field-hours-from"),
    ("hours-to", "field-hours-to"),
    ("method-code", "field-method-code"),
    ("method-min", "field-method-min"),
    ("method-max", "field-method-max"),
    ("scope", "field-scope"),
    ("scope-places", "field-scope-places"),
    ("emphasis", "field-emphasis"),
    ("emphasis-places", "field-emphasis-places"),
    ("indicator-categories", "field-indicator-categories"),
    ("analysis", "field-analysis"),
    ("next-steps", "field-next-steps"),
    ("indicator-places", "field-indicator-places"),
    ("indicator-from", "field-indicator-from"),
    ("indicator-to", "field-indicator-to"),
    ("indicator-baseline", "field-indicator-baseline"),
    ("indicator-better", "field-indicator-better"),
    ("name-sv-one", "field-name-sv-one"),
    ("name-sv-other", "field-name-sv-other"),
    ("name-en-one", "field-name-en-one"),
    ("name-en-other", "field-name-en-other"),
    ("code", "field-code"),
    ("counts-only", "field-counts-only"),
    ("walk-date", "field-walk-date"),
    ("route", "field-route"),
    ("walk-participants", "field-walk-participants"),
    ("walk-performer", "field-walk-performer"),
    ("again-by", "field-again-by"),
    ("finding-place", "field-finding-place"),
    ("finding-category", "field-finding-category"),
    ("description", "field-description"),
    ("owner", "field-owner"),
    ("due", "field-due"),
    ("finding-status", "field-finding-status"),
    ("reason", "field-reason"),
    ("status-filter", "field-status-filter"),
    ("moderation-address", "field-moderation-address"),
    ("moderation-point", "field-moderation-point"),
    ("latitude", "field-latitude"),
    ("longitude", "field-longitude"),
    ("commitment", "field-commitment"),
    ("focus-link", "field-focus-link"),
    ("dialogue-date", "field-dialogue-date"),
    ("dialogue-place", "field-dialogue-place"),
    ("dialogue-format", "field-dialogue-format"),
]);

/// A kind of place.
pub const PLACE_KIND: Family = Family(&[
    ("locality", "place-kind-locality"),
    ("area", "place-kind-area"),
    ("hot_spot", "place-kind-hot_spot"),
    ("road", "place-kind-road"),
    ("school", "place-kind-school"),
    ("station", "place-kind-station"),
]);

/// How a citizen dialogue was held.
pub const DIALOGUE_FORMAT: Family = Family(&[
    ("meeting", "dialogue-format-meeting"),
    ("street_survey", "dialogue-format-street_survey"),
    ("web_survey", "dialogue-format-web_survey"),
    ("other", "dialogue-format-other"),
]);

/// A staff role.
pub const ROLE: Family = Family(&[
    ("partner", "role-partner"),
    ("viewer", "role-viewer"),
    ("analyst", "role-analyst"),
    ("reporter", "role-reporter"),
    ("coordinator", "role-coordinator"),
    ("admin", "role-admin"),
]);

/// Why one activity does not count.
pub const EXCLUSION_ONE: Family = Family(&[
    (
        "outside-method-window",
        "exclusion-one-outside-method-window",
    ),
    ("no-duration", "exclusion-one-no-duration"),
    ("outside-scope", "exclusion-one-outside-scope"),
    ("other-party", "exclusion-one-other-party"),
    ("outside-period", "exclusion-one-outside-period"),
    ("outside-months", "exclusion-one-outside-months"),
    ("outside-weekdays", "exclusion-one-outside-weekdays"),
    ("outside-hours", "exclusion-one-outside-hours"),
    ("no-participants", "exclusion-one-no-participants"),
    ("no-place", "exclusion-one-no-place"),
]);

/// Why activities do not count, with how many.
pub const EXCLUSION: Family = Family(&[
    ("outside-months", "exclusion-outside-months"),
    ("outside-weekdays", "exclusion-outside-weekdays"),
    ("outside-hours", "exclusion-outside-hours"),
    ("no-participants", "exclusion-no-participants"),
    ("no-place", "exclusion-no-place"),
    ("outside-method-window", "exclusion-outside-method-window"),
    ("no-duration", "exclusion-no-duration"),
    ("outside-scope", "exclusion-outside-scope"),
    ("other-type", "exclusion-other-type"),
    ("other-party", "exclusion-other-party"),
    ("outside-period", "exclusion-outside-period"),
]);

/// A part of a promise that a change touched.
pub const CHANGE_FIELD: Family = Family(&[
    ("title", "change-field-title"),
    ("aim", "change-field-aim"),
    ("focus", "change-field-focus"),
    ("outcome-goal", "change-field-outcome-goal"),
    ("follow-up", "change-field-follow-up"),
    ("signing", "change-field-signing"),
    ("english", "change-field-english"),
]);

/// What the survey says of an outcome goal.
pub const OUTCOME_VERDICT: Family = Family(&[
    ("improved", "outcome-verdict-improved"),
    (
        "no-detectable-change",
        "outcome-verdict-no-detectable-change",
    ),
    ("worsened", "outcome-verdict-worsened"),
    ("not-measurable", "outcome-verdict-not-measurable"),
]);

/// Whether work went to the problems more than an even spread would have.
pub const AIM: Family = Family(&[
    ("more-than-even", "targeting-aim-more-than-even"),
    ("as-even", "targeting-aim-as-even"),
    ("less-than-even", "targeting-aim-less-than-even"),
    ("not-measurable", "targeting-aim-not-measurable"),
]);

/// Which direction of an indicator is better.
pub const BETTER: Family = Family(&[
    ("lower", "outcome-better-lower"),
    ("higher", "outcome-better-higher"),
]);

/// A report period, by its slug (`t1`–`t3`, `slutredovisning`).
pub const PERIOD: Family = Family(&[
    ("t1", "period-t1"),
    ("t2", "period-t2"),
    ("t3", "period-t3"),
    ("slutredovisning", "period-slutredovisning"),
]);

/// A built-in working method.
pub const METHOD: Family = Family(&[
    ("twenty_minute", "method-twenty_minute"),
    ("fifteen_minute", "method-fifteen_minute"),
]);

/// What a safety walk's finding is about.
pub const FINDING_CATEGORY: Family = Family(&[
    ("lighting", "finding-category-lighting"),
    ("vegetation", "finding-category-vegetation"),
    ("litter", "finding-category-litter"),
    ("graffiti", "finding-category-graffiti"),
    ("other", "finding-category-other"),
]);

/// Where a finding's remedy stands.
pub const FINDING_STATUS: Family = Family(&[
    ("reported", "finding-status-reported"),
    ("planned", "finding-status-planned"),
    ("fixed", "finding-status-fixed"),
    ("wont_fix", "finding-status-wont_fix"),
]);

/// A problem, by `Problem::code`.
pub const PROBLEM: Family = Family(&[
    ("malformed", "problem-malformed"),
    ("required", "problem-required"),
    ("empty", "problem-empty"),
    ("in-future", "problem-in-future"),
    ("ends-before-start", "problem-ends-before-start"),
    ("personal-data", "problem-personal-data"),
    ("too-long", "problem-too-long"),
    ("too-many", "problem-too-many"),
    ("out-of-range", "problem-out-of-range"),
    ("municipality-code", "problem-municipality-code"),
    ("unknown-municipality", "problem-unknown-municipality"),
    ("other-municipality", "problem-other-municipality"),
    ("year-span-backwards", "problem-year-span-backwards"),
    ("year-span-too-long", "problem-year-span-too-long"),
    ("measured-before-start", "problem-measured-before-start"),
    ("translation-count", "problem-translation-count"),
    ("final-report-too-early", "problem-final-report-too-early"),
    ("continues-not-earlier", "problem-continues-not-earlier"),
    ("slug", "problem-slug"),
    ("unknown-activity-type", "problem-unknown-activity-type"),
    ("activity-type-exists", "problem-activity-type-exists"),
    ("unit-exists", "problem-unit-exists"),
    ("unknown-place", "problem-unknown-place"),
    ("method-window", "problem-method-window"),
    ("coordinates", "problem-coordinates"),
    ("boundary", "problem-boundary"),
    ("outside-municipality", "problem-outside-municipality"),
    ("feed-date-time", "problem-feed-date-time"),
    ("police-link", "problem-police-link"),
    ("not-an-image", "problem-not-an-image"),
    ("identity-linked", "problem-identity-linked"),
    ("image-too-large", "problem-image-too-large"),
    ("file-too-large", "problem-file-too-large"),
    ("not-a-backup", "problem-not-a-backup"),
    ("backup-damaged", "problem-backup-damaged"),
    ("backup-schema", "problem-backup-schema"),
    ("control-character", "problem-control-character"),
    ("not-utf8", "problem-not-utf8"),
    ("no-commitments", "problem-no-commitments"),
    ("promise-exists", "problem-promise-exists"),
    ("duplicate", "problem-duplicate"),
    ("not-in-codebook", "problem-not-in-codebook"),
    ("weight", "problem-weight"),
    ("column-count", "problem-column-count"),
    ("other-year", "problem-other-year"),
    ("duplicate-respondent", "problem-duplicate-respondent"),
    ("survey-year-exists", "problem-survey-year-exists"),
    ("no-survey-items", "problem-no-survey-items"),
    ("no-codebook", "problem-no-codebook"),
    ("codebook-in-use", "problem-codebook-in-use"),
    ("unknown-survey-item", "problem-unknown-survey-item"),
    ("survey-code", "problem-survey-code"),
    ("unknown-indicator", "problem-unknown-indicator"),
    ("too-few", "problem-too-few"),
    ("choice", "problem-choice"),
    ("json-syntax", "problem-json-syntax"),
    ("unknown-field", "problem-unknown-field"),
    ("wrong-type", "problem-wrong-type"),
    ("date-time", "problem-date-time"),
    ("not-a-draft", "problem-not-a-draft"),
    ("needed-to-sign", "problem-needed-to-sign"),
    ("signatory", "problem-signatory"),
    ("shape", "problem-shape"),
    ("separator", "problem-separator"),
    ("not-yours", "problem-not-yours"),
    ("not-a-spreadsheet", "problem-not-a-spreadsheet"),
    ("not-one-of", "problem-not-one-of"),
    ("empty-hours", "problem-empty-hours"),
    ("baseline-not-before", "problem-baseline-not-before"),
    ("email", "problem-email"),
    ("password-too-short", "problem-password-too-short"),
    ("email-taken", "problem-email-taken"),
    ("wrong-password", "problem-wrong-password"),
    ("time", "problem-time"),
    ("counts-only", "problem-counts-only"),
    ("unknown-column", "problem-unknown-column"),
    ("missing-column", "problem-missing-column"),
    ("override-needs-reason", "problem-override-needs-reason"),
    ("verdict-required", "problem-verdict-required"),
    ("promise-closed", "problem-promise-closed"),
    ("link", "problem-link"),
    ("already-published", "problem-already-published"),
    ("stale-version", "problem-stale-version"),
    ("number", "problem-number"),
    ("date", "problem-date"),
    ("mismatch", "problem-mismatch"),
]);

/// A built-in activity type in the plural, inside a sentence.
pub const ACTIVITY_NAME: Family = Family(&[
    ("traffic_control", "activity-traffic_control-name"),
    ("foot_patrol", "activity-foot_patrol-name"),
    ("bicycle_patrol", "activity-bicycle_patrol-name"),
    ("safety_walk", "activity-safety_walk-name"),
    ("trygg_vuxen", "activity-trygg_vuxen-name"),
    ("parenting_support", "activity-parenting_support-name"),
    ("andt_activity", "activity-andt_activity-name"),
    ("licensing_inspection", "activity-licensing_inspection-name"),
    ("concern_visit", "activity-concern_visit-name"),
    ("citizen_dialogue", "activity-citizen_dialogue-name"),
    ("other", "activity-other-name"),
]);

/// A number of activities of a built-in type.
pub const ACTIVITY_COUNT: Family = Family(&[
    ("traffic_control", "activity-traffic_control"),
    ("foot_patrol", "activity-foot_patrol"),
    ("bicycle_patrol", "activity-bicycle_patrol"),
    ("safety_walk", "activity-safety_walk"),
    ("trygg_vuxen", "activity-trygg_vuxen"),
    ("parenting_support", "activity-parenting_support"),
    ("andt_activity", "activity-andt_activity"),
    ("licensing_inspection", "activity-licensing_inspection"),
    ("concern_visit", "activity-concern_visit"),
    ("citizen_dialogue", "activity-citizen_dialogue"),
    ("other", "activity-other"),
]);

/// What a measure counts, as a plural noun.
pub const MEASURE_NOUN: Family = Family(&[
    ("participants", "measure-noun-participants"),
    ("minutes", "measure-noun-minutes"),
    ("places", "measure-noun-places"),
]);

/// An amount of a measure other than a count.
pub const MEASURE_AMOUNT: Family = Family(&[
    ("participants", "measure-participants"),
    ("minutes", "measure-minutes"),
    ("places", "measure-places"),
]);

/// A built-in activity type as a label.
pub const LOG_TYPE: Family = Family(&[
    ("traffic_control", "log-type-traffic_control"),
    ("foot_patrol", "log-type-foot_patrol"),
    ("bicycle_patrol", "log-type-bicycle_patrol"),
    ("safety_walk", "log-type-safety_walk"),
    ("trygg_vuxen", "log-type-trygg_vuxen"),
    ("parenting_support", "log-type-parenting_support"),
    ("andt_activity", "log-type-andt_activity"),
    ("licensing_inspection", "log-type-licensing_inspection"),
    ("concern_visit", "log-type-concern_visit"),
    ("citizen_dialogue", "log-type-citizen_dialogue"),
    ("other", "log-type-other"),
]);

/// What an incident report is about.
pub const INCIDENT_CATEGORY: Family = Family(&[
    ("vandalism", "incident-category-vandalism"),
    ("graffiti", "incident-category-graffiti"),
    ("gathering", "incident-category-gathering"),
    ("disorder", "incident-category-disorder"),
    ("motor_vehicles", "incident-category-motor_vehicles"),
    ("drug_find", "incident-category-drug_find"),
    ("fire", "incident-category-fire"),
    ("unsafe_place", "incident-category-unsafe_place"),
    ("event", "incident-category-event"),
]);

/// A hint for writing a commitment that can be followed up (worded with what was found,
/// `$value`, so by [`crate::Lang::label_args`], not as a [`Named`] value).
pub const HINT: Family = Family(&[
    ("vague-verb", "hint-vague-verb"),
    ("no-number", "hint-no-number"),
    ("no-place", "hint-no-place"),
    ("no-time", "hint-no-time"),
    ("no-responsible", "hint-no-responsible"),
    ("no-data-source", "hint-no-data-source"),
    (
        "outcome-without-indicator",
        "hint-outcome-without-indicator",
    ),
    ("unlogged-type", "hint-unlogged-type"),
]);

/// What to do about a hint.
pub const HINT_SUGGESTION: Family = Family(&[
    ("vague-verb", "hint-vague-verb-suggestion"),
    ("no-number", "hint-no-number-suggestion"),
    ("no-place", "hint-no-place-suggestion"),
    ("no-time", "hint-no-time-suggestion"),
    ("no-responsible", "hint-no-responsible-suggestion"),
    ("no-data-source", "hint-no-data-source-suggestion"),
    (
        "outcome-without-indicator",
        "hint-outcome-without-indicator-suggestion",
    ),
    ("unlogged-type", "hint-unlogged-type-suggestion"),
]);

/// How a police event came to belong to a municipality.
pub const EVENT_ASSIGNED: Family = Family(&[
    ("location", "events-assigned-location"),
    ("title", "events-assigned-title"),
    ("point", "events-assigned-point"),
]);

/// How far the site meets the accessibility requirements.
pub const A11Y_COMPLIANCE: Family = Family(&[
    ("full", "about-a11y-compliance-full"),
    ("partial", "about-a11y-compliance-partial"),
    ("none", "about-a11y-compliance-none"),
]);
