//! The authorization matrix: every state-changing route in the route table, for every
//! role, in the role's own municipality and in another one.

use lofte_domain::{MunicipalityCode, Permission, Role};
use lofte_web::policy::Policy;

use crate::helpers::{account, flen, sign_in};
use crate::helpers::{client, spawn_app};

/// Who a request comes from in the matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anonymous,
    Member(Role),
}

fn expected_allowed(policy: Policy, who: Who, own: bool) -> bool {
    match (policy, who) {
        (Policy::Public, _) => true,
        (_, Who::Anonymous) => false,
        (Policy::SignedIn, Who::Member(_)) => true,
        (Policy::InMunicipality(p), Who::Member(role)) => {
            role.allows(p) && (own || role == Role::Admin)
        }
    }
}

#[tokio::test]
async fn every_state_changing_route_against_every_role_here_and_elsewhere() {
    let app = spawn_app().await;
    let db = &app.database.db;
    let table = lofte_web::route_table(lofte_web::AppState::new(db.clone()));
    let mut changing: Vec<_> = table.iter().filter(|r| r.method != "GET").collect();
    // Signing out ends the session the other requests use: do it last.
    changing.sort_by_key(|r| r.path == "/logga-ut");
    assert!(changing.len() >= 7, "{changing:?}");

    let stored = db
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
    let commitment = stored.commitment_ids[0].to_string();

    // A session (pages) and an API token (API) for every role; admins belong to the
    // installation, everyone else to Flens kommun.
    let mut principals = vec![(Who::Anonymous, None, None)];
    for role in Role::ALL {
        let email = format!("{}@flen.se", role.as_str());
        let (email, password) = if role == Role::Admin {
            admin(&app, &email).await
        } else {
            account(&app, &email, flen(), role).await
        };
        let cookie = sign_in(&app.address, &email, &password).await.unwrap();
        let token = lofte_app::secrets::generate_token();
        let token_org = if role == Role::Admin {
            db.installation_organisation().await.unwrap()
        } else {
            db.organisation(&flen()).await.unwrap()
        };
        db.create_api_token(
            token_org,
            role,
            role.as_str(),
            &lofte_app::secrets::token_digest(&token),
        )
        .await
        .unwrap();
        principals.push((Who::Member(role), Some(cookie), Some(token)));
    }

    let mut checked = 0;
    let mut failures = Vec::new();
    for route in &changing {
        for (who, cookie, token) in &principals {
            let places: &[(&str, bool)] = if route.path.contains("{code}") {
                &[("0482", true), ("0483", false)]
            } else {
                &[("0482", true)]
            };
            for &(code, own) in places {
                let path = route
                    .path
                    .replace("{code}", code)
                    .replace("{year}", "2021")
                    .replace("{id}", &commitment);
                let api = path.starts_with("/api/");
                let mut request = client()
                    .request(route.method.clone(), format!("{}{path}", app.address))
                    .header("Origin", &app.address);
                request = if api {
                    request
                        .header("Content-Type", "application/json")
                        .body("{}")
                } else {
                    request
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body("")
                };
                match (api, cookie, token) {
                    (true, _, Some(token)) => request = request.bearer_auth(token),
                    (false, Some(cookie), _) => request = request.header("Cookie", cookie),
                    _ => {}
                }
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                let denied = status == 403
                    || (api && status == 401)
                    || (!api && status == 303 && location.starts_with("/logga-in"));
                let expected = expected_allowed(route.policy, *who, own);
                if denied == expected {
                    failures.push(format!(
                        "{} {path} as {who:?}: {status} {location}, expected {}",
                        route.method,
                        if expected { "allowed" } else { "denied" }
                    ));
                }
                checked += 1;
            }
        }
    }
    let scoped = changing
        .iter()
        .filter(|r| r.path.contains("{code}"))
        .count();
    println!(
        "authorization matrix: {} state-changing routes ({scoped} scoped to a municipality, tried in its own and another) × {} principals = {checked} requests",
        changing.len(),
        principals.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, (changing.len() + scoped) * principals.len());

    // Nothing the matrix sent changed Flen's promise: the refused requests were refused,
    // and the allowed ones carried no valid change.
    let history = db
        .tenant(&MunicipalityCode::parse("0482").unwrap())
        .await
        .unwrap()
        .unwrap()
        .history(stored.id)
        .await
        .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["create"]
    );
}

/// An administrator of the whole installation.
async fn admin(app: &crate::helpers::TestApp, email: &str) -> (String, String) {
    let db = &app.database.db;
    let password = "ett långt lösenord för test".to_owned();
    let hash = lofte_app::secrets::hash_password(password.clone()).await;
    let id = db
        .create_account(&lofte_domain::Email::parse(email).unwrap(), email, &hash)
        .await
        .unwrap();
    let installation = db.installation_organisation().await.unwrap();
    db.grant(id, installation, Role::Admin).await.unwrap();
    (email.to_owned(), password)
}

#[tokio::test]
async fn every_route_declares_a_policy() {
    // Routes can only be added through `policy::Routes`, which requires a policy. A
    // `.route(` anywhere else in the web crate would bypass it.
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut offenders = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(src)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().unwrap() != "policy.rs" {
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in [
                    ".route(",
                    ".route_service(",
                    "Router::new()",
                    ".nest_service(",
                ] {
                    if text.contains(needle) {
                        offenders.push(format!("{}: {needle}", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "routes outside policy::Routes: {offenders:?}"
    );
    let app = spawn_app().await;
    let table = lofte_web::route_table(lofte_web::AppState::new(app.database.db.clone()));
    let undeclared: Vec<_> = table
        .iter()
        .filter(|r| r.path.contains("/personal") && r.policy == Policy::Public)
        .collect();
    assert!(
        undeclared.is_empty(),
        "staff routes must not be public: {undeclared:?}"
    );
    assert!(
        table
            .iter()
            .any(|r| r.policy == Policy::InMunicipality(Permission::PublishPromise))
    );
}
