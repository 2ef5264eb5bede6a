//! The tertial analysis: a tertial's figures as publishing freezes them (every count
//! whole), and the analysis as one [`lofte_report::Document`] (the page, the preview and
//! the PDF), with what residents may not see held back.

use chrono::NaiveDate;
use lofte_db::Tenant;
use lofte_db::analyses::Analysis;
use lofte_domain::analysis::{
    FROZEN_PICTURE_FORMAT, FrozenLine, FrozenPicture, FrozenPlace, period,
};
use lofte_domain::incident::IncidentCategory;
use lofte_domain::stats::{Better, ConfidenceLevel, CountChange};
use lofte_domain::{Municipality, Place, Tertial, Year};
use lofte_i18n::Lang;
use lofte_report::{Document, DocumentSection, DocumentTable};

use crate::situation::{Audience, PUBLIC_THRESHOLD, Shown};
use crate::when_where::HOT_SPOTS;

/// The tertial's figures as of `today`; `None` for a tertial that has not begun.
pub async fn tertial_figures(
    tenant: &Tenant,
    (year, tertial): (Year, Tertial),
    today: NaiveDate,
) -> lofte_db::Result<Option<FrozenPicture>> {
    let Some(((from, to), (before_from, before_to))) = period(year, tertial, today) else {
        return Ok(None);
    };
    let (now, synthetic_now) = tenant.incident_counts(from, to).await?;
    let (before, synthetic_before) = tenant.incident_counts(before_from, before_to).await?;
    let count = |counts: &[(IncidentCategory, u64)], c: IncidentCategory| {
        counts.iter().find(|(k, _)| *k == c).map_or(0, |(_, n)| *n)
    };
    let police =
        crate::situation::police_events(tenant, (from, to), (before_from, before_to), Shown::Count)
            .await?;
    let whole = |s: Shown| match s {
        Shown::Count(n) | Shown::FewerThan(n) => n,
    };
    let mut by_place: std::collections::BTreeMap<String, u64> = Default::default();
    for w in tenant.incident_where_counts(from, to).await? {
        if let Some(slug) = w.place {
            *by_place.entry(slug.to_string()).or_default() += w.n;
        }
    }
    let mut hot_places: Vec<FrozenPlace> = by_place
        .into_iter()
        .map(|(slug, n)| FrozenPlace { slug, n })
        .collect();
    hot_places.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.slug.cmp(&b.slug)));
    hot_places.truncate(HOT_SPOTS);
    Ok(Some(FrozenPicture {
        format: FROZEN_PICTURE_FORMAT,
        from,
        to,
        before_from,
        before_to,
        categories: IncidentCategory::all()
            .map(|c| FrozenLine {
                key: c.code().to_owned(),
                now: count(&now, c),
                before: count(&before, c),
            })
            .collect(),
        police: police
            .lines
            .iter()
            .map(|l| FrozenLine {
                key: l.kind.clone(),
                now: whole(l.now),
                before: whole(l.before),
            })
            .collect(),
        police_less_sure: police.less_sure,
        hot_places,
        synthetic: synthetic_now || synthetic_before || police.synthetic,
    }))
}

/// "Lägesbild tertial 2 2021".
pub fn title(lang: Lang, year: Year, tertial: Tertial) -> String {
    lang.t_args(
        "analysis-title",
        &[
            ("tertial", tertial.number().to_string()),
            ("year", year.to_string()),
        ],
    )
}

/// The analysis with `figures` (frozen, or today's for a draft) as a document for
/// `audience`: residents see no count below the threshold, no change beside one, and no
/// place with fewer reports.
pub fn document(
    lang: Lang,
    municipality: &Municipality,
    analysis: &Analysis,
    figures: &FrozenPicture,
    places: &[Place],
    audience: Audience,
) -> Document {
    let mut sections = figure_sections(lang, figures, places, audience);
    sections.push(DocumentSection {
        heading: lang.t("analysis-heading"),
        paragraphs: vec![if analysis.analysis.trim().is_empty() {
            lang.t("analysis-not-written")
        } else {
            analysis.analysis.clone()
        }],
        tables: Vec::new(),
    });
    if let Some(next) = &analysis.next_steps {
        sections.push(DocumentSection {
            heading: lang.t("analysis-next-steps-heading"),
            paragraphs: vec![next.clone()],
            tables: Vec::new(),
        });
    }
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let published = analysis
        .published_at
        .map(|at| at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive());
    let meta = vec![
        period_words(lang, figures),
        match published {
            Some(on) => lang.t_args("analysis-published-on", &[("date", day(on))]),
            None => lang.t("analysis-draft-note"),
        },
    ];
    Document {
        lang: lang.tag().to_owned(),
        municipality: municipality.official_name.to_string(),
        title: title(lang, analysis.year, analysis.tertial),
        meta,
        date: published.unwrap_or(figures.to),
        synthetic_note: figures.synthetic.then(|| lang.t("situation-synthetic")),
        sections,
        page_label: lang.t("report-label-page"),
    }
}

