//! Citizen dialogues in the staff area (`/personal/kommun/{code}/dialoger`): register a
//! dialogue (date, place, format, participants by gender and age band; logged as a
//! `citizen_dialogue` activity too) and record the inputs raised there, which are
//! published at once since staff wrote them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Extension, Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use chrono::NaiveDate;
use lofte_db::Tenant;
use lofte_domain::citizen::{AgeBand, DialogueFormat, Gender, InputFields, NewDialogue};
use lofte_domain::followup::Performer;
use lofte_domain::{FieldError, Place, PlaceKind, PlaceSlug, Problem};
use lofte_i18n::Lang;
use serde::Deserialize;

use super::forms::{
    Choice, Field, SummaryItem, answer_post, place_errors, required_choice, store_parsed,
};
use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::views::Chrome;

/// One count field of the participants fieldset.
pub struct CountField {
    pub name: String,
    pub label: String,
    pub value: String,
    pub error: Option<String>,
}

pub struct DialogueRow {
    pub href: String,
    pub heading: String,
    pub participants: String,
    pub inputs: usize,
}

#[derive(Deserialize, Default)]
pub struct DialogueForm {
    #[serde(default)]
    dialogue_date: String,
    #[serde(default)]
    dialogue_place: String,
    #[serde(default)]
    dialogue_format: String,
    #[serde(flatten)]
    counts: std::collections::HashMap<String, String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_dialogues.html")]
pub struct DialoguesPage {
    chrome: Chrome,
    municipality: String,
    action: String,
    dialogues: Vec<DialogueRow>,
    summary: Vec<SummaryItem>,
    dialogue_date: Field,
    dialogue_place: Field,
    places: Vec<Choice>,
    dialogue_format: Field,
    formats: Vec<Choice>,
    by_gender: Vec<CountField>,
    by_age: Vec<CountField>,
}

fn format_name(lang: Lang, f: DialogueFormat) -> String {
    lang.name(&f)
}

fn place_choices(
    lang: Lang,
    places: &[Place],
    current: &str,
    localities_only: bool,
) -> Vec<Choice> {
    std::iter::once(Choice {
        value: String::new(),
        label: lang.t("input-choose"),
        selected: current.is_empty(),
    })
    .chain(
        places
            .iter()
            .filter(|p| !localities_only || p.kind == PlaceKind::Locality)
            .map(|p| Choice {
                value: p.slug.to_string(),
                label: p.name.to_string(),
                selected: current == p.slug.as_str(),
            }),
    )
    .collect()
}

impl DialogueForm {
    fn count(&self, name: &str, errors: &mut Vec<FieldError>) -> Option<u32> {
        let raw = self.counts.get(name).map(|v| v.trim()).unwrap_or_default();
        if raw.is_empty() {
            return None;
        }
        match raw.parse::<u32>() {
            Ok(n) if n <= NewDialogue::MAX_COUNT => Some(n),
            _ => {
                errors.push(FieldError::new(name, Problem::Number));
                None
            }
        }
    }

    fn parse(&self) -> Result<NewDialogue, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = match self.dialogue_date.trim() {
            "" => {
                errors.push(FieldError::new("dialogue_date", Problem::Required));
                None
            }
            raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map_err(|_| errors.push(FieldError::new("dialogue_date", Problem::Date)))
                .ok(),
        };
        let place = required_choice(
            &mut errors,
            "dialogue_place",
            &self.dialogue_place,
            PlaceSlug::parse,
        );
        let format = DialogueFormat::parse(self.dialogue_format.trim())
            .map_err(|_| errors.push(FieldError::new("dialogue_format", Problem::Choice)))
            .ok();
        let by_gender: Vec<(Gender, u32)> = Gender::ALL
            .iter()
            .filter_map(|g| {
                Some((
                    *g,
                    self.count(&format!("gender_{}", g.code()), &mut errors)?,
                ))
            })
            .collect();
        let by_age: Vec<(AgeBand, u32)> = AgeBand::ALL
            .iter()
            .filter_map(|a| Some((*a, self.count(&format!("age_{}", a.code()), &mut errors)?)))
            .collect();
        match (date, place, format) {
            (Some(date), Some(place), Some(format)) if errors.is_empty() => Ok(NewDialogue {
                date,
                place,
                format,
                by_gender,
                by_age,
            }),
            _ => Err(errors),
        }
    }
}

