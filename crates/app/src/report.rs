//! A published follow-up as a report: the one model ([`lofte_report::Report`]) that the
//! PDF (typst, in `lofte-report`), the public HTML page and the CLI all render, so a
//! figure cannot differ between them. The figures are the ones frozen when the report
//! was published; the words come from the Fluent files in the reader's language.

use chrono::{Datelike, NaiveDate};
use lofte_db::{FollowUpReport, StoredPromise, Tenant, Visibility};
use lofte_domain::followup::ReportPeriod;
use lofte_domain::{ActivityCatalogue, Place, Year};
use lofte_i18n::Lang;
use lofte_report::{
    Chart, CommitmentSection, Indicator, Labels, OutcomeSection, Report, SummaryRow,
};

use crate::progress::CommitmentProgress;
use crate::words::{ProgressLine, party_heading, report_label, target_line};

/// Why there is no report to give.
#[derive(Debug)]
pub enum Unavailable {
    /// The municipality has no public promise covering the year.
    NoPromise,
    /// The promise has no published report for the period (yet).
    NotPublished,
    Db(lofte_db::Error),
}

impl From<lofte_db::Error> for Unavailable {
    fn from(e: lofte_db::Error) -> Self {
        Unavailable::Db(e)
    }
}

impl Unavailable {
    /// The reason in the reader's words.
    pub fn message(
        &self,
        lang: Lang,
        municipality: &str,
        year: Year,
        period: ReportPeriod,
    ) -> String {
        let args = [
            ("municipality", municipality.to_owned()),
            ("year", year.to_string()),
            // The promise may be unknown here: the final report is named by its year.
            (
                "report",
                report_label(lang, lofte_domain::YearSpan::single(year), year, period),
            ),
        ];
        match self {
            Unavailable::NoPromise => lang.t_args("report-no-promise", &args),
            Unavailable::NotPublished => lang.t_args("report-not-published", &args),
            Unavailable::Db(_) => lang.t("error-internal-body"),
        }
    }
}

/// The published report of `period` in `year`, as a model in `lang`.
pub async fn report(
    db: &lofte_db::Db,
    tenant: &Tenant,
    year: Year,
    period: ReportPeriod,
    lang: Lang,
    rules: lofte_domain::stats::Rules,
) -> Result<Report, Unavailable> {
    let stored = tenant
        .promise_for_year(year, Visibility::Public)
        .await?
        .ok_or(Unavailable::NoPromise)?;
    let published = tenant
        .follow_up(stored.id, year, period)
        .await?
        .filter(|r| r.published_at.is_some())
        .ok_or(Unavailable::NotPublished)?;
    report_of(db, tenant, &stored, &published, lang, rules).await
}

/// The report of a follow-up as residents see it once published: `published` carries
/// its publication time and each entry's frozen figures (a draft, for a preview, carries
/// the figures it would freeze and the time it is looked at).
pub async fn report_of(
    db: &lofte_db::Db,
    tenant: &Tenant,
    stored: &StoredPromise,
    published: &FollowUpReport,
    lang: Lang,
    rules: lofte_domain::stats::Rules,
) -> Result<Report, Unavailable> {
    let places = db.places(&tenant.municipality().code).await?;
    let types = tenant.activity_types().await?;
    let synthetic = tenant
        .has_synthetic_activities(stored.promise.years)
        .await?;
    let mut report = build(lang, tenant, stored, published, &places, &types, synthetic);
    if let Some(section) = report.outcome.as_mut() {
        let survey = crate::outcome::survey_of(tenant, rules).await?;
        // Without any survey in Löfte the section keeps saying so, rather than listing
        // every indicator as not measurable.
        if let Some(view) = survey.as_ref().and_then(|survey| {
            crate::outcome::outcome_view(
                lang,
                tenant.municipality().code.as_str(),
                &stored.promise,
                Some(survey),
                rules,
            )
        }) {
            section.text = match &view.synthetic {
                Some(note) => format!("{}\n\n{note}", view.compared),
                None => view.compared.clone(),
            };
            section.indicators = view
                .lines
                .into_iter()
                .map(|line| Indicator {
                    name: format!("{} {}", line.name, line.better),
                    value: format!("{}\n{}", line.baseline, line.measurement),
                    note: Some(match line.change {
                        Some(change) => format!("{}. {change}", line.verdict),
                        None => line.verdict,
                    }),
                })
                .collect();
        }
    }
    Ok(report)
}

