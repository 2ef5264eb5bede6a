//! From domain values to words on a page: everything the templates show is prepared
//! here, in the reader's language, so templates only place text (and askama escapes it).

use lofte_db::StoredPromise;
use lofte_domain::{
    ActivityCatalogue, InternalFollowUp, Municipality, Party, Place, Promise, PromiseStatus,
};
use lofte_i18n::Lang;

pub use lofte_app::words::{
    IndicatorLine, ProgressLine, Written, change_words, language_note, party_heading, place_name,
    report_label, target_line,
};

/// What every page has around its content: language, switch, navigation labels.
pub struct Chrome {
    pub lang: Lang,
    pub title: String,
    /// Link that switches to the other language and comes back to this page.
    pub switch_href: String,
    pub switch_lang: &'static str,
    pub switch_label: &'static str,
    /// The signed-in staff member's name, on staff pages.
    pub staff: Option<String>,
    /// The privacy notice for this page: its municipality's on a municipality's pages,
    /// else the list of them.
    pub privacy_href: String,
    /// The page's Atom feed (title, address), linked in its head.
    pub feed: Option<(String, String)>,
}

impl Chrome {
    /// Marks the title of a form shown again with problems ("Fel i formuläret – …"), so
    /// that a screen reader says so before anything else.
    pub fn mark_errors(&mut self, has_errors: bool) {
        if has_errors {
            self.title = self
                .lang
                .t_args("title-with-errors", &[("title", self.title.clone())]);
        }
    }

    pub fn new(lang: Lang, path: &str, title: String) -> Chrome {
        let other = lang.other();
        Chrome {
            lang,
            title,
            switch_href: format!("/sprak/{}?tillbaka={}", other.tag(), encode_path(path)),
            switch_lang: other.tag(),
            // Each language's name in itself, as language switches conventionally show.
            switch_label: match other {
                Lang::Sv => "Svenska",
                Lang::En => "English",
            },
            staff: None,
            privacy_href: privacy_href(path),
            feed: None,
        }
    }

    /// Links the page's Atom feed in its head.
    pub fn with_feed(mut self, title: String, href: String) -> Chrome {
        self.feed = Some((title, href));
        self
    }

    /// Marks the page as the staff area's, with the signed-in person's name.
    pub fn signed_in(mut self, name: &str) -> Chrome {
        self.staff = Some(name.to_owned());
        self
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn tag(&self) -> &'static str {
        self.lang.tag()
    }

    /// Whether user content (Swedish) needs its own `lang` attribute on this page.
    pub fn content_lang(&self) -> Option<&'static str> {
        (self.lang != Lang::Sv).then_some("sv")
    }
}

/// Percent-encodes what a query value cannot hold; paths here are ASCII already.
/// `/kommun/0482/personuppgifter` for a page under `/kommun/0482` (public or staff), else
/// `/personuppgifter`.
fn privacy_href(path: &str) -> String {
    let code = path
        .strip_prefix("/personal")
        .unwrap_or(path)
        .strip_prefix("/kommun/")
        .map(|rest| rest.split('/').next().unwrap_or_default())
        .filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()));
    match code {
        Some(code) => format!("/kommun/{code}/personuppgifter"),
        None => "/personuppgifter".to_owned(),
    }
}

pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Changes published on one day, for the public page's "what changed" section.
pub struct ChangeGroup {
    pub date: String,
    /// What the correction note says, when the change corrects a closed promise's
    /// texts (written by staff, in Swedish).
    pub correction: Option<String>,
    pub lines: Vec<String>,
}

/// What changed between consecutive published versions, newest first; versions that
/// changed only the status are left out.
pub fn change_groups(lang: Lang, publications: &[lofte_db::Publication]) -> Vec<ChangeGroup> {
    let mut groups: Vec<ChangeGroup> = publications
        .windows(2)
        .filter_map(|pair| {
            let lines: Vec<String> = pair[1]
                .changes_since(&pair[0])
                .into_iter()
                .map(|change| change_line(lang, change))
                .collect();
            (!lines.is_empty()).then(|| ChangeGroup {
                correction: pair[1].correction_note.clone(),
                date: stockholm_date(pair[1].published_at),
                lines,
            })
        })
        .collect();
    groups.reverse();
    groups
}

