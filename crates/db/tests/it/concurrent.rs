//! The same thing saved at the same moment, as two moderators, a double click or two
//! instances behind one PostgreSQL do: what to do (whom to tell, whether a link still
//! works) is decided on the row as it stands when the save commits, so nobody is told
//! twice and a link works once.
//!
//! Fixture: Gnesta (0461) with a locality and a road; not Flen.

use lofte_db::citizen_inputs::{Moderation, PlaceEdit};
use lofte_db::follows::{Announcement, NewNotice};
use lofte_db::input_cases::CaseUpdate;
use lofte_db::links::Links;
use lofte_db::mail::Letter;
use lofte_db::testing::fresh_database;
use lofte_db::{Actor, Error, Tenant};
use lofte_domain::follow::{NoticeKind, Target};
use lofte_domain::followup::Performer;
use lofte_domain::walk::{FindingCategory, FindingStatus, NewFinding, NewWalk};
use lofte_domain::{MunicipalityCode, PlaceSlug, Text};

/// How many save at once: enough that, without a lock, several would read the old row.
const AT_ONCE: usize = 8;

async fn gnesta() -> (lofte_db::testing::TestDatabase, Tenant) {
    let t = fresh_database().await;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0461", "places": [
            { "slug": "gnesta", "name": "Gnesta", "kind": "locality", "lat": 59.048, "lon": 17.311 },
            { "slug": "storgatan", "name": "Storgatan", "kind": "road", "lat": 59.049, "lon": 17.312 } ] }"#,
    )
    .unwrap();
    t.db.import_profile(&profile).await.unwrap();
    let tenant = t.db.tenant_named("0461").await.unwrap().unwrap();
    (t, tenant)
}

fn letter(kind: &str, lang: &str) -> Letter {
    Letter {
        kind: kind.into(),
        lang: lang.into(),
        subject: "Nytt på Storgatan".into(),
        body_text: "Nytt på Storgatan.".into(),
        body_html: "<p>Nytt på Storgatan.</p>".into(),
    }
}

/// Runs `saves` all at once, each on its own task (and so its own connection), and
/// returns what each returned.
async fn at_once<Fut>(saves: impl IntoIterator<Item = Fut>) -> Vec<Fut::Output>
where
    Fut: std::future::Future + Send + 'static,
    Fut::Output: Send + 'static,
{
    let mut tasks = tokio::task::JoinSet::new();
    for save in saves {
        tasks.spawn(save);
    }
    tasks.join_all().await
}

const INPUT: &str = "Bilar kör fort på Storgatan vid skolan.";

/// A resident's input at Storgatan, waiting for moderation.
async fn input_at_storgatan(tenant: &Tenant) -> i32 {
    let input = lofte_domain::citizen::InputFields {
        locality: "gnesta",
        place: "storgatan",
        category: "traffic",
        text: INPUT,
        ..Default::default()
    }
    .parse()
    .unwrap();
    tenant.receive_input(&input, None).await.unwrap()
}

/// The same input, published with nobody told.
async fn published_input_at_storgatan(tenant: &Tenant) -> i32 {
    let id = input_at_storgatan(tenant).await;
    tenant
        .moderate_input(Actor::System, id, &publish(), &[])
        .await
        .unwrap();
    id
}

fn publish() -> Moderation {
    Moderation::Publish {
        text: Text::parse(INPUT, 500).unwrap(),
        place: PlaceEdit::default(),
        links: Links::default(),
    }
}

/// What followers of Storgatan are told when something there changes.
fn news_at_storgatan(kind: NoticeKind) -> Announcement {
    Announcement {
        notice: NewNotice {
            municipality: MunicipalityCode::parse("0461").unwrap(),
            target: storgatan(),
            kind,
            title: ["Nytt på Storgatan".into(), "News on Storgatan".into()],
            summary: ["Något har hänt.".into(), "Something happened.".into()],
            path: "/0461/platser/storgatan".into(),
        },
        letters: [letter("notice", "sv"), letter("notice", "en")],
    }
}

fn storgatan() -> Target {
    Target::Place("storgatan".into())
}

