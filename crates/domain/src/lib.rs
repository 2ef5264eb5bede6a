//! The domain of Löfte: medborgarlöften (citizen promises) and everything they are made of.
//!
//! Every type here is *parsed* on entry: a `MunicipalityCode` is four digits of a real
//! county, a `YearSpan` runs forwards, a `Target` asks for at least one activity. Code
//! that holds one of these types never checks again. The crate is pure: no I/O, no async,
//! no SQL, no HTTP, so that the numbers every surface shows come from the same functions.

pub mod access;
pub mod activity;
pub mod analysis;
pub mod calendar;
pub mod citizen;
pub mod condition;
pub mod crime;
pub mod exchange;
pub mod follow;
pub mod followup;
pub mod history;
pub mod incident;
pub mod incident_category;
pub mod indicator;
pub mod lenient;
pub mod lint;
pub mod municipality;
pub mod place;
pub mod police_event;
pub mod problem;
pub mod promise;
pub mod stats;
pub mod survey;
pub mod targeting;
pub mod text;
pub mod walk;

pub use access::{Email, Grant, OrganisationKind, Permission, Principal, Reach, Role};
pub use activity::{ActivityCatalogue, ActivityType, ActivityTypeCode, MethodCode, TypeNames};
pub use calendar::{Quarter, Tertial, Year, YearSpan};
pub use condition::{Hours, Measure, Per, When};
pub use municipality::{Municipality, MunicipalityCode, PoliceOrganisation, PrivacyContacts};
pub use place::{Boundary, Coordinates, Place, PlaceKind, PlaceShape, PlaceSlug};
pub use problem::{FieldError, Problem};
pub use promise::{
    Commitment, CommitmentKind, EnglishCoverage, EnglishTexts, FollowUpPlan, InternalFollowUp,
    Method, OutcomeGoal, OutcomeIndicator, OutcomeMeasure, Party, PlaceScope, Promise,
    PromiseStatus, Signatory, Target,
};
pub use text::Text;