/// One change to a published promise, in words.
pub fn change_line(lang: Lang, change: lofte_domain::history::Change) -> String {
    use lofte_domain::history::Change;
    match change {
        Change::Field(field) => lang.label(&lofte_i18n::labels::CHANGE_FIELD, field.as_str()),
        Change::CommitmentChanged { before, after } if before.text == after.text => {
            lang.t_args("change-commitment-target", &[("text", after.text)])
        }
        Change::CommitmentChanged { before, after } => lang.t_args(
            "change-commitment",
            &[("before", before.text), ("after", after.text)],
        ),
        Change::CommitmentAdded(c) => lang.t_args("change-commitment-added", &[("text", c.text)]),
        Change::CommitmentRemoved(c) => {
            lang.t_args("change-commitment-removed", &[("text", c.text)])
        }
    }
}

pub struct YearLink {
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub struct CommitmentView {
    /// The stored commitment's id (what inputs and findings link to).
    pub id: i32,
    /// What residents said about it and what was done ("Ni sa – vi gjorde").
    pub voices: Option<Voices>,
    /// What each published follow-up said about this commitment, oldest first.
    pub timeline: Vec<ReportedLine>,
    pub text: Written,
    pub target: Option<String>,
    pub local_plan: Option<String>,
    pub progress: Option<ProgressLine>,
    /// What the situation picture says, for a commitment measured by it.
    pub indicator: Option<IndicatorLine>,
    /// Did the work go where the problems are, for a commitment with a target and an
    /// indicator.
    pub targeting: Option<lofte_app::words::TargetingLines>,
}

impl CommitmentView {
    /// The commitment's first words, for the one-line overview at the top of the page.
    pub fn short(&self) -> String {
        short_text(&self.text.text)
    }

