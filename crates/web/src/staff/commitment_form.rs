//! The commitment form's values: read from a stored commitment, and parsed back into one
//! with every problem on its field (text, party, kind, target and its conditions).

use lofte_domain::exchange::{
    ActivitiesDocument, BetterDocument, CommitmentDocument, HoursDocument,
    IncidentIndicatorDocument, KindDocument, MethodDocument, PartyDocument, ScopeDocument,
    TargetDocument, WhenDocument,
};
use lofte_domain::{Commitment, FieldError, Problem};
use serde::Deserialize;

use super::forms::optional_text;
use super::forms::{form_and_document_errors, optional_number};

// ---- Editing one commitment ----

#[derive(Deserialize, Default)]
pub struct CommitmentForm {
    #[serde(default)]
    pub(super) version: String,
    #[serde(default)]
    pub(super) party: String,
    #[serde(default)]
    pub(super) partner: String,
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) text: String,
    #[serde(default)]
    pub(super) local_plan: String,
    #[serde(default)]
    pub(super) english_text: String,
    #[serde(default)]
    pub(super) target_activity: String,
    #[serde(default)]
    pub(super) target_at_least: String,
    /// More activity types that count, besides `target_activity`.
    #[serde(default)]
    pub(super) target_also: Vec<String>,
    #[serde(default)]
    pub(super) target_measure: String,
    #[serde(default)]
    pub(super) target_per: String,
    #[serde(default)]
    pub(super) when_months: Vec<String>,
    #[serde(default)]
    pub(super) when_weekdays: Vec<String>,
    #[serde(default)]
    pub(super) hours_from: String,
    #[serde(default)]
    pub(super) hours_to: String,
    #[serde(default)]
    pub(super) method_code: String,
    #[serde(default)]
    pub(super) method_min: String,
    #[serde(default)]
    pub(super) method_max: String,
    #[serde(default)]
    pub(super) scope: String,
    /// Repeated `scope_places` fields, one per ticked place.
    #[serde(default)]
    pub(super) scope_places: Vec<String>,
    #[serde(default)]
    pub(super) emphasis: String,
    #[serde(default)]
    pub(super) emphasis_places: Vec<String>,
    /// What measures it in the situation picture: the incident categories counted (none:
    /// not measured), at these places (none: everywhere), in these hours, against a year.
    #[serde(default)]
    pub(super) indicator_categories: Vec<String>,
    #[serde(default)]
    pub(super) indicator_places: Vec<String>,
    #[serde(default)]
    pub(super) indicator_from: String,
    #[serde(default)]
    pub(super) indicator_to: String,
    #[serde(default)]
    pub(super) indicator_baseline: String,
    /// `lower` (fewer reports is better, the default) or `higher`.
    #[serde(default)]
    pub(super) indicator_better: String,
}

pub(super) fn scope_parts(scope: &ScopeDocument) -> (String, Vec<String>) {
    match scope {
        ScopeDocument::Anywhere => ("anywhere".into(), Vec::new()),
        ScopeDocument::OutlyingVillages => ("outlying_villages".into(), Vec::new()),
        ScopeDocument::Places(p) => ("places".into(), p.clone()),
    }
}

