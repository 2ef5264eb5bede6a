//! Loading the demo, backups, promises in and out, reports and exports.

use anyhow::{Context, Result};
use lofte_db::{Db, Visibility};
use lofte_domain::exchange::parse_promise_json;
use lofte_domain::{MunicipalityCode, Year};
use lofte_i18n::Lang;

use crate::Frontend;
use crate::args::*;
use crate::errors::*;

pub(crate) async fn load_demo(db: &Db, lang: Lang) -> Result<()> {
    let loaded = lofte_db::demo::load_flen(db).await?;
    println!(
        "{}",
        lang.t_args(
            "cli-demo-loaded",
            &[
                ("added", loaded.promises_added.to_string()),
                ("present", loaded.promises_present.to_string())
            ]
        )
    );
    let survey = lofte_db::demo::load_flen_survey(db).await?;
    if let lofte_db::surveys::SurveyImported::Added { rows, .. } = survey {
        println!(
            "{}",
            lang.t_args("cli-demo-survey", &[("rows", rows.to_string())])
        );
    }
    let activities = lofte_db::demo::load_flen_activities(db).await?;
    println!(
        "{}",
        lang.t_args(
            "cli-demo-activities",
            &[("added", activities.added.to_string())]
        )
    );
    let incidents = lofte_db::demo::load_flen_incidents(db).await?;
    println!(
        "{}",
        lang.t_args(
            "cli-demo-incidents",
            &[("added", incidents.added.to_string())]
        )
    );
    let events = lofte_db::demo::load_flen_police_events(db).await?;
    println!(
        "{}",
        lang.t_args(
            "cli-demo-police-events",
            &[("added", events.added.to_string())]
        )
    );
    let (crime, population) = lofte_db::demo::load_flen_crime_stats(db).await?;
    println!(
        "{}",
        lang.t_args(
            "cli-demo-crime-stats",
            &[
                ("crime", crime.stored.to_string()),
                ("population", population.stored.to_string())
            ]
        )
    );
    let inputs = lofte_db::demo::load_flen_inputs(db).await?;
    if inputs > 0 {
        println!(
            "{}",
            lang.t_args("cli-demo-inputs", &[("added", inputs.to_string())])
        );
    }
    let reports = lofte_app::demo::load_flen_follow_ups(db).await?;
    println!(
        "{}",
        lang.t_args("cli-demo-follow-ups", &[("added", reports.to_string())])
    );
    Ok(())
}

pub(crate) async fn backup(
    db: &Db,
    lang: Lang,
    output: &std::path::Path,
    portable: bool,
) -> Result<()> {
    let name = output.display().to_string();
    if output.exists() {
        return Err(UserError(lang.t_args("cli-backup-exists", &[("file", name)])).into());
    }
    let summary = if db.is_sqlite() && !portable {
        db.backup_sqlite_file(output).await?;
        lang.t_args("cli-backup-sqlite", &[("file", name)])
    } else {
        let file = std::fs::File::create_new(output).with_context(|| format!("creating {name}"))?;
        let mut out = std::io::BufWriter::new(file);
        let copied = db.dump(&mut out).await?;
        lang.t_args(
            "cli-backup-dump",
            &[
                ("file", name),
                ("rows", copied.rows.to_string()),
                ("tables", copied.tables.to_string()),
            ],
        )
    };
    println!("{summary}");
    Ok(())
}

