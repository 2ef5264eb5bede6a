//! Staff accounts, organisations, memberships, sessions and API tokens.
//!
//! Passwords arrive here already hashed (the web tier hashes off the async runtime);
//! tokens arrive as SHA-256 digests. Nothing secret is stored in the clear.

use chrono::{DateTime, Utc};
use lofte_domain::{Email, FieldError, Grant, MunicipalityCode, Principal, Problem, Reach, Role};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{
    account, account_event, account_identity, api_token, login_throttle, membership, municipality,
    organisation, session,
};
use crate::{Db, Error, Result};

/// An organisation staff belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganisationRef {
    /// The municipality itself (its crime-prevention coordinator, say).
    Municipality(MunicipalityCode),
    /// A local police area, by name (e.g. "Katrineholm"); acts in every municipality it covers.
    LocalPoliceArea(String),
    /// Another partner working in one municipality (housing company, fire service).
    Partner {
        name: String,
        municipality: MunicipalityCode,
    },
}

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i32,
    pub email: Email,
    pub display_name: String,
    pub password_hash: String,
    pub disabled: bool,
}

/// An account with its memberships, for listings.
#[derive(Debug, Clone)]
pub struct AccountSummary {
    pub account: Account,
    /// (organisation name, role)
    pub memberships: Vec<(String, Role)>,
}

/// One line of the accounts' audit log.
#[derive(Debug, Clone)]
pub struct AccountEvent {
    pub at: DateTime<Utc>,
    /// E-mail of whoever did it; `None` for the command line.
    pub by: Option<String>,
    /// E-mail of the account it concerns, if any.
    pub account: Option<String>,
    pub action: String,
    pub detail: String,
}

/// Sign-in attempts allowed per [`SignInKey`] in one window of
/// [`SIGN_IN_WINDOW_SECONDS`]; a successful sign-in starts the count again.
pub const SIGN_IN_ATTEMPTS: i32 = 5;
pub const SIGN_IN_WINDOW_SECONDS: i64 = 15 * 60;

/// What sign-in attempts are counted by: the e-mail address as typed (whether or not an
/// account has it, so the answers cannot tell which addresses exist) together with the
/// client. Someone trying passwords from elsewhere therefore cannot keep an account's owner
/// out; the owner's own client has a count of its own. Only a SHA-256 digest is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInKey(String);

/// The network a client address stands for when counting what it does: an IPv4 address
/// itself (also written as IPv4-mapped IPv6), an IPv6 address's /64, since one host
/// commonly has the whole /64 and could otherwise change address at every request.
pub fn client_network(ip: std::net::IpAddr) -> std::net::IpAddr {
    match ip {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => std::net::IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                std::net::IpAddr::V6(std::net::Ipv6Addr::from(segments))
            }
        },
        v4 => v4,
    }
}

