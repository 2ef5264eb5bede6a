//! The command line's arguments: every command and its options (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::survey;

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
    /// Incident reports for the situation picture (lägesbild).
    #[command(subcommand)]
    Incident(IncidentCommand),
    /// The police's public events (polisen.se's feed), kept for the situation picture.
    #[command(subcommand)]
    Events(EventsCommand),
    /// Reported crime from the national crime statistics (docs/crime-statistics.md).
    #[command(subcommand, name = "crime-stats")]
    CrimeStats(StatsCommand),
    /// Population from Statistics Sweden (docs/crime-statistics.md).
    #[command(subcommand)]
    Population(StatsCommand),
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
pub enum IncidentCommand {
    /// Import incident reports from a CSV file (docs/incident-csv.md); the whole file or
    /// nothing, and importing the same rows again adds nothing.
    Import {
        #[arg(long)]
        municipality: String,
        file: PathBuf,
        /// You have checked that what looks like a personal identity number or a phone
        /// number in the texts is not personal data (without this, such rows are refused).
        #[arg(long)]
        personal_data_checked: bool,
    },
}

#[derive(Subcommand)]
pub enum EventsCommand {
    /// Import a file of the police's events feed as published (docs/police-events.md);
    /// each event is assigned to a municipality, and importing it again adds nothing.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
pub enum StatsCommand {
    /// Import a CSV export; the whole file or nothing, and a figure imported again
    /// replaces the earlier one (a preliminary count becomes final).
    Import { file: PathBuf },
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
        /// partner, viewer, analyst, reporter, coordinator or admin. A partner
        /// organisation's members are partners: they report incidents and read their own.
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
        /// As for accounts; a partner organisation's tokens are partners.
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
