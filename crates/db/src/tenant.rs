//! [`Tenant`]: one municipality's view of the database. Every query about a
//! municipality's promises, activities, places, inputs and reports is a method of it
//! (in the module of its table) and is filtered by the municipality code it carries.

use lofte_domain::{Municipality, MunicipalityCode};

use crate::{Db, Error, Result};

/// One municipality's view of the database. Every promise query goes through here and
/// is filtered by the municipality code it carries.
#[derive(Debug, Clone)]
pub struct Tenant {
    db: Db,
    municipality: Municipality,
}

impl Db {
    /// The tenant for `code`, or `None` if no such municipality exists.
    pub async fn tenant(&self, code: &MunicipalityCode) -> Result<Option<Tenant>> {
        Ok(self.municipality(code).await?.map(|municipality| Tenant {
            db: self.clone(),
            municipality,
        }))
    }

    /// The tenant for a municipality code as written in a URL or a form: `None` when the
    /// text is no municipality code or no such municipality exists.
    pub async fn tenant_named(&self, raw: &str) -> Result<Option<Tenant>> {
        match MunicipalityCode::parse(raw) {
            Ok(code) => self.tenant(&code).await,
            Err(_) => Ok(None),
        }
    }
}

impl Tenant {
    pub fn municipality(&self) -> &Municipality {
        &self.municipality
    }

    pub(crate) fn code(&self) -> &str {
        self.municipality.code.as_str()
    }

    pub(crate) fn db(&self) -> &Db {
        &self.db
    }
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("exchange types always serialise")
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(raw: &str, what: &str) -> Result<T> {
    serde_json::from_str(raw).map_err(|e| Error::Corrupt(format!("{what}: {e}")))
}