async fn notices_at_storgatan(t: &lofte_db::testing::TestDatabase) -> usize {
    let municipality = MunicipalityCode::parse("0461").unwrap();
    t.db.notices(&municipality, &storgatan(), 50)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn an_input_published_by_several_moderators_at_once_is_announced_once() {
    let (t, tenant) = gnesta().await;
    let id = input_at_storgatan(&tenant).await;
    let announcement = news_at_storgatan(NoticeKind::InputPublished);

    let saves = at_once((0..AT_ONCE).map(|_| {
        let (tenant, announcement) = (tenant.clone(), announcement.clone());
        async move {
            tenant
                .moderate_input(Actor::System, id, &publish(), &[announcement])
                .await
        }
    }))
    .await;

    assert!(saves.iter().all(Result::is_ok), "{saves:?}");
    assert_eq!(notices_at_storgatan(&t).await, 1);
}

#[tokio::test]
async fn an_input_routed_by_several_moderators_at_once_is_sent_to_its_unit_once() {
    let (t, tenant) = gnesta().await;
    let id = published_input_at_storgatan(&tenant).await;
    let waiting = t.db.mail_waiting().await.unwrap();

    let saves = at_once((0..AT_ONCE).map(|_| {
        let tenant = tenant.clone();
        async move {
            let update = CaseUpdate {
                routed_to: Some(Text::parse("Tekniska förvaltningen", 100).unwrap()),
                ..Default::default()
            };
            let to_unit = letter("unit_routing", "sv");
            tenant
                .update_case(
                    Actor::System,
                    id,
                    &update,
                    &[],
                    Some(("teknik@gnesta.example", &to_unit)),
                )
                .await
        }
    }))
    .await;

    assert!(saves.iter().all(Result::is_ok), "{saves:?}");
    assert_eq!(
        t.db.mail_waiting().await.unwrap() - waiting,
        1,
        "the unit's mailbox gets one letter however many saved the same routing"
    );
    let stored = tenant.input(id).await.unwrap();
    assert_eq!(
        stored.case.routed_to.as_deref(),
        Some("Tekniska förvaltningen")
    );
}

#[tokio::test]
async fn a_reply_saved_by_several_moderators_at_once_is_announced_once() {
    let (t, tenant) = gnesta().await;
    let id = published_input_at_storgatan(&tenant).await;
    let announcement = news_at_storgatan(NoticeKind::InputChanged);

    let saves = at_once((0..AT_ONCE).map(|_| {
        let (tenant, announcement) = (tenant.clone(), announcement.clone());
        async move {
            let update = CaseUpdate {
                reply: Some(
                    Text::parse("Vi sätter upp en hastighetsdisplay i maj.", 2000).unwrap(),
                ),
                ..Default::default()
            };
            tenant
                .update_case(Actor::System, id, &update, &[announcement], None)
                .await
        }
    }))
    .await;

    assert!(saves.iter().all(Result::is_ok), "{saves:?}");
    assert_eq!(notices_at_storgatan(&t).await, 1);
}

#[tokio::test]
async fn a_finding_marked_fixed_by_several_at_once_is_announced_once() {
    let (t, tenant) = gnesta().await;
    let walk = tenant
        .add_walk(
            Actor::System,
            &NewWalk {
                date: chrono::NaiveDate::from_ymd_opt(2025, 9, 18).unwrap(),
                route: vec![PlaceSlug::parse("storgatan").unwrap()],
                participants: 6,
                again_by: None,
            },
            Performer::Municipality,
        )
        .await
        .unwrap();
    let finding = tenant
        .add_finding(
            Actor::System,
            walk,
            &NewFinding {
                place: PlaceSlug::parse("storgatan").unwrap(),
                category: FindingCategory::parse("lighting").unwrap(),
                description: Text::parse("Gatlampan vid busshållplatsen är trasig.", 500).unwrap(),
                owner: Text::parse("Tekniska förvaltningen", 100).unwrap(),
                due: None,
            },
            &Links::default(),
        )
        .await
        .unwrap();
    let announcement = news_at_storgatan(NoticeKind::FindingChanged);

    let saves = at_once((0..AT_ONCE).map(|_| {
        let (tenant, announcement) = (tenant.clone(), announcement.clone());
        async move {
            tenant
                .set_finding_status(
                    Actor::System,
                    finding,
                    FindingStatus::Fixed,
                    None,
                    &[announcement],
                )
                .await
        }
    }))
    .await;

    // One of them moved it; the others found it already fixed and were told so.
    let moved = saves.iter().filter(|s| s.is_ok()).count();
    assert_eq!(moved, 1, "{saves:?}");
    assert!(
        saves
            .iter()
            .all(|s| s.is_ok() || matches!(s, Err(Error::Invalid(_)))),
        "{saves:?}"
    );
    assert_eq!(notices_at_storgatan(&t).await, 1);
}

#[tokio::test]
async fn an_address_asking_to_follow_twice_at_once_is_asked_to_confirm_once() {
    use lofte_db::follows::{CONFIRM_LETTER, FollowRequest, Requested};
    use lofte_domain::Email;
    use lofte_domain::follow::Frequency;

    let (t, _) = gnesta().await;
    let db = t.db.clone();
    let mut saves = Vec::new();
    // A double click on the follow form, or two tabs: the same request at the same moment.
    for _ in 0..AT_ONCE {
        let db = db.clone();
        saves.push(async move {
            let request = FollowRequest {
                email: Email::parse("boende@example.se").unwrap(),
                lang: "sv".into(),
                municipality: MunicipalityCode::parse("0461").unwrap(),
                target: storgatan(),
                frequency: Frequency::Weekly,
            };
            db.request_follow(
                &request,
                |_| letter(CONFIRM_LETTER, "sv"),
                chrono::Utc::now(),
            )
            .await
        });
    }
    let answers = at_once(saves).await;
    let asked = answers
        .iter()
        .filter(|a| matches!(a, Ok(Requested::Asked(_))))
        .count();
    // Each is answered as a resident would expect: one asked, the rest told nothing new
    // (the page they see is the same), none an error.
    assert_eq!(asked, 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|a| matches!(a, Ok(Requested::Asked(_) | Requested::Already))),
        "{answers:?}"
    );
    assert_eq!(t.db.mail_waiting().await.unwrap(), 1);
}