async fn dialogues_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    form: &DialogueForm,
    errors: &[FieldError],
) -> Result<DialoguesPage, PageError> {
    let m = tenant.municipality();
    let action = format!("/personal/kommun/{}/dialoger", m.code);
    let places = state.db.places(&m.code).await?;
    let name = |slug: &lofte_domain::PlaceSlug| crate::views::place_name(&places, slug.as_str());
    let dialogues = tenant.dialogues().await?;
    let error_of = |field: &str| {
        errors
            .iter()
            .find(|e| e.path == field)
            .map(|e| lang.problem(&e.problem))
    };
    let count_field = |name: String, label: String| CountField {
        value: form.counts.get(&name).cloned().unwrap_or_default(),
        error: error_of(&name),
        name,
        label,
    };
    let chrome = super::chrome(lang, staff, &action, lang.t("dialogues-title"));
    let mut page = DialoguesPage {
        chrome,
        municipality: m.official_name.to_string(),
        dialogues: dialogues
            .iter()
            .map(|d| DialogueRow {
                href: format!("{action}/{}", d.id),
                heading: format!(
                    "{} · {} · {}",
                    d.date,
                    name(&d.place),
                    format_name(lang, d.format)
                ),
                participants: lang.t_args(
                    "dialogues-participants",
                    &[(
                        "count",
                        d.by_gender
                            .iter()
                            .map(|(_, n)| n)
                            .sum::<u32>()
                            .max(d.by_age.iter().map(|(_, n)| n).sum())
                            .to_string(),
                    )],
                ),
                inputs: d.inputs,
            })
            .collect(),
        summary: Vec::new(),
        dialogue_date: Field::new(lang, "dialogue_date", form.dialogue_date.clone()),
        dialogue_place: Field::new(lang, "dialogue_place", form.dialogue_place.clone()),
        places: place_choices(lang, &places, &form.dialogue_place, false),
        dialogue_format: Field::new(lang, "dialogue_format", form.dialogue_format.clone()),
        formats: DialogueFormat::ALL
            .iter()
            .map(|f| Choice {
                value: f.code().to_owned(),
                label: format_name(lang, *f),
                selected: form.dialogue_format == f.code(),
            })
            .collect(),
        by_gender: Gender::ALL
            .iter()
            .map(|g| count_field(format!("gender_{}", g.code()), lang.name(&g)))
            .collect(),
        by_age: AgeBand::ALL
            .iter()
            .map(|a| count_field(format!("age_{}", a.code()), lang.name(&a)))
            .collect(),
        action,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.dialogue_date,
            &mut page.dialogue_place,
            &mut page.dialogue_format,
        ],
        |path| {
            Some(match path {
                "dialogue_date" => "dialogue_date",
                "dialogue_place" | "place" => "dialogue_place",
                "dialogue_format" => "dialogue_format",
                _ => return None,
            })
        },
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    Ok(page)
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
) -> Result<DialoguesPage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    dialogues_page(&state, lang, &staff, &tenant, &DialogueForm::default(), &[]).await
}

