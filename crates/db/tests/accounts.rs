//! Accounts, reach of memberships, sessions, tokens, and changes with versions and audit.

use lofte_db::testing::fresh_database;
use lofte_db::{Actor, Error, OrganisationRef, Visibility, demo};
use lofte_domain::{Email, MunicipalityCode, Permission, Problem, Role, Text, Year};

fn code(c: &str) -> MunicipalityCode {
    MunicipalityCode::parse(c).unwrap()
}

fn email(e: &str) -> Email {
    Email::parse(e).unwrap()
}

#[tokio::test]
async fn one_account_per_email_whatever_its_case() {
    let t = fresh_database().await;
    t.db.create_account(&email("anna@flen.se"), "Anna", "hash")
        .await
        .unwrap();
    let Err(Error::Invalid(errors)) =
        t.db.create_account(&email("ANNA@flen.se"), "Anna 2", "hash")
            .await
    else {
        panic!("duplicate accepted")
    };
    assert_eq!(
        (errors[0].path.as_str(), &errors[0].problem),
        ("email", &Problem::EmailTaken)
    );
    assert_eq!(t.db.accounts().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_local_police_area_member_acts_in_the_municipalities_it_covers() {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let officer =
        t.db.create_account(&email("polis@example.se"), "Polis", "h")
            .await
            .unwrap();
    let lpo =
        t.db.organisation(&OrganisationRef::LocalPoliceArea("Katrineholm".into()))
            .await
            .unwrap();
    t.db.grant(officer, lpo, Role::Reporter).await.unwrap();
    let coordinator =
        t.db.create_account(&email("samordnare@flen.se"), "Samordnare", "h")
            .await
            .unwrap();
    let flen =
        t.db.organisation(&OrganisationRef::Municipality(code("0482")))
            .await
            .unwrap();
    t.db.grant(coordinator, flen, Role::Coordinator)
        .await
        .unwrap();

    let p = t.db.principal(officer).await.unwrap();
    assert!(
        p.may(Permission::LogActivity, &code("0482")),
        "Flen is in LPO Katrineholm"
    );
    assert!(!p.may(Permission::EditPromise, &code("0482")));
    assert!(!p.may(Permission::LogActivity, &code("0180")));
    let c = t.db.principal(coordinator).await.unwrap();
    assert!(c.may(Permission::PublishPromise, &code("0482")));
    assert!(!c.may(Permission::PublishPromise, &code("0483")));
    let summary = t.db.accounts().await.unwrap();
    let names: Vec<_> = summary.iter().map(|s| s.memberships.clone()).collect();
    assert!(names.contains(&vec![("Flens kommun".to_owned(), Role::Coordinator)]));
    assert!(names.contains(&vec![("LPO Katrineholm".to_owned(), Role::Reporter)]));
}

#[tokio::test]
async fn sign_in_attempts_are_counted_before_the_password_is_checked_and_hold_in_parallel() {
    use lofte_db::{SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW_SECONDS, SignInKey};
    let t = fresh_database().await;
    let client = Some("192.0.2.7".parse().unwrap());
    let key = SignInKey::new("Anna@Flen.se ", client);
    let now = 1_800_000_000;
    // Thirty attempts at once, as parallel requests on several instances would make them:
    // exactly the allowed number may go on to a password check.
    let attempts = (0..30).map(|_| {
        let db = t.db.clone();
        let key = key.clone();
        tokio::spawn(async move { db.reserve_sign_in_attempt(&key, now).await.unwrap() })
    });
    let mut allowed = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            None => allowed += 1,
            Some(wait) => assert_eq!(wait, SIGN_IN_WINDOW_SECONDS),
        }
    }
    assert_eq!(allowed, SIGN_IN_ATTEMPTS);
    // The same address typed otherwise is the same key; another client has its own count,
    // so someone guessing elsewhere does not keep the owner out.
    assert_eq!(
        t.db.reserve_sign_in_attempt(&SignInKey::new("anna@flen.se", client), now + 60)
            .await
            .unwrap(),
        Some(SIGN_IN_WINDOW_SECONDS - 60)
    );
    let owner = SignInKey::new("anna@flen.se", Some("198.51.100.1".parse().unwrap()));
    assert_eq!(
        t.db.reserve_sign_in_attempt(&owner, now).await.unwrap(),
        None
    );
    // An IPv6 host's whole /64 counts as one client, here and in the per-client limit.
    let v6 = |a: &str| SignInKey::new("anna@flen.se", Some(a.parse().unwrap()));
    assert_eq!(v6("2001:db8:1:2::1"), v6("2001:db8:1:2:ffff::9"));
    assert_ne!(v6("2001:db8:1:2::1"), v6("2001:db8:1:3::1"));
    let network = |a: &str| lofte_db::client_network(a.parse().unwrap()).to_string();
    assert_eq!(network("2001:db8:1:2:ffff::9"), "2001:db8:1:2::");
    assert_eq!(network("::ffff:192.0.2.7"), "192.0.2.7");
    assert_eq!(network("192.0.2.7"), "192.0.2.7");
    // When the window has passed, the count starts again; a success forgets it.
    let later = now + SIGN_IN_WINDOW_SECONDS;
    assert_eq!(
        t.db.reserve_sign_in_attempt(&key, later).await.unwrap(),
        None
    );
    assert_eq!(
        t.db.delete_ended_sign_in_counts(later).await.unwrap(),
        1,
        "the owner's count, whose window has ended, is deleted; the restarted one stays"
    );
    t.db.forget_sign_in_attempts(&key).await.unwrap();
    assert_eq!(
        t.db.delete_ended_sign_in_counts(later + SIGN_IN_WINDOW_SECONDS)
            .await
            .unwrap(),
        0,
        "the forgotten count is gone already"
    );
}

