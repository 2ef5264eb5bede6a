//! `Tenant::import_activities_csv` on arbitrary bytes, against a real database with Flen
//! loaded: no panic, a refused file names the line of every problem and stores nothing,
//! an accepted one stores what it says once. See `src/importer.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    lofte_fuzz::importer::importer().activities(data);
});
