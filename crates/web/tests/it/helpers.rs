use lofte_db::OrganisationRef;
use lofte_db::testing::{TestDatabase, fresh_database};
use lofte_domain::{Email, MunicipalityCode, Role};
use lofte_web::AppState;
use scraper::{Html, Selector};

/// The password of every account [`staff_of`] makes.
pub const STAFF_PASSWORD: &str = "ett långt lösenord för test";

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database: TestDatabase,
}

/// Starts the application on a free port with a fresh database holding the Flen demo.
pub async fn spawn_app() -> TestApp {
    let database = fresh_database().await;
    lofte_db::demo::load_flen(&database.db)
        .await
        .expect("load the Flen demo");
    let address = serve(database.db.clone()).await;
    TestApp {
        address,
        client: client(),
        database,
    }
}

/// Serves the application on a free port over `db`; returns its base URL. Several
/// servers over one database behave like instances behind a load balancer.
pub async fn serve(db: lofte_db::Db) -> String {
    serve_state(AppState::new(db)).await
}

/// Serves the application with `state` (e.g. other survey rules) on a free port.
pub async fn serve_state(state: AppState) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let app =
        lofte_web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server runs");
    });
    address
}

/// A client that does not follow redirects (tests look at them) and keeps no cookies
/// unless asked to.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request succeeds")
    }

    /// GET with the language cookie the switch sets.
    pub async fn get_in(&self, lang: &str, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("Cookie", format!("lofte_lang={lang}"))
            .send()
            .await
            .expect("request succeeds")
    }

    pub async fn page(&self, path: &str) -> Html {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        Html::parse_document(&response.text().await.unwrap())
    }

    /// A page as a signed-in user (`cookie` from `staff::sign_in`) sees it.
    pub async fn page_as(&self, path: &str, cookie: &str) -> Html {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .header("Cookie", cookie)
            .send()
            .await
            .expect("request succeeds");
        assert_eq!(response.status(), 200, "GET {path}");
        Html::parse_document(&response.text().await.unwrap())
    }
}

pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The commitments on a promise page, per party heading, in page order.
pub fn commitments_by_party(html: &Html) -> Vec<(String, Vec<String>)> {
    let section = Selector::parse("section.party").unwrap();
    let heading = Selector::parse("h3").unwrap();
    let text = Selector::parse("li.commitment > p:first-child").unwrap();
    html.select(&section)
        .map(|s| {
            let h = s
                .select(&heading)
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let items = s
                .select(&text)
                .map(|p| p.text().collect::<String>())
                .collect();
            (h, items)
        })
        .collect()
}

/// What the first form in `main` would send as it stands: its inputs (ticked boxes
/// only), text areas and chosen options, in document order.
pub fn form_values(html: &Html) -> Vec<(String, String)> {
    let fields =
        Selector::parse("main form input[name], main form textarea[name], main form select[name]")
            .unwrap();
    let option = Selector::parse("option[selected]").unwrap();
    let mut values = Vec::new();
    for e in html.select(&fields) {
        let v = e.value();
        let name = v.attr("name").unwrap().to_owned();
        let value = match v.name() {
            "textarea" => e.text().collect(),
            "select" => e
                .select(&option)
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or_default()
                .to_owned(),
            _ => {
                let ticked = matches!(v.attr("type"), Some("checkbox" | "radio"));
                if ticked && v.attr("checked").is_none() {
                    continue;
                }
                v.attr("value").unwrap_or_default().to_owned()
            }
        };
        values.push((name, value));
    }
    values
}

/// `values` with each of `changes` set (added when missing).
pub fn with(mut values: Vec<(String, String)>, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    for (name, value) in changes {
        match values.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => values.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    values
}

/// Creates an account with `role` in `org` and returns its e-mail and password.
pub async fn account(
    app: &TestApp,
    email: &str,
    org: OrganisationRef,
    role: Role,
) -> (String, String) {
    let db = &app.database.db;
    let password = "ett långt lösenord för test".to_owned();
    let hash = lofte_app::secrets::hash_password(password.clone()).await;
    let id = db
        .create_account(&Email::parse(email).unwrap(), email, &hash)
        .await
        .unwrap();
    let org = db.organisation(&org).await.unwrap();
    db.grant(id, org, role).await.unwrap();
    (email.to_owned(), password)
}

pub fn flen() -> OrganisationRef {
    OrganisationRef::Municipality(MunicipalityCode::parse("0482").unwrap())
}

/// The session cookie after signing in, or the failed response.
pub async fn sign_in(base: &str, email: &str, password: &str) -> Result<String, reqwest::Response> {
    let response = client()
        .post(format!("{base}/logga-in"))
        .form(&[
            ("email", email),
            ("password", password),
            ("nasta", "/personal"),
        ])
        .send()
        .await
        .unwrap();
    if response.status() != 303 {
        return Err(response);
    }
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lofte_session="))
        .expect("a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    Ok(cookie)
}

pub async fn post_form(
    base: &str,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client()
        .post(format!("{base}{path}"))
        .header("Cookie", cookie)
        .header("Origin", base)
        .form(form)
        .send()
        .await
        .unwrap()
}

impl TestApp {
    /// A new account with `role` in `org`, signed in through the form: its session
    /// cookie. Each call makes an account of its own.
    pub async fn signed_in_as(&self, role: Role, org: OrganisationRef) -> String {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let email = format!("{}-{n}@test.example", format!("{role:?}").to_lowercase());
        let (email, password) = account(self, &email, org, role).await;
        sign_in(&self.address, &email, &password).await.unwrap()
    }
}

/// A message as a mail client reads it.
#[derive(Debug, Clone)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
    pub content_language: Option<String>,
}

impl Received {
    /// The first address in the text that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.links(prefix).into_iter().next()
    }

    /// Every address in the text that starts with `prefix`.
    pub fn links(&self, prefix: &str) -> Vec<String> {
        self.text
            .split_whitespace()
            .filter(|w| w.starts_with(prefix))
            .map(|w| w.trim_end_matches(['.', ',', ')']).to_owned())
            .collect()
    }
}

