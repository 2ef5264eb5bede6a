//! HTTP integration tests: each test gets its own server on port 0 with its own database
//! (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set), loaded with the Flen demo.

mod about;
mod activities;
mod analysis;
mod api;
mod authz;
mod cases;
mod conditions;
mod dialogues;
mod english;
mod follow;
mod follow_ups;
mod helpers;
mod incidents;
mod indicator;
mod inputs;
mod lint;
mod maps;
mod pages;
mod places;
mod reports;
mod seed;
mod staff;
mod structure;
mod surveys;
mod walks;
