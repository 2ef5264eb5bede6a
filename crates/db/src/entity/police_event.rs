use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "police_event")]
pub struct Model {
    /// The feed's own id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    /// None where no municipality could be told (a county's summary).
    pub municipality_code: Option<String>,
    /// `Assigned::code`: how sure the municipality is.
    pub assigned: Option<String>,
    pub occurred_at: DateTimeUtc,
    /// The Swedish local day, as YYYYMMDD (as `incident.local_day`).
    pub local_day: i32,
    pub local_hour: i32,
    pub name: String,
    pub summary: Option<String>,
    /// Always `https://polisen.se/…`.
    pub url: String,
    /// The police's event type.
    pub kind: String,
    pub location_name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Made up by the demo generator; shown as example data wherever it appears.
    pub synthetic: bool,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
