use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "municipality")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name: String,
    pub official_name: String,
    pub county: String,
    pub local_police_area_id: Option<i32>,
    /// GeoJSON MultiPolygon, as `Boundary::to_geojson` writes it.
    pub boundary: Option<String>,
    pub boundary_source: Option<String>,
    /// `{"controller", "contact", "data_protection_officer"}` from the profile, for the
    /// privacy notice; read only with its municipality.
    pub privacy: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
