//! `Tenant::import_survey_csv` on arbitrary bytes, against a real database with Flen's
//! codebook: no panic, a refused file names the line of every problem and stores nothing,
//! an accepted one is stored once and its figures can be computed. See `src/importer.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    lofte_fuzz::importer::importer().survey(data);
});