fn scope_from(kind: &str, places: &[String]) -> Option<ScopeDocument> {
    match kind {
        "outlying_villages" => Some(ScopeDocument::OutlyingVillages),
        "places" => Some(ScopeDocument::Places(
            places
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        "anywhere" => Some(ScopeDocument::Anywhere),
        _ => None,
    }
}

impl CommitmentForm {
    pub(super) fn from_commitment(c: &Commitment, version: i32) -> Self {
        let d = CommitmentDocument::from(c);
        let (party, partner) = match d.party {
            PartyDocument::Together => ("together", String::new()),
            PartyDocument::Police => ("police", String::new()),
            PartyDocument::Municipality => ("municipality", String::new()),
            PartyDocument::Partner(name) => ("partner", name),
        };
        let mut form = CommitmentForm {
            version: version.to_string(),
            party: party.into(),
            partner,
            kind: c.kind.as_str().into(),
            text: d.text,
            local_plan: d.local_plan.unwrap_or_default(),
            english_text: d.english.map(|e| e.text).unwrap_or_default(),
            scope: "anywhere".into(),
            emphasis: String::new(),
            ..Default::default()
        };
        if let Some(t) = d.target {
            (form.target_activity, form.target_also) = match t.activity {
                ActivitiesDocument::One(code) => (code, Vec::new()),
                ActivitiesDocument::Many(mut codes) => {
                    let first = if codes.is_empty() {
                        String::new()
                    } else {
                        codes.remove(0)
                    };
                    (first, codes)
                }
            };
            form.target_at_least = t.at_least.map(|n| n.to_string()).unwrap_or_default();
            form.target_measure = t.measure.unwrap_or_else(|| "count".into());
            form.target_per = t.per.unwrap_or_else(|| "span".into());
            if let Some(w) = t.when {
                form.when_months = w.months.iter().map(u32::to_string).collect();
                form.when_weekdays = w.weekdays;
                if let Some(h) = w.hours {
                    (form.hours_from, form.hours_to) = (h.from, h.to);
                }
            }
            if let Some(m) = t.method {
                form.method_code = m.code;
                form.method_min = m.min_minutes.to_string();
                form.method_max = m.max_minutes.to_string();
            }
            (form.scope, form.scope_places) = scope_parts(&t.scope);
            if let Some(e) = &t.emphasis {
                (form.emphasis, form.emphasis_places) = scope_parts(e);
            }
        }
        if let Some(i) = d.incident_indicator {
            form.indicator_categories = i.categories;
            form.indicator_places = i.places;
            if let Some(h) = i.hours {
                (form.indicator_from, form.indicator_to) = (h.from, h.to);
            }
            form.indicator_baseline = i.baseline_year.to_string();
            form.indicator_better = match i.better {
                Some(BetterDocument::Higher) => "higher".into(),
                _ => "lower".into(),
            };
        }
        form
    }

    /// The indicator the form names, if it names any part of one; a missing baseline
    /// year is pushed to `errors` (the document's own check reports the rest).
    fn indicator(&self, errors: &mut Vec<FieldError>) -> Option<IncidentIndicatorDocument> {
        let listed = |values: &[String]| -> Vec<String> {
            values
                .iter()
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let categories = listed(&self.indicator_categories);
        let places = listed(&self.indicator_places);
        let (from, to) = (self.indicator_from.trim(), self.indicator_to.trim());
        let baseline = self.indicator_baseline.trim();
        if categories.is_empty()
            && places.is_empty()
            && from.is_empty()
            && to.is_empty()
            && baseline.is_empty()
        {
            return None;
        }
        // Without a year the document could not be read; the error names the field,
        // and a placeholder lets the document report its other problems.
        let baseline_year = match optional_number::<i32>(baseline) {
            Ok(Some(year)) => year,
            Ok(None) => {
                errors.push(FieldError::new(
                    "incident_indicator.baseline_year",
                    Problem::Required,
                ));
                lofte_domain::Year::MIN
            }
            Err(p) => {
                errors.push(FieldError::new("incident_indicator.baseline_year", p));
                lofte_domain::Year::MIN
            }
        };
        Some(IncidentIndicatorDocument {
            categories,
            places,
            hours: (!from.is_empty() || !to.is_empty()).then(|| HoursDocument {
                from: from.to_owned(),
                to: to.to_owned(),
            }),
            baseline_year,
            better: (self.indicator_better.trim() == "higher").then_some(BetterDocument::Higher),
        })
    }

    pub(super) fn apply(&self) -> Result<Commitment, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut number = |path: &str, raw: &str| match optional_number::<u32>(raw) {
            Ok(n) => n,
            Err(p) => {
                errors.push(FieldError::new(path, p));
                None
            }
        };
        let at_least = number("target.at_least", &self.target_at_least);
        let min = number("target.method.min_minutes", &self.method_min);
        let max = number("target.method.max_minutes", &self.method_max);
        let months: Vec<u32> = self
            .when_months
            .iter()
            .filter_map(|m| {
                m.trim()
                    .parse()
                    .map_err(|_| {
                        errors.push(FieldError::new("target.when.months", Problem::Choice))
                    })
                    .ok()
            })
            .collect();
        let first = self.target_activity.trim();
        let mut codes = vec![first.to_owned()];
        for also in &self.target_also {
            let also = also.trim();
            if !also.is_empty() && !codes.iter().any(|c| c == also) {
                codes.push(also.to_owned());
            }
        }
        let hours = match (self.hours_from.trim(), self.hours_to.trim()) {
            ("", "") => None,
            (from, to) => Some(HoursDocument {
                from: from.to_owned(),
                to: to.to_owned(),
            }),
        };
        let when = WhenDocument {
            months,
            weekdays: self
                .when_weekdays
                .iter()
                .map(|d| d.trim().to_owned())
                .collect(),
            hours,
        };
        let word = |raw: &str, default: &str| {
            Some(raw.trim().to_owned()).filter(|w| !w.is_empty() && w != default)
        };
        let target = (!first.is_empty()).then(|| TargetDocument {
            activity: if codes.len() == 1 {
                ActivitiesDocument::One(first.to_owned())
            } else {
                ActivitiesDocument::Many(codes)
            },
            at_least,
            when: (when != WhenDocument::default()).then_some(when),
            per: word(&self.target_per, "span"),
            measure: word(&self.target_measure, "count"),
            method: (!self.method_code.trim().is_empty()).then(|| MethodDocument {
                code: self.method_code.trim().to_owned(),
                min_minutes: min.unwrap_or(0),
                max_minutes: max.unwrap_or(0),
            }),
            scope: scope_from(&self.scope, &self.scope_places).unwrap_or_default(),
            emphasis: scope_from(&self.emphasis, &self.emphasis_places),
        });
        let doc = CommitmentDocument {
            party: match self.party.as_str() {
                "police" => PartyDocument::Police,
                "municipality" => PartyDocument::Municipality,
                "partner" => PartyDocument::Partner(self.partner.clone()),
                _ => PartyDocument::Together,
            },
            text: self.text.clone(),
            kind: match self.kind.as_str() {
                "output" => KindDocument::Output,
                "outcome" => KindDocument::Outcome,
                _ => KindDocument::Process,
            },
            target,
            local_plan: optional_text(&self.local_plan),
            english: optional_text(&self.english_text)
                .map(|text| lofte_domain::exchange::CommitmentEnglishDocument { text }),
            incident_indicator: self.indicator(&mut errors),
        };
        match doc.into_commitment() {
            Ok(c) if errors.is_empty() => Ok(c),
            Ok(_) => Err(errors),
            Err(more) => Err(form_and_document_errors(errors, more)),
        }
    }
}

pub(super) fn commitment_field(path: &str) -> Option<&'static str> {
    Some(match path {
        "text" => "text",
        "local_plan" => "local_plan",
        "english.text" => "english_text",
        "party.partner" => "partner",
        "target.activity" | "target.activity[0]" => "target_activity",
        p if p.starts_with("target.activity[") => "target_also",
        "target.at_least" => "target_at_least",
        "target.measure" => "target_measure",
        "target.per" => "target_per",
        p if p.starts_with("target.when.months") => "when_months",
        p if p.starts_with("target.when.weekdays") => "when_weekdays",
        "target.when.hours.from" => "hours_from",
        "target.when.hours.to" | "target.when.hours" => "hours_to",
        "target.method.code" => "method_code",
        "target.method.min_minutes" | "target.method" => "method_min",
        "target.method.max_minutes" => "method_max",
        p if p.starts_with("target.scope") => "scope_places",
        p if p.starts_with("target.emphasis") => "emphasis_places",
        p if p.starts_with("incident_indicator.categories") => "indicator_categories",
        p if p.starts_with("incident_indicator.places") => "indicator_places",
        "incident_indicator.hours.from" => "indicator_from",
        "incident_indicator.hours.to" | "incident_indicator.hours" => "indicator_to",
        "incident_indicator.baseline_year" => "indicator_baseline",
        _ => return None,
    })
}
