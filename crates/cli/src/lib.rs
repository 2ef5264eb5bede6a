//! The commands of `lofte` (migrate, demo, import and export, reports, users, surveys), knowing
//! nothing of HTTP: the binary gives them a [`Frontend`] for what only the web tier has.

pub mod config;
pub mod survey;

mod accounts;
pub mod args;
pub mod errors;
mod files;

use anyhow::{Context, Result};
use lofte_db::Db;
use lofte_domain::exchange::{PromiseDocument, parse_profile_json};
use lofte_domain::{MunicipalityCode, Year};
use lofte_i18n::Lang;

use crate::config::{Config, Overrides};

use accounts::*;
pub use args::*;
pub use errors::UserError;
use errors::*;
use files::*;

/// The language of the command's messages, from the environment (`LOFTE_LANG`, then the
/// locale).
pub fn cli_lang() -> Lang {
    ["LOFTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find_map(|v| Lang::from_tag(&v))
        .unwrap_or_default()
}

/// What the `lofte` binary adds from the web tier. The command line itself knows nothing
/// of HTTP; the binary, which links both, gives it this.
pub trait Frontend {
    /// Serves the public site, the staff area and the API on `listener` until stopped.
    fn serve(
        &self,
        listener: tokio::net::TcpListener,
        db: Db,
        config: &Config,
        lang: Lang,
    ) -> impl std::future::Future<Output = Result<()>>;
    /// A report as one self-contained HTML file.
    fn report_html(&self, report: &lofte_report::Report, lang: Lang) -> String;
    /// The JSON Schema of the promise exchange format.
    fn promise_schema(&self) -> serde_json::Value;
}

/// Runs one command: reads the configuration, connects to and migrates the database,
/// and does what `cli` asks.
pub async fn run(cli: Cli, lang: Lang, frontend: &impl Frontend) -> Result<()> {
    let bind = match &cli.command {
        Command::Serve { bind, .. } => bind.clone(),
        _ => None,
    };
    let config = Config::load(
        cli.config.as_deref(),
        &Overrides {
            bind,
            data_dir: cli.data_dir,
            database_url: cli.database_url,
        },
    )
    .context("reading configuration")?;
    let url = config
        .database_url()
        .with_context(|| format!("creating {}", config.data_dir.display()))?;
    let db = Db::connect(&url)
        .await
        .with_context(|| format!("connecting to the database ({})", redact(&url)))?;
    db.migrate().await.context("migrating the database")?;

    match cli.command {
        Command::Serve { demo, .. } => {
            if demo {
                load_demo(&db, lang).await?;
                demo_accounts(&db, lang).await?;
            }
            let listener = tokio::net::TcpListener::bind(&config.bind)
                .await
                .with_context(|| format!("binding {}", config.bind))?;
            let address = listener.local_addr()?;
            println!(
                "{}",
                lang.t_args("cli-listening", &[("url", format!("http://{address}"))])
            );
            frontend.serve(listener, db, &config, lang).await?;
        }
        Command::Report {
            municipality,
            year,
            period,
            format,
            lang: edition,
            output,
        } => {
            report_command(
                &db,
                lang,
                &municipality,
                &year,
                &period,
                format,
                edition,
                &output,
                survey::rules(lang, &config)?,
                frontend,
            )
            .await?
        }
        Command::Export {
            municipality,
            year,
            format,
            table,
            output,
        } => export_command(&db, lang, &municipality, &year, format, &table, &output).await?,
        Command::Migrate => println!("{}", lang.t("cli-migrated")),
        Command::Backup { output, portable } => backup(&db, lang, &output, portable).await?,
        Command::Restore { input, replace } => restore(&db, lang, &input, replace).await?,
        Command::Check => {
            let problems = db.check().await?;
            if !problems.is_empty() {
                return Err(UserError(format!(
                    "{}\n{}",
                    lang.t("cli-check-failed"),
                    problems.join("\n")
                ))
                .into());
            }
            println!("{}", lang.t("cli-check-ok"));
        }
        Command::Demo {
            national: false, ..
        } => load_demo(&db, lang).await?,
        Command::Demo {
            national: true,
            municipalities,
            activities,
            responses,
        } => {
            let plan = lofte_db::national::NationalPlan {
                municipalities: municipalities.min(290),
                activities,
                responses,
                ..Default::default()
            };
            let bar = indicatif::ProgressBar::new(plan.municipalities as u64).with_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} ({eta})")
                    .expect("a valid template"),
            );
            let loaded = lofte_db::national::load_national(&db, plan, &mut |name| {
                bar.set_message(name.to_owned());
                bar.inc(1);
            })
            .await?;
            bar.finish_and_clear();
            println!(
                "{}",
                lang.t_args(
                    "cli-national-loaded",
                    &[
                        ("municipalities", loaded.municipalities.to_string()),
                        ("promises", loaded.promises.to_string()),
                        ("activities", loaded.activities.to_string()),
                        ("responses", loaded.responses.to_string()),
                    ]
                )
            );
        }
        Command::Promise(PromiseCommand::Import { files, replace }) => {
            for file in files {
                import_promise(&db, lang, &file, replace).await?;
            }
        }
        Command::Promise(PromiseCommand::Export {
            municipality,
            year,
            output,
        }) => {
            let stored = find_promise(&db, lang, &municipality, year).await?;
            let json = serde_json::to_string_pretty(&PromiseDocument::from(&stored.promise))?;
            match output {
                Some(path) => std::fs::write(&path, json + "\n")
                    .with_context(|| format!("writing {}", path.display()))?,
                None => println!("{json}"),
            }
        }
        Command::Promise(PromiseCommand::Copy {
            municipality,
            from,
            to,
            commitments,
        }) => {
            let stored = find_promise(&db, lang, &municipality, from).await?;
            let year = Year::new(to).map_err(|p| user_error(lang, "--to", p))?;
            let mut draft = stored
                .promise
                .continue_into(year)
                .map_err(|p| user_error(lang, "--to", p))?;
            if !commitments.is_empty() {
                let count = stored.promise.commitments.len();
                if commitments.iter().any(|n| *n == 0 || *n > count) {
                    return Err(user_error(
                        lang,
                        "--commitments",
                        lofte_domain::Problem::OutOfRange {
                            min: 1,
                            max: count as i64,
                        },
                    ));
                }
                draft.commitments = commitments
                    .iter()
                    .map(|n| stored.promise.commitments[n - 1].clone())
                    .collect();
            }
            store(&db, lang, "--to", &draft).await?;
            println!(
                "{}",
                lang.t_args(
                    "cli-copied",
                    &[
                        ("year", to.to_string()),
                        ("municipality", municipality),
                        ("from", from.to_string())
                    ]
                )
            );
        }
        Command::Promise(PromiseCommand::Schema) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&frontend.promise_schema())?
            );
        }
        Command::User(command) => {
            user_command(&db, lang, command, config.oidc_issuer.as_deref()).await?
        }
        Command::Survey(command) => survey::run(&db, lang, &config, command).await?,
        Command::Activity(ActivityCommand::Import { municipality, file }) => {
            let tenant = tenant_of(&db, lang, &municipality).await?;
            let name = file.display().to_string();
            let reader = std::io::BufReader::new(
                std::fs::File::open(&file).with_context(|| format!("reading {name}"))?,
            );
            match tenant
                .import_activities_csv(lofte_db::Actor::System, reader)
                .await?
            {
                Ok(summary) => println!(
                    "{}",
                    lang.t_args(
                        "cli-activities-imported",
                        &[
                            ("added", summary.added.to_string()),
                            ("present", summary.already_there.to_string())
                        ]
                    )
                ),
                Err(errors) => return Err(cell_errors(lang, &name, &errors).into()),
            }
        }
        Command::CrimeStats(StatsCommand::Import { file }) => {
            import_stats(&db, lang, &file, true).await?;
        }
        Command::Population(StatsCommand::Import { file }) => {
            import_stats(&db, lang, &file, false).await?;
        }
        Command::Events(EventsCommand::Import { file }) => {
            let name = file.display().to_string();
            let json = std::fs::read_to_string(&file).with_context(|| format!("reading {name}"))?;
            match db.import_police_events(&json, false).await? {
                Ok(summary) => {
                    println!(
                        "{}",
                        lang.t_args(
                            "cli-events-imported",
                            &[
                                ("added", summary.added.to_string()),
                                ("present", summary.already_there.to_string())
                            ]
                        )
                    );
                    for (how, n) in &summary.assigned {
                        println!("  {}: {n}", lang.name(how));
                    }
                    println!("  {}: {}", lang.t("events-unassigned"), summary.unassigned);
                }
                Err(errors) => return Err(invalid(lang, &name, &errors)),
            }
        }
        Command::Incident(IncidentCommand::Import {
            municipality,
            file,
            personal_data_checked,
        }) => {
            let tenant = tenant_of(&db, lang, &municipality).await?;
            let name = file.display().to_string();
            let reader = std::io::BufReader::new(
                std::fs::File::open(&file).with_context(|| format!("reading {name}"))?,
            );
            match tenant
                .import_incidents_csv(lofte_db::Actor::System, reader, personal_data_checked)
                .await?
            {
                Ok(summary) => println!(
                    "{}",
                    lang.t_args(
                        "cli-incidents-imported",
                        &[
                            ("added", summary.added.to_string()),
                            ("present", summary.already_there.to_string())
                        ]
                    )
                ),
                Err(errors) => return Err(cell_errors(lang, &name, &errors).into()),
            }
        }
        Command::Token(TokenCommand::Create {
            organisation,
            role,
            name,
        }) => {
            let org = organisation_id(&db, lang, &organisation).await?;
            let role =
                lofte_domain::Role::parse(&role).map_err(|p| user_error(lang, "--role", p))?;
            accounts::check_role(&db, lang, org, role).await?;
            let token = lofte_app::secrets::generate_token();
            let id = db
                .create_api_token(org, role, &name, &lofte_app::secrets::token_digest(&token))
                .await?;
            println!(
                "{}",
                lang.t_args("cli-token-created", &[("id", id.to_string())])
            );
            println!("{token}");
        }
        Command::Token(TokenCommand::Revoke { id }) => {
            if db.revoke_api_token(id).await? {
                println!(
                    "{}",
                    lang.t_args("cli-token-revoked", &[("id", id.to_string())])
                );
            } else {
                return Err(
                    UserError(lang.t_args("cli-token-unknown", &[("id", id.to_string())])).into(),
                );
            }
        }
        Command::Municipality(MunicipalityCommand::Import { file }) => {
            let name = file.display().to_string();
            let json = std::fs::read_to_string(&file).with_context(|| format!("reading {name}"))?;
            let profile = parse_profile_json(&json).map_err(|e| invalid(lang, &name, &e))?;
            db.import_profile(&profile).await.map_err(|e| match e {
                lofte_db::Error::Invalid(errors) => invalid(lang, &name, &errors),
                other => other.into(),
            })?;
            println!(
                "{}",
                lang.t_args(
                    "cli-profile-imported",
                    &[
                        ("municipality", profile.municipality.to_string()),
                        ("places", profile.places.len().to_string())
                    ]
                )
            );
        }
    }
    Ok(())
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The municipality `--municipality` names.
async fn tenant_of(db: &lofte_db::Db, lang: Lang, municipality: &str) -> Result<lofte_db::Tenant> {
    let code =
        MunicipalityCode::parse(municipality).map_err(|p| user_error(lang, "--municipality", p))?;
    db.tenant(&code).await?.ok_or_else(|| {
        UserError(lang.problem(&lofte_domain::Problem::UnknownMunicipality {
            code: municipality.to_owned(),
        }))
        .into()
    })
}

/// `lofte crime-stats import` (`crime`) or `lofte population import`.
async fn import_stats(db: &Db, lang: Lang, file: &std::path::Path, crime: bool) -> Result<()> {
    let name = file.display().to_string();
    let reader = std::io::BufReader::new(
        std::fs::File::open(file).with_context(|| format!("reading {name}"))?,
    );
    let imported = if crime {
        db.import_crime_stats_csv(reader, false).await?
    } else {
        db.import_population_csv(reader, false).await?
    };
    match imported {
        Ok(summary) => {
            println!(
                "{}",
                lang.t_args(
                    if crime {
                        "cli-crime-stats-imported"
                    } else {
                        "cli-population-imported"
                    },
                    &[
                        ("stored", summary.stored.to_string()),
                        ("unpublished", summary.not_published.to_string())
                    ]
                )
            );
            Ok(())
        }
        Err(errors) => Err(cell_errors(lang, &name, &errors).into()),
    }
}