#[tokio::test]
async fn sessions_expire_and_tokens_can_be_revoked() {
    let t = fresh_database().await;
    t.db.save_session("s1", "{}", 1_000).await.unwrap();
    assert_eq!(
        t.db.load_session("s1", 999).await.unwrap(),
        Some(("{}".into(), 1_000))
    );
    assert_eq!(
        t.db.load_session("s1", 1_000).await.unwrap(),
        None,
        "expired"
    );
    assert_eq!(t.db.delete_expired_sessions(1_000).await.unwrap(), 1);

    let org =
        t.db.organisation(&OrganisationRef::Municipality(code("0482")))
            .await
            .unwrap();
    let token =
        t.db.create_api_token(org, Role::Coordinator, "Import", "abc123")
            .await
            .unwrap();
    let (id, principal) = t.db.api_token_principal("abc123").await.unwrap().unwrap();
    assert_eq!(id, token);
    assert_eq!(principal.role_in(&code("0482")), Some(Role::Coordinator));
    assert!(t.db.revoke_api_token(token).await.unwrap());
    assert!(t.db.api_token_principal("abc123").await.unwrap().is_none());
}

#[tokio::test]
async fn two_edits_of_one_version_one_wins_and_the_log_shows_one_change() {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let flen = t.db.tenant(&code("0482")).await.unwrap().unwrap();
    let stored = flen
        .promise_for_year(Year::new(2021).unwrap(), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    let id = stored.commitment_ids[5];
    let mut first = stored.promise.commitments[5].clone();
    first.text = Text::parse("Första ändringen.", 4000).unwrap();
    let mut second = first.clone();
    second.text = Text::parse("Andra ändringen.", 4000).unwrap();

    let (a, b) = tokio::join!(
        flen.update_commitment(Actor::System, stored.id, id, 1, &first),
        flen.update_commitment(Actor::System, stored.id, id, 1, &second),
    );
    let outcomes = [a.unwrap(), b.unwrap()];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "exactly one save wins"
    );
    let conflict = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    assert_eq!(conflict.current_version, 2);

    let history = flen.history(stored.id).await.unwrap();
    let updates: Vec<_> = history.iter().filter(|e| e.action == "update").collect();
    assert_eq!(updates.len(), 1);
    assert!(
        updates[0]
            .before
            .as_ref()
            .unwrap()
            .contains("minst 100 trafikkontroller")
    );
    let now = flen
        .promise_for_year(Year::new(2021).unwrap(), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        now.version, 2,
        "the promise's version moves with its commitments"
    );
    assert_eq!(
        flen.publications(stored.id).await.unwrap().len(),
        2,
        "the import and the edit of a published promise are both public versions"
    );
}

