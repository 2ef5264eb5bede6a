//! Reading a JSON document so that a person sees *every* problem at once, type errors
//! included, each with its path and a message in their language rather than serde's
//! English.
//!
//! serde stops at the first error. So the document is read as a `serde_json::Value`,
//! deserialised, and at each error the offending part is recorded and repaired in the
//! value (an unknown field removed; a wrong value replaced by the first of a few
//! placeholders that lets reading go past it), until the document reads or nothing more
//! can be repaired. The caller then runs the domain's own checks on the repaired
//! document and drops their problems under repaired paths, which are about the
//! placeholders, not the input.

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;

use crate::problem::{FieldError, Problem};

/// A document read past its structural problems.
#[derive(Debug)]
pub struct Lenient<T> {
    pub value: T,
    /// One problem per repaired place, in the order they were met.
    pub errors: Vec<FieldError>,
    repaired: Vec<String>,
}

/// Reads `json` as a wire document `D` and parses it with `into` (the domain's checks),
/// returning every problem of both: the structural ones, and the domain's except those
/// about a placeholder put in to read past a structural one.
pub fn parse<D: DeserializeOwned, T>(
    json: &str,
    into: impl FnOnce(D) -> Result<T, Vec<FieldError>>,
) -> Result<T, Vec<FieldError>> {
    let Lenient {
        value,
        mut errors,
        repaired,
    } = deserialize::<D>(json)?;
    match into(value) {
        Ok(parsed) if errors.is_empty() => Ok(parsed),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more.into_iter().filter(|e| {
                !repaired
                    .iter()
                    .any(|r| e.path == *r || is_within(&e.path, r))
            }));
            Err(errors)
        }
    }
}

/// Enough for any document a person wrote; a document with more problems gets these.
const MAX_REPAIRS: usize = 100;

/// Reads `json` as a `T`, past every structural problem that can be repaired. `Err` only
/// for text that is not JSON at all, or a problem no placeholder gets past.
pub fn deserialize<T: DeserializeOwned>(json: &str) -> Result<Lenient<T>, Vec<FieldError>> {
    let mut value: Value = serde_json::from_str(json).map_err(|e| {
        vec![FieldError::new(
            "",
            Problem::JsonSyntax {
                line: e.line(),
                column: e.column(),
            },
        )]
    })?;
    let mut errors = Vec::new();
    let mut repaired = Vec::new();
    for _ in 0..=MAX_REPAIRS {
        let error = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => {
                return Ok(Lenient {
                    value: t,
                    errors,
                    repaired,
                });
            }
            Err(error) => error,
        };
        let at: Vec<Step> = error.path().iter().filter_map(Step::of).collect();
        let message = error.into_inner().to_string();
        let (at, problem, fix) = classify(at, &message);
        let path = path_text(&at);
        // A placeholder of the wrong type (a text for a missing list) is replaced once
        // more, silently: the problem at this path is already told.
        let again = repaired.iter().filter(|r| **r == path).count();
        if again > 1 {
            return Err(errors);
        }
        // Inside a stand-in (the fields of an empty object put for a missing one), the
        // problem is the stand-in's, not the input's.
        if again == 0 && !repaired.iter().any(|r| is_within(&path, r)) {
            errors.push(FieldError::new(path.clone(), problem));
        }
        if !fix.apply(&mut value, &at) {
            return Err(errors);
        }
        repaired.push(path);
    }
    Err(errors)
}