impl SignInKey {
    /// `client` is the client's network (an IPv4 address, or an IPv6 address's /64, since
    /// one host commonly has a whole /64); `None` when unknown.
    pub fn new(typed_email: &str, client: Option<std::net::IpAddr>) -> SignInKey {
        use sha2::{Digest, Sha256};
        let client = client
            .map(client_network)
            .map(|ip| ip.to_string())
            .unwrap_or_default();
        let digest = Sha256::new()
            .chain_update(b"lofte sign-in\0")
            .chain_update(typed_email.trim().to_lowercase().as_bytes())
            .chain_update(b"\0")
            .chain_update(client.as_bytes())
            .finalize();
        SignInKey(digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

fn to_account(m: account::Model) -> Result<Account> {
    Ok(Account {
        id: m.id,
        email: Email::parse(&m.email)
            .map_err(|_| Error::Corrupt(format!("account {} e-mail", m.id)))?,
        display_name: m.display_name,
        password_hash: m.password_hash,
        disabled: m.disabled,
    })
}

impl Db {
    async fn account_event(
        &self,
        by: Option<i32>,
        account_id: Option<i32>,
        api_token_id: Option<i32>,
        action: &str,
        detail: String,
    ) -> Result<()> {
        account_event::Entity::insert(account_event::ActiveModel {
            at: Set(Utc::now()),
            by_account_id: Set(by),
            account_id: Set(account_id),
            api_token_id: Set(api_token_id),
            action: Set(action.to_owned()),
            detail: Set(detail),
            ..Default::default()
        })
        .exec_without_returning(self.conn())
        .await?;
        Ok(())
    }

    /// The accounts' audit log, newest first.
    pub async fn account_events(&self) -> Result<Vec<AccountEvent>> {
        let rows = account_event::Entity::find()
            .order_by_desc(account_event::Column::Id)
            .all(self.conn())
            .await?;
        let accounts = account::Entity::find().all(self.conn()).await?;
        let email = |id: Option<i32>| {
            id.and_then(|id| accounts.iter().find(|a| a.id == id))
                .map(|a| a.email.clone())
        };
        Ok(rows
            .into_iter()
            .map(|r| AccountEvent {
                at: r.at,
                by: email(r.by_account_id),
                account: email(r.account_id),
                action: r.action,
                detail: r.detail,
            })
            .collect())
    }

    /// Changes a person's own password (from the account page), logged as done by them.
    pub async fn change_own_password(&self, account_id: i32, hash: &str) -> Result<bool> {
        let changed = self.update_password_hash(account_id, hash).await?;
        if changed {
            self.account_event(
                Some(account_id),
                Some(account_id),
                None,
                "password",
                "changed by the account".into(),
            )
            .await?;
        }
        Ok(changed)
    }

    /// Creates an account; a second account with the same e-mail is refused.
    pub async fn create_account(
        &self,
        email: &Email,
        display_name: &str,
        password_hash: &str,
    ) -> Result<i32> {
        let row = account::ActiveModel {
            email: Set(email.to_string()),
            display_name: Set(display_name.to_owned()),
            password_hash: Set(password_hash.to_owned()),
            disabled: Set(false),
            created_at: Set(Utc::now()),
            ..Default::default()
        };
        match account::Entity::insert(row).exec(self.conn()).await {
            Ok(r) => {
                self.account_event(
                    None,
                    Some(r.last_insert_id),
                    None,
                    "create",
                    format!("{email}, {display_name}"),
                )
                .await?;
                Ok(r.last_insert_id)
            }
            Err(e)
                if matches!(
                    e.sql_err(),
                    Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
                ) =>
            {
                Err(Error::Invalid(vec![FieldError::new(
                    "email",
                    Problem::EmailTaken,
                )]))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn account_by_email(&self, email: &Email) -> Result<Option<Account>> {
        account::Entity::find()
            .filter(account::Column::Email.eq(email.as_str()))
            .one(self.conn())
            .await?
            .map(to_account)
            .transpose()
    }

    /// The account an identity provider's subject signs in as, if they are linked.
    pub async fn account_by_identity(
        &self,
        issuer: &str,
        subject: &str,
    ) -> Result<Option<Account>> {
        let Some(link) = account_identity::Entity::find()
            .filter(account_identity::Column::Issuer.eq(issuer))
            .filter(account_identity::Column::Subject.eq(subject))
            .one(self.conn())
            .await?
        else {
            return Ok(None);
        };
        self.account(link.account_id).await
    }

    /// Whether the account is linked to a subject of this identity provider.
    pub async fn has_identity(&self, account_id: i32, issuer: &str) -> Result<bool> {
        Ok(account_identity::Entity::find()
            .filter(account_identity::Column::Issuer.eq(issuer))
            .filter(account_identity::Column::AccountId.eq(account_id))
            .one(self.conn())
            .await?
            .is_some())
    }

    /// Links an identity provider's subject to an account, and logs it (`by`: who did it,
    /// `None` for the command line or the first sign-in). Refused with
    /// `Problem::IdentityLinked` on `subject` when the subject or the account already has
    /// a link with this provider: a link is never moved silently.
    pub async fn link_identity(
        &self,
        account_id: i32,
        issuer: &str,
        subject: &str,
        by: Option<i32>,
    ) -> Result<()> {
        use sea_orm::sea_query::ExprTrait;
        let txn = self.begin_write().await?;
        let taken = account_identity::Entity::find()
            .filter(account_identity::Column::Issuer.eq(issuer))
            .filter(
                account_identity::Column::Subject
                    .eq(subject)
                    .or(account_identity::Column::AccountId.eq(account_id)),
            )
            .one(&txn)
            .await?
            .is_some();
        if taken {
            return Err(Error::Invalid(vec![FieldError::new(
                "subject",
                Problem::IdentityLinked,
            )]));
        }
        account_identity::Entity::insert(account_identity::ActiveModel {
            issuer: Set(issuer.to_owned()),
            subject: Set(subject.to_owned()),
            account_id: Set(account_id),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        account_event::Entity::insert(account_event::ActiveModel {
            at: Set(Utc::now()),
            by_account_id: Set(by),
            account_id: Set(Some(account_id)),
            action: Set("identity".to_owned()),
            detail: Set(format!("{issuer} {subject}")),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn account(&self, id: i32) -> Result<Option<Account>> {
        account::Entity::find_by_id(id)
            .one(self.conn())
            .await?
            .map(to_account)
            .transpose()
    }

    pub async fn accounts(&self) -> Result<Vec<AccountSummary>> {
        let accounts = account::Entity::find()
            .order_by_asc(account::Column::Email)
            .all(self.conn())
            .await?;
        let memberships = membership::Entity::find().all(self.conn()).await?;
        let organisations = organisation::Entity::find().all(self.conn()).await?;
        accounts
            .into_iter()
            .map(|a| {
                let ms = memberships
                    .iter()
                    .filter(|m| m.account_id == a.id)
                    .filter_map(|m| {
                        let org = organisations.iter().find(|o| o.id == m.organisation_id)?;
                        Some((org.name.clone(), Role::parse(&m.role).ok()?))
                    })
                    .collect();
                Ok(AccountSummary {
                    account: to_account(a)?,
                    memberships: ms,
                })
            })
            .collect()
    }

    /// Sets a new password hash (a reset by the operator) and logs it.
    pub async fn set_password_hash(&self, account_id: i32, hash: &str) -> Result<bool> {
        let changed = self.update_password_hash(account_id, hash).await?;
        if changed {
            self.account_event(None, Some(account_id), None, "password", "reset".into())
                .await?;
        }
        Ok(changed)
    }

    async fn update_password_hash(&self, account_id: i32, hash: &str) -> Result<bool> {
        let result = account::Entity::update_many()
            .col_expr(account::Column::PasswordHash, Expr::value(hash))
            .filter(account::Column::Id.eq(account_id))
            .exec(self.conn())
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// Disables (or enables) an account. A disabled account cannot sign in, and its
    /// sessions end because `Account::disabled` is checked on every request.
    pub async fn set_disabled(&self, account_id: i32, disabled: bool) -> Result<bool> {
        let result = account::Entity::update_many()
            .col_expr(account::Column::Disabled, Expr::value(disabled))
            .filter(account::Column::Id.eq(account_id))
            .exec(self.conn())
            .await?;
        if result.rows_affected == 1 {
            let action = if disabled { "disable" } else { "enable" };
            self.account_event(None, Some(account_id), None, action, String::new())
                .await?;
        }
        Ok(result.rows_affected == 1)
    }

    /// Counts a sign-in attempt under `key` *before* its password is checked; `None`: it
    /// may go ahead, `Some(seconds)`: refused, try again after that many seconds.
    ///
    /// One statement (an upsert that increments in the database and returns the count), so
    /// parallel attempts on any number of instances cannot pass [`SIGN_IN_ATTEMPTS`]: each
    /// reserves its place in the count before the slow hash check, not after it. A window
    /// that has ended starts again at one.
    pub async fn reserve_sign_in_attempt(&self, key: &SignInKey, now: i64) -> Result<Option<i64>> {
        use sea_orm::FromQueryResult;
        use sea_orm::sea_query::{CaseStatement, ExprTrait, Query};
        let window_start =
            || Expr::col((login_throttle::Entity, login_throttle::Column::WindowStart));
        let ended = || window_start().lte(now - SIGN_IN_WINDOW_SECONDS);
        let insert = Query::insert()
            .into_table(login_throttle::Entity)
            .columns([
                login_throttle::Column::Key,
                login_throttle::Column::WindowStart,
                login_throttle::Column::Attempts,
            ])
            .values_panic([key.0.clone().into(), now.into(), 1.into()])
            .on_conflict(
                OnConflict::column(login_throttle::Column::Key)
                    .value(
                        login_throttle::Column::Attempts,
                        CaseStatement::new().case(ended(), 1).finally(
                            Expr::col((login_throttle::Entity, login_throttle::Column::Attempts))
                                .add(1),
                        ),
                    )
                    .value(
                        login_throttle::Column::WindowStart,
                        CaseStatement::new()
                            .case(ended(), now)
                            .finally(window_start()),
                    )
                    .to_owned(),
            )
            .returning(Query::returning().columns([
                login_throttle::Column::WindowStart,
                login_throttle::Column::Attempts,
            ]))
            .to_owned();
        #[derive(FromQueryResult)]
        struct Count {
            window_start: i64,
            attempts: i32,
        }
        let backend = self.conn().get_database_backend();
        let count = Count::find_by_statement(backend.build(&insert))
            .one(self.conn())
            .await?
            .ok_or_else(|| Error::Corrupt("the sign-in count returned no row".into()))?;
        Ok((count.attempts > SIGN_IN_ATTEMPTS)
            .then(|| Ord::max(count.window_start + SIGN_IN_WINDOW_SECONDS - now, 1)))
    }

    /// Starts the count of `key` again (after a successful sign-in).
    pub async fn forget_sign_in_attempts(&self, key: &SignInKey) -> Result<()> {
        login_throttle::Entity::delete_by_id(key.0.clone())
            .exec(self.conn())
            .await?;
        Ok(())
    }

    /// Deletes the counts whose window has ended; returns how many.
    pub async fn delete_ended_sign_in_counts(&self, now: i64) -> Result<u64> {
        let deleted = login_throttle::Entity::delete_many()
            .filter(login_throttle::Column::WindowStart.lte(now - SIGN_IN_WINDOW_SECONDS))
            .exec(self.conn())
            .await?;
        Ok(deleted.rows_affected)
    }

    /// The organisation's id, creating it if needed.
    pub async fn organisation(&self, org: &OrganisationRef) -> Result<i32> {
        let (kind, name, municipality_code, lpo_id) = match org {
            OrganisationRef::Municipality(code) => {
                let m = self.municipality(code).await?.ok_or_else(|| {
                    Error::Invalid(vec![FieldError::new(
                        "organisation",
                        Problem::UnknownMunicipality {
                            code: code.to_string(),
                        },
                    )])
                })?;
                (
                    "municipality",
                    m.official_name.to_string(),
                    Some(code.to_string()),
                    None,
                )
            }
            OrganisationRef::LocalPoliceArea(name) => {
                let area = crate::entity::local_police_area::Entity::find()
                    .filter(crate::entity::local_police_area::Column::Name.eq(name.as_str()))
                    .one(self.conn())
                    .await?
                    .ok_or_else(|| {
                        Error::Invalid(vec![FieldError::new(
                            "organisation",
                            Problem::Slug {
                                value: name.clone(),
                            },
                        )])
                    })?;
                (
                    "local_police_area",
                    format!("LPO {}", area.name),
                    None,
                    Some(area.id),
                )
            }
            OrganisationRef::Partner { name, municipality } => (
                "partner",
                name.clone(),
                Some(municipality.to_string()),
                None,
            ),
        };
        organisation::Entity::insert(organisation::ActiveModel {
            kind: Set(kind.to_owned()),
            name: Set(name.clone()),
            municipality_code: Set(municipality_code),
            local_police_area_id: Set(lpo_id),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([organisation::Column::Kind, organisation::Column::Name])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        organisation::Entity::find()
            .filter(organisation::Column::Kind.eq(kind))
            .filter(organisation::Column::Name.eq(name))
            .one(self.conn())
            .await?
            .map(|o| o.id)
            .ok_or_else(|| Error::Corrupt("organisation vanished after insert".into()))
    }

    /// Gives the account `role` in the organisation (replacing an earlier role there).
    pub async fn grant(&self, account_id: i32, organisation_id: i32, role: Role) -> Result<()> {
        membership::Entity::insert(membership::ActiveModel {
            account_id: Set(account_id),
            organisation_id: Set(organisation_id),
            role: Set(role.as_str().to_owned()),
        })
        .on_conflict(
            OnConflict::columns([
                membership::Column::AccountId,
                membership::Column::OrganisationId,
            ])
            .update_column(membership::Column::Role)
            .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        let org = organisation::Entity::find_by_id(organisation_id)
            .one(self.conn())
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        self.account_event(
            None,
            Some(account_id),
            None,
            "grant",
            format!("{org}: {role}"),
        )
        .await?;
        Ok(())
    }

    /// What the account may do where: its memberships with each organisation's reach.
    pub async fn principal(&self, account_id: i32) -> Result<Principal> {
        let memberships = membership::Entity::find()
            .filter(membership::Column::AccountId.eq(account_id))
            .all(self.conn())
            .await?;
        let mut grants = Vec::new();
        for m in memberships {
            let role =
                Role::parse(&m.role).map_err(|_| Error::Corrupt(format!("role {}", m.role)))?;
            grants.push(Grant {
                role,
                reach: self.reach(m.organisation_id).await?,
            });
        }
        Ok(Principal { grants })
    }

    async fn reach(&self, organisation_id: i32) -> Result<Reach> {
        let Some(org) = organisation::Entity::find_by_id(organisation_id)
            .one(self.conn())
            .await?
        else {
            return Ok(Reach::Municipalities(Vec::new()));
        };
        let codes: Vec<String> = match (
            org.kind.as_str(),
            org.municipality_code,
            org.local_police_area_id,
        ) {
            ("installation", _, _) => return Ok(Reach::Everywhere),
            ("local_police_area", _, Some(lpo)) => municipality::Entity::find()
                .filter(municipality::Column::LocalPoliceAreaId.eq(lpo))
                .all(self.conn())
                .await?
                .into_iter()
                .map(|m| m.code)
                .collect(),
            (_, Some(code), _) => vec![code],
            _ => Vec::new(),
        };
        Ok(Reach::Municipalities(
            codes
                .iter()
                .filter_map(|c| MunicipalityCode::parse(c).ok())
                .collect(),
        ))
    }

    /// Whether the account belongs to a local police area (its activities are then the
    /// police's by default).
    pub async fn is_police(&self, account_id: i32) -> Result<bool> {
        let memberships = membership::Entity::find()
            .filter(membership::Column::AccountId.eq(account_id))
            .all(self.conn())
            .await?;
        let ids: Vec<i32> = memberships.iter().map(|m| m.organisation_id).collect();
        Ok(organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(ids))
            .filter(organisation::Column::Kind.eq("local_police_area"))
            .one(self.conn())
            .await?
            .is_some())
    }

    /// The installation's own organisation, for admins.
    pub async fn installation_organisation(&self) -> Result<i32> {
        organisation::Entity::insert(organisation::ActiveModel {
            kind: Set("installation".to_owned()),
            name: Set("Löfte".to_owned()),
            municipality_code: Set(None),
            local_police_area_id: Set(None),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([organisation::Column::Kind, organisation::Column::Name])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        organisation::Entity::find()
            .filter(organisation::Column::Kind.eq("installation"))
            .one(self.conn())
            .await?
            .map(|o| o.id)
            .ok_or_else(|| Error::Corrupt("installation organisation vanished".into()))
    }

    // Sessions: opaque data owned by the web tier's session layer.

    pub async fn save_session(&self, id: &str, data: &str, expires_at: i64) -> Result<()> {
        session::Entity::insert(session::ActiveModel {
            id: Set(id.to_owned()),
            data: Set(data.to_owned()),
            expires_at: Set(expires_at),
        })
        .on_conflict(
            OnConflict::column(session::Column::Id)
                .update_columns([session::Column::Data, session::Column::ExpiresAt])
                .to_owned(),
        )
        .exec_without_returning(self.conn())
        .await?;
        Ok(())
    }

    /// The session's data, unless it has expired by `now` (Unix seconds).
    pub async fn load_session(&self, id: &str, now: i64) -> Result<Option<(String, i64)>> {
        Ok(session::Entity::find_by_id(id)
            .filter(session::Column::ExpiresAt.gt(now))
            .one(self.conn())
            .await?
            .map(|s| (s.data, s.expires_at)))
    }

    pub async fn delete_session(&self, id: &str) -> Result<()> {
        session::Entity::delete_by_id(id).exec(self.conn()).await?;
        Ok(())
    }

    pub async fn delete_expired_sessions(&self, now: i64) -> Result<u64> {
        Ok(session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(now))
            .exec(self.conn())
            .await?
            .rows_affected)
    }

    // API tokens for machine clients.

    pub async fn create_api_token(
        &self,
        organisation_id: i32,
        role: Role,
        name: &str,
        token_hash: &str,
    ) -> Result<i32> {
        let r = api_token::Entity::insert(api_token::ActiveModel {
            organisation_id: Set(organisation_id),
            role: Set(role.as_str().to_owned()),
            name: Set(name.to_owned()),
            token_hash: Set(token_hash.to_owned()),
            created_at: Set(Utc::now()),
            revoked_at: Set(None),
            ..Default::default()
        })
        .exec(self.conn())
        .await?;
        self.account_event(
            None,
            None,
            Some(r.last_insert_id),
            "token-create",
            format!("{name}: {role}"),
        )
        .await?;
        Ok(r.last_insert_id)
    }

    /// The token's id and grant, if the digest matches a token that is not revoked.
    pub async fn api_token_principal(&self, token_hash: &str) -> Result<Option<(i32, Principal)>> {
        let Some(t) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(token_hash))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(self.conn())
            .await?
        else {
            return Ok(None);
        };
        let role =
            Role::parse(&t.role).map_err(|_| Error::Corrupt(format!("token role {}", t.role)))?;
        let reach = self.reach(t.organisation_id).await?;
        Ok(Some((
            t.id,
            Principal {
                grants: vec![Grant { role, reach }],
            },
        )))
    }

    pub async fn revoke_api_token(&self, id: i32) -> Result<bool> {
        let r = api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(Some(Utc::now())))
            .filter(api_token::Column::Id.eq(id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(self.conn())
            .await?;
        if r.rows_affected == 1 {
            self.account_event(None, None, Some(id), "token-revoke", String::new())
                .await?;
        }
        Ok(r.rows_affected == 1)
    }
}