    /// How it is going in a word, with its CSS class: today's figures where there is a
    /// number, else what the latest published follow-up said, else the situation
    /// picture's verdict for a commitment measured by it.
    pub fn latest_status(&self) -> Option<(&str, String)> {
        match (&self.progress, self.timeline.last(), &self.indicator) {
            (Some(p), _, _) => Some((p.status.as_str(), format!("status-{}", p.status_class))),
            (None, Some(r), _) => Some((r.status.as_str(), format!("status-{}", r.status_class))),
            (None, None, Some(i)) => {
                Some((i.verdict.as_str(), format!("verdict-{}", i.verdict_class)))
            }
            (None, None, None) => None,
        }
    }
}

/// Residents' published inputs and safety-walk findings linked to a commitment.
pub struct Voices {
    /// "3 synpunkter från invånare", with the latest few texts.
    pub said_heading: Option<String>,
    pub said: Vec<String>,
    /// Findings with their status: (what and where, status, status class).
    pub done: Vec<(String, String, &'static str)>,
}

/// What one published follow-up said about a commitment, or several in a row that said
/// the same without figures ("T1, T2, T3: Bedöms i ord" on one line, not three).
pub struct ReportedLine {
    /// The reports: ("Uppföljning tertial 1 2021", its address).
    pub reports: Vec<(String, String)>,
    pub status: String,
    pub status_class: String,
    /// The figures as they were frozen at publishing: "46 av 50 Trygg vuxen-aktiviteter".
    pub headline: Option<String>,
    /// Only on the newest line: older words are a click away.
    pub narrative: Option<String>,
}

pub struct PartyView {
    /// Stable anchor, e.g. `tillsammans`.
    pub id: String,
    pub heading: String,
    pub commitments: Vec<CommitmentView>,
}

pub struct PromiseView {
    pub title: Written,
    /// Said on the English site when some or all of the texts are only in Swedish.
    pub language_note: Option<String>,
    pub aim: Written,
    pub focus_text: Option<Written>,
    /// Each focus area by its Swedish name (what inputs are linked by) and as shown.
    pub focus_areas: Vec<(String, Written)>,
    /// Focus areas that residents' inputs or walk findings are linked to, with them.
    pub focus_voices: Vec<(Written, Voices)>,
    pub outcome_goal: Written,
    pub outcome_measured: String,
    pub parties: Vec<PartyView>,
    pub follow_up: String,
    pub continues: Option<(String, String)>,
    /// The later public promise that continues this one, linked back: (label, href).
    pub continued_by: Option<(String, String)>,
    pub signed: Option<String>,
    pub signatories: Vec<String>,
    pub closed: Option<String>,
    /// Said when the figures rest on synthetic demo data.
    pub synthetic: Option<String>,
    /// "Enligt Slutredovisning 2020: 2 uppfyllda, 1 delvis uppfyllt, …"
    pub summary: Option<String>,
    pub as_of: Option<String>,
}

impl PromiseView {
    pub fn new(
        lang: Lang,
        municipality: &Municipality,
        stored: &StoredPromise,
        places: &[Place],
        types: &ActivityCatalogue,
        progress: &lofte_app::progress::PromiseProgress,
        reports: &[lofte_db::FollowUpReport],
    ) -> PromiseView {
        // Every published report that speaks of each commitment, oldest first.
        let timeline_of = |id: i32| {
            let mut lines: Vec<ReportedLine> = reports
                .iter()
                .filter_map(|r| {
                    let e = r.entries.iter().find(|e| e.commitment_id == id)?;
                    let frozen: Option<lofte_app::progress::CommitmentProgress> =
                        e.figures.as_ref().map(Into::into);
                    Some(ReportedLine {
                        reports: vec![(
                            report_label(lang, stored.promise.years, r.year, r.period),
                            format!(
                                "/kommun/{}/{}/uppfoljning/{}",
                                municipality.code,
                                r.year,
                                r.period.slug()
                            ),
                        )],
                        status: lang.label(&lofte_i18n::labels::PROGRESS_STATUS, &e.status),
                        status_class: e.status.clone(),
                        headline: frozen.map(|f| {
                            ProgressLine::new(
                                lang,
                                types,
                                &f,
                                r.period == lofte_domain::followup::ReportPeriod::Final,
                            )
                            .headline
                        }),
                        narrative: e.narrative.clone(),
                    })
                })
                .collect();
            let newest = lines.len().saturating_sub(1);
            for line in &mut lines[..newest] {
                line.narrative = None;
            }
            // Reports in a row that said the same without figures share a line.
            let mut merged: Vec<ReportedLine> = Vec::new();
            for line in lines {
                match merged.last_mut() {
                    Some(last)
                        if last.headline.is_none()
                            && line.headline.is_none()
                            && last.narrative.is_none()
                            && last.status_class == line.status_class =>
                    {
                        last.reports.extend(line.reports);
                        last.narrative = line.narrative;
                    }
                    _ => merged.push(line),
                }
            }
            merged
        };
        let p: &Promise = &stored.promise;
        let period_over = progress.as_of >= p.years.last_day();
        let progress_of = |index: usize| {
            progress
                .commitments
                .iter()
                .find(|c| c.commitment == index)
                .map(|c| ProgressLine::new(lang, types, c, period_over))
        };
        let parties =
            p.parties()
                .into_iter()
                .map(|party| PartyView {
                    id: party_anchor(&party),
                    heading: party_heading(lang, municipality, &party),
                    commitments: p
                        .commitments
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c.party == party)
                        .map(|(index, c)| CommitmentView {
                            id: stored.commitment_ids[index],
                            voices: None,
                            timeline: timeline_of(stored.commitment_ids[index]),
                            progress: progress_of(index),
                            text: Written::pick(lang, &c.text, c.english.as_ref()),
                            target: c
                                .target
                                .as_ref()
                                .map(|t| target_line(lang, t, places, types)),
                            local_plan: c.local_plan.as_ref().map(|plan| {
                                lang.t_args("local-plan", &[("plan", plan.to_string())])
                            }),
                            indicator: None,
                            targeting: None,
                        })
                        .collect(),
                })
                .collect();
        let follow_up_key = match p.follow_up.internal {
            InternalFollowUp::Tertial => "follow-up-tertial",
            InternalFollowUp::Yearly => "follow-up-yearly",
        };
        let english = &p.english;
        PromiseView {
            title: Written::pick(lang, &p.title, english.title.as_ref()),
            language_note: language_note(lang, p),
            aim: Written::pick(lang, &p.aim, english.aim.as_ref()),
            focus_text: p
                .focus_text
                .as_ref()
                .map(|t| Written::pick(lang, t, english.focus_text.as_ref())),
            focus_areas: p
                .focus_areas
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    (
                        f.to_string(),
                        Written::pick(lang, f, english.focus_areas.get(i)),
                    )
                })
                .collect(),
            focus_voices: Vec::new(),
            outcome_goal: Written::pick(lang, &p.outcome_goal.text, english.outcome_goal.as_ref()),
            outcome_measured: lang.t_args(
                "promise-outcome-measured",
                &[("year", p.outcome_goal.measured_in.to_string())],
            ),
            parties,
            follow_up: lang.t_args(
                follow_up_key,
                &[
                    ("year", p.years.to_string()),
                    (
                        "quarter",
                        p.follow_up.final_report_quarter.number().to_string(),
                    ),
                    ("report_year", p.follow_up.final_report_year.to_string()),
                ],
            ),
            continued_by: None,
            continues: p.continues.map(|y| {
                (
                    lang.t_args("promise-continues", &[("year", y.to_string())]),
                    format!("/kommun/{}/{}", municipality.code, y),
                )
            }),
            signed: p.signed_on.map(|d| {
                lang.t_args(
                    "promise-signed",
                    &[("date", d.format("%Y-%m-%d").to_string())],
                )
            }),
            signatories: p
                .signatories
                .iter()
                .map(|s| format!("{}, {}", s.name, s.role))
                .collect(),
            closed: (p.status == PromiseStatus::Closed).then(|| lang.t("promise-status-closed")),
            synthetic: progress.synthetic.then(|| lang.t("progress-synthetic")),
            summary: reports.last().map(|r| {
                let report = report_label(lang, stored.promise.years, r.year, r.period);
                // The final report: how many were kept, in plain words.
                if r.period == lofte_domain::followup::ReportPeriod::Final {
                    let count =
                        |status: &str| r.entries.iter().filter(|e| e.status == status).count();
                    let (kept, partly, not) =
                        (count("kept"), count("partly-kept"), count("not-kept"));
                    let open = r.entries.len() - kept - partly - not;
                    // "…, 3 delvis och 1 inte": only the counts that are not zero.
                    let rest: Vec<String> = [
                        ("summary-final-partly", partly),
                        ("summary-final-not", not),
                        ("summary-final-open", open),
                    ]
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(id, n)| lang.t_args(id, &[("count", n.to_string())]))
                    .collect();
                    let rest = match rest.as_slice() {
                        [] => String::new(),
                        _ => format!(", {}", lang.list(&rest, "list-and")),
                    };
                    return lang.t_args(
                        "summary-final",
                        &[
                            ("report", report),
                            ("kept", kept.to_string()),
                            ("total", r.entries.len().to_string()),
                            ("rest", rest),
                        ],
                    );
                }
                let mut counts: Vec<(String, usize)> = Vec::new();
                for e in &r.entries {
                    match counts.iter_mut().find(|(s, _)| *s == e.status) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((e.status.clone(), 1)),
                    }
                }
                let parts: Vec<String> = counts
                    .iter()
                    .map(|(status, n)| {
                        lang.label_args(
                            &lofte_i18n::labels::SUMMARY,
                            status,
                            &[("count", n.to_string())],
                        )
                    })
                    .collect();
                lang.t_args(
                    "summary-line",
                    &[("report", report), ("parts", parts.join(", "))],
                )
            }),
            as_of: (!progress.commitments.is_empty()).then(|| {
                lang.t_args(
                    "progress-as-of",
                    &[("date", progress.as_of.format("%Y-%m-%d").to_string())],
                )
            }),
        }
    }
}

