//! The analysts' survey page (`/personal/kommun/{code}/trygghetsmatning`): the codebook,
//! the imports, and uploads of a codebook or a response file. An upload goes through the
//! same importer as `lofte survey import`: the whole file or nothing, every problem by
//! line and column, and the same file twice adds nothing.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::Tenant;
use lofte_db::surveys::{SurveyFile, SurveyImported};
use lofte_domain::survey::parse_codebook_json;
use lofte_domain::{FieldError, Problem, Year};
use lofte_i18n::Lang;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

pub struct ImportRow {
    pub file: String,
    pub years: String,
    pub rows: String,
    pub at: String,
    pub synthetic: bool,
    pub remove_action: String,
    pub remove_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_survey.html")]
pub struct SurveyStaffPage {
    chrome: Chrome,
    municipality: String,
    action: String,
    public_href: String,
    codebook: Option<String>,
    indicators: Vec<String>,
    imports: Vec<ImportRow>,
    /// What the last upload did, if it worked.
    done: Option<String>,
    /// Every problem of a refused upload, worded.
    problems: Vec<String>,
    problems_heading: Option<String>,
}

async fn page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    done: Option<String>,
    problems: Vec<String>,
    problems_heading: Option<String>,
) -> Result<SurveyStaffPage, PageError> {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/trygghetsmatning", m.code);
    let mut chrome = super::chrome(lang, staff, &action, lang.t("staff-survey-title"));
    chrome.mark_errors(problems_heading.is_some());
    let english = lang == Lang::En;
    let codebook = tenant.survey_codebook().await?;
    let imports = tenant.survey_imports().await?;
    Ok(SurveyStaffPage {
        municipality: m.official_name.to_string(),
        public_href: format!("/kommun/{}/trygghet", m.code),
        codebook: codebook.as_ref().map(|c| {
            lang.t_args(
                "staff-survey-codebook-summary",
                &[
                    ("title", c.title.in_lang(english).to_owned()),
                    ("items", c.items.len().to_string()),
                    ("indicators", c.indicators.len().to_string()),
                ],
            )
        }),
        indicators: codebook
            .iter()
            .flat_map(|c| &c.indicators)
            .map(|i| format!("{} ({})", i.name.in_lang(english), i.code))
            .collect(),
        imports: imports
            .into_iter()
            .map(|i| ImportRow {
                remove_label: lang.t_args(
                    "staff-survey-remove-label",
                    &[("file", i.file_name.clone().unwrap_or_default())],
                ),
                file: i.file_name.unwrap_or_else(|| "–".into()),
                years: i
                    .years
                    .iter()
                    .map(|(y, _)| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                rows: i.rows.to_string(),
                at: i
                    .imported_at
                    .with_timezone(&chrono_tz::Europe::Stockholm)
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
                synthetic: i.synthetic,
                remove_action: format!("{action}/import/{}/ta-bort", i.id),
            })
            .collect(),
        action,
        chrome,
        done,
        problems,
        problems_heading,
    })
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<SurveyStaffPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    page(lang, &staff, &tenant, None, Vec::new(), None).await
}

/// The parts of an upload form.
#[derive(Default)]
struct Upload {
    kind: String,
    file_name: Option<String>,
    bytes: Vec<u8>,
    year: String,
    /// "Replace the responses of the file's years".
    replace: bool,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, String> {
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| e.body_text())? {
        match field.name().unwrap_or_default() {
            "kind" => upload.kind = field.text().await.map_err(|e| e.body_text())?,
            "year" => upload.year = field.text().await.map_err(|e| e.body_text())?,
            "replace" => {
                upload.replace = !field.text().await.map_err(|e| e.body_text())?.is_empty();
            }
            "file" => {
                upload.file_name = field
                    .file_name()
                    .filter(|n| !n.is_empty())
                    .map(|n| n.chars().filter(|c| !c.is_control()).take(200).collect());
                upload.bytes = field.bytes().await.map_err(|e| e.body_text())?.to_vec();
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// Takes an uploaded codebook or response file.
pub async fn upload(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    multipart: Multipart,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let refused = async |heading: String, problems: Vec<String>| -> Result<Response, PageError> {
        let page = page(lang, &staff, &tenant, None, problems, Some(heading)).await?;
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    };
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err(detail) => {
            return refused(
                lang.t("staff-survey-refused"),
                vec![lang.problem(&Problem::Malformed { detail })],
            )
            .await;
        }
    };
    let name = upload.file_name.clone().unwrap_or_default();
    let heading = lang.t_args("cli-invalid-file", &[("file", name.clone())]);
    if upload.bytes.is_empty() {
        return refused(
            lang.t("staff-survey-refused"),
            vec![format!(
                "{}: {}",
                lang.t("staff-survey-file"),
                lang.problem(&Problem::Required)
            )],
        )
        .await;
    }
    let field_errors = |errors: &[FieldError]| -> Vec<String> {
        errors
            .iter()
            .map(|e| {
                if e.path.is_empty() {
                    lang.problem(&e.problem)
                } else {
                    format!("{}: {}", e.path, lang.problem(&e.problem))
                }
            })
            .collect()
    };
    let done = if upload.kind == "codebook" {
        let Ok(json) = std::str::from_utf8(&upload.bytes) else {
            return refused(
                heading,
                vec![lang.problem(&Problem::Malformed {
                    detail: "not UTF-8 text".into(),
                })],
            )
            .await;
        };
        let codebook = match parse_codebook_json(json) {
            Ok(c) => c,
            Err(errors) => return refused(heading, field_errors(&errors)).await,
        };
        match tenant.set_survey_codebook(staff.actor, &codebook).await {
            Ok(()) => {}
            Err(lofte_db::Error::Invalid(errors)) => {
                return refused(heading, field_errors(&errors)).await;
            }
            Err(e) => return Err(PageError::from(e)),
        }
        lang.t_args(
            "staff-survey-codebook-saved",
            &[
                ("items", codebook.items.len().to_string()),
                ("indicators", codebook.indicators.len().to_string()),
            ],
        )
    } else {
        let year = match upload.year.trim() {
            "" => None,
            raw => match raw
                .parse::<i32>()
                .map_err(|_| Problem::Number)
                .and_then(Year::new)
            {
                Ok(y) => Some(y),
                Err(p) => {
                    return refused(
                        lang.t("staff-survey-refused"),
                        vec![format!(
                            "{}: {}",
                            lang.t("staff-survey-year"),
                            lang.problem(&p)
                        )],
                    )
                    .await;
                }
            },
        };
        // A spreadsheet is read as the CSV of its first sheet.
        let bytes = if lofte_db::surveys::is_xlsx(&upload.bytes) {
            match lofte_db::surveys::xlsx_to_csv(&upload.bytes) {
                Ok(csv) => csv,
                Err(p) => {
                    return refused(lang.t("staff-survey-refused"), vec![lang.problem(&p)]).await;
                }
            }
        } else {
            upload.bytes.clone()
        };
        // A file may hold several municipalities' rows (an analyst of a local police
        // area): each goes to its municipality, if the analyst may import there.
        let result = state
            .db
            .import_regional_survey_csv(
                staff.actor,
                bytes.as_slice(),
                SurveyFile {
                    name: upload.file_name.clone(),
                    year,
                    synthetic: false,
                    replace: upload.replace,
                    check_only: false,
                },
                |code| {
                    staff
                        .principal
                        .may(lofte_domain::Permission::ManageSurveys, code)
                },
            )
            .await?;
        let said = |imported: &SurveyImported| match imported {
            SurveyImported::Added { rows, years, .. } => lang.t_args(
                "cli-survey-imported",
                &[
                    ("rows", rows.to_string()),
                    (
                        "years",
                        years
                            .iter()
                            .map(|(y, n)| format!("{y}: {n}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            ),
            SurveyImported::AlreadyThere { rows, import_id } => lang.t_args(
                "cli-survey-already",
                &[
                    ("rows", rows.to_string()),
                    ("import", import_id.to_string()),
                ],
            ),
        };
        match result {
            Ok(done) => {
                let only_here = done.len() == 1 && done[0].0 == tenant.municipality().code;
                done.iter()
                    .map(|(code, imported)| {
                        if only_here {
                            said(imported)
                        } else {
                            format!("{code}: {}", said(imported))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            Err(errors) => {
                let listed = super::forms::file_problems(lang, &errors);
                return refused(heading, listed).await;
            }
        }
    };
    let page = page(lang, &staff, &tenant, Some(done), Vec::new(), None).await?;
    Ok(page.into_response())
}

/// Removes an import, to replace a file that was wrong.
pub async fn remove(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    match tenant.remove_survey_import(staff.actor, id).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "/personal/kommun/{}/trygghetsmatning",
            tenant.municipality().code
        ))
        .into_response()),
        Err(lofte_db::Error::NotFound) => Err(PageError::NotFound { lang, detail: None }),
        Err(e) => Err(PageError::from(e)),
    }
}
