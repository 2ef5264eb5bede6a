//! The tertial analysis (`…/lagesbild/analyser`): the coordinator writes what a
//! tertial's reports show, saves drafts, previews it as residents will see it and
//! publishes it, which freezes the tertial's figures with it. Residents read it at
//! `/kommun/{code}/lagesbild/{year}/t{n}`, as a page and as a PDF, both from one
//! [`lofte_report::Document`].

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use lofte_app::situation::Audience;
use lofte_db::Tenant;
use lofte_db::analyses::Analysis;
use lofte_domain::analysis::Texts;
use lofte_domain::{FieldError, Tertial, Year};
use lofte_i18n::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::staff::forms::{Field, SummaryItem, place_errors};
use crate::views::Chrome;

/// A document's section as the page shows it: free text split into paragraphs at blank
/// lines, as the PDF splits it.
pub struct SectionView {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub tables: Vec<lofte_report::DocumentTable>,
}

/// The document, ready for `document_body.html`.
pub struct DocumentView {
    pub meta: Vec<String>,
    pub synthetic_note: Option<String>,
    pub sections: Vec<SectionView>,
}

impl From<&lofte_report::Document> for DocumentView {
    fn from(d: &lofte_report::Document) -> Self {
        DocumentView {
            meta: d.meta.clone(),
            synthetic_note: d.synthetic_note.clone(),
            sections: d
                .sections
                .iter()
                .map(|s| SectionView {
                    heading: s.heading.clone(),
                    paragraphs: s
                        .paragraphs
                        .iter()
                        .flat_map(|p| {
                            p.replace("\r\n", "\n")
                                .split("\n\n")
                                .map(str::trim)
                                .filter(|p| !p.is_empty())
                                .map(str::to_owned)
                                .collect::<Vec<_>>()
                        })
                        .collect(),
                    tables: s.tables.clone(),
                })
                .collect(),
        }
    }
}

/// `t1`–`t3` and a year from the path; 404 for anything else.
fn tertial_in_path(lang: Lang, year: &str, period: &str) -> Result<(Year, Tertial), PageError> {
    let not_found = || PageError::NotFound { lang, detail: None };
    let year: Year = year.parse().map_err(|_| not_found())?;
    let tertial = Tertial::ALL
        .into_iter()
        .find(|t| period == format!("t{}", t.number()))
        .ok_or_else(not_found)?;
    Ok((year, tertial))
}

fn staff_href(code: &str, year: Year, tertial: Tertial) -> String {
    format!(
        "/personal/kommun/{code}/lagesbild/analyser/{year}/t{}",
        tertial.number()
    )
}

/// `/kommun/{code}/lagesbild/{year}/t{n}`.
pub fn public_href(code: &str, year: Year, tertial: Tertial) -> String {
    format!("/kommun/{code}/lagesbild/{year}/t{}", tertial.number())
}

// ---- Residents ----

#[derive(Template, WebTemplate)]
#[template(path = "analysis.html")]
pub struct AnalysisPage {
    chrome: Chrome,
    heading: String,
    municipality: String,
    municipality_href: String,
    picture_href: String,
    here: String,
    pdf_href: String,
    document: DocumentView,
}

/// The published analysis of a tertial as a document in `doc_lang`; 404 if none.
async fn published(
    state: &AppState,
    lang: Lang,
    doc_lang: Lang,
    (code, year, period): (&str, &str, &str),
) -> Result<(Tenant, Year, Tertial, lofte_report::Document), PageError> {
    let tenant = crate::pages::tenant_for(state, lang, code).await?;
    let (year, tertial) = tertial_in_path(lang, year, period)?;
    let analysis = tenant
        .analysis(year, tertial)
        .await?
        .filter(|a| a.published_at.is_some())
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let figures = analysis
        .figures
        .as_ref()
        .ok_or(PageError::NotFound { lang, detail: None })?;
    let places = state.db.places(&tenant.municipality().code).await?;
    let document = lofte_app::analysis::document(
        doc_lang,
        tenant.municipality(),
        &analysis,
        figures,
        &places,
        Audience::Public,
    );
    Ok((tenant, year, tertial, document))
}

