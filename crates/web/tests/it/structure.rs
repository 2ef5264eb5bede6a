//! Removing, moving and deleting from the staff area, each step on a page that says what
//! will happen.

use lofte_domain::{MunicipalityCode, Role, Year};
use scraper::Html;

use crate::helpers::{TestApp, spawn_app, texts};
use crate::helpers::{flen, post_form};

async fn stored(app: &TestApp, year: i32) -> Option<lofte_db::StoredPromise> {
    app.database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
        .promise_for_year(Year::new(year).unwrap(), lofte_db::Visibility::All)
        .await
        .unwrap()
}

fn commitment_texts(page: &Html) -> Vec<String> {
    texts(page, "li.commitment > p:first-child")
}

#[tokio::test]
async fn a_reported_commitment_cannot_be_removed_and_the_page_says_why() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let p = stored(&app, 2021).await.unwrap();
    let id = p.commitment_ids[0];
    // Reported on in a published tertial report.
    app.database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
        .save_follow_up(
            lofte_db::Actor::System,
            p.id,
            Year::new(2021).unwrap(),
            lofte_domain::followup::ReportPeriod::Tertial(lofte_domain::Tertial::T1),
            0,
            &lofte_db::ReportContent {
                entries: vec![(
                    id,
                    lofte_domain::followup::Entry {
                        status: "not-assessed".into(),
                        reason: None,
                        narrative: Some(lofte_domain::Text::parse("Påbörjat.", 500).unwrap()),
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
    let page = app
        .page_as(
            &format!("/personal/kommun/0482/2021/atagande/{id}/ta-bort"),
            &cookie,
        )
        .await;
    let text = texts(&page, "main").join(" ");
    assert!(text.contains("1 publicerad uppföljning"), "{text}");
    assert!(text.contains("kan det inte tas bort"), "{text}");
    assert!(
        texts(&page, "main form button").is_empty(),
        "no button to remove it"
    );
    // Posting anyway changes nothing.
    let r = post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0482/2021/atagande/{id}/ta-bort"),
        &[("version", &p.version.to_string()), ("links", "drop")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        stored(&app, 2021).await.unwrap().commitment_ids,
        p.commitment_ids
    );
}

#[tokio::test]
async fn a_draft_is_reordered_cut_down_and_deleted_from_the_staff_page() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    // Next year's promise starts as a copy of 2021's.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/kopiera",
        &[],
    )
    .await;
    assert_eq!(r.status(), 303);
    let draft = stored(&app, 2022).await.unwrap();
    let before = commitment_texts(&app.page_as("/personal/kommun/0482/2022", &cookie).await);
    assert_eq!(before.len(), draft.promise.commitments.len());

    // Moving the police's second commitment up swaps it with their first.
    let police: Vec<&str> = draft
        .promise
        .commitments
        .iter()
        .filter(|c| c.party == lofte_domain::Party::Police)
        .map(|c| c.text.as_str())
        .collect();
    let second = draft
        .commitment_ids
        .iter()
        .zip(&draft.promise.commitments)
        .filter(|(_, c)| c.party == lofte_domain::Party::Police)
        .nth(1)
        .map(|(id, _)| *id)
        .unwrap();
    let r = post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0482/2022/atagande/{second}/flytta"),
        &[("version", &draft.version.to_string()), ("direction", "up")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        format!("/personal/kommun/0482/2022#atagande-{second}")
    );
    let moved = stored(&app, 2022).await.unwrap();
    let police_now: Vec<&str> = moved
        .promise
        .commitments
        .iter()
        .filter(|c| c.party == lofte_domain::Party::Police)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(police_now[0], police[1]);
    assert_eq!(police_now[1], police[0]);

    // Removing one: the page asks, nothing links to it, one press removes it.
    let victim = moved.commitment_ids[0];
    let ask = app
        .page_as(
            &format!("/personal/kommun/0482/2022/atagande/{victim}/ta-bort"),
            &cookie,
        )
        .await;
    assert_eq!(texts(&ask, "h1"), ["Ta bort åtagandet?"]);
    assert!(
        texts(&ask, "main")
            .join(" ")
            .contains("Inget är kopplat till åtagandet.")
    );
    let r = post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0482/2022/atagande/{victim}/ta-bort"),
        &[("version", &moved.version.to_string())],
    )
    .await;
    assert_eq!(r.status(), 303);
    let cut = stored(&app, 2022).await.unwrap();
    assert_eq!(cut.commitment_ids.len(), moved.commitment_ids.len() - 1);
    assert!(!cut.commitment_ids.contains(&victim));
    let history = texts(
        &app.page_as("/personal/kommun/0482/2022", &cookie).await,
        "#historik + div td",
    );
    assert!(
        history.iter().any(|h| h == "Ett åtagande togs bort"),
        "{history:?}"
    );

    // Deleting the draft: asked on a page of its own, then gone, and the year is free.
    let ask = app
        .page_as("/personal/kommun/0482/2022/ta-bort", &cookie)
        .await;
    assert_eq!(texts(&ask, "h1"), ["Ta bort utkastet?"]);
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2022/ta-bort",
        &[("version", &cut.version.to_string())],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert!(stored(&app, 2022).await.is_none());
    let r = app.get("/personal/kommun/0482/2022").await;
    assert_ne!(r.status(), 200);
    // A published promise has no delete page to reach.
    let page = app.page_as("/personal/kommun/0482/2021", &cookie).await;
    assert!(
        !texts(&page, "main a")
            .iter()
            .any(|a| a == "Ta bort utkastet")
    );
}

#[tokio::test]
async fn removing_a_linked_commitment_asks_what_becomes_of_its_links() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/kopiera",
        &[],
    )
    .await;
    let draft = stored(&app, 2022).await.unwrap();
    let [first, second, ..] = draft.commitment_ids[..] else {
        panic!()
    };
    // A resident's input linked to the draft's first commitment.
    let tenant = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap();
    let input = lofte_domain::citizen::InputFields {
        locality: "flen",
        category: "traffic",
        text: "Mörkt vid stationen.",
        ..Default::default()
    }
    .parse()
    .unwrap();
    let id = tenant.receive_input(&input, None).await.unwrap();
    tenant
        .moderate_input(
            lofte_db::Actor::System,
            id,
            &lofte_db::citizen_inputs::Moderation::Publish {
                text: lofte_domain::Text::parse("Mörkt vid stationen.", 500).unwrap(),
                place: Default::default(),
                links: lofte_db::links::Links {
                    commitment: Some(first),
                    focus: None,
                },
            },
            &[],
        )
        .await
        .unwrap();
    let path = format!("/personal/kommun/0482/2022/atagande/{first}/ta-bort");
    let ask = app.page_as(&path, &cookie).await;
    assert!(
        texts(&ask, "main li")
            .iter()
            .any(|l| l == "1 synpunkt från invånare")
    );
    // Without a choice: refused, saying so, nothing removed.
    let r = post_form(
        &app.address,
        &cookie,
        &path,
        &[("version", &draft.version.to_string())],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = Html::parse_document(&r.text().await.unwrap());
    assert!(
        texts(&page, ".error-summary")
            .join(" ")
            .contains("Inget har tagits bort.")
    );
    assert_eq!(
        stored(&app, 2022).await.unwrap().commitment_ids,
        draft.commitment_ids
    );
    // Moved to the second commitment.
    let r = post_form(
        &app.address,
        &cookie,
        &path,
        &[
            ("version", &draft.version.to_string()),
            ("links", "move"),
            ("move_to", &second.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        tenant
            .commitment_links(draft.id, second)
            .await
            .unwrap()
            .inputs,
        1
    );
}

#[tokio::test]
async fn next_years_draft_carries_over_the_chosen_commitments() {
    let app = spawn_app().await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let p = stored(&app, 2021).await.unwrap();
    let page = app
        .page_as("/personal/kommun/0482/2021/kopiera", &cookie)
        .await;
    assert_eq!(
        texts(&page, "h1"),
        ["Börja 2022 års löfte som en kopia av detta"]
    );
    let ticked = page
        .select(&scraper::Selector::parse("input[name=commitments][checked]").unwrap())
        .count();
    assert_eq!(ticked, p.commitment_ids.len(), "all ticked to begin with");
    // None chosen: asked again, nothing created.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/kopiera",
        &[("chosen", "1")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let again = Html::parse_document(&r.text().await.unwrap());
    assert!(
        texts(&again, ".error-summary")
            .join(" ")
            .contains("Välj minst ett åtagande")
    );
    assert!(stored(&app, 2022).await.is_none());
    // Two chosen: the draft has those two, in order, and the moved title and goal.
    let (a, b) = (
        p.commitment_ids[0].to_string(),
        p.commitment_ids[5].to_string(),
    );
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/kopiera",
        &[("chosen", "1"), ("commitments", &b), ("commitments", &a)],
    )
    .await;
    assert_eq!(r.status(), 303);
    let draft = stored(&app, 2022).await.unwrap();
    assert_eq!(
        draft.promise.commitments,
        [
            p.promise.commitments[0].clone(),
            p.promise.commitments[5].clone()
        ]
    );
    assert_eq!(draft.promise.title.as_str(), "Medborgarlöfte 2022");
    assert!(
        draft
            .promise
            .outcome_goal
            .text
            .as_str()
            .starts_with("År 2023 ska")
    );
}
