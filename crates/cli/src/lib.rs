//! `lofte`: serve the site, migrate, load the Flen demo, import and export promises.

pub mod config;
pub mod survey;

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use lofte_db::{Db, Visibility};
use lofte_domain::exchange::{PromiseDocument, parse_profile_json, parse_promise_json};
use lofte_domain::{FieldError, MunicipalityCode, Year};
use lofte_i18n::Lang;

use crate::config::{Config, Overrides};

#[derive(Parser)]
#[command(
    name = "lofte",
    version,
    about = "Medborgarlöften: citizen promises of the Police and the municipalities"
)]
pub struct Cli {
    /// A TOML configuration file (default: ./lofte.toml if present).
    #[arg(long, global = true, env = "LOFTE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://… or postgres://… (default: a SQLite file in the data folder).
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    /// Folder for the default SQLite database.
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the public site and the API (migrates the database first).
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080; port 0 picks a free port.
        #[arg(long)]
        bind: Option<String>,
        /// Load the Flen demo data before serving.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Load the Flen demo data (Flen's promises for 2020 and 2021), or with --national a
    /// made-up data set for all of Sweden, for scale and load measurements.
    Demo {
        /// Every municipality, ten years of promises, activities and survey responses
        /// (synthetic; deterministic).
        #[arg(long)]
        national: bool,
        /// With --national: how many municipalities (default all 290).
        #[arg(long, default_value_t = 290)]
        municipalities: usize,
        /// With --national: activities in all.
        #[arg(long, default_value_t = 10_000_000)]
        activities: u64,
        /// With --national: survey responses in all.
        #[arg(long, default_value_t = 2_000_000)]
        responses: u64,
    },
    /// Promises in the exchange format (docs/promise-format.md).
    #[command(subcommand)]
    Promise(PromiseCommand),
    /// Municipality profiles: police organisation and places.
    #[command(subcommand)]
    Municipality(MunicipalityCommand),
    /// Logged activities (traffic controls, foot patrols, safety walks, …).
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// Staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens for machine clients.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Safety surveys (trygghetsmätning): codebook, response imports, indicators.
    #[command(subcommand)]
    Survey(survey::SurveyCommand),
    /// A published follow-up report as PDF or HTML, the same as on the public site.
    Report {
        /// Municipality code, e.g. 0482.
        #[arg(long)]
        municipality: String,
        /// The report's year, e.g. 2021.
        #[arg(long)]
        year: String,
        /// T1, T2, T3 or final (slutredovisning).
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "pdf")]
        format: ReportFormat,
        /// The edition's language, sv or en (default: the language of these messages).
        #[arg(long)]
        lang: Option<String>,
        /// Where to write the report; nothing is written if there is no report.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
    /// Back up the whole database: on SQLite a copy of the database file, consistent while
    /// the server runs; on PostgreSQL (or with --portable) a portable dump, JSON lines.
    Backup {
        /// Where to write it (must not exist).
        output: PathBuf,
        /// Write the portable dump also on SQLite (it loads into SQLite or PostgreSQL).
        #[arg(long)]
        portable: bool,
    },
    /// Check the database's consistency (SQLite: integrity and foreign keys); exits
    /// non-zero and lists what is wrong if anything is.
    Check,
    /// Restore a backup (a SQLite copy or a portable dump) into this database, in one
    /// transaction. Refused if the database holds data, unless --replace is given.
    Restore {
        input: PathBuf,
        /// Replace what the database holds now.
        #[arg(long)]
        replace: bool,
    },
    /// A promise's activities, commitments and follow-ups as XLSX (all three) or CSV (one).
    Export {
        /// Municipality code, e.g. 0482.
        #[arg(long)]
        municipality: String,
        /// A year the promise covers, e.g. 2021.
        #[arg(long)]
        year: String,
        #[arg(long, value_enum, default_value = "xlsx")]
        format: ExportFormat,
        /// For CSV: activities, commitments or follow-ups.
        #[arg(long, default_value = "activities")]
        table: String,
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    Pdf,
    Html,
}

