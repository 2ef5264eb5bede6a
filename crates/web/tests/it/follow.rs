//! Following by e-mail without an account, and the forgotten-password link: every
//! message as a mail client reads it from the file mailer (the SMTP path is tested
//! against a real server in mail-check/).
//!
//! Fixture: Gnesta's promise over three years (2025–2027), not Flen's.

use lofte_db::testing::fresh_database;
use lofte_domain::Role;

use crate::helpers::{
    STAFF_PASSWORD, client, confirm_by_link, fetch_page, page, post_form, serve_with_mail, sign_in,
    staff_of, texts,
};

/// Gnesta with two places and a published promise for 2025–2027 of three commitments.
async fn gnesta(db: &lofte_db::Db) {
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0461", "places": [
            { "slug": "gnesta", "name": "Gnesta", "kind": "locality", "lat": 59.048, "lon": 17.311 },
            { "slug": "bjornlunda", "name": "Björnlunda", "kind": "locality", "lat": 59.066, "lon": 17.161 } ] }"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    let promise = lofte_domain::exchange::parse_promise_json(
        &serde_json::json!({
            "municipality": "0461",
            "years": { "first": 2025, "last": 2027 },
            "title": "Medborgarlöfte 2025–2027",
            "aim": "Tryggare stationsområde <kväll> & natt.",
            "outcome_goal": { "text": "Fler ska känna sig trygga vid stationen.", "measured_in": 2027 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2028, "quarter": 1 } },
            "status": "published",
            "commitments": [
                { "party": "together", "kind": "process", "text": "att genomföra trygghetsvandringar vid stationen.",
                  "target": { "activity": "safety_walk", "at_least": 6 } },
                { "party": "police", "kind": "process", "text": "att vara synliga <b>kvällstid</b> i Björnlunda." },
                { "party": "municipality", "kind": "process", "text": "att rusta upp belysningen i gångtunneln." }
            ]
        })
        .to_string(),
    )
    .unwrap();
    db.import_promise(lofte_db::Actor::System, &promise)
        .await
        .unwrap();
}

/// Gnesta's coordinator, signed in: the session cookie.
async fn coordinator(db: &lofte_db::Db, base: &str) -> String {
    staff_of(
        db,
        base,
        "samordnare@gnesta.example",
        "0461",
        Role::Coordinator,
    )
    .await
}

