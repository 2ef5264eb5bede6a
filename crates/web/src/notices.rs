//! What followers are told when something they follow happens, in both languages: the
//! notice (kept for feeds and digests) and the message to those told at once. Made here,
//! where the words are; stored and queued by `lofte_db` in the transaction of the change.

use lofte_db::follows::{Announcement, NewNotice};
use lofte_db::{ReportContent, StoredPromise};
use lofte_domain::follow::{NoticeKind, Target};
use lofte_domain::followup::ReportPeriod;
use lofte_domain::{MunicipalityCode, Tertial, Year};
use lofte_i18n::Lang;
use lofte_i18n::labels::PROGRESS_STATUS;

use crate::letters::{Parts, letter};

/// The notices of a published follow-up: one for the promise (every commitment's
/// status and figures) and one for each commitment (its own), with their messages.
/// `figures` gives a commitment's figures in words by its position ("4 av 6
/// trygghetsvandringar"), for those with a target. Links lead to `public`, the address
/// residents use.
pub(crate) fn follow_up_published(
    code: &MunicipalityCode,
    municipality: &str,
    stored: &StoredPromise,
    (year, period): (Year, ReportPeriod),
    content: &ReportContent,
    figures: &dyn Fn(Lang, usize) -> Option<String>,
    public: &str,
) -> Vec<Announcement> {
    let path = format!("/kommun/{code}/{year}/uppfoljning/{}", period.slug());
    let kind = if period == ReportPeriod::Final {
        NoticeKind::FinalReportPublished
    } else {
        NoticeKind::FollowUpPublished
    };
    let words = |lang: Lang| {
        let label = lofte_app::words::report_label(lang, stored.promise.years, year, period);
        lang.t_args(
            "notice-follow-up-title",
            &[("report", label), ("municipality", municipality.to_owned())],
        )
    };
    let status_of = |lang: Lang, commitment_id: i32| {
        content
            .entries
            .iter()
            .find(|(id, _)| *id == commitment_id)
            .map(|(_, e)| lang.label(&PROGRESS_STATUS, &e.status))
    };
    let line = |lang: Lang, index: usize| {
        let id = stored.commitment_ids[index];
        let text = crate::views::short_text(stored.promise.commitments[index].text.as_ref());
        let said = [status_of(lang, id), figures(lang, index)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ");
        if said.is_empty() {
            text
        } else {
            format!("{text} – {said}")
        }
    };
    let href = format!("{public}{path}");
    let mut out = vec![announcement(
        code,
        Target::Promise(stored.id),
        kind,
        in_both_languages("notice-read-report", &href, |lang| {
            let summary = lang.t_args(
                "notice-follow-up-summary",
                &[("count", stored.commitment_ids.len().to_string())],
            );
            let items = (0..stored.commitment_ids.len())
                .map(|i| line(lang, i))
                .collect();
            (words(lang), summary, items)
        }),
        &path,
    )];
    out.extend(stored.commitment_ids.iter().enumerate().map(|(index, id)| {
        announcement(
            code,
            Target::Commitment(*id),
            kind,
            in_both_languages("notice-read-report", &href, |lang| {
                (words(lang), line(lang, index), Vec::new())
            }),
            &path,
        )
    }));
    out
}

/// The notice of a tertial's analysis of the situation picture, published at `path`.
pub(crate) fn analysis_published(
    code: &MunicipalityCode,
    municipality: &str,
    (year, tertial): (Year, Tertial),
    path: &str,
    public: &str,
) -> Announcement {
    let href = format!("{public}{path}");
    announcement(
        code,
        Target::Picture,
        NoticeKind::AnalysisPublished,
        in_both_languages("notice-read-analysis", &href, |lang| {
            let title = lang.t_args(
                "notice-analysis-title",
                &[
                    ("municipality", municipality.to_owned()),
                    ("tertial", tertial.number().to_string()),
                    ("year", year.to_string()),
                ],
            );
            (title, lang.t("notice-analysis-summary"), Vec::new())
        }),
        path,
    )
}

/// A notice's title and summary, and its message, in one language.
type Worded = (String, String, lofte_db::mail::Letter);

/// A notice in both languages: `words` gives a language's title, summary and any listed
/// items, and the message ends with the one link, `href`, in the words of the message
/// `link`.
fn in_both_languages(
    link: &str,
    href: &str,
    words: impl Fn(Lang) -> (String, String, Vec<String>),
) -> [Worded; 2] {
    [Lang::Sv, Lang::En].map(|lang| {
        let (title, summary, items) = words(lang);
        let letter = letter(
            "notice",
            lang,
            Parts {
                subject: title.clone(),
                paragraphs: vec![summary.clone()],
                items,
                link: Some((lang.t(link), href.to_owned())),
            },
        );
        (title, summary, letter)
    })
}

/// The notice of `kind` for the followers of `target`, worded in both languages.
fn announcement(
    code: &MunicipalityCode,
    target: Target,
    kind: NoticeKind,
    [sv, en]: [Worded; 2],
    path: &str,
) -> Announcement {
    Announcement {
        notice: NewNotice {
            municipality: code.clone(),
            target,
            kind,
            title: [sv.0, en.0],
            summary: [sv.1, en.1],
            path: path.to_owned(),
        },
        letters: [sv.2, en.2],
    }
}

/// Queues the weekly and monthly digests due at `now`, a follower at a time: each gets one
/// message with what happened to everything they follow since their last digest (none if
/// nothing did), and their follows are marked digested in the same transaction. Returns
/// the messages queued.
pub async fn queue_digests(
    db: &lofte_db::Db,
    mailer: &lofte_mail::Mailer,
    now: chrono::DateTime<chrono::Utc>,
) -> lofte_db::Result<usize> {
    let mut queued = 0;
    let mut after = 0;
    loop {
        let (due, next) = db.due_digests(now, after, 500).await?;
        let Some(next) = next else {
            return Ok(queued);
        };
        after = next;
        for digest in &due {
            let lang = Lang::from_tag(&digest.lang).unwrap_or_default();
            let i = usize::from(lang == Lang::En);
            let letter = (!digest.notices.is_empty()).then(|| {
                letter(
                    "digest",
                    lang,
                    Parts {
                        subject: lang.t_args(
                            "notice-digest-subject",
                            &[("count", digest.notices.len().to_string())],
                        ),
                        paragraphs: vec![lang.t("notice-digest-intro")],
                        items: digest
                            .notices
                            .iter()
                            .map(|n| {
                                format!(
                                    "{} – {} {}{}",
                                    n.title[i],
                                    n.summary[i],
                                    mailer.public_url(),
                                    n.path
                                )
                            })
                            .collect(),
                        link: None,
                    },
                )
            });
            if db.queue_digest(digest, letter.as_ref(), now).await? {
                queued += usize::from(letter.is_some());
            }
        }
        if queued > 0 {
            mailer.wake();
        }
    }
}

/// What happened to an input, for those who follow where it is.
pub(crate) enum InputEvent<'a> {
    /// Published (with the text as published).
    Published,
    /// Its reply or its action's status changed: the new status, and the reply if new.
    Changed {
        status: Option<lofte_domain::walk::FindingStatus>,
        reply: Option<&'a str>,
    },
}

