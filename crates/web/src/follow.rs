//! Following by e-mail, without an account: the form on a promise (or a commitment, the
//! situation picture), the confirmation link (double opt-in), and the page a follower's
//! links lead to, where they change how often they are told, stop following one thing,
//! or delete everything stored about the address. The one-click unsubscribe of RFC 8058
//! is a POST to `/folj/{token}/avsluta` that needs no cookie and no same-site origin.
//!
//! Nothing here tells anyone whether an address follows something: asking again answers
//! as the first time did and sends nothing.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{ConnectInfo, Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::Utc;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use lofte_db::Visibility;
use lofte_db::follows::{Confirmed, FollowRequest, HeldFollow, PendingFollow, Requested};
use lofte_db::mail::FollowerKey;
use lofte_domain::follow::{Frequency, Target};
use lofte_domain::{Email, Year};
use lofte_i18n::Lang;
use lofte_mail::Mailer;
use lofte_mail::links::paths;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::follow_form::{frequency_choices, frequency_words};
use crate::lang::UiLang;
use crate::letters::{Parts, letter, mailer};
use crate::message::MessagePage;
use crate::pages::tenant_for;
use crate::policy::{Policy, Routes};
use crate::views::Chrome;

pub fn routes(state: AppState) -> Routes {
    use Policy::Public;
    Routes::new(state)
        .post("/kommun/{code}/folj", Public, post(request))
        .get("/folj/bekrafta/{token}", Public, get(confirm_page))
        .post("/folj/bekrafta/{token}", Public, post(confirm))
        .get("/folj/{token}", Public, get(manage))
        .post("/folj/{token}/radera", Public, post(forget))
        .get("/folj/{token}/avsluta", Public, get(unsubscribe_page))
        // The one-click unsubscribe (RFC 8058): whatever the body says, the token decides.
        .post("/folj/{token}/avsluta", Public, post(forget))
        .post("/folj/{token}/andra/{id}", Public, post(change))
}

/// Requests to follow per address and per client network, in this instance's memory.
/// A repeated request for the same thing sends nothing anyway; these stop a flood of
/// requests for many things to one address, or from one client to many addresses.
#[derive(Clone)]
pub struct FollowLimiter {
    per_address: Arc<DefaultKeyedRateLimiter<String>>,
    per_client: crate::staff::LoginLimiter,
}

impl Default for FollowLimiter {
    fn default() -> Self {
        let per_address = Quota::with_period(std::time::Duration::from_secs(600))
            .expect("non-zero period")
            .allow_burst(NonZeroU32::new(3).expect("non-zero"));
        let per_client = Quota::with_period(std::time::Duration::from_secs(60))
            .expect("non-zero period")
            .allow_burst(NonZeroU32::new(10).expect("non-zero"));
        FollowLimiter {
            per_address: Arc::new(RateLimiter::keyed(per_address)),
            per_client: crate::staff::LoginLimiter::with_quota(per_client),
        }
    }
}

impl FollowLimiter {
    /// `Err(seconds to wait)` when the address or the client asked too often.
    pub(crate) fn check(&self, address: &str, client: Option<SocketAddr>) -> Result<(), u64> {
        self.per_client.check(client)?;
        self.per_address
            .check_key(&address.to_owned())
            .map_err(|not_until| {
                let now = governor::clock::Clock::now(&governor::clock::DefaultClock::default());
                not_until.wait_time_from(now).as_secs().max(1)
            })
    }
}

/// The link page for a token that is altered, expired or spent: nothing was changed.
fn link_gone(lang: Lang, path: &str) -> Response {
    MessagePage::new(lang, path, lang.t("follow-link-gone-title"))
        .says(lang.t("follow-link-gone"))
        .link(lang.t("nav-home"), "/".into())
        .with_status(StatusCode::NOT_FOUND)
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    email: String,
    /// `promise`, `commitment` or `picture`.
    #[serde(default)]
    mal: String,
    /// The promise's year (for a promise or a commitment).
    #[serde(default)]
    ar: String,
    /// The commitment's id; empty for the whole promise.
    #[serde(default)]
    atagande: String,
    /// A place's slug (for a place).
    #[serde(default)]
    plats: String,
    #[serde(default)]
    frekvens: String,
}