fn labels(lang: Lang) -> Labels {
    let t = |id: &str| lang.t(id);
    Labels {
        parties: t("report-label-parties"),
        signatories: t("report-label-signatories"),
        summary: t("report-label-summary"),
        commitment: t("report-label-commitment"),
        party: t("report-label-party"),
        status: t("report-label-status"),
        figures: t("report-label-figures"),
        narrative: t("report-label-narrative"),
        evidence: t("report-label-evidence"),
        by_place: t("report-label-by-place"),
        chart_title: t("report-label-chart"),
        outcome: t("report-label-outcome"),
        learned: t("report-label-learned"),
        page: t("report-label-page"),
        contents: t("report-label-contents"),
        status_reason: t("report-label-status-reason"),
        no_figures: t("report-label-no-figures"),
        number: t("report-label-number"),
        text: t("report-label-text"),
        place: t("report-label-place"),
        count: t("report-label-count"),
        aim: t("report-label-aim"),
        goal: t("report-label-goal"),
        indicator: t("report-label-indicator"),
        value: t("report-label-value"),
        note: t("report-label-note"),
    }
}

/// The cumulative chart of a numeric target over the promise's whole span (a target is
/// promised for the span, so a second year's chart goes on from the first's), month by
/// month up to `as_of`; with `each_year` (a number promised for each year, charted over
/// several), the count starts again every January. A span of two years labels January
/// with its year and every third month between, a longer one January and July, so that
/// 24 or 48 months stay readable.
fn chart(
    lang: Lang,
    types: &ActivityCatalogue,
    f: &CommitmentProgress,
    target: u32,
    span: lofte_domain::YearSpan,
    as_of: NaiveDate,
    each_year: bool,
) -> Chart {
    let several = span.first() != span.last();
    let long = span.last().get() - span.first().get() >= 2;
    let months: Vec<(i32, u32)> = span
        .years()
        .flat_map(|y| (1..=12u32).map(move |m| (y.get(), m)))
        .collect();
    let mut running = 0;
    let cumulative: Vec<Option<u32>> = months
        .iter()
        .map(|&(year, month)| {
            let key = format!("{year}-{month:02}");
            if each_year && month == 1 {
                running = 0;
            }
            running += f
                .by_month
                .iter()
                .filter(|m| m.month == key)
                .map(|m| m.count)
                .sum::<u32>();
            (as_of.year() > year || (as_of.year() == year && month <= as_of.month()))
                .then_some(running)
        })
        .collect();
    let codes = if f.activities.is_empty() {
        std::slice::from_ref(&f.activity)
    } else {
        f.activities.as_slice()
    };
    let plural = lang.measure_noun(types, codes, &f.measure);
    let reached = cumulative.iter().flatten().last().copied().unwrap_or(0);
    let (last_year, last_month) = cumulative
        .iter()
        .rposition(Option::is_some)
        .map_or(months[0], |i| months[i]);
    let month_name = lang.label(&lofte_i18n::labels::MONTH_LONG, &last_month.to_string());
    // Each year's figure: its count at its last charted month.
    let year_figures: Vec<String> = span
        .years()
        .filter_map(|y| {
            let last = months
                .iter()
                .zip(&cumulative)
                .filter(|((year, _), _)| *year == y.get())
                .filter_map(|(_, c)| *c)
                .next_back()?;
            Some(format!("{y}: {last}"))
        })
        .collect();
    let alt = if each_year && several {
        lang.t_args(
            "report-chart-alt-each-year",
            &[
                ("activity", plural.clone()),
                ("target", target.to_string()),
                ("years", year_figures.join(", ")),
            ],
        )
    } else {
        lang.t_args(
            "report-chart-alt",
            &[
                ("activity", plural.clone()),
                ("reached", reached.to_string()),
                (
                    "month",
                    if several {
                        format!("{month_name} {last_year}")
                    } else {
                        month_name
                    },
                ),
                ("target", target.to_string()),
            ],
        )
    };
    Chart {
        title: lofte_i18n::capitalised(&lang.t_args(
            if each_year && several {
                "report-chart-title-each-year"
            } else {
                "report-chart-title"
            },
            &[("activity", plural)],
        )),
        alt,
        months: months
            .iter()
            .map(|&(year, m)| {
                let short = lang.label(&lofte_i18n::labels::MONTH_SHORT, &m.to_string());
                match (several, long, m) {
                    (false, _, _) => short,
                    (true, _, 1) => format!("{short} {year}"),
                    (true, false, 4 | 7 | 10) | (true, true, 7) => short,
                    _ => String::new(),
                }
            })
            .collect(),
        cumulative,
        target: Some(target),
        axis_label: lang.t("report-chart-axis"),
        actual_label: lang.t("report-chart-actual"),
        target_label: lang.t("report-chart-target"),
        pace_label: lang.t("report-chart-pace"),
        restarts_every: (each_year && several).then_some(12),
    }
}

