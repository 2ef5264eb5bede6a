//! Every message is asked for, and every message asked for exists, in both languages.
//!
//! Message ids are written out in full in the code (see `lofte_i18n::labels`), so this
//! test can read the workspace's sources and templates as text: a Fluent message that no
//! source names is unused, and an id a source asks for that no Fluent file defines
//! would show a reader "Unknown localization key".

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use lofte_i18n::labels;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            // Tests may name messages to check them; that is no use.
            if !["tests", "target", "node_modules", "locales"].contains(&name.as_str()) {
                files(&path, out);
            }
        } else if [".rs", ".html", ".typ", ".js"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            out.push(path);
        }
    }
}

/// The sources and templates of every crate, as one text.
fn sources() -> String {
    let mut paths = Vec::new();
    files(&crates_dir(), &mut paths);
    paths
        .iter()
        .filter(|p| !p.ends_with("i18n/tests/messages.rs"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Message ids a Fluent file defines, and those its messages refer to (`{ other-id }`).
fn fluent(lang: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let (mut defined, mut referred) = (BTreeSet::new(), BTreeSet::new());
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once('=')
                && !line.starts_with([' ', '#', '.'])
                && !id.trim().is_empty()
            {
                defined.insert(id.trim().to_owned());
            }
            let mut rest = line;
            while let Some(start) = rest.find('{') {
                let inner = &rest[start + 1..];
                let end = inner.find('}').unwrap_or(inner.len());
                let reference = inner[..end].trim();
                if reference
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    && reference.starts_with(|c: char| c.is_ascii_lowercase())
                {
                    referred.insert(reference.to_owned());
                }
                rest = &inner[end..];
            }
        }
    }
    (defined, referred)
}

fn is_id_char(c: u8) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_'
}

/// Every quoted text in `source` that could be a message id: `"` and id characters up
/// to the next `"`.
fn quoted(source: &str) -> BTreeSet<String> {
    let bytes = source.as_bytes();
    let mut found = BTreeSet::new();
    for (i, _) in source.match_indices('"') {
        let start = i + 1;
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|c| is_id_char(**c))
                .count();
        if end > start && bytes.get(end) == Some(&b'"') {
            found.insert(source[start..end].to_owned());
        }
    }
    found
}

/// The ids the sources ask for by name: `t("…")`, `t_args("…"`, `try_t("…")` (the
/// method or a closure of that name, not `expect("…")`).
fn asked_for(source: &str) -> BTreeSet<String> {
    let bytes = source.as_bytes();
    let mut found = BTreeSet::new();
    for call in ["t(\"", "t_args(\"", "try_t(\""] {
        for (i, _) in source.match_indices(call) {
            let before = i.checked_sub(1).map(|b| bytes[b]);
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_') {
                continue;
            }
            let rest = &source[i + call.len()..];
            found.insert(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    found
}

fn families() -> Vec<&'static labels::Family> {
    use labels::*;
    vec![
        &PROGRESS_STATUS,
        &PROMISE_STATUS,
        &TRANSITION,
        &SUMMARY,
        &INPUT_STATUS,
        &INPUT_CATEGORY,
        &AGE_BAND,
        &GENDER,
        &INPUTS_EXPORT_KIND,
        &INPUTS_EXPORT_PRECISION,
        &MONTH_LONG,
        &MONTH_SHORT,
        &WEEKDAY_PLURAL,
        &FIELD_HINT,
        &FIELD_FOLLOW_UP,
        &FIELD,
        &PLACE_KIND,
        &DIALOGUE_FORMAT,
        &ROLE,
        &EXCLUSION_ONE,
        &EXCLUSION,
        &CHANGE_FIELD,
        &OUTCOME_VERDICT,
        &BETTER,
        &PERIOD,
        &METHOD,
        &FINDING_CATEGORY,
        &FINDING_STATUS,
        &PROBLEM,
        &ACTIVITY_NAME,
        &ACTIVITY_COUNT,
        &MEASURE_NOUN,
        &MEASURE_AMOUNT,
        &LOG_TYPE,
        &A11Y_COMPLIANCE,
        &INCIDENT_CATEGORY,
    ]
}

#[test]
fn every_message_is_asked_for_by_its_whole_id() {
    let source = sources();
    let named = quoted(&source);
    for lang in ["sv", "en"] {
        let (defined, referred) = fluent(lang);
        let unused: Vec<&String> = defined
            .iter()
            .filter(|id| !named.contains(*id) && !referred.contains(*id))
            .collect();
        assert!(
            unused.is_empty(),
            "{lang}: messages nothing asks for: {unused:?}"
        );
    }
}

#[test]
fn every_message_asked_for_exists_in_both_languages() {
    let source = sources();
    let mut asked = asked_for(&source);
    for family in families() {
        asked.extend(family.ids().map(str::to_owned));
    }
    assert!(asked.len() > 500, "the sources were read: {}", asked.len());
    for lang in ["sv", "en"] {
        let (defined, _) = fluent(lang);
        let missing: Vec<&String> = asked.iter().filter(|id| !defined.contains(*id)).collect();
        assert!(
            missing.is_empty(),
            "{lang}: asked for but not defined: {missing:?}"
        );
    }
}

/// Every value of every domain type that people read by name has its message.
#[test]
fn every_named_value_has_a_message() {
    use lofte_domain::citizen::{
        AgeBand, DialogueFormat, Gender, InputCategory, InputStatus, ResidentAnswer,
    };
    use lofte_domain::followup::{Exclusion, ProgressStatus, Verdict};
    use lofte_domain::stats::{Better, OutcomeVerdict};
    use lofte_domain::walk::{FindingCategory, FindingStatus};
    use lofte_domain::{PlaceKind, PromiseStatus, Role};
    use lofte_i18n::{Lang, Named};
    use strum::IntoEnumIterator;

    fn all<N: Named>(values: impl IntoIterator<Item = N>) -> Vec<String> {
        values
            .into_iter()
            .flat_map(|v| {
                Lang::ALL.map(|lang| {
                    let name = lang.name(&v);
                    assert_ne!(name, v.code(), "{} has no message", v.code());
                    name
                })
            })
            .collect()
    }
    let mut named = Vec::new();
    named.extend(all(ProgressStatus::iter()));
    named.extend(all(Verdict::iter()));
    named.extend(all(Exclusion::iter()));
    named.extend(all(Better::iter()));
    named.extend(all(OutcomeVerdict::iter()));
    named.extend(all(FindingStatus::iter()));
    named.extend(all(FindingCategory::ALL));
    named.extend(all(PromiseStatus::ALL));
    named.extend(all(PlaceKind::ALL));
    named.extend(all(Role::ALL));
    named.extend(all(InputCategory::ALL.iter()));
    named.extend(all(AgeBand::ALL.iter()));
    named.extend(all(Gender::ALL.iter()));
    named.extend(all(InputStatus::ALL.iter()));
    named.extend(all(ResidentAnswer::ALL.iter()));
    named.extend(all(DialogueFormat::ALL.iter()));
    named.extend(all(lofte_domain::incident::IncidentCategory::iter()));
    named.extend(all(lofte_domain::police_event::Assigned::iter()));
    assert!(
        named
            .iter()
            .all(|n| !n.is_empty() && !n.contains("Unknown localization"))
    );
}