/// What a follow form names, checked against what is published, with its name.
async fn followed(
    db: &lofte_db::Db,
    tenant: &lofte_db::Tenant,
    lang: Lang,
    form: &FollowForm,
) -> Result<Option<(Target, String, String)>, PageError> {
    let base = format!("/kommun/{}", tenant.municipality().code);
    match form.mal.as_str() {
        "picture" => Ok(Some((
            Target::Picture,
            lang.t_args(
                "follow-thing-picture",
                &[("municipality", tenant.municipality().name.to_string())],
            ),
            format!("{base}/lagesbild"),
        ))),
        "place" => {
            let places = db.places(&tenant.municipality().code).await?;
            Ok(places
                .iter()
                .find(|p| p.slug.as_str() == form.plats)
                .map(|p| {
                    (
                        Target::Place(p.slug.to_string()),
                        place_name(lang, tenant, p.name.as_ref()),
                        format!("{base}/synpunkter?ort={}", p.slug),
                    )
                }))
        }
        "promise" | "commitment" => {
            let Ok(year) = form.ar.parse::<Year>() else {
                return Ok(None);
            };
            let Some(stored) = tenant.promise_for_year(year, Visibility::Public).await? else {
                return Ok(None);
            };
            let path = format!("{base}/{}", stored.promise.years.first());
            let promise_name = lang.t_args(
                "follow-thing-promise",
                &[
                    ("municipality", tenant.municipality().name.to_string()),
                    ("years", stored.promise.years.to_string()),
                ],
            );
            if form.atagande.is_empty() {
                return Ok(Some((Target::Promise(stored.id), promise_name, path)));
            }
            let Some(index) = form
                .atagande
                .parse::<i32>()
                .ok()
                .and_then(|id| stored.commitment_ids.iter().position(|c| *c == id))
            else {
                return Ok(None);
            };
            let commitment = &stored.promise.commitments[index];
            Ok(Some((
                Target::Commitment(stored.commitment_ids[index]),
                lang.t_args(
                    "follow-thing-commitment",
                    &[
                        ("promise", promise_name),
                        ("commitment", commitment.text.to_string()),
                    ],
                ),
                path,
            )))
        }
        _ => Ok(None),
    }
}

