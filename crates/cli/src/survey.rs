//! `lofte survey`: the safety-survey codebook, response imports (with a progress bar) and
//! every indicator's figures as CSV or JSON.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Subcommand;
use lofte_db::Db;
use lofte_db::surveys::{SurveyFile, SurveyImported};
use lofte_domain::stats::Rules;
use lofte_domain::survey::parse_codebook_json;
use lofte_domain::{MunicipalityCode, Problem, Year};
use lofte_i18n::Lang;

use crate::config::Config;
use crate::errors::{UserError, cell_errors, invalid, user_error};

#[derive(Subcommand)]
pub enum SurveyCommand {
    /// Set the municipality's codebook (docs/survey-format.md): areas, genders, age bands,
    /// items with their answer scales, and the indicators.
    Codebook {
        #[arg(long)]
        municipality: String,
        file: PathBuf,
    },
    /// Import a CSV file of survey responses: the whole file or nothing, and the same file
    /// twice adds nothing.
    Import {
        #[arg(long)]
        municipality: String,
        /// The only year the file may hold (each row's year is checked against it).
        #[arg(long)]
        year: Option<i32>,
        /// Replace the responses stored for the file's years (another import's other
        /// years stay) instead of refusing the file.
        #[arg(long)]
        replace: bool,
        file: PathBuf,
    },
    /// List the imports with their years and respondents.
    Imports {
        #[arg(long)]
        municipality: String,
    },
    /// Remove an import and its responses, e.g. to import a corrected file.
    Remove {
        #[arg(long)]
        municipality: String,
        #[arg(long)]
        import: i32,
    },
    /// Every indicator for every year, area, gender and age band, with intervals; figures
    /// from too few respondents are left empty.
    Indicators {
        #[arg(long)]
        municipality: String,
        #[arg(long, value_enum, default_value = "csv")]
        format: FiguresFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FiguresFormat {
    Csv,
    Json,
}

/// The survey rules from the configuration, with a worded error for a bad minimum.
pub fn rules(lang: Lang, config: &Config) -> Result<Rules> {
    config.survey_rules().map_err(|_| {
        UserError(format!(
            "min_respondents: {}",
            lang.problem(&Problem::OutOfRange {
                min: lofte_domain::stats::MinRespondents::LEAST as i64,
                max: i64::MAX,
            })
        ))
        .into()
    })
}

async fn tenant(db: &Db, lang: Lang, municipality: &str) -> Result<lofte_db::Tenant> {
    let code =
        MunicipalityCode::parse(municipality).map_err(|p| user_error(lang, "--municipality", p))?;
    db.tenant(&code).await?.ok_or_else(|| {
        UserError(lang.problem(&Problem::UnknownMunicipality {
            code: municipality.to_owned(),
        }))
        .into()
    })
}

fn years_text(years: &[(Year, u64)]) -> String {
    years
        .iter()
        .map(|(y, n)| format!("{y}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub async fn run(db: &Db, lang: Lang, config: &Config, command: SurveyCommand) -> Result<()> {
    match command {
        SurveyCommand::Codebook { municipality, file } => {
            let tenant = tenant(db, lang, &municipality).await?;
            let name = file.display().to_string();
            let json = std::fs::read_to_string(&file).with_context(|| format!("reading {name}"))?;
            let codebook = parse_codebook_json(&json).map_err(|e| invalid(lang, &name, &e))?;
            match tenant
                .set_survey_codebook(lofte_db::Actor::System, &codebook)
                .await
            {
                Ok(()) => {}
                Err(lofte_db::Error::Invalid(errors)) => {
                    return Err(invalid(lang, &name, &errors));
                }
                Err(e) => return Err(e.into()),
            }
            println!(
                "{}",
                lang.t_args(
                    "cli-survey-codebook-set",
                    &[
                        ("municipality", municipality),
                        ("items", codebook.items.len().to_string()),
                        ("indicators", codebook.indicators.len().to_string()),
                    ]
                )
            );
        }
        SurveyCommand::Import {
            municipality,
            year,
            replace,
            file,
        } => {
            let tenant = tenant(db, lang, &municipality).await?;
            let year = year
                .map(|y| Year::new(y).map_err(|p| user_error(lang, "--year", p)))
                .transpose()?;
            let name = file.display().to_string();
            let handle = std::fs::File::open(&file).with_context(|| format!("reading {name}"))?;
            let size = handle.metadata().map(|m| m.len()).unwrap_or(0);
            // A bar on a terminal only: scripts and CI logs get the summary line alone.
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(size),
                indicatif::ProgressDrawTarget::stderr_with_hz(10),
            )
            .with_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})",
                )
                .expect("valid template")
                .progress_chars("=> "),
            )
            .with_message(lang.t("cli-survey-reading"));
            // A spreadsheet (XLSX) is read whole and imported as its first sheet's CSV.
            let reader: Box<dyn std::io::Read + Send> = if file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            {
                let bytes = std::fs::read(&file).with_context(|| format!("reading {name}"))?;
                let csv = lofte_db::surveys::xlsx_to_csv(&bytes)
                    .map_err(|p| user_error(lang, &name, p))?;
                Box::new(std::io::Cursor::new(csv))
            } else {
                Box::new(std::io::BufReader::with_capacity(256 * 1024, handle))
            };
            let progress_bar = bar.clone();
            let mut progress = move |bytes: u64| progress_bar.set_position(bytes);
            let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            let result = tenant
                .import_survey_csv(
                    lofte_db::Actor::System,
                    reader,
                    SurveyFile {
                        name: file_name,
                        year,
                        synthetic: false,
                        replace,
                        check_only: false,
                    },
                    &mut progress,
                )
                .await?;
            bar.finish_and_clear();
            match result {
                Ok(SurveyImported::Added { rows, years, .. }) => println!(
                    "{}",
                    lang.t_args(
                        "cli-survey-imported",
                        &[("rows", rows.to_string()), ("years", years_text(&years))]
                    )
                ),
                Ok(SurveyImported::AlreadyThere { rows, import_id }) => println!(
                    "{}",
                    lang.t_args(
                        "cli-survey-already",
                        &[
                            ("rows", rows.to_string()),
                            ("import", import_id.to_string())
                        ]
                    )
                ),
                Err(errors) => return Err(cell_errors(lang, &name, &errors).into()),
            }
        }
        SurveyCommand::Imports { municipality } => {
            let tenant = tenant(db, lang, &municipality).await?;
            let imports = tenant.survey_imports().await?;
            if imports.is_empty() {
                println!("{}", lang.t("cli-survey-no-imports"));
            }
            for i in imports {
                println!(
                    "{}",
                    lang.t_args(
                        "cli-survey-import-line",
                        &[
                            ("import", i.id.to_string()),
                            ("file", i.file_name.unwrap_or_else(|| "-".into())),
                            ("rows", i.rows.to_string()),
                            ("years", years_text(&i.years)),
                            ("at", i.imported_at.format("%Y-%m-%d %H:%M UTC").to_string()),
                        ]
                    )
                );
            }
        }
        SurveyCommand::Remove {
            municipality,
            import,
        } => {
            let tenant = tenant(db, lang, &municipality).await?;
            match tenant
                .remove_survey_import(lofte_db::Actor::System, import)
                .await
            {
                Ok(()) => println!(
                    "{}",
                    lang.t_args("cli-survey-removed", &[("import", import.to_string())])
                ),
                Err(lofte_db::Error::NotFound) => {
                    return Err(UserError(lang.t_args(
                        "cli-survey-unknown-import",
                        &[("import", import.to_string())],
                    ))
                    .into());
                }
                Err(e) => return Err(e.into()),
            }
        }
        SurveyCommand::Indicators {
            municipality,
            format,
            output,
        } => {
            let tenant = tenant(db, lang, &municipality).await?;
            let Some(figures) = tenant.survey_figures(rules(lang, config)?).await? else {
                return Err(UserError(lang.problem(&Problem::NoCodebook)).into());
            };
            let text = match format {
                FiguresFormat::Csv => lofte_domain::survey::figures_csv(&figures.figures),
                FiguresFormat::Json => figures_json(&figures.figures),
            };
            match output {
                Some(path) => {
                    std::fs::write(&path, text)
                        .with_context(|| format!("writing {}", path.display()))?;
                    println!(
                        "{}",
                        lang.t_args(
                            "cli-export-written",
                            &[("file", path.display().to_string())]
                        )
                    );
                }
                None => std::io::stdout().write_all(text.as_bytes())?,
            }
        }
    }
    Ok(())
}

/// The figures as JSON: each with its indicator and the fields the API writes.
fn figures_json(figures: &[lofte_domain::survey::Figure]) -> String {
    #[derive(serde::Serialize)]
    struct Row<'a> {
        indicator: &'a str,
        #[serde(flatten)]
        figure: lofte_domain::survey::FigureRecord,
    }
    let rows: Vec<Row> = figures
        .iter()
        .map(|f| Row {
            indicator: f.indicator.as_str(),
            figure: f.into(),
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("figures serialise") + "\n"
}
