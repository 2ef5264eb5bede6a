//! SeaORM entities: one module a table. Only this crate sees them; everything outside
//! gets domain types from the repositories.

pub mod account;
pub mod account_event;
pub mod account_identity;
pub mod activity;
pub mod activity_type;
pub mod api_token;
pub mod audit_log;
pub mod citizen_input;
pub mod commitment;
pub mod crime_stat;
pub mod dialogue;
pub mod finding_photo;
pub mod follow_up;
pub mod follow_up_entry;
pub mod incident;
pub mod local_police_area;
pub mod login_throttle;
pub mod membership;
pub mod municipality;
pub mod organisation;
pub mod place;
pub mod police_event;
pub mod population;
pub mod promise;
pub mod publication;
pub mod safety_walk;
pub mod session;
pub mod situation_analysis;
pub mod survey_chunk;
pub mod survey_codebook;
pub mod survey_import;
pub mod survey_year;
pub mod walk_finding;