async fn request(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(code): Path<String>,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<FollowForm>,
) -> Result<Response, PageError> {
    let tenant = tenant_for(&state, lang, &code).await?;
    let mailer = mailer(&state, lang)?;
    let path = format!("/kommun/{}/folj", tenant.municipality().code);
    let back = |lang: Lang| {
        (
            lang.t("follow-back"),
            format!("/kommun/{}", tenant.municipality().code),
        )
    };
    let email = Email::parse(&form.email)
        .ok()
        .filter(|e| lofte_mail::valid_address(e.as_str()));
    let Some(email) = email else {
        let (label, href) = back(lang);
        return Ok(
            MessagePage::new(lang, &path, lang.t("follow-bad-address-title"))
                .says(lang.t_args(
                    "follow-bad-address",
                    &[("address", form.email.chars().take(80).collect())],
                ))
                .link(label, href)
                .with_status(StatusCode::UNPROCESSABLE_ENTITY),
        );
    };
    let Some(frequency) = form.frekvens.parse::<Frequency>().ok() else {
        return Err(PageError::Rejected {
            lang,
            status: StatusCode::BAD_REQUEST,
        });
    };
    let Some((target, name, thing_path)) = followed(&state.db, &tenant, lang, &form).await? else {
        return Err(PageError::NotFound { lang, detail: None });
    };
    let too_many = |seconds: u64| {
        let mut page = MessagePage::new(lang, &path, lang.t("follow-too-many-title"))
            .says(crate::staff::wait_message(lang, seconds))
            .with_status(StatusCode::TOO_MANY_REQUESTS);
        page.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_str(&seconds.to_string()).expect("digits are a valid header"),
        );
        page
    };
    if let Err(seconds) = state
        .follow_limiter
        .check(email.as_str(), client.map(|Extension(c)| c.0))
    {
        return Ok(too_many(seconds));
    }
    let request = FollowRequest {
        email: email.clone(),
        lang: lang.tag().to_owned(),
        municipality: tenant.municipality().code.clone(),
        target,
        frequency,
    };
    let public = mailer.public_url().to_owned();
    let asked = state
        .db
        .request_follow(
            &request,
            |pending| confirm_letter(lang, &mailer, &public, pending, &name, frequency),
            Utc::now(),
        )
        .await?;
    match asked {
        Requested::Asked(_) => mailer.wake(),
        Requested::Already => {}
        // The day's limit of every instance together (this instance's in memory is
        // shorter): the oldest of the day's requests ages out within a day.
        Requested::TooOften => return Ok(too_many(24 * 3600)),
    }
    // The same answer whether or not the address already follows this.
    Ok(
        MessagePage::new(lang, &path, lang.t("follow-check-mail-title"))
            .says(lang.t_args(
                "follow-check-mail",
                &[("address", email.as_str().to_owned()), ("thing", name)],
            ))
            .says(lang.t("follow-check-mail-why"))
            .link(lang.t("follow-back"), thing_path)
            .with_status(StatusCode::OK),
    )
}

fn confirm_letter(
    lang: Lang,
    mailer: &Mailer,
    public: &str,
    pending: PendingFollow,
    name: &str,
    frequency: Frequency,
) -> lofte_db::mail::Letter {
    let token = mailer.links().confirm_token(pending);
    letter(
        lofte_db::follows::CONFIRM_LETTER,
        lang,
        Parts {
            subject: lang.t_args("follow-confirm-subject", &[("thing", name.to_owned())]),
            paragraphs: vec![
                lang.t_args(
                    "follow-confirm-body",
                    &[
                        ("thing", name.to_owned()),
                        ("site", public.to_owned()),
                        ("frequency", frequency_words(lang, frequency).to_lowercase()),
                    ],
                ),
                lang.t("follow-confirm-not-you"),
            ],
            items: Vec::new(),
            link: Some((
                lang.t("follow-confirm-link"),
                format!("{public}{}", paths::confirm(&token)),
            )),
        },
    )
}

async fn confirm_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let mailer = mailer(&state, lang)?;
    let path = paths::confirm(&token);
    if mailer.links().parse_confirm_token(&token).is_none() {
        return Ok(link_gone(lang, &path));
    }
    // A button, not the link itself: mail scanners open links, and must not confirm.
    Ok(
        MessagePage::new(lang, &path, lang.t("follow-confirm-title"))
            .says(lang.t("follow-confirm-intro"))
            .button(path.clone(), lang.t("follow-confirm-button"))
            .with_status(StatusCode::OK),
    )
}

async fn confirm(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let mailer = mailer(&state, lang)?;
    let path = paths::confirm(&token);
    let Some(pending) = mailer.links().parse_confirm_token(&token) else {
        return Ok(link_gone(lang, &path));
    };
    let outcome = state.db.confirm_follow(pending, Utc::now()).await?;
    let manage = state
        .db
        .follower_of(pending)
        .await?
        .map(|key| paths::manage(&mailer.links().follower_token(key)));
    let page = match outcome {
        Confirmed::Gone => return Ok(link_gone(lang, &path)),
        Confirmed::Now => MessagePage::new(lang, &path, lang.t("follow-confirmed-title"))
            .says(lang.t("follow-confirmed")),
        Confirmed::Already => MessagePage::new(lang, &path, lang.t("follow-already-title"))
            .says(lang.t("follow-already")),
    };
    let page = match manage {
        Some(href) => page.link(lang.t("follow-manage-link"), href),
        None => page,
    };
    Ok(page.with_status(StatusCode::OK))
}

