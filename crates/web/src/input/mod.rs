//! "Tyck till om tryggheten": the public input form (no account, no JavaScript needed),
//! the thank-you page, and the public list of published inputs.
//!
//! The form names a place by locality, an optional place within it and an optional typed
//! address. Submissions are limited per client address in this instance's memory only; a
//! honeypot field that people do not see catches simple bots, which get the same thank-you
//! page and store nothing.

use std::num::NonZeroU32;
use std::time::Duration;

use axum::routing::get;
use governor::Quota;

use crate::AppState;
use crate::policy::{Policy, Routes};

mod case;
mod common;
mod exports;
mod form;
mod list;
mod voices;

pub use common::{answer_line, category_name, input_place, locality_of, reference};
pub use exports::{Audience, csv_response, geojson_response};
pub use voices::add_voices;

/// Five inputs at once, then one every two minutes, per client address.
pub fn quota() -> Quota {
    Quota::with_period(Duration::from_secs(120))
        .expect("non-zero period")
        .allow_burst(NonZeroU32::new(5).expect("non-zero"))
}

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .get(
            "/kommun/{code}/tyck-till",
            Public,
            get(form::form_page).post(form::submit),
        )
        .get("/kommun/{code}/tyck-till/tack", Public, get(form::thanks))
        .get("/kommun/{code}/synpunkter", Public, get(list::list))
        .get("/kommun/{code}/synpunkter/{id}", Public, get(case::page))
        .get(
            "/kommun/{code}/synpunkter.csv",
            Public,
            get(exports::export_csv),
        )
        .get(
            "/kommun/{code}/synpunkter.geojson",
            Public,
            get(exports::export_geojson),
        )
        .get(
            "/kommun/{code}/fynd/{id}/foto",
            Public,
            get(form::finding_photo),
        )
}
