//! "Blev det gjort?": the one question a resident who left an address is asked about
//! their input, and the page where they answer it.
//!
//! The question is queued when the input's action is marked fixed, or four weeks after
//! it was published (`Db::due_questions`), by whichever comes first; the server looks
//! for due questions with the digests (`lofte_web::serve`). The link is signed over the
//! input and the moment the address was left (`lofte_mail::links`), and works until the
//! resident answers or the address is deleted; the answer deletes it. A GET shows three
//! buttons, since mail scanners open links; the POST answers.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Utc};
use lofte_db::Db;
use lofte_db::citizen_inputs::StoredInput;
use lofte_db::input_cases::Question;
use lofte_domain::citizen::ResidentAnswer;
use lofte_i18n::Lang;
use lofte_mail::Mailer;
use lofte_mail::links::paths;
use serde::Deserialize;

use crate::AppState;
use crate::error::PageError;
use crate::lang::UiLang;
use crate::letters::{Parts, letter, mailer};
use crate::message::MessagePage;
use crate::policy::{Policy, Routes};

pub fn routes(state: AppState) -> Routes {
    Routes::new(state).get(
        "/synpunkt/svar/{token}",
        Policy::Public,
        get(question_page).post(answer),
    )
}

/// Queues every question due at `now`; returns how many.
pub async fn queue_questions(
    db: &Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<usize, lofte_db::Error> {
    let mut queued = 0;
    for question in db.due_questions(now).await? {
        let Some(tenant) = db.tenant_named(&question.municipality_code).await? else {
            continue;
        };
        let lang = Lang::from_tag(&question.lang).unwrap_or(Lang::Sv);
        let letter = question_letter(lang, mailer, &question, &tenant.municipality().name);
        if db.queue_question(&question, &letter, now).await? {
            queued += 1;
        }
    }
    if queued > 0 {
        mailer.wake();
    }
    Ok(queued)
}

fn question_letter(
    lang: Lang,
    mailer: &Mailer,
    question: &Question,
    municipality: &impl std::fmt::Display,
) -> lofte_db::mail::Letter {
    let public = mailer.public_url();
    let input = &question.input;
    let reference = crate::input::reference(&question.municipality_code, input.id);
    let token = mailer.links().answer_token(input.id, question.since);
    let mut paragraphs = vec![
        lang.t_args(
            "question-body",
            &[
                ("municipality", municipality.to_string()),
                ("reference", reference.clone()),
                ("date", crate::views::stockholm_date(input.received_at)),
            ],
        ),
        format!("”{}”", input.text),
    ];
    if let Some(reply) = &input.case.reply {
        paragraphs.push(lang.t_args("question-reply", &[("reply", reply.clone())]));
    }
    paragraphs.push(lang.t("question-why"));
    letter(
        "input_question",
        lang,
        Parts {
            subject: lang.t_args(
                "question-subject",
                &[
                    ("municipality", municipality.to_string()),
                    ("reference", reference),
                ],
            ),
            paragraphs,
            items: Vec::new(),
            link: Some((
                lang.t("question-link"),
                format!("{public}{}", paths::answer(&token)),
            )),
        },
    )
}

/// The link page for a token that is altered, spent or expired: nothing was changed.
fn link_gone(lang: Lang, path: &str) -> Response {
    MessagePage::new(lang, path, lang.t("question-gone-title"))
        .says(lang.t("question-gone"))
        .link(lang.t("nav-home"), "/".into())
        .with_status(StatusCode::NOT_FOUND)
}

/// The input an answer token names, if it may still be answered: its municipality's
/// code, the input, and when its address was left.
async fn asked(
    state: &AppState,
    lang: Lang,
    token: &str,
) -> Result<Option<(String, StoredInput, i64)>, PageError> {
    let mailer = mailer(state, lang)?;
    let Some((input, since)) = mailer.links().parse_answer_token(token) else {
        return Ok(None);
    };
    Ok(state
        .db
        .asked_input(input, since)
        .await?
        .map(|(code, input)| (code, input, since)))
}

async fn question_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let path = paths::answer(&token);
    let Some((code, StoredInput { id, text, .. }, _)) = asked(&state, lang, &token).await? else {
        return Ok(link_gone(lang, &path));
    };
    let reference = crate::input::reference(&code, id);
    let mut page = MessagePage::new(lang, &path, lang.t("question-title"))
        .says(lang.t_args("question-intro", &[("reference", reference)]))
        .says(format!("”{text}”"));
    for answer in ResidentAnswer::ALL {
        page = page.button_sending(
            path.clone(),
            lang.name(answer),
            vec![("svar".to_owned(), answer.code().to_owned())],
        );
    }
    Ok(page
        .says(lang.t("question-public"))
        .link(
            lang.t("question-see-input"),
            format!("/kommun/{code}/synpunkter/{id}"),
        )
        .with_status(StatusCode::OK))
}

#[derive(Deserialize)]
struct AnswerForm {
    #[serde(default)]
    svar: String,
}

async fn answer(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(token): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    let path = paths::answer(&token);
    let Ok(answer) = ResidentAnswer::parse(&form.svar) else {
        return Err(PageError::Rejected {
            lang,
            status: StatusCode::BAD_REQUEST,
        });
    };
    let Some((code, StoredInput { id, .. }, since)) = asked(&state, lang, &token).await? else {
        return Ok(link_gone(lang, &path));
    };
    if !state.db.answer_question(id, since, answer).await? {
        return Ok(link_gone(lang, &path));
    }
    Ok(
        MessagePage::new(lang, &path, lang.t("question-thanks-title"))
            .says(lang.t_args(
                "question-thanks",
                &[("answer", lang.name(&answer).to_lowercase())],
            ))
            .link(
                lang.t("question-see-input"),
                format!("/kommun/{code}/synpunkter/{id}"),
            )
            .with_status(StatusCode::OK),
    )
}
