//! The Flen demo data set, transcribed from Flen's published promises for 2020 and 2021
//! (see `data/flen/`). It is loaded through the same import path as any municipality's
//! files, so the demo exercises the exchange format.

use lofte_domain::exchange::{parse_profile_json, parse_promise_json};
use lofte_domain::{MunicipalityCode, Year};

use crate::{Db, Error, Result, Visibility};

pub const FLEN_PROFILE: &str = include_str!("../../../data/flen/municipality.json");
pub const FLEN_PROMISES: [&str; 2] = [
    include_str!("../../../data/flen/promise-2020.json"),
    include_str!("../../../data/flen/promise-2021.json"),
];

/// What [`load_flen`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub promises_added: usize,
    pub promises_present: usize,
}

/// Loads Flen's profile and promises; promises already present are left as they are,
/// so the demo can be loaded at every start.
pub async fn load_flen(db: &Db) -> Result<Loaded> {
    let invalid = |errors| Error::Invalid(errors);
    db.import_profile(&parse_profile_json(FLEN_PROFILE).map_err(invalid)?)
        .await?;
    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let tenant = db
        .tenant(&code)
        .await?
        .ok_or_else(|| Error::Corrupt("reference data lacks Flen".into()))?;
    let mut loaded = Loaded::default();
    for json in FLEN_PROMISES {
        let promise = parse_promise_json(json).map_err(invalid)?;
        let first: Year = promise.years.first();
        if tenant
            .promise_for_year(first, Visibility::All)
            .await?
            .is_some()
        {
            loaded.promises_present += 1;
        } else {
            tenant
                .create_promise(crate::Actor::System, &promise)
                .await?;
            loaded.promises_added += 1;
        }
    }
    Ok(loaded)
}
