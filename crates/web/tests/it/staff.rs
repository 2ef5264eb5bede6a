//! Signing in, the staff area, and the security baseline around it.

use lofte_db::OrganisationRef;
use lofte_domain::{MunicipalityCode, Role};
use scraper::Html;

use crate::helpers::{account, client, flen, post_form, serve, sign_in, spawn_app, texts};

async fn get_with(base: &str, cookie: &str, path: &str) -> reqwest::Response {
    client()
        .get(format!("{base}{path}"))
        .header("Cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn signing_in_leads_to_the_dashboard_of_ones_municipalities() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let anonymous = app.get("/personal").await;
    assert_eq!(anonymous.status(), 303);
    assert_eq!(anonymous.headers()["location"], "/logga-in?nasta=/personal");

    let cookie = sign_in(&app.address, &email, &password)
        .await
        .expect("signed in");
    let set_cookie = client()
        .post(format!("{}/logga-in", app.address))
        .form(&[("email", email.as_str()), ("password", password.as_str())])
        .send()
        .await
        .unwrap();
    let flags = set_cookie.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        flags.contains("HttpOnly") && flags.contains("SameSite=Lax"),
        "{flags}"
    );

    let html = Html::parse_document(
        &get_with(&app.address, &cookie, "/personal")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(texts(&html, "h1"), ["Översikt"]);
    assert_eq!(texts(&html, "section h2"), ["Flens kommun"]);
    assert_eq!(
        texts(&html, "section ul.plain li a"),
        ["Medborgarlöfte 2021", "Medborgarlöfte 2020"]
    );
    assert_eq!(texts(&html, "section .badge"), ["Publicerat", "Publicerat"]);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let (email, _) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let wrong = sign_in(&app.address, &email, "fel lösenord helt och hållet")
        .await
        .unwrap_err();
    let unknown = sign_in(
        &app.address,
        "ingen@flen.se",
        "fel lösenord helt och hållet",
    )
    .await
    .unwrap_err();
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    let message = |body: String| texts(&Html::parse_document(&body), ".error-summary");
    assert_eq!(
        message(wrong.text().await.unwrap()),
        ["Fel e-postadress eller lösenord."]
    );
    assert_eq!(
        message(unknown.text().await.unwrap()),
        ["Fel e-postadress eller lösenord."]
    );
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account_with_retry_after() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    for _ in 0..lofte_db::SIGN_IN_ATTEMPTS {
        let r = sign_in(&app.address, &email, "fel lösenord helt och hållet")
            .await
            .unwrap_err();
        assert_eq!(r.status(), 401);
    }
    let locked = sign_in(&app.address, &email, &password)
        .await
        .expect_err("locked even with the right password");
    assert_eq!(locked.status(), 429);
    let retry: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    let body = locked.text().await.unwrap();
    assert!(
        body.contains("För många försök. Vänta 15 minuter och försök igen."),
        "{body}"
    );
}

/// Signs in from `client` (a loopback address) with the session cookie `cookie`, if any;
/// the response, not followed.
async fn sign_in_from(
    base: &str,
    client: &str,
    cookie: Option<&str>,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(client.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let mut request = http
        .post(format!("{base}/logga-in"))
        .form(&[("email", email), ("password", password)]);
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    request.send().await.unwrap()
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lofte_session="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

#[tokio::test]
async fn signing_in_over_a_signed_in_session_gets_a_new_session_id() {
    let app = spawn_app().await;
    let (planted_by, planted_password) =
        account(&app, "angripare@flen.se", flen(), Role::Reporter).await;
    let (victim, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    // The attacker signs in and plants that cookie in the victim's browser.
    let planted = sign_in(&app.address, &planted_by, &planted_password)
        .await
        .unwrap();
    let response = sign_in_from(
        &app.address,
        "127.0.0.1",
        Some(&planted),
        &victim,
        &password,
    )
    .await;
    assert_eq!(response.status(), 303);
    let fresh = session_cookie(&response).expect("a new session cookie");
    assert_ne!(fresh, planted, "the session id changes at every sign-in");
    // The planted id is dead: it gives the attacker neither account.
    assert_eq!(
        get_with(&app.address, &planted, "/personal").await.status(),
        303
    );
    let html = get_with(&app.address, &fresh, "/personal/konto")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("samordnare@flen.se"), "{html}");
}

#[tokio::test]
async fn parallel_wrong_passwords_on_two_instances_get_only_the_allowed_checks() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let second = serve(app.database.db.clone()).await;
    let guesses = (0..29).map(|i| {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            second.clone()
        };
        let email = email.clone();
        tokio::spawn(async move {
            sign_in_from(
                &base,
                "127.0.0.1",
                None,
                &email,
                "fel lösenord helt och hållet",
            )
            .await
            .status()
            .as_u16()
        })
    });
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    // A 401 is an answer after a password check; every other attempt was refused before.
    let checked = statuses.iter().filter(|s| **s == 401).count();
    assert_eq!(checked, lofte_db::SIGN_IN_ATTEMPTS as usize, "{statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    let right = sign_in_from(&app.address, "127.0.0.1", None, &email, &password).await;
    assert_eq!(
        right.status(),
        429,
        "the right password waits too, from that client"
    );
    // The owner at another address is not kept out by someone guessing elsewhere.
    let owner = sign_in_from(&second, "127.0.0.2", None, &email, &password).await;
    assert_eq!(owner.status(), 303);
}

#[tokio::test]
async fn an_unknown_address_is_throttled_exactly_like_a_real_account() {
    let app = spawn_app().await;
    let (email, _) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let mut answers = Vec::new();
    // From two clients, so that the per-client limit on trying many accounts stays out of it.
    for (address, client) in [
        (email.as_str(), "127.0.0.3"),
        ("ingen@flen.se", "127.0.0.4"),
    ] {
        let mut statuses = Vec::new();
        for _ in 0..=lofte_db::SIGN_IN_ATTEMPTS {
            let r = sign_in_from(&app.address, client, None, address, "fel lösenord x").await;
            statuses.push((r.status().as_u16(), r.headers().contains_key("retry-after")));
        }
        answers.push(statuses);
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].last(), Some(&(429, true)));
}

#[tokio::test]
async fn one_client_trying_many_accounts_is_slowed_down() {
    let app = spawn_app().await;
    let mut statuses = Vec::new();
    for i in 0..12 {
        let r = sign_in(
            &app.address,
            &format!("gissning{i}@flen.se"),
            "fel lösenord helt och hållet",
        )
        .await
        .unwrap_err();
        statuses.push(r.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[401; 10]);
    assert_eq!(&statuses[10..], &[429, 429]);
}

#[tokio::test]
async fn a_forged_cross_site_post_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let forged = client()
        .post(format!("{}/personal/kommun/0482/2021/status", app.address))
        .header("Cookie", &cookie)
        .header("Origin", "https://evil.example")
        .form(&[("version", "1"), ("to", "closed")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let body = forged.text().await.unwrap();
    assert!(body.contains("Begäran stoppades"), "{body}");
    let fetch_marked = client()
        .post(format!("{}/personal/kommun/0482/2021/status", app.address))
        .header("Cookie", &cookie)
        .header("Sec-Fetch-Site", "cross-site")
        .form(&[("version", "1"), ("to", "closed")])
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_marked.status(), 403);
    let still = app.page("/kommun/0482/2021").await;
    assert!(texts(&still, ".note").is_empty(), "not closed");
}

#[tokio::test]
async fn sessions_work_on_every_instance_and_end_at_sign_out() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let second = serve(app.database.db.clone()).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    assert_eq!(
        get_with(&second, &cookie, "/personal").await.status(),
        200,
        "second instance knows the session"
    );
    let out = post_form(&second, &cookie, "/logga-ut", &[]).await;
    assert_eq!(out.status(), 303);
    assert_eq!(
        get_with(&app.address, &cookie, "/personal").await.status(),
        303,
        "signed out everywhere"
    );
}

#[tokio::test]
async fn editing_a_commitment_shows_on_the_public_page_and_in_the_history() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let page = Html::parse_document(
        &get_with(&app.address, &cookie, "/personal/kommun/0482/2021")
            .await
            .text()
            .await
            .unwrap(),
    );
    let edit = page
        .select(&scraper::Selector::parse("li.commitment a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .filter(|href| !href.ends_with("/ta-bort"))
        .nth(5)
        .unwrap();
    let form = Html::parse_document(
        &get_with(&app.address, &cookie, &edit)
            .await
            .text()
            .await
            .unwrap(),
    );
    let value = |name: &str| {
        form.select(&scraper::Selector::parse(&format!("[name={name}]")).unwrap())
            .next()
            .map(|e| {
                e.value()
                    .attr("value")
                    .map(str::to_owned)
                    .unwrap_or_else(|| e.text().collect())
            })
            .unwrap_or_default()
    };
    assert_eq!(value("target_at_least"), "100");
    let new_text =
        "att polisen kommer att genomföra minst 120 trafikkontroller enligt 20-minuters metoden.";
    let saved = post_form(
        &app.address,
        &cookie,
        &edit,
        &[
            ("version", &value("version")),
            ("party", "police"),
            ("kind", "output"),
            ("text", new_text),
            ("target_activity", "traffic_control"),
            ("target_at_least", "120"),
            ("method_code", "twenty_minute"),
            ("method_min", "15"),
            ("method_max", "30"),
            ("scope", "anywhere"),
            ("emphasis", "places"),
            ("emphasis_places", "malmkoping"),
            ("emphasis_places", "halleforsnas"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    // Ticked places come back ticked.
    let again = Html::parse_document(
        &get_with(&app.address, &cookie, &edit)
            .await
            .text()
            .await
            .unwrap(),
    );
    let ticked: Vec<String> = again
        .select(&scraper::Selector::parse("#emphasis_places input[checked]").unwrap())
        .map(|i| i.value().attr("value").unwrap().to_owned())
        .collect();
    assert_eq!(
        ticked,
        ["halleforsnas", "malmkoping"],
        "in the list's order"
    );

    let public = app.page("/kommun/0482/2021").await;
    assert!(
        texts(&public, "li.commitment")
            .iter()
            .any(|t| t.starts_with(new_text))
    );
    assert!(
        texts(&public, ".target")
            .iter()
            .any(|t| t.starts_with("Mål: minst 120 trafikkontroller"))
    );
    let staff = Html::parse_document(
        &get_with(&app.address, &cookie, "/personal/kommun/0482/2021")
            .await
            .text()
            .await
            .unwrap(),
    );
    let newest = texts(&staff, "tbody tr:first-child td");
    assert_eq!(
        newest[1..3],
        ["samordnare@flen.se", "Ett åtagande ändrades"]
    );
    assert!(newest[3].ends_with(&format!("→ {new_text}")), "{newest:?}");
}

#[tokio::test]
async fn a_form_with_problems_shows_them_on_their_fields_and_saves_nothing() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let stored = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
        .promise_for_year(
            lofte_domain::Year::new(2021).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    let path = format!(
        "/personal/kommun/0482/2021/atagande/{}",
        stored.commitment_ids[5]
    );
    let long = "x".repeat(4001);
    let r = post_form(
        &app.address,
        &cookie,
        &path,
        &[
            ("version", "1"),
            ("party", "police"),
            ("kind", "output"),
            ("text", &long),
            ("target_activity", "traffic_control"),
            ("target_at_least", "hundra"),
            ("scope", "places"),
            ("scope_places", "ingenstans"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(texts(&html, "#text-error"), ["Får vara högst 4000 tecken."]);
    assert_eq!(texts(&html, "#target_at_least-error"), ["Ange ett heltal."]);
    assert_eq!(texts(&html, "[aria-invalid=true]").len(), 2);
    assert_eq!(texts(&html, ".error-summary li a").len(), 2);
    let after = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
        .promise_for_year(
            lofte_domain::Year::new(2021).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.promise, stored.promise);

    // An unknown place is reported on the places field once the rest is valid.
    let r = post_form(
        &app.address,
        &cookie,
        &path,
        &[
            ("version", "1"),
            ("party", "police"),
            ("kind", "output"),
            ("text", "att kontrollera."),
            ("target_activity", "traffic_control"),
            ("target_at_least", "100"),
            ("scope", "places"),
            ("scope_places", "ingenstans"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let html = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&html, "#scope_places-error"),
        [
            "Platsen ”ingenstans” finns inte i kommunen. Lägg till den under Platser i personalområdet (eller med lofte municipality import) och försök igen."
        ]
    );
}

#[tokio::test]
async fn two_concurrent_edits_of_one_commitment_one_gets_409_and_the_log_shows_one_change() {
    let app = spawn_app().await;
    // B works through a second instance on the same database, as behind a load balancer.
    let second = serve(app.database.db.clone()).await;
    let (a_email, password) = account(&app, "a@flen.se", flen(), Role::Coordinator).await;
    let (b_email, _) = account(&app, "b@flen.se", flen(), Role::Coordinator).await;
    let a = sign_in(&app.address, &a_email, &password).await.unwrap();
    let b = sign_in(&second, &b_email, &password).await.unwrap();
    let tenant = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap();
    let stored = tenant
        .promise_for_year(
            lofte_domain::Year::new(2021).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    let path = format!(
        "/personal/kommun/0482/2021/atagande/{}",
        stored.commitment_ids[0]
    );
    let edit = |text: &'static str| {
        [
            ("version", "1"),
            ("party", "together"),
            ("kind", "process"),
            ("text", text),
            ("target_activity", ""),
        ]
    };
    let (form_a, form_b) = (edit("Ändring från A."), edit("Ändring från B."));
    let (ra, rb) = tokio::join!(
        post_form(&app.address, &a, &path, &form_a),
        post_form(&second, &b, &path, &form_b),
    );
    let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [303, 409]);
    let conflict = if ra.status() == 409 { ra } else { rb };
    let html = Html::parse_document(&conflict.text().await.unwrap());
    assert_eq!(texts(&html, "h1"), ["Någon annan hann ändra först"]);
    assert_eq!(
        texts(&html, ".compare h2"),
        ["Din ändring (inte sparad)", "Sparat nu (version 2)"]
    );
    let history = tenant.history(stored.id).await.unwrap();
    assert_eq!(history.iter().filter(|e| e.action == "update").count(), 1);
}

#[tokio::test]
async fn a_draft_is_signed_and_published_and_then_shows_with_its_later_changes() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let tenant = app
        .database
        .db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap();
    let p2021 = tenant
        .promise_for_year(
            lofte_domain::Year::new(2021).unwrap(),
            lofte_db::Visibility::All,
        )
        .await
        .unwrap()
        .unwrap();
    let draft = p2021
        .promise
        .continue_into(lofte_domain::Year::new(2022).unwrap())
        .unwrap();
    tenant
        .create_promise(lofte_db::Actor::System, &draft)
        .await
        .unwrap();
    assert_eq!(
        app.get("/kommun/0482/2022").await.status(),
        404,
        "drafts are not public"
    );

    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    // Not signable without the day and who signed: the edit form says so on both.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2022/status",
        &[("version", "1"), ("to", "signed")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let form = Html::parse_document(&r.text().await.unwrap());
    let errors = texts(&form, ".field-error");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .all(|e| e.starts_with("Fyll i det här innan löftet markeras som undertecknat"))
    );
    // A signatory without the comma between name and role is explained, not "empty".
    let (aim, goal, focus) = (
        draft.aim.to_string(),
        draft.outcome_goal.text.to_string(),
        draft
            .focus_areas
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let edit = |signatories: &'static str| {
        let cookie = cookie.clone();
        let address = app.address.clone();
        let (aim, goal, focus) = (aim.clone(), goal.clone(), focus.clone());
        async move {
            post_form(
                &address,
                &cookie,
                "/personal/kommun/0482/2022/andra",
                &[
                    ("version", "1"),
                    ("title", "Medborgarlöfte 2022"),
                    ("aim", aim.as_str()),
                    ("focus_areas", focus.as_str()),
                    ("outcome_text", goal.as_str()),
                    ("outcome_measured_in", "2023"),
                    ("follow_up_internal", "tertial"),
                    ("final_report_year", "2023"),
                    ("final_report_quarter", "1"),
                    ("signed_on", "2022-02-01"),
                    ("signatories", signatories),
                ],
            )
            .await
        }
    };
    let r = edit("Anna Andersson kommunstyrelsens ordförande").await;
    assert_eq!(r.status(), 422);
    let form = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(
        texts(&form, "#signatories-error"),
        [
            "Skriv namn och roll åtskilda av ett kommatecken, en person per rad, till exempel: Anna Andersson, kommunstyrelsens ordförande"
        ]
    );
    let r =
        edit("Anna Andersson, kommunstyrelsens ordförande\nPer Polis, lokalpolisområdeschef").await;
    assert_eq!(r.status(), 303);
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2022/status",
        &[("version", "2"), ("to", "signed")],
    )
    .await;
    assert_eq!(r.status(), 303, "signed");
    // Publishing is asked about once more, with a preview of the page residents get.
    let publish = [("version", "3"), ("to", "published")];
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2022/status",
        &publish,
    )
    .await;
    assert_eq!(r.status(), 200);
    let confirm = Html::parse_document(&r.text().await.unwrap());
    assert_eq!(texts(&confirm, "h1"), ["Publicera löftet?"]);
    assert_eq!(app.get("/kommun/0482/2022").await.status(), 404, "not yet");
    let preview_href = confirm
        .select(&scraper::Selector::parse("main a[href$='/forhandsvisning']").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let preview = app.page_as(&preview_href, &cookie).await;
    assert_eq!(texts(&preview, "article h2"), ["Medborgarlöfte 2022"]);
    assert!(
        texts(&preview, ".preview-banner")
            .join(" ")
            .starts_with("Förhandsvisning.")
    );
    assert_ne!(app.get(&preview_href).await.status(), 200, "staff only");
    let mut confirmed = publish.to_vec();
    confirmed.push(("confirm", "ja"));
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2022/status",
        &confirmed,
    )
    .await;
    assert_eq!(r.status(), 303, "published");
    let public = app.page("/kommun/0482/2022").await;
    assert_eq!(
        texts(&public, "article h2"),
        ["Medborgarlöfte 2022"],
        "the copy's title names its own year"
    );
    assert_eq!(texts(&public, ".years a"), ["2022", "2021", "2020"]);
    // Linked both ways: the year it continues links forward to it.
    let earlier = app.page("/kommun/0482/2021").await;
    let forward: Vec<(String, String)> = earlier
        .select(&scraper::Selector::parse("article a").unwrap())
        .filter(|a| a.text().collect::<String>().starts_with("Fortsätter i"))
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        forward,
        [(
            "Fortsätter i Medborgarlöfte 2022.".to_owned(),
            "/kommun/0482/2022".to_owned()
        )]
    );
    assert!(
        texts(&public, ".changes").is_empty(),
        "first publication: nothing changed yet"
    );

    // Renamed after publication: the public page says so.
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2022/andra",
        &[
            ("version", "4"),
            ("title", "Medborgarlöfte 2022: tryggare tillsammans"),
            ("aim", "Ökad trygghet i hela kommunen."),
            ("focus_areas", "Ungdomar\nTrafiksäkerhet"),
            ("outcome_text", "År 2023 ska tryggheten ha ökat."),
            ("outcome_measured_in", "2023"),
            ("follow_up_internal", "tertial"),
            ("final_report_year", "2023"),
            ("final_report_quarter", "1"),
            ("signed_on", "2022-02-01"),
            ("signatories", "Anna Andersson, Kommundirektör"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let public = app.page("/kommun/0482/2022").await;
    assert_eq!(
        texts(&public, "article h2"),
        ["Medborgarlöfte 2022: tryggare tillsammans"]
    );
    assert_eq!(
        texts(&public, ".changes li"),
        [
            "Rubriken ändrades.",
            "Det övergripande målet ändrades.",
            "Fokusområdena ändrades.",
            "Effektmålet ändrades.",
            "Uppgifterna om undertecknandet ändrades."
        ]
    );
    assert!(
        texts(&public, "article")
            .join(" ")
            .contains("Undertecknat 2022-02-01 av Anna Andersson, Kommundirektör")
    );
}

#[tokio::test]
async fn oversized_requests_are_refused() {
    let app = spawn_app().await;
    let big = "x".repeat(2 * 1024 * 1024);
    let r = client()
        .post(format!("{}/logga-in", app.address))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("email={big}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
}

#[tokio::test]
async fn a_commitment_is_added_and_next_year_is_started_as_a_copy() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let form = Html::parse_document(
        &get_with(
            &app.address,
            &cookie,
            "/personal/kommun/0482/2021/atagande/ny",
        )
        .await
        .text()
        .await
        .unwrap(),
    );
    assert_eq!(texts(&form, "h1"), ["Nytt åtagande"]);
    let r = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/atagande/ny",
        &[
            ("version", "1"),
            ("party", "partner"),
            ("partner", "Räddningstjänsten"),
            ("kind", "output"),
            ("text", "att delta i minst tio Trygg vuxen-kvällar."),
            ("target_activity", "trygg_vuxen"),
            ("target_at_least", "10"),
            ("scope", "outlying_villages"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let public = app.page("/kommun/0482/2021").await;
    let parties: Vec<String> = crate::helpers::commitments_by_party(&public)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    assert_eq!(parties.last().unwrap(), "Räddningstjänsten lovar");
    assert!(
        texts(&public, ".changes li")
            .iter()
            .any(|l| l == "Ett åtagande lades till: ”att delta i minst tio Trygg vuxen-kvällar.”.")
    );

    // The same stale version again is a conflict, not a second commitment.
    let again = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/atagande/ny",
        &[
            ("version", "1"),
            ("party", "together"),
            ("kind", "process"),
            ("text", "Något annat."),
        ],
    )
    .await;
    assert_eq!(again.status(), 409);

    let copied = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/2021/kopiera",
        &[],
    )
    .await;
    assert_eq!(copied.headers()["location"], "/personal/kommun/0482/2022");
    let staff = Html::parse_document(
        &get_with(&app.address, &cookie, "/personal/kommun/0482/2022")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(texts(&staff, ".meta .badge"), ["Utkast"]);
    assert_eq!(
        texts(&staff, "h1"),
        ["Medborgarlöfte 2022"],
        "next year's title, not last year's"
    );
    assert_eq!(texts(&staff, "li.commitment > p:first-child").len(), 13);
    assert_eq!(
        app.get("/kommun/0482/2022").await.status(),
        404,
        "a draft is not public"
    );
}

#[tokio::test]
async fn a_municipalitys_first_promise_is_written_from_scratch() {
    let app = spawn_app().await;
    let katrineholm = OrganisationRef::Municipality(MunicipalityCode::parse("0483").unwrap());
    let (email, password) = account(
        &app,
        "samordnare@katrineholm.se",
        katrineholm,
        Role::Coordinator,
    )
    .await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let dashboard = Html::parse_document(
        &get_with(&app.address, &cookie, "/personal")
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(texts(&dashboard, "section h2"), ["Katrineholms kommun"]);
    assert!(texts(&dashboard, "section a").contains(&"Nytt medborgarlöfte".to_owned()));

    let bad = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0483/nytt",
        &[
            ("first_year", "2027"),
            ("last_year", "2026"),
            ("title", "Medborgarlöfte 2027"),
            ("aim", ""),
            ("outcome_text", "Fler ska känna sig trygga."),
            ("outcome_measured_in", "2028"),
            ("follow_up_internal", "tertial"),
            ("party", "together"),
            ("text", ""),
        ],
    )
    .await;
    assert_eq!(bad.status(), 422);
    let html = Html::parse_document(&bad.text().await.unwrap());
    // On the last year, the one that comes too early.
    assert_eq!(
        texts(&html, "#last_year-error"),
        ["Sista året (2026) kommer före första året (2027)."]
    );
    assert!(texts(&html, "#first_year-error").is_empty());
    assert_eq!(texts(&html, "#aim-error"), ["Får inte vara tomt."]);
    assert_eq!(texts(&html, "#text-error"), ["Får inte vara tomt."]);

    // A year the form cannot read gets one message, not a second about a stand-in value.
    let unreadable = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0483/nytt",
        &[
            ("first_year", "20xx"),
            ("title", "Medborgarlöfte 2027"),
            ("aim", "Ökad trygghet."),
            ("outcome_text", "Fler ska känna sig trygga."),
            ("outcome_measured_in", "2028"),
            ("follow_up_internal", "tertial"),
            ("party", "police"),
            ("text", "att patrullera i centrum varje fredag."),
        ],
    )
    .await;
    assert_eq!(unreadable.status(), 422);
    let html = Html::parse_document(&unreadable.text().await.unwrap());
    assert_eq!(texts(&html, "#first_year-error").len(), 1);
    assert_eq!(
        texts(&html, ".error-summary li").len(),
        1,
        "one message in all"
    );

    let good = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0483/nytt",
        &[
            ("first_year", "2027"),
            ("title", "Medborgarlöfte 2027"),
            ("aim", "Ökad trygghet."),
            ("focus_areas", "Trygg stadskärna"),
            ("outcome_text", "Fler ska känna sig trygga."),
            ("outcome_measured_in", "2028"),
            ("follow_up_internal", "tertial"),
            ("party", "police"),
            ("text", "att patrullera i centrum varje fredag."),
        ],
    )
    .await;
    assert_eq!(good.status(), 303);
    assert_eq!(good.headers()["location"], "/personal/kommun/0483/2027");
    let exported: serde_json::Value =
        serde_json::to_value(lofte_domain::exchange::PromiseDocument::from(
            &app.database
                .db
                .tenant(&MunicipalityCode::parse("0483").unwrap())
                .await
                .unwrap()
                .unwrap()
                .promise_for_year(
                    lofte_domain::Year::new(2027).unwrap(),
                    lofte_db::Visibility::All,
                )
                .await
                .unwrap()
                .unwrap()
                .promise,
        ))
        .unwrap();
    assert_eq!(exported["status"], "draft");
    assert_eq!(
        exported["follow_up"]["final_report"],
        serde_json::json!({"year": 2028, "quarter": 1})
    );
    assert_eq!(exported["commitments"][0]["party"], "police");
    let flen = post_form(
        &app.address,
        &cookie,
        "/personal/kommun/0482/nytt",
        &[("first_year", "2027")],
    )
    .await;
    assert_eq!(flen.status(), 403, "not in another municipality");
    // The refusal still knows who is signed in and where they were.
    let refused = app
        .client
        .get(format!("{}/personal/kommun/0482/nytt", app.address))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let html = scraper::Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&html, ".staff-nav a[href='/personal/konto']").len(),
        1
    );
    let switch = html
        .select(&scraper::Selector::parse("a.lang-switch").unwrap())
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(
        switch.ends_with("tillbaka=/personal/kommun/0482/nytt"),
        "{switch}"
    );
}

#[tokio::test]
async fn closing_the_year_is_asked_about_once_more() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let cookie = sign_in(&app.address, &email, &password).await.unwrap();
    let status = "/personal/kommun/0482/2021/status";
    let asked = post_form(
        &app.address,
        &cookie,
        status,
        &[("version", "1"), ("to", "closed")],
    )
    .await;
    assert_eq!(asked.status(), 200);
    let html = scraper::Html::parse_document(&asked.text().await.unwrap());
    assert_eq!(texts(&html, "h1"), ["Avsluta året?"]);
    assert_eq!(texts(&html, "main form button"), ["Ja, avsluta året"]);
    let still = app.page("/kommun/0482/2021").await;
    assert!(
        texts(&still, ".note").is_empty(),
        "not closed before the answer"
    );

    let closed = post_form(
        &app.address,
        &cookie,
        status,
        &[("version", "1"), ("to", "closed"), ("confirm", "ja")],
    )
    .await;
    assert_eq!(closed.status(), 303);
    let page = app.page("/kommun/0482/2021").await;
    assert!(
        texts(&page, ".note")
            .iter()
            .any(|n| n.starts_with("Avslutat")),
        "{:?}",
        texts(&page, ".note")
    );
}

#[tokio::test]
async fn behind_https_cookies_are_secure_and_host_prefixed_and_hsts_is_sent() {
    let app = spawn_app().await;
    let (email, password) = account(&app, "samordnare@flen.se", flen(), Role::Coordinator).await;
    let url = lofte_web::PublicUrl::parse("https://trygghet.flen.se/").unwrap();
    let https = crate::helpers::serve_state(
        lofte_web::AppState::new(app.database.db.clone()).with_public_url(Some(&url)),
    )
    .await;
    let response = sign_in_from(&https, "127.0.0.1", None, &email, &password).await;
    assert_eq!(response.status(), 303);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-lofte_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain"), "{cookie}");
    let page = client().get(format!("{https}/")).send().await.unwrap();
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let switch = client()
        .get(format!("{https}/sprak/en?tillbaka=/"))
        .send()
        .await
        .unwrap();
    assert!(
        switch.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Secure")
    );
    // A signed-in page behind HTTPS works with the prefixed cookie.
    let session = cookie.split(';').next().unwrap();
    assert_eq!(get_with(&https, session, "/personal").await.status(), 200);

    // Plain HTTP (development): neither, since browsers would drop a Secure cookie.
    let plain = client()
        .get(format!("{}/", app.address))
        .send()
        .await
        .unwrap();
    assert!(!plain.headers().contains_key("strict-transport-security"));
    assert!(lofte_web::PublicUrl::parse("trygghet.flen.se").is_err());
    assert!(lofte_web::PublicUrl::parse("https://").is_err());
}

#[tokio::test]
async fn the_frameworks_own_refusals_answer_in_the_readers_language() {
    let app = spawn_app().await;
    // A path segment that is no number: an error page, not "Cannot parse value".
    let bad_path = app.get("/kommun/0482/fynd/abc/foto").await;
    assert_eq!(bad_path.status(), 400);
    assert!(
        bad_path.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = Html::parse_document(&bad_path.text().await.unwrap());
    assert_eq!(texts(&html, "h1"), ["Begäran kunde inte läsas"]);
    assert_eq!(
        texts(&html, "html").len(),
        1,
        "a whole page with the site's header"
    );
    let english = client()
        .get(format!("{}/kommun/0482/fynd/abc/foto", app.address))
        .header("Cookie", "lofte_lang=en")
        .send()
        .await
        .unwrap();
    let html = Html::parse_document(&english.text().await.unwrap());
    assert_eq!(texts(&html, "h1"), ["The request could not be read"]);

    // A body over the limit on a page and on the API.
    let huge = "x".repeat(2 * 1024 * 1024);
    let form = client()
        .post(format!("{}/kommun/0482/tyck-till", app.address))
        .header("Origin", &app.address)
        .form(&[("input_text", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 413);
    let body = form.text().await.unwrap();
    assert!(!body.contains("length limit exceeded"), "{body}");
    let html = Html::parse_document(&body);
    assert_eq!(texts(&html, "h1"), ["För mycket på en gång"]);
    let db = &app.database.db;
    let org = db.organisation(&flen()).await.unwrap();
    let token = lofte_app::secrets::generate_token();
    db.create_api_token(
        org,
        Role::Reporter,
        "test",
        &lofte_app::secrets::token_digest(&token),
    )
    .await
    .unwrap();
    let api = client()
        .post(format!(
            "{}/api/v1/municipalities/0482/activities",
            app.address
        ))
        .bearer_auth(&token)
        .header("Accept-Language", "en")
        .header("Content-Type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 413);
    let json: serde_json::Value = api.json().await.unwrap();
    assert_eq!(json["code"], "payload-too-large");
    assert!(
        json["message"]
            .as_str()
            .unwrap()
            .starts_with("What was sent is larger"),
        "{json}"
    );
}
