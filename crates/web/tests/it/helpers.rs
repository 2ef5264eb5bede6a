use lofte_db::testing::{TestDatabase, fresh_database};
use lofte_web::AppState;
use scraper::{Html, Selector};

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
