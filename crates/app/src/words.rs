//! Domain values in words, in the reader's language: a target's conditions, a party's
//! heading, a report's name, a commitment's progress, a text in the language shown. The
//! pages, the reports and the exports all word things through here.

use lofte_domain::{ActivityCatalogue, Municipality, Party, Place, PlaceScope, Promise, Target};
use lofte_i18n::Lang;

/// "Uppföljning tertial 2 2021"; the final report is named by the promise's whole span,
/// which it covers ("Slutredovisning 2021–2022"), though it is stored and addressed under
/// the last year.
pub fn report_label(
    lang: Lang,
    years: lofte_domain::YearSpan,
    year: lofte_domain::Year,
    period: lofte_domain::followup::ReportPeriod,
) -> String {
    let named_by = match period {
        lofte_domain::followup::ReportPeriod::Final => years.to_string(),
        _ => year.to_string(),
    };
    lang.label_args(
        &lofte_i18n::labels::PERIOD,
        period.slug(),
        &[("year", named_by)],
    )
}

/// A commitment's progress in words: status (always in words, colour only supports it),
/// the count against the target, and what lies behind it.
pub struct ProgressLine {
    pub status: String,
    /// CSS modifier, e.g. `on-track`.
    pub status_class: String,
    pub headline: String,
    pub details: Vec<String>,
}

impl ProgressLine {
    pub fn new(
        lang: Lang,
        types: &ActivityCatalogue,
        p: &crate::progress::CommitmentProgress,
        period_over: bool,
    ) -> ProgressLine {
        let codes = if p.activities.is_empty() {
            std::slice::from_ref(&p.activity)
        } else {
            p.activities.as_slice()
        };
        let amount = |n: u32| lang.measure_amount(types, codes, &p.measure, n);
        let headline = match p.target {
            // A number promised for each year, once the span is over: how many years
            // reached it (each year's figure follows in the details).
            Some(target) if period_over && p.years.len() > 1 => lang.t_args(
                "progress-years-reached",
                &[
                    (
                        "reached",
                        p.years
                            .iter()
                            .filter(|y| y.actual >= y.target)
                            .count()
                            .to_string(),
                    ),
                    ("years", p.years.len().to_string()),
                    ("target", amount(target)),
                ],
            ),
            Some(target) => {
                let mut line = lang.t_args(
                    "progress-of",
                    &[("actual", p.actual.to_string()), ("target", amount(target))],
                );
                if let Some(year) = p.year {
                    line.push(' ');
                    line.push_str(
                        &lang.t_args("progress-this-year", &[("year", year.to_string())]),
                    );
                }
                line
            }
            None => lang.t_args("progress-logged", &[("activity", amount(p.actual))]),
        };
        let mut details = Vec::new();
        // A number for a span of several years: how each year contributed.
        if p.per == "span" && p.by_year.len() > 1 {
            let years: Vec<String> = p
                .by_year
                .iter()
                .map(|y| format!("{}: {}", y.year, y.count))
                .collect();
            details.push(lang.t_args("progress-by-year", &[("years", years.join(" · "))]));
        }
        for y in &p.years {
            details.push(lang.t_args(
                "progress-year",
                &[
                    ("year", y.year.to_string()),
                    ("actual", y.actual.to_string()),
                    ("target", y.target.to_string()),
                    (
                        "status",
                        lang.label(&lofte_i18n::labels::PROGRESS_STATUS, &y.status),
                    ),
                ],
            ));
        }
        if let (false, Some(expected), Some(forecast)) = (period_over, p.expected, p.forecast) {
            details.push(lang.t_args(
                "progress-pace",
                &[
                    ("expected", format!("{expected:.0}")),
                    ("forecast", format!("{forecast:.0}")),
                ],
            ));
        }
        if let Some(in_emphasis) = p.in_emphasis
            && p.actual > 0
        {
            let percent = (f64::from(in_emphasis) * 100.0 / f64::from(p.actual)).round();
            details.push(lang.t_args(
                "progress-emphasis",
                &[
                    ("count", in_emphasis.to_string()),
                    ("actual", p.actual.to_string()),
                    ("percent", format!("{percent:.0}")),
                ],
            ));
        }
        if let Some(r) = &p.revised
            && let (Ok(year), Some(period)) = (
                lofte_domain::Year::new(r.year),
                lofte_domain::followup::ReportPeriod::parse(&r.period),
            )
        {
            details.push(lang.t_args(
                "progress-revised",
                &[
                    (
                        "report",
                        report_label(lang, lofte_domain::YearSpan::single(year), year, period),
                    ),
                    ("was", r.was.to_string()),
                    ("now", r.now.to_string()),
                ],
            ));
        }
        for e in &p.excluded {
            details.push(lang.t_args(
                "progress-excluded",
                &[
                    ("count", e.count.to_string()),
                    (
                        "reason",
                        lang.label(&lofte_i18n::labels::EXCLUSION, &e.reason),
                    ),
                ],
            ));
        }
        ProgressLine {
            status: lang.label(&lofte_i18n::labels::PROGRESS_STATUS, &p.status),
            status_class: p.status.clone(),
            headline,
            details,
        }
    }
}

