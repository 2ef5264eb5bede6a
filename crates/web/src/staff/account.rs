//! Signing in and out, and changing one's password.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Extension, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use lofte_db::SignInKey;
use lofte_domain::{FieldError, Problem};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{Field, SummaryItem, place_errors};
use crate::AppState;
use crate::auth::{AuthSession, Credentials, hash_password, verify_password};
use crate::error::PageError;
use crate::lang::{UiLang, is_local_path};
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    chrome: Chrome,
    email: Field,
    password: Field,
    next: String,
    message: Option<String>,
    /// Sign-in through the organisation's identity provider, when configured: the
    /// button's words and where it goes.
    organisation: Option<(String, String)>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    pub(crate) nasta: Option<String>,
}

pub(crate) fn safe_next(next: Option<String>) -> String {
    next.filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/personal".to_owned())
}

pub(crate) fn login_form(
    state: &AppState,
    lang: Lang,
    email: &str,
    next: String,
    message: Option<String>,
) -> LoginPage {
    let organisation = state.oidc.as_ref().map(|oidc| {
        (
            oidc.settings
                .label
                .clone()
                .unwrap_or_else(|| lang.t("login-organisation")),
            format!(
                "/logga-in/oidc/start?nasta={}",
                crate::views::encode_path(&next)
            ),
        )
    });
    LoginPage {
        chrome: Chrome::new(lang, "/logga-in", lang.t("login-title")),
        email: Field::new(lang, "email", email),
        password: Field::new(lang, "password", ""),
        next,
        message,
        organisation,
    }
}

pub async fn login_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Query(q): Query<NextQuery>,
) -> LoginPage {
    login_form(&state, lang, "", safe_next(q.nasta), None)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    nasta: Option<String>,
}

/// "För många försök. Vänta N minuter och försök igen."
pub(crate) fn wait_message(lang: Lang, seconds: u64) -> String {
    let minutes = seconds.div_ceil(60);
    lang.t_args("login-too-many", &[("minutes", minutes.to_string())])
}

fn too_many(page: LoginPage, seconds: u64) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from_str(&seconds.to_string()).expect("digits are a valid header"),
    );
    response
}

pub async fn login(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    client: Option<Extension<ConnectInfo<SocketAddr>>>,
    mut auth: AuthSession,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.nasta);
    if let Err(seconds) = state.login_limiter.check(client.map(|Extension(c)| c.0)) {
        let page = login_form(
            &state,
            lang,
            &form.email,
            next,
            Some(wait_message(lang, seconds)),
        );
        return Ok(too_many(page, seconds));
    }
    // Counted before the password is checked, per e-mail address typed and client alike
    // whether or not an account has the address (lofte_db::SignInKey says why).
    let client_ip = client.map(|Extension(c)| c.0.ip());
    let key = SignInKey::new(&form.email, client_ip);
    if let Some(seconds) = state
        .db
        .reserve_sign_in_attempt(&key, Utc::now().timestamp())
        .await?
    {
        let seconds = u64::try_from(seconds).unwrap_or(1);
        let page = login_form(
            &state,
            lang,
            &form.email,
            next,
            Some(wait_message(lang, seconds)),
        );
        return Ok(too_many(page, seconds));
    }
    let user = auth
        .authenticate(Credentials {
            email: form.email.clone(),
            password: form.password,
        })
        .await
        .map_err(|e| PageError::Internal {
            lang,
            cause: e.to_string(),
        })?;
    let Some(user) = user else {
        // The same answer whether the e-mail or the password was wrong.
        let page = login_form(
            &state,
            lang,
            &form.email,
            next,
            Some(lang.t("login-failed")),
        );
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };
    sign_in(&mut auth, &user, lang).await?;
    state.db.forget_sign_in_attempts(&key).await?;
    Ok(Redirect::to(&next).into_response())
}

/// Signs `user` in on this session under a new session id, whatever the session held
/// before: axum-login renews the id only for a session nobody was signed in on, so
/// whoever planted a cookie in a signed-in browser would otherwise share the next
/// sign-in.
pub(crate) async fn sign_in(
    auth: &mut AuthSession,
    user: &crate::auth::StaffUser,
    lang: Lang,
) -> Result<(), PageError> {
    let internal = |cause: String| PageError::Internal { lang, cause };
    auth.login(user)
        .await
        .map_err(|e| internal(e.to_string()))?;
    auth.session
        .cycle_id()
        .await
        .map_err(|e| internal(e.to_string()))
}

