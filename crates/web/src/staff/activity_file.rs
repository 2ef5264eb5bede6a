//! Logged work from a file in the staff area (`/personal/kommun/{code}/logga/fil`): the
//! CSV another system exports or a spreadsheet saves (docs/activity-csv.md), all or
//! nothing, every problem by line and column. Places the file names that the
//! municipality lacks are listed with a link that adds each one.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use lofte_domain::Problem;
use lofte_i18n::Lang;

use super::chrome;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "staff_activity_file.html")]
pub struct ActivityFilePage {
    chrome: Chrome,
    action: String,
    log_href: String,
    done: Option<String>,
    problems: Vec<String>,
    /// Places the file names that the municipality does not have: (name, where to add
    /// it, for those who may).
    unknown_places: Vec<(String, Option<String>)>,
}

fn page(
    lang: Lang,
    staff: &Staff,
    code: &str,
    done: Option<String>,
    problems: Vec<String>,
    unknown_places: Vec<(String, Option<String>)>,
) -> ActivityFilePage {
    let action = format!("/personal/kommun/{code}/logga/fil");
    let mut chrome = chrome(lang, staff, &action, lang.t("activity-file-title"));
    if !problems.is_empty() {
        chrome.title = lang.t_args("title-with-errors", &[("title", chrome.title.clone())]);
    }
    ActivityFilePage {
        chrome,
        log_href: format!("/personal/kommun/{code}/logga"),
        action,
        done,
        problems,
        unknown_places,
    }
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<ActivityFilePage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    Ok(page(
        lang,
        &staff,
        tenant.municipality().code.as_str(),
        None,
        Vec::new(),
        Vec::new(),
    ))
}

pub async fn upload(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let code = tenant.municipality().code.to_string();
    let refused = |problems: Vec<String>, unknown: Vec<(String, Option<String>)>| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            page(lang, &staff, &code, None, problems, unknown),
        )
            .into_response()
    };
    let mut bytes = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(b) => bytes = b.to_vec(),
                Err(e) => {
                    let detail = e.body_text();
                    return Ok(refused(
                        vec![lang.problem(&Problem::Malformed { detail })],
                        Vec::new(),
                    ));
                }
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                let detail = e.body_text();
                return Ok(refused(
                    vec![lang.problem(&Problem::Malformed { detail })],
                    Vec::new(),
                ));
            }
        }
    }
    if bytes.is_empty() {
        return Ok(refused(vec![lang.t("activity-file-none")], Vec::new()));
    }
    let result = tenant
        .import_activities_csv(staff.actor, bytes.as_slice())
        .await
        .map_err(PageError::internal(lang))?;
    match result {
        Ok(summary) => Ok(page(
            lang,
            &staff,
            &code,
            Some(lang.t_args(
                "cli-activities-imported",
                &[
                    ("added", summary.added.to_string()),
                    ("present", summary.already_there.to_string()),
                ],
            )),
            Vec::new(),
            Vec::new(),
        )
        .into_response()),
        Err(errors) => {
            let may_add = staff.principal.may(
                lofte_domain::Permission::EditPromise,
                &tenant.municipality().code,
            );
            let mut unknown: Vec<(String, Option<String>)> = Vec::new();
            for e in &errors {
                if let Problem::UnknownPlace { value } = &e.problem
                    && !unknown.iter().any(|(name, _)| name == value)
                {
                    let query =
                        serde_urlencoded::to_string([("name", value.as_str())]).unwrap_or_default();
                    unknown.push((
                        value.clone(),
                        may_add.then(|| format!("/personal/kommun/{code}/platser/ny?{query}")),
                    ));
                }
            }
            let problems = super::forms::file_problems(lang, &errors);
            Ok(refused(problems, unknown))
        }
    }
}
