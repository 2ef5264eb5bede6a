//! The application layer: use cases that take domain values and a [`lofte_db::Db`] (or a
//! tenant of it) and return domain values or view models, knowing nothing of HTTP. The
//! web tier and the command line both call it, so a figure, a report or an export cannot
//! differ between them.

pub mod analysis;
pub mod demo;
pub mod export;
pub mod hints;
pub mod outcome;
pub mod progress;
pub mod report;
pub mod secrets;
pub mod situation;
pub mod survey_page;
pub mod targeting;
pub mod when_where;
pub mod words;
