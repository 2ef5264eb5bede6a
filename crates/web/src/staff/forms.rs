//! Form fields as the templates show them, and field errors placed on them.

use chrono::NaiveDate;
use lofte_domain::{FieldError, Problem};
use lofte_i18n::Lang;

/// One form field: what it is called, what it holds, and what is wrong with it.
pub struct Field {
    /// The form field's name; owned for fields made per row of data (e.g. one per
    /// survey indicator).
    pub name: std::borrow::Cow<'static, str>,
    pub label: String,
    pub value: String,
    pub hint: Option<String>,
    pub error: Option<String>,
    /// The `autocomplete` token, so browsers and password managers fill the right thing.
    pub autocomplete: Option<&'static str>,
    /// The language the value is written in, when it is not the page's (the English
    /// version of a promise's text), so spelling and reading follow it.
    pub written_in: Option<&'static str>,
}

impl Field {
    pub fn new(lang: Lang, name: &'static str, value: impl Into<String>) -> Field {
        Field {
            name: std::borrow::Cow::Borrowed(name),
            label: lang.label(&lofte_i18n::labels::FIELD, &name.replace('_', "-")),
            value: value.into(),
            hint: lang.try_label(&lofte_i18n::labels::FIELD_HINT, &name.replace('_', "-")),
            error: None,
            autocomplete: None,
            written_in: None,
        }
    }

    pub fn written_in(mut self, lang: &'static str) -> Field {
        self.written_in = Some(lang);
        self
    }

    pub fn autocomplete(mut self, token: &'static str) -> Field {
        self.autocomplete = Some(token);
        self
    }

    /// The id of the element that describes this field (hint and error).
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

/// An optional text of a form: `None` when left empty.
pub fn optional_text(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|t| !t.is_empty())
}

/// A box to tick in a form: a place, an activity type, a month, a weekday.
pub struct PlaceOption {
    pub slug: String,
    pub name: String,
    pub checked: bool,
}

/// The municipality's places as checkboxes, ticked where the form names them.
pub fn place_options(places: &[lofte_domain::Place], ticked: &[String]) -> Vec<PlaceOption> {
    places
        .iter()
        .map(|p| PlaceOption {
            slug: p.slug.to_string(),
            name: p.name.to_string(),
            checked: ticked.iter().any(|t| t.trim() == p.slug.as_str()),
        })
        .collect()
}

/// A date field (`YYYY-MM-DD`), its problem pushed to `errors` under `path`.
pub fn date_field(
    errors: &mut Vec<FieldError>,
    path: &str,
    raw: &str,
    required: bool,
) -> Option<NaiveDate> {
    match raw.trim() {
        "" => {
            if required {
                errors.push(FieldError::new(path, Problem::Required));
            }
            None
        }
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new(path, Problem::Date));
                None
            }
        },
    }
}

/// A choice in a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub fn choices(lang: Lang, current: &str, options: &[(&str, &str)]) -> Vec<Choice> {
    options
        .iter()
        .map(|(value, key)| Choice {
            value: (*value).to_owned(),
            label: lang.t(key),
            selected: *value == current,
        })
        .collect()
}

/// An error shown in the summary at the top of a form, linking to its field.
pub struct SummaryItem {
    pub field: String,
    pub message: String,
}

/// Puts each error on the field `to_field` maps its path to; errors that map to no
/// field go to the summary only. Returns the summary.
pub fn place_errors<S: AsRef<str>>(
    lang: Lang,
    errors: &[FieldError],
    fields: &mut [&mut Field],
    to_field: impl Fn(&str) -> Option<S>,
) -> Vec<SummaryItem> {
    let mut summary = Vec::new();
    for e in errors {
        let message = lang.problem(&e.problem);
        let name = to_field(&e.path);
        if let Some(field) = name.and_then(|n| fields.iter_mut().find(|f| f.name == n.as_ref())) {
            if field.error.is_none() {
                field.error = Some(message.clone());
            }
            summary.push(SummaryItem {
                field: field.name.to_string(),
                message: format!("{}: {message}", field.label),
            });
        } else {
            summary.push(SummaryItem {
                field: String::new(),
                message: lang.field_error(e),
            });
        }
    }
    summary
}

