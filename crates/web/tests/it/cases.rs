//! A resident's input as a case they can follow: a reference and a page of its own, a
//! public reply, routing, a tracked action, withdrawal, and "Blev det gjort?" asked of a
//! resident who left an address, once, with the answer shown with the input.
//!
//! Fixture: Vingåker (0428) with two localities and no promise; not Flen.

use chrono::{Duration, Utc};
use lofte_db::testing::fresh_database;
use lofte_domain::Role;
use lofte_domain::citizen::InputContact;
use lofte_domain::citizen::{InputFields, InputStatus};

use crate::helpers::{
    client, confirm_by_link, fetch_page, page, post_form, serve_with_mail, staff_of, texts,
};

async fn vingaker(db: &lofte_db::Db) -> lofte_db::Tenant {
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0428", "places": [
            { "slug": "vingaker", "name": "Vingåker", "kind": "locality", "lat": 59.043, "lon": 15.873 },
            { "slug": "hogsjo", "name": "Högsjö", "kind": "locality", "lat": 59.047, "lon": 15.727 } ] }"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    db.tenant_named("0428").await.unwrap().unwrap()
}

/// A neighbour asks to follow the place `plats` in Vingåker at once, as the form under
/// the list of inputs does.
async fn follow_place(base: &str, plats: &str) -> reqwest::Response {
    client()
        .post(format!("{base}/kommun/0428/folj"))
        .form(&[
            ("email", "granne@example.se"),
            ("mal", "place"),
            ("plats", plats),
            ("frekvens", "immediately"),
        ])
        .send()
        .await
        .unwrap()
}

/// Stores an input as the form would, with `email` left for the question, and
/// publishes it as a moderator would.
async fn published_input(tenant: &lofte_db::Tenant, text: &str, email: Option<&str>) -> i32 {
    let input = InputFields {
        locality: "hogsjo",
        place: "",
        address: "",
        category: "lighting",
        text,
        age_band: "",
        gender: "",
        lat: "",
        lon: "",
    }
    .parse()
    .unwrap();
    let contact = email.map(|e| InputContact {
        email: lofte_domain::Email::parse(e).unwrap(),
        lang: "sv".into(),
    });
    let id = tenant
        .receive_input(&input, contact.as_ref())
        .await
        .unwrap();
    tenant
        .moderate_input(
            lofte_db::Actor::System,
            id,
            &lofte_db::citizen_inputs::Moderation::Publish {
                text: lofte_domain::Text::parse(text, 2000).unwrap(),
                place: Default::default(),
                links: Default::default(),
            },
            &[],
        )
        .await
        .unwrap();
    id
}

/// Logs a safety walk in Högsjö with a lighting finding at `place`, and has the
/// coordinator signed in with `cookie` mark it fixed.
async fn finding_fixed(
    tenant: &lofte_db::Tenant,
    (base, cookie): (&str, &str),
    place: &str,
    description: &str,
) {
    let walk = tenant
        .add_walk(
            lofte_db::Actor::System,
            &lofte_domain::walk::NewWalk {
                date: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                route: vec![lofte_domain::PlaceSlug::parse("hogsjo").unwrap()],
                participants: 6,
                again_by: None,
            },
            lofte_domain::followup::Performer::Municipality,
        )
        .await
        .unwrap();
    let finding = tenant
        .add_finding(
            lofte_db::Actor::System,
            walk,
            &lofte_domain::walk::NewFinding {
                place: lofte_domain::PlaceSlug::parse(place).unwrap(),
                category: lofte_domain::walk::FindingCategory::Lighting,
                description: lofte_domain::Text::parse(description, 500).unwrap(),
                owner: lofte_domain::Text::parse("Fastighetsenheten", 100).unwrap(),
                due: None,
            },
            &Default::default(),
        )
        .await
        .unwrap();
    let moved = post_form(
        base,
        cookie,
        &format!("/personal/kommun/0428/trygghetsvandringar/fynd/{finding}"),
        &[("status", "fixed"), ("reason", "")],
    )
    .await;
    assert!(moved.status().is_redirection(), "{}", moved.status());
}

