//! A promise's data as spreadsheets: its activities, its commitments with their figures
//! and its published follow-ups, as CSV (one table) or XLSX (all three, real date cells),
//! with headers in the reader's language. Built here, from the same figures the pages
//! show; written by `lofte-report`.

use lofte_db::{StoredPromise, Tenant};
use lofte_domain::followup::Performer;
use lofte_i18n::Lang;
use lofte_report::{ActivityRow, CommitmentRow, FollowUpRow, ReportError, Table};

use crate::words::{party_heading, report_label, target_line};

/// The tables an export can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTable {
    Activities,
    Commitments,
    FollowUps,
}

impl ExportTable {
    pub const ALL: [ExportTable; 3] = [
        ExportTable::Activities,
        ExportTable::Commitments,
        ExportTable::FollowUps,
    ];

    /// The name in URLs and file names, e.g. `aktiviteter`.
    pub fn slug(self) -> &'static str {
        match self {
            ExportTable::Activities => "aktiviteter",
            ExportTable::Commitments => "ataganden",
            ExportTable::FollowUps => "uppfoljningar",
        }
    }

    pub fn parse(raw: &str) -> Option<ExportTable> {
        match raw {
            "aktiviteter" | "activities" => Some(ExportTable::Activities),
            "ataganden" | "commitments" => Some(ExportTable::Commitments),
            "uppfoljningar" | "follow-ups" => Some(ExportTable::FollowUps),
            _ => None,
        }
    }

    /// The table's (and worksheet's) name in `lang`.
    pub fn title(self, lang: Lang) -> String {
        lang.t(match self {
            ExportTable::Activities => "export-activities",
            ExportTable::Commitments => "export-commitments",
            ExportTable::FollowUps => "export-follow-ups",
        })
    }

    fn headers(self, lang: Lang) -> Vec<String> {
        let columns: &[&str] = match self {
            ExportTable::Activities => &[
                "export-column-date",
                "export-column-time",
                "export-column-activity",
                "export-column-performer",
                "export-column-place",
                "export-column-duration",
                "export-column-participants",
                "export-column-synthetic",
            ],
            ExportTable::Commitments => &[
                "export-column-year",
                "export-column-number",
                "export-column-party",
                "export-column-text",
                "export-column-target",
                "export-column-target-number",
                "export-column-actual",
                "export-column-status",
            ],
            ExportTable::FollowUps => &[
                "export-column-year",
                "export-column-period",
                "export-column-published",
                "export-column-number",
                "export-column-party",
                "export-column-text",
                "export-column-status",
                "export-column-reason",
                "export-column-narrative",
                "export-column-evidence",
            ],
        };
        columns.iter().map(|c| lang.t(c)).collect()
    }
}

/// One promise's rows.
pub struct Export {
    pub activities: Vec<ActivityRow>,
    pub commitments: Vec<CommitmentRow>,
    pub follow_ups: Vec<FollowUpRow>,
}

/// Everything an export of `stored` holds, worded in `lang`.
pub async fn export(
    db: &lofte_db::Db,
    tenant: &Tenant,
    stored: &StoredPromise,
    lang: Lang,
) -> lofte_db::Result<Export> {
    let m = tenant.municipality();
    let p = &stored.promise;
    let places = db.places(&m.code).await?;
    let types = tenant.activity_types().await?;
    let place_name = |slug: &str| {
        places
            .iter()
            .find(|p| p.slug.as_str() == slug)
            .map_or_else(|| slug.to_owned(), |p| p.name.to_string())
    };
    let activities = tenant
        .activity_records(p.years)
        .await?
        .into_iter()
        .map(|a| {
            let local = a.started_at.with_timezone(&chrono_tz::Europe::Stockholm);
            ActivityRow {
                date: local.date_naive(),
                time: local.format("%H:%M").to_string(),
                activity: lang.activity_label(&types, a.activity_type.as_str()),
                performer: match &a.performer {
                    Performer::Police => lang.t("party-option-police"),
                    Performer::Municipality => m.official_name.to_string(),
                    Performer::Partner(name) => name.clone(),
                },
                place: a.place.as_deref().map(place_name),
                duration_minutes: a.duration_minutes,
                participants: a.participants,
                synthetic: a.synthetic,
            }
        })
        .collect();
    let progress =
        crate::progress::promise_progress(tenant, stored, &places, crate::progress::today())
            .await?;
    let commitments = p
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let figures = progress.commitments.iter().find(|f| f.commitment == i);
            CommitmentRow {
                year: p.years.first().get(),
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                party: party_heading(lang, m, &c.party),
                text: c.text.to_string(),
                target: c
                    .target
                    .as_ref()
                    .map(|t| target_line(lang, t, &places, &types)),
                target_number: c.target.as_ref().and_then(|t| t.at_least),
                actual: figures.map(|f| f.actual),
                status: lang.label(
                    &lofte_i18n::labels::PROGRESS_STATUS,
                    figures.map_or("not-assessed", |f| f.status.as_str()),
                ),
            }
        })
        .collect();
    let mut follow_ups = Vec::new();
    for report in tenant.follow_ups(stored.id, true).await? {
        let published = report
            .published_at
            .map(|at| at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive());
        for (i, (c, id)) in p.commitments.iter().zip(&stored.commitment_ids).enumerate() {
            let Some(e) = report.entries.iter().find(|e| e.commitment_id == *id) else {
                continue;
            };
            follow_ups.push(FollowUpRow {
                year: report.year.get(),
                period: report_label(lang, p.years, report.year, report.period),
                published,
                number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                party: party_heading(lang, m, &c.party),
                text: c.text.to_string(),
                status: lang.label(&lofte_i18n::labels::PROGRESS_STATUS, &e.status),
                reason: e.reason.clone(),
                narrative: e.narrative.clone(),
                evidence: e.evidence.join("\n"),
            });
        }
    }
    Ok(Export {
        activities,
        commitments,
        follow_ups,
    })
}

impl Export {
    /// One table as CSV.
    pub fn csv(&self, table: ExportTable, lang: Lang) -> Result<Vec<u8>, ReportError> {
        let headers = table.headers(lang);
        match table {
            ExportTable::Activities => lofte_report::to_csv(&headers, &self.activities),
            ExportTable::Commitments => lofte_report::to_csv(&headers, &self.commitments),
            ExportTable::FollowUps => lofte_report::to_csv(&headers, &self.follow_ups),
        }
    }

    /// All tables as one workbook, a worksheet each.
    pub fn xlsx(&self, lang: Lang) -> Result<Vec<u8>, ReportError> {
        let sheet = |t: ExportTable| (t.title(lang), t.headers(lang));
        let (name, headers) = sheet(ExportTable::Activities);
        let activities = Table::new(name, &headers, &self.activities);
        let (name, headers) = sheet(ExportTable::Commitments);
        let commitments = Table::new(name, &headers, &self.commitments);
        let (name, headers) = sheet(ExportTable::FollowUps);
        let follow_ups = Table::new(name, &headers, &self.follow_ups);
        lofte_report::to_xlsx(&[activities, commitments, follow_ups])
    }
}