pub(super) async fn public_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, year, period)): Path<(String, String, String)>,
) -> Result<AnalysisPage, PageError> {
    let (tenant, year, tertial, document) =
        published(&state, lang, lang, (&code, &year, &period)).await?;
    let m = tenant.municipality();
    let here = public_href(m.code.as_str(), year, tertial);
    Ok(AnalysisPage {
        chrome: Chrome::new(lang, &here, document.title.clone()),
        heading: document.title.clone(),
        municipality: m.name.to_string(),
        municipality_href: format!("/kommun/{}", m.code),
        picture_href: format!("/kommun/{}/lagesbild?ar={year}", m.code),
        pdf_href: format!("{here}/{}.pdf", lang.tag()),
        here,
        document: (&document).into(),
    })
}

pub(super) async fn public_pdf(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path((code, year, period, edition)): Path<(String, String, String, String)>,
) -> Result<Response, PageError> {
    let doc_lang = match edition.as_str() {
        "sv.pdf" => Lang::Sv,
        "en.pdf" => Lang::En,
        _ => return Err(PageError::NotFound { lang, detail: None }),
    };
    let (tenant, year, tertial, document) =
        published(&state, lang, doc_lang, (&code, &year, &period)).await?;
    let rendered =
        tokio::task::spawn_blocking(move || lofte_report::render_document_pdf(&document))
            .await
            .map_err(|e| PageError::Internal {
                lang,
                cause: e.to_string(),
            })?
            .map_err(|e| PageError::Internal {
                lang,
                cause: e.to_string(),
            })?;
    let file = format!(
        "lofte-{}-lagesbild-{year}-t{}-{}.pdf",
        tenant.municipality().code,
        tertial.number(),
        doc_lang.tag()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        rendered.bytes,
    )
        .into_response())
}

// ---- Staff ----