async fn follow(base: &str, lang: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client()
        .post(format!("{base}/kommun/0461/folj"))
        .header("Cookie", format!("lofte_lang={lang}"))
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn publish(base: &str, cookie: &str, tertial: &str) {
    let path = format!("/personal/kommun/0461/2025/uppfoljning/{tertial}");
    let r = post_form(
        base,
        cookie,
        &path,
        &[
            ("version", "0"),
            ("action", "publish"),
            ("narrative_0", "Två vandringar är gjorda."),
            ("narrative_1", "Patruller tre kvällar i veckan."),
            ("narrative_2", "Belysningen är beställd."),
        ],
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

#[tokio::test]
async fn a_resident_follows_confirms_hears_of_a_follow_up_and_unsubscribes_in_one_click() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;

    // The form under the promise offers the whole promise and each commitment.
    let (_, html) = fetch_page(&base, None, "/kommun/0461/2025").await;
    let things = texts(&html, "select[name=atagande] option");
    assert_eq!(things.len(), 4, "{things:?}");
    assert_eq!(things[0], "Hela löftet");

    // A resident asks to follow the whole promise; an English reader one commitment.
    let whole = [
        ("email", " Invanare@Example.se "),
        ("mal", "promise"),
        ("ar", "2026"),
        ("atagande", ""),
        ("frekvens", "immediately"),
    ];
    let asked = follow(&base, "sv", &whole).await;
    assert_eq!(asked.status(), 200);
    let first_answer = texts(&page(&asked.text().await.unwrap()), "main p");
    assert!(
        first_answer[0].contains("invanare@example.se"),
        "{first_answer:?}"
    );
    let commitment_id = {
        let values: Vec<String> = html
            .select(&scraper::Selector::parse("select[name=atagande] option").unwrap())
            .filter_map(|o| o.value().attr("value").map(str::to_owned))
            .collect();
        values[2].clone()
    };
    let english = follow(
        &base,
        "en",
        &[
            ("email", "reader@example.org"),
            ("mal", "promise"),
            ("ar", "2025"),
            ("atagande", &commitment_id),
            ("frekvens", "immediately"),
        ],
    )
    .await;
    assert_eq!(english.status(), 200);

    // Each gets one message to confirm, in their language, with no unsubscribe header
    // (they follow nothing yet).
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 2, "{inbox:#?}");
    let sv = inbox
        .iter()
        .find(|m| m.to == "invanare@example.se")
        .unwrap();
    assert!(
        sv.subject
            .starts_with("Bekräfta att du vill följa: Medborgarlöftet i Gnesta 2025–2027"),
        "{}",
        sv.subject
    );
    assert_eq!(sv.content_language.as_deref(), Some("sv"));
    assert_eq!(sv.list_unsubscribe, None);
    let en = inbox.iter().find(|m| m.to == "reader@example.org").unwrap();
    assert!(
        en.subject.starts_with("Confirm that you want to follow"),
        "{}",
        en.subject
    );
    assert!(
        en.subject.contains("synliga <b>kvällstid</b>"),
        "{}",
        en.subject
    );
    // What the resident typed is escaped in the HTML part.
    assert!(
        en.html.contains("&#60;b&#62;kvällstid&#60;/b&#62;"),
        "{}",
        en.html
    );
    assert!(!en.html.contains("<b>kvällstid"));

    // Asking again sends nothing and answers exactly as before.
    let again = follow(&base, "sv", &whole).await;
    assert_eq!(again.status(), 200);
    assert_eq!(
        texts(&page(&again.text().await.unwrap()), "main p"),
        first_answer
    );
    assert_eq!(mail.deliver(db).await.len(), 2);

    // The link shows a button (mail scanners open links); the button confirms, once.
    let confirm = sv
        .link(&format!("{base}/folj/bekrafta/"))
        .expect("a confirmation link");
    let shown = client().get(&confirm).send().await.unwrap();
    assert_eq!(shown.status(), 200);
    assert_eq!(
        texts(&page(&shown.text().await.unwrap()), "main button"),
        ["Ja, jag vill följa"]
    );
    let origin = base.clone();
    let post = |url: String| {
        let origin = origin.clone();
        async move {
            client()
                .post(url)
                .header("Origin", origin)
                .send()
                .await
                .unwrap()
        }
    };
    let done = post(confirm.clone()).await;
    assert_eq!(
        texts(&page(&done.text().await.unwrap()), "h1"),
        ["Nu följer du"]
    );
    let twice = post(confirm.clone()).await;
    assert_eq!(twice.status(), 200);
    assert_eq!(
        texts(&page(&twice.text().await.unwrap()), "h1"),
        ["Redan bekräftat"]
    );
    // Change the last hex digit of the signature to a different one.
    let (head, last) = confirm.split_at(confirm.len() - 1);
    let altered = post(format!("{head}{}", if last == "0" { "1" } else { "0" })).await;
    assert_eq!(altered.status(), 404);
    assert_eq!(
        texts(&page(&altered.text().await.unwrap()), "h1"),
        ["Länken gäller inte"]
    );
    let en_confirm = en.link(&format!("{base}/folj/bekrafta/")).unwrap();
    assert_eq!(post(en_confirm).await.status(), 200);

    // A tertial follow-up is published: each follower is told, in their language.
    let cookie = coordinator(db, &base).await;
    publish(&base, &cookie, "t1").await;
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 4, "{inbox:#?}");
    let told = &inbox[2..];
    let sv = told.iter().find(|m| m.to == "invanare@example.se").unwrap();
    assert_eq!(
        sv.subject,
        "Gnesta: Uppföljning tertial 1 2025 är publicerad"
    );
    // Each commitment with its status and, where there is a number, its figures.
    assert!(
        sv.text.contains(
            "att genomföra trygghetsvandringar vid stationen. – Efter plan: 0 av 6 trygghetsvandringar"
        ),
        "{}",
        sv.text
    );
    assert!(sv.text.contains("att rusta upp belysningen i gångtunneln."));
    assert!(
        sv.text
            .contains(&format!("{base}/kommun/0461/2025/uppfoljning/t1"))
    );
    let en = told.iter().find(|m| m.to == "reader@example.org").unwrap();
    assert!(en.subject.ends_with("is published"), "{}", en.subject);
    assert!(en.text.contains("kvällstid"));
    assert!(
        !en.text.contains("belysningen"),
        "only the followed commitment: {}",
        en.text
    );
    // RFC 8058: a one-click unsubscribe address in the header, and the manage link in the body.
    let unsubscribe = sv.list_unsubscribe.clone().expect("List-Unsubscribe");
    assert_eq!(
        sv.list_unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_owned();
    assert!(unsubscribe.starts_with(&format!("{base}/folj/")) && unsubscribe.ends_with("/avsluta"));
    assert_ne!(sv.message_id, inbox[0].message_id);

    // The manage link shows everything stored about the address.
    let manage = sv
        .links(&format!("{base}/folj/"))
        .into_iter()
        .find(|l| !l.ends_with("/avsluta"))
        .expect("a manage link");
    let (_, stored) = fetch_page(&manage, None, "").await;
    let lines = texts(&stored, "main li");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Adress: invanare@example.se")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Medborgarlöftet i Gnesta 2025–2027")),
        "{lines:?}"
    );

    // A mail provider posts the one-click unsubscribe from its own server, cross-site.
    let one_click = client()
        .post(&unsubscribe)
        .header("Origin", "https://mail.example.net")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(one_click.status(), 200);
    assert_eq!(
        texts(&page(&one_click.text().await.unwrap()), "h1"),
        ["Allt är raderat"]
    );
    assert_eq!(client().get(&manage).send().await.unwrap().status(), 404);
    let spent = client()
        .post(&unsubscribe)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(spent.status(), 404);

    // The next follow-up reaches only the English reader.
    publish(&base, &cookie, "t2").await;
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 5);
    assert_eq!(inbox[4].to, "reader@example.org");
}

