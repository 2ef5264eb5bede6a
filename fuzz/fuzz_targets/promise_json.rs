//! `parse_promise_json` on arbitrary UTF-8: no panic; a refused document names the field
//! of every problem; an accepted one survives the trip through the exchange format
//! unchanged (the database stores promises as that JSON and rebuilds them with the same
//! parser, so a promise that did not would be unreadable once saved).
#![no_main]

use libfuzzer_sys::fuzz_target;
use lofte_domain::exchange::{PromiseDocument, parse_promise_json};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    match parse_promise_json(json) {
        Err(errors) => lofte_fuzz::check_field_errors(json, &errors),
        Ok(promise) => {
            let document = PromiseDocument::from(&promise);
            let text = serde_json::to_string(&document).expect("a document serialises");
            assert_eq!(
                parse_promise_json(&text).as_ref(),
                Ok(&promise),
                "exported as {text}"
            );
        }
    }
});
