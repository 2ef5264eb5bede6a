//! The public survey page: every indicator's figures by area, gender and age with their
//! intervals and trends, worded; a group too small to show says so and holds no number.

use lofte_db::surveys::SurveyFigures;
use lofte_domain::Year;
use lofte_domain::stats::Estimate;
use lofte_domain::survey::{Breakdown, Codebook, Figure, IndicatorKind};
use lofte_i18n::Lang;
use lofte_report::{TrendChart, TrendPoint, TrendSeries};

use crate::outcome::*;

/// One cell of a table: the figure in words and its respondents.
pub struct CellView {
    pub text: String,
    pub answers: String,
    pub suppressed: bool,
}

pub struct TableView {
    pub caption: String,
    /// The first column's heading, then one per group.
    pub head: Vec<String>,
    /// A row's label, then its cells.
    pub rows: Vec<(String, Vec<CellView>)>,
}

pub struct IndicatorPanel {
    pub id: String,
    pub name: String,
    pub how: String,
    pub chart_svg: String,
    pub by_gender: TableView,
    /// The latest year by area and by age band.
    pub details: Vec<TableView>,
}

pub struct SurveyPageView {
    pub synthetic: Option<String>,
    pub years: String,
    pub panels: Vec<IndicatorPanel>,
}

fn how_text(lang: Lang, codebook: &Codebook, kind: &IndicatorKind) -> String {
    let english = lang == Lang::En;
    let question = |item: usize| codebook.items[item].question.in_lang(english).to_owned();
    match kind {
        IndicatorKind::Share { item, categories } => {
            let answers = categories
                .iter()
                .filter_map(|c| codebook.items[*item].answer(*c))
                .map(|a| format!("”{}”", a.label.in_lang(english)))
                .collect::<Vec<_>>()
                .join(", ");
            lang.t_args(
                "survey-how-share",
                &[("question", question(*item)), ("answers", answers)],
            )
        }
        IndicatorKind::Mean { item } => {
            lang.t_args("survey-how-mean", &[("question", question(*item))])
        }
        IndicatorKind::Index {
            items,
            min_answered,
        } => lang.t_args(
            "survey-how-index",
            &[
                ("count", items.len().to_string()),
                ("min", min_answered.to_string()),
                (
                    "questions",
                    items
                        .iter()
                        .map(|i| question(*i))
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            ],
        ),
    }
}

fn cell(lang: Lang, percent: bool, estimate: Option<&Estimate>) -> CellView {
    match estimate {
        Some(e) => CellView {
            text: estimate_text(lang, percent, e),
            answers: answers_text(lang, e),
            suppressed: matches!(e, Estimate::Suppressed { .. }),
        },
        None => CellView {
            text: "–".to_owned(),
            answers: String::new(),
            suppressed: false,
        },
    }
}

pub fn survey_page_view(lang: Lang, survey: &SurveyFigures) -> SurveyPageView {
    let english = lang == Lang::En;
    let codebook = &survey.codebook;
    let years: Vec<Year> = survey.years.iter().map(|(y, _)| *y).collect();
    let panels = codebook
        .indicators
        .iter()
        .map(|indicator| {
            let percent = indicator.kind.is_share();
            let figures: Vec<&Figure> = survey
                .figures
                .iter()
                .filter(|f| f.indicator == indicator.code)
                .collect();
            let find = |year: Year, breakdown: Breakdown, group: u16| {
                figures
                    .iter()
                    .find(|f| f.year == year && f.breakdown == breakdown && f.group == group)
                    .map(|f| &f.estimate)
            };
            let name = indicator.name.in_lang(english).to_owned();
            // All respondents, then each gender with at least one shown figure.
            let mut groups: Vec<(String, Breakdown, u16)> =
                vec![(lang.t("survey-all"), Breakdown::All, 0)];
            groups.extend(codebook.genders.iter().map(|g| {
                (
                    g.label.in_lang(english).to_owned(),
                    Breakdown::Gender,
                    g.code,
                )
            }));
            let series: Vec<TrendSeries> = groups
                .iter()
                .map(|(label, breakdown, group)| TrendSeries {
                    label: label.clone(),
                    points: years
                        .iter()
                        .filter_map(|&y| match find(y, *breakdown, *group) {
                            Some(&Estimate::Value {
                                estimate,
                                lower,
                                upper,
                                ..
                            }) => Some(TrendPoint {
                                year: y.get(),
                                estimate,
                                lower,
                                upper,
                            }),
                            _ => None,
                        })
                        .collect(),
                })
                .filter(|s| !s.points.is_empty())
                .collect();
            let chart_svg = lofte_report::trend_svg(&TrendChart {
                title: name.clone(),
                alt: lang.t("survey-chart-alt"),
                percent,
                axis_label: lang.t(if percent {
                    "survey-axis-percent"
                } else {
                    "survey-axis-mean"
                }),
                series,
            });
            let by_gender = TableView {
                caption: lang.t_args("survey-table-by-gender", &[("indicator", name.clone())]),
                head: std::iter::once(lang.t("survey-year"))
                    .chain(groups.iter().map(|(l, _, _)| l.clone()))
                    .collect(),
                rows: years
                    .iter()
                    .map(|&y| {
                        (
                            y.to_string(),
                            groups
                                .iter()
                                .map(|(_, b, g)| cell(lang, percent, find(y, *b, *g)))
                                .collect(),
                        )
                    })
                    .collect(),
            };
            let latest = years.last().copied();
            let details = latest
                .map(|y| {
                    [
                        (Breakdown::Area, "survey-table-by-area", "survey-area"),
                        (Breakdown::AgeBand, "survey-table-by-age", "survey-age-band"),
                    ]
                    .into_iter()
                    .map(|(breakdown, caption, head)| TableView {
                        caption: lang.t_args(
                            caption,
                            &[("indicator", name.clone()), ("year", y.to_string())],
                        ),
                        head: vec![
                            lang.t(head),
                            lang.t_args("survey-in-year", &[("year", y.to_string())]),
                        ],
                        rows: codebook
                            .groups(breakdown)
                            .iter()
                            .map(|g| {
                                (
                                    g.label.in_lang(english).to_owned(),
                                    vec![cell(lang, percent, find(y, breakdown, g.code))],
                                )
                            })
                            .collect(),
                    })
                    .collect()
                })
                .unwrap_or_default();
            IndicatorPanel {
                id: format!("indikator-{}", indicator.code),
                name,
                how: how_text(lang, codebook, &indicator.kind),
                chart_svg,
                by_gender,
                details,
            }
        })
        .collect();
    SurveyPageView {
        synthetic: survey.synthetic.then(|| lang.t("survey-synthetic")),
        years: survey
            .years
            .iter()
            .map(|(y, n)| {
                format!(
                    "{y} ({})",
                    lang.t_args("survey-answers", &[("n", grouped(lang, *n))])
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
        panels,
    }
}
