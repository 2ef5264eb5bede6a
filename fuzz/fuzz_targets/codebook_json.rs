//! `parse_codebook_json` on arbitrary UTF-8: no panic; a refused codebook names the field
//! of every problem; an accepted one survives `to_document` unchanged (it is stored as
//! that JSON and parsed again on every read), and its layout check of a response header
//! made from its own columns accepts it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lofte_domain::survey::{FIXED_COLUMNS, parse_codebook_json};

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    match parse_codebook_json(json) {
        Err(errors) => lofte_fuzz::check_field_errors(json, &errors),
        Ok(codebook) => {
            let text = serde_json::to_string(&codebook.to_document()).expect("serialises");
            assert_eq!(
                parse_codebook_json(&text).as_ref(),
                Ok(&codebook),
                "stored as {text}"
            );
            // A response file with every fixed column and every item, in reverse order.
            let mut header: Vec<&str> = FIXED_COLUMNS.to_vec();
            header.extend(codebook.items.iter().map(|i| i.code.as_str()));
            header.reverse();
            let layout = codebook
                .layout(&header)
                .unwrap_or_else(|e| panic!("its own header {header:?} is refused: {e:?}"));
            assert_eq!(layout.item_positions().len(), codebook.items.len());
        }
    }
});