pub async fn add(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path(code): Path<String>,
    Form(form): Form<DialogueForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let result = store_parsed(form.parse(), async |d| {
        tenant
            .add_dialogue(staff.actor, &d, Performer::Municipality)
            .await
    })
    .await;
    let code = &tenant.municipality().code;
    answer_post(
        lang,
        result,
        |id| format!("/personal/kommun/{code}/dialoger/{id}"),
        async |errors| dialogues_page(&state, lang, &staff, &tenant, &form, &errors).await,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct RaisedForm {
    #[serde(default, rename = "input_locality")]
    locality: String,
    #[serde(default, rename = "input_place")]
    place: String,
    #[serde(default, rename = "input_category")]
    category: String,
    #[serde(default, rename = "input_text")]
    text: String,
    #[serde(default)]
    commitment: String,
    #[serde(default)]
    focus_link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff_dialogue.html")]
pub struct DialoguePage {
    chrome: Chrome,
    back: String,
    heading: String,
    facts: String,
    raised: Vec<String>,
    action: String,
    summary: Vec<SummaryItem>,
    locality: Field,
    localities: Vec<Choice>,
    place: Field,
    place_list: Vec<Choice>,
    category: Field,
    categories: Vec<Choice>,
    text: Field,
    commitment: Field,
    commitments: Vec<Choice>,
    focus_link: Field,
    focus_areas: Vec<Choice>,
}

async fn dialogue_page(
    state: &AppState,
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    id: i32,
    form: &RaisedForm,
    errors: &[FieldError],
) -> Result<DialoguePage, PageError> {
    let m = tenant.municipality();
    let back = format!("/personal/kommun/{}/dialoger", m.code);
    let dialogues = tenant.dialogues().await?;
    let Some(d) = dialogues.into_iter().find(|d| d.id == id) else {
        return Err(PageError::NotFound { lang, detail: None });
    };
    let places = state.db.places(&m.code).await?;
    let name = |slug: &lofte_domain::PlaceSlug| crate::views::place_name(&places, slug.as_str());
    let raised = tenant
        .inputs(lofte_domain::citizen::InputStatus::Published)
        .await?
        .into_iter()
        .filter(|i| i.dialogue == Some(id))
        .map(|i| {
            format!(
                "{} · {}: {}",
                crate::input::category_name(lang, i.category),
                name(&i.locality),
                i.text
            )
        })
        .collect();
    let heading = lang.t_args("dialogue-title", &[("date", d.date.to_string())]);
    let tally = |parts: Vec<String>| {
        if parts.is_empty() {
            "–".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let facts = lang.t_args(
        "dialogue-facts",
        &[
            ("place", name(&d.place)),
            ("format", format_name(lang, d.format)),
            (
                "genders",
                tally(
                    d.by_gender
                        .iter()
                        .map(|(g, n)| format!("{} {n}", lang.name(&g)))
                        .collect(),
                ),
            ),
            (
                "ages",
                tally(
                    d.by_age
                        .iter()
                        .map(|(a, n)| format!("{} {n}", lang.name(&a)))
                        .collect(),
                ),
            ),
        ],
    );
    let action = format!("{back}/{id}");
    let chrome = super::chrome(lang, staff, &action, heading.clone());
    let categories = std::iter::once(Choice {
        value: String::new(),
        label: lang.t("input-choose"),
        selected: form.category.is_empty(),
    })
    .chain(
        lofte_domain::citizen::InputCategory::ALL
            .iter()
            .map(|c| Choice {
                value: c.code().to_owned(),
                label: crate::input::category_name(lang, *c),
                selected: form.category == c.code(),
            }),
    )
    .collect();
    let links = super::link_choices(
        lang,
        tenant,
        &super::chosen_links(&form.commitment, &form.focus_link),
        super::LinkScope::Every,
    )
    .await?;
    let mut page = DialoguePage {
        chrome,
        heading,
        facts,
        raised,
        action: format!("{action}/synpunkt"),
        summary: Vec::new(),
        locality: Field::new(lang, "input_locality", form.locality.clone()),
        localities: place_choices(lang, &places, &form.locality, true),
        place: Field::new(lang, "input_place", form.place.clone()),
        place_list: place_choices(lang, &places, &form.place, false),
        category: Field::new(lang, "input_category", form.category.clone()),
        categories,
        text: Field::new(lang, "input_text", form.text.clone()),
        commitment: Field::new(lang, "commitment", form.commitment.clone()),
        commitments: links.commitments,
        focus_link: Field::new(lang, "focus_link", form.focus_link.clone()),
        focus_areas: links.focus_areas,
        back,
    };
    page.summary = place_errors(
        lang,
        errors,
        &mut [
            &mut page.locality,
            &mut page.place,
            &mut page.category,
            &mut page.text,
            &mut page.commitment,
            &mut page.focus_link,
        ],
        |path| {
            Some(match path {
                "locality" => "input_locality",
                "place" => "input_place",
                "category" => "input_category",
                "text" => "input_text",
                "commitment" => "commitment",
                "focus" => "focus_link",
                _ => return None,
            })
        },
    );
    page.chrome.mark_errors(!page.summary.is_empty());
    Ok(page)
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
) -> Result<DialoguePage, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    dialogue_page(
        &state,
        lang,
        &staff,
        &tenant,
        id,
        &RaisedForm::default(),
        &[],
    )
    .await
}

pub async fn add_input(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
    Form(form): Form<RaisedForm>,
) -> Result<Response, PageError> {
    let tenant = super::tenant(&state, lang, &code).await?;
    let fields = InputFields {
        locality: &form.locality,
        place: &form.place,
        category: &form.category,
        text: &form.text,
        ..Default::default()
    };
    let links = super::chosen_links(&form.commitment, &form.focus_link);
    let result = store_parsed(fields.parse(), async |input| {
        tenant
            .add_dialogue_input(staff.actor, id, &input, &links)
            .await
    })
    .await;
    let code = &tenant.municipality().code;
    answer_post(
        lang,
        result,
        |_| format!("/personal/kommun/{code}/dialoger/{id}"),
        async |errors| dialogue_page(&state, lang, &staff, &tenant, id, &form, &errors).await,
    )
    .await
}
