//! Logged work from a file in the staff area (`/personal/kommun/{code}/logga/fil`): the
//! CSV another system exports or a spreadsheet saves (docs/activity-csv.md), all or
//! nothing, every problem by line and column.
//!
//! Places the file names that the municipality lacks can be added in the same step:
//! when they are the file's only problems, the page asks for each one's kind and the
//! locality it lies in, and imports the file (carried along in the form) together with
//! the new places in one transaction. A new place takes its locality's position until
//! someone marks it on the map under Platser.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use lofte_db::activities::CellError;
use lofte_domain::{FieldError, Place, PlaceKind, PlaceSlug, Problem, Text};
use lofte_i18n::Lang;

use super::chrome;
use super::forms::Choice;
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// One place the file names that the municipality lacks, as the adding form shows it.
pub struct NewPlaceRow {
    index: usize,
    name: String,
    kinds: Vec<Choice>,
    localities: Vec<Choice>,
    error: Option<String>,
}

/// The form that adds the missing places and imports the file again.
pub struct AddPlaces {
    /// The uploaded file, carried in the form so it need not be chosen again.
    file: String,
    rows: Vec<NewPlaceRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_activity_file.html")]
pub struct ActivityFilePage {
    chrome: Chrome,
    action: String,
    log_href: String,
    done: Option<String>,
    problems: Vec<String>,
    /// Places the file names that the municipality does not have, when they cannot be
    /// added here: (name, where to add it, for those who may).
    unknown_places: Vec<(String, Option<String>)>,
    add_places: Option<AddPlaces>,
}

fn page(lang: Lang, staff: &Staff, code: &str) -> ActivityFilePage {
    let action = format!("/personal/kommun/{code}/logga/fil");
    ActivityFilePage {
        chrome: chrome(lang, staff, &action, lang.t("activity-file-title")),
        log_href: format!("/personal/kommun/{code}/logga"),
        action,
        done: None,
        problems: Vec::new(),
        unknown_places: Vec::new(),
        add_places: None,
    }
}

impl ActivityFilePage {
    fn refused(mut self, problems: Vec<String>) -> Response {
        self.chrome.mark_errors(true);
        self.problems = problems;
        (StatusCode::UNPROCESSABLE_ENTITY, self).into_response()
    }
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<ActivityFilePage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    Ok(page(lang, &staff, tenant.municipality().code.as_str()))
}

/// What the adding form sent for one place: its name, kind and locality.
#[derive(Default, Clone)]
struct NewPlaceInput {
    name: String,
    kind: String,
    within: String,
}

/// The upload: a chosen file, or the file carried by the adding form with the places
/// to add first.
#[derive(Default)]
struct Upload {
    file: Vec<u8>,
    new_places: Vec<NewPlaceInput>,
}

/// Reads the multipart body; a field that cannot be read is `Problem::Malformed`.
async fn read_upload(multipart: &mut Multipart) -> Result<Upload, Problem> {
    let malformed = |e: axum::extract::multipart::MultipartError| Problem::Malformed {
        detail: e.body_text(),
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(malformed)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            upload.file = field.bytes().await.map_err(malformed)?.to_vec();
            continue;
        }
        let text = field.text().await.map_err(malformed)?;
        if name == "carried_file" {
            if upload.file.is_empty() {
                upload.file = BASE64.decode(text.trim()).map_err(|e| Problem::Malformed {
                    detail: e.to_string(),
                })?;
            }
        } else if let Some(rest) = name.strip_prefix("new_place_")
            && let Some((index, part)) = rest.split_once('_')
            && let Ok(index) = index.parse::<usize>()
            // The form has one row per missing place; more is not a person's form.
            && index < lofte_db::activities::MAX_LISTED
        {
            if upload.new_places.len() <= index {
                upload
                    .new_places
                    .resize(index + 1, NewPlaceInput::default());
            }
            let row = &mut upload.new_places[index];
            match part {
                "name" => row.name = text,
                "kind" => row.kind = text,
                "within" => row.within = text,
                _ => {}
            }
        }
    }
    Ok(upload)
}

