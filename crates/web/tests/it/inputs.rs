//! Residents' inputs: from the public form through moderation to the public list, with
//! the form's refusals, the honeypot, the rate limit, and no network address stored.

use lofte_domain::Role;
use scraper::Html;

use crate::helpers::{TestApp, client, spawn_app, texts};
use crate::helpers::{account, flen, post_form, sign_in};

const FORM: &str = "/kommun/0482/tyck-till";

async fn send(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    client()
        .post(format!("{}{FORM}", app.address))
        .header("Origin", &app.address)
        .form(fields)
        .send()
        .await
        .unwrap()
}

fn input(text: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("input_locality", "malmkoping"),
        ("input_place", ""),
        ("input_address", "Gångtunneln vid Storgatan"),
        ("input_category", "lighting"),
        ("input_text", text),
        ("input_age_band", "25_44"),
        ("input_gender", "woman"),
        ("website", ""),
    ]
}

#[tokio::test]
async fn an_input_goes_from_the_form_through_moderation_to_the_public_list() {
    let app = spawn_app().await;
    let form = app.page(FORM).await;
    assert_eq!(texts(&form, "h1"), ["Tyck till om tryggheten"]);
    assert!(
        texts(&form, "#integritet + p")[0].contains("inte din IP-adress"),
        "the form says what is stored"
    );

    let hostile = "<script>alert(1)</script> Mörkt i tunneln, Kalle Svensson på nr 3 vet.";
    let sent = send(&app, &input(hostile)).await;
    assert_eq!(sent.status(), 303);
    // The thank-you page gives the input's reference (no address left: no question).
    assert_eq!(
        sent.headers()["location"],
        "/kommun/0482/tyck-till/tack?referens=1"
    );

    // Waiting for moderation: not public yet.
    let list = app.page("/kommun/0482/synpunkter").await;
    assert_eq!(texts(&list, ".input-item").len(), 0);
    assert_eq!(
        texts(&list, "p[role=status]"),
        ["Visar 0 av 0 publicerade synpunkter."]
    );

    // The coordinator takes the name out and publishes.
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let queue = app
        .page_as("/personal/kommun/0482/synpunkter", &cookie)
        .await;
    let items = texts(&queue, ".input-item > p:first-child");
    assert_eq!(items.len(), 1);
    assert!(
        items[0].starts_with("Belysning · Malmköping, Gångtunneln vid Storgatan"),
        "{items:?}"
    );
    assert!(items[0].contains("25–44 år, Kvinna"), "{items:?}");
    // Only the current promise's commitments (Flen's newest, 2021) are offered.
    let offered = texts(&queue, ".input-item select[name=commitment] option");
    assert_eq!(offered.len(), 1 + 12, "{offered:?}");
    assert!(
        offered[1..].iter().all(|o| o.starts_with("2021 · ")),
        "{offered:?}"
    );
    let action = queue
        .select(&scraper::Selector::parse(".input-item form").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("action")
        .unwrap()
        .to_owned();
    let edited = "<script>alert(1)</script> Mörkt i tunneln.";
    // Linked to the first commitment of 2021 ("Ni sa – vi lovade").
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let commitment = tenant
        .promise_for_year(
            lofte_domain::Year::new(2021).unwrap(),
            lofte_db::Visibility::Public,
        )
        .await
        .unwrap()
        .unwrap()
        .commitment_ids[0]
        .to_string();
    let published = post_form(
        &app.address,
        &cookie,
        &action,
        &[
            ("action", "publish"),
            ("text", edited),
            ("commitment", &commitment),
        ],
    )
    .await;
    assert_eq!(published.status(), 200);
    let html = Html::parse_document(&published.text().await.unwrap());
    assert_eq!(texts(&html, ".note.saved"), ["Synpunkten är publicerad."]);
    assert!(
        texts(&html, ".input-item").is_empty(),
        "the queue is empty again"
    );

    let raw = app
        .get("/kommun/0482/synpunkter")
        .await
        .text()
        .await
        .unwrap();
    assert!(!raw.contains("<script>alert"), "escaped");
    let list = Html::parse_document(&raw);
    assert_eq!(texts(&list, ".input-text"), [edited]);
    assert!(!raw.contains("Kalle"), "the name edited out stays out");
    assert_eq!(texts(&list, "table tbody th"), ["Malmköping"]);
    assert_eq!(texts(&list, "table tbody td"), ["1"]);

    let promise = app.page("/kommun/0482/2021").await;
    assert_eq!(
        texts(&promise, ".voices"),
        [format!("Ni sa: en synpunkt från invånare ”{edited}”")]
    );

    // Filters: another locality shows none, the right one shows it.
    let other = app.page("/kommun/0482/synpunkter?ort=flen&kategori=").await;
    assert_eq!(texts(&other, ".input-item").len(), 0);
    let same = app
        .page("/kommun/0482/synpunkter?ort=malmkoping&kategori=lighting")
        .await;
    assert_eq!(texts(&same, ".input-item").len(), 1);

    // Every decision is in the audit log, but not the words the moderator took out.
    let audit = lofte_db::testing::dump_as_text(&app.database.db).await;
    assert!(audit.contains("audit_log.action: published"), "audited");
    assert!(
        !audit.contains("Kalle Svensson"),
        "the name edited out is kept nowhere, the audit log included"
    );
    assert!(audit.contains(r#""text_edited":true"#), "{audit}");
}

#[tokio::test]
async fn a_hidden_input_needs_a_reason_and_never_shows() {
    let app = spawn_app().await;
    send(&app, &input("Reklam för något.")).await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let id = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap()[0]
        .id;
    let path = format!("/personal/kommun/0482/synpunkter/{id}");
    let refused = post_form(
        &app.address,
        &cookie,
        &path,
        &[("action", "hide"), ("reason", " ")],
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, ".input-item .field-error"),
        ["Varför den döljs: Måste fyllas i."]
    );
    let hidden = post_form(
        &app.address,
        &cookie,
        &path,
        &[("action", "hide"), ("reason", "Reklam")],
    )
    .await;
    assert_eq!(hidden.status(), 200);
    let list = app.page("/kommun/0482/synpunkter").await;
    assert_eq!(texts(&list, ".input-item").len(), 0);

    // A reporter does not moderate.
    let (email, password) = account(&app, "polis@flen.example", flen(), Role::Reporter).await;
    let reporter = sign_in(&app.address, &email, &password).await.unwrap();
    let r = post_form(
        &app.address,
        &reporter,
        &path,
        &[("action", "publish"), ("text", "x")],
    )
    .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn a_bad_form_says_what_is_wrong_on_each_field_and_stores_nothing() {
    let app = spawn_app().await;
    let response = send(
        &app,
        &[
            ("input_locality", ""),
            ("input_place", "nowhere"),
            ("input_category", "lighting"),
            ("input_text", "   "),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        [
            "Ort: Måste fyllas i.",
            "Vad vill du berätta?: Måste fyllas i."
        ]
    );
    // A place that is not the municipality's.
    let mut fields = input("Mörkt.");
    fields[1] = ("input_place", "stortorget-i-ystad");
    let response = send(&app, &fields).await;
    assert_eq!(response.status(), 422);
    let html = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&html, ".error-summary li"),
        ["Plats i orten (om den finns i listan): Välj ett av alternativen."]
    );
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    assert!(
        tenant
            .inputs(lofte_domain::citizen::InputStatus::Pending)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn bots_and_floods_are_turned_away_and_no_address_is_stored() {
    let app = spawn_app().await;
    // The honeypot: thanked, nothing kept.
    let mut bot = input("Köp billiga klockor");
    bot[7] = ("website", "http://spam.example");
    assert_eq!(send(&app, &bot).await.status(), 303);

    // Five at once are fine (the bot's was one of them); the sixth is refused with a
    // message, and what came before is kept.
    for i in 0..4 {
        let text = format!("Synpunkt nummer {i}");
        assert_eq!(send(&app, &input(&text)).await.status(), 303, "input {i}");
    }
    let flood = send(&app, &input("En till")).await;
    assert_eq!(flood.status(), 429);
    assert!(flood.headers().contains_key("retry-after"));
    let html = Html::parse_document(&flood.text().await.unwrap());
    assert!(
        texts(&html, ".error-summary p")[0].contains("Vänta"),
        "says to wait"
    );

    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let pending = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap();
    assert_eq!(
        pending.len(),
        4,
        "the bot's input is not kept, the others are"
    );

    let everything = lofte_db::testing::dump_as_text(&app.database.db).await;
    assert!(everything.contains("Synpunkt nummer 0"));
    assert!(
        !everything.contains("127.0.0.1"),
        "no client address in the database"
    );
}

#[tokio::test]
async fn unpublished_inputs_are_deleted_after_a_year_as_the_form_promises() {
    let app = spawn_app().await;
    send(&app, &input("Väntar på granskning.")).await;
    send(&app, &input("Publiceras.")).await;
    send(&app, &input("Döljs: ring Kalle på 070-999 88 77.")).await;
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let pending = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap();
    let published = pending.iter().find(|i| i.text == "Publiceras.").unwrap().id;
    tenant
        .moderate_input(
            lofte_db::Actor::System,
            published,
            &lofte_db::citizen_inputs::Moderation::Publish {
                text: lofte_domain::Text::parse("Publiceras.", 100).unwrap(),
                place: Default::default(),
                links: Default::default(),
            },
            &[],
        )
        .await
        .unwrap();
    let hidden = pending
        .iter()
        .find(|i| i.text.starts_with("Döljs"))
        .unwrap()
        .id;
    tenant
        .moderate_input(
            lofte_db::Actor::System,
            hidden,
            &lofte_db::citizen_inputs::Moderation::Hide {
                reason: lofte_domain::Text::parse("Kalles nummer 070-999 88 77.", 100).unwrap(),
            },
            &[],
        )
        .await
        .unwrap();
    let db = &app.database.db;
    let now = chrono::Utc::now();
    assert_eq!(
        db.purge_unpublished_inputs(now).await.unwrap(),
        0,
        "a fresh input stays"
    );
    let next_year = now + chrono::Duration::days(366);
    assert_eq!(db.purge_unpublished_inputs(next_year).await.unwrap(), 2);
    // The audit log keeps that the input was hidden, and by whom, but not the reason that
    // quoted it: what the purge deletes is gone everywhere.
    let everything = lofte_db::testing::dump_as_text(db).await;
    assert!(!everything.contains("070-999"), "{everything}");
    assert!(everything.contains("audit_log.action: hidden"));
    assert!(
        tenant
            .inputs(lofte_domain::citizen::InputStatus::Pending)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        tenant
            .inputs(lofte_domain::citizen::InputStatus::Published)
            .await
            .unwrap()
            .len(),
        1,
        "published inputs are kept"
    );
}

#[tokio::test]
async fn an_input_linked_to_a_focus_area_shows_under_it_and_follows_a_rename() {
    let app = spawn_app().await;
    send(&app, &input("Mörkt på torget efter sju.")).await;
    send(&app, &input("Påhittad länk.")).await;
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let queue = app
        .page_as("/personal/kommun/0482/synpunkter", &cookie)
        .await;
    let option = scraper::Selector::parse("select[name=focus_link] option").unwrap();
    let choices: Vec<(String, String)> = queue
        .select(&option)
        .map(|o| {
            (
                o.value().attr("value").unwrap().to_owned(),
                o.text().collect::<String>(),
            )
        })
        .collect();
    let (value, _) = choices
        .iter()
        .find(|(_, label)| label == "2021 · Trygga offentliga miljöer")
        .unwrap_or_else(|| panic!("{choices:?}"));
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let pending = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap();
    let id = |text: &str| pending.iter().find(|i| i.text == text).unwrap().id;

    // A focus area the promise does not have is refused beside the input.
    let forged = post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0482/synpunkter/{}", id("Påhittad länk.")),
        &[
            ("action", "publish"),
            ("text", "Påhittad länk."),
            ("focus_link", "1:Månlandning"),
        ],
    )
    .await;
    assert_eq!(forged.status(), 422);
    let html = Html::parse_document(&forged.text().await.unwrap());
    assert_eq!(
        texts(&html, ".input-item .field-error"),
        ["Koppla till fokusområde: Välj ett av alternativen."]
    );

    let published = post_form(
        &app.address,
        &cookie,
        &format!(
            "/personal/kommun/0482/synpunkter/{}",
            id("Mörkt på torget efter sju.")
        ),
        &[
            ("action", "publish"),
            ("text", "Mörkt på torget efter sju."),
            ("focus_link", value),
        ],
    )
    .await;
    assert_eq!(published.status(), 200);
    let focus_voices = |html: &Html| texts(html, "section[aria-labelledby=fokus] .voices");
    let promise = app.page("/kommun/0482/2021").await;
    assert_eq!(
        focus_voices(&promise),
        ["Trygga offentliga miljöer Ni sa: en synpunkt från invånare ”Mörkt på torget efter sju.”"]
    );
    assert!(
        texts(&promise, ".commitment .voices").is_empty(),
        "not under a commitment"
    );

    // Renamed in the promise: the link goes along. Removed: the link is dropped.
    let rename = |from: &'static str, to: Option<&'static str>| {
        let tenant = tenant.clone();
        async move {
            let stored = tenant
                .promise_for_year(
                    lofte_domain::Year::new(2021).unwrap(),
                    lofte_db::Visibility::All,
                )
                .await
                .unwrap()
                .unwrap();
            let mut promise = stored.promise.clone();
            promise.focus_areas = promise
                .focus_areas
                .iter()
                .filter_map(|a| match (a.as_str() == from, to) {
                    (true, Some(to)) => Some(lofte_domain::Text::parse(to, 200).unwrap()),
                    (true, None) => None,
                    (false, _) => Some(a.clone()),
                })
                .collect();
            tenant
                .update_promise(lofte_db::Actor::System, stored.id, stored.version, &promise)
                .await
                .unwrap()
                .unwrap();
        }
    };
    rename(
        "Trygga offentliga miljöer",
        Some("Trygga offentliga platser"),
    )
    .await;
    let promise = app.page("/kommun/0482/2021").await;
    assert!(
        focus_voices(&promise)[0].starts_with("Trygga offentliga platser Ni sa:"),
        "{:?}",
        focus_voices(&promise)
    );
    rename("Trygga offentliga platser", None).await;
    let promise = app.page("/kommun/0482/2021").await;
    assert!(focus_voices(&promise).is_empty());
}

#[tokio::test]
async fn public_pages_are_kept_for_readers_and_fresh_after_every_write() {
    use std::time::Duration;
    let app = spawn_app().await;
    let cached = crate::helpers::serve_state(
        lofte_web::AppState::new(app.database.db.clone())
            .with_page_cache(Some(Duration::from_secs(600))),
    )
    .await;
    let get = |cookie: Option<&str>| {
        let mut request = client().get(format!("{cached}/kommun/0482/synpunkter"));
        if let Some(c) = cookie {
            request = request.header("Cookie", c);
        }
        async move {
            let r = request.send().await.unwrap();
            let hit = r.headers().contains_key("x-lofte-cache");
            (hit, r.text().await.unwrap())
        }
    };
    let (hit, first) = get(None).await;
    assert!(!hit);
    let (hit, again) = get(None).await;
    assert!(hit, "the second reader gets the kept page");
    assert_eq!(again, first);
    let (hit, english) = get(Some("lofte_lang=en")).await;
    assert!(!hit, "another language is another page");
    assert!(english.contains("lang=\"en\""));
    let (hit, _) = get(Some("_ga=GA1.2.1234567.89; lofte_lang=en")).await;
    assert!(
        hit,
        "a cookie lofte does not set does not make another page"
    );
    let (hit, _) = get(Some("lofte_session=not-a-session")).await;
    assert!(!hit, "a session cookie is never answered from the cache");

    // A write through this instance: the next reader gets a fresh page.
    let sent = client()
        .post(format!("{cached}{FORM}"))
        .header("Origin", &cached)
        .form(&input("Via den cachade instansen."))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let (hit, _) = get(None).await;
    assert!(!hit, "emptied by the write");

    // Published through another instance: shown here once the time to live has passed
    // (a second instance with three seconds shows it after three).
    let cookie = app.signed_in_as(Role::Coordinator, flen()).await;
    let short = crate::helpers::serve_state(
        lofte_web::AppState::new(app.database.db.clone())
            .with_page_cache(Some(Duration::from_secs(3))),
    )
    .await;
    let list = format!("{short}/kommun/0482/synpunkter");
    let count = |html: String| texts(&Html::parse_document(&html), ".input-text").len();
    let before = count(
        client()
            .get(&list)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let id = tenant
        .inputs(lofte_domain::citizen::InputStatus::Pending)
        .await
        .unwrap()[0]
        .id;
    let published = post_form(
        &app.address,
        &cookie,
        &format!("/personal/kommun/0482/synpunkter/{id}"),
        &[
            ("action", "publish"),
            ("text", "Via den cachade instansen."),
        ],
    )
    .await;
    assert_eq!(published.status(), 200);
    let stale = count(
        client()
            .get(&list)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(stale, before, "within the time to live: the kept page");
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let fresh = count(
        client()
            .get(&list)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(fresh, before + 1, "after it: fresh");

    // Signed-in staff are never served from the cache.
    let staff = |c: String| {
        let cached = cached.clone();
        async move {
            client()
                .get(format!("{cached}/kommun/0482/synpunkter"))
                .header("Cookie", c)
                .send()
                .await
                .unwrap()
                .headers()
                .contains_key("x-lofte-cache")
        }
    };
    assert!(!staff(cookie.clone()).await && !staff(cookie).await);
}

#[tokio::test]
async fn a_running_server_deletes_old_unpublished_inputs_without_a_restart() {
    let app = spawn_app().await;
    send(&app, &input("Från förra året.")).await;
    let tenant = app.database.db.tenant_named("0482").await.unwrap().unwrap();
    let waiting = || async {
        tenant
            .inputs(lofte_domain::citizen::InputStatus::Pending)
            .await
            .unwrap()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = lofte_web::AppState::new(app.database.db.clone())
        .with_housekeeping_every(std::time::Duration::from_millis(50));
    tokio::spawn(lofte_web::serve(listener, state));
    // The server has started (and kept house once) before the input turns a year old, so
    // only a later round can delete it.
    let health = client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let id = waiting().await[0].id;
    let long_ago = chrono::Utc::now() - chrono::Duration::days(400);
    lofte_db::testing::backdate_input(&app.database.db, id, long_ago).await;
    for _ in 0..200 {
        if waiting().await.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(waiting().await.is_empty(), "deleted by the running server");
}
