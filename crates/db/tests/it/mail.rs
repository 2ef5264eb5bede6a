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
        follower: None,
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
