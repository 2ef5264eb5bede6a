//! The outbox as senders on several instances use it: a message is marked sent only by
//! the sender that holds it, and a refusal after the mark puts it back in the queue.

use chrono::{Duration, Utc};
use lofte_db::mail::{Attempt, Ended, Finishing, Letter};
use lofte_db::testing::fresh_database;

fn reminder() -> Letter {
    Letter {
        kind: "reminder".into(),
        lang: "sv".into(),
        subject: "Påminnelse".into(),
        body_text: "Tertial 2 ska följas upp.".into(),
        body_html: "<p>Tertial 2 ska följas upp.</p>".into(),
    }
}

fn finishing(mail: &lofte_db::mail::Outgoing) -> Finishing {
    Finishing {
        id: mail.id,
        claimed_until: mail.claimed_until,
    }
}

#[tokio::test]
async fn a_sender_whose_lease_ran_out_can_neither_mark_nor_unmark_the_message() {
    let t = fresh_database().await;
    let lease = Duration::seconds(60);
    let now = Utc::now();
    t.db.queue_reminder("samordnare@gnesta.se", &reminder(), now, Duration::days(7))
        .await
        .unwrap();
    let [slow] = &t.db.claim_mail(now, lease, 10).await.unwrap()[..] else {
        panic!("one message due")
    };
    assert!(
        t.db.claim_mail(now, lease, 10).await.unwrap().is_empty(),
        "held"
    );
    // The first sender stalls past its lease; another instance takes the message.
    let later = now + lease + Duration::seconds(1);
    let [quick] = &t.db.claim_mail(later, lease, 10).await.unwrap()[..] else {
        panic!("taken again after the lease")
    };
    assert_eq!((quick.id, quick.attempts), (slow.id, 2));

    let none =
        t.db.record_marks(&[finishing(slow)], &[], later)
            .await
            .unwrap();
    assert!(none.is_empty(), "the stalled sender must not finish it");
    let marked =
        t.db.record_marks(&[finishing(quick)], &[], later)
            .await
            .unwrap();
    assert_eq!(marked, vec![quick.id]);
    // The stalled sender's connection then fails: that changes nothing.
    let retry = Attempt::Retry {
        at: later,
        error: "421 closing".into(),
    };
    t.db.record_marks(
        &[],
        &[Ended {
            mail: slow,
            attempt: &retry,
            after_mark: false,
        }],
        later,
    )
    .await
    .unwrap();
    assert_eq!(t.db.mail_waiting().await.unwrap(), 0);
    let log = t.db.mail_log(10).await.unwrap();
    assert!(
        log[0].sent_at.is_some() && log[0].last_error.is_none(),
        "{log:?}"
    );
}