#[derive(Subcommand)]
pub enum ActivityCommand {
    /// Import activities from a CSV file (docs/activity-csv.md); the whole file or nothing,
    /// and importing the same rows again adds nothing.
    Import {
        #[arg(long)]
        municipality: String,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account; its generated password is printed once.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// municipality:0482, police:Katrineholm, partner:NAME@0482 or installation.
        #[arg(long)]
        organisation: String,
        /// viewer, analyst, reporter, coordinator or admin.
        #[arg(long)]
        role: String,
    },
    /// List accounts with their organisations and roles.
    List,
    /// Stop an account from signing in (its sessions end at their next request).
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Give an account a new generated password, printed once.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Link an account to its person at the organisation's identity provider
    /// (`oidc_issuer`), by the provider's subject; needed where the provider does not
    /// vouch for e-mail addresses, which otherwise link at the first sign-in.
    LinkIdentity {
        #[arg(long)]
        email: String,
        /// The provider's `sub` for the person.
        #[arg(long)]
        subject: String,
    },
    /// The audit log of accounts, memberships and API tokens, newest first.
    History,
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token for an organisation and role; it is printed once.
    Create {
        /// municipality:0482, police:Katrineholm, partner:NAME@0482 or installation.
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        role: String,
        /// What the token is for, e.g. "Import from case system".
        #[arg(long)]
        name: String,
    },
    /// Revoke a token by its id.
    Revoke { id: i32 },
}