#[tokio::test]
async fn the_workflow_moves_one_step_at_a_time() {
    let t = fresh_database().await;
    demo::load_flen(&t.db).await.unwrap();
    let flen = t.db.tenant(&code("0482")).await.unwrap().unwrap();
    let p2021 = flen
        .promise_for_year(Year::new(2021).unwrap(), Visibility::All)
        .await
        .unwrap()
        .unwrap();
    let mut draft = p2021
        .promise
        .continue_into(Year::new(2022).unwrap())
        .unwrap();
    let unsigned = flen.create_promise(Actor::System, &draft).await.unwrap();
    use lofte_domain::PromiseStatus::*;
    assert!(matches!(
        flen.set_status(Actor::System, unsigned.id, unsigned.version, Published)
            .await,
        Err(Error::Invalid(_))
    ));
    // Not signed until the day and the signatories are there.
    let Err(Error::Invalid(missing)) = flen
        .set_status(Actor::System, unsigned.id, unsigned.version, Signed)
        .await
    else {
        panic!("signed without a date or signatories")
    };
    let paths: Vec<&str> = missing.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["signed_on", "signatories"]);
    draft.signed_on = chrono::NaiveDate::from_ymd_opt(2022, 2, 1);
    draft.signatories = vec![lofte_domain::promise::Signatory {
        name: lofte_domain::Text::parse("Anna Andersson", 100).unwrap(),
        role: lofte_domain::Text::parse("kommunstyrelsens ordförande", 100).unwrap(),
    }];
    let draft = flen
        .update_promise(Actor::System, unsigned.id, unsigned.version, &draft)
        .await
        .unwrap()
        .unwrap();
    let signed = flen
        .set_status(Actor::System, draft.id, draft.version, Signed)
        .await
        .unwrap()
        .unwrap();
    assert!(flen.publications(draft.id).await.unwrap().is_empty());
    let stale = flen
        .set_status(Actor::System, draft.id, draft.version, Draft)
        .await
        .unwrap();
    assert!(stale.is_err(), "a stale version is a conflict");
    let published = flen
        .set_status(Actor::System, draft.id, signed.version, Published)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(published.promise.status, Published);
    assert_eq!(flen.publications(draft.id).await.unwrap().len(), 1);
    let other = t.db.tenant(&code("0483")).await.unwrap().unwrap();
    assert!(
        matches!(
            other
                .set_status(Actor::System, draft.id, published.version, Closed)
                .await,
            Err(Error::NotFound)
        ),
        "another municipality cannot touch it"
    );
}

#[tokio::test]
async fn every_change_to_accounts_and_tokens_is_logged_without_secrets() {
    let t = fresh_database().await;
    let id =
        t.db.create_account(&email("a@flen.se"), "Anna", "$argon2id$secret")
            .await
            .unwrap();
    let org =
        t.db.organisation(&OrganisationRef::Municipality(code("0482")))
            .await
            .unwrap();
    t.db.grant(id, org, Role::Coordinator).await.unwrap();
    t.db.change_own_password(id, "$argon2id$other")
        .await
        .unwrap();
    t.db.set_disabled(id, true).await.unwrap();
    let token =
        t.db.create_api_token(org, Role::Reporter, "Rakel", "digest")
            .await
            .unwrap();
    t.db.revoke_api_token(token).await.unwrap();
    let events = t.db.account_events().await.unwrap();
    let summary: Vec<(Option<&str>, &str, &str)> = events
        .iter()
        .map(|e| (e.by.as_deref(), e.action.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (None, "token-revoke", ""),
            (None, "token-create", "Rakel: reporter"),
            (None, "disable", ""),
            (Some("a@flen.se"), "password", "changed by the account"),
            (None, "grant", "Flens kommun: coordinator"),
            (None, "create", "a@flen.se, Anna"),
        ]
    );
    assert!(
        events
            .iter()
            .all(|e| !e.detail.contains("argon2") && !e.detail.contains("digest"))
    );
}

