//! The codebook as a document (JSON), parsed with every problem by path.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::problem::{Errors, FieldError, Problem};
use crate::text::Text;

use super::*;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LabelDocument {
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupDocument {
    pub code: u16,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerDocument {
    pub value: u8,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub missing: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemDocument {
    pub code: String,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
    pub answers: Vec<AnswerDocument>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorDocument {
    pub code: String,
    pub sv: String,
    /// English; the Swedish is shown where it is left out.
    #[serde(default)]
    pub en: String,
    #[serde(flatten)]
    pub kind: IndicatorKindDocument,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorKindDocument {
    Share {
        item: String,
        categories: Vec<u8>,
    },
    Mean {
        item: String,
    },
    Index {
        items: Vec<String>,
        min_answered: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CodebookDocument {
    pub title: LabelDocument,
    pub areas: Vec<GroupDocument>,
    pub genders: Vec<GroupDocument>,
    pub age_bands: Vec<GroupDocument>,
    pub items: Vec<ItemDocument>,
    pub indicators: Vec<IndicatorDocument>,
}

/// Parses a codebook from JSON, every problem with its path.
pub fn parse_codebook_json(json: &str) -> Result<Codebook, Vec<FieldError>> {
    crate::lenient::parse(json, CodebookDocument::into_codebook)
}

/// A label; English is optional, and the Swedish stands in for it when left out.
pub(crate) fn label(e: &mut Errors, path: &str, sv: &str, en: &str) -> Option<Label> {
    let sv = e.take(format!("{path}.sv"), Text::parse(sv, Text::SHORT));
    let en = match en.trim() {
        "" => sv.clone(),
        en => e.take(format!("{path}.en"), Text::parse(en, Text::SHORT)),
    };
    Some(Label { sv: sv?, en: en? })
}

impl CodebookDocument {
    pub const MAX_ITEMS: usize = 200;
    pub const MAX_GROUPS: usize = 500;

    pub fn into_codebook(self) -> Result<Codebook, Vec<FieldError>> {
        let mut e = Errors::default();
        let title = label(&mut e, "title", &self.title.sv, &self.title.en);
        let groups = |e: &mut Errors, name: &str, docs: &[GroupDocument]| {
            if docs.len() > Self::MAX_GROUPS {
                e.push(
                    name,
                    Problem::TooMany {
                        max: Self::MAX_GROUPS,
                    },
                );
            }
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            for (i, g) in docs.iter().enumerate() {
                let path = format!("{name}[{i}]");
                if g.code == 0 || g.code > MAX_GROUP_CODE {
                    e.push(
                        format!("{path}.code"),
                        Problem::OutOfRange {
                            min: 1,
                            max: i64::from(MAX_GROUP_CODE),
                        },
                    );
                } else if !seen.insert(g.code) {
                    e.push(
                        format!("{path}.code"),
                        Problem::Duplicate {
                            value: g.code.to_string(),
                        },
                    );
                }
                if let Some(label) = label(e, &path, &g.sv, &g.en) {
                    out.push(GroupCode {
                        code: g.code,
                        label,
                    });
                }
            }
            out
        };
        let areas = groups(&mut e, "areas", &self.areas);
        let genders = groups(&mut e, "genders", &self.genders);
        let age_bands = groups(&mut e, "age_bands", &self.age_bands);

        if self.items.is_empty() {
            e.push("items", Problem::Required);
        } else if self.items.len() > Self::MAX_ITEMS {
            e.push(
                "items",
                Problem::TooMany {
                    max: Self::MAX_ITEMS,
                },
            );
        }
        let mut items = Vec::new();
        let mut item_codes = HashSet::new();
        for (i, doc) in self.items.iter().enumerate() {
            let path = format!("items[{i}]");
            let code = e.take(format!("{path}.code"), SurveyCode::parse(&doc.code));
            if let Some(code) = &code
                && (FIXED_COLUMNS.contains(&code.as_str()) || !item_codes.insert(code.clone()))
            {
                e.push(
                    format!("{path}.code"),
                    Problem::Duplicate {
                        value: code.to_string(),
                    },
                );
            }
            let question = label(&mut e, &path, &doc.sv, &doc.en);
            let mut answers = Vec::new();
            let mut values = HashSet::new();
            if doc.answers.iter().all(|a| a.missing) {
                e.push(format!("{path}.answers"), Problem::Required);
            }
            for (j, a) in doc.answers.iter().enumerate() {
                let apath = format!("{path}.answers[{j}]");
                if a.value > MAX_SCALE_VALUE {
                    e.push(
                        format!("{apath}.value"),
                        Problem::OutOfRange {
                            min: 0,
                            max: i64::from(MAX_SCALE_VALUE),
                        },
                    );
                } else if !values.insert(a.value) {
                    e.push(
                        format!("{apath}.value"),
                        Problem::Duplicate {
                            value: a.value.to_string(),
                        },
                    );
                }
                if let Some(label) = label(&mut e, &apath, &a.sv, &a.en) {
                    answers.push(Answer {
                        value: a.value,
                        label,
                        missing: a.missing,
                    });
                }
            }
            if let (Some(code), Some(question)) = (code, question) {
                items.push(Item {
                    code,
                    question,
                    answers,
                });
            }
        }

        let position = |e: &mut Errors, path: String, code: &str| -> Option<usize> {
            let found = self.items.iter().position(|i| i.code == code);
            if found.is_none() {
                e.push(
                    path,
                    Problem::UnknownSurveyItem {
                        value: code.to_owned(),
                    },
                );
            }
            found
        };
        let mut indicators = Vec::new();
        let mut indicator_codes = HashSet::new();
        for (i, doc) in self.indicators.iter().enumerate() {
            let path = format!("indicators[{i}]");
            let code = e.take(format!("{path}.code"), SurveyCode::parse(&doc.code));
            if let Some(code) = &code
                && !indicator_codes.insert(code.clone())
            {
                e.push(
                    format!("{path}.code"),
                    Problem::Duplicate {
                        value: code.to_string(),
                    },
                );
            }
            let name = label(&mut e, &path, &doc.sv, &doc.en);
            let kind = match &doc.kind {
                IndicatorKindDocument::Share { item, categories } => {
                    let item = position(&mut e, format!("{path}.item"), item);
                    if categories.is_empty() {
                        e.push(format!("{path}.categories"), Problem::Required);
                    }
                    if let Some(item) = item {
                        let doc = &self.items[item];
                        for (j, c) in categories.iter().enumerate() {
                            if !doc.answers.iter().any(|a| a.value == *c && !a.missing) {
                                e.push(
                                    format!("{path}.categories[{j}]"),
                                    Problem::NotInCodebook {
                                        value: c.to_string(),
                                        allowed: doc
                                            .answers
                                            .iter()
                                            .filter(|a| !a.missing)
                                            .map(|a| a.value.to_string())
                                            .collect::<Vec<_>>()
                                            .join(", "),
                                    },
                                );
                            }
                        }
                    }
                    item.map(|item| IndicatorKind::Share {
                        item,
                        categories: categories.clone(),
                    })
                }
                IndicatorKindDocument::Mean { item } => {
                    position(&mut e, format!("{path}.item"), item)
                        .map(|item| IndicatorKind::Mean { item })
                }
                IndicatorKindDocument::Index {
                    items: codes,
                    min_answered,
                } => {
                    if codes.len() < 2 {
                        e.push(format!("{path}.items"), Problem::TooFew { min: 2 });
                    }
                    let found: Vec<Option<usize>> = codes
                        .iter()
                        .enumerate()
                        .map(|(j, c)| position(&mut e, format!("{path}.items[{j}]"), c))
                        .collect();
                    if *min_answered == 0 || *min_answered > codes.len() {
                        e.push(
                            format!("{path}.min_answered"),
                            Problem::OutOfRange {
                                min: 1,
                                max: codes.len() as i64,
                            },
                        );
                    }
                    found.into_iter().collect::<Option<Vec<_>>>().map(|items| {
                        IndicatorKind::Index {
                            items,
                            min_answered: *min_answered,
                        }
                    })
                }
            };
            if let (Some(code), Some(name), Some(kind)) = (code, name, kind) {
                indicators.push(Indicator { code, name, kind });
            }
        }
        match (e.is_empty(), title) {
            (true, Some(title)) => Ok(Codebook {
                title,
                areas,
                genders,
                age_bands,
                items,
                indicators,
            }),
            _ => Err(e.into_vec()),
        }
    }
}

impl Codebook {
    /// The document this codebook was parsed from (for storage and the API).
    pub fn to_document(&self) -> CodebookDocument {
        let label = |l: &Label| LabelDocument {
            sv: l.sv.to_string(),
            en: l.en.to_string(),
        };
        let groups = |g: &[GroupCode]| {
            g.iter()
                .map(|g| GroupDocument {
                    code: g.code,
                    sv: g.label.sv.to_string(),
                    en: g.label.en.to_string(),
                })
                .collect()
        };
        let code = |i: usize| self.items[i].code.to_string();
        CodebookDocument {
            title: label(&self.title),
            areas: groups(&self.areas),
            genders: groups(&self.genders),
            age_bands: groups(&self.age_bands),
            items: self
                .items
                .iter()
                .map(|i| ItemDocument {
                    code: i.code.to_string(),
                    sv: i.question.sv.to_string(),
                    en: i.question.en.to_string(),
                    answers: i
                        .answers
                        .iter()
                        .map(|a| AnswerDocument {
                            value: a.value,
                            sv: a.label.sv.to_string(),
                            en: a.label.en.to_string(),
                            missing: a.missing,
                        })
                        .collect(),
                })
                .collect(),
            indicators: self
                .indicators
                .iter()
                .map(|i| IndicatorDocument {
                    code: i.code.to_string(),
                    sv: i.name.sv.to_string(),
                    en: i.name.en.to_string(),
                    kind: match &i.kind {
                        IndicatorKind::Share { item, categories } => IndicatorKindDocument::Share {
                            item: code(*item),
                            categories: categories.clone(),
                        },
                        IndicatorKind::Mean { item } => {
                            IndicatorKindDocument::Mean { item: code(*item) }
                        }
                        IndicatorKind::Index {
                            items,
                            min_answered,
                        } => IndicatorKindDocument::Index {
                            items: items.iter().map(|i| code(*i)).collect(),
                            min_answered: *min_answered,
                        },
                    },
                })
                .collect(),
        }
    }
}