/// One follow on the page of the address's links.
pub struct HeldRow {
    pub id: i32,
    pub name: String,
    pub href: String,
    pub state: String,
    pub frequencies: Vec<(String, String, bool)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_manage.html")]
pub struct ManagePage {
    chrome: Chrome,
    token: String,
    stored: Vec<String>,
    follows: Vec<HeldRow>,
}

/// What a held follow is called and where it is.
async fn held_name(state: &AppState, lang: Lang, held: &HeldFollow) -> (String, String) {
    let base = format!("/kommun/{}", held.municipality);
    let tenant = state
        .db
        .tenant_named(&held.municipality)
        .await
        .ok()
        .flatten();
    let municipality = tenant
        .as_ref()
        .map(|t| t.municipality().name.to_string())
        .unwrap_or_else(|| held.municipality.clone());
    let promise_of = async |promise: Option<i32>, commitment: Option<i32>| {
        tenant
            .as_ref()?
            .public_promise_holding(promise, commitment)
            .await
            .ok()?
    };
    match &held.target {
        Target::Picture => (
            lang.t_args("follow-thing-picture", &[("municipality", municipality)]),
            format!("{base}/lagesbild"),
        ),
        Target::Place(slug) => {
            let name = match &tenant {
                Some(t) => state
                    .db
                    .places(&t.municipality().code)
                    .await
                    .ok()
                    .and_then(|ps| {
                        ps.into_iter()
                            .find(|p| p.slug.as_str() == slug)
                            .map(|p| place_name(lang, t, p.name.as_ref()))
                    }),
                None => None,
            };
            match name {
                Some(name) => (name, format!("{base}/synpunkter?ort={slug}")),
                None => (lang.t("follow-thing-gone"), base),
            }
        }
        Target::Promise(id) => match promise_of(Some(*id), None).await {
            Some(stored) => (
                lang.t_args(
                    "follow-thing-promise",
                    &[
                        ("municipality", municipality),
                        ("years", stored.promise.years.to_string()),
                    ],
                ),
                format!("{base}/{}", stored.promise.years.first()),
            ),
            None => (lang.t("follow-thing-gone"), base),
        },
        Target::Commitment(id) => match promise_of(None, Some(*id)).await {
            Some(stored) => {
                let index = stored
                    .commitment_ids
                    .iter()
                    .position(|c| c == id)
                    .unwrap_or_default();
                (
                    lang.t_args(
                        "follow-thing-commitment",
                        &[
                            (
                                "promise",
                                lang.t_args(
                                    "follow-thing-promise",
                                    &[
                                        ("municipality", municipality),
                                        ("years", stored.promise.years.to_string()),
                                    ],
                                ),
                            ),
                            (
                                "commitment",
                                stored.promise.commitments[index].text.to_string(),
                            ),
                        ],
                    ),
                    format!("{base}/{}", stored.promise.years.first()),
                )
            }
            None => (lang.t("follow-thing-gone"), base),
        },
    }
}

fn follower_key(
    state: &AppState,
    lang: Lang,
    token: &str,
) -> Result<Option<FollowerKey>, PageError> {
    Ok(mailer(state, lang)?.links().parse_follower_token(token))
}

async fn manage(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let path = paths::manage(&token);
    let Some(key) = follower_key(&state, lang, &token)? else {
        return Ok(link_gone(lang, &path));
    };
    let Some(follower) = state.db.follower(key).await? else {
        return Ok(link_gone(lang, &path));
    };
    let date = crate::views::stockholm_date;
    let mut follows = Vec::new();
    for held in &follower.follows {
        let (name, href) = held_name(&state, lang, held).await;
        follows.push(HeldRow {
            id: held.id,
            name,
            href,
            state: match held.confirmed_at {
                Some(at) => lang.t_args("follow-held-since", &[("date", date(at))]),
                None => lang.t("follow-held-waiting"),
            },
            frequencies: frequency_choices(lang, held.frequency),
        });
    }
    let stored = vec![
        lang.t_args(
            "follow-stored-address",
            &[("address", follower.email.clone())],
        ),
        lang.t_args(
            "follow-stored-language",
            &[(
                "language",
                lang.t(if follower.lang == "en" {
                    "follow-language-en"
                } else {
                    "follow-language-sv"
                }),
            )],
        ),
        lang.t_args(
            "follow-stored-since",
            &[(
                "date",
                date(chrono::DateTime::from_timestamp(key.since, 0).unwrap_or_default()),
            )],
        ),
    ];
    Ok(ManagePage {
        chrome: Chrome::new(lang, &path, lang.t("follow-manage-title")),
        token,
        stored,
        follows,
    }
    .into_response())
}

/// Deletes the address with everything it follows: the button on its page, and the
/// one-click unsubscribe.
async fn forget(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let path = paths::manage(&token);
    let Some(key) = follower_key(&state, lang, &token)? else {
        return Ok(link_gone(lang, &path));
    };
    if !state.db.forget_follower(key).await? {
        return Ok(link_gone(lang, &path));
    }
    Ok(forgotten(lang, &path))
}

fn forgotten(lang: Lang, path: &str) -> Response {
    MessagePage::new(lang, path, lang.t("follow-forgotten-title"))
        .says(lang.t("follow-forgotten"))
        .link(lang.t("nav-home"), "/".into())
        .with_status(StatusCode::OK)
}

async fn unsubscribe_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let path = paths::unsubscribe(&token);
    let Some(key) = follower_key(&state, lang, &token)? else {
        return Ok(link_gone(lang, &path));
    };
    if state.db.follower(key).await?.is_none() {
        return Ok(link_gone(lang, &path));
    }
    Ok(
        MessagePage::new(lang, &path, lang.t("follow-unsubscribe-title"))
            .says(lang.t("follow-unsubscribe-intro"))
            .button(path.clone(), lang.t("follow-unsubscribe-button"))
            .link(lang.t("follow-manage-link"), paths::manage(&token))
            .with_status(StatusCode::OK),
    )
}