/// A kind to propose from a place's name: "Väg 55" is a road, "Björkskolan" a school.
fn likely_kind(name: &str) -> PlaceKind {
    let lower = name.to_lowercase();
    if lower.starts_with("väg ") || lower.ends_with("vägen") || lower.starts_with("e4") {
        PlaceKind::Road
    } else if lower.contains("skola") || lower.contains("skolan") {
        PlaceKind::School
    } else if lower.contains("station") || lower.contains("resecentrum") {
        PlaceKind::Station
    } else {
        PlaceKind::Area
    }
}

/// The places the adding form describes, checked against the municipality's localities;
/// problems are named by row (`new_place_{i}`).
fn new_places(
    lang: Lang,
    code: &lofte_domain::MunicipalityCode,
    known: &[Place],
    inputs: &[NewPlaceInput],
) -> Result<Vec<Place>, Vec<(usize, String)>> {
    let mut places: Vec<Place> = Vec::new();
    let mut errors = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let name = match Text::parse(input.name.trim(), Text::SHORT) {
            Ok(name) => name,
            Err(problem) => {
                errors.push((i, lang.problem(&problem)));
                continue;
            }
        };
        let kind = match PlaceKind::parse(&input.kind) {
            Ok(kind) => kind,
            Err(problem) => {
                errors.push((i, lang.problem(&problem)));
                continue;
            }
        };
        let Some(locality) = known
            .iter()
            .find(|p| p.kind == PlaceKind::Locality && p.slug.as_str() == input.within)
        else {
            errors.push((i, lang.t("activity-file-choose-locality")));
            continue;
        };
        // A slug of its own: "Väg 55" → vag-55, or vag-55-2 if that is taken.
        let base = PlaceSlug::from_name(name.as_str())
            .map(|s| s.to_string())
            .unwrap_or_else(|| "plats".to_owned());
        let slug = (1..)
            .map(|n| match n {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            })
            .filter_map(|s| PlaceSlug::parse(&s).ok())
            .find(|s| !known.iter().chain(&places).any(|p| &p.slug == s))
            .expect("some suffix is free");
        places.push(Place {
            municipality: code.clone(),
            slug,
            name,
            kind,
            coordinates: locality.coordinates,
            outlying: locality.outlying,
            within: Some(locality.slug.clone()),
            shape: None,
        });
    }
    if errors.is_empty() {
        Ok(places)
    } else {
        Err(errors)
    }
}

/// The adding form for the places a refused file names, kept as the user filled it.
fn add_places_form(
    lang: Lang,
    file: &[u8],
    known: &[Place],
    names: &[String],
    inputs: &[NewPlaceInput],
    errors: &[(usize, String)],
) -> AddPlaces {
    let rows =
        names
            .iter()
            .enumerate()
            .map(|(index, name)| {
                let input = inputs.get(index).filter(|i| &i.name == name);
                let kind = input
                    .and_then(|i| PlaceKind::parse(&i.kind).ok())
                    .unwrap_or_else(|| likely_kind(name));
                let within = input.map(|i| i.within.as_str()).unwrap_or_default();
                let mut localities = vec![Choice {
                    value: String::new(),
                    label: lang.t("activity-file-locality-choose"),
                    selected: within.is_empty(),
                }];
                localities.extend(known.iter().filter(|p| p.kind == PlaceKind::Locality).map(
                    |p| Choice {
                        value: p.slug.to_string(),
                        label: p.name.to_string(),
                        selected: p.slug.as_str() == within,
                    },
                ));
                NewPlaceRow {
                    index,
                    name: name.clone(),
                    kinds: PlaceKind::ALL
                        .iter()
                        .map(|k| Choice {
                            value: k.as_str().to_owned(),
                            label: lang.name(&k),
                            selected: *k == kind,
                        })
                        .collect(),
                    localities,
                    error: errors
                        .iter()
                        .find(|(i, _)| *i == index)
                        .map(|(_, e)| e.clone()),
                }
            })
            .collect();
    AddPlaces {
        file: BASE64.encode(file),
        rows,
    }
}