#[tokio::test]
async fn bad_follow_requests_are_refused_and_change_nothing() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let form = |email: &'static str, year: &'static str| {
        vec![
            ("email", email),
            ("mal", "promise"),
            ("ar", year),
            ("atagande", ""),
            ("frekvens", "weekly"),
        ]
    };
    for bad in [
        "inte en adress",
        "a@b",
        "namn@exempel.se\r\nBcc: x@y.se",
        "<x>@exempel.se",
    ] {
        let r = follow(&base, "sv", &form(bad, "2025")).await;
        assert_eq!(r.status(), 422, "{bad}");
        let html = page(&r.text().await.unwrap());
        assert_eq!(texts(&html, "h1"), ["E-postadressen går inte att använda"]);
    }
    // A year without a promise, a commitment of no promise, an unknown frequency.
    assert_eq!(
        follow(&base, "sv", &form("a@exempel.se", "2030"))
            .await
            .status(),
        404
    );
    let mut other = form("a@exempel.se", "2025");
    other[3] = ("atagande", "99999");
    assert_eq!(follow(&base, "sv", &other).await.status(), 404);
    let mut daily = form("a@exempel.se", "2025");
    daily[4] = ("frekvens", "daily");
    assert_eq!(follow(&base, "sv", &daily).await.status(), 400);
    assert!(mail.deliver(db).await.is_empty());

    // A flood for one address: three requests pass, the fourth waits.
    for year in ["2025", "2026", "2027"] {
        assert_eq!(
            follow(&base, "sv", &form("flod@exempel.se", year))
                .await
                .status(),
            200
        );
    }
    let refused = follow(&base, "sv", &form("flod@exempel.se", "2025")).await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    // One message only: the three requests were for the same promise.
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 1);
    // A one-click POST to a token that was never made changes nothing.
    let r = client()
        .post(format!(
            "{base}/folj/1.1765000000.00000000000000000000000000000000/avsluta"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_by_link_and_other_sessions_end() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let elsewhere = coordinator(db, &base).await;
    let signed_in = |cookie: String| {
        let base = base.clone();
        async move {
            client()
                .get(format!("{base}/personal"))
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(signed_in(elsewhere.clone()).await, 200);

    let ask = |email: &'static str| {
        let base = base.clone();
        async move {
            client()
                .post(format!("{base}/logga-in/glomt"))
                .form(&[("email", email)])
                .send()
                .await
                .unwrap()
        }
    };
    // The same answer for an address with an account and one without; mail to the first only.
    let known = texts(
        &page(&ask("Samordnare@gnesta.example").await.text().await.unwrap()),
        "main p",
    );
    let unknown = texts(
        &page(&ask("ingen@gnesta.example").await.text().await.unwrap()),
        "main p",
    );
    assert_eq!(known, unknown);
    assert_eq!(ask("inte en adress").await.status(), 422);
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 1, "{inbox:#?}");
    assert_eq!(inbox[0].to, "samordnare@gnesta.example");
    assert_eq!(inbox[0].subject, "Välj ett nytt lösenord till Löfte");
    let link = inbox[0]
        .link(&format!("{base}/logga-in/nytt-losenord/"))
        .unwrap();

    let set = |password: &'static str, repeat: &'static str| {
        let link = link.clone();
        let base = base.clone();
        async move {
            client()
                .post(&link)
                .header("Origin", base)
                .form(&[("new_password", password), ("repeat_password", repeat)])
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(client().get(&link).send().await.unwrap().status(), 200);
    let mismatch = set("ett nytt långt lösenord", "ett annat långt lösenord").await;
    assert_eq!(mismatch.status(), 422);
    // A refused form does not spend the link.
    let done = set("ett nytt långt lösenord", "ett nytt långt lösenord").await;
    assert_eq!(done.status(), 200);
    assert_eq!(
        texts(&page(&done.text().await.unwrap()), "h1"),
        ["Lösenordet är bytt"]
    );
    // Used once: the link is spent, the other session is over, the new password works.
    let again = set("ett tredje långt lösenord", "ett tredje långt lösenord").await;
    assert_eq!(again.status(), 404);
    assert_eq!(signed_in(elsewhere).await, 303);
    assert!(
        sign_in(&base, "samordnare@gnesta.example", STAFF_PASSWORD)
            .await
            .is_err()
    );
    assert!(
        sign_in(
            &base,
            "samordnare@gnesta.example",
            "ett nytt långt lösenord"
        )
        .await
        .is_ok()
    );

    // An expired link does nothing.
    let now = chrono::Utc::now();
    let letter = lofte_db::mail::Letter {
        kind: "password_reset".into(),
        lang: "sv".into(),
        subject: "x".into(),
        body_text: "x".into(),
        body_html: "x".into(),
    };
    let email = lofte_domain::Email::parse("samordnare@gnesta.example").unwrap();
    assert!(
        db.request_password_reset(
            &email,
            "old-digest",
            now - chrono::Duration::minutes(1),
            &letter,
            now
        )
        .await
        .unwrap()
    );
    assert_eq!(
        db.password_reset_account("old-digest", now).await.unwrap(),
        None
    );
    assert!(!db.reset_password("old-digest", "hash", now).await.unwrap());
}

/// Without a mail server, administrators read what was sent in the staff area, and no
/// one else may look.
#[tokio::test]
async fn administrators_read_the_mail_log_and_the_written_messages() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let coordinator = coordinator(db, &base).await;
    let admin = staff_of(db, &base, "admin@gnesta.example", "0461", Role::Admin).await;
    follow(
        &base,
        "sv",
        &[
            ("email", "hemlig@example.se"),
            ("mal", "promise"),
            ("ar", "2025"),
            ("atagande", ""),
            ("frekvens", "monthly"),
        ],
    )
    .await;
    assert_eq!(mail.deliver(db).await.len(), 1);
    let get = |cookie: String, path: &'static str| {
        let base = base.clone();
        async move {
            client()
                .get(format!("{base}{path}"))
                .header("Cookie", cookie)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(get(coordinator, "/personal/e-post").await.status(), 403);
    let log = page(
        &get(admin.clone(), "/personal/e-post")
            .await
            .text()
            .await
            .unwrap(),
    );
    let cells = texts(&log, "tbody td");
    assert!(cells.iter().any(|c| c == "Bekräfta följning"), "{cells:?}");
    assert!(cells.iter().any(|c| c.starts_with("Skickat ")), "{cells:?}");
    // The confirmation goes to an address given for it, shown to the administrator
    // reading the file mailer's messages; it is the mail server here.
    let message = get(admin, "/personal/e-post/1").await;
    assert_eq!(message.status(), 200);
    assert_eq!(
        message.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert!(
        message
            .text()
            .await
            .unwrap()
            .contains("Message-ID: <lofte.1.")
    );
}

/// A weekly follower hears nothing at once, then one digest with the week's notices,
/// and no digest for a week in which nothing happened. The promise's Atom feed lists
/// the same notice, without any address.
#[tokio::test]
async fn a_weekly_follower_gets_one_digest_and_the_feed_lists_the_same_news() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let weekly = [
        ("email", "vecka@example.se"),
        ("mal", "promise"),
        ("ar", "2025"),
        ("atagande", ""),
        ("frekvens", "weekly"),
    ];
    assert_eq!(follow(&base, "sv", &weekly).await.status(), 200);
    confirm_by_link(&base, &mail.deliver(db).await[0]).await;

    let cookie = coordinator(db, &base).await;
    publish(&base, &cookie, "t1").await;
    assert_eq!(
        mail.deliver(db).await.len(),
        1,
        "nothing at once for a weekly follower"
    );

    let now = chrono::Utc::now();
    // Not yet a week.
    let queued = lofte_web::queue_digests(db, &mail.mailer, now + chrono::Duration::days(6))
        .await
        .unwrap();
    assert_eq!(queued, 0);

    // A second weekly follower of the same promise comes after the first follow-up, and
    // hears only of what came after them: the second.
    let second = [
        ("email", "vecka2@example.se"),
        ("mal", "promise"),
        ("ar", "2025"),
        ("atagande", ""),
        ("frekvens", "weekly"),
    ];
    assert_eq!(follow(&base, "sv", &second).await.status(), 200);
    let inbox = mail.deliver(db).await;
    confirm_by_link(
        &base,
        inbox.iter().find(|m| m.to == "vecka2@example.se").unwrap(),
    )
    .await;
    publish(&base, &cookie, "t2").await;

    let week = now + chrono::Duration::days(8);
    // A page at a time, each follower once, then none left.
    let (first, after) = db.due_digests(week, 0, 1).await.unwrap();
    let (second, after) = db.due_digests(week, after.unwrap(), 1).await.unwrap();
    let (none, end) = db.due_digests(week, after.unwrap(), 1).await.unwrap();
    assert_eq!(
        (first.len(), second.len(), none.len(), end),
        (1, 1, 0, None)
    );
    assert_ne!(first[0].follower.id, second[0].follower.id);
    assert_eq!(
        lofte_web::queue_digests(db, &mail.mailer, week)
            .await
            .unwrap(),
        2
    );
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 4, "{inbox:#?}");
    let digest = inbox
        .iter()
        .find(|m| m.to == "vecka@example.se" && m.subject.starts_with("Nytt"))
        .unwrap();
    assert_eq!(digest.subject, "Nytt i det du följer: 2 händelser");
    for tertial in [1, 2] {
        assert!(
            digest.text.contains(&format!(
                "Gnesta: Uppföljning tertial {tertial} 2025 är publicerad"
            )),
            "{}",
            digest.text
        );
    }
    assert!(digest.list_unsubscribe.is_some());
    let later_follower = inbox
        .iter()
        .find(|m| m.to == "vecka2@example.se" && m.subject.starts_with("Nytt"))
        .unwrap();
    assert_eq!(later_follower.subject, "Nytt i det du följer: 1 händelse");
    assert!(
        later_follower.text.contains("tertial 2 2025"),
        "{}",
        later_follower.text
    );
    assert!(
        !later_follower.text.contains("tertial 1 2025"),
        "{}",
        later_follower.text
    );
    // The next week had no news: no message.
    let later = week + chrono::Duration::days(8);
    assert_eq!(
        lofte_web::queue_digests(db, &mail.mailer, later)
            .await
            .unwrap(),
        0
    );
    assert_eq!(mail.deliver(db).await.len(), 4);

    // The feed: linked from the page, the same notice, no address anywhere.
    let page_html = client()
        .get(format!("{base}/kommun/0461/2025"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page_html.contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Nyheter om löftet (Atom-flöde)" href="/kommun/0461/2025/nyheter.atom">"#
    ));
    let feed = client()
        .get(format!("{base}/kommun/0461/2026/nyheter.atom"))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status(), 200);
    assert_eq!(
        feed.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = feed.text().await.unwrap();
    let parsed: atom_syndication::Feed = feed.parse().unwrap();
    // The same two notices, newest first.
    let entries: Vec<(&str, &str)> = parsed
        .entries()
        .iter()
        .map(|e| (e.title().as_str(), e.links()[0].href()))
        .collect();
    assert_eq!(
        entries,
        [
            (
                "Gnesta: Uppföljning tertial 2 2025 är publicerad",
                format!("{base}/kommun/0461/2025/uppfoljning/t2").as_str()
            ),
            (
                "Gnesta: Uppföljning tertial 1 2025 är publicerad",
                format!("{base}/kommun/0461/2025/uppfoljning/t1").as_str()
            )
        ]
    );
    assert!(!feed.contains("vecka@example.se"));
    // A commitment's feed, and a year without a promise.
    let commitment = client()
        .get(format!("{base}/kommun/0461/2025/atagande/1/nyheter.atom"))
        .send()
        .await
        .unwrap();
    assert_eq!(commitment.status(), 200);
    assert_eq!(
        client()
            .get(format!("{base}/kommun/0461/2031/nyheter.atom"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

/// Staff get one reminder a week with what is theirs and late; administrators none.
#[tokio::test]
async fn staff_are_reminded_weekly_of_what_is_late() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let cookie = coordinator(db, &base).await;
    staff_of(db, &base, "admin@gnesta.example", "0461", Role::Admin).await;

    // Today is after Gnesta's 2025 tertials: their reports are late.
    let now = chrono::Utc::now();
    assert_eq!(
        lofte_web::queue_reminders(db, &mail.mailer, now)
            .await
            .unwrap(),
        1
    );
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 1, "{inbox:#?}");
    let reminder = &inbox[0];
    assert_eq!(reminder.to, "samordnare@gnesta.example");
    assert!(
        reminder.subject.starts_with("Löfte: "),
        "{}",
        reminder.subject
    );
    assert!(
        reminder.text.contains(
            "Försenat: Uppföljning tertial 1 2025 (Medborgarlöfte 2025–2027): inte påbörjad"
        ),
        "{}",
        reminder.text
    );
    assert!(
        reminder
            .text
            .contains(&format!("{base}/personal/kommun/0461/2025/uppfoljning/t1"))
    );
    // Once a week.
    let tomorrow = now + chrono::Duration::days(1);
    assert_eq!(
        lofte_web::queue_reminders(db, &mail.mailer, tomorrow)
            .await
            .unwrap(),
        0
    );
    let next_week = now + chrono::Duration::days(8);
    assert_eq!(
        lofte_web::queue_reminders(db, &mail.mailer, next_week)
            .await
            .unwrap(),
        1
    );

    // Each reminder says where to turn it off; turned off, none come, and on again, they do.
    assert!(
        reminder.text.contains(&format!(
            "Stäng av den under Mitt konto: {base}/personal/konto"
        )),
        "{}",
        reminder.text
    );
    let set = |on: bool| {
        let (base, cookie) = (base.clone(), cookie.clone());
        async move {
            let form: &[(&str, &str)] = if on {
                &[("weekly_reminder", "ja")]
            } else {
                &[]
            };
            let r = post_form(&base, &cookie, "/personal/konto/paminnelse", form).await;
            assert_eq!(r.status(), 200);
            texts(&page(&r.text().await.unwrap()), "p.note")
        }
    };
    let ticked = || {
        let (base, cookie) = (base.clone(), cookie.clone());
        async move {
            let r = client()
                .get(format!("{base}/personal/konto"))
                .header("Cookie", &cookie)
                .send()
                .await
                .unwrap();
            let account = page(&r.text().await.unwrap());
            texts(&account, "input#weekly_reminder[checked]").len() == 1
        }
    };
    assert!(ticked().await, "on until turned off");
    assert_eq!(
        set(false).await,
        ["Du får inga fler påminnelser. Din översikt visar fortfarande vad som är ditt att göra."]
    );
    assert!(!ticked().await);
    let weeks_later = now + chrono::Duration::days(16);
    assert_eq!(
        lofte_web::queue_reminders(db, &mail.mailer, weeks_later)
            .await
            .unwrap(),
        0
    );
    assert_eq!(set(true).await, ["Du får en påminnelse varje vecka."]);
    assert_eq!(
        lofte_web::queue_reminders(db, &mail.mailer, weeks_later)
            .await
            .unwrap(),
        1
    );
}

/// A promise changed after publication tells its followers what changed, several edits
/// in one notice; the next promise, once published, is news to the followers of this one.
#[tokio::test]
async fn followers_hear_what_changed_in_the_promise_and_of_the_next_one() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let now = chrono::Utc::now();
    // The promise's own publication: nobody could follow it before, so no news.
    assert_eq!(
        lofte_web::queue_promise_notices(db, &mail.mailer, now)
            .await
            .unwrap(),
        0
    );

    let asked = follow(
        &base,
        "sv",
        &[
            ("email", "foljer@example.se"),
            ("mal", "promise"),
            ("ar", "2025"),
            ("atagande", ""),
            ("frekvens", "immediately"),
        ],
    )
    .await;
    assert_eq!(asked.status(), 200);
    confirm_by_link(&base, &mail.deliver(db).await[0]).await;

    // Two edits of one commitment: one notice, with the change as it now stands.
    let tenant = db.tenant_named("0461").await.unwrap().unwrap();
    let year = lofte_domain::Year::new(2025).unwrap();
    for text in [
        "att rusta upp belysningen i gångtunneln och vid perrongen.",
        "att rusta upp belysningen i gångtunneln och vid perrongerna.",
    ] {
        let stored = tenant
            .promise_for_year(year, lofte_db::Visibility::Public)
            .await
            .unwrap()
            .unwrap();
        let mut changed = stored.promise.commitments[2].clone();
        changed.text = lofte_domain::Text::parse(text, 500).unwrap();
        let version = tenant
            .commitment_version(stored.commitment_ids[2])
            .await
            .unwrap();
        tenant
            .update_commitment(
                lofte_db::Actor::System,
                stored.id,
                stored.commitment_ids[2],
                version,
                &changed,
            )
            .await
            .unwrap()
            .unwrap();
    }
    // One notice for the promise and one for the commitment.
    assert_eq!(
        lofte_web::queue_promise_notices(db, &mail.mailer, now)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        lofte_web::queue_promise_notices(db, &mail.mailer, now)
            .await
            .unwrap(),
        0,
        "told once"
    );
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 2, "{inbox:#?}");
    let changed = &inbox[1];
    assert_eq!(
        changed.subject,
        "Gnesta: medborgarlöftet 2025–2027 har ändrats"
    );
    assert!(changed.text.contains("perrongerna"), "{}", changed.text);
    assert!(!changed.text.contains("perrongen."), "{}", changed.text);
    assert!(changed.text.contains(&format!("{base}/kommun/0461/2025")));

    // Gnesta's next promise is published: news to those who followed this one.
    let next = lofte_domain::exchange::parse_promise_json(
        &serde_json::json!({
            "municipality": "0461",
            "years": { "first": 2028, "last": 2029 },
            "title": "Medborgarlöfte 2028–2029",
            "aim": "Trygga kvällar i Gnesta.",
            "outcome_goal": { "text": "Fler ska känna sig trygga.", "measured_in": 2029 },
            "follow_up": { "internal": "tertial", "final_report": { "year": 2030, "quarter": 1 } },
            "status": "published",
            "commitments": [
                { "party": "together", "kind": "process", "text": "att hålla medborgardialoger i Björnlunda." }
            ]
        })
        .to_string(),
    )
    .unwrap();
    db.import_promise(lofte_db::Actor::System, &next)
        .await
        .unwrap();
    assert_eq!(
        lofte_web::queue_promise_notices(db, &mail.mailer, now)
            .await
            .unwrap(),
        1
    );
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 3, "{inbox:#?}");
    assert_eq!(
        inbox[2].subject,
        "Gnesta: medborgarlöftet 2028–2029 är publicerat"
    );
    assert!(inbox[2].text.contains(&format!("{base}/kommun/0461/2028")));
}

#[tokio::test]
async fn a_followed_commitment_changed_or_removed_is_told_to_its_own_followers_only() {
    let database = fresh_database().await;
    let db = &database.db;
    gnesta(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let now = chrono::Utc::now();
    lofte_web::queue_promise_notices(db, &mail.mailer, now)
        .await
        .unwrap();
    let tenant = db.tenant_named("0461").await.unwrap().unwrap();
    let year = lofte_domain::Year::new(2025).unwrap();
    let stored = || async {
        tenant
            .promise_for_year(year, lofte_db::Visibility::Public)
            .await
            .unwrap()
            .unwrap()
    };
    let ids = stored().await.commitment_ids;

    // One follower for each of the three commitments.
    for (i, id) in ids.iter().enumerate() {
        let email = format!("atagande{i}@example.se");
        let id = id.to_string();
        let asked = follow(
            &base,
            "sv",
            &[
                ("email", email.as_str()),
                ("mal", "commitment"),
                ("ar", "2025"),
                ("atagande", id.as_str()),
                ("frekvens", "immediately"),
            ],
        )
        .await;
        assert_eq!(asked.status(), 200);
    }
    // And one for the whole promise.
    let whole = follow(
        &base,
        "sv",
        &[
            ("email", "helhet@example.se"),
            ("mal", "promise"),
            ("ar", "2025"),
            ("atagande", ""),
            ("frekvens", "immediately"),
        ],
    )
    .await;
    assert_eq!(whole.status(), 200);
    for message in mail.deliver(db).await {
        confirm_by_link(&base, &message).await;
    }

    // The first commitment is removed and the third reworded: the second moves up a
    // place unchanged, which is no news to its follower.
    let promise = stored().await;
    tenant
        .remove_commitment(
            lofte_db::Actor::System,
            promise.id,
            ids[0],
            promise.version,
            lofte_db::LinkChoice::Refuse,
        )
        .await
        .unwrap()
        .unwrap();
    let promise = stored().await;
    let mut changed = promise.promise.commitments[1].clone();
    changed.text =
        lofte_domain::Text::parse("att rusta upp belysningen vid perrongerna.", 500).unwrap();
    tenant
        .update_commitment(
            lofte_db::Actor::System,
            promise.id,
            ids[2],
            tenant.commitment_version(ids[2]).await.unwrap(),
            &changed,
        )
        .await
        .unwrap()
        .unwrap();
    // The promise's notice and one for each of the two commitments.
    assert_eq!(
        lofte_web::queue_promise_notices(db, &mail.mailer, now)
            .await
            .unwrap(),
        3
    );
    let inbox = mail.deliver(db).await;
    let told: Vec<_> = inbox[4..].iter().collect();
    assert_eq!(told.len(), 3, "{told:#?}");
    // The promise's follower reads the removal and the rewording, matched by id: the
    // commitment that only moved up is not said to have changed.
    let promise = told
        .iter()
        .find(|m| m.to == "helhet@example.se")
        .expect("the promise's follower is told");
    assert!(
        promise
            .text
            .contains("Ett åtagande togs bort: ”att genomföra trygghetsvandringar vid stationen.”"),
        "{}",
        promise.text
    );
    assert!(
        promise
            .text
            .contains("ändrades till ”att rusta upp belysningen vid perrongerna.”")
    );
    assert!(!promise.text.contains("kvällstid"), "{}", promise.text);
    // The promise's public page says the same of what changed.
    let (_, public) = fetch_page(&base, None, "/kommun/0461/2025").await;
    let changed = texts(&public, "section.changes li");
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(
        changed.iter().all(|l| !l.contains("kvällstid")),
        "{changed:?}"
    );
    let to = |i: usize| {
        told.iter()
            .find(|m| m.to == format!("atagande{i}@example.se"))
            .copied()
    };
    let removed = to(0).expect("the removed commitment's follower is told");
    assert_eq!(
        removed.subject,
        "Gnesta: ett åtagande har tagits bort ur medborgarlöftet 2025–2027"
    );
    assert!(removed.text.contains("trygghetsvandringar vid stationen"));
    assert!(
        to(1).is_none(),
        "an unchanged commitment that moved is no news"
    );
    let reworded = to(2).expect("the reworded commitment's follower is told");
    assert_eq!(
        reworded.subject,
        "Gnesta: ett åtagande i medborgarlöftet 2025–2027 har ändrats"
    );
    assert!(
        reworded
            .text
            .contains("ändrades till ”att rusta upp belysningen vid perrongerna.”"),
        "{}",
        reworded.text
    );
    assert!(reworded.list_unsubscribe.is_some());
}