#[derive(Deserialize)]
pub struct ChangeForm {
    /// `frekvens` or `sluta`.
    #[serde(default)]
    atgard: String,
    #[serde(default)]
    frekvens: String,
}

async fn change(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((token, id)): Path<(String, i32)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    let path = paths::manage(&token);
    let Some(key) = follower_key(&state, lang, &token)? else {
        return Ok(link_gone(lang, &path));
    };
    let changed = match form.atgard.as_str() {
        "sluta" => state.db.unfollow(key, id).await?,
        "frekvens" => {
            let Ok(frequency) = form.frekvens.parse::<Frequency>() else {
                return Err(PageError::Rejected {
                    lang,
                    status: StatusCode::BAD_REQUEST,
                });
            };
            state.db.set_follow_frequency(key, id, frequency).await?
        }
        _ => {
            return Err(PageError::Rejected {
                lang,
                status: StatusCode::BAD_REQUEST,
            });
        }
    };
    if !changed {
        return Ok(link_gone(lang, &path));
    }
    if state.db.follower(key).await?.is_none() {
        return Ok(forgotten(lang, &path));
    }
    Ok(axum::response::Redirect::to(&path).into_response())
}

/// "Synpunkter och fynd i Högsjö (Vingåker)": what following a place is called.
fn place_name(lang: Lang, tenant: &lofte_db::Tenant, place: &str) -> String {
    lang.t_args(
        "follow-thing-place",
        &[
            ("place", place.to_owned()),
            ("municipality", tenant.municipality().name.to_string()),
        ],
    )
}