/// "2021-05-01 – 2021-08-31, jämfört med samma dagar året innan (…)".
pub fn period_words(lang: Lang, figures: &FrozenPicture) -> String {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    lang.t_args(
        "situation-period",
        &[
            ("from", day(figures.from)),
            ("to", day(figures.to)),
            ("before_from", day(figures.before_from)),
            ("before_to", day(figures.before_to)),
        ],
    )
}

/// The figures' sections (reports by category, the places with most reports, the
/// police's events) as `audience` may see them.
pub fn figure_sections(
    lang: Lang,
    figures: &FrozenPicture,
    places: &[Place],
    audience: Audience,
) -> Vec<DocumentSection> {
    let shown = |n: u64| crate::words::shown_words(lang, Shown::of(n, audience));
    let held_back = |n: u64| matches!(Shown::of(n, audience), Shown::FewerThan(_));
    let year_of = |d: NaiveDate| chrono::Datelike::year(&d).to_string();
    let header = |first: &str| {
        vec![
            lang.t(first),
            year_of(figures.from),
            year_of(figures.before_from),
        ]
    };
    let categories: Vec<Vec<String>> = figures
        .categories
        .iter()
        .filter(|l| l.now + l.before > 0)
        .map(|l| {
            let name =
                IncidentCategory::parse(&l.key).map_or_else(|_| l.key.clone(), |c| lang.name(&c));
            let (change, verdict) = if held_back(l.now) || held_back(l.before) {
                (String::new(), lang.t("situation-held-back"))
            } else {
                let change = CountChange::between(l.before, l.now, ConfidenceLevel::DEFAULT);
                (
                    crate::words::change_words(lang, &change),
                    lang.name(&change.verdict(Better::Lower)),
                )
            };
            vec![name, shown(l.now), shown(l.before), change, verdict]
        })
        .collect();
    let mut sections = vec![DocumentSection {
        heading: lang.t("analysis-reports-heading"),
        paragraphs: vec![if categories.is_empty() {
            lang.t("situation-none")
        } else {
            lang.t("situation-explain-interval")
        }],
        tables: (!categories.is_empty())
            .then(|| DocumentTable {
                caption: lang.t("situation-caption"),
                header: [
                    header("situation-col-category"),
                    vec![
                        lang.t("analysis-col-change"),
                        lang.t("situation-col-verdict"),
                    ],
                ]
                .concat(),
                numeric: vec![false, true, true, false, false],
                rows: categories,
            })
            .into_iter()
            .collect(),
    }];
    let hot: Vec<Vec<String>> = figures
        .hot_places
        .iter()
        .filter(|p| !held_back(p.n))
        .map(|p| vec![crate::words::place_name(places, &p.slug), p.n.to_string()])
        .collect();
    sections.push(DocumentSection {
        heading: lang.t("situation-hot-spots-heading"),
        paragraphs: vec![if hot.is_empty() {
            lang.t("situation-hot-spots-none")
        } else {
            lang.t_args(
                "analysis-hot-places-lead",
                &[("threshold", PUBLIC_THRESHOLD.to_string())],
            )
        }],
        tables: (!hot.is_empty())
            .then(|| DocumentTable {
                caption: lang.t("situation-hot-spots-heading"),
                header: vec![
                    lang.t("situation-col-place"),
                    lang.t("situation-col-reports"),
                ],
                numeric: vec![false, true],
                rows: hot,
            })
            .into_iter()
            .collect(),
    });
    if !figures.police.is_empty() {
        let mut lead = lang.t("situation-police-lead");
        if figures.police_less_sure > 0 {
            lead.push(' ');
            lead.push_str(&lang.t_args(
                "analysis-police-less-sure",
                &[("count", figures.police_less_sure.to_string())],
            ));
        }
        sections.push(DocumentSection {
            heading: lang.t("situation-police-heading"),
            paragraphs: vec![lead],
            tables: vec![DocumentTable {
                caption: lang.t("situation-police-heading"),
                header: header("situation-police-col-kind"),
                numeric: vec![false, true, true],
                rows: figures
                    .police
                    .iter()
                    .map(|l| vec![l.key.clone(), shown(l.now), shown(l.before)])
                    .collect(),
            }],
        });
    }
    sections
}
