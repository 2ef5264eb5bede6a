//! Removing and reordering commitments and deleting drafts, with what links to them: on
//! a two-year promise of Flen's own making (2022–2023), not the demo's.

use lofte_db::citizen_inputs::{Moderation, PlaceEdit};
use lofte_db::links::Links;
use lofte_db::testing::fresh_database;
use lofte_db::{Actor, CommitmentLinks, Direction, Error, LinkChoice, Refused, Visibility, demo};
use lofte_domain::exchange::parse_promise_json;
use lofte_domain::followup::{Entry, Performer, ReportPeriod};
use lofte_domain::walk::{FindingCategory, NewFinding, NewWalk};
use lofte_domain::{PlaceSlug, PromiseStatus, Tertial, Text, Year};

const TWO_YEARS: &str = r#"{
  "municipality": "0482",
  "years": { "first": 2022, "last": 2023 },
  "title": "Medborgarlöfte 2022–2023",
  "aim": "Tryggare i hela Flen.",
  "outcome_goal": { "text": "Fler ska känna sig trygga.", "measured_in": 2024 },
  "follow_up": { "internal": "tertial", "final_report": { "year": 2024, "quarter": 1 } },
  "status": "published",
  "commitments": [
    { "party": "together", "kind": "process", "text": "A: att hålla trygghetsvandringar." },
    { "party": "police", "kind": "output", "text": "B: att kontrollera trafiken." },
    { "party": "police", "kind": "output", "text": "C: att patrullera till fots." },
    { "party": "together", "kind": "process", "text": "D: att bjuda in till dialog." },
    { "party": "police", "kind": "output", "text": "E: att besöka skolorna." }
  ]
}"#;

fn texts(p: &lofte_db::StoredPromise) -> Vec<&str> {
    p.promise
        .commitments
        .iter()
        .map(|c| &c.text.as_str()[..1])
        .collect()
}

async fn setup() -> (
    lofte_db::testing::TestDatabase,
    lofte_db::Tenant,
    lofte_db::StoredPromise,
) {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let promise = parse_promise_json(TWO_YEARS).unwrap();
    let stored = t.db.import_promise(Actor::System, &promise).await.unwrap();
    let tenant = t.db.tenant_named("0482").await.unwrap().unwrap();
    (t, tenant, stored)
}

/// Links a published input and a walk finding to commitment `id`.
async fn link_input_and_finding_to(tenant: &lofte_db::Tenant, id: i32) {
    let input = lofte_domain::citizen::InputFields {
        locality: "flen",
        category: "traffic",
        text: "Det körs fort på Storgatan.",
        ..Default::default()
    }
    .parse()
    .unwrap();
    let input_id = tenant.receive_input(&input, None).await.unwrap();
    tenant
        .moderate_input(
            Actor::System,
            input_id,
            &Moderation::Publish {
                text: Text::parse("Det körs fort på Storgatan.", 500).unwrap(),
                place: PlaceEdit::default(),
                links: Links {
                    commitment: Some(id),
                    focus: None,
                },
            },
            &[],
        )
        .await
        .unwrap();
    let walk = tenant
        .add_walk(
            Actor::System,
            &NewWalk {
                date: chrono::NaiveDate::from_ymd_opt(2022, 4, 1).unwrap(),
                route: vec![PlaceSlug::parse("flen-centrum").unwrap()],
                participants: 9,
                again_by: None,
            },
            Performer::Municipality,
        )
        .await
        .unwrap();
    tenant
        .add_finding(
            Actor::System,
            walk,
            &NewFinding {
                place: PlaceSlug::parse("flen-centrum").unwrap(),
                category: FindingCategory::parse("lighting").unwrap(),
                description: Text::parse("Trasig lampa i gångtunneln.", 500).unwrap(),
                owner: Text::parse("Kommunen", 100).unwrap(),
                due: None,
            },
            &Links {
                commitment: Some(id),
                focus: None,
            },
        )
        .await
        .unwrap();
}