/// The distinct place names a refused file's problems say are unknown, in file order.
fn unknown_place_names(errors: &[CellError]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for e in errors {
        if let Problem::UnknownPlace { value } = &e.problem
            && !names.contains(value)
        {
            names.push(value.clone());
        }
    }
    names
}

pub async fn upload(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let m = tenant.municipality();
    let mut page = page(lang, &staff, m.code.as_str());
    let upload = match read_upload(&mut multipart).await {
        Ok(upload) => upload,
        Err(problem) => return Ok(page.refused(vec![lang.problem(&problem)])),
    };
    if upload.file.is_empty() {
        return Ok(page.refused(vec![lang.t("activity-file-none")]));
    }
    let known = state.db.places(&m.code).await?;
    let may_add = staff
        .principal
        .may(lofte_domain::Permission::EditPromise, &m.code);
    let adding = if upload.new_places.is_empty() || !may_add {
        Vec::new()
    } else {
        match new_places(lang, &m.code, &known, &upload.new_places) {
            Ok(places) => places,
            Err(errors) => {
                let names: Vec<String> = upload.new_places.iter().map(|p| p.name.clone()).collect();
                page.add_places = Some(add_places_form(
                    lang,
                    &upload.file,
                    &known,
                    &names,
                    &upload.new_places,
                    &errors,
                ));
                return Ok(page.refused(vec![lang.t("activity-file-places-incomplete")]));
            }
        }
    };
    let result = tenant
        .import_activities_csv_adding_places(staff.actor, upload.file.as_slice(), &adding)
        .await;
    let errors = match result {
        Ok(Ok(summary)) => {
            let mut done = lang.t_args(
                "cli-activities-imported",
                &[
                    ("added", summary.added.to_string()),
                    ("present", summary.already_there.to_string()),
                ],
            );
            if !adding.is_empty() {
                let names: Vec<String> = adding.iter().map(|p| p.name.to_string()).collect();
                done.push(' ');
                done.push_str(&lang.t_args(
                    "activity-file-places-added",
                    &[
                        ("count", adding.len().to_string()),
                        ("names", names.join(", ")),
                    ],
                ));
            }
            page.done = Some(done);
            return Ok(page.into_response());
        }
        Ok(Err(errors)) => errors,
        // A place another coordinator added meanwhile, say: the file is not imported.
        Err(lofte_db::Error::Invalid(problems)) => {
            let problems = problems
                .iter()
                .map(|e: &FieldError| lang.problem(&e.problem))
                .collect();
            return Ok(page.refused(problems));
        }
        Err(e) => return Err(PageError::from(e)),
    };
    let names = unknown_place_names(&errors);
    let only_places = errors
        .iter()
        .all(|e| matches!(e.problem, Problem::UnknownPlace { .. }));
    let has_locality = known.iter().any(|p| p.kind == PlaceKind::Locality);
    if may_add && only_places && has_locality && !names.is_empty() {
        page.add_places = Some(add_places_form(
            lang,
            &upload.file,
            &known,
            &names,
            &upload.new_places,
            &[],
        ));
    } else {
        let query = |name: &str| serde_urlencoded::to_string([("name", name)]).unwrap_or_default();
        page.unknown_places = names
            .into_iter()
            .map(|name| {
                let href = may_add
                    .then(|| format!("/personal/kommun/{}/platser/ny?{}", m.code, query(&name)));
                (name, href)
            })
            .collect();
    }
    let problems = super::forms::file_problems(lang, &errors);
    Ok(page.refused(problems))
}