fn party_anchor(party: &Party) -> String {
    match party {
        Party::Together => "tillsammans".into(),
        Party::Police => "polisen".into(),
        Party::Municipality => "kommunen".into(),
        Party::Partner(name) => {
            let slug: String = name
                .as_str()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect();
            format!("partner-{slug}")
        }
    }
}

/// Did the work go where the problems are, in words, for the commitment at `index` of
/// `promise`, if it is checked.
pub fn targeting_lines(
    lang: Lang,
    promise: &Promise,
    index: usize,
    progress: &lofte_app::progress::PromiseProgress,
    (types, places): (&ActivityCatalogue, &[Place]),
    audience: lofte_app::situation::Audience,
) -> Option<lofte_app::words::TargetingLines> {
    let (_, t) = progress.aimed.iter().find(|(i, _)| *i == index)?;
    let target = promise.commitments[index].target.as_ref()?;
    let codes: Vec<String> = target.activities.iter().map(ToString::to_string).collect();
    let work = lang.measure_noun(types, &codes, "count");
    Some(lofte_app::words::TargetingLines::new(
        lang, t, audience, &work, places,
    ))
}

/// A commitment's text in a line: its first twelve words.
pub(crate) fn short_text(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        format!("{} …", words[..12].join(" "))
    }
}

/// The day `at` falls on in Sweden, as ISO 8601 ("2026-03-04"): how every page and
/// message writes a date.
pub fn stockholm_date(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Stockholm)
        .format("%Y-%m-%d")
        .to_string()
}