/// The problems of a form whose fields were read first and then parsed as a document:
/// the form's own (a field it could not read, such as "20xx" in a number field) and the
/// document's, leaving out the document's about a field the form already reported, whose
/// value was only a stand-in.
pub fn form_and_document_errors(
    mut read: Vec<lofte_domain::FieldError>,
    mut document: Vec<lofte_domain::FieldError>,
) -> Vec<lofte_domain::FieldError> {
    document.retain(|e| !read.iter().any(|f| f.path == e.path));
    read.extend(document);
    read
}

/// Parses an optional whole number typed into a form.
pub fn optional_number<T: std::str::FromStr>(
    raw: &str,
) -> Result<Option<T>, lofte_domain::Problem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| lofte_domain::Problem::Number)
}

/// A file's problems as people read them: "Rad 3, kolumn Plats: …", or "Rad 3: …" for a
/// whole row, and a last line when more were found than listed.
pub fn file_problems(lang: Lang, errors: &[lofte_db::activities::CellError]) -> Vec<String> {
    let mut listed: Vec<String> = errors
        .iter()
        .map(|e| {
            let message = lang.problem(&e.problem);
            if e.column.is_empty() {
                lang.t_args(
                    "csv-row",
                    &[("line", e.line.to_string()), ("message", message)],
                )
            } else {
                lang.t_args(
                    "csv-cell",
                    &[
                        ("line", e.line.to_string()),
                        ("column", e.column.clone()),
                        ("message", message),
                    ],
                )
            }
        })
        .collect();
    if errors.len() >= lofte_db::activities::MAX_LISTED {
        listed.push(lang.t("cli-more-errors"));
    }
    listed
}

/// What a staff form's post comes to. Saved: a redirect to the page `saved` names (so
/// reloading does not post again). Refused input, whether the form's own parse or the
/// database refused it: the form again with every problem, from `again`, as 422. A
/// record that is not there: 404; anything else: an internal error.
pub async fn answer_post<T, P: axum::response::IntoResponse>(
    lang: Lang,
    result: Result<T, lofte_db::Error>,
    saved: impl FnOnce(T) -> String,
    again: impl AsyncFnOnce(Vec<FieldError>) -> Result<P, crate::error::PageError>,
) -> Result<axum::response::Response, crate::error::PageError> {
    use axum::response::IntoResponse as _;
    match result {
        Ok(value) => Ok(axum::response::Redirect::to(&saved(value)).into_response()),
        Err(lofte_db::Error::Invalid(errors)) => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            again(errors).await?,
        )
            .into_response()),
        Err(lofte_db::Error::NotFound) => {
            Err(crate::error::PageError::NotFound { lang, detail: None })
        }
        Err(e) => Err(e.into()),
    }
}

/// Stores what a form parsed into, or passes its problems on as the database's refusal,
/// for [`answer_post`].
pub async fn store_parsed<T, U>(
    parsed: Result<T, Vec<FieldError>>,
    store: impl AsyncFnOnce(T) -> Result<U, lofte_db::Error>,
) -> Result<U, lofte_db::Error> {
    match parsed {
        Ok(value) => store(value).await,
        Err(errors) => Err(lofte_db::Error::Invalid(errors)),
    }
}

/// A choice the form must have: `Required` on `field` when it is blank, `Choice` when it
/// is not one the form offers.
pub fn required_choice<T, E>(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Option<T> {
    match raw.trim() {
        "" => {
            errors.push(FieldError::new(field, Problem::Required));
            None
        }
        raw => parse(raw)
            .map_err(|_| errors.push(FieldError::new(field, Problem::Choice)))
            .ok(),
    }
}