pub async fn logout(UiLang(lang): UiLang, mut auth: AuthSession) -> Result<Redirect, PageError> {
    auth.logout().await.map_err(|e| PageError::Internal {
        lang,
        cause: e.to_string(),
    })?;
    Ok(Redirect::to("/"))
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub struct AccountPage {
    chrome: Chrome,
    name: String,
    email: String,
    current: Field,
    new_password: Field,
    repeat: Field,
    summary: Vec<SummaryItem>,
    saved: bool,
    /// Whether the person gets the weekly reminder, and what was just saved.
    weekly_reminder: bool,
    reminder_saved: Option<String>,
}

fn account_page_for(lang: Lang, staff: &Staff, weekly_reminder: bool) -> AccountPage {
    let user = staff.user.as_ref().expect("signed-in routes have a user");
    AccountPage {
        chrome: Chrome::new(lang, "/personal/konto", lang.t("account-title")).signed_in(&user.name),
        name: user.name.clone(),
        email: user.email.clone(),
        current: Field::new(lang, "current_password", "").autocomplete("current-password"),
        new_password: Field::new(lang, "new_password", "").autocomplete("new-password"),
        repeat: Field::new(lang, "repeat_password", "").autocomplete("new-password"),
        summary: Vec::new(),
        saved: false,
        weekly_reminder,
        reminder_saved: None,
    }
}

/// The signed-in person's own account.
async fn own_account(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
) -> Result<lofte_db::Account, PageError> {
    let user = staff.user.as_ref().ok_or(PageError::Forbidden { lang })?;
    state
        .db
        .account(user.id)
        .await?
        .ok_or(PageError::Forbidden { lang })
}

pub async fn account_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
) -> Result<AccountPage, PageError> {
    let account = own_account(&state, lang, &staff).await?;
    Ok(account_page_for(lang, &staff, account.weekly_reminder))
}

#[derive(Deserialize)]
pub struct ReminderForm {
    /// A checkbox: present when ticked.
    #[serde(default)]
    weekly_reminder: Option<String>,
}

/// Turns the weekly reminder on or off.
pub async fn set_reminder(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Form(form): Form<ReminderForm>,
) -> Result<AccountPage, PageError> {
    let account = own_account(&state, lang, &staff).await?;
    let on = form.weekly_reminder.is_some();
    state.db.set_weekly_reminder(account.id, on).await?;
    let mut page = account_page_for(lang, &staff, on);
    page.reminder_saved = Some(lang.t(if on {
        "account-reminder-on"
    } else {
        "account-reminder-off"
    }));
    Ok(page)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    repeat_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    mut auth: AuthSession,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let Some(user) = staff.user.clone() else {
        return Err(PageError::Forbidden { lang });
    };
    let account = own_account(&state, lang, &staff).await?;
    let mut errors = Vec::new();
    if !verify_password(form.current_password, account.password_hash).await {
        errors.push(FieldError::new("current_password", Problem::WrongPassword));
    }
    if let Err(p) = lofte_domain::access::check_new_password(&form.new_password) {
        errors.push(FieldError::new("new_password", p));
    } else if form.new_password != form.repeat_password {
        errors.push(FieldError::new("repeat_password", Problem::Mismatch));
    }
    let mut page = account_page_for(lang, &staff, account.weekly_reminder);
    if !errors.is_empty() {
        page.summary = place_errors(
            lang,
            &errors,
            &mut [&mut page.current, &mut page.new_password, &mut page.repeat],
            |path| match path {
                "current_password" => Some("current_password"),
                "new_password" => Some("new_password"),
                "repeat_password" => Some("repeat_password"),
                _ => None,
            },
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = hash_password(form.new_password).await;
    state.db.change_own_password(user.id, &hash).await?;
    // The session is bound to the old hash; sign in again on this one so the person
    // stays signed in here while every other session of the account ends.
    if let Some(fresh) = auth
        .backend
        .clone()
        .get_user_by_id(user.id)
        .await
        .map_err(|e| PageError::Internal {
            lang,
            cause: e.to_string(),
        })?
    {
        sign_in(&mut auth, &fresh, lang).await?;
    }
    page.saved = true;
    Ok(page.into_response())
}
