//! Errors a user can fix, worded in their language.

use lofte_domain::FieldError;
use lofte_i18n::Lang;

/// Every problem of a refused file, one line each with its line and column.
pub(crate) fn cell_errors(
    lang: Lang,
    name: &str,
    errors: &[lofte_db::activities::CellError],
) -> UserError {
    let mut message = lang.t_args("cli-invalid-file", &[("file", name.to_owned())]);
    for e in errors {
        message.push_str("\n  ");
        let text = lang.problem(&e.problem);
        message.push_str(&if e.column.is_empty() {
            lang.t_args(
                "csv-row",
                &[("line", e.line.to_string()), ("message", text)],
            )
        } else {
            lang.t_args(
                "csv-cell",
                &[
                    ("line", e.line.to_string()),
                    ("column", e.column.clone()),
                    ("message", text),
                ],
            )
        });
    }
    if errors.len() >= lofte_db::activities::MAX_LISTED {
        message.push_str("\n  ");
        message.push_str(&lang.t("cli-more-errors"));
    }
    UserError(message)
}

/// A failure the user can fix, already worded for them.
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

pub(crate) fn invalid(lang: Lang, file: &str, errors: &[FieldError]) -> anyhow::Error {
    let mut message = lang.t_args("cli-invalid-file", &[("file", file.to_owned())]);
    for e in errors {
        message.push_str("\n  ");
        message.push_str(&lang.field_error(e));
    }
    UserError(message).into()
}

pub(crate) fn user_error(lang: Lang, what: &str, problem: lofte_domain::Problem) -> anyhow::Error {
    UserError(format!("{what}: {}", lang.problem(&problem))).into()
}
