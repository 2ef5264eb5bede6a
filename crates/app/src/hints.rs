//! Hints for writing commitments that can be followed up (`lofte_domain::lint`), with
//! what they are checked against in this installation and in words.

use chrono::{Duration, NaiveDate};
use lofte_db::Tenant;
use lofte_domain::Place;
use lofte_domain::lint::{Hint, HintCode, LintContext};
use lofte_i18n::Lang;

/// The municipality's place names and the activity types logged there in the year up to
/// `today`.
pub async fn context(
    tenant: &Tenant,
    places: &[Place],
    today: NaiveDate,
) -> lofte_db::Result<LintContext> {
    Ok(LintContext {
        place_names: places
            .iter()
            .map(|p| p.name.as_str().to_lowercase())
            .collect(),
        logged_types: Some(
            tenant
                .logged_types(today - Duration::days(365), today)
                .await?,
        ),
    })
}

/// A hint in words: what was found, and what to do about it.
pub fn words(lang: Lang, code: HintCode, value: Option<&str>) -> (String, String) {
    let message = lang.label_args(
        &lofte_i18n::labels::HINT,
        code.code(),
        &[("value", value.unwrap_or_default().to_owned())],
    );
    let suggestion = lang.label(&lofte_i18n::labels::HINT_SUGGESTION, code.code());
    (message, suggestion)
}

/// The hints of a whole promise's commitment `index`, in words.
pub fn of_commitment(lang: Lang, hints: &[Hint], index: usize) -> Vec<(String, String)> {
    let path = format!("commitments[{index}]");
    hints
        .iter()
        .filter(|h| h.path == path)
        .map(|h| words(lang, h.code, h.value.as_deref()))
        .collect()
}