/// One tertial on the list: (label, status, link, link text).
pub struct TertialRow {
    pub label: String,
    pub status: String,
    pub href: String,
    pub action: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_analyses.html")]
pub struct AnalysesPage {
    chrome: Chrome,
    heading: String,
    picture_href: String,
    rows: Vec<TertialRow>,
}

/// Every tertial that has begun, from the first year with reports (or last year) to
/// this one, newest first, with its analysis's state.
pub(super) async fn staff_list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<AnalysesPage, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let code = tenant.municipality().code.to_string();
    let today = lofte_app::progress::today();
    let this_year = chrono::Datelike::year(&today);
    let first = tenant
        .incident_years()
        .await?
        .into_iter()
        .min()
        .unwrap_or(this_year)
        .min(this_year - 1);
    let analyses = tenant.analyses(false).await?;
    let mut rows = Vec::new();
    for y in (first..=this_year).rev() {
        let Ok(year) = Year::new(y) else { continue };
        for tertial in Tertial::ALL.into_iter().rev() {
            if lofte_domain::analysis::period(year, tertial, today).is_none() {
                continue;
            }
            let found = analyses
                .iter()
                .find(|a| a.year == year && a.tertial == tertial);
            let (status, href, action) = match found {
                Some(Analysis {
                    published_at: Some(at),
                    ..
                }) => (
                    lang.t_args(
                        "analysis-status-published",
                        &[("date", crate::views::stockholm_date(*at))],
                    ),
                    public_href(&code, year, tertial),
                    lang.t("analysis-read"),
                ),
                Some(_) => (
                    lang.t("analysis-status-draft"),
                    staff_href(&code, year, tertial),
                    lang.t("analysis-edit"),
                ),
                None => (
                    lang.t("analysis-status-none"),
                    staff_href(&code, year, tertial),
                    lang.t("analysis-write"),
                ),
            };
            rows.push(TertialRow {
                label: lofte_app::analysis::title(lang, year, tertial),
                status,
                href,
                action,
            });
        }
    }
    let path = format!("/personal/kommun/{code}/lagesbild/analyser");
    let heading = lang.t("analyses-staff-title");
    Ok(AnalysesPage {
        chrome: crate::staff::chrome(lang, &staff, &path, heading.clone()),
        heading,
        picture_href: format!("/personal/kommun/{code}/lagesbild"),
        rows,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_analysis.html")]
pub struct AnalysisEditPage {
    chrome: Chrome,
    heading: String,
    back: String,
    action: String,
    version: i32,
    summary: Vec<SummaryItem>,
    notice: Option<String>,
    analysis: Field,
    next_steps: Field,
    /// The tertial's figures as staff see them, every count.
    document: DocumentView,
}

#[derive(Deserialize, Default)]
pub struct AnalysisForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    analysis: String,
    #[serde(default)]
    next_steps: String,
    /// `save` or `preview`.
    #[serde(default)]
    action: String,
}

#[derive(Deserialize, Default)]
pub struct PageQuery {
    #[serde(default)]
    sparat: Option<String>,
}

/// The analysis being written (a blank one if none is started) and today's figures.
async fn draft(
    state: &AppState,
    lang: Lang,
    tenant: &Tenant,
    (year, tertial): (Year, Tertial),
) -> Result<
    (
        Analysis,
        lofte_domain::analysis::FrozenPicture,
        Vec<lofte_domain::Place>,
    ),
    PageError,
> {
    let figures =
        lofte_app::analysis::tertial_figures(tenant, (year, tertial), lofte_app::progress::today())
            .await?
            .ok_or(PageError::NotFound { lang, detail: None })?;
    let analysis = tenant.analysis(year, tertial).await?.unwrap_or(Analysis {
        year,
        tertial,
        analysis: String::new(),
        next_steps: None,
        figures: None,
        published_at: None,
        version: 0,
    });
    let places = state.db.places(&tenant.municipality().code).await?;
    Ok((analysis, figures, places))
}

#[allow(clippy::too_many_arguments)]
fn edit_page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    analysis: &Analysis,
    figures: &lofte_domain::analysis::FrozenPicture,
    places: &[lofte_domain::Place],
    form: &AnalysisForm,
    errors: &[FieldError],
) -> AnalysisEditPage {
    let code = tenant.municipality().code.as_str();
    let action = staff_href(code, analysis.year, analysis.tertial);
    let heading = lofte_app::analysis::title(lang, analysis.year, analysis.tertial);
    let mut page = AnalysisEditPage {
        chrome: crate::staff::chrome(lang, staff, &action, heading.clone()),
        heading,
        back: format!("/personal/kommun/{code}/lagesbild/analyser"),
        version: form.version.trim().parse().unwrap_or(analysis.version),
        summary: Vec::new(),
        notice: None,
        analysis: Field::new(lang, "analysis", form.analysis.clone()),
        next_steps: Field::new(lang, "next_steps", form.next_steps.clone()),
        // The figures only, every count: the texts are in the form.
        document: DocumentView::from(&lofte_report::Document {
            lang: lang.tag().to_owned(),
            municipality: tenant.municipality().official_name.to_string(),
            title: String::new(),
            meta: vec![
                lofte_app::analysis::period_words(lang, figures),
                lang.t("analysis-draft-note"),
            ],
            date: figures.to,
            synthetic_note: figures.synthetic.then(|| lang.t("situation-synthetic")),
            sections: lofte_app::analysis::figure_sections(lang, figures, places, Audience::Staff),
            page_label: String::new(),
        }),
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [&mut page.analysis, &mut page.next_steps],
        |path| Some(path.to_owned()),
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    page
}

pub(super) async fn staff_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    axum::extract::Query(query): axum::extract::Query<PageQuery>,
) -> Result<Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let asked = tertial_in_path(lang, &year, &period)?;
    let (analysis, figures, places) = draft(&state, lang, &tenant, asked).await?;
    if analysis.published_at.is_some() {
        let code = tenant.municipality().code.as_str();
        return Ok(Redirect::to(&public_href(code, asked.0, asked.1)).into_response());
    }
    let form = AnalysisForm {
        version: analysis.version.to_string(),
        analysis: analysis.analysis.clone(),
        next_steps: analysis.next_steps.clone().unwrap_or_default(),
        action: String::new(),
    };
    let mut page = edit_page(
        lang,
        &staff,
        &tenant,
        &analysis,
        &figures,
        &places,
        &form,
        &[],
    );
    page.notice = query.sparat.map(|_| lang.t("analysis-saved"));
    Ok(page.into_response())
}

pub(super) async fn staff_save(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    Form(form): Form<AnalysisForm>,
) -> Result<Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let asked = tertial_in_path(lang, &year, &period)?;
    let (analysis, figures, places) = draft(&state, lang, &tenant, asked).await?;
    let preview = form.action == "preview";
    let refuse = |status: StatusCode, errors: Vec<FieldError>| {
        (
            status,
            edit_page(
                lang, &staff, &tenant, &analysis, &figures, &places, &form, &errors,
            ),
        )
            .into_response()
    };
    // A preview is checked as for publishing, so what is previewed can be published.
    let texts = match Texts::parse(&form.analysis, &form.next_steps, preview) {
        Ok(texts) => texts,
        Err(errors) => return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, errors)),
    };
    let version = form.version.trim().parse().unwrap_or(-1);
    match tenant
        .save_analysis(staff.actor, asked, version, &texts, None)
        .await
    {
        Ok(Ok(_)) => {
            let href = staff_href(tenant.municipality().code.as_str(), asked.0, asked.1);
            Ok(Redirect::to(&if preview {
                format!("{href}/forhandsvisning")
            } else {
                format!("{href}?sparat=utkast")
            })
            .into_response())
        }
        Ok(Err(_)) => Ok(refuse(
            StatusCode::CONFLICT,
            vec![FieldError::new("", lofte_domain::Problem::StaleVersion)],
        )),
        Err(lofte_db::Error::Invalid(errors)) => {
            Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, errors))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_analysis_preview.html")]