/// The notices of `event` on `input`: one for its locality, one for its place within it
/// (if it names one) and one for each area drawn on the map that holds it, with their
/// messages. Links lead to the input's own page.
pub(crate) fn input_notices(
    code: &MunicipalityCode,
    places: &[lofte_domain::Place],
    input: &lofte_db::citizen_inputs::StoredInput,
    text: &str,
    event: &InputEvent,
    public: &str,
) -> Vec<Announcement> {
    let path = format!("/kommun/{code}/synpunkter/{}", input.id);
    let reference = crate::input::reference(code.as_str(), input.id);
    let place = crate::input::input_place(places, input);
    let kind = match event {
        InputEvent::Published => NoticeKind::InputPublished,
        InputEvent::Changed { .. } => NoticeKind::InputChanged,
    };
    let href = format!("{public}{path}");
    let words = in_both_languages("notice-read-input", &href, |lang| {
        let category = crate::input::category_name(lang, input.category);
        let (title, summary) = match event {
            InputEvent::Published => (
                lang.t_args(
                    "notice-input-published-title",
                    &[("place", place.clone()), ("category", category)],
                ),
                crate::views::short_text(text),
            ),
            InputEvent::Changed { status, reply } => (
                lang.t_args(
                    "notice-input-changed-title",
                    &[("reference", reference.clone()), ("place", place.clone())],
                ),
                [
                    status.map(|s| {
                        lang.t_args(
                            "notice-input-status",
                            &[("status", lofte_app::words::finding_status_name(lang, s))],
                        )
                    }),
                    reply.map(|r| {
                        lang.t_args(
                            "notice-input-reply",
                            &[("reply", crate::views::short_text(r))],
                        )
                    }),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            ),
        };
        (title, summary, Vec::new())
    });
    // The point as the public map shows it: a follower of a small area learns no more
    // of where a resident stood than the map tells everyone.
    let at = Whereabouts::at_place_point(
        places,
        input.locality.as_str(),
        input.place.as_ref().map(|p| p.as_str()),
        input.public_point(),
    );
    at_places(code, places, at, kind, words, &path)
}

/// Where something residents may follow happened: its locality, the place within it
/// that it names, and the point residents see it at on the map.
struct Whereabouts<'a> {
    locality: &'a str,
    place: Option<&'a str>,
    point: Option<lofte_domain::Coordinates>,
}

