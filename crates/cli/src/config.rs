//! Configuration in layers: built-in defaults → optional TOML file → `LOFTE_*`
//! environment variables → command-line flags. With nothing configured, everything lives
//! in one SQLite file under `./lofte-data`.

use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port (printed at start).
    pub bind: String,
    /// Where the SQLite database lives when `database_url` is not set.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; defaults to `<data_dir>/lofte.sqlite`.
    pub database_url: Option<String>,
    /// The address residents use, e.g. `https://trygghet.flen.se`. When it is https,
    /// cookies are `Secure` (the session cookie `__Host-`) and responses carry HSTS.
    pub public_url: Option<String>,
    /// Mark cookies `Secure` and send HSTS even without an https `public_url`.
    pub secure_cookies: bool,
    /// Who runs the installation (e.g. "Flens kommun"), named on the accessibility
    /// statement, the contact page and the privacy notices.
    pub site_owner: Option<String>,
    /// How to reach them (an e-mail address, a phone number).
    pub site_contact: Option<String>,
    /// The accessibility statement's verdict: `full`, `partial` or `none`.
    pub accessibility_status: String,
    /// When the accessibility statement was last reviewed (YYYY-MM-DD).
    pub accessibility_reviewed: Option<String>,
    /// Known accessibility problems in the installation's words; empty: Löfte's own.
    pub accessibility_known_issues: Vec<String>,
    /// The organisation's OpenID Connect provider (its issuer URL), for staff to sign in
    /// with their organisation's account; needs `public_url`. Password sign-in stays.
    pub oidc_issuer: Option<String>,
    pub oidc_client_id: Option<String>,
    /// Empty for a public client (PKCE alone).
    pub oidc_client_secret: Option<String>,
    /// The sign-in button's words, e.g. "Logga in med Flens kommuns konto".
    pub oidc_label: Option<String>,
    /// The smallest group of survey respondents a figure is shown for, everywhere (page,
    /// API, PDF, exports); smaller groups say "för få svar".
    pub min_respondents: u64,
    /// Map tiles: a URL template with `{z}`, `{x}` and `{y}` (and optionally `{s}`);
    /// unset, OpenStreetMap's. Empty: maps are drawn without a background (boundary and
    /// markers only).
    pub map_tiles: Option<String>,
    /// The tile provider's attribution, shown on every map (plain text); unset, the
    /// default provider's.
    pub map_attribution: Option<String>,
    /// How long a public page may be served from memory when another instance or the
    /// command line changed the data (writes through this instance empty it at once);
    /// 0 turns the cache off.
    pub page_cache_seconds: u64,
    /// The mail server, e.g. `smtp://mail.kommun.se:587?tls=required` (STARTTLS),
    /// `smtps://user:password@mail.kommun.se` (TLS) or `smtp://127.0.0.1:25` (plain, on
    /// the same machine). Unset: messages are written to `<data_dir>/mail/` and shown to
    /// administrators in the staff area.
    pub smtp_url: Option<String>,
    /// A PEM file of certificate authorities the mail server's certificate may also lead
    /// to, besides the Web PKI's (an organisation's own CA for an internal relay).
    pub smtp_ca_file: Option<PathBuf>,
    /// The sender of every message, e.g. `Trygg i Flen <noreply@trygghet.flen.se>`;
    /// unset, `Löfte <noreply@…>` at the public address's host.
    pub mail_from: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("lofte-data"),
            database_url: None,
            public_url: None,
            secure_cookies: false,
            site_owner: None,
            site_contact: None,
            accessibility_status: "partial".into(),
            accessibility_reviewed: None,
            accessibility_known_issues: Vec::new(),
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_label: None,
            min_respondents: lofte_domain::stats::MinRespondents::DEFAULT.get(),
            map_tiles: None,
            map_attribution: None,
            page_cache_seconds: 2,
            smtp_url: None,
            smtp_ca_file: None,
            mail_from: None,
        }
    }
}

/// Flags that override the configuration when given.
#[derive(Debug, Default, Serialize)]
pub struct Overrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
}

impl Config {
    /// Reads the layers. `file` is `--config`; without it `lofte.toml` in the working
    /// directory is read if present.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Config, Box<figment::Error>> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None => figment = figment.merge(Toml::file("lofte.toml")),
        }
        figment
            .merge(Env::prefixed("LOFTE_").only(&[
                "bind",
                "data_dir",
                "database_url",
                "public_url",
                "secure_cookies",
                "site_owner",
                "site_contact",
                "accessibility_status",
                "accessibility_reviewed",
                "oidc_issuer",
                "oidc_client_id",
                "oidc_client_secret",
                "oidc_label",
                "min_respondents",
                "map_tiles",
                "smtp_url",
                "smtp_ca_file",
                "mail_from",
                "map_attribution",
                "page_cache_seconds",
            ]))
            .merge(Serialized::defaults(overrides))
            .extract()
            .map_err(Box::new)
    }

    /// The rules every survey figure is produced by.
    pub fn survey_rules(
        &self,
    ) -> Result<lofte_domain::stats::Rules, lofte_domain::stats::StatsError> {
        Ok(lofte_domain::stats::Rules {
            min_respondents: lofte_domain::stats::MinRespondents::new(self.min_respondents)?,
            ..Default::default()
        })
    }

    /// The database URL, creating the data folder for the default SQLite file.
    pub fn database_url(&self) -> std::io::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        Ok(format!(
            "sqlite://{}?mode=rwc",
            self.data_dir.join("lofte.sqlite").display()
        ))
    }
}

/// A setting's value trimmed, or `None` when it is unset or blank.
pub fn filled(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    // figment's Jail closure must return figment::Error unboxed; this is test-only code.
    #[allow(clippy::result_large_err)]
    fn layers_apply_in_order() {
        let load = |o: &Overrides| Config::load(None, o).map_err(|e| *e);
        figment::Jail::expect_with(|jail| {
            assert_eq!(load(&Overrides::default())?.bind, "127.0.0.1:8080");
            jail.create_file(
                "lofte.toml",
                "bind = \"0.0.0.0:80\"\ndata_dir = \"/srv/lofte\"",
            )?;
            let from_file = load(&Overrides::default())?;
            assert_eq!(from_file.bind, "0.0.0.0:80");
            assert_eq!(from_file.data_dir, PathBuf::from("/srv/lofte"));
            jail.set_env("LOFTE_BIND", "127.0.0.1:9000");
            assert_eq!(load(&Overrides::default())?.bind, "127.0.0.1:9000");
            let flags = Overrides {
                bind: Some("127.0.0.1:0".into()),
                ..Overrides::default()
            };
            let config = load(&flags)?;
            assert_eq!(config.bind, "127.0.0.1:0");
            assert_eq!(
                config.data_dir,
                PathBuf::from("/srv/lofte"),
                "kept from the file"
            );
            Ok(())
        });
    }

    #[test]
    fn default_database_is_a_sqlite_file_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().join("data"),
            ..Config::default()
        };
        let url = config.database_url().unwrap();
        assert!(url.starts_with("sqlite://") && url.ends_with("data/lofte.sqlite?mode=rwc"));
        assert!(dir.path().join("data").is_dir());
    }
}
