//! Accounts, organisations and the demo's accounts.

use anyhow::Result;
use lofte_db::Db;
use lofte_domain::MunicipalityCode;
use lofte_i18n::Lang;

use crate::args::*;
use crate::errors::*;

/// Parses `municipality:0482`, `police:Katrineholm`, `partner:NAME@0482` or
/// `installation` into an organisation id.
pub(crate) async fn organisation_id(db: &Db, lang: Lang, raw: &str) -> Result<i32> {
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

/// Refuses, before anything is stored, a role the organisation cannot give (a partner's
/// members and tokens are partners).
pub(crate) async fn check_role(
    db: &Db,
    lang: Lang,
    organisation: i32,
    role: lofte_domain::Role,
) -> Result<()> {
    let (_, kind) = db.organisation_kind(organisation).await?;
    kind.check_role(role)
        .map_err(|p| user_error(lang, "--role", p))
}

pub(crate) async fn user_command(
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
            check_role(db, lang, org, role).await?;
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

pub(crate) async fn find_account(db: &Db, lang: Lang, raw: &str) -> Result<lofte_db::Account> {
    let email = lofte_domain::Email::parse(raw).map_err(|p| user_error(lang, "--email", p))?;
    db.account_by_email(&email).await?.ok_or_else(|| {
        UserError(lang.t_args("cli-user-unknown", &[("email", email.to_string())])).into()
    })
}

/// Demo staff for Flen, with passwords generated at every start and printed, never fixed
/// ones: a coordinator and a survey analyst for Flens kommun, a reporter in LPO
/// Katrineholm, a housing company that reports incidents, an admin.
pub(crate) async fn demo_accounts(db: &Db, lang: Lang) -> Result<()> {
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
        (
            "bostad@flen.example",
            "Demo Bostadsbolag",
            OrganisationRef::Partner {
                name: "Bostadsbolaget (exempel)".into(),
                municipality: flen.clone(),
            },
            lofte_domain::Role::Partner,
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

pub(crate) async fn demo_account(
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
    let role_name = lang.name(&role);
    println!("  {email}  {password}  ({role_name})");
    Ok(())
}
