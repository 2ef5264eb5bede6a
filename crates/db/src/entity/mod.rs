//! SeaORM entities: one module a table. Only this crate sees them; everything outside
//! gets domain types from the repositories.

pub mod commitment;
pub mod local_police_area;
pub mod municipality;
pub mod place;
pub mod promise;