#[tokio::test]
async fn a_resident_gets_a_reference_sees_the_reply_and_answers_whether_it_was_done() {
    let database = fresh_database().await;
    let db = &database.db;
    vingaker(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;

    // The form takes an optional address, says what for, and gives a reference.
    let (_, form) = fetch_page(&base, None, "/kommun/0428/tyck-till").await;
    assert_eq!(
        texts(&form, "label[for=input_email]"),
        ["E-post, om du vill få frågan ”Blev det gjort?” (valfritt)"]
    );
    let sent = client()
        .post(format!("{base}/kommun/0428/tyck-till"))
        .form(&[
            ("input_locality", "hogsjo"),
            ("input_category", "lighting"),
            ("input_text", "Gångvägen till skolan i Högsjö är mörk."),
            ("input_email", " Boende@Example.se "),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let thanks_path = sent.headers()["location"].to_str().unwrap().to_owned();
    let (_, thanks) = fetch_page(&base, None, &thanks_path).await;
    let reference = texts(&thanks, "strong.reference").remove(0);
    let (code, id) = reference.split_once('-').unwrap();
    assert_eq!(code, "0428");
    let id: i32 = id.parse().unwrap();
    assert!(
        texts(&thanks, "main p")
            .iter()
            .any(|p| p.contains("när åtgärden är klar, eller fyra veckor")),
        "the thank-you page says when they will hear back"
    );
    let case_path = format!("/kommun/0428/synpunkter/{id}");
    // Until a moderator publishes it, its page is not there.
    assert_eq!(fetch_page(&base, None, &case_path).await.0, 404);

    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    let published = post_form(
        &base,
        &cookie,
        &format!("/personal/kommun/0428/synpunkter/{id}"),
        &[
            ("action", "publish"),
            ("text", "Gångvägen till skolan i Högsjö är mörk."),
        ],
    )
    .await;
    assert_eq!(published.status(), 200);
    let (status, public) = fetch_page(&base, None, &case_path).await;
    assert_eq!(status, 200);
    assert_eq!(
        texts(&public, "h1"),
        ["Synpunkt 0428-".to_owned() + &id.to_string()]
    );
    assert!(texts(&public, "main p").contains(&"Inget svar ännu.".to_owned()));

    // Staff see that the resident will be asked, and handle the case.
    let staff_path = format!("/personal/kommun/0428/synpunkter/{id}/arende");
    let (_, staff_page) = fetch_page(&base, Some(&cookie), &staff_path).await;
    assert!(
        texts(&staff_page, "p.note")
            .iter()
            .any(|p| p.contains("får en fråga om det blev gjort")),
        "{:?}",
        texts(&staff_page, "p.note")
    );
    // The unit it goes to is one of the municipality's (this one has no mailbox).
    let unit = post_form(
        &base,
        &cookie,
        "/personal/kommun/0428/enheter",
        &[
            ("unit_name", "Tekniska förvaltningen, gata/park"),
            ("unit_email", ""),
        ],
    )
    .await;
    assert_eq!(unit.status(), 303);
    let case = |status: &'static str, owner: &'static str, due: &'static str| {
        vec![
            (
                "case_reply",
                "Vi sätter upp <b>belysning</b> längs gångvägen.",
            ),
            ("case_routed", "Tekniska förvaltningen, gata/park"),
            ("case_status", status),
            ("owner", owner),
            ("due", due),
        ]
    };
    let saved = post_form(
        &base,
        &cookie,
        &staff_path,
        &case("planned", "Gatuenheten", "2027-03-31"),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let (_, public) = fetch_page(&base, None, &case_path).await;
    let lines = texts(&public, "main p");
    assert!(
        lines.contains(&"Vi sätter upp <b>belysning</b> längs gångvägen.".to_owned()),
        "{lines:?}"
    );
    assert!(lines.contains(&"Ansvarig enhet: Tekniska förvaltningen, gata/park".to_owned()));
    assert!(lines.contains(&"Åtgärd: Planerat".to_owned()), "{lines:?}");
    assert!(lines.contains(&"Ansvarig: Gatuenheten. Senast: 2027-03-31.".to_owned()));
    // The list links the case and says it was replied to.
    let (_, list) = fetch_page(&base, None, "/kommun/0428/synpunkter").await;
    assert!(
        texts(&list, ".input-item a").contains(&format!("Synpunktens sida: {reference}")),
        "{:?}",
        texts(&list, ".input-item a")
    );
    // Planned is not done: nobody is asked yet.
    assert!(mail.deliver(db).await.is_empty());

    // A status without an owner, or a date a person wrote their own way: refused, with
    // the field named, and nothing changed.
    for (form, field) in [
        (case("fixed", "", "2027-03-31"), "owner"),
        (case("fixed", "Gatuenheten", "31/3 2027"), "due"),
    ] {
        let refused = post_form(&base, &cookie, &staff_path, &form).await;
        assert_eq!(refused.status(), 422);
        let html = page(&refused.text().await.unwrap());
        let summary: Vec<String> = html
            .select(&scraper::Selector::parse(".error-summary a").unwrap())
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        assert_eq!(summary, [format!("#{field}")]);
    }
    let (_, public) = fetch_page(&base, None, &case_path).await;
    assert!(texts(&public, "main p").contains(&"Åtgärd: Planerat".to_owned()));
    assert!(mail.deliver(db).await.is_empty());

    // Marked fixed: the resident is asked at once, once, in their language.
    let fixed = post_form(
        &base,
        &cookie,
        &staff_path,
        &case("fixed", "Gatuenheten", "2027-03-31"),
    )
    .await;
    assert_eq!(fixed.status(), 303);
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 1, "{inbox:#?}");
    let question = &inbox[0];
    assert_eq!(question.to, "boende@example.se");
    assert_eq!(
        question.subject,
        format!("Blev det gjort? Din synpunkt {reference} till Vingåker")
    );
    assert!(
        question
            .text
            .contains("Gångvägen till skolan i Högsjö är mörk.")
    );
    assert!(
        question.html.contains("&#60;b&#62;belysning&#60;/b&#62;"),
        "{}",
        question.html
    );
    assert_eq!(question.list_unsubscribe, None, "one question, no list");
    post_form(
        &base,
        &cookie,
        &staff_path,
        &case("fixed", "Gatuenheten", "2027-03-31"),
    )
    .await;
    assert_eq!(mail.deliver(db).await.len(), 1, "asked only once");

    // The link shows three buttons; an altered one leads nowhere.
    let link = question.link(&format!("{base}/synpunkt/svar/")).unwrap();
    let shown = client().get(&link).send().await.unwrap();
    assert_eq!(shown.status(), 200);
    assert_eq!(
        texts(&page(&shown.text().await.unwrap()), "main button"),
        ["Ja", "Delvis", "Nej"]
    );
    let (head, last) = link.split_at(link.len() - 1);
    let altered = format!("{head}{}", if last == "0" { "1" } else { "0" });
    assert_eq!(client().get(&altered).send().await.unwrap().status(), 404);
    let answer = |svar: &'static str| {
        client()
            .post(&link)
            .header("Origin", &base)
            .form(&[("svar", svar)])
            .send()
    };
    let answered = answer("partly").await.unwrap();
    assert_eq!(answered.status(), 200);
    assert_eq!(
        texts(&page(&answered.text().await.unwrap()), "h1"),
        ["Tack för ditt svar"]
    );
    // Shown with the input, on its page and in the list; the address is gone, so the
    // link is spent and staff no longer see that the resident will be asked.
    let (_, public) = fetch_page(&base, None, &case_path).await;
    assert_eq!(
        texts(&public, ".resident-answer"),
        ["Invånaren svarade: Delvis"]
    );
    let (_, list) = fetch_page(&base, None, "/kommun/0428/synpunkter").await;
    assert_eq!(
        texts(&list, ".resident-answer"),
        ["Invånaren svarade: Delvis"]
    );
    assert_eq!(answer("yes").await.unwrap().status(), 404);
    let (_, public) = fetch_page(&base, None, &case_path).await;
    assert_eq!(
        texts(&public, ".resident-answer"),
        ["Invånaren svarade: Delvis"]
    );
    let (_, staff_page) = fetch_page(&base, Some(&cookie), &staff_path).await;
    assert!(texts(&staff_page, "p.note").is_empty());
}

#[tokio::test]
async fn questions_wait_four_weeks_addresses_expire_and_a_withdrawn_input_keeps_only_its_reason() {
    let database = fresh_database().await;
    let db = &database.db;
    let tenant = vingaker(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let now = Utc::now();

    // Published with no action: asked four weeks after publication, not before.
    let waiting = published_input(
        &tenant,
        "Buskarna vid busshållplatsen skymmer.",
        Some("a@example.se"),
    )
    .await;
    assert_eq!(
        lofte_web::queue_questions(db, &mail.mailer, now + Duration::days(27))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        lofte_web::queue_questions(db, &mail.mailer, now + Duration::days(29))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        lofte_web::queue_questions(db, &mail.mailer, now + Duration::days(30))
            .await
            .unwrap(),
        0
    );
    assert!(!tenant.will_ask(waiting).await.unwrap());

    // Never published: never asked, and the address is deleted after three months.
    let input = InputFields {
        locality: "vingaker",
        place: "",
        address: "",
        category: "other",
        text: "Ett inlägg som ingen publicerar.",
        age_band: "",
        gender: "",
        lat: "",
        lon: "",
    }
    .parse()
    .unwrap();
    let contact = InputContact {
        email: lofte_domain::Email::parse("b@example.se").unwrap(),
        lang: "en".into(),
    };
    let pending = tenant.receive_input(&input, Some(&contact)).await.unwrap();
    assert_eq!(
        lofte_web::queue_questions(db, &mail.mailer, now + Duration::days(60))
            .await
            .unwrap(),
        0
    );
    assert!(tenant.will_ask(pending).await.unwrap());
    assert_eq!(
        db.purge_input_contacts(now + Duration::days(89))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        db.purge_input_contacts(now + Duration::days(91))
            .await
            .unwrap(),
        2
    );
    assert!(!tenant.will_ask(pending).await.unwrap());

    // Withdrawn: gone from the list, its page keeps only the reason, its address is
    // deleted, and staff can no longer handle it.
    let withdrawn =
        published_input(&tenant, "Namnet på grannen som stör.", Some("c@example.se")).await;
    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    let path = format!("/personal/kommun/0428/synpunkter/{withdrawn}/aterkalla");
    let refused = post_form(&base, &cookie, &path, &[("withdraw_reason", " ")]).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(
        tenant.input(withdrawn).await.unwrap().status,
        InputStatus::Published
    );
    let done = post_form(
        &base,
        &cookie,
        &path,
        &[("withdraw_reason", "Den pekade ut en person.")],
    )
    .await;
    assert_eq!(done.status(), 303);
    let (status, public) =
        fetch_page(&base, None, &format!("/kommun/0428/synpunkter/{withdrawn}")).await;
    assert_eq!(status, 200);
    let body = public.root_element().text().collect::<String>();
    assert!(body.contains("Den pekade ut en person."));
    assert!(!body.contains("grannen"), "the withdrawn text is not shown");
    let (_, list) = fetch_page(&base, None, "/kommun/0428/synpunkter").await;
    assert!(
        !list
            .root_element()
            .text()
            .collect::<String>()
            .contains("grannen")
    );
    assert!(!tenant.will_ask(withdrawn).await.unwrap());
    let (status, _) = fetch_page(
        &base,
        Some(&cookie),
        &format!("/personal/kommun/0428/synpunkter/{withdrawn}/arende"),
    )
    .await;
    assert_eq!(status, 404);
    // Another municipality's staff cannot reach the case at all.
    let (status, _) = fetch_page(
        &base,
        Some(&cookie),
        &format!("/personal/kommun/0482/synpunkter/{waiting}/arende"),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_malformed_address_is_refused_with_the_field_named_and_nothing_stored() {
    let database = fresh_database().await;
    let db = &database.db;
    let tenant = vingaker(db).await;
    let (base, _mail) = serve_with_mail(db.clone()).await;
    let refused = client()
        .post(format!("{base}/kommun/0428/tyck-till"))
        .form(&[
            ("input_locality", "vingaker"),
            ("input_category", "traffic"),
            ("input_text", "Bilarna kör för fort på Storgatan."),
            ("input_email", "boende@example"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let html = page(&refused.text().await.unwrap());
    assert_eq!(texts(&html, "#input_email-error").len(), 1);
    // What the resident wrote is kept in the form, and nothing is stored.
    assert_eq!(
        texts(&html, "textarea#input_text"),
        ["Bilarna kör för fort på Storgatan."]
    );
    assert!(
        tenant
            .inputs(InputStatus::Pending)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_resident_follows_a_locality_and_hears_of_its_inputs_only() {
    let database = fresh_database().await;
    let db = &database.db;
    let tenant = vingaker(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;

    // The list offers every place to follow; an unknown one is refused.
    let (_, list) = fetch_page(&base, None, "/kommun/0428/synpunkter?ort=hogsjo").await;
    assert_eq!(
        texts(&list, "#folj-plats option[selected]"),
        ["Högsjö"],
        "the filtered locality is chosen"
    );
    assert_eq!(follow_place(&base, "stockholm").await.status(), 404);
    assert_eq!(follow_place(&base, "hogsjo").await.status(), 200);
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 1);
    assert!(
        inbox[0].subject.contains("Synpunkter i Högsjö (Vingåker)"),
        "{}",
        inbox[0].subject
    );
    confirm_by_link(&base, &inbox[0]).await;

    // An input in Högsjö is published: the follower is told; one in Vingåker is not news.
    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    let mut ids = Vec::new();
    for (locality, text) in [
        ("hogsjo", "Mörkt vid badplatsen i Högsjö."),
        ("vingaker", "Mörkt vid stationen i Vingåker."),
    ] {
        let input = InputFields {
            locality,
            category: "lighting",
            text,
            ..Default::default()
        }
        .parse()
        .unwrap();
        let id = tenant.receive_input(&input, None).await.unwrap();
        let r = post_form(
            &base,
            &cookie,
            &format!("/personal/kommun/0428/synpunkter/{id}"),
            &[("action", "publish"), ("text", text)],
        )
        .await;
        assert_eq!(r.status(), 200);
        ids.push(id);
    }
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 2, "{inbox:#?}");
    let told = &inbox[1];
    assert_eq!(told.subject, "Ny synpunkt i Högsjö: Belysning");
    assert!(told.text.contains("Mörkt vid badplatsen i Högsjö."));
    assert!(
        told.text
            .contains(&format!("{base}/kommun/0428/synpunkter/{}", ids[0]))
    );
    assert!(told.list_unsubscribe.is_some());
    // The manage link names the place followed.
    let manage = told
        .links(&format!("{base}/folj/"))
        .into_iter()
        .find(|l| !l.ends_with("/avsluta"))
        .unwrap();
    let (_, held) = fetch_page(&base, None, &manage[base.len()..]).await;
    assert!(
        texts(&held, "main li")
            .iter()
            .any(|l| l.contains("Synpunkter i Högsjö (Vingåker)")),
        "{:?}",
        texts(&held, "main li")
    );

    // Its action gets a status: news. Saved again unchanged: not news.
    let path = format!("/personal/kommun/0428/synpunkter/{}/arende", ids[0]);
    let form = [
        ("case_status", "planned"),
        ("owner", "Fritidsenheten"),
        ("case_reply", ""),
        ("case_routed", ""),
        ("due", ""),
    ];
    assert_eq!(post_form(&base, &cookie, &path, &form).await.status(), 303);
    assert_eq!(post_form(&base, &cookie, &path, &form).await.status(), 303);
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 3, "{inbox:#?}");
    assert_eq!(
        inbox[2].subject,
        format!("Synpunkt 0428-{} i Högsjö har hanterats", ids[0])
    );
    assert!(
        inbox[2].text.contains("Åtgärden: Planerat."),
        "{}",
        inbox[2].text
    );

    // A safety-walk finding in Högsjö moves on: news too (a coordinator logs walks).
    finding_fixed(
        &tenant,
        (&base, &cookie),
        "hogsjo",
        "Trasig lampa vid skolgården.",
    )
    .await;
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 4, "{inbox:#?}");
    assert_eq!(
        inbox[3].subject,
        "Fynd från trygghetsvandring i Högsjö: Åtgärdat"
    );
    assert!(inbox[3].text.contains("Trasig lampa vid skolgården."));

    // The same news as an Atom feed, without an address.
    let feed = client()
        .get(format!("{base}/kommun/0428/platser/hogsjo/nyheter.atom"))
        .send()
        .await
        .unwrap();
    assert_eq!(feed.status(), 200);
    let feed = feed.text().await.unwrap();
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    assert!(!feed.contains("Vingåker."), "only Högsjö's inputs");
    assert_eq!(
        client()
            .get(format!("{base}/kommun/0428/platser/stockholm/nyheter.atom"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn a_follower_of_an_area_drawn_on_the_map_hears_of_what_lies_inside_its_outline() {
    let database = fresh_database().await;
    let db = &database.db;
    // Vingåker with an area drawn around the old works in Högsjö, and a hot spot inside it.
    let profile = lofte_domain::exchange::parse_profile_json(
        r#"{ "municipality": "0428", "places": [
            { "slug": "vingaker", "name": "Vingåker", "kind": "locality", "lat": 59.043, "lon": 15.873 },
            { "slug": "hogsjo", "name": "Högsjö", "kind": "locality", "lat": 59.047, "lon": 15.727 },
            { "slug": "bruket", "name": "Bruksområdet", "kind": "area", "within": "hogsjo",
              "shape": { "type": "Polygon", "coordinates": [[[15.701, 59.041], [15.741, 59.041],
                [15.741, 59.061], [15.701, 59.061], [15.701, 59.041]]] } },
            { "slug": "badplatsen", "name": "Badplatsen", "kind": "hot_spot", "within": "hogsjo",
              "lat": 59.05, "lon": 15.72 } ] }"#,
    )
    .unwrap();
    db.import_profile(&profile).await.unwrap();
    let tenant = db.tenant_named("0428").await.unwrap().unwrap();
    let (base, mail) = serve_with_mail(db.clone()).await;

    assert_eq!(follow_place(&base, "bruket").await.status(), 200);
    confirm_by_link(&base, &mail.deliver(db).await[0]).await;

    // Four inputs in Högsjö, none naming the area: a point inside its outline, a point
    // outside it, the hot spot inside it without a point, and a point just inside whose
    // approximate place as the public sees it (the centre of its cell) is outside: the
    // follower learns no more of where it is than the map shows.
    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    for (place, (lat, lon), text) in [
        ("", ("59.052", "15.710"), "Mörkt på gångvägen vid bruket."),
        ("", ("59.047", "15.760"), "Mörkt vid vägen österut."),
        ("badplatsen", ("", ""), "Glas på bryggan vid badplatsen."),
        ("", ("59.052", "15.7405"), "Trasig lampa vid bruksvägen."),
    ] {
        let input = InputFields {
            locality: "hogsjo",
            place,
            category: "lighting",
            text,
            lat,
            lon,
            ..Default::default()
        }
        .parse()
        .unwrap();
        let id = tenant.receive_input(&input, None).await.unwrap();
        let r = post_form(
            &base,
            &cookie,
            &format!("/personal/kommun/0428/synpunkter/{id}"),
            &[
                ("action", "publish"),
                ("text", text),
                ("point", "approximate"),
            ],
        )
        .await;
        assert_eq!(r.status(), 200);
    }
    let inbox = mail.deliver(db).await;
    let told: Vec<&str> = inbox[1..].iter().map(|m| m.text.as_str()).collect();
    assert_eq!(told.len(), 2, "{told:#?}");
    assert!(told[0].contains("Mörkt på gångvägen vid bruket."));
    assert!(told[1].contains("Glas på bryggan vid badplatsen."));
    assert!(told.iter().all(|t| !t.contains("österut")));
    assert!(told.iter().all(|t| !t.contains("bruksvägen")));

    // The area's feed has the same two, and a finding at the hot spot that moves on.
    finding_fixed(
        &tenant,
        (&base, &cookie),
        "badplatsen",
        "Ingen lampa vid bryggan.",
    )
    .await;
    let feed = client()
        .get(format!("{base}/kommun/0428/platser/bruket/nyheter.atom"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    assert!(feed.contains("Ingen lampa vid bryggan."), "{feed}");
    assert!(!feed.contains("österut"), "{feed}");
}

#[tokio::test]
async fn an_input_routed_to_a_unit_tells_the_units_mailbox_once() {
    let database = fresh_database().await;
    let db = &database.db;
    let tenant = vingaker(db).await;
    let (base, mail) = serve_with_mail(db.clone()).await;
    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    let units = "/personal/kommun/0428/enheter";

    // Bad units are refused with the field named, and nothing is added.
    for (form, field) in [
        ([("unit_name", "  "), ("unit_email", "")], "unit_name"),
        (
            [
                ("unit_name", "Gatuenheten"),
                ("unit_email", "gata@@vingaker"),
            ],
            "unit_email",
        ),
    ] {
        let refused = post_form(&base, &cookie, units, &form).await;
        assert_eq!(refused.status(), 422);
        let html = page(&refused.text().await.unwrap());
        let summary: Vec<String> = html
            .select(&scraper::Selector::parse(".error-summary a").unwrap())
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        assert_eq!(summary, [format!("#{field}")]);
    }
    assert!(tenant.units().await.unwrap().is_empty());
    for (name, email) in [
        ("Gatuenheten", "gata@vingaker.example"),
        ("Fritidsenheten", ""),
    ] {
        let added = post_form(
            &base,
            &cookie,
            units,
            &[("unit_name", name), ("unit_email", email)],
        )
        .await;
        assert_eq!(added.status(), 303);
    }
    let again = post_form(
        &base,
        &cookie,
        units,
        &[("unit_name", "Gatuenheten"), ("unit_email", "")],
    )
    .await;
    assert_eq!(again.status(), 422);
    let again = page(&again.text().await.unwrap());
    assert!(
        texts(&again, ".error-summary a")
            .iter()
            .any(|e| e.contains("Det finns redan en enhet som heter ”Gatuenheten”.")),
        "{:?}",
        texts(&again, ".error-summary a")
    );
    let (_, listed) = fetch_page(&base, Some(&cookie), units).await;
    assert_eq!(
        texts(&listed, ".unit-name"),
        ["Fritidsenheten", "Gatuenheten"]
    );

    // The case form offers the units; one not in the list is refused.
    let id = published_input(&tenant, "Trasig gatlampa vid <Storgatan> 3.", None).await;
    let path = format!("/personal/kommun/0428/synpunkter/{id}/arende");
    let (_, form) = fetch_page(&base, Some(&cookie), &path).await;
    assert_eq!(
        texts(&form, "#case_routed option"),
        ["Ingen enhet", "Fritidsenheten", "Gatuenheten"]
    );
    let route = |unit: &'static str| {
        let (base, cookie, path) = (base.clone(), cookie.clone(), path.clone());
        async move {
            post_form(
                &base,
                &cookie,
                &path,
                &[
                    ("case_reply", ""),
                    ("case_routed", unit),
                    ("case_status", ""),
                    ("owner", ""),
                    ("due", ""),
                ],
            )
            .await
        }
    };
    assert_eq!(route("Tekniska nämnden").await.status(), 422);
    assert!(mail.deliver(db).await.is_empty());

    // Routed to the unit with a mailbox: told once, in the staff's language, with a link
    // to the case; saved again unchanged, not told again.
    let routed = route("Gatuenheten").await;
    assert_eq!(routed.status(), 303);
    let (_, saved) = fetch_page(
        &base,
        Some(&cookie),
        routed.headers()["location"].to_str().unwrap(),
    )
    .await;
    assert_eq!(
        texts(&saved, "p.saved"),
        ["Ärendet är sparat, och Gatuenheten har fått ett e-postmeddelande om synpunkten."]
    );
    assert_eq!(route("Gatuenheten").await.status(), 303);
    let inbox = mail.deliver(db).await;
    assert_eq!(inbox.len(), 1, "{inbox:#?}");
    let told = &inbox[0];
    assert_eq!(told.to, "gata@vingaker.example");
    assert_eq!(
        told.subject,
        format!("Synpunkt 0428-{id} har skickats till Gatuenheten")
    );
    assert!(told.text.contains("Trasig gatlampa vid <Storgatan> 3."));
    assert!(told.html.contains("&#60;Storgatan&#62;"), "{}", told.html);
    assert!(told.text.contains(&format!("{base}{path}")));

    // Residents see the unit; a unit without a mailbox is routed to without a message.
    let (_, public) = fetch_page(&base, None, &format!("/kommun/0428/synpunkter/{id}")).await;
    assert!(texts(&public, "main p").contains(&"Ansvarig enhet: Gatuenheten".to_owned()));
    assert_eq!(route("Fritidsenheten").await.status(), 303);
    assert_eq!(mail.deliver(db).await.len(), 1);

    // A removed unit stays with the inputs routed to it, marked as no longer listed.
    let fritid = tenant
        .units()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name == "Fritidsenheten")
        .unwrap();
    let removed = post_form(
        &base,
        &cookie,
        &format!("{units}/{}/ta-bort", fritid.id),
        &[],
    )
    .await;
    assert_eq!(removed.status(), 303);
    let (_, form) = fetch_page(&base, Some(&cookie), &path).await;
    assert_eq!(
        texts(&form, "#case_routed option[selected]"),
        ["Fritidsenheten (inte längre i listan)"]
    );
    assert_eq!(
        route("Fritidsenheten").await.status(),
        303,
        "kept as it was"
    );
}

#[tokio::test]
async fn an_action_past_its_date_is_on_the_coordinators_list_of_what_is_late() {
    let database = fresh_database().await;
    let db = &database.db;
    let tenant = vingaker(db).await;
    let (base, _mail) = serve_with_mail(db.clone()).await;
    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    let id = published_input(&tenant, "Klotter på tunneln vid stationen.", None).await;
    let late = |(status, due): (&'static str, &'static str)| {
        let path = format!("/personal/kommun/0428/synpunkter/{id}/arende");
        let cookie = cookie.clone();
        let base = base.clone();
        async move {
            let form = [
                ("case_status", status),
                ("owner", "Gatuenheten"),
                ("due", due),
                ("case_reply", ""),
                ("case_routed", ""),
            ];
            assert_eq!(post_form(&base, &cookie, &path, &form).await.status(), 303);
            let (_, dashboard) = fetch_page(&base, Some(&cookie), "/personal").await;
            texts(&dashboard, "main li")
                .iter()
                .any(|l| l.contains("1 åtgärd efter en synpunkt har passerat sitt datum"))
        }
    };
    assert!(
        late(("planned", "2025-01-31")).await,
        "planned, date passed"
    );
    assert!(!late(("planned", "2099-01-31")).await, "date ahead");
    assert!(!late(("fixed", "2025-01-31")).await, "done");
}

#[tokio::test]
async fn inputs_waiting_for_moderation_more_than_a_week_are_marked_late() {
    let database = fresh_database().await;
    let db = &database.db;
    let tenant = vingaker(db).await;
    let (base, _mail) = serve_with_mail(db.clone()).await;
    let cookie = staff_of(
        db,
        &base,
        "samordnare@vingaker.example",
        "0428",
        Role::Coordinator,
    )
    .await;
    let receive = |text: &'static str| {
        let tenant = tenant.clone();
        async move {
            let input = InputFields {
                locality: "vingaker",
                category: "lighting",
                text,
                ..Default::default()
            }
            .parse()
            .unwrap();
            tenant.receive_input(&input, None).await.unwrap()
        }
    };
    let waiting_items = || {
        let (base, cookie) = (base.clone(), cookie.clone());
        async move {
            let (_, dashboard) = fetch_page(&base, Some(&cookie), "/personal").await;
            let items: Vec<String> = texts(&dashboard, "main li")
                .into_iter()
                .filter(|l| l.contains("väntar på granskning"))
                .collect();
            items
        }
    };

    // Two days old: waiting, not late.
    let recent = receive("Mörkt vid busshållplatsen.").await;
    lofte_db::testing::backdate_input(db, recent, Utc::now() - Duration::days(2)).await;
    assert_eq!(
        waiting_items().await,
        ["1 synpunkt från invånare väntar på granskning"]
    );

    // Eight days old: late, and counted apart.
    let old = receive("Trasigt staket vid skolan.").await;
    lofte_db::testing::backdate_input(db, old, Utc::now() - Duration::days(8)).await;
    assert_eq!(
        waiting_items().await,
        [
            "Försenat 2 synpunkter från invånare väntar på granskning, 1 av dem sedan mer än en vecka"
        ]
    );

    // Moderated, the late one is no longer waiting.
    tenant
        .moderate_input(
            lofte_db::Actor::System,
            old,
            &lofte_db::citizen_inputs::Moderation::Hide {
                reason: lofte_domain::Text::parse("Dubblett.", 200).unwrap(),
            },
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        waiting_items().await,
        ["1 synpunkt från invånare väntar på granskning"]
    );
}