/// Links an input, a walk finding and a draft follow-up entry to commitment `id`.
async fn link_everything_to(tenant: &lofte_db::Tenant, promise_id: i32, id: i32) {
    link_input_and_finding_to(tenant, id).await;
    tenant
        .save_follow_up(
            Actor::System,
            promise_id,
            Year::new(2022).unwrap(),
            ReportPeriod::Tertial(Tertial::T1),
            0,
            &lofte_db::ReportContent {
                entries: vec![(
                    id,
                    Entry {
                        status: "on-track".into(),
                        reason: None,
                        narrative: Some(Text::parse("Påbörjat.", 500).unwrap()),
                        evidence: Vec::new(),
                    },
                )],
                learned: None,
            },
            None,
        )
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn a_linked_commitment_is_removed_only_when_told_what_becomes_of_its_links() {
    let (_t, tenant, stored) = setup().await;
    let [_, b, c, ..] = stored.commitment_ids[..] else {
        panic!()
    };
    link_everything_to(&tenant, stored.id, b).await;

    // Asked plainly: refused, naming what links to it; nothing changed.
    let refused = tenant
        .remove_commitment(
            Actor::System,
            stored.id,
            b,
            stored.version,
            LinkChoice::Refuse,
        )
        .await
        .unwrap()
        .unwrap_err();
    let Refused::Linked(links) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(
        links,
        CommitmentLinks {
            inputs: 1,
            findings: 1,
            draft_entries: 1,
            published_entries: 0
        }
    );
    let same = tenant
        .promise_for_year(Year::new(2022).unwrap(), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(texts(&same), ["A", "B", "C", "D", "E"]);
    assert_eq!(same.version, stored.version);

    // Moving the links to C: one transaction moves them, drops the draft entry, removes
    // B and closes the gap in the order.
    let after = tenant
        .remove_commitment(
            Actor::System,
            stored.id,
            b,
            stored.version,
            LinkChoice::MoveTo(c),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(texts(&after), ["A", "C", "D", "E"]);
    assert_eq!(after.version, stored.version + 1);
    assert_eq!(
        tenant.commitment_links(stored.id, c).await.unwrap(),
        CommitmentLinks {
            inputs: 1,
            findings: 1,
            draft_entries: 0,
            published_entries: 0
        }
    );
    let report = tenant
        .follow_up(
            stored.id,
            Year::new(2022).unwrap(),
            ReportPeriod::Tertial(Tertial::T1),
        )
        .await
        .unwrap()
        .unwrap();
    assert!(
        report.entries.is_empty(),
        "the removed commitment's entry is dropped"
    );
    // The history says what was removed, and the public sees the change.
    let history = tenant.history(stored.id).await.unwrap();
    let removal = history.iter().find(|h| h.action == "remove").unwrap();
    assert!(
        removal
            .before
            .as_deref()
            .unwrap()
            .contains("B: att kontrollera trafiken.")
    );
    let publications = tenant.publications(stored.id).await.unwrap();
    assert_eq!(publications.last().unwrap().document.commitments.len(), 4);

    // The same old version again is a conflict, not a second removal.
    let [_, _, d, ..] = after.commitment_ids[..] else {
        panic!()
    };
    let stale = tenant
        .remove_commitment(
            Actor::System,
            stored.id,
            d,
            stored.version,
            LinkChoice::Drop,
        )
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(stale, Refused::Conflict(_)), "{stale:?}");

    // Dropping: the input and finding stay, linked to nothing.
    let after = tenant
        .remove_commitment(Actor::System, stored.id, c, after.version, LinkChoice::Drop)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(texts(&after), ["A", "D", "E"]);
    let published = tenant
        .inputs(lofte_domain::citizen::InputStatus::Published)
        .await
        .unwrap();
    let ours = published
        .iter()
        .find(|i| i.text.as_str() == "Det körs fort på Storgatan.")
        .unwrap();
    assert_eq!(ours.commitment, None);
}

#[tokio::test]
async fn a_commitment_in_a_published_follow_up_is_not_removed_and_the_last_one_stays() {
    let (t, tenant, stored) = setup().await;
    let a = stored.commitment_ids[0];
    tenant
        .save_follow_up(
            Actor::System,
            stored.id,
            Year::new(2022).unwrap(),
            ReportPeriod::Tertial(Tertial::T1),
            0,
            &lofte_db::ReportContent {
                entries: vec![(
                    a,
                    Entry {
                        status: "not-assessed".into(),
                        reason: None,
                        narrative: Some(Text::parse("Två vandringar.", 500).unwrap()),
                        evidence: Vec::new(),
                    },
                )],
                learned: None,
            },
            Some(&lofte_db::Frozen::default()),
        )
        .await
        .unwrap()
        .unwrap();
    for choice in [LinkChoice::Refuse, LinkChoice::Drop] {
        let refused = tenant
            .remove_commitment(Actor::System, stored.id, a, stored.version, choice)
            .await
            .unwrap()
            .unwrap_err();
        assert!(
            matches!(refused, Refused::Reported(l) if l.published_entries == 1),
            "{refused:?}"
        );
    }
    // A promise keeps at least one commitment.
    let one = parse_promise_json(
        &TWO_YEARS
            .replace("2022", "2030")
            .replace("2023", "2031")
            .replace("2024", "2032"),
    )
    .unwrap();
    let mut one = one;
    one.commitments.truncate(1);
    let stored = t.db.import_promise(Actor::System, &one).await.unwrap();
    let err = tenant
        .remove_commitment(
            Actor::System,
            stored.id,
            stored.commitment_ids[0],
            stored.version,
            LinkChoice::Drop,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
}

#[tokio::test]
async fn commitments_move_among_their_own_partys() {
    let (_t, tenant, stored) = setup().await;
    let e = stored.commitment_ids[4];
    // E (police) moves up past C and B, the police's others; A and D stay put.
    let once = tenant
        .move_commitment(Actor::System, stored.id, e, stored.version, Direction::Up)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(texts(&once), ["A", "B", "E", "D", "C"]);
    let twice = tenant
        .move_commitment(Actor::System, stored.id, e, once.version, Direction::Up)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(texts(&twice), ["A", "E", "B", "D", "C"]);
    // At the top of its party already: nothing changes, not even the version.
    let top = tenant
        .move_commitment(Actor::System, stored.id, e, twice.version, Direction::Up)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(texts(&top), texts(&twice));
    assert_eq!(top.version, twice.version);
    // A stale version is a conflict.
    let stale = tenant
        .move_commitment(Actor::System, stored.id, e, stored.version, Direction::Down)
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(stale, Refused::Conflict(_)));
    // The public order follows, and the history records the move.
    let publications = tenant.publications(stored.id).await.unwrap();
    let order: Vec<String> = publications
        .last()
        .unwrap()
        .document
        .commitments
        .iter()
        .map(|c| c.text[..1].to_owned())
        .collect();
    assert_eq!(order, ["A", "E", "B", "D", "C"]);
    assert!(
        tenant
            .history(stored.id)
            .await
            .unwrap()
            .iter()
            .any(|h| h.action == "move")
    );
}

#[tokio::test]
async fn only_a_draft_is_deleted_with_its_commitments_and_links() {
    let (t, tenant, stored) = setup().await;
    // A published promise is not deleted.
    let err = tenant
        .delete_draft(Actor::System, stored.id, stored.version)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");

    let draft = stored
        .promise
        .continue_into(Year::new(2024).unwrap())
        .unwrap();
    let draft = tenant.create_promise(Actor::System, &draft).await.unwrap();
    assert_eq!(draft.promise.status, PromiseStatus::Draft);
    link_everything_to(&tenant, draft.id, draft.commitment_ids[0]).await;
    let stale = tenant
        .delete_draft(Actor::System, draft.id, draft.version + 1)
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(stale, Refused::Conflict(_)));
    tenant
        .delete_draft(Actor::System, draft.id, draft.version)
        .await
        .unwrap()
        .unwrap();
    assert!(
        tenant
            .promise_for_year(Year::new(2024).unwrap(), Visibility::All)
            .await
            .unwrap()
            .is_none()
    );
    // The input stays, unlinked; the audit keeps the deleted document.
    let published = tenant
        .inputs(lofte_domain::citizen::InputStatus::Published)
        .await
        .unwrap();
    assert!(
        published
            .iter()
            .filter(|i| i.text.as_str() == "Det körs fort på Storgatan.")
            .all(|i| i.commitment.is_none())
    );
    let audit = tenant.audit_of("promise").await.unwrap();
    assert!(audit.iter().any(|a| {
        a.action == "delete"
            && a.before
                .as_deref()
                .is_some_and(|b| b.contains("Medborgarlöfte 2024"))
    }));
    // The year is free for a new draft.
    let again = stored
        .promise
        .continue_into(Year::new(2024).unwrap())
        .unwrap();
    t.db.tenant_named("0482")
        .await
        .unwrap()
        .unwrap()
        .create_promise(Actor::System, &again)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_draft_is_replaced_by_an_edited_document_keeping_links_by_position() {
    let (_t, tenant, stored) = setup().await;
    let draft = stored
        .promise
        .continue_into(Year::new(2024).unwrap())
        .unwrap();
    let draft = tenant.create_promise(Actor::System, &draft).await.unwrap();
    let [first, second, ..] = draft.commitment_ids[..] else {
        panic!()
    };
    link_input_and_finding_to(&tenant, first).await;
    link_input_and_finding_to(&tenant, second).await;

    let mut edited = draft.promise.clone();
    edited.title = Text::parse("Medborgarlöfte 2024, andra utkastet", 200).unwrap();
    edited.commitments.truncate(1);
    edited.commitments[0].text = Text::parse("A: att vandra i alla orter.", 500).unwrap();
    // A stale version is a conflict; the current one replaces.
    let stale = tenant
        .replace_draft(Actor::System, draft.id, Some(draft.version + 3), &edited)
        .await
        .unwrap()
        .unwrap_err();
    assert!(matches!(stale, Refused::Conflict(_)));
    let after = tenant
        .replace_draft(Actor::System, draft.id, Some(draft.version), &edited)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.promise.title.as_str(),
        "Medborgarlöfte 2024, andra utkastet"
    );
    assert_eq!(after.commitment_ids, [first]);
    assert_eq!(texts(&after), ["A"]);
    let kept = tenant.commitment_links(draft.id, first).await.unwrap();
    assert_eq!((kept.inputs, kept.findings), (1, 1));
    assert_eq!(
        tenant
            .commitment_links(draft.id, second)
            .await
            .unwrap()
            .inputs,
        0
    );
    // Another span, or a published promise, is not replaced.
    let mut other_years = edited.clone();
    other_years.years = lofte_domain::YearSpan::single(Year::new(2025).unwrap());
    assert!(matches!(
        tenant
            .replace_draft(Actor::System, draft.id, None, &other_years)
            .await,
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        tenant.replace_draft(Actor::System, stored.id, None, &stored.promise).await,
        Err(Error::Invalid(e)) if e[0].problem == lofte_domain::Problem::NotADraft
    ));
}
