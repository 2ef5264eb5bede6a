//! Forgotten password: a link by e-mail, valid once and for [`VALID_FOR`], that sets a
//! new password and so ends every other session of the account (sessions carry the
//! password hash they were made with).
//!
//! The page answers the same whether or not an account has the address, and requests
//! are limited per address and per client, as following is.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{ConnectInfo, Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use chrono::Utc;
use lofte_app::secrets::{generate_link_secret, hash_password, token_digest};
use lofte_domain::{Email, FieldError, Problem};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{Field, SummaryItem, place_errors};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::letters::{Parts, letter, mailer};
use crate::message::MessagePage;
use crate::views::Chrome;

/// How long a reset link works.
pub const VALID_FOR: chrono::Duration = chrono::Duration::minutes(30);

#[derive(Template, WebTemplate)]
#[template(path = "password_forgot.html")]
pub struct ForgotPage {
    chrome: Chrome,
    email: Field,
    summary: Vec<SummaryItem>,
    sent: bool,
}

fn forgot_page(lang: Lang, email: &str) -> ForgotPage {
    ForgotPage {
        chrome: Chrome::new(lang, "/logga-in/glomt", lang.t("reset-title")),
        email: Field::new(lang, "email", email).autocomplete("username"),
        summary: Vec::new(),
        sent: false,
    }
}

pub async fn forgot(UiLang(lang): UiLang) -> ForgotPage {
    forgot_page(lang, "")
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

pub async fn request(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<ForgotForm>,
) -> Result<Response, PageError> {
    let mailer = mailer(&state, lang)?;
    let mut page = forgot_page(lang, &form.email);
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            page.summary = place_errors(
                lang,
                &[FieldError::new("email", problem)],
                &mut [&mut page.email],
                |path| (path == "email").then_some("email"),
            );
            page.chrome.mark_errors(true);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if let Err(seconds) = state
        .follow_limiter
        .check(email.as_str(), client.map(|Extension(c)| c.0))
    {
        let mut response = MessagePage::new(lang, "/logga-in/glomt", lang.t("reset-title"))
            .says(super::wait_message(lang, seconds))
            .with_status(StatusCode::TOO_MANY_REQUESTS);
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_str(&seconds.to_string()).expect("digits are a valid header"),
        );
        return Ok(response);
    }
    let secret = generate_link_secret();
    let now = Utc::now();
    let link = format!("{}/logga-in/nytt-losenord/{secret}", mailer.public_url());
    let letter = letter(
        "password_reset",
        lang,
        Parts {
            subject: lang.t("reset-mail-subject"),
            paragraphs: vec![lang.t("reset-mail-body"), lang.t("reset-mail-not-you")],
            items: Vec::new(),
            link: Some((lang.t("reset-mail-link"), link)),
        },
    );
    let queued = state
        .db
        .request_password_reset(
            &email,
            &token_digest(&secret),
            now + VALID_FOR,
            &letter,
            now,
        )
        .await?;
    if queued {
        mailer.wake();
    }
    // The same page whether or not an account has the address.
    page.sent = true;
    Ok(page.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "password_reset.html")]
pub struct ResetPage {
    chrome: Chrome,
    intro: String,
    action: String,
    new_password: Field,
    repeat: Field,
    summary: Vec<SummaryItem>,
}

fn reset_page(lang: Lang, secret: &str, email: &str) -> ResetPage {
    let action = format!("/logga-in/nytt-losenord/{secret}");
    ResetPage {
        chrome: Chrome::new(lang, "/logga-in/glomt", lang.t("reset-new-title")),
        intro: lang.t_args("reset-new-intro", &[("email", email.to_owned())]),
        action,
        new_password: Field::new(lang, "new_password", "").autocomplete("new-password"),
        repeat: Field::new(lang, "repeat_password", "").autocomplete("new-password"),
        summary: Vec::new(),
    }
}

fn link_spent(lang: Lang) -> Response {
    MessagePage::new(lang, "/logga-in/glomt", lang.t("reset-gone-title"))
        .says(lang.t("reset-gone"))
        .link(lang.t("reset-ask-again"), "/logga-in/glomt".into())
        .with_status(StatusCode::NOT_FOUND)
}

pub async fn reset_form(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(secret): Path<String>,
) -> Result<Response, PageError> {
    match state
        .db
        .password_reset_account(&token_digest(&secret), Utc::now())
        .await?
    {
        Some(email) => Ok(reset_page(lang, &secret, &email).into_response()),
        None => Ok(link_spent(lang)),
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat_password: String,
}

pub async fn reset(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(secret): Path<String>,
    Form(form): Form<ResetForm>,
) -> Result<Response, PageError> {
    let digest = token_digest(&secret);
    let Some(email) = state.db.password_reset_account(&digest, Utc::now()).await? else {
        return Ok(link_spent(lang));
    };
    let mut errors = Vec::new();
    if let Err(p) = lofte_domain::access::check_new_password(&form.new_password) {
        errors.push(FieldError::new("new_password", p));
    } else if form.new_password != form.repeat_password {
        errors.push(FieldError::new("repeat_password", Problem::Mismatch));
    }
    if !errors.is_empty() {
        let mut page = reset_page(lang, &secret, &email);
        page.summary = place_errors(
            lang,
            &errors,
            &mut [&mut page.new_password, &mut page.repeat],
            |path| match path {
                "new_password" => Some("new_password"),
                "repeat_password" => Some("repeat_password"),
                _ => None,
            },
        );
        page.chrome.mark_errors(true);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = hash_password(form.new_password).await;
    if !state.db.reset_password(&digest, &hash, Utc::now()).await? {
        return Ok(link_spent(lang));
    }
    Ok(
        MessagePage::new(lang, "/logga-in/glomt", lang.t("reset-done-title"))
            .says(lang.t("reset-done"))
            .link(lang.t("login-title"), "/logga-in".into())
            .with_status(StatusCode::OK),
    )
}
