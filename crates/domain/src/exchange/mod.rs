//! The promise exchange format: one promise with its commitments as JSON.
//!
//! This is the one way a promise enters or leaves the system as data: `lofte promise
//! import|export`, the API and the Flen demo all use it. The wire types here are loose
//! (strings and numbers); [`PromiseDocument::into_promise`] parses them into domain types
//! and reports *every* problem with its field path, e.g. `commitments[3].target.at_least`.
//! The JSON Schema in `docs/promise.schema.json` is generated from these types.
//!
//! `promise.rs` holds a promise's document, `profile.rs` a municipality's profile.

mod profile;
mod promise;
mod promise_parse;
mod promise_write;

pub use profile::*;
pub use promise::*;
pub use promise_parse::parse_promise_json;

use crate::calendar::Year;
use crate::problem::Errors;
use crate::text::Text;

pub(crate) fn text(errors: &mut Errors, path: &str, raw: &str, max: usize) -> Option<Text> {
    errors.take(path, Text::parse(raw, max))
}

pub(crate) fn year(errors: &mut Errors, path: &str, raw: i32) -> Option<Year> {
    errors.take(path, Year::new(raw))
}
