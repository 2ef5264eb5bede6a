//! What changed between two published versions of a promise, for residents: a promise
//! that is quietly rewritten after publication is no promise.

use crate::exchange::{CommitmentDocument, PromiseDocument};

/// A field of the promise itself that residents can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseField {
    Title,
    Aim,
    Focus,
    OutcomeGoal,
    FollowUp,
    Signing,
    /// The English version of any text, the commitments' included.
    English,
}

impl PromiseField {
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseField::Title => "title",
            PromiseField::Aim => "aim",
            PromiseField::Focus => "focus",
            PromiseField::OutcomeGoal => "outcome-goal",
            PromiseField::FollowUp => "follow-up",
            PromiseField::Signing => "signing",
            PromiseField::English => "english",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Field(PromiseField),
    CommitmentAdded(CommitmentDocument),
    CommitmentRemoved(CommitmentDocument),
    CommitmentChanged {
        before: Box<CommitmentDocument>,
        after: Box<CommitmentDocument>,
    },
}

/// The changes from `before` to `after`, promise fields first, then commitments in
/// order (matched by position). Status changes are not content changes.
pub fn changes(before: &PromiseDocument, after: &PromiseDocument) -> Vec<Change> {
    let mut out = field_changes(before, after);
    let longest = before.commitments.len().max(after.commitments.len());
    out.extend(
        (0..longest)
            .filter_map(|i| commitment_change(before.commitments.get(i), after.commitments.get(i))),
    );
    out
}

/// [`changes`], with the commitments matched by their stored ids (given in their
/// documents' order) instead of by position, so removing one does not make every one
/// after it look rewritten: fields first, then the commitments changed or removed, then
/// those added. Ids that do not match their documents fall back to [`changes`].
pub fn changes_by_id(
    (before, before_ids): (&PromiseDocument, &[i32]),
    (after, after_ids): (&PromiseDocument, &[i32]),
) -> Vec<Change> {
    if before.commitments.len() != before_ids.len() || after.commitments.len() != after_ids.len() {
        return changes(before, after);
    }
    let mut out = field_changes(before, after);
    out.extend(
        commitment_changes((before, before_ids), (after, after_ids))
            .into_iter()
            .map(|(_, change)| change),
    );
    out.extend(
        after_ids
            .iter()
            .zip(&after.commitments)
            .filter(|(id, _)| !before_ids.contains(id))
            .map(|(_, added)| Change::CommitmentAdded(added.clone())),
    );
    out
}

/// The changes to the promise's own fields.
fn field_changes(before: &PromiseDocument, after: &PromiseDocument) -> Vec<Change> {
    let mut out = Vec::new();
    let fields = [
        (PromiseField::Title, before.title != after.title),
        (PromiseField::Aim, before.aim != after.aim),
        (
            PromiseField::Focus,
            before.focus_areas != after.focus_areas || before.focus_text != after.focus_text,
        ),
        (
            PromiseField::OutcomeGoal,
            before.outcome_goal != after.outcome_goal,
        ),
        (PromiseField::FollowUp, before.follow_up != after.follow_up),
        (
            PromiseField::Signing,
            before.signed_on != after.signed_on || before.signatories != after.signatories,
        ),
        (
            PromiseField::English,
            before.english != after.english
                || before
                    .commitments
                    .iter()
                    .zip(&after.commitments)
                    .any(|(b, a)| b.english != a.english),
        ),
    ];
    out.extend(
        fields
            .into_iter()
            .filter(|(_, changed)| *changed)
            .map(|(field, _)| Change::Field(field)),
    );
    out
}

/// What happened to one commitment from `before` to `after` (`None` where it is absent),
/// if anything but its English text changed (that is told as [`PromiseField::English`]).
fn commitment_change(
    before: Option<&CommitmentDocument>,
    after: Option<&CommitmentDocument>,
) -> Option<Change> {
    let swedish = |c: &CommitmentDocument| CommitmentDocument {
        english: None,
        ..c.clone()
    };
    match (before, after) {
        (Some(b), Some(a)) if swedish(a) != swedish(b) => Some(Change::CommitmentChanged {
            before: Box::new(b.clone()),
            after: Box::new(a.clone()),
        }),
        (None, Some(a)) => Some(Change::CommitmentAdded(a.clone())),
        (Some(b), None) => Some(Change::CommitmentRemoved(b.clone())),
        _ => None,
    }
}