fn build(
    lang: Lang,
    tenant: &Tenant,
    stored: &StoredPromise,
    published: &FollowUpReport,
    places: &[Place],
    types: &ActivityCatalogue,
    synthetic: bool,
) -> Report {
    let m = tenant.municipality();
    let p = &stored.promise;
    let year = published.year;
    let period = published.period;
    let is_final = period == ReportPeriod::Final;
    let as_of = period.cutoff(year, p.years);
    // Pace and forecast only while the promise's period is still running (not in the
    // third tertial's report, which ends with it).
    let period_over = as_of >= p.years.last_day();
    let published_on = published
        .published_at
        .expect("only published reports are built")
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive();
    let label = report_label(lang, p.years, year, period);
    let place_name = |slug: &Option<String>| match slug {
        Some(s) => places
            .iter()
            .find(|p| p.slug.as_str() == s)
            .map_or_else(|| s.clone(), |p| p.name.to_string()),
        None => lang.t("report-no-place"),
    };

    let mut summary = Vec::new();
    let mut commitments = Vec::new();
    // In the promise page's order (by party), numbered so.
    for (place, index) in p.page_order().into_iter().enumerate() {
        let (c, id) = (&p.commitments[index], &stored.commitment_ids[index]);
        let number = u32::try_from(place + 1).unwrap_or(u32::MAX);
        let entry = published.entries.iter().find(|e| e.commitment_id == *id);
        let figures: Option<CommitmentProgress> =
            entry.and_then(|e| e.figures.as_ref()).map(Into::into);
        let status_key = entry
            .map_or("not-assessed", |e| e.status.as_str())
            .to_owned();
        let status = lang.label(&lofte_i18n::labels::PROGRESS_STATUS, &status_key);
        let line = figures
            .as_ref()
            .map(|f| ProgressLine::new(lang, types, f, period_over));
        // A report is public: counts below the threshold are held back in it too.
        let measured = entry.and_then(|e| e.indicator.as_ref()).map(|frozen| {
            let line = crate::words::IndicatorLine::new(
                lang,
                c.indicator.as_ref(),
                &crate::situation::ShownIndicator::new(frozen, crate::situation::Audience::Public),
                places,
            );
            lofte_report::Measured {
                verdict: line.verdict,
                verdict_key: line.verdict_class.to_owned(),
                headline: line.headline,
                details: [
                    (!line.change.is_empty()).then_some(line.change),
                    line.synthetic.then(|| lang.t("indicator-synthetic")),
                ]
                .into_iter()
                .flatten()
                .collect(),
            }
        });
        let party = party_heading(lang, m, &c.party);
        let text = crate::words::Written::pick(lang, &c.text, c.english.as_ref());
        summary.push(SummaryRow {
            number,
            party: party.clone(),
            text: text.text.clone(),
            text_lang: text.lang.map(str::to_owned),
            status: status.clone(),
            status_key: status_key.clone(),
            headline: line.as_ref().map(|l| l.headline.clone()).or_else(|| {
                measured
                    .as_ref()
                    .map(|m| lang.t_args("indicator-summary", &[("verdict", m.verdict.clone())]))
            }),
        });
        let target_number = c.target.as_ref().and_then(|t| t.at_least);
        commitments.push(CommitmentSection {
            number,
            party,
            text: text.text,
            text_lang: text.lang.map(str::to_owned),
            target: c
                .target
                .as_ref()
                .map(|t| target_line(lang, t, places, types)),
            status,
            status_key,
            headline: line.as_ref().map(|l| l.headline.clone()),
            details: line.map(|l| l.details).unwrap_or_default(),
            chart: match (&figures, target_number) {
                // A number promised for each year is charted over its year alone while
                // the span runs, and over every year, each from 0, once it is over.
                (Some(f), Some(n)) => {
                    let each_year = f.per == "year";
                    let span = match f.year.and_then(|y| lofte_domain::Year::new(y).ok()) {
                        Some(y) if each_year && !period_over => lofte_domain::YearSpan::single(y),
                        _ => p.years,
                    };
                    Some(chart(lang, types, f, n, span, as_of, each_year))
                }
                _ => None,
            },
            places: figures
                .as_ref()
                .map(|f| {
                    f.by_place
                        .iter()
                        .map(|pc| lofte_report::PlaceCount {
                            name: place_name(&pc.place),
                            count: pc.count,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            // The share in the emphasis area is among `details`, worded as on the page.
            emphasis: None,
            reason: entry.and_then(|e| e.reason.clone()),
            narrative: entry.and_then(|e| e.narrative.clone()),
            evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
            measured,
        });
    }

    let mut parties = Vec::new();
    if let Some(police) = &m.police {
        parties.push(lang.t_args(
            "report-party-police",
            &[("area", police.local_police_area.to_string())],
        ));
    }
    parties.push(m.official_name.to_string());

    let title = crate::words::Written::pick(lang, &p.title, p.english.title.as_ref());
    let aim = crate::words::Written::pick(lang, &p.aim, p.english.aim.as_ref());
    let goal =
        crate::words::Written::pick(lang, &p.outcome_goal.text, p.english.outcome_goal.as_ref());
    Report {
        lang: lang.tag().to_owned(),
        title: format!("{label} – {} – {}", title.text, m.name),
        municipality: m.official_name.to_string(),
        year: year.get(),
        period_label: label,
        is_final,
        published: lang.t_args(
            "report-published-on",
            &[("date", published_on.format("%Y-%m-%d").to_string())],
        ),
        as_of: lang.t_args(
            "report-as-of",
            &[("date", as_of.format("%Y-%m-%d").to_string())],
        ),
        corrections: published
            .corrections
            .iter()
            .map(|c| {
                lang.t_args(
                    "report-corrected",
                    &[
                        (
                            "date",
                            c.at.with_timezone(&chrono_tz::Europe::Stockholm)
                                .format("%Y-%m-%d")
                                .to_string(),
                        ),
                        ("note", c.note.clone()),
                    ],
                )
            })
            .collect(),
        date: published_on,
        synthetic_note: synthetic.then(|| lang.t("report-synthetic")),
        parties,
        signatories: p
            .signatories
            .iter()
            .map(|s| format!("{}, {}", s.name, s.role))
            .collect(),
        promise_title: title.text.clone(),
        title_lang: title.lang.map(str::to_owned),
        aim: aim.text,
        aim_lang: aim.lang.map(str::to_owned),
        language_note: crate::words::language_note(lang, p),
        labels: labels(lang),
        summary,
        commitments,
        outcome: is_final.then(|| OutcomeSection {
            goal: goal.text,
            goal_lang: goal.lang.map(str::to_owned),
            text: lang.t_args(
                "report-outcome-missing",
                &[("year", p.outcome_goal.measured_in.to_string())],
            ),
            indicators: Vec::new(),
        }),
        learned: published.learned.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traffic_controls(by_month: &[(&str, u32)]) -> CommitmentProgress {
        CommitmentProgress {
            commitment: 0,
            activity: "traffic_control".into(),
            activities: vec!["traffic_control".into()],
            measure: "count".into(),
            per: "span".into(),
            actual: by_month.iter().map(|(_, n)| n).sum(),
            target: Some(100),
            year: None,
            years: Vec::new(),
            by_year: Vec::new(),
            expected: None,
            forecast: None,
            status: "on-track".into(),
            in_emphasis: None,
            by_month: by_month
                .iter()
                .map(|(month, count)| crate::progress::MonthCount {
                    month: (*month).to_owned(),
                    count: *count,
                })
                .collect(),
            by_place: Vec::new(),
            excluded: Vec::new(),
            revised: None,
        }
    }

    #[test]
    fn a_two_year_promises_chart_runs_over_both_years_from_the_first() {
        let span = lofte_domain::YearSpan::new(
            lofte_domain::Year::new(2027).unwrap(),
            lofte_domain::Year::new(2028).unwrap(),
        )
        .unwrap();
        let f = traffic_controls(&[("2027-03", 10), ("2027-11", 30), ("2028-02", 5)]);
        let as_of = NaiveDate::from_ymd_opt(2028, 3, 31).unwrap();
        let chart = chart(
            Lang::Sv,
            &ActivityCatalogue::builtin(),
            &f,
            100,
            span,
            as_of,
            false,
        );
        assert_eq!(chart.months.len(), 24);
        assert_eq!(chart.cumulative.len(), 24);
        assert_eq!(
            (&chart.months[0], &chart.months[3], &chart.months[12]),
            (
                &"jan 2027".to_owned(),
                &"apr".to_owned(),
                &"jan 2028".to_owned()
            )
        );
        assert_eq!(chart.months[1], "", "between the labelled months");
        // The second year goes on from the first: 40 by the end of 2027, 45 in February.
        assert_eq!(chart.cumulative[11], Some(40));
        assert_eq!(chart.cumulative[13], Some(45));
        assert_eq!(chart.cumulative[14], Some(45));
        assert_eq!(
            chart.cumulative[15], None,
            "nothing after the figures' date"
        );
        assert!(chart.alt.contains("når 45 i mars 2028"), "{}", chart.alt);
        // A promise of one year keeps its twelve plain months.
        let one = lofte_domain::YearSpan::new(
            lofte_domain::Year::new(2027).unwrap(),
            lofte_domain::Year::new(2027).unwrap(),
        )
        .unwrap();
        let chart = chart_for_one_year(&f, one);
        assert_eq!(chart.months.len(), 12);
        assert_eq!(chart.months[0], "jan");
        assert!(chart.alt.contains("når 40 i december;"), "{}", chart.alt);
    }

    fn chart_for_one_year(f: &CommitmentProgress, span: lofte_domain::YearSpan) -> Chart {
        chart(
            Lang::Sv,
            &ActivityCatalogue::builtin(),
            f,
            100,
            span,
            NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
            false,
        )
    }

    /// Four years: January with its year and July only, so that 48 labels do not run
    /// into each other. A number promised each year starts again every January, and
    /// the text alternative gives each year's figure.
    #[test]
    fn a_four_year_chart_labels_fewer_months_and_a_yearly_number_starts_each_year() {
        let span = lofte_domain::YearSpan::new(
            lofte_domain::Year::new(2021).unwrap(),
            lofte_domain::Year::new(2024).unwrap(),
        )
        .unwrap();
        let f = traffic_controls(&[
            ("2021-05", 10),
            ("2023-02", 4),
            ("2023-09", 6),
            ("2024-12", 3),
        ]);
        let as_of = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let over_span = chart(
            Lang::Sv,
            &ActivityCatalogue::builtin(),
            &f,
            40,
            span,
            as_of,
            false,
        );
        let labelled: Vec<(usize, &str)> = over_span
            .months
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.is_empty())
            .map(|(i, m)| (i, m.as_str()))
            .collect();
        assert_eq!(
            labelled,
            [
                (0, "jan 2021"),
                (6, "jul"),
                (12, "jan 2022"),
                (18, "jul"),
                (24, "jan 2023"),
                (30, "jul"),
                (36, "jan 2024"),
                (42, "jul")
            ]
        );
        assert_eq!(over_span.cumulative[47], Some(23));
        assert_eq!(over_span.restarts_every, None);

        let each_year = chart(
            Lang::Sv,
            &ActivityCatalogue::builtin(),
            &f,
            10,
            span,
            as_of,
            true,
        );
        assert_eq!(each_year.restarts_every, Some(12));
        let ends: Vec<Option<u32>> = [11, 23, 35, 47].map(|i| each_year.cumulative[i]).to_vec();
        assert_eq!(ends, [Some(10), Some(0), Some(10), Some(3)]);
        assert_eq!(each_year.cumulative[24], Some(0), "2023 starts from 0");
        assert!(
            each_year
                .alt
                .contains("2021: 10, 2022: 0, 2023: 10, 2024: 3"),
            "{}",
            each_year.alt
        );
        assert!(
            each_year.alt.contains("målet är 10 varje år"),
            "{}",
            each_year.alt
        );
    }
}