pub struct PreviewPage {
    chrome: Chrome,
    heading: String,
    back: String,
    publish: String,
    version: i32,
    error: Option<String>,
    document: DocumentView,
}

fn preview_page(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    (analysis, figures, places): (
        &Analysis,
        &lofte_domain::analysis::FrozenPicture,
        &[lofte_domain::Place],
    ),
    error: Option<String>,
) -> PreviewPage {
    let href = staff_href(
        tenant.municipality().code.as_str(),
        analysis.year,
        analysis.tertial,
    );
    let document = lofte_app::analysis::document(
        lang,
        tenant.municipality(),
        analysis,
        figures,
        places,
        Audience::Public,
    );
    let heading = lang.t("analysis-preview-heading");
    PreviewPage {
        chrome: crate::staff::chrome(
            lang,
            staff,
            &format!("{href}/forhandsvisning"),
            heading.clone(),
        ),
        heading,
        publish: format!("{href}/publicera"),
        back: href,
        version: analysis.version,
        error,
        document: (&document).into(),
    }
}

pub(super) async fn staff_preview(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
) -> Result<Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let asked = tertial_in_path(lang, &year, &period)?;
    let (analysis, figures, places) = draft(&state, lang, &tenant, asked).await?;
    if analysis.published_at.is_some() {
        let code = tenant.municipality().code.as_str();
        return Ok(Redirect::to(&public_href(code, asked.0, asked.1)).into_response());
    }
    Ok(preview_page(lang, &staff, &tenant, (&analysis, &figures, &places), None).into_response())
}

#[derive(Deserialize, Default)]
pub struct PublishForm {
    #[serde(default)]
    version: String,
}

/// Publishes the draft as saved, with the tertial's figures as they are now.
pub(super) async fn staff_publish(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, year, period)): Path<(String, String, String)>,
    Form(form): Form<PublishForm>,
) -> Result<Response, PageError> {
    let tenant = crate::pages::tenant_for(&state, lang, &code).await?;
    let asked = tertial_in_path(lang, &year, &period)?;
    let (analysis, figures, places) = draft(&state, lang, &tenant, asked).await?;
    let texts = Texts::parse(
        &analysis.analysis,
        analysis.next_steps.as_deref().unwrap_or_default(),
        true,
    );
    let result = match &texts {
        Ok(texts) => {
            let version = form.version.trim().parse().unwrap_or(-1);
            let announcement = state.mailer.as_ref().map(|mailer| {
                let m = tenant.municipality();
                crate::notices::analysis_published(
                    &m.code,
                    m.name.as_ref(),
                    asked,
                    &public_href(m.code.as_str(), asked.0, asked.1),
                    mailer.public_url(),
                )
            });
            let saved = tenant
                .save_analysis(
                    staff.actor,
                    asked,
                    version,
                    texts,
                    Some((&figures, announcement.as_ref())),
                )
                .await
                .map_err(PageError::from)?;
            if let Some(mailer) = &state.mailer {
                mailer.wake();
            }
            saved
        }
        Err(_) => Err(lofte_db::Conflict {
            current: (),
            current_version: analysis.version,
        }),
    };
    match (result, texts) {
        (Ok(_), _) => Ok(Redirect::to(&public_href(
            tenant.municipality().code.as_str(),
            asked.0,
            asked.1,
        ))
        .into_response()),
        (Err(_), Err(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            preview_page(
                lang,
                &staff,
                &tenant,
                (&analysis, &figures, &places),
                Some(lang.field_error(&errors[0])),
            ),
        )
            .into_response()),
        (Err(_), Ok(_)) => Ok((
            StatusCode::CONFLICT,
            preview_page(
                lang,
                &staff,
                &tenant,
                (&analysis, &figures, &places),
                Some(lang.problem(&lofte_domain::Problem::StaleVersion)),
            ),
        )
            .into_response()),
    }
}