pub(crate) async fn restore(
    db: &Db,
    lang: Lang,
    input: &std::path::Path,
    replace: bool,
) -> Result<()> {
    use std::io::Read;
    let name = input.display().to_string();
    if !replace && db.holds_data().await? {
        return Err(UserError(lang.t("cli-restore-not-empty")).into());
    }
    let mut magic = [0u8; 16];
    let mut file = std::fs::File::open(input).with_context(|| format!("reading {name}"))?;
    let read = file
        .read(&mut magic)
        .with_context(|| format!("reading {name}"))?;
    let failed = |e: lofte_db::Error| -> anyhow::Error {
        let reason = match &e {
            lofte_db::Error::Invalid(errors) => errors
                .iter()
                .map(|f| lang.problem(&f.problem))
                .collect::<Vec<_>>()
                .join(" "),
            other => other.to_string(),
        };
        UserError(lang.t_args(
            "cli-restore-failed",
            &[("file", name.clone()), ("reason", reason)],
        ))
        .into()
    };
    let copied = if read == 16 && &magic == b"SQLite format 3\0" {
        let source = Db::open_sqlite_backup(input).await.map_err(failed)?;
        db.copy_from(&source).await.map_err(failed)?
    } else {
        let file = std::fs::File::open(input).with_context(|| format!("reading {name}"))?;
        db.load_dump(std::io::BufReader::new(file))
            .await
            .map_err(failed)?
    };
    println!(
        "{}",
        lang.t_args(
            "cli-restored",
            &[
                ("file", name),
                ("rows", copied.rows.to_string()),
                ("tables", copied.tables.to_string()),
            ],
        )
    );
    Ok(())
}

pub(crate) async fn import_promise(
    db: &Db,
    lang: Lang,
    file: &std::path::Path,
    replace: bool,
) -> Result<()> {
    let name = file.display().to_string();
    let json = std::fs::read_to_string(file).with_context(|| format!("reading {name}"))?;
    let promise = parse_promise_json(&json).map_err(|e| invalid(lang, &name, &e))?;
    let existing = match db.tenant(&promise.municipality).await? {
        Some(tenant) if replace => tenant
            .promise_for_year(promise.years.first(), lofte_db::Visibility::All)
            .await?
            .map(|stored| (tenant, stored)),
        _ => None,
    };
    let replaced = existing.is_some();
    match existing {
        Some((tenant, stored)) => {
            tenant
                .replace_draft(lofte_db::Actor::System, stored.id, None, &promise)
                .await
                .map_err(|e| match e {
                    lofte_db::Error::Invalid(errors) => invalid(lang, &name, &errors),
                    other => other.into(),
                })?
                .map_err(|_| anyhow::anyhow!(lang.problem(&lofte_domain::Problem::StaleVersion)))?;
        }
        None => store(db, lang, &name, &promise).await?,
    }
    println!(
        "{}",
        lang.t_args(
            if replaced {
                "cli-replaced"
            } else {
                "cli-imported"
            },
            &[
                ("year", promise.years.to_string()),
                ("municipality", promise.municipality.to_string())
            ]
        )
    );
    Ok(())
}

pub(crate) async fn store(
    db: &Db,
    lang: Lang,
    source: &str,
    promise: &lofte_domain::Promise,
) -> Result<()> {
    db.import_promise(lofte_db::Actor::System, promise)
        .await
        .map_err(|e| match e {
            lofte_db::Error::Invalid(errors) => invalid(lang, source, &errors),
            other => other.into(),
        })?;
    Ok(())
}

