//! What can be wrong with input, said precisely enough to be put into any language.
//!
//! The domain never formats messages for people: it names the field (`path`) and the
//! problem with its parameters; the i18n crate turns that into Swedish or English.

use std::fmt;

/// One thing wrong with one field of some input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where in the input, e.g. `commitments[2].target.at_least`; empty for the whole input.
    pub path: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(path: impl Into<String>, problem: Problem) -> Self {
        Self {
            path: path.into(),
            problem,
        }
    }
}

/// The kinds of problem, each with what a person needs to fix it.
/// `EnumIter` lets a test walk every variant (with empty fields), so a new one without a
/// message in both languages fails it.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumIter)]
pub enum Problem {
    /// The input is not well-formed (JSON syntax, wrong JSON type); `detail` is the
    /// parser's own words, which are technical and English.
    Malformed {
        detail: String,
    },
    Required,
    Empty,
    /// A time after now, for something that has happened.
    InFuture,
    /// A period whose end comes before its start.
    EndsBeforeStart,
    /// A text that seems to hold personal data (`kind`: `identity-number`,
    /// `phone-number`); accepted once the writer confirms it does not.
    PersonalData {
        kind: String,
    },
    TooLong {
        max: usize,
    },
    TooMany {
        max: usize,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    MunicipalityCode {
        value: String,
    },
    UnknownMunicipality {
        code: String,
    },
    /// The input is for another municipality than the one it is sent to.
    OtherMunicipality {
        expected: String,
    },
    YearSpanBackwards {
        first: i32,
        last: i32,
    },
    YearSpanTooLong {
        max: i32,
    },
    MeasuredBeforeStart {
        first: i32,
    },
    /// English names of focus areas that are not one per Swedish focus area.
    TranslationCount {
        expected: usize,
    },
    /// An outcome goal's baseline year that is not before its measurement year.
    BaselineNotBefore {
        measured: i32,
    },
    FinalReportTooEarly {
        last: i32,
    },
    ContinuesNotEarlier {
        first: i32,
    },
    Slug {
        value: String,
    },
    UnknownActivityType {
        value: String,
    },
    /// A municipality's own type with a code it (or the installation) already has.
    ActivityTypeExists {
        value: String,
    },
    UnknownPlace {
        value: String,
    },
    MethodWindow {
        min: u32,
        max: u32,
    },
    Coordinates,
    /// A time in the police's events feed not written as the feed writes it
    /// (`2024-05-13 22:40:00 +02:00`).
    FeedDateTime,
    /// A link in the police's events feed that does not go to polisen.se.
    PoliceLink,
    /// A municipality boundary that is not a GeoJSON Polygon or MultiPolygon of closed
    /// rings in Sweden.
    Boundary,
    /// A point on the map outside the municipality's boundary.
    OutsideMunicipality {
        municipality: String,
    },
    /// Text with a control character (a NUL byte, an escape) that no one types.
    ControlCharacter,
    /// A request body or file that is not UTF-8 text.
    NotUtf8,
    /// An uploaded file that is not a JPEG or PNG picture (or is damaged).
    NotAnImage,
    /// An uploaded picture with more pixels than a photo needs, which would take too
    /// long and too much memory to decode (the file itself may be small).
    ImageTooLarge {
        max_megapixels: u32,
    },
    /// A file given to `lofte restore` that is no backup of Löfte's.
    NotABackup,
    /// A backup that breaks off or does not parse at this line.
    BackupDamaged {
        line: u64,
    },
    /// A backup of another schema version than this database's.
    BackupSchema {
        found: String,
        expected: String,
    },
    /// An uploaded file larger than allowed.
    FileTooLarge {
        max_mb: u32,
    },
    NoCommitments,
    /// A form field that must hold a whole number.
    Number,
    /// A form field that must hold a date (YYYY-MM-DD).
    Date,
    /// A time of day (HH:MM).
    Time,
    /// A note on an activity about identifiable minors, where only counts may be kept.
    CountsOnly,
    /// A published report is frozen.
    AlreadyPublished,
    /// Someone else saved in between; nothing was saved.
    StaleVersion,
    /// A status other than the suggested one, without a reason.
    OverrideNeedsReason,
    /// A final report published without a verdict (kept, partly kept, not kept) for a
    /// commitment that has no number to compute one from.
    VerdictRequired,
    /// A closed promise (its year over, its final report published) is not edited.
    PromiseClosed,
    /// Not a web link (http:// or https://).
    Link {
        value: String,
    },
    /// A file column this import does not know.
    UnknownColumn {
        expected: String,
    },
    /// A required file column is missing.
    MissingColumn,
    /// Two fields that must agree do not (e.g. a new password typed twice).
    Mismatch,
    Email,
    PasswordTooShort {
        min: usize,
    },
    EmailTaken,
    /// The account, or the identity provider's subject, is already linked to another.
    IdentityLinked,
    WrongPassword,
    /// A promise for this municipality already covers one of these years.
    PromiseExists {
        municipality: String,
        year: i32,
    },
    /// A unit of that name is already in the municipality's list.
    UnitExists {
        value: String,
    },
    /// A code, value or column name given twice where each must be unique.
    Duplicate {
        value: String,
    },
    /// A survey answer or group code the codebook does not list.
    NotInCodebook {
        value: String,
        allowed: String,
    },
    /// A design weight that is not a positive number.
    Weight {
        value: String,
    },
    /// A row with another number of cells than the header.
    ColumnCount {
        expected: usize,
        found: usize,
    },
    /// A survey row for another year than the import is for.
    OtherYear {
        expected: i32,
    },
    /// A respondent id already used on an earlier line of the file.
    DuplicateRespondent {
        line: u64,
    },
    /// Responses for this year are already stored (from another file).
    SurveyYearExists {
        year: i32,
    },
    /// A survey file with none of the codebook's items.
    NoSurveyItems,
    /// No codebook yet: responses cannot be read without one.
    NoCodebook,
    /// A codebook change that would make stored responses unreadable.
    CodebookInUse {
        value: String,
    },
    UnknownSurveyItem {
        value: String,
    },
    /// Not a survey item or indicator code.
    SurveyCode {
        value: String,
    },
    UnknownIndicator {
        value: String,
    },
    TooFew {
        min: usize,
    },
    /// A value that is not one of a form's choices.
    Choice,
    /// A value that is none of the listed words (a measure, a weekday, a period).
    NotOneOf {
        value: String,
        allowed: String,
    },
    /// An hour window that starts when it ends, so it holds no time at all.
    EmptyHours,
    /// Text that is not JSON, where the reader stopped (1-based).
    JsonSyntax {
        line: usize,
        column: usize,
    },
    /// A field the format does not have (a misspelling is not silently ignored).
    UnknownField {
        value: String,
        allowed: String,
    },
    /// A value of another JSON type than the field takes: `expected` is "number",
    /// "text", "list", "object", "boolean" or "text-or-list".
    WrongType {
        expected: String,
    },
    /// A moment that is not RFC 3339 with its offset ("2021-03-01T07:30:00+01:00").
    DateTime,
    /// A change only a draft allows (replacing, deleting) asked of a signed or public
    /// promise.
    NotADraft,
    /// Marking a promise as signed without the date or the signatories.
    NeededToSign,
    /// A signatory line without the comma between name and role.
    Signatory,
    /// A place's shape that is not a GeoJSON line or polygon in Sweden.
    Shape,
    /// A file separated by something else than commas or semicolons.
    Separator {
        found: String,
    },
    /// Data for a municipality the person may not change.
    NotYours {
        municipality: String,
    },
    /// A file that looks like a spreadsheet (XLSX) but cannot be read as one.
    NotASpreadsheet,
}

impl Problem {
    /// A stable machine-readable code, used in API error bodies and as the Fluent id suffix.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Malformed { .. } => "malformed",
            Problem::Required => "required",
            Problem::Empty => "empty",
            Problem::InFuture => "in-future",
            Problem::EndsBeforeStart => "ends-before-start",
            Problem::PersonalData { .. } => "personal-data",
            Problem::TooLong { .. } => "too-long",
            Problem::TooMany { .. } => "too-many",
            Problem::OutOfRange { .. } => "out-of-range",
            Problem::MunicipalityCode { .. } => "municipality-code",
            Problem::UnknownMunicipality { .. } => "unknown-municipality",
            Problem::OtherMunicipality { .. } => "other-municipality",
            Problem::YearSpanBackwards { .. } => "year-span-backwards",
            Problem::YearSpanTooLong { .. } => "year-span-too-long",
            Problem::MeasuredBeforeStart { .. } => "measured-before-start",
            Problem::TranslationCount { .. } => "translation-count",
            Problem::BaselineNotBefore { .. } => "baseline-not-before",
            Problem::FinalReportTooEarly { .. } => "final-report-too-early",
            Problem::ContinuesNotEarlier { .. } => "continues-not-earlier",
            Problem::Slug { .. } => "slug",
            Problem::UnknownActivityType { .. } => "unknown-activity-type",
            Problem::ActivityTypeExists { .. } => "activity-type-exists",
            Problem::UnknownPlace { .. } => "unknown-place",
            Problem::MethodWindow { .. } => "method-window",
            Problem::Coordinates => "coordinates",
            Problem::FeedDateTime => "feed-date-time",
            Problem::PoliceLink => "police-link",
            Problem::Boundary => "boundary",
            Problem::OutsideMunicipality { .. } => "outside-municipality",
            Problem::NotAnImage => "not-an-image",
            Problem::ImageTooLarge { .. } => "image-too-large",
            Problem::ControlCharacter => "control-character",
            Problem::NotUtf8 => "not-utf8",
            Problem::NotABackup => "not-a-backup",
            Problem::BackupDamaged { .. } => "backup-damaged",
            Problem::BackupSchema { .. } => "backup-schema",
            Problem::FileTooLarge { .. } => "file-too-large",
            Problem::NoCommitments => "no-commitments",
            Problem::Number => "number",
            Problem::Date => "date",
            Problem::Time => "time",
            Problem::CountsOnly => "counts-only",
            Problem::UnknownColumn { .. } => "unknown-column",
            Problem::MissingColumn => "missing-column",
            Problem::OverrideNeedsReason => "override-needs-reason",
            Problem::VerdictRequired => "verdict-required",
            Problem::PromiseClosed => "promise-closed",
            Problem::AlreadyPublished => "already-published",
            Problem::StaleVersion => "stale-version",
            Problem::Link { .. } => "link",
            Problem::Mismatch => "mismatch",
            Problem::Email => "email",
            Problem::PasswordTooShort { .. } => "password-too-short",
            Problem::EmailTaken => "email-taken",
            Problem::IdentityLinked => "identity-linked",
            Problem::WrongPassword => "wrong-password",
            Problem::PromiseExists { .. } => "promise-exists",
            Problem::Duplicate { .. } => "duplicate",
            Problem::UnitExists { .. } => "unit-exists",
            Problem::NotInCodebook { .. } => "not-in-codebook",
            Problem::Weight { .. } => "weight",
            Problem::ColumnCount { .. } => "column-count",
            Problem::OtherYear { .. } => "other-year",
            Problem::DuplicateRespondent { .. } => "duplicate-respondent",
            Problem::SurveyYearExists { .. } => "survey-year-exists",
            Problem::NoSurveyItems => "no-survey-items",
            Problem::NoCodebook => "no-codebook",
            Problem::CodebookInUse { .. } => "codebook-in-use",
            Problem::UnknownSurveyItem { .. } => "unknown-survey-item",
            Problem::SurveyCode { .. } => "survey-code",
            Problem::UnknownIndicator { .. } => "unknown-indicator",
            Problem::TooFew { .. } => "too-few",
            Problem::Choice => "choice",
            Problem::NotOneOf { .. } => "not-one-of",
            Problem::EmptyHours => "empty-hours",
            Problem::JsonSyntax { .. } => "json-syntax",
            Problem::UnknownField { .. } => "unknown-field",
            Problem::WrongType { .. } => "wrong-type",
            Problem::DateTime => "date-time",
            Problem::NotADraft => "not-a-draft",
            Problem::NeededToSign => "needed-to-sign",
            Problem::Signatory => "signatory",
            Problem::Shape => "shape",
            Problem::Separator { .. } => "separator",
            Problem::NotYours { .. } => "not-yours",
            Problem::NotASpreadsheet => "not-a-spreadsheet",
        }
    }

    /// The problem's parameters as (name, value) pairs, for message formatting.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Problem::Malformed { detail } => vec![("detail", detail.clone())],
            Problem::TooLong { max } | Problem::TooMany { max } => vec![("max", max.to_string())],
            Problem::OutOfRange { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            Problem::MunicipalityCode { value }
            | Problem::Link { value }
            | Problem::Slug { value }
            | Problem::UnknownActivityType { value }
            | Problem::ActivityTypeExists { value }
            | Problem::UnknownPlace { value } => vec![("value", value.clone())],
            Problem::UnknownMunicipality { code } => vec![("code", code.clone())],
            Problem::OtherMunicipality { expected } | Problem::UnknownColumn { expected } => {
                vec![("expected", expected.clone())]
            }
            Problem::YearSpanBackwards { first, last } => {
                vec![("first", first.to_string()), ("last", last.to_string())]
            }
            Problem::YearSpanTooLong { max } => vec![("max", max.to_string())],
            Problem::MeasuredBeforeStart { first } | Problem::ContinuesNotEarlier { first } => {
                vec![("first", first.to_string())]
            }
            Problem::FinalReportTooEarly { last } => vec![("last", last.to_string())],
            Problem::TranslationCount { expected } => vec![("expected", expected.to_string())],
            Problem::MethodWindow { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            Problem::PromiseExists { municipality, year } => vec![
                ("municipality", municipality.clone()),
                ("year", year.to_string()),
            ],
            Problem::PasswordTooShort { min } | Problem::TooFew { min } => {
                vec![("min", min.to_string())]
            }
            Problem::Duplicate { value }
            | Problem::UnitExists { value }
            | Problem::Weight { value }
            | Problem::CodebookInUse { value }
            | Problem::UnknownSurveyItem { value }
            | Problem::SurveyCode { value }
            | Problem::UnknownIndicator { value } => vec![("value", value.clone())],
            Problem::NotInCodebook { value, allowed }
            | Problem::NotOneOf { value, allowed }
            | Problem::UnknownField { value, allowed } => {
                vec![("value", value.clone()), ("allowed", allowed.clone())]
            }
            Problem::ColumnCount { expected, found } => vec![
                ("expected", expected.to_string()),
                ("found", found.to_string()),
            ],
            Problem::OtherYear { expected } => vec![("expected", expected.to_string())],
            Problem::BaselineNotBefore { measured } => vec![("measured", measured.to_string())],
            Problem::DuplicateRespondent { line } => vec![("line", line.to_string())],
            Problem::SurveyYearExists { year } => vec![("year", year.to_string())],
            Problem::NoSurveyItems | Problem::NoCodebook | Problem::Choice => vec![],
            Problem::PersonalData { kind } => vec![("kind", kind.clone())],
            Problem::OutsideMunicipality { municipality } => {
                vec![("municipality", municipality.clone())]
            }
            Problem::JsonSyntax { line, column } => {
                vec![("line", line.to_string()), ("column", column.to_string())]
            }
            Problem::WrongType { expected } => vec![("expected", expected.clone())],
            Problem::Separator { found } => vec![("found", found.clone())],
            Problem::NotYours { municipality } => vec![("municipality", municipality.clone())],
            Problem::FileTooLarge { max_mb } => vec![("max_mb", max_mb.to_string())],
            Problem::ImageTooLarge { max_megapixels } => {
                vec![("max_megapixels", max_megapixels.to_string())]
            }
            Problem::BackupDamaged { line } => vec![("line", line.to_string())],
            Problem::BackupSchema { found, expected } => {
                vec![("found", found.clone()), ("expected", expected.clone())]
            }
            Problem::Required
            | Problem::Empty
            | Problem::InFuture
            | Problem::EndsBeforeStart
            | Problem::Coordinates
            | Problem::FeedDateTime
            | Problem::PoliceLink
            | Problem::Boundary
            | Problem::NotAnImage
            | Problem::ControlCharacter
            | Problem::NotUtf8
            | Problem::NotABackup
            | Problem::NoCommitments
            | Problem::Number
            | Problem::Date
            | Problem::Time
            | Problem::CountsOnly
            | Problem::MissingColumn
            | Problem::OverrideNeedsReason
            | Problem::VerdictRequired
            | Problem::PromiseClosed
            | Problem::AlreadyPublished
            | Problem::StaleVersion
            | Problem::Mismatch
            | Problem::Email
            | Problem::EmailTaken
            | Problem::IdentityLinked
            | Problem::WrongPassword
            | Problem::EmptyHours
            | Problem::DateTime
            | Problem::NotADraft
            | Problem::NeededToSign
            | Problem::Signatory
            | Problem::Shape
            | Problem::NotASpreadsheet => vec![],
        }
    }
}

impl fmt::Display for FieldError {
    /// A plain technical rendering (for logs and tests); people get the Fluent message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(input)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.problem.code())?;
        for (name, value) in self.problem.args() {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

/// Collects field errors while parsing a larger input, so a person sees every problem at
/// once instead of one per attempt.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.0.push(FieldError::new(path, problem));
    }

    /// Keeps the value if it parsed, records the problem under `path` otherwise.
    pub fn take<T>(&mut self, path: impl Into<String>, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.push(path, problem);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_vec(self) -> Vec<FieldError> {
        self.0
    }

    /// `Ok(value)` when nothing was recorded, every recorded error otherwise.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }
}