#[tokio::test]
async fn a_message_the_server_refused_after_it_was_marked_is_sent_again_later() {
    let t = fresh_database().await;
    let now = Utc::now();
    t.db.queue_reminder("polis@example.se", &reminder(), now, Duration::days(7))
        .await
        .unwrap();
    let [mail] = &t
        .db
        .claim_mail(now, Duration::seconds(60), 10)
        .await
        .unwrap()[..]
    else {
        panic!("one message due")
    };
    assert_eq!(
        t.db.record_marks(&[finishing(mail)], &[], now)
            .await
            .unwrap(),
        vec![mail.id]
    );
    assert_eq!(t.db.mail_waiting().await.unwrap(), 0);

    let retry_at = now + Duration::minutes(2);
    let retry = Attempt::Retry {
        at: retry_at,
        error: "451 try again later".into(),
    };
    t.db.record_marks(
        &[],
        &[Ended {
            mail,
            attempt: &retry,
            after_mark: true,
        }],
        now,
    )
    .await
    .unwrap();
    assert_eq!(t.db.mail_waiting().await.unwrap(), 1);
    let log = t.db.mail_log(10).await.unwrap();
    assert_eq!(log[0].sent_at, None);
    assert_eq!(log[0].last_error.as_deref(), Some("451 try again later"));
    assert!(
        t.db.claim_mail(now + Duration::minutes(1), Duration::seconds(60), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again =
        t.db.claim_mail(retry_at, Duration::seconds(60), 10)
            .await
            .unwrap();
    assert_eq!(
        again.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(),
        vec![(mail.id, 2)]
    );
}

#[tokio::test]
async fn an_address_bounces_from_a_refusal_until_a_server_says_yes_to_it() {
    use lofte_db::follows::{CONFIRM_LETTER, FollowRequest, Requested};
    use lofte_domain::follow::{Frequency, Target};
    let t = fresh_database().await;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0428", "places": [
            { "slug": "hogsjo", "name": "Högsjö", "kind": "locality", "lat": 59.047, "lon": 15.727 } ] }"#,
    )
    .unwrap();
    t.db.import_profile(&profile).await.unwrap();
    let now = Utc::now();
    let request = FollowRequest {
        email: lofte_domain::Email::parse("granne@example.se").unwrap(),
        lang: "sv".into(),
        municipality: lofte_domain::MunicipalityCode::parse("0428").unwrap(),
        target: Target::Place("hogsjo".into()),
        frequency: Frequency::Weekly,
    };
    let confirm = |_| Letter {
        kind: CONFIRM_LETTER.into(),
        ..reminder()
    };
    let Requested::Asked(pending) = t.db.request_follow(&request, confirm, now).await.unwrap()
    else {
        panic!("asked")
    };
    t.db.confirm_follow(pending, now).await.unwrap();
    let key =
        t.db.follower_of(pending)
            .await
            .unwrap()
            .expect("a follower");
    let bouncing = || async { t.db.follower(key).await.unwrap().unwrap().bouncing_since };
    let lease = Duration::seconds(60);
    // The confirmation letter went to the address as given; the digests below go to the
    // follower.
    let [confirmation] = &t.db.claim_mail(now, lease, 10).await.unwrap()[..] else {
        panic!("the confirmation")
    };
    assert!(confirmation.follower.is_none());
    t.db.record_marks(&[finishing(confirmation)], &[], now)
        .await
        .unwrap();
    // A week's digest to the follower, queued and taken by a sender.
    async fn digest_at(db: &lofte_db::Db, at: chrono::DateTime<Utc>) -> lofte_db::mail::Outgoing {
        let (due, _) = db.due_digests(at, 0, 10).await.unwrap();
        let letter = Letter {
            kind: "digest".into(),
            ..reminder()
        };
        assert!(db.queue_digest(&due[0], Some(&letter), at).await.unwrap());
        let mut taken = db.claim_mail(at, Duration::seconds(60), 10).await.unwrap();
        assert_eq!(taken.len(), 1);
        taken.remove(0)
    }

    // The first digest is refused for good after it was marked (550 at the end of data).
    let at = now + Duration::days(8);
    let first = digest_at(&t.db, at).await;
    assert!(first.follower.is_some() && !first.bouncing);
    t.db.record_marks(&[finishing(&first)], &[], at)
        .await
        .unwrap();
    let refused = Attempt::GaveUp {
        error: "550 no such mailbox".into(),
    };
    let after_mark = |mail, attempt| Ended {
        mail,
        attempt,
        after_mark: true,
    };
    t.db.record_marks(&[], &[after_mark(&first, &refused)], at)
        .await
        .unwrap();
    let since = bouncing().await.expect("bouncing after a refusal");

    // The next is marked as its data ends, which says nothing of the address yet.
    let at = at + Duration::days(8);
    let second = digest_at(&t.db, at).await;
    assert!(second.bouncing, "the sender is told, to report a yes");
    t.db.record_marks(&[finishing(&second)], &[], at)
        .await
        .unwrap();
    assert_eq!(bouncing().await, Some(since));
    // The server's yes ends the bouncing.
    t.db.record_marks(&[], &[after_mark(&second, &Attempt::Sent)], at)
        .await
        .unwrap();
    assert_eq!(bouncing().await, None);
}