/// The messages the file mailer wrote into `dir`, oldest first.
pub fn read_mailbox(dir: &std::path::Path) -> Vec<Received> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    files.sort_by_key(|p| {
        p.file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or_default()
    });
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let message = mail_parser::MessageParser::default().parse(&bytes).unwrap();
            let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_owned());
            Received {
                to: message
                    .to()
                    .and_then(|a| a.first())
                    .and_then(|a| a.address())
                    .unwrap_or_default()
                    .to_owned(),
                subject: message.subject().unwrap_or_default().to_owned(),
                text: message.body_text(0).unwrap_or_default().into_owned(),
                html: message.body_html(0).unwrap_or_default().into_owned(),
                message_id: message.message_id().unwrap_or_default().to_owned(),
                list_unsubscribe: header("List-Unsubscribe"),
                list_unsubscribe_post: header("List-Unsubscribe-Post"),
                content_language: header("Content-Language"),
            }
        })
        .collect()
}

/// A server that writes its e-mail into a folder: the mailer (tests send what is due with
/// `lofte_mail::send_due`, so they decide when) and the folder.
pub struct Mail {
    pub mailer: std::sync::Arc<lofte_mail::Mailer>,
    pub dir: tempfile::TempDir,
}

impl Mail {
    /// Sends everything due and returns every message written so far.
    pub async fn deliver(&self, db: &lofte_db::Db) -> Vec<Received> {
        lofte_mail::send_due(db, &self.mailer).await.unwrap();
        read_mailbox(self.dir.path())
    }
}

/// HTML as a browser parses it.
pub fn page(body: &str) -> Html {
    Html::parse_document(body)
}

/// The page at `base` + `path` as a browser gets it (with a staff member's `cookie`): its
/// status and its parsed HTML.
pub async fn fetch_page(base: &str, cookie: Option<&str>, path: &str) -> (u16, Html) {
    let mut request = client().get(format!("{base}{path}"));
    if let Some(c) = cookie {
        request = request.header("Cookie", c);
    }
    let r = request.send().await.unwrap();
    (r.status().as_u16(), page(&r.text().await.unwrap()))
}

/// Confirms a follow as the button behind the link in `message` does, and checks that
/// it was confirmed.
pub async fn confirm_by_link(base: &str, message: &Received) {
    let confirm = message
        .link(&format!("{base}/folj/bekrafta/"))
        .expect("a confirmation link");
    let confirmed = client()
        .post(&confirm)
        .header("Origin", base)
        .send()
        .await
        .unwrap();
    assert_eq!(confirmed.status(), 200);
}

/// Serves `db` on a free port with a file mailer whose links lead to that port.
pub async fn serve_with_mail(db: lofte_db::Db) -> (String, Mail) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mailer = std::sync::Arc::new(
        lofte_mail::Mailer::new(
            lofte_mail::Transport::Files(dir.path().to_owned()),
            "Löfte <noreply@test.example>",
            &address,
            lofte_mail::LinkKey::load(&db).await.unwrap(),
        )
        .unwrap(),
    );
    let state = AppState::new(db).with_mailer(mailer.clone());
    let app =
        lofte_web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move {
        axum::serve(listener, app).await.expect("server runs");
    });
    (address, Mail { mailer, dir })
}

/// A new account with `role` in municipality `code` (an administrator: in the
/// installation), signed in on `base`: the session cookie.
pub async fn staff_of(
    db: &lofte_db::Db,
    base: &str,
    email: &str,
    code: &str,
    role: Role,
) -> String {
    let hash = lofte_app::secrets::hash_password(STAFF_PASSWORD.into()).await;
    let id = db
        .create_account(&Email::parse(email).unwrap(), email, &hash)
        .await
        .unwrap();
    let org = match role {
        Role::Admin => db.installation_organisation().await.unwrap(),
        _ => db
            .organisation(&OrganisationRef::Municipality(
                MunicipalityCode::parse(code).unwrap(),
            ))
            .await
            .unwrap(),
    };
    db.grant(id, org, role).await.unwrap();
    sign_in(base, email, STAFF_PASSWORD).await.unwrap()
}