#[tokio::test]
async fn a_reset_link_used_twice_at_once_sets_one_password() {
    use lofte_domain::Email;

    let (t, _) = gnesta().await;
    let address = Email::parse("samordnare@gnesta.example").unwrap();
    t.db.create_account(&address, "Samordnare", "gammal-hash")
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let sent =
        t.db.request_password_reset(
            &address,
            "digest-of-the-link",
            now + chrono::Duration::minutes(30),
            &letter("password_reset", "sv"),
            now,
        )
        .await
        .unwrap();
    assert!(sent);

    // The link opened in two tabs (or by the holder and someone who saw it), submitted
    // at the same moment with different passwords.
    let mut saves = Vec::new();
    for i in 0..AT_ONCE {
        let db = t.db.clone();
        saves.push(async move {
            db.reset_password("digest-of-the-link", &format!("ny-hash-{i}"), now)
                .await
        });
    }
    let answers = at_once(saves).await;
    let set = answers.iter().filter(|a| matches!(a, Ok(true))).count();
    assert_eq!(set, 1, "the link works once: {answers:?}");
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
}

#[tokio::test]
async fn a_resident_answering_twice_at_once_is_counted_once() {
    use lofte_domain::Email;
    use lofte_domain::citizen::{InputContact, ResidentAnswer};

    // Several residents, each with an input, so that the race has several chances.
    let (t, tenant) = gnesta().await;
    let input = lofte_domain::citizen::InputFields {
        locality: "gnesta",
        place: "storgatan",
        category: "traffic",
        text: INPUT,
        ..Default::default()
    }
    .parse()
    .unwrap();
    for i in 0..6 {
        let contact = InputContact {
            email: Email::parse(&format!("boende{i}@example.se")).unwrap(),
            lang: "sv".into(),
        };
        let id = tenant.receive_input(&input, Some(&contact)).await.unwrap();
        tenant
            .moderate_input(Actor::System, id, &publish(), &[])
            .await
            .unwrap();
    }
    // Four weeks on, each is asked.
    let later = chrono::Utc::now() + chrono::Duration::days(29);
    let questions = t.db.due_questions(later).await.unwrap();
    assert_eq!(questions.len(), 6);
    for question in &questions {
        let asked =
            t.db.queue_question(question, &letter("question", "sv"), later)
                .await
                .unwrap();
        assert!(asked);
    }

    // Each resident answers in two tabs at once, with two different buttons.
    let mut saves = Vec::new();
    for question in &questions {
        for i in 0..AT_ONCE {
            let db = t.db.clone();
            let (id, since) = (question.input.id, question.since);
            let answer = [ResidentAnswer::Yes, ResidentAnswer::Partly][i % 2];
            saves.push(async move { (id, answer, db.answer_question(id, since, answer).await) });
        }
    }
    let answers = at_once(saves).await;
    assert!(answers.iter().all(|(_, _, a)| a.is_ok()), "{answers:?}");
    for question in &questions {
        let id = question.input.id;
        let counted: Vec<_> = answers
            .iter()
            .filter(|(input, _, a)| *input == id && matches!(a, Ok(true)))
            .collect();
        assert_eq!(counted.len(), 1, "input {id}: {answers:?}");
        // What shows with the input is the answer that was counted.
        assert_eq!(
            tenant.input(id).await.unwrap().case.answer,
            Some(counted[0].1)
        );
    }
}