pub(crate) async fn find_promise(
    db: &Db,
    lang: Lang,
    municipality: &str,
    year: i32,
) -> Result<lofte_db::StoredPromise> {
    let not_found = || {
        anyhow::Error::new(UserError(lang.t_args(
            "cli-not-found",
            &[
                ("municipality", municipality.to_owned()),
                ("year", year.to_string()),
            ],
        )))
    };
    let code =
        MunicipalityCode::parse(municipality).map_err(|p| user_error(lang, "--municipality", p))?;
    let year = Year::new(year).map_err(|p| user_error(lang, "--year", p))?;
    let tenant = db.tenant(&code).await?.ok_or_else(not_found)?;
    tenant
        .promise_for_year(year, Visibility::All)
        .await?
        .ok_or_else(not_found)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn report_command(
    db: &Db,
    lang: Lang,
    municipality: &str,
    year: &str,
    period: &str,
    format: ReportFormat,
    edition: Option<String>,
    output: &std::path::Path,
    rules: lofte_domain::stats::Rules,
    frontend: &impl Frontend,
) -> Result<()> {
    use lofte_domain::followup::ReportPeriod;
    let edition = match edition.as_deref() {
        None => lang,
        Some(tag) => Lang::from_tag(tag).ok_or_else(|| {
            UserError(lang.t_args("cli-report-bad-lang", &[("value", tag.to_owned())]))
        })?,
    };
    let code =
        MunicipalityCode::parse(municipality).map_err(|p| user_error(lang, "--municipality", p))?;
    let tenant = db.tenant(&code).await?.ok_or_else(|| {
        UserError(lang.problem(&lofte_domain::Problem::UnknownMunicipality {
            code: municipality.to_owned(),
        }))
    })?;
    let year: lofte_domain::Year = year.parse().map_err(|p| user_error(lang, "--year", p))?;
    let slug = match period.to_lowercase().as_str() {
        "final" => "slutredovisning".to_owned(),
        other => other.to_owned(),
    };
    let period = ReportPeriod::parse(&slug).ok_or_else(|| {
        UserError(lang.t_args("cli-report-bad-period", &[("value", period.to_owned())]))
    })?;
    let report = match lofte_app::report::report(db, &tenant, year, period, edition, rules).await {
        Ok(report) => report,
        Err(lofte_app::report::Unavailable::Db(e)) => return Err(e.into()),
        Err(why) => {
            return Err(UserError(why.message(
                lang,
                tenant.municipality().name.as_str(),
                year,
                period,
            ))
            .into());
        }
    };
    let bytes = match format {
        ReportFormat::Pdf => lofte_report::render_pdf(&report)?,
        ReportFormat::Html => frontend.report_html(&report, edition).into_bytes(),
    };
    std::fs::write(output, &bytes).with_context(|| format!("writing {}", output.display()))?;
    println!(
        "{}",
        lang.t_args(
            "cli-report-written",
            &[
                ("file", output.display().to_string()),
                ("report", report.title.clone()),
            ]
        )
    );
    Ok(())
}

pub(crate) async fn export_command(
    db: &Db,
    lang: Lang,
    municipality: &str,
    year: &str,
    format: ExportFormat,
    table: &str,
    output: &std::path::Path,
) -> Result<()> {
    use lofte_app::export::ExportTable;
    let code =
        MunicipalityCode::parse(municipality).map_err(|p| user_error(lang, "--municipality", p))?;
    let tenant = db.tenant(&code).await?.ok_or_else(|| {
        UserError(lang.problem(&lofte_domain::Problem::UnknownMunicipality {
            code: municipality.to_owned(),
        }))
    })?;
    let year: lofte_domain::Year = year.parse().map_err(|p| user_error(lang, "--year", p))?;
    let stored = tenant
        .promise_for_year(year, lofte_db::Visibility::All)
        .await?
        .ok_or_else(|| {
            UserError(lang.t_args(
                "cli-export-no-promise",
                &[
                    ("municipality", tenant.municipality().name.to_string()),
                    ("year", year.to_string()),
                ],
            ))
        })?;
    let data = lofte_app::export::export(db, &tenant, &stored, lang).await?;
    let bytes = match format {
        ExportFormat::Xlsx => data.xlsx(lang)?,
        ExportFormat::Csv => {
            let table = ExportTable::parse(table).ok_or_else(|| {
                UserError(lang.t_args("cli-export-bad-table", &[("value", table.to_owned())]))
            })?;
            data.csv(table, lang)?
        }
    };
    std::fs::write(output, &bytes).with_context(|| format!("writing {}", output.display()))?;
    println!(
        "{}",
        lang.t_args(
            "cli-export-written",
            &[("file", output.display().to_string())]
        )
    );
    Ok(())
}
