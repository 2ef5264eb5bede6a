//! Synthetic follow-up reports for the Flen demo: every tertial and the final report of
//! 2020 and 2021, with the engine's suggested statuses and narratives that say plainly
//! that they are example text. All are published but 2021's final report, a draft. Lives here rather than in `db` because it needs the same
//! progress function as the pages.

use lofte_db::{Actor, Db, Visibility};
use lofte_domain::followup::{EntryInput, ReportPeriod};
use lofte_domain::{MunicipalityCode, Year};

use crate::progress::promise_progress;

/// Loads the reports that are missing; returns how many were added.
pub async fn load_flen_follow_ups(db: &Db) -> lofte_db::Result<usize> {
    let code = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let Some(tenant) = db.tenant(&code).await? else {
        return Ok(0);
    };
    let places = db.places(&code).await?;
    let mut added = 0;
    for year in [2020, 2021] {
        let year = Year::new(year).expect("valid year");
        let Some(stored) = tenant.promise_for_year(year, Visibility::All).await? else {
            continue;
        };
        for period in ReportPeriod::ALL {
            if tenant.follow_up(stored.id, year, period).await?.is_some() {
                continue;
            }
            let cutoff = period.cutoff(year, stored.promise.years);
            let progress = promise_progress(&tenant, &stored, &places, cutoff).await?;
            let figures = &progress.commitments;
            let mut entries = Vec::new();
            for (i, id) in stored.commitment_ids.iter().enumerate() {
                let suggested = figures
                    .iter()
                    .find(|f| f.commitment == i && f.target.is_some())
                    .map(|f| f.status.clone());
                let narrative = match period {
                    ReportPeriod::Final => {
                        "Exempeltext (påhittad för demon): så här summerar parterna året för åtagandet."
                    }
                    ReportPeriod::Tertial(_) => {
                        "Exempeltext (påhittad för demon): så här beskriver parterna arbetet under tertialet."
                    }
                };
                // The final report owes every commitment a verdict: where nothing
                // computes one, the demo's made-up judgment (most kept, some partly).
                let status = match (period, &suggested) {
                    (ReportPeriod::Final, None) if i % 4 == 3 => "partly-kept",
                    (ReportPeriod::Final, None) => "kept",
                    _ => "",
                };
                let input = EntryInput {
                    status: status.to_owned(),
                    reason: String::new(),
                    narrative: narrative.to_owned(),
                    evidence: Vec::new(),
                };
                let entry = input
                    .check(period, suggested.as_deref(), true)
                    .expect("the demo's entries are valid");
                entries.push((*id, entry));
            }
            let frozen =
                crate::progress::frozen(&stored.commitment_ids, figures, &progress.measured);
            tenant
                .save_follow_up(
                    Actor::System,
                    stored.id,
                    year,
                    period,
                    0,
                    &lofte_db::ReportContent {
                        entries,
                        learned: (period == ReportPeriod::Final).then(|| {
                            lofte_domain::Text::parse(
                                "Exempeltext (påhittad för demon): det här har parterna lärt sig under året.",
                                lofte_db::ReportContent::MAX_LEARNED,
                            )
                            .expect("a valid text")
                        }),
                    },
                    // The latest year's final report is written but not yet published,
                    // so the demo shows a promise still open to edits and a draft to
                    // preview; publishing it would close the promise.
                    (!(year.get() == 2021 && period == ReportPeriod::Final))
                        .then_some(&frozen),
                )
                .await?
                .map_err(|_| lofte_db::Error::Corrupt("demo follow-up raced".into()))?;
            added += 1;
        }
    }
    Ok(added)
}
