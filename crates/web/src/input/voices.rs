//! "Ni sa – vi gjorde": what residents said and what was done, on the promise page under
//! each commitment and focus area.

use lofte_domain::Place;
use lofte_i18n::Lang;

/// Puts linked inputs and findings on the promise page: under each commitment, and
/// under the focus areas for those linked to one of the promise's (`promise`) areas.
pub fn add_voices(
    lang: Lang,
    places: &[Place],
    promise: i32,
    view: &mut crate::views::PromiseView,
    inputs: &[lofte_db::citizen_inputs::StoredInput],
    findings: &[lofte_db::safety_walks::StoredFinding],
) {
    for c in view
        .parties
        .iter_mut()
        .flat_map(|p| p.commitments.iter_mut())
    {
        c.voices = voices(
            lang,
            places,
            inputs.iter().filter(|i| i.commitment == Some(c.id)),
            findings.iter().filter(|f| f.commitment == Some(c.id)),
        );
    }
    let about = |focus: &Option<lofte_db::links::FocusLink>, area: &str| {
        focus
            .as_ref()
            .is_some_and(|l| l.promise == promise && l.area == area)
    };
    view.focus_voices = view
        .focus_areas
        .iter()
        .filter_map(|(area, shown)| {
            voices(
                lang,
                places,
                inputs.iter().filter(|i| about(&i.focus, area)),
                findings.iter().filter(|f| about(&f.focus, area)),
            )
            .map(|v| (shown.clone(), v))
        })
        .collect();
}

/// What residents said and what was done, for one commitment or focus area; `None` when
/// nothing is linked to it.
fn voices<'a>(
    lang: Lang,
    places: &[Place],
    said: impl Iterator<Item = &'a lofte_db::citizen_inputs::StoredInput>,
    done: impl Iterator<Item = &'a lofte_db::safety_walks::StoredFinding>,
) -> Option<crate::views::Voices> {
    /// How many residents' texts are quoted; the list has them all.
    const QUOTED: usize = 3;
    let said: Vec<&lofte_db::citizen_inputs::StoredInput> = said.collect();
    let today = lofte_app::progress::today();
    let done: Vec<(String, String, &'static str)> = done
        .map(|f| {
            let mut status = lofte_app::words::finding_status_name(lang, f.status);
            // Open after the date it was promised by: said so, with the date.
            if let (true, Some(due)) = (f.overdue_on(today), f.due) {
                status = lang.t_args(
                    "finding-overdue",
                    &[("status", status), ("date", due.to_string())],
                );
            }
            (
                format!(
                    "{} · {}",
                    lofte_app::words::finding_category_name(lang, f.category),
                    crate::views::place_name(places, f.place.as_str())
                ),
                status,
                f.status.code(),
            )
        })
        .collect();
    if said.is_empty() && done.is_empty() {
        return None;
    }
    Some(crate::views::Voices {
        said_heading: (!said.is_empty())
            .then(|| lang.t_args("voices-said", &[("count", said.len().to_string())])),
        said: said.iter().take(QUOTED).map(|i| i.text.clone()).collect(),
        done,
    })
}
