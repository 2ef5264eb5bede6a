//! Requests to follow, as every instance of a deployment sees them through the database.
//!
//! Fixture: Gnesta (0461) with its places; not Flen.

use chrono::{Duration, Utc};
use lofte_db::follows::{CONFIRM_LETTER, FollowRequest, Requested};
use lofte_db::mail::Letter;
use lofte_db::testing::fresh_database;
use lofte_domain::follow::{CONFIRMATIONS_PER_DAY, Frequency, Target};
use lofte_domain::{Email, MunicipalityCode};

fn confirm_letter() -> Letter {
    Letter {
        kind: CONFIRM_LETTER.into(),
        lang: "sv".into(),
        subject: "Bekräfta".into(),
        body_text: "Bekräfta.".into(),
        body_html: "<p>Bekräfta.</p>".into(),
    }
}

#[tokio::test]
async fn an_address_is_asked_to_confirm_at_most_ten_times_a_day_whichever_instance_asks() {
    let t = fresh_database().await;
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0461", "places": [
            { "slug": "gnesta", "name": "Gnesta", "kind": "locality", "lat": 59.048, "lon": 17.311 } ] }"#,
    )
    .unwrap();
    t.db.import_profile(&profile).await.unwrap();
    let request = |target: Target| FollowRequest {
        email: Email::parse("offer@example.se").unwrap(),
        lang: "sv".into(),
        municipality: MunicipalityCode::parse("0461").unwrap(),
        target,
        frequency: Frequency::Immediately,
    };
    let now = Utc::now();
    // Each request is for something new, as a flood through many instances would be.
    for i in 0..CONFIRMATIONS_PER_DAY {
        let asked =
            t.db.request_follow(
                &request(Target::Place(format!("plats-{i}"))),
                |_| confirm_letter(),
                now,
            )
            .await
            .unwrap();
        assert!(matches!(asked, Requested::Asked(_)), "{i}: {asked:?}");
    }
    let flood = request(Target::Place("en-till".into()));
    assert_eq!(
        t.db.request_follow(&flood, |_| confirm_letter(), now)
            .await
            .unwrap(),
        Requested::TooOften
    );
    // Nothing was stored or queued for it (so a day later it is asked, not "already").
    assert_eq!(
        t.db.mail_waiting().await.unwrap(),
        CONFIRMATIONS_PER_DAY as u64
    );
    // Capped, the address gets the same answer for what it already asked to follow: the
    // cap tells nobody what it follows.
    assert_eq!(
        t.db.request_follow(
            &request(Target::Place("plats-0".into())),
            |_| confirm_letter(),
            now
        )
        .await
        .unwrap(),
        Requested::TooOften
    );
    // A day later the address may be asked again; another address any time.
    let tomorrow = now + Duration::days(1) + Duration::minutes(1);
    assert!(matches!(
        t.db.request_follow(&flood, |_| confirm_letter(), tomorrow)
            .await
            .unwrap(),
        Requested::Asked(_)
    ));
    let other = FollowRequest {
        email: Email::parse("annan@example.se").unwrap(),
        ..request(Target::Place("en-till".into()))
    };
    assert!(matches!(
        t.db.request_follow(&other, |_| confirm_letter(), now)
            .await
            .unwrap(),
        Requested::Asked(_)
    ));
}
