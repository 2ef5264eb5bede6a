use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "citizen_input")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub municipality_code: String,
    pub received_at: DateTimeUtc,
    pub locality: String,
    pub place: Option<String>,
    pub address: Option<String>,
    pub category: String,
    pub body: String,
    pub age_band: Option<String>,
    pub gender: Option<String>,
    pub status: String,
    pub hidden_reason: Option<String>,
    pub moderated_at: Option<DateTimeUtc>,
    /// The commitment this concerns, if staff linked it.
    pub commitment_id: Option<i32>,
    /// The citizen dialogue it was raised at, if it came from one.
    pub dialogue_id: Option<i32>,
    /// The point the resident marked on the map (WGS 84), if they used the map.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// A moderator confirmed that the point marks a public place, so the public sees it
    /// exactly; otherwise only coarsened.
    pub point_public: bool,
    /// The focus area this concerns, if staff linked it: its promise and its words.
    pub focus_promise_id: Option<i32>,
    pub focus_area: Option<String>,
    /// Staff's public reply, and when it was last written.
    pub public_reply: Option<String>,
    pub replied_at: Option<DateTimeUtc>,
    /// The unit responsible for it, as staff routed it.
    pub routed_to: Option<String>,
    /// The tracked action it became, if any: who owns it, by when, and where it is (a
    /// finding status code).
    pub action_owner: Option<String>,
    pub action_due: Option<Date>,
    pub action_status: Option<String>,
    /// Why a published input was withdrawn (status `withdrawn`).
    pub withdrawn_reason: Option<String>,
    /// The resident's answer to "Blev det gjort?" (`yes`, `partly`, `no`), and when.
    pub resident_answer: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