/// A text the parties wrote, as a page shows it: its English version on the English site
/// where one was written, else the Swedish text with the `lang` it is to be marked with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub text: String,
    pub lang: Option<&'static str>,
}

impl Written {
    pub fn pick(
        lang: Lang,
        swedish: &lofte_domain::Text,
        english: Option<&lofte_domain::Text>,
    ) -> Self {
        match (lang, english) {
            (Lang::En, Some(english)) => Written {
                text: english.to_string(),
                lang: None,
            },
            (Lang::En, None) => Written {
                text: swedish.to_string(),
                lang: Some("sv"),
            },
            (Lang::Sv, _) => Written {
                text: swedish.to_string(),
                lang: None,
            },
        }
    }
}

/// What the English site says of a promise with texts only in Swedish; `None` in Swedish
/// and for a promise written in both languages.
pub fn language_note(lang: Lang, p: &Promise) -> Option<String> {
    match (lang, p.english_coverage()) {
        (Lang::Sv, _) | (_, lofte_domain::EnglishCoverage::Full) => None,
        (_, lofte_domain::EnglishCoverage::Partial) => {
            Some(lang.t("promise-content-language-partly"))
        }
        (_, lofte_domain::EnglishCoverage::None) => Some(lang.t("promise-content-language")),
    }
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

pub fn party_heading(lang: Lang, municipality: &Municipality, party: &Party) -> String {
    match party {
        Party::Together => lang.t("party-together"),
        Party::Police => lang.t("party-police"),
        Party::Municipality => lang.t_args(
            "party-municipality",
            &[("municipality", municipality.official_name.to_string())],
        ),
        Party::Partner(name) => lang.t_args("party-partner", &[("partner", name.to_string())]),
    }
}

/// "Mål: minst 100 trafikkontroller enligt 20-minutersmetoden (15–30 minuter) med mer
/// närvaro i kransorterna."
pub fn target_line(
    lang: Lang,
    target: &Target,
    places: &[Place],
    types: &ActivityCatalogue,
) -> String {
    let codes: Vec<String> = target.activities.iter().map(ToString::to_string).collect();
    let mut parts = vec![match target.at_least {
        Some(n) => {
            let amount = lang.measure_amount(types, &codes, target.measure.code(), n);
            lang.t_args("target-at-least", &[("activity", amount)])
        }
        None => {
            let activity = lang.activities_plural(types, &codes);
            lang.t_args("target-tracked", &[("activity", activity)])
        }
    }];
    if target.per == lofte_domain::Per::Year && target.at_least.is_some() {
        parts.push(lang.t("target-per-year"));
    }
    parts.extend(when_words(lang, &target.when));
    if let Some(m) = &target.method {
        let method = lang
            .try_label(&lofte_i18n::labels::METHOD, m.code.as_str())
            .unwrap_or_else(|| m.code.to_string());
        parts.push(lang.t_args(
            "target-method",
            &[
                ("method", method),
                ("min", m.min_minutes.to_string()),
                ("max", m.max_minutes.to_string()),
            ],
        ));
    }
    match &target.scope {
        PlaceScope::Anywhere => {}
        PlaceScope::OutlyingVillages => parts.push(lang.t("target-scope-outlying")),
        PlaceScope::Places(slugs) => parts.push(lang.t_args(
            "target-scope-places",
            &[("places", place_names(slugs, places))],
        )),
    }
    match &target.emphasis {
        None | Some(PlaceScope::Anywhere) => {}
        Some(PlaceScope::OutlyingVillages) => parts.push(lang.t("target-emphasis-outlying")),
        Some(PlaceScope::Places(slugs)) => parts.push(lang.t_args(
            "target-emphasis-places",
            &[("places", place_names(slugs, places))],
        )),
    }
    let mut line = parts.join(" ");
    line.push('.');
    line
}

/// A calendar window in words: "under januari–april", "på torsdagar och söndagar",
/// "kl. 20:00–02:00".
pub fn when_words(lang: Lang, when: &lofte_domain::When) -> Vec<String> {
    let mut words = Vec::new();
    if !when.months.is_empty() {
        let month = |m: u32| lang.label(&lofte_i18n::labels::MONTH_LONG, &m.to_string());
        // Runs of three or more months read as a range ("januari–april").
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for &m in &when.months {
            match runs.last_mut() {
                Some((_, last)) if *last + 1 == m => *last = m,
                _ => runs.push((m, m)),
            }
        }
        let items: Vec<String> = runs
            .into_iter()
            .flat_map(|(first, last)| {
                if last >= first + 2 {
                    vec![format!("{}–{}", month(first), month(last))]
                } else {
                    (first..=last).map(month).collect()
                }
            })
            .collect();
        words.push(lang.t_args(
            "target-months",
            &[("months", lang.list(&items, "list-and"))],
        ));
    }
    if !when.weekdays.is_empty() {
        let days: Vec<String> = when
            .weekdays
            .iter()
            .map(|d| {
                lang.label(
                    &lofte_i18n::labels::WEEKDAY_PLURAL,
                    lofte_domain::condition::weekday_code(*d),
                )
            })
            .collect();
        words.push(lang.t_args(
            "target-weekdays",
            &[("weekdays", lang.list(&days, "list-and"))],
        ));
    }
    if let Some(h) = when.hours {
        words.push(lang.t_args(
            "target-hours",
            &[
                ("from", h.from.format("%H:%M").to_string()),
                ("to", h.to.format("%H:%M").to_string()),
            ],
        ));
    }
    words
}

fn place_names(slugs: &[lofte_domain::PlaceSlug], places: &[Place]) -> String {
    slugs
        .iter()
        .map(|slug| {
            places
                .iter()
                .find(|p| &p.slug == slug)
                .map_or_else(|| slug.to_string(), |p| p.name.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A place's name from the municipality's list, or its slug if it has left the list.
pub fn place_name(places: &[Place], slug: &str) -> String {
    places
        .iter()
        .find(|p| p.slug.as_str() == slug)
        .map_or_else(|| slug.to_owned(), |p| p.name.to_string())
}

/// A safety-walk finding's category in words, e.g. "Belysning".
pub fn finding_category_name(lang: Lang, c: lofte_domain::walk::FindingCategory) -> String {
    lang.name(&c)
}

/// A safety-walk finding's status in words, e.g. "Åtgärdat".
pub fn finding_status_name(lang: Lang, s: lofte_domain::walk::FindingStatus) -> String {
    lang.name(&s)
}

/// A commitment's incident indicator in words: what is counted, the two periods' counts
/// (held back below the threshold for residents) and the change with its interval, and
/// the verdict, as the promise page, the follow-ups and the reports give it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorLine {
    pub headline: String,
    /// Empty where there is no change to give (none in either period, or held back).
    pub change: String,
    pub verdict: String,
    pub verdict_class: &'static str,
    pub synthetic: bool,
}

impl IndicatorLine {
    pub fn new(
        lang: Lang,
        indicator: Option<&lofte_domain::indicator::IncidentIndicator>,
        shown: &crate::situation::ShownIndicator,
        places: &[Place],
    ) -> IndicatorLine {
        let what = match indicator {
            Some(indicator) => {
                let mut what = indicator
                    .categories
                    .iter()
                    .map(|c| lang.name(c))
                    .collect::<Vec<_>>()
                    .join(", ");
                if !indicator.places.is_empty() {
                    what.push_str(&lang.t_args(
                        "indicator-at",
                        &[("places", place_names(&indicator.places, places))],
                    ));
                }
                if let Some(h) = indicator.hours {
                    what.push_str(&lang.t_args(
                        "indicator-hours",
                        &[
                            ("from", h.from.format("%H").to_string()),
                            ("to", h.to.format("%H").to_string()),
                        ],
                    ));
                }
                what
            }
            // A published report's indicator, since taken off the commitment.
            None => lang.t("indicator-removed"),
        };
        let count = |s: crate::situation::Shown| shown_words(lang, s);
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        IndicatorLine {
            headline: lang.t_args(
                "indicator-headline",
                &[
                    ("what", what),
                    ("now", count(shown.now)),
                    ("from", day(shown.from)),
                    ("to", day(shown.to)),
                    ("before", count(shown.before)),
                    (
                        "baseline",
                        chrono::Datelike::year(&shown.before_from).to_string(),
                    ),
                ],
            ),
            change: shown
                .change
                .as_ref()
                .map(|c| change_words(lang, c))
                .unwrap_or_default(),
            verdict: lang.name(&shown.verdict),
            verdict_class: shown.verdict.code(),
            synthetic: shown.synthetic,
        }
    }
}

/// A percentage change, signed: "+25 %", "−33 %".
fn percent(ratio: f64) -> String {
    if ratio.is_infinite() {
        return "∞".to_owned();
    }
    let p = ((ratio - 1.0) * 100.0).round() as i64;
    match p {
        0 => "±0 %".to_owned(),
        p if p > 0 => format!("+{p} %"),
        p => format!("−{} %", -p),
    }
}

/// A change between two counts with its interval, "−40 % (−62 % till −5 %)".
pub fn change_words(lang: Lang, change: &lofte_domain::stats::CountChange) -> String {
    match change.ratio {
        None if change.now == 0 => String::new(),
        None => lang.t("situation-change-none-before"),
        Some(ratio) => lang.t_args(
            "situation-change",
            &[
                ("change", percent(ratio)),
                ("lower", percent(change.lower)),
                ("upper", percent(change.upper)),
            ],
        ),
    }
}

/// Did the work go where the problems are, in words: a line each for the hot spots, the
/// hot hours and both, each with its verdict against an even spread.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetingLines {
    pub lines: Vec<AimLine>,
    /// What the lines leave out: too few reports, work without a place.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AimLine {
    pub aim: String,
    /// `more-than-even`, `as-even`, `less-than-even` or `not-measurable`.
    pub aim_class: &'static str,
    pub text: String,
}

impl TargetingLines {
    /// `work` names the counted work in the plural ("trafikkontroller").
    pub fn new(
        lang: Lang,
        t: &lofte_domain::targeting::Targeting,
        audience: crate::situation::Audience,
        work: &str,
        places: &[Place],
    ) -> TargetingLines {
        let pct = |x: f64| crate::outcome::decimal(lang, x * 100.0, 0);
        let share = |s: &lofte_domain::targeting::Share| -> Vec<(&'static str, String)> {
            vec![
                ("within", s.within.to_string()),
                ("of", s.of.to_string()),
                ("work", work.to_owned()),
                ("share", s.share().map_or_else(String::new, pct)),
                ("lower", pct(s.lower)),
                ("upper", pct(s.upper)),
                ("expected", pct(s.expected)),
            ]
        };
        let line = |s: &lofte_domain::targeting::Share, text: String| {
            let aim = s.aim();
            AimLine {
                aim: lang.label(&lofte_i18n::labels::AIM, aim.code()),
                aim_class: aim.code(),
                text: if s.of == 0 {
                    lang.t_args("targeting-no-work", &[("work", work.to_owned())])
                } else {
                    text
                },
            }
        };
        let mut lines = Vec::new();
        if let Some(s) = &t.places {
            let (named, unnamed) = crate::targeting::named_hot_places(t, audience);
            let mut names = named
                .iter()
                .map(|slug| place_name(places, slug.as_str()))
                .collect::<Vec<_>>()
                .join(", ");
            if unnamed > 0 {
                names.push_str(
                    &lang.t_args("targeting-more-places", &[("count", unnamed.to_string())]),
                );
            }
            let mut args = share(s);
            args.push(("places", names));
            lines.push(line(s, lang.t_args("targeting-places", &args)));
        }
        if let Some(s) = &t.hours {
            let mut args = share(s);
            args.push(("hot", t.hot.hours.len().to_string()));
            args.push(("week", t.hot.week.to_string()));
            lines.push(line(s, lang.t_args("targeting-hours", &args)));
        }
        if let Some(s) = &t.both {
            lines.push(line(s, lang.t_args("targeting-both", &share(s))));
        }
        let mut notes = Vec::new();
        if t.places.is_none() || t.hours.is_none() {
            notes.push(lang.t_args(
                "targeting-too-few",
                &[("min", lofte_domain::targeting::MIN_REPORTS.to_string())],
            ));
        }
        if t.without_place > 0 && t.places.is_some() {
            notes.push(lang.t_args(
                "targeting-without-place",
                &[
                    ("count", t.without_place.to_string()),
                    ("work", work.to_owned()),
                ],
            ));
        }
        TargetingLines { lines, notes }
    }
}

/// A count as shown: the number, or "färre än 5".
pub fn shown_words(lang: Lang, shown: crate::situation::Shown) -> String {
    match shown {
        crate::situation::Shown::Count(n) => n.to_string(),
        crate::situation::Shown::FewerThan(n) => {
            lang.t_args("situation-fewer-than", &[("count", n.to_string())])
        }
    }
}
