//! What the fuzz targets share: the rules every refused input's problems must follow,
//! and a database with Flen loaded for the two CSV importers.
//!
//! The targets themselves (`fuzz_targets/*.rs`) are a few lines each; the invariants they
//! check live here so that they read as one list.

pub mod importer;

use lofte_domain::{FieldError, Problem};

/// The problems of a refused input: at least one, and each says where. A field problem
/// names its field path (`commitments[2].target.at_least`); only a problem with the whole
/// text (JSON that is not well-formed, or not the right kind of document) may have an empty
/// path, and then the parser's own words must say the line and column.
pub fn check_field_errors(input: &str, errors: &[FieldError]) {
    assert!(!errors.is_empty(), "refused without a problem: {input:?}");
    for e in errors {
        // Rendering is what every surface does with a problem: it must not panic.
        let shown = e.to_string();
        assert!(!e.problem.code().is_empty(), "{shown}");
        // Without a path: text that is not JSON (it says where reading stopped), or a
        // whole document of the wrong JSON type (`lofte_domain::lenient`).
        if e.path.is_empty() {
            match &e.problem {
                Problem::JsonSyntax { line, .. } => {
                    assert!(*line >= 1, "a syntax problem names its line: {shown}")
                }
                Problem::WrongType { .. } | Problem::Malformed { .. } => {}
                other => panic!("problem {other:?} names no field (input {input:?})"),
            }
        }
    }
}

/// Splits `data` on NUL bytes into at most `N` fields (the last one keeps any further
/// NULs); missing fields are empty.
pub fn split_fields<const N: usize>(data: &str) -> [&str; N] {
    let mut fields = [""; N];
    for (slot, part) in fields.iter_mut().zip(data.splitn(N, '\0')) {
        *slot = part;
    }
    fields
}
