//! What followers are told when something they follow happens, in both languages: the
//! notice (kept for feeds and digests) and the message to those told at once. Made here,
//! where the words are; stored and queued by `lofte_db` in the transaction of the change.

use lofte_db::follows::{Announcement, NewNotice};
use lofte_db::{ReportContent, StoredPromise};
use lofte_domain::follow::{NoticeKind, Target};
use lofte_domain::followup::ReportPeriod;
use lofte_domain::{MunicipalityCode, Year};
use lofte_i18n::Lang;
use lofte_i18n::labels::PROGRESS_STATUS;

use crate::letters::{Parts, letter};

/// The notices of a published follow-up: one for the promise (every commitment's
/// status) and one for each commitment (its own), with their messages. Links lead to
/// `public`, the address residents use.
pub(crate) fn follow_up_published(
    code: &MunicipalityCode,
    municipality: &str,
    stored: &StoredPromise,
    year: Year,
    period: ReportPeriod,
    content: &ReportContent,
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
        match status_of(lang, id) {
            Some(status) => format!("{text} – {status}"),
            None => text,
        }
    };
    let message = |lang: Lang, title: &str, summary: &str, items: Vec<String>| {
        letter(
            "notice",
            lang,
            Parts {
                subject: title.to_owned(),
                paragraphs: vec![summary.to_owned()],
                items,
                link: Some((lang.t("notice-read-report"), format!("{public}{path}"))),
            },
        )
    };
    let mut out = Vec::new();
    let [sv, en] = [Lang::Sv, Lang::En].map(|lang| {
        let title = words(lang);
        let summary = lang.t_args(
            "notice-follow-up-summary",
            &[("count", stored.commitment_ids.len().to_string())],
        );
        let items = (0..stored.commitment_ids.len())
            .map(|i| line(lang, i))
            .collect();
        let letter = message(lang, &title, &summary, items);
        (title, summary, letter)
    });
    out.push(Announcement {
        notice: NewNotice {
            municipality: code.clone(),
            target: Target::Promise(stored.id),
            kind,
            title: [sv.0.clone(), en.0.clone()],
            summary: [sv.1.clone(), en.1.clone()],
            path: path.clone(),
        },
        letters: [sv.2, en.2],
    });
    for (index, id) in stored.commitment_ids.iter().enumerate() {
        let [sv, en] = [Lang::Sv, Lang::En].map(|lang| {
            let title = words(lang);
            let summary = line(lang, index);
            let letter = message(lang, &title, &summary, Vec::new());
            (title, summary, letter)
        });
        out.push(Announcement {
            notice: NewNotice {
                municipality: code.clone(),
                target: Target::Commitment(*id),
                kind,
                title: [sv.0, en.0],
                summary: [sv.1, en.1],
                path: path.clone(),
            },
            letters: [sv.2, en.2],
        });
    }
    out
}