impl<'a> Whereabouts<'a> {
    /// The point of `place` (where it is shown on the map) when nothing marks a finer one.
    fn at_place_point(
        places: &[lofte_domain::Place],
        locality: &'a str,
        place: Option<&'a str>,
        point: Option<lofte_domain::Coordinates>,
    ) -> Whereabouts<'a> {
        let point = point.or_else(|| {
            let place = place?;
            places
                .iter()
                .find(|p| p.slug.as_str() == place)
                .map(|p| p.coordinates)
        });
        Whereabouts {
            locality,
            place,
            point,
        }
    }
}

/// The same notice for the followers of the locality, of the place within it, and of
/// every place whose outline drawn on the map holds the point (each told once).
fn at_places(
    code: &MunicipalityCode,
    places: &[lofte_domain::Place],
    at: Whereabouts,
    kind: NoticeKind,
    words: [Worded; 2],
    path: &str,
) -> Vec<Announcement> {
    let mut slugs = vec![at.locality.to_owned()];
    slugs.extend(at.place.map(str::to_owned));
    if let Some(point) = at.point {
        slugs.extend(
            places
                .iter()
                .filter(|p| {
                    matches!(&p.shape, Some(lofte_domain::PlaceShape::Area(area)) if area.contains(point))
                })
                .map(|p| p.slug.as_str().to_owned()),
        );
    }
    let mut told = std::collections::HashSet::new();
    slugs.retain(|slug| told.insert(slug.clone()));
    slugs
        .into_iter()
        .map(|slug| announcement(code, Target::Place(slug), kind, words.clone(), path))
        .collect()
}

/// The notices of a safety-walk finding that moved to status `to`, for those who follow
/// its locality, its place or an area drawn on the map that holds its place. Links lead to the locality's list of inputs and findings.
pub(crate) fn finding_notices(
    code: &MunicipalityCode,
    places: &[lofte_domain::Place],
    finding: &lofte_db::safety_walks::StoredFinding,
    locality: &str,
    to: lofte_domain::walk::FindingStatus,
    public: &str,
) -> Vec<Announcement> {
    let path = format!("/kommun/{code}/synpunkter?ort={locality}#fynd");
    let place = crate::views::place_name(places, finding.place.as_str());
    let href = format!("{public}{path}");
    let words = in_both_languages("notice-read-findings", &href, |lang| {
        let title = lang.t_args(
            "notice-finding-title",
            &[
                ("place", place.clone()),
                ("status", lofte_app::words::finding_status_name(lang, to)),
            ],
        );
        (
            title,
            crate::views::short_text(&finding.description),
            Vec::new(),
        )
    });
    let at = Whereabouts::at_place_point(places, locality, Some(finding.place.as_str()), None);
    at_places(code, places, at, NoticeKind::FindingChanged, words, &path)
}