#[tokio::test]
async fn a_follower_ending_their_last_follows_at_once_leaves_no_address_behind() {
    use lofte_db::follows::{CONFIRM_LETTER, FollowRequest, Requested};
    use lofte_domain::Email;
    use lofte_domain::follow::Frequency;

    let (t, _) = gnesta().await;
    let now = chrono::Utc::now();
    // Five residents, each following both places, so that the race has several chances.
    let mut followers = Vec::new();
    for i in 0..5 {
        let mut follows = Vec::new();
        for place in ["gnesta", "storgatan"] {
            let request = FollowRequest {
                email: Email::parse(&format!("boende{i}@example.se")).unwrap(),
                lang: "sv".into(),
                municipality: MunicipalityCode::parse("0461").unwrap(),
                target: Target::Place(place.into()),
                frequency: Frequency::Immediately,
            };
            let Requested::Asked(pending) =
                t.db.request_follow(&request, |_| letter(CONFIRM_LETTER, "sv"), now)
                    .await
                    .unwrap()
            else {
                panic!("{i} {place} not asked")
            };
            t.db.confirm_follow(pending, now).await.unwrap();
            follows.push(pending);
        }
        let key = t.db.follower_of(follows[0]).await.unwrap().unwrap();
        followers.push((key, follows));
    }

    // Each ends both follows at the same moment (two links from two messages).
    let mut saves = Vec::new();
    for (key, follows) in &followers {
        for pending in follows {
            let (db, key, id) = (t.db.clone(), *key, pending.id);
            saves.push(async move { db.unfollow(key, id).await });
        }
    }
    let ended = at_once(saves).await;
    assert!(ended.iter().all(|e| matches!(e, Ok(true))), "{ended:?}");
    // The address goes with its last follow, however the two ends fell.
    for (key, _) in &followers {
        assert!(
            t.db.follower(*key).await.unwrap().is_none(),
            "{key:?} is left"
        );
    }
}

#[tokio::test]
async fn instances_starting_at_once_send_a_weekly_reminder_once() {
    let (t, _) = gnesta().await;
    let now = chrono::Utc::now();
    // Several instances start together and each queues the week's reminder for each of
    // six staff members.
    let staff: Vec<String> = (0..6)
        .map(|i| format!("handlaggare{i}@gnesta.example"))
        .collect();
    let mut saves = Vec::new();
    for _ in 0..AT_ONCE {
        for to in &staff {
            let (db, to) = (t.db.clone(), to.clone());
            saves.push(async move {
                let queued = db
                    .queue_reminder(
                        &to,
                        &letter("reminder", "sv"),
                        now,
                        chrono::Duration::days(7),
                    )
                    .await;
                (to, queued)
            });
        }
    }
    let queued = at_once(saves).await;
    assert!(queued.iter().all(|(_, q)| q.is_ok()), "{queued:?}");
    for to in &staff {
        let sent = queued
            .iter()
            .filter(|(address, q)| address == to && matches!(q, Ok(true)))
            .count();
        assert_eq!(sent, 1, "{to}: {queued:?}");
    }
    assert_eq!(t.db.mail_waiting().await.unwrap(), 6);
}
