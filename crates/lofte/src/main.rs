//! The `lofte` command: the command line ([`lofte_cli`]) with the web tier
//! ([`lofte_web`]) plugged in for `serve`, the HTML edition of reports and the promise
//! format's schema. The only crate that links both.

use std::process::ExitCode;

use anyhow::Result;
use clap::Parser;
use lofte_cli::config::{Config, filled};
use lofte_cli::{Cli, Frontend, UserError};
use lofte_db::Db;
use lofte_i18n::Lang;
use lofte_mail::{LinkKey, Mailer, Transport};
use lofte_web::auth::oidc::OidcSettings;
use lofte_web::map::TileSource;
use lofte_web::{Compliance, PublicUrl, SiteInfo};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LOFTE_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let lang = lofte_cli::cli_lang();
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(lofte_cli::run(cli, lang, &Web)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<UserError>() {
                Some(user) => eprintln!("{user}"),
                None => eprintln!("lofte: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// The web tier, as the command line asks for it.
struct Web;

impl Frontend for Web {
    async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        db: Db,
        config: &Config,
        lang: Lang,
    ) -> Result<()> {
        let mailer = mailer(config, &db, listener.local_addr()?).await?;
        let state = lofte_web::AppState::new(db)
            .with_mailer(std::sync::Arc::new(mailer))
            .with_secure_cookies(config.secure_cookies)
            .with_public_url(config.public_url().map_err(UserError)?.as_ref())
            .with_site(config.site().map_err(UserError)?)
            .with_oidc(config.oidc().map_err(UserError)?)
            .map_err(UserError)?
            .with_survey_rules(lofte_cli::survey::rules(lang, config)?)
            .with_map_tiles(config.map_tiles().map_err(UserError)?)
            .with_page_cache(Some(std::time::Duration::from_secs(
                config.page_cache_seconds,
            )));
        lofte_web::serve(listener, state).await?;
        Ok(())
    }

    fn report_html(&self, report: &lofte_report::Report, lang: Lang) -> String {
        lofte_web::report::standalone_html(report, lang)
    }

    fn promise_schema(&self) -> serde_json::Value {
        lofte_web::promise_json_schema()
    }
}

/// The mailer the configuration asks for: SMTP with `smtp_url`, else files under the
/// data folder; links lead to `public_url`, else to the address the server listens on.
async fn mailer(config: &Config, db: &Db, listening: std::net::SocketAddr) -> Result<Mailer> {
    let public = config
        .public_url()
        .map_err(UserError)?
        .map(|u| u.as_str().to_owned())
        .unwrap_or_else(|| format!("http://{listening}"));
    // Blank counts as unset, as for every other setting.
    let ca_file = config
        .smtp_ca_file
        .as_deref()
        .filter(|p| !p.as_os_str().is_empty());
    let transport = match filled(&config.smtp_url) {
        Some(url) => Transport::smtp(&url, ca_file).map_err(UserError)?,
        None => {
            if let Some(path) = ca_file {
                tracing::warn!(
                    smtp_ca_file = %path.display(),
                    "smtp_ca_file is set but smtp_url is not: messages are written to files"
                );
            }
            Transport::Files(config.data_dir.join("mail"))
        }
    };
    let from = filled(&config.mail_from).unwrap_or_else(|| Mailer::default_from(&public));
    let links = LinkKey::load(db).await?;
    Ok(Mailer::new(transport, &from, &public, links).map_err(UserError)?)
}

/// The settings only the web tier reads, checked into its types.
trait WebSettings {
    fn map_tiles(&self) -> Result<Option<TileSource>, String>;
    fn site(&self) -> Result<SiteInfo, String>;
    fn oidc(&self) -> Result<Option<OidcSettings>, String>;
    fn public_url(&self) -> Result<Option<PublicUrl>, String>;
}

impl WebSettings for Config {
    /// Where map tiles come from, checked; `None` when `map_tiles` is empty.
    fn map_tiles(&self) -> Result<Option<TileSource>, String> {
        let attribution = filled(&self.map_attribution);
        match self.map_tiles.as_deref().map(str::trim) {
            None => TileSource::parse(
                TileSource::DEFAULT_TEMPLATE,
                attribution
                    .as_deref()
                    .unwrap_or(TileSource::DEFAULT_ATTRIBUTION),
            )
            .map(Some),
            Some("") => Ok(None),
            Some(template) => TileSource::parse(
                template,
                attribution
                    .as_deref()
                    .unwrap_or(TileSource::DEFAULT_ATTRIBUTION),
            )
            .map(Some),
        }
    }

    /// Who runs the installation and its accessibility statement, checked.
    fn site(&self) -> Result<SiteInfo, String> {
        let reviewed = filled(&self.accessibility_reviewed);
        if let Some(date) = &reviewed
            && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
        {
            return Err(format!(
                "accessibility_reviewed: {date}: not a date such as 2026-12-01"
            ));
        }
        Ok(SiteInfo {
            owner: filled(&self.site_owner),
            contact: filled(&self.site_contact),
            compliance: Compliance::parse(&self.accessibility_status)
                .map_err(|e| format!("accessibility_status: {e}"))?,
            reviewed,
            known_issues: self
                .accessibility_known_issues
                .iter()
                .map(|i| i.trim().to_owned())
                .filter(|i| !i.is_empty())
                .collect(),
        })
    }

    /// Sign-in through the organisation's identity provider, if `oidc_issuer` is set:
    /// it needs a client id and `public_url`, which the provider sends people back to.
    fn oidc(&self) -> Result<Option<OidcSettings>, String> {
        let Some(issuer) = filled(&self.oidc_issuer) else {
            return Ok(None);
        };
        let client_id =
            filled(&self.oidc_client_id).ok_or("oidc_client_id: needed with oidc_issuer")?;
        let public_url = self
            .public_url()?
            .ok_or("public_url: needed with oidc_issuer (the provider sends people back there)")?;
        Ok(Some(OidcSettings {
            issuer,
            client_id,
            client_secret: filled(&self.oidc_client_secret),
            redirect_url: format!("{}/logga-in/oidc", public_url.as_str()),
            label: filled(&self.oidc_label),
        }))
    }

    /// The public address, checked; `None` when not set.
    fn public_url(&self) -> Result<Option<PublicUrl>, String> {
        filled(&self.public_url)
            .map(|raw| PublicUrl::parse(&raw).map_err(|e| format!("public_url: {e}")))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lofte_cli::config::Overrides;

    #[test]
    // figment's Jail closure must return figment::Error unboxed; this is test-only code.
    #[allow(clippy::result_large_err)]
    fn the_site_and_the_public_address_are_read_and_checked() {
        let load = || Config::load(None, &Overrides::default()).map_err(|e| *e);
        figment::Jail::expect_with(|jail| {
            let default = load()?;
            assert_eq!(default.site().unwrap().compliance, Compliance::Partial);
            assert_eq!(default.public_url(), Ok(None));
            jail.create_file(
                "lofte.toml",
                "public_url = \"https://trygghet.flen.se/\"\n\
                 site_owner = \"Flens kommun\"\n\
                 accessibility_status = \"full\"\n\
                 accessibility_reviewed = \"2026-11-30\"\n\
                 accessibility_known_issues = [\"Filmerna saknar syntolkning.\", \" \"]",
            )?;
            let config = load()?;
            let site = config.site().unwrap();
            assert_eq!(site.owner.as_deref(), Some("Flens kommun"));
            assert_eq!(site.compliance, Compliance::Full);
            assert_eq!(site.known_issues, ["Filmerna saknar syntolkning."]);
            assert!(config.public_url().unwrap().unwrap().is_https());
            jail.set_env("LOFTE_OIDC_ISSUER", "https://login.flen.example");
            assert_eq!(
                load()?.oidc().unwrap_err(),
                "oidc_client_id: needed with oidc_issuer"
            );
            jail.set_env("LOFTE_OIDC_CLIENT_ID", "lofte");
            let oidc = load()?.oidc().unwrap().unwrap();
            assert_eq!(oidc.redirect_url, "https://trygghet.flen.se/logga-in/oidc");
            assert_eq!(oidc.client_secret, None);
            jail.set_env("LOFTE_ACCESSIBILITY_STATUS", "mostly");
            jail.set_env("LOFTE_PUBLIC_URL", "trygghet.flen.se");
            let wrong = load()?;
            assert_eq!(
                wrong.site().unwrap_err(),
                "accessibility_status: mostly: must be full, partial or none"
            );
            assert!(wrong.public_url().unwrap_err().starts_with("public_url: "));
            assert!(wrong.oidc().unwrap_err().starts_with("public_url: "));
            Ok(())
        });
    }

    #[test]
    // figment's Jail closure must return figment::Error unboxed; this is test-only code.
    #[allow(clippy::result_large_err)]
    fn map_tiles_are_openstreetmaps_unless_set_and_none_when_empty() {
        let load = || Config::load(None, &Overrides::default()).map_err(|e| *e);
        figment::Jail::expect_with(|jail| {
            let default = load()?.map_tiles().unwrap().unwrap();
            assert_eq!(default.template(), TileSource::DEFAULT_TEMPLATE);
            assert_eq!(default.attribution(), TileSource::DEFAULT_ATTRIBUTION);
            jail.set_env("LOFTE_MAP_TILES", "");
            assert_eq!(load()?.map_tiles().unwrap(), None);
            jail.set_env("LOFTE_MAP_TILES", "https://karta.flen.se/{z}/{x}/{y}.png");
            jail.set_env("LOFTE_MAP_ATTRIBUTION", "© Flens kommun");
            let own = load()?.map_tiles().unwrap().unwrap();
            assert_eq!(own.origin(), "https://karta.flen.se");
            assert_eq!(own.attribution(), "© Flens kommun");
            Ok(())
        });
    }
}