/// What happened to each of `before`'s commitments, by its stored id, for those who
/// follow one: changed or removed. Matched by id, not by position, so a commitment
/// removed or moved ahead of another does not make that one "changed". The ids are in
/// their documents' order; a list that does not match its document gives nothing.
pub fn commitment_changes(
    (before, before_ids): (&PromiseDocument, &[i32]),
    (after, after_ids): (&PromiseDocument, &[i32]),
) -> Vec<(i32, Change)> {
    if before.commitments.len() != before_ids.len() || after.commitments.len() != after_ids.len() {
        return Vec::new();
    }
    before_ids
        .iter()
        .zip(&before.commitments)
        .filter_map(|(id, b)| {
            let a = after_ids
                .iter()
                .position(|a| a == id)
                .map(|i| &after.commitments[i]);
            commitment_change(Some(b), a).map(|change| (*id, change))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FLEN_2021: &str = include_str!("../../../data/flen/promise-2021.json");

    fn doc() -> PromiseDocument {
        serde_json::from_str(FLEN_2021).unwrap()
    }

    #[test]
    fn names_what_changed() {
        let before = doc();
        let mut after = before.clone();
        after.outcome_goal.measured_in = 2023;
        after.commitments[5].text = "Ny text.".into();
        after.commitments.pop();
        after.status = crate::exchange::StatusDocument::Closed;
        let found = changes(&before, &after);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], Change::Field(PromiseField::OutcomeGoal));
        assert!(
            matches!(&found[1], Change::CommitmentChanged { after, .. } if after.text == "Ny text.")
        );
        assert!(matches!(&found[2], Change::CommitmentRemoved(c) if c.text.contains("ANDT")));
    }

    #[test]
    fn a_followed_commitment_is_matched_by_its_id_not_its_position() {
        let before = doc();
        let ids: Vec<i32> = (10..10 + before.commitments.len() as i32).collect();
        // The first commitment is removed and the third (id 12) reworded; the rest move
        // up a place unchanged.
        let mut after = before.clone();
        after.commitments.remove(0);
        after.commitments[1].text = "Polisen genomför fler trafikkontroller.".into();
        let after_ids: Vec<i32> = ids[1..].to_vec();
        let found = commitment_changes((&before, &ids), (&after, &after_ids));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(matches!(&found[0], (10, Change::CommitmentRemoved(_))));
        assert!(matches!(
            &found[1],
            (12, Change::CommitmentChanged { after, .. }) if after.text.starts_with("Polisen genomför fler")
        ));
        // Ids that do not match the document are not guessed at.
        assert!(commitment_changes((&before, &ids[1..]), (&after, &after_ids)).is_empty());
        // For the whole promise: one removed, one changed, nothing else; one added last.
        after.commitments.push(before.commitments[0].clone());
        let mut after_ids = after_ids;
        after_ids.push(99);
        let all = changes_by_id((&before, &ids), (&after, &after_ids));
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(matches!(&all[0], Change::CommitmentRemoved(_)));
        assert!(matches!(&all[1], Change::CommitmentChanged { .. }));
        assert!(matches!(&all[2], Change::CommitmentAdded(_)));
        // By position the same edit reads as many rewrites.
        assert!(changes(&before, &after).len() > 3);
    }

    #[test]
    fn an_english_text_alone_is_one_change_of_the_english_version() {
        let before = doc();
        let mut after = before.clone();
        after.commitments[2].english = Some(crate::exchange::CommitmentEnglishDocument {
            text: "The police will carry out traffic controls.".into(),
        });
        assert_eq!(
            changes(&before, &after),
            vec![Change::Field(PromiseField::English)]
        );
        let mut titled = before.clone();
        titled.english = Some(crate::exchange::EnglishDocument {
            title: Some("Citizen promise 2021".into()),
            ..Default::default()
        });
        assert_eq!(
            changes(&before, &titled),
            vec![Change::Field(PromiseField::English)]
        );
    }

    proptest! {
        #[test]
        fn no_changes_exactly_when_the_content_is_equal(i in 0usize..12, text in "\\PC{1,40}", edit in any::<bool>()) {
            let before = doc();
            let mut after = before.clone();
            if edit {
                after.commitments[i].text = text;
            }
            let found = changes(&before, &after);
            prop_assert_eq!(found.is_empty(), before == after);
            prop_assert!(changes(&after, &after).is_empty());
        }
    }
}
