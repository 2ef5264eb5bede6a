//! What staff link a resident's input or a walk's finding to: a commitment, or a focus
//! area of a promise. Shared by both tables, and kept true when a promise's focus areas
//! are edited.

use lofte_domain::Text;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::Result;
use crate::entity::{citizen_input, walk_finding};

/// A focus area of one of the municipality's promises. A focus area has no identity but
/// its words, so a link is the promise and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusLink {
    pub promise: i32,
    pub area: String,
}

/// What staff link an input or a finding to, so the promise page can show it there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub commitment: Option<i32>,
    pub focus: Option<FocusLink>,
}

pub(crate) fn focus_link(promise: Option<i32>, area: Option<String>) -> Option<FocusLink> {
    Some(FocusLink {
        promise: promise?,
        area: area?,
    })
}

/// Keeps links to a promise's focus areas true when the promise's focus areas are
/// edited: an area renamed in place (same position, the list as long as before, the old
/// words gone) takes its links along; links to words the promise no longer has are
/// dropped rather than left pointing nowhere.
pub(crate) async fn carry_focus_links(
    conn: &impl sea_orm::ConnectionTrait,
    promise: i32,
    before: &[Text],
    after: &[Text],
) -> Result<()> {
    let after_words: Vec<String> = after.iter().map(ToString::to_string).collect();
    if before.len() == after.len() {
        for (old, new) in before.iter().zip(after) {
            if old != new && !after.contains(old) {
                citizen_input::Entity::update_many()
                    .col_expr(citizen_input::Column::FocusArea, Expr::value(new.as_str()))
                    .filter(citizen_input::Column::FocusPromiseId.eq(promise))
                    .filter(citizen_input::Column::FocusArea.eq(old.as_str()))
                    .exec(conn)
                    .await?;
                walk_finding::Entity::update_many()
                    .col_expr(walk_finding::Column::FocusArea, Expr::value(new.as_str()))
                    .filter(walk_finding::Column::FocusPromiseId.eq(promise))
                    .filter(walk_finding::Column::FocusArea.eq(old.as_str()))
                    .exec(conn)
                    .await?;
            }
        }
    }
    citizen_input::Entity::update_many()
        .col_expr(
            citizen_input::Column::FocusPromiseId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            citizen_input::Column::FocusArea,
            Expr::value(Option::<String>::None),
        )
        .filter(citizen_input::Column::FocusPromiseId.eq(promise))
        .filter(citizen_input::Column::FocusArea.is_not_in(after_words.clone()))
        .exec(conn)
        .await?;
    walk_finding::Entity::update_many()
        .col_expr(
            walk_finding::Column::FocusPromiseId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            walk_finding::Column::FocusArea,
            Expr::value(Option::<String>::None),
        )
        .filter(walk_finding::Column::FocusPromiseId.eq(promise))
        .filter(walk_finding::Column::FocusArea.is_not_in(after_words))
        .exec(conn)
        .await?;
    Ok(())
}
