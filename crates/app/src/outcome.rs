//! The outcome goal and the safety survey on every surface: the verdict per indicator
//! (promise page, final report, API) and the JSON of the survey's figures; the public
//! survey page is in `survey_page.rs`.
//!
//! Every number comes from `Tenant::survey_figures`, which gives an `Estimate` that is
//! either a value with its interval or `Suppressed` with no number in it; the wording here
//! turns the latter into "för få svar" and never into a figure.

use lofte_db::Tenant;
use lofte_db::surveys::SurveyFigures;
use lofte_domain::stats::{Better, Difference, Estimate, OutcomeVerdict, Rules};
use lofte_domain::survey::{Breakdown, Codebook, Figure};
use lofte_domain::{OutcomeMeasure, Promise, Year};
use lofte_i18n::Lang;
use serde::Serialize;
use utoipa::ToSchema;

/// One outcome indicator judged between the baseline and the measurement year.
#[derive(Debug, Clone)]
pub struct Judged {
    pub code: String,
    /// The indicator as the codebook defines it; `None` if it has left the codebook.
    pub indicator: Option<lofte_domain::survey::Indicator>,
    pub better: Better,
    pub baseline: Option<Estimate>,
    pub measurement: Option<Estimate>,
    pub difference: Difference,
    pub verdict: OutcomeVerdict,
}

fn overall(figures: &[Figure], code: &str, year: Year) -> Option<Estimate> {
    figures
        .iter()
        .find(|f| f.indicator.as_str() == code && f.year == year && f.breakdown == Breakdown::All)
        .map(|f| f.estimate)
}

