//! Staff accounts: their e-mail, password, linked identities and events. Organisations
//! and memberships are in `organisations.rs`, sign-in counts in `sign_in.rs`, sessions
//! and API tokens in `sessions.rs`.
//!
//! Passwords arrive here already hashed (the web tier hashes off the async runtime);
//! tokens arrive as SHA-256 digests. Nothing secret is stored in the clear.

use chrono::{DateTime, Utc};
use lofte_domain::{Email, FieldError, MunicipalityCode, Problem, Role};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{account, account_event, account_identity, membership, organisation};
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
    /// Whether the person gets the weekly reminder of what is theirs.
    pub weekly_reminder: bool,
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

fn to_account(m: account::Model) -> Result<Account> {
    Ok(Account {
        id: m.id,
        email: Email::parse(&m.email)
            .map_err(|_| Error::Corrupt(format!("account {} e-mail", m.id)))?,
        display_name: m.display_name,
        password_hash: m.password_hash,
        disabled: m.disabled,
        weekly_reminder: m.weekly_reminder,
    })
}

impl Db {
    pub(crate) async fn account_event(
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
            weekly_reminder: Set(true),
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

    /// Turns the account's weekly reminder on or off, as the person chose; recorded in
    /// the account's log. `false` if there is no such account.
    pub async fn set_weekly_reminder(&self, account_id: i32, on: bool) -> Result<bool> {
        let result = account::Entity::update_many()
            .col_expr(account::Column::WeeklyReminder, Expr::value(on))
            .filter(account::Column::Id.eq(account_id))
            .exec(self.conn())
            .await?;
        if result.rows_affected == 1 {
            let action = if on { "reminder_on" } else { "reminder_off" };
            self.account_event(
                Some(account_id),
                Some(account_id),
                None,
                action,
                String::new(),
            )
            .await?;
        }
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
}