#[derive(Subcommand)]
pub enum PromiseCommand {
    /// Import promises from JSON files; each file is stored whole or not at all.
    Import {
        files: Vec<PathBuf>,
        /// Replace a draft for the same years (an export edited elsewhere); commitments
        /// are matched by position. Signed and published promises are never replaced.
        #[arg(long)]
        replace: bool,
    },
    /// Export a promise as JSON.
    Export {
        #[arg(long)]
        municipality: String,
        #[arg(long)]
        year: i32,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Start next year's promise as a draft copy of an earlier one, linked to it.
    Copy {
        #[arg(long)]
        municipality: String,
        #[arg(long)]
        from: i32,
        #[arg(long)]
        to: i32,
        /// The commitments to carry over, numbered from 1 as on the page, e.g. "1,6";
        /// all if not given.
        #[arg(long, value_delimiter = ',')]
        commitments: Vec<usize>,
    },
    /// Print the JSON Schema of the exchange format.
    Schema,
}

#[derive(Subcommand)]
pub enum MunicipalityCommand {
    /// Import a municipality profile (police organisation, places) from a JSON file.
    Import { file: PathBuf },
}

/// Every problem of a refused file, one line each with its line and column.
fn cell_errors(lang: Lang, name: &str, errors: &[lofte_db::activities::CellError]) -> UserError {
    let mut message = lang.t_args("cli-invalid-file", &[("file", name.to_owned())]);
    for e in errors {
        message.push_str("\n  ");
        let text = lang.problem(&e.problem);
        message.push_str(&if e.column.is_empty() {
            lang.t_args(
                "csv-row",
                &[("line", e.line.to_string()), ("message", text)],
            )
        } else {
            lang.t_args(
                "csv-cell",
                &[
                    ("line", e.line.to_string()),
                    ("column", e.column.clone()),
                    ("message", text),
                ],
            )
        });
    }
    if errors.len() >= lofte_db::activities::MAX_LISTED {
        message.push_str("\n  ");
        message.push_str(&lang.t("cli-more-errors"));
    }
    UserError(message)
}

/// A failure the user can fix, already worded for them.
#[derive(Debug)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

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
            let code = MunicipalityCode::parse(&municipality)
                .map_err(|p| user_error(lang, "--municipality", p))?;
            let tenant = db.tenant(&code).await?.ok_or_else(|| {
                UserError(lang.problem(&lofte_domain::Problem::UnknownMunicipality {
                    code: municipality.clone(),
                }))
            })?;
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
        Command::Token(TokenCommand::Create {
            organisation,
            role,
            name,
        }) => {
            let org = organisation_id(&db, lang, &organisation).await?;
            let role =
                lofte_domain::Role::parse(&role).map_err(|p| user_error(lang, "--role", p))?;
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

/// Parses `municipality:0482`, `police:Katrineholm`, `partner:NAME@0482` or
/// `installation` into an organisation id.
async fn organisation_id(db: &Db, lang: Lang, raw: &str) -> Result<i32> {
    use lofte_db::OrganisationRef;
    let bad = || UserError(lang.t_args("cli-bad-organisation", &[("value", raw.to_owned())]));
    let org = match raw.split_once(':') {
        _ if raw == "installation" => return Ok(db.installation_organisation().await?),
        Some(("municipality", code)) => OrganisationRef::Municipality(
            MunicipalityCode::parse(code).map_err(|p| user_error(lang, "--organisation", p))?,
        ),
        Some(("police", name)) if !name.trim().is_empty() => {
            OrganisationRef::LocalPoliceArea(name.trim().to_owned())
        }
        Some(("partner", rest)) => {
            let (name, code) = rest.rsplit_once('@').ok_or_else(bad)?;
            OrganisationRef::Partner {
                name: name.trim().to_owned(),
                municipality: MunicipalityCode::parse(code)
                    .map_err(|p| user_error(lang, "--organisation", p))?,
            }
        }
        _ => return Err(bad().into()),
    };
    db.organisation(&org).await.map_err(|e| match e {
        lofte_db::Error::Invalid(errors) => invalid(lang, "--organisation", &errors),
        other => other.into(),
    })
}

async fn user_command(
    db: &Db,
    lang: Lang,
    command: UserCommand,
    oidc_issuer: Option<&str>,
) -> Result<()> {
    match command {
        UserCommand::Add {
            email,
            name,
            organisation,
            role,
        } => {
            let email =
                lofte_domain::Email::parse(&email).map_err(|p| user_error(lang, "--email", p))?;
            let role =
                lofte_domain::Role::parse(&role).map_err(|p| user_error(lang, "--role", p))?;
            let org = organisation_id(db, lang, &organisation).await?;
            let password = lofte_app::secrets::generate_password();
            let hash = lofte_app::secrets::hash_password(password.clone()).await;
            let id = db
                .create_account(&email, name.trim(), &hash)
                .await
                .map_err(|e| match e {
                    lofte_db::Error::Invalid(errors) => invalid(lang, "--email", &errors),
                    other => other.into(),
                })?;
            db.grant(id, org, role).await?;
            println!(
                "{}",
                lang.t_args("cli-user-added", &[("email", email.to_string())])
            );
            println!("{password}");
        }
        UserCommand::List => {
            for s in db.accounts().await? {
                let memberships = s
                    .memberships
                    .iter()
                    .map(|(org, role)| format!("{org} ({role})"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let disabled = if s.account.disabled {
                    format!(" [{}]", lang.t("cli-user-disabled-mark"))
                } else {
                    String::new()
                };
                println!(
                    "{}\t{}\t{memberships}{disabled}",
                    s.account.email, s.account.display_name
                );
            }
        }
        UserCommand::History => {
            for e in db.account_events().await? {
                let by = e.by.unwrap_or_else(|| lang.t("history-system"));
                let on = e.account.map(|a| format!(" {a}")).unwrap_or_default();
                let detail = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.detail)
                };
                println!(
                    "{}\t{by}\t{}{on}{detail}",
                    e.at.with_timezone(&chrono_tz::Europe::Stockholm)
                        .format("%Y-%m-%d %H:%M"),
                    e.action
                );
            }
        }
        UserCommand::Disable { email } => {
            let account = find_account(db, lang, &email).await?;
            db.set_disabled(account.id, true).await?;
            println!(
                "{}",
                lang.t_args("cli-user-disabled", &[("email", account.email.to_string())])
            );
        }
        UserCommand::LinkIdentity { email, subject } => {
            let issuer = oidc_issuer
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .ok_or_else(|| UserError(lang.t("cli-user-no-issuer")))?;
            let account = find_account(db, lang, &email).await?;
            let subject = subject.trim();
            if subject.is_empty() {
                return Err(user_error(
                    lang,
                    "--subject",
                    lofte_domain::Problem::Required,
                ));
            }
            db.link_identity(account.id, issuer, subject, None)
                .await
                .map_err(|e| match e {
                    lofte_db::Error::Invalid(errors) => UserError(
                        errors
                            .iter()
                            .map(|e| format!("--{}: {}", e.path, lang.problem(&e.problem)))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    )
                    .into(),
                    other => anyhow::Error::from(other),
                })?;
            println!(
                "{}",
                lang.t_args(
                    "cli-user-linked",
                    &[
                        ("email", account.email.to_string()),
                        ("subject", subject.to_owned())
                    ]
                )
            );
        }
        UserCommand::ResetPassword { email } => {
            let account = find_account(db, lang, &email).await?;
            let password = lofte_app::secrets::generate_password();
            let hash = lofte_app::secrets::hash_password(password.clone()).await;
            db.set_password_hash(account.id, &hash).await?;
            println!(
                "{}",
                lang.t_args("cli-user-reset", &[("email", account.email.to_string())])
            );
            println!("{password}");
        }
    }
    Ok(())
}

async fn find_account(db: &Db, lang: Lang, raw: &str) -> Result<lofte_db::Account> {
    let email = lofte_domain::Email::parse(raw).map_err(|p| user_error(lang, "--email", p))?;
    db.account_by_email(&email).await?.ok_or_else(|| {
        UserError(lang.t_args("cli-user-unknown", &[("email", email.to_string())])).into()
    })
}

/// Demo staff for Flen, with passwords generated at every start and printed, never fixed
/// ones: a coordinator and a survey analyst for Flens kommun, a reporter in LPO
/// Katrineholm, an admin.
async fn demo_accounts(db: &Db, lang: Lang) -> Result<()> {
    use lofte_db::OrganisationRef;
    let flen = MunicipalityCode::parse("0482").expect("Flen's code is valid");
    let people = [
        (
            "samordnare@flen.example",
            "Demo Samordnare",
            OrganisationRef::Municipality(flen.clone()),
            lofte_domain::Role::Coordinator,
        ),
        (
            "polis@katrineholm.example",
            "Demo Kommunpolis",
            OrganisationRef::LocalPoliceArea("Katrineholm".into()),
            lofte_domain::Role::Reporter,
        ),
        (
            "analytiker@flen.example",
            "Demo Analytiker",
            OrganisationRef::Municipality(flen.clone()),
            lofte_domain::Role::Analyst,
        ),
    ];
    println!("{}", lang.t("cli-demo-logins"));
    for (email, name, org, role) in people {
        let org = db.organisation(&org).await?;
        demo_account(db, lang, email, name, org, role).await?;
    }
    let installation = db.installation_organisation().await?;
    demo_account(
        db,
        lang,
        "admin@lofte.example",
        "Demo Admin",
        installation,
        lofte_domain::Role::Admin,
    )
    .await
}

async fn demo_account(
    db: &Db,
    lang: Lang,
    email: &str,
    name: &str,
    org: i32,
    role: lofte_domain::Role,
) -> Result<()> {
    let email = lofte_domain::Email::parse(email).expect("demo e-mail is valid");
    let password = lofte_app::secrets::generate_password();
    let hash = lofte_app::secrets::hash_password(password.clone()).await;
    let id = match db.account_by_email(&email).await? {
        Some(existing) => {
            db.set_password_hash(existing.id, &hash).await?;
            existing.id
        }
        None => db.create_account(&email, name, &hash).await?,
    };
    db.grant(id, org, role).await?;
    let role_name = lang.t(&format!("role-{}", role.as_str()));
    println!("  {email}  {password}  ({role_name})");
    Ok(())
}

async fn load_demo(db: &Db, lang: Lang) -> Result<()> {
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

async fn backup(db: &Db, lang: Lang, output: &std::path::Path, portable: bool) -> Result<()> {
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

async fn restore(db: &Db, lang: Lang, input: &std::path::Path, replace: bool) -> Result<()> {
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

async fn import_promise(db: &Db, lang: Lang, file: &std::path::Path, replace: bool) -> Result<()> {
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

async fn store(db: &Db, lang: Lang, source: &str, promise: &lofte_domain::Promise) -> Result<()> {
    db.import_promise(lofte_db::Actor::System, promise)
        .await
        .map_err(|e| match e {
            lofte_db::Error::Invalid(errors) => invalid(lang, source, &errors),
            other => other.into(),
        })?;
    Ok(())
}

async fn find_promise(
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

fn invalid(lang: Lang, file: &str, errors: &[FieldError]) -> anyhow::Error {
    let mut message = lang.t_args("cli-invalid-file", &[("file", file.to_owned())]);
    for e in errors {
        message.push_str("\n  ");
        message.push_str(&lang.field_error(e));
    }
    UserError(message).into()
}

#[allow(clippy::too_many_arguments)]
async fn report_command(
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

async fn export_command(
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

fn user_error(lang: Lang, what: &str, problem: lofte_domain::Problem) -> anyhow::Error {
    UserError(format!("{what}: {}", lang.problem(&problem))).into()
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
