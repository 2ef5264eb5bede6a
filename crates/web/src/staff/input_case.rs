//! A published input as a case (`/personal/kommun/{code}/synpunkter/{id}/arende`):
//! staff write a public reply, route it to the unit responsible, make it a tracked
//! action with an owner, a due date and a status (the finding statuses), or withdraw it
//! with a reason. Everything here is shown on the input's public page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use lofte_db::Tenant;
use lofte_db::citizen_inputs::StoredInput;
use lofte_db::input_cases::{CaseUpdate, NewAction};
use lofte_domain::citizen::InputStatus;
use lofte_domain::walk::FindingStatus;
use lofte_domain::{FieldError, Problem, Text};
use lofte_i18n::Lang;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::policy::Staff;
use crate::staff::forms::{Choice, Field, SummaryItem, place_errors};
use crate::views::Chrome;

#[derive(Template, WebTemplate)]
#[template(path = "staff_input_case.html")]
pub struct CasePage {
    chrome: Chrome,
    reference: String,
    public_href: String,
    queue_href: String,
    action: String,
    withdraw_action: String,
    category: String,
    place: String,
    received: String,
    text: String,
    done: Option<String>,
    summary: Vec<SummaryItem>,
    reply: Field,
    routed: Field,
    /// The municipality's units, and the one routed to if no longer listed.
    units: Vec<Choice>,
    units_href: String,
    status: Field,
    statuses: Vec<Choice>,
    owner: Field,
    due: Field,
    reason: Field,
    /// The resident left an address and has not been asked yet.
    will_ask: bool,
    answer: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct CaseForm {
    #[serde(default)]
    case_reply: String,
    #[serde(default)]
    case_routed: String,
    /// A finding status code, or empty for no action.
    #[serde(default)]
    case_status: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
}

#[derive(Deserialize, Default)]
pub struct WithdrawForm {
    #[serde(default)]
    withdraw_reason: String,
}

#[derive(Deserialize, Default)]
pub struct Saved {
    #[serde(default)]
    sparat: String,
}

/// What a published input's case holds now, as the form shows it.
fn stored_form(input: &StoredInput) -> CaseForm {
    let case = &input.case;
    CaseForm {
        case_reply: case.reply.clone().unwrap_or_default(),
        case_routed: case.routed_to.clone().unwrap_or_default(),
        case_status: case
            .action
            .as_ref()
            .map(|a| a.status.code().to_owned())
            .unwrap_or_default(),
        owner: case
            .action
            .as_ref()
            .map(|a| a.owner.clone())
            .unwrap_or_default(),
        due: case
            .action
            .as_ref()
            .and_then(|a| a.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}

/// A published input opened by one of its municipality's staff, for the case page.
struct Opened {
    state: AppState,
    lang: Lang,
    staff: Staff,
    tenant: Tenant,
    input: StoredInput,
    units: Vec<lofte_db::units::Unit>,
}

impl Opened {
    /// The published input `id` of municipality `code`, or a page that says it is not
    /// (pending, hidden, withdrawn or another municipality's).
    async fn new(
        state: AppState,
        lang: Lang,
        staff: Staff,
        code: &str,
        id: i32,
    ) -> Result<Opened, PageError> {
        let tenant = super::tenant(&state, lang, code).await?;
        let input = match tenant.input(id).await {
            Ok(i) if i.status == InputStatus::Published => i,
            Ok(_) | Err(lofte_db::Error::NotFound) => {
                return Err(PageError::NotFound { lang, detail: None });
            }
            Err(e) => return Err(e.into()),
        };
        let units = tenant.units().await?;
        Ok(Opened {
            state,
            lang,
            staff,
            tenant,
            input,
            units,
        })
    }

    /// The letter to the shared mailbox of the unit `update` newly routes the input to,
    /// with its address; none if it stays with its unit or the unit has no mailbox.
    async fn unit_letter(
        &self,
        update: &CaseUpdate,
    ) -> Result<Option<(String, lofte_db::mail::Letter)>, PageError> {
        let (Some(mailer), Some(routed)) = (&self.state.mailer, &update.routed_to) else {
            return Ok(None);
        };
        if self.input.case.routed_to.as_deref() == Some(routed.as_str()) {
            return Ok(None);
        }
        let Some((unit, address)) = self
            .units
            .iter()
            .find(|u| u.name == routed.as_str())
            .and_then(|u| Some((u.name.clone(), u.email.clone()?)))
        else {
            return Ok(None);
        };
        // A shared mailbox of a Swedish municipality: in Swedish, whatever the language of
        // the person who routed it.
        let (lang, input) = (Lang::Sv, &self.input);
        let m = self.tenant.municipality();
        let places = self.state.db.places(&m.code).await?;
        let reference = crate::input::reference(m.code.as_str(), input.id);
        let letter = crate::letters::letter(
            "routing",
            lang,
            crate::letters::Parts {
                subject: lang.t_args(
                    "routing-subject",
                    &[("reference", reference), ("unit", unit)],
                ),
                paragraphs: vec![
                    lang.t_args(
                        "routing-intro",
                        &[
                            ("municipality", m.name.to_string()),
                            (
                                "category",
                                crate::input::category_name(lang, input.category),
                            ),
                            ("place", crate::input::input_place(&places, input)),
                        ],
                    ),
                    lang.t_args("routing-text", &[("text", input.text.clone())]),
                ],
                items: Vec::new(),
                link: Some((
                    lang.t("routing-open"),
                    format!(
                        "{}/personal/kommun/{}/synpunkter/{}/arende",
                        mailer.public_url(),
                        m.code,
                        input.id
                    ),
                )),
            },
        );
        Ok(Some((address, letter)))
    }

    /// The case page showing `form` and `withdraw` as typed, with `errors` on their
    /// fields and `done` said at the top.
    async fn page(
        &self,
        form: &CaseForm,
        withdraw: &WithdrawForm,
        errors: &[FieldError],
        done: Option<String>,
    ) -> Result<CasePage, PageError> {
        let Opened {
            state,
            lang,
            staff,
            tenant,
            input,
            units,
        } = self;
        let lang = *lang;
        let m = tenant.municipality();
        let reference = crate::input::reference(m.code.as_str(), input.id);
        let base = format!("/personal/kommun/{}/synpunkter", m.code);
        let action = format!("{base}/{}/arende", input.id);
        let mut chrome = super::chrome(
            lang,
            staff,
            &action,
            lang.t_args("input-case-title", &[("reference", reference.clone())]),
        );
        chrome.mark_errors(!errors.is_empty());
        let places = state.db.places(&m.code).await?;
        let mut unit_choices = vec![Choice {
            value: String::new(),
            label: lang.t("staff-case-no-unit"),
            selected: form.case_routed.is_empty(),
        }];
        unit_choices.extend(units.iter().map(|u| Choice {
            value: u.name.clone(),
            label: u.name.clone(),
            selected: u.name == form.case_routed,
        }));
        if let Some(former) = input
            .case
            .routed_to
            .as_ref()
            .filter(|r| !units.iter().any(|u| &u.name == *r))
        {
            unit_choices.push(Choice {
                value: former.clone(),
                label: lang.t_args("staff-case-former-unit", &[("unit", former.clone())]),
                selected: *former == form.case_routed,
            });
        }
        let mut statuses = vec![Choice {
            value: String::new(),
            label: lang.t("staff-case-no-action"),
            selected: form.case_status.is_empty(),
        }];
        statuses.extend(FindingStatus::ALL.iter().map(|s| Choice {
            value: s.code().to_owned(),
            label: lofte_app::words::finding_status_name(lang, *s),
            selected: s.code() == form.case_status,
        }));
        let mut page = CasePage {
            public_href: format!("/kommun/{}/synpunkter/{}", m.code, input.id),
            queue_href: base,
            withdraw_action: action.replace("/arende", "/aterkalla"),
            action,
            category: crate::input::category_name(lang, input.category),
            place: crate::input::input_place(&places, input),
            received: input
                .received_at
                .with_timezone(&chrono_tz::Europe::Stockholm)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            text: input.text.clone(),
            done,
            summary: Vec::new(),
            reply: Field::new(lang, "case_reply", form.case_reply.clone()),
            routed: Field::new(lang, "case_routed", form.case_routed.clone()),
            units: unit_choices,
            units_href: format!("/personal/kommun/{}/enheter", m.code),
            status: Field::new(lang, "case_status", form.case_status.clone()),
            statuses,
            owner: Field::new(lang, "owner", form.owner.clone()),
            due: Field::new(lang, "due", form.due.clone()),
            reason: Field::new(lang, "withdraw_reason", withdraw.withdraw_reason.clone()),
            will_ask: tenant.will_ask(input.id).await?,
            answer: crate::input::answer_line(lang, input),
            reference,
            chrome,
        };
        page.summary = place_errors(
            lang,
            errors,
            &mut [
                &mut page.reply,
                &mut page.routed,
                &mut page.status,
                &mut page.owner,
                &mut page.due,
                &mut page.reason,
            ],
            |path| {
                Some(match path {
                    "reply" => "case_reply",
                    "routed_to" => "case_routed",
                    "status" => "case_status",
                    "owner" => "owner",
                    "due" => "due",
                    "reason" => "withdraw_reason",
                    _ => return None,
                })
            },
        );
        Ok(page)
    }
}

pub async fn show(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
    axum::extract::Query(saved): axum::extract::Query<Saved>,
) -> Result<CasePage, PageError> {
    let opened = Opened::new(state, lang, staff, &code, id).await?;
    let done = match (saved.sparat.as_str(), &opened.input.case.routed_to) {
        ("enhet", Some(unit)) => {
            Some(lang.t_args("staff-case-saved-unit-told", &[("unit", unit.clone())]))
        }
        ("1" | "enhet", _) => Some(lang.t("staff-case-saved")),
        _ => None,
    };
    opened
        .page(
            &stored_form(&opened.input),
            &WithdrawForm::default(),
            &[],
            done,
        )
        .await
}

/// What followers of the input's places are told of `update`: its action's new status
/// and its reply, when either changed (nothing else is news).
async fn change_notices(
    state: &AppState,
    tenant: &Tenant,
    input: &StoredInput,
    update: &CaseUpdate,
) -> Result<Vec<lofte_db::follows::Announcement>, PageError> {
    let Some(mailer) = &state.mailer else {
        return Ok(Vec::new());
    };
    let before = &input.case;
    let status = update
        .action
        .as_ref()
        .map(|a| a.status)
        .filter(|s| before.action.as_ref().map(|a| a.status) != Some(*s));
    let reply = update
        .reply
        .as_ref()
        .map(|r| r.as_str())
        .filter(|r| before.reply.as_deref() != Some(*r));
    if status.is_none() && reply.is_none() {
        return Ok(Vec::new());
    }
    let code = &tenant.municipality().code;
    Ok(crate::notices::input_notices(
        code,
        &state.db.places(code).await?,
        input,
        &input.text,
        &crate::notices::InputEvent::Changed { status, reply },
        mailer.public_url(),
    ))
}

/// The case update from the form, or every problem with it. The unit must be one of
/// `units`' names, or the one it is routed to already.
fn parse_case(form: &CaseForm, units: &[String]) -> Result<CaseUpdate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut optional = |path: &str, raw: &str, max: usize| match raw.trim() {
        "" => None,
        v => Text::parse(v, max)
            .map_err(|p| errors.push(FieldError::new(path, p)))
            .ok(),
    };
    let reply = optional("reply", &form.case_reply, Text::LONG);
    let routed_to = optional("routed_to", &form.case_routed, Text::SHORT);
    let owner = optional("owner", &form.owner, Text::SHORT);
    if routed_to
        .as_ref()
        .is_some_and(|r| !units.iter().any(|u| u == r.as_str()))
    {
        errors.push(FieldError::new("routed_to", Problem::Choice));
    }
    let due = super::forms::date_field(&mut errors, "due", &form.due, false);
    let action = match form.case_status.as_str() {
        "" => None,
        raw => match FindingStatus::parse(raw) {
            Err(p) => {
                errors.push(FieldError::new("status", p));
                None
            }
            Ok(status) => match owner {
                Some(owner) => Some(NewAction { owner, due, status }),
                None => {
                    if form.owner.trim().is_empty() {
                        errors.push(FieldError::new("owner", Problem::Required));
                    }
                    None
                }
            },
        },
    };
    if errors.is_empty() {
        Ok(CaseUpdate {
            reply,
            routed_to,
            action,
        })
    } else {
        Err(errors)
    }
}

pub async fn save(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
    Form(form): Form<CaseForm>,
) -> Result<Response, PageError> {
    let opened = Opened::new(state, lang, staff, &code, id).await?;
    let Opened {
        state,
        staff,
        tenant,
        input,
        ..
    } = &opened;
    let names: Vec<String> = opened
        .units
        .iter()
        .map(|u| u.name.clone())
        .chain(input.case.routed_to.clone())
        .collect();
    let parsed = match parse_case(&form, &names) {
        Ok(update) => {
            let to_unit = opened.unit_letter(&update).await?;
            Ok((update, to_unit))
        }
        Err(errors) => Err(errors),
    };
    let errors = match parsed {
        Ok((update, to_unit)) => match tenant
            .update_case(
                staff.actor,
                id,
                &update,
                &change_notices(state, tenant, input, &update).await?,
                to_unit.as_ref().map(|(to, letter)| (to.as_str(), letter)),
            )
            .await
        {
            Ok(()) => {
                let told = to_unit.is_some();
                if let Some(mailer) = &state.mailer {
                    mailer.wake();
                }
                if update
                    .action
                    .as_ref()
                    .is_some_and(|a| a.status == FindingStatus::Fixed)
                    && let Some(mailer) = &state.mailer
                {
                    // The resident may be asked at once: "Blev det gjort?".
                    crate::questions::queue_questions(&state.db, mailer, chrono::Utc::now())
                        .await?;
                }
                return Ok(Redirect::to(&format!(
                    "/personal/kommun/{}/synpunkter/{id}/arende?sparat={}",
                    tenant.municipality().code,
                    if told { "enhet" } else { "1" }
                ))
                .into_response());
            }
            Err(lofte_db::Error::NotFound) => {
                return Err(PageError::NotFound { lang, detail: None });
            }
            Err(e) => return Err(e.into()),
        },
        Err(errors) => errors,
    };
    let page = opened
        .page(&form, &WithdrawForm::default(), &errors, None)
        .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Extension(staff): Extension<Staff>,
    Path((code, id)): Path<(String, i32)>,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, PageError> {
    let opened = Opened::new(state, lang, staff, &code, id).await?;
    let reason = match form.withdraw_reason.trim() {
        "" => Err(Problem::Required),
        v => Text::parse(v, Text::SHORT),
    };
    match reason {
        Ok(reason) => {
            let tenant = &opened.tenant;
            match tenant.withdraw_input(opened.staff.actor, id, &reason).await {
                Ok(()) => {}
                Err(lofte_db::Error::NotFound) => {
                    return Err(PageError::NotFound { lang, detail: None });
                }
                Err(e) => return Err(e.into()),
            }
            Ok(Redirect::to(&format!(
                "/kommun/{}/synpunkter/{id}",
                tenant.municipality().code
            ))
            .into_response())
        }
        Err(problem) => {
            let page = opened
                .page(
                    &stored_form(&opened.input),
                    &form,
                    &[FieldError::new("reason", problem)],
                    None,
                )
                .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