/// Judges each indicator of `measure` (years: `measure.baseline` and `measured_in`).
pub fn judge(
    survey: Option<&SurveyFigures>,
    measure: &OutcomeMeasure,
    measured_in: Year,
    rules: Rules,
) -> Vec<Judged> {
    measure
        .indicators
        .iter()
        .map(|o| {
            let code = o.indicator.as_str();
            let (baseline, measurement) = match survey {
                Some(s) => (
                    overall(&s.figures, code, measure.baseline),
                    overall(&s.figures, code, measured_in),
                ),
                None => (None, None),
            };
            let difference = match (&baseline, &measurement) {
                (Some(b), Some(m)) => Difference::between(b, m, rules.level),
                _ => Difference::Suppressed,
            };
            Judged {
                code: code.to_owned(),
                indicator: survey.and_then(|s| s.codebook.indicator(code).cloned()),
                better: o.better,
                baseline,
                measurement,
                verdict: OutcomeVerdict::judge(
                    baseline.as_ref(),
                    measurement.as_ref(),
                    o.better,
                    rules.level,
                ),
                difference,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Words.

/// A decimal number in the reader's language: decimal comma in Swedish, and a real
/// minus sign.
pub(crate) fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    let text = if text.starts_with('-') && text.trim_start_matches(['-', '0', '.']).is_empty() {
        // "-0.0" reads as a change where there is none.
        text.trim_start_matches('-').to_owned()
    } else {
        text
    };
    let text = text.replace('-', "−");
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A figure in words: "32 % (30–35 %)" or "2,1 (2,0–2,2)", or "för få svar".
pub fn estimate_text(lang: Lang, percent: bool, estimate: &Estimate) -> String {
    match *estimate {
        Estimate::Suppressed { .. } => lang.t("survey-too-few"),
        Estimate::Value {
            estimate,
            lower,
            upper,
            ..
        } => {
            if percent {
                format!(
                    "{} % ({}–{} %)",
                    decimal(lang, estimate * 100.0, 0),
                    decimal(lang, lower * 100.0, 0),
                    decimal(lang, upper * 100.0, 0)
                )
            } else {
                format!(
                    "{} ({}–{})",
                    decimal(lang, estimate, 2),
                    decimal(lang, lower, 2),
                    decimal(lang, upper, 2)
                )
            }
        }
    }
}

/// The respondents behind a figure: "1 429 svar".
pub fn answers_text(lang: Lang, estimate: &Estimate) -> String {
    let n = match *estimate {
        Estimate::Suppressed { n } | Estimate::Value { n, .. } => n,
    };
    lang.t_args("survey-answers", &[("n", grouped(lang, n))])
}

pub(crate) fn grouped(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(match lang {
                Lang::Sv => '\u{a0}',
                Lang::En => ',',
            });
        }
        out.push(c);
    }
    out
}

pub(crate) fn change_text(lang: Lang, percent: bool, difference: &Difference) -> Option<String> {
    let Difference::Value {
        difference,
        lower,
        upper,
        p_value,
        ..
    } = *difference
    else {
        return None;
    };
    let (scale, places, key) = if percent {
        (100.0, 1, "outcome-change-points")
    } else {
        (1.0, 2, "outcome-change-mean")
    };
    let signed = |v: f64| {
        let text = decimal(lang, v * scale, places);
        if v * scale > 0.0 && !text.trim_start_matches(['0', ',', '.']).is_empty() {
            format!("+{text}")
        } else {
            text
        }
    };
    let p = if p_value < 0.001 {
        "< 0,001".replace(',', if lang == Lang::Sv { "," } else { "." })
    } else {
        format!("= {}", decimal(lang, p_value, 3))
    };
    Some(lang.t_args(
        key,
        &[
            ("diff", signed(difference)),
            ("low", signed(lower)),
            ("high", signed(upper)),
            ("p", p),
        ],
    ))
}

pub fn verdict_text(lang: Lang, verdict: OutcomeVerdict) -> String {
    lang.name(&verdict)
}

pub(crate) fn is_percent(indicator: Option<&lofte_domain::survey::Indicator>) -> bool {
    indicator.is_some_and(|i| i.kind.is_share())
}

/// One outcome indicator, worded for the promise page and the final report.
#[derive(Debug, Clone)]
pub struct OutcomeLine {
    pub name: String,
    /// "Lägre är bättre."
    pub better: String,
    pub verdict_class: &'static str,
    pub verdict: String,
    /// "2019: 32 % (30–35 %), 1 429 svar"
    pub baseline: String,
    pub measurement: String,
    /// "−10,0 procentenheter (−13,4 till −6,6), p < 0,001", if both years have figures.
    pub change: Option<String>,
}

/// What the survey says about a promise's outcome goal, in words.
#[derive(Debug, Clone)]
pub struct OutcomeView {
    /// "Jämförelse mellan 2019 och 2021 i trygghetsmätningen."
    pub compared: String,
    pub lines: Vec<OutcomeLine>,
    /// Set when the responses behind the figures are synthetic.
    pub synthetic: Option<String>,
    /// Link to the municipality's survey page.
    pub survey_href: String,
}

pub fn outcome_view(
    lang: Lang,
    municipality: &str,
    promise: &Promise,
    survey: Option<&SurveyFigures>,
    rules: Rules,
) -> Option<OutcomeView> {
    let measure = promise.outcome_goal.measure.as_ref()?;
    let measured_in = promise.outcome_goal.measured_in;
    let judged = judge(survey, measure, measured_in, rules);
    let year_text = |year: Year, estimate: &Option<Estimate>| match estimate {
        Some(e) => format!(
            "{year}: {}, {}",
            estimate_text(lang, true, e),
            answers_text(lang, e)
        ),
        None => lang.t_args("outcome-year-missing", &[("year", year.to_string())]),
    };
    let lines = judged
        .iter()
        .map(|j| {
            let percent = is_percent(j.indicator.as_ref());
            let year_text = |year: Year, estimate: &Option<Estimate>| match estimate {
                Some(e) => format!(
                    "{year}: {}, {}",
                    estimate_text(lang, percent, e),
                    answers_text(lang, e)
                ),
                None => year_text(year, &None),
            };
            OutcomeLine {
                name: j.indicator.as_ref().map_or_else(
                    || j.code.clone(),
                    |i| i.name.in_lang(lang == Lang::En).to_owned(),
                ),
                better: lang.name(&j.better),
                verdict_class: j.verdict.code(),
                verdict: verdict_text(lang, j.verdict),
                baseline: year_text(measure.baseline, &j.baseline),
                measurement: year_text(measured_in, &j.measurement),
                change: change_text(lang, percent, &j.difference),
            }
        })
        .collect();
    Some(OutcomeView {
        compared: lang.t_args(
            "outcome-compared",
            &[
                ("baseline", measure.baseline.to_string()),
                ("measured", measured_in.to_string()),
            ],
        ),
        lines,
        synthetic: survey
            .is_some_and(|s| s.synthetic)
            .then(|| lang.t("survey-synthetic")),
        survey_href: format!("/kommun/{municipality}/trygghet"),
    })
}

// ---------------------------------------------------------------------------------------
// JSON.

/// A survey figure with its group's name in the reader's language.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FigureJson {
    #[serde(flatten)]
    pub figure: lofte_domain::survey::FigureRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
}

impl FigureJson {
    fn new(lang: Lang, codebook: &Codebook, f: &Figure) -> FigureJson {
        FigureJson {
            figure: lofte_domain::survey::FigureRecord::from(f),
            group_name: codebook
                .group_label(f.breakdown, f.group)
                .map(|l| l.in_lang(lang == Lang::En).to_owned()),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SurveyIndicatorJson {
    pub code: String,
    pub name: String,
    /// `share`, `mean` or `index`.
    pub kind: &'static str,
    pub figures: Vec<FigureJson>,
}

/// Every indicator of a municipality's safety survey, every year and breakdown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SurveyJson {
    pub title: String,
    /// The responses are generated example data.
    pub synthetic: bool,
    /// Figures from fewer respondents are suppressed.
    pub min_respondents: u64,
    pub confidence_level: f64,
    pub indicators: Vec<SurveyIndicatorJson>,
}

pub fn survey_json(lang: Lang, survey: &SurveyFigures, rules: Rules) -> SurveyJson {
    let english = lang == Lang::En;
    SurveyJson {
        title: survey.codebook.title.in_lang(english).to_owned(),
        synthetic: survey.synthetic,
        min_respondents: rules.min_respondents.get(),
        confidence_level: rules.level.get(),
        indicators: survey
            .codebook
            .indicators
            .iter()
            .map(|i| SurveyIndicatorJson {
                code: i.code.to_string(),
                name: i.name.in_lang(english).to_owned(),
                kind: i.kind.code(),
                figures: survey
                    .figures
                    .iter()
                    .filter(|f| f.indicator == i.code)
                    .map(|f| FigureJson::new(lang, &survey.codebook, f))
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutcomeIndicatorJson {
    pub indicator: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `higher` or `lower`.
    pub better: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<FigureJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measurement: Option<FigureJson>,
    /// Measurement minus baseline, with its interval and two-sided p-value; absent when a
    /// year has no figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<DifferenceJson>,
    /// `improved`, `no-detectable-change`, `worsened` or `not-measurable`.
    pub verdict: &'static str,
    pub verdict_text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DifferenceJson {
    pub difference: f64,
    pub lower: f64,
    pub upper: f64,
    pub standard_error: f64,
    pub p_value: f64,
}

/// The outcome goal of a promise and what the survey says about it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutcomeJson {
    pub goal: String,
    pub measured_in: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_year: Option<i32>,
    /// The responses behind the figures are generated example data.
    pub synthetic: bool,
    pub indicators: Vec<OutcomeIndicatorJson>,
}

pub fn outcome_json(
    lang: Lang,
    promise: &Promise,
    survey: Option<&SurveyFigures>,
    rules: Rules,
) -> OutcomeJson {
    let goal = &promise.outcome_goal;
    let indicators = match &goal.measure {
        None => Vec::new(),
        Some(measure) => judge(survey, measure, goal.measured_in, rules)
            .into_iter()
            .map(|j| {
                let figure = |year: Year, estimate: Option<Estimate>| {
                    let survey = survey?;
                    Some(FigureJson::new(
                        lang,
                        &survey.codebook,
                        &Figure {
                            indicator: lofte_domain::survey::SurveyCode::parse(&j.code).ok()?,
                            year,
                            breakdown: Breakdown::All,
                            group: 0,
                            estimate: estimate?,
                        },
                    ))
                };
                OutcomeIndicatorJson {
                    name: j
                        .indicator
                        .as_ref()
                        .map(|i| i.name.in_lang(lang == Lang::En).to_owned()),
                    better: j.better.code(),
                    baseline: figure(measure.baseline, j.baseline),
                    measurement: figure(goal.measured_in, j.measurement),
                    difference: match j.difference {
                        Difference::Value {
                            difference,
                            lower,
                            upper,
                            se,
                            p_value,
                        } => Some(DifferenceJson {
                            difference,
                            lower,
                            upper,
                            standard_error: se,
                            p_value,
                        }),
                        Difference::Suppressed => None,
                    },
                    verdict: j.verdict.code(),
                    verdict_text: verdict_text(lang, j.verdict),
                    indicator: j.code,
                }
            })
            .collect(),
    };
    OutcomeJson {
        goal: goal.text.to_string(),
        measured_in: goal.measured_in.get(),
        baseline_year: goal.measure.as_ref().map(|m| m.baseline.get()),
        synthetic: survey.is_some_and(|s| s.synthetic),
        indicators,
    }
}

/// The survey figures of a municipality, or `None` without a codebook or responses.
pub async fn survey_of(tenant: &Tenant, rules: Rules) -> lofte_db::Result<Option<SurveyFigures>> {
    if !tenant.has_survey_responses().await? {
        return Ok(None);
    }
    tenant.survey_figures(rules).await
}