/// Whether `path` lies inside the value at `outer` (`years.first` inside `years`).
fn is_within(path: &str, outer: &str) -> bool {
    path.strip_prefix(outer)
        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

impl Step {
    fn of(segment: &Segment) -> Option<Step> {
        match segment {
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Seq { index } => Some(Step::Index(*index)),
            // Externally tagged enums: the tag is a key of the object.
            Segment::Enum { variant } => Some(Step::Key(variant.clone())),
            Segment::Unknown => None,
        }
    }
}

fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        // An empty key is written `""`, so that it is still a place one can point to
        // (found by fuzzing: `{"": 2}` gave a problem without a path).
        let key = |k: &str| {
            if k.is_empty() {
                "\"\"".to_owned()
            } else {
                k.to_owned()
            }
        };
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(&key(k)),
            Step::Key(k) => {
                out.push('.');
                out.push_str(&key(k));
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// How to get past a problem in the value.
enum Fix {
    /// Remove the key at the path (an unknown field).
    Remove,
    /// Put the first of these at the path that reads past it.
    Replace(Vec<Value>),
}

impl Fix {
    fn apply(self, root: &mut Value, at: &[Step]) -> bool {
        let Some((last, parent)) = at.split_last() else {
            return false;
        };
        let Some(parent) = walk(root, parent) else {
            return false;
        };
        match (self, last, parent) {
            (Fix::Remove, Step::Key(k), Value::Object(map)) => map.remove(k).is_some(),
            (Fix::Replace(candidates), step, parent) => {
                let slot = match (step, parent) {
                    (Step::Key(k), Value::Object(map)) => {
                        map.entry(k.clone()).or_insert(Value::Null)
                    }
                    (Step::Index(i), Value::Array(items)) if *i < items.len() => &mut items[*i],
                    _ => return false,
                };
                // The caller tells whether the next read gets past it; the first
                // candidate is the likeliest for the type serde expected.
                match candidates.into_iter().next() {
                    Some(candidate) => {
                        *slot = candidate;
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }
}

fn walk<'a>(mut value: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    for step in steps {
        value = match (step, value) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// The words between backticks in a serde message: the field or variant named, then
/// the ones expected.
fn ticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// A placeholder of the type serde says it expected.
fn placeholder(expected: &str) -> Option<(Value, &'static str)> {
    let e = expected;
    if [
        "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "integer",
    ]
    .iter()
    .any(|t| e.contains(t))
    {
        Some((Value::from(1), "number"))
    } else if e.contains("f64") || e.contains("f32") || e.contains("floating") {
        Some((Value::from(1.0), "number"))
    } else if e.contains("a string") || e.contains("a borrowed string") || e.contains("date") {
        Some((Value::from("2000-01-01"), "text"))
    } else if e.contains("a sequence") {
        Some((Value::Array(Vec::new()), "list"))
    } else if e.contains("struct") || e.contains("a map") {
        Some((Value::Object(Default::default()), "object"))
    } else if e.contains("a boolean") {
        Some((Value::Bool(false), "boolean"))
    } else {
        None
    }
}

/// The problem a serde message describes, where it is, and how to get past it.
fn classify(mut at: Vec<Step>, message: &str) -> (Vec<Step>, Problem, Fix) {
    let words = ticked(message);
    if message.starts_with("unknown field") {
        let field = words.first().copied().unwrap_or_default().to_owned();
        if at.last() != Some(&Step::Key(field.clone())) {
            at.push(Step::Key(field.clone()));
        }
        let allowed = words.get(1..).unwrap_or_default().join(", ");
        return (
            at,
            Problem::UnknownField {
                value: field,
                allowed,
            },
            Fix::Remove,
        );
    }
    if message.starts_with("missing field") {
        let field = words.first().copied().unwrap_or_default().to_owned();
        at.push(Step::Key(field));
        // The type is not said; a text is the commonest required field.
        return (at, Problem::Required, Fix::Replace(vec![Value::from("x")]));
    }
    if message.starts_with("unknown variant") {
        let value = words.first().copied().unwrap_or_default().to_owned();
        let allowed: Vec<&str> = words.get(1..).unwrap_or_default().to_vec();
        // An enum read from a tag key (`{"partner": …}`) stopped inside the tag:
        // replace the whole value.
        if at.last() == Some(&Step::Key(value.clone())) {
            at.pop();
        }
        let first = allowed
            .first()
            .map(|v| Value::from(*v))
            .into_iter()
            .collect();
        return (
            at,
            Problem::NotOneOf {
                value,
                allowed: allowed.join(", "),
            },
            Fix::Replace(first),
        );
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return (
            at,
            Problem::WrongType {
                expected: "text-or-list".into(),
            },
            Fix::Replace(vec![Value::from("x")]),
        );
    }
    if let Some(expected) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .or_else(|| message.strip_prefix("invalid length "))
        .and_then(|rest| rest.split_once(", expected ").map(|(_, e)| e))
        && let Some((candidate, kind)) = placeholder(expected)
    {
        let problem = if message.starts_with("invalid value: integer") && kind == "number" {
            Problem::Number
        } else {
            Problem::WrongType {
                expected: kind.into(),
            }
        };
        return (at, problem, Fix::Replace(vec![candidate]));
    }
    // chrono's words for a time that does not parse (RFC 3339 in the API).
    if [
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is out of range",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
    ]
    .contains(&message)
    {
        return (
            at,
            Problem::DateTime,
            Fix::Replace(vec![Value::from("2000-01-01T00:00:00Z")]),
        );
    }
    (
        at,
        Problem::Malformed {
            detail: message.to_owned(),
        },
        Fix::Replace(Vec::new()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        count: u32,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        kind: Kind,
        size: Option<u32>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Small,
        Large,
    }

    fn problems(json: &str) -> Vec<(String, &'static str)> {
        match deserialize::<Doc>(json) {
            Ok(l) => l.errors,
            Err(e) => e,
        }
        .iter()
        .map(|e| (e.path.clone(), e.problem.code()))
        .collect()
    }

    #[test]
    fn every_structural_problem_is_found_in_one_pass() {
        let found = problems(
            r#"{ "count": "tio", "age": 3,
                 "items": [ { "kind": "medium", "size": -1 }, { "kind": "small", "colour": 1 } ] }"#,
        );
        assert_eq!(
            found,
            [
                ("age".to_owned(), "unknown-field"),
                ("count".to_owned(), "wrong-type"),
                ("items[0].kind".to_owned(), "not-one-of"),
                ("items[0].size".to_owned(), "number"),
                ("items[1].colour".to_owned(), "unknown-field"),
                ("name".to_owned(), "required"),
            ]
        );
    }

    #[test]
    fn an_empty_field_name_is_named_as_such() {
        let found = problems(r#"{ "name": "a", "count": 1, "": 2 }"#);
        assert_eq!(found, [("\"\"".to_owned(), "unknown-field")]);
    }

    #[test]
    fn text_that_is_not_json_says_where() {
        let errors = deserialize::<Doc>("{ \"name\": \"a\",\n  \"count\": 1,, }").unwrap_err();
        assert_eq!(
            errors[0].problem,
            Problem::JsonSyntax {
                line: 2,
                column: 14
            }
        );
    }

    #[test]
    fn a_valid_document_reads_without_problems() {
        let l = deserialize::<Doc>(r#"{ "name": "a", "count": 2 }"#).unwrap();
        assert!(l.errors.is_empty());
        assert_eq!(l.value.count, 2);
    }
}