// Migration 16 takes the resident's words out of the audit rows written before it, and
// replaces the per-account lock with the sign-in counts: accounts keep working.
#[tokio::test]
async fn audit_rows_from_before_migration_16_lose_the_residents_words() {
    let t = lofte_db::testing::fresh_database_before(15).await;
    lofte_db::testing::run_sql(
        &t,
        &[
            "INSERT INTO account (email, display_name, password_hash, disabled, failed_logins, \
             locked_until, created_at) VALUES ('anna@flen.se', 'Anna', 'h', false, 4, NULL, \
             '2026-01-01 00:00:00+00:00')",
            r#"INSERT INTO audit_log (at, municipality_code, entity, entity_id, action, before, after)
               VALUES ('2026-01-01 00:00:00+00:00', '0482', 'citizen_input', 7, 'published',
               '{"status":"pending","text":"Ring Kalle på 070-999 88 77"}',
               '{"text":"Mörkt i tunneln.","commitment":null}')"#,
            r#"INSERT INTO audit_log (at, municipality_code, entity, entity_id, action, before, after)
               VALUES ('2026-01-01 00:00:00+00:00', '0482', 'citizen_input', 8, 'hidden',
               '{"status":"pending","text":"Ring mig"}', '{"reason":"Namn och 070-111 22 33"}')"#,
            r#"INSERT INTO audit_log (at, municipality_code, entity, entity_id, action, before, after)
               VALUES ('2026-01-01 00:00:00+00:00', '0482', 'walk_finding', 3, 'create', NULL,
               '{"text":"Trasig lampa"}')"#,
        ],
    )
    .await;
    t.db.migrate().await.unwrap();
    let everything = lofte_db::testing::dump_as_text(&t.db).await;
    assert!(!everything.contains("070-999"), "{everything}");
    assert!(!everything.contains("Mörkt i tunneln"), "{everything}");
    assert!(everything.contains(r#"audit_log.before: {"status":"pending"}"#));
    assert!(everything.contains(r#"audit_log.after: {"commitment":null}"#));
    assert!(
        !everything.contains("070-111"),
        "a hiding reason may quote the input"
    );
    assert!(everything.contains(r#"audit_log.after: {"reason_given":true}"#));
    assert!(
        everything.contains("Trasig lampa"),
        "staff's own words about other things stay"
    );
    let anna = t.db.account_by_email(&email("anna@flen.se")).await.unwrap();
    assert_eq!(anna.unwrap().display_name, "Anna");
}

#[tokio::test]
async fn an_identity_providers_subject_links_to_one_account_and_is_logged() {
    let t = fresh_database().await;
    let anna =
        t.db.create_account(&email("anna@flen.se"), "Anna", "h")
            .await
            .unwrap();
    let bo =
        t.db.create_account(&email("bo@flen.se"), "Bo", "h")
            .await
            .unwrap();
    let issuer = "https://login.flen.example";
    assert!(
        t.db.account_by_identity(issuer, "s-1")
            .await
            .unwrap()
            .is_none()
    );
    t.db.link_identity(anna, issuer, "s-1", None).await.unwrap();
    let found =
        t.db.account_by_identity(issuer, "s-1")
            .await
            .unwrap()
            .unwrap();
    assert_eq!(found.id, anna);
    assert!(t.db.has_identity(anna, issuer).await.unwrap());
    assert!(
        !t.db
            .has_identity(anna, "https://other.example")
            .await
            .unwrap()
    );
    // Neither the subject nor the account can be linked a second time with this
    // provider; another provider is another matter.
    for (account, subject) in [(bo, "s-1"), (anna, "s-2")] {
        match t.db.link_identity(account, issuer, subject, None).await {
            Err(Error::Invalid(errors)) => {
                assert_eq!(errors[0].path, "subject");
                assert_eq!(errors[0].problem, Problem::IdentityLinked);
            }
            other => panic!("linked again: {other:?}"),
        }
    }
    t.db.link_identity(anna, "https://other.example", "s-1", None)
        .await
        .unwrap();
    let events = t.db.account_events().await.unwrap();
    assert_eq!(events.iter().filter(|e| e.action == "identity").count(), 2);
}