/// The notices of a promise's publications not yet told: "a new promise is published"
/// to the followers of the municipality's previous promise, or "the promise changed",
/// with what changed, to the promise's own followers, and to the followers of each
/// commitment changed or removed what happened to it. None when nothing a reader would
/// call news changed (a status alone) or nobody could follow it yet.
pub(crate) fn promise_notices(
    code: &MunicipalityCode,
    municipality: &str,
    pending: &lofte_db::publication_notices::PendingPublication,
    public: &str,
) -> Vec<Announcement> {
    let after = &pending.after.document;
    let years = if after.years.first == after.years.last {
        after.years.first.to_string()
    } else {
        format!("{}–{}", after.years.first, after.years.last)
    };
    let path = format!("/kommun/{code}/{}", after.years.first);
    let (kind, target, before) = match (&pending.before, pending.previous_promise) {
        (None, None) => return Vec::new(),
        (None, Some(previous)) => (
            NoticeKind::PromisePublished,
            Target::Promise(previous),
            None,
        ),
        (Some(before), _) => {
            if pending.after.changes_since(before).is_empty() {
                return Vec::new();
            }
            (
                NoticeKind::PromiseChanged,
                Target::Promise(pending.promise_id),
                Some(before),
            )
        }
    };
    let named = [
        ("municipality", municipality.to_owned()),
        ("years", years.clone()),
    ];
    let words = |lang: Lang| match before {
        None => (
            lang.t_args("notice-promise-published-title", &named),
            lang.t_args(
                "notice-promise-published-summary",
                &[("count", after.commitments.len().to_string())],
            ),
            Vec::new(),
        ),
        Some(before) => (
            lang.t_args("notice-promise-changed-title", &named),
            lang.t("notice-promise-changed-summary"),
            pending
                .after
                .changes_since(before)
                .into_iter()
                .map(|change| crate::views::change_line(lang, change))
                .collect(),
        ),
    };
    let href = format!("{public}{path}");
    let mut out = vec![announcement(
        code,
        target,
        kind,
        in_both_languages("notice-read-promise", &href, words),
        &path,
    )];
    // The followers of one commitment hear of their commitment alone, matched by its id.
    if let Some(before) = before
        && let (Some(before_ids), Some(after_ids)) =
            (&before.commitment_ids, &pending.after.commitment_ids)
    {
        let changes = lofte_domain::history::commitment_changes(
            (&before.document, before_ids),
            (after, after_ids),
        );
        out.extend(changes.into_iter().map(|(id, change)| {
            let title = match change {
                lofte_domain::history::Change::CommitmentRemoved(_) => {
                    "notice-commitment-removed-title"
                }
                _ => "notice-commitment-changed-title",
            };
            announcement(
                code,
                Target::Commitment(id),
                NoticeKind::CommitmentChanged,
                in_both_languages("notice-read-promise", &href, |lang| {
                    (
                        lang.t_args(title, &named),
                        crate::views::change_line(lang, change.clone()),
                        Vec::new(),
                    )
                }),
                &path,
            )
        }));
    }
    out
}

/// Tells followers of every promise published or changed since the last time, a promise
/// at a time; returns how many notices were stored. Run with the digests, so several
/// edits of one promise in the hour become one notice.
pub async fn queue_promise_notices(
    db: &lofte_db::Db,
    mailer: &lofte_mail::Mailer,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, lofte_db::Error> {
    let mut told = 0;
    for pending in db.unannounced_publications().await? {
        let Some(tenant) = db.tenant_named(&pending.municipality).await? else {
            continue;
        };
        let m = tenant.municipality();
        let announcements =
            promise_notices(&m.code, m.name.as_ref(), &pending, mailer.public_url());
        if db
            .announce_publication(&pending, &announcements, now)
            .await?
        {
            told += announcements.len();
        }
    }
    if told > 0 {
        mailer.wake();
    }
    Ok(told)
}
