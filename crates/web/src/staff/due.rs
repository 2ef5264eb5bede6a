//! What is due and what is late, for the dashboard: follow-ups whose period has ended
//! and that are not published, residents' inputs waiting for moderation, findings past
//! their date, safety walks to repeat. Each line links to where the work is done.
//!
//! A tertial's report is due a month after the tertial ends; the final report by the
//! end of the quarter the promise names for it (`follow_up.final_report`).

use chrono::NaiveDate;
use lofte_db::{Tenant, Visibility};
use lofte_domain::followup::ReportPeriod;
use lofte_domain::{Permission, PromiseStatus};
use lofte_i18n::Lang;

use crate::policy::Staff;

/// Days after a tertial ends that its report is due.
const TERTIAL_REPORT_DAYS: u64 = 30;

pub struct DueItem {
    pub text: String,
    pub href: String,
    /// Past its date: shown first, flagged "Försenat".
    pub late: bool,
}

fn quarter_end(year: i32, quarter: u8) -> Option<NaiveDate> {
    let month = u32::from(quarter) * 3;
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_of_next?.pred_opt()
}

/// The due and late work in one municipality that `staff` may do, late first.
pub async fn due_items(
    lang: Lang,
    staff: &Staff,
    tenant: &Tenant,
    today: NaiveDate,
) -> lofte_db::Result<Vec<DueItem>> {
    let code = tenant.municipality().code.clone();
    let mut items = Vec::new();
    if staff.principal.may(Permission::EditPromise, &code) {
        for summary in tenant.promises(Visibility::All).await? {
            if summary.status != PromiseStatus::Published {
                continue;
            }
            let Some(stored) = tenant
                .promise_for_year(summary.years.first(), Visibility::All)
                .await?
            else {
                continue;
            };
            let p = &stored.promise;
            let reports = tenant.follow_ups(stored.id, false).await?;
            for year in p.years.years() {
                for period in ReportPeriod::ALL {
                    if period == ReportPeriod::Final && year != p.years.last() {
                        continue;
                    }
                    let ended = period.cutoff(year, p.years);
                    if ended >= today {
                        continue;
                    }
                    let report = reports
                        .iter()
                        .find(|r| r.year == year && r.period == period);
                    if report.is_some_and(|r| r.published_at.is_some()) {
                        continue;
                    }
                    let due = match period {
                        ReportPeriod::Final => quarter_end(
                            p.follow_up.final_report_year.get(),
                            p.follow_up.final_report_quarter.number(),
                        ),
                        ReportPeriod::Tertial(_) => {
                            ended.checked_add_days(chrono::Days::new(TERTIAL_REPORT_DAYS))
                        }
                    };
                    let Some(due) = due else { continue };
                    // A final report not due for months is not yet a to-do.
                    if period == ReportPeriod::Final && (due - today).num_days() > 92 {
                        continue;
                    }
                    let label = crate::views::report_label(lang, p.years, year, period);
                    let state = lang.t(if report.is_some() {
                        "due-draft"
                    } else {
                        "due-not-started"
                    });
                    let late = today > due;
                    items.push(DueItem {
                        text: lang.t_args(
                            if late {
                                "due-report-late"
                            } else {
                                "due-report"
                            },
                            &[
                                ("report", label),
                                ("title", p.title.to_string()),
                                ("state", state),
                                ("date", due.to_string()),
                            ],
                        ),
                        href: super::follow_up::report_path(code.as_str(), year, period),
                        late,
                    });
                }
            }
        }
        let pending = tenant
            .inputs(lofte_domain::citizen::InputStatus::Pending)
            .await?;
        // Waiting more than a week is late; a resident was told it takes a few days.
        let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
        let waiting_long = pending.iter().filter(|i| i.received_at < week_ago).count();
        let waiting = pending.len();
        if waiting > 0 {
            items.push(DueItem {
                text: if waiting_long > 0 {
                    lang.t_args(
                        "due-inputs-late",
                        &[
                            ("count", waiting.to_string()),
                            ("late", waiting_long.to_string()),
                        ],
                    )
                } else {
                    lang.t_args("due-inputs", &[("count", waiting.to_string())])
                },
                href: format!("/personal/kommun/{code}/synpunkter"),
                late: waiting_long > 0,
            });
        }
        // Inputs made actions whose due date has passed without being done.
        let actions_late = tenant
            .inputs(lofte_domain::citizen::InputStatus::Published)
            .await?
            .iter()
            .filter(|i| {
                i.case.action.as_ref().is_some_and(|a| {
                    a.due.is_some_and(|d| d < today)
                        && matches!(
                            a.status,
                            lofte_domain::walk::FindingStatus::Reported
                                | lofte_domain::walk::FindingStatus::Planned
                        )
                })
            })
            .count();
        if actions_late > 0 {
            items.push(DueItem {
                text: lang.t_args("due-input-actions", &[("count", actions_late.to_string())]),
                href: format!("/personal/kommun/{code}/synpunkter#arenden"),
                late: true,
            });
        }
    }
    if staff.principal.may(Permission::LogActivity, &code) {
        let past_due = tenant
            .findings(None)
            .await?
            .iter()
            .filter(|f| f.overdue_on(today))
            .count();
        if past_due > 0 {
            items.push(DueItem {
                text: lang.t_args("due-findings", &[("count", past_due.to_string())]),
                href: format!("/personal/kommun/{code}/trygghetsvandringar"),
                late: true,
            });
        }
        let to_repeat = tenant
            .walks()
            .await?
            .iter()
            .filter(|w| w.again_by.is_some_and(|d| d < today))
            .count();
        if to_repeat > 0 {
            items.push(DueItem {
                text: lang.t_args("due-walks", &[("count", to_repeat.to_string())]),
                href: format!("/personal/kommun/{code}/trygghetsvandringar"),
                late: true,
            });
        }
    }
    // Late first; otherwise in the order found (promises newest first, periods in order).
    items.sort_by_key(|i| !i.late);
    Ok(items)
}
