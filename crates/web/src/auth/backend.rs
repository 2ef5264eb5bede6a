//! axum-login's backend: who a session belongs to, and checking a password.

use std::sync::Arc;

use axum_login::{AuthUser, AuthnBackend, UserId};
use lofte_db::Db;
use lofte_domain::Email;
use tokio::sync::OnceCell;

use lofte_app::secrets::{hash_password, verify_password};

/// A signed-in staff member.
#[derive(Clone)]
pub struct StaffUser {
    pub id: i32,
    pub email: String,
    pub name: String,
    password_hash: String,
}

impl std::fmt::Debug for StaffUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the hash.
        f.debug_struct("StaffUser").field("id", &self.id).finish()
    }
}

impl AuthUser for StaffUser {
    type Id = i32;

    fn id(&self) -> i32 {
        self.id
    }

    /// Sessions are bound to the password hash: changing the password ends every other
    /// session of the account.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

#[derive(Clone)]
pub struct Backend {
    db: Db,
    /// A hash to verify against when the e-mail is unknown, so that a wrong e-mail and a
    /// wrong password take the same time.
    decoy: Arc<OnceCell<String>>,
}

impl Backend {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            decoy: Arc::new(OnceCell::new()),
        }
    }

    /// The account as a session user, if it exists and is not disabled.
    pub async fn get_user_by_id(&self, id: i32) -> Result<Option<StaffUser>, BackendError> {
        <Self as AuthnBackend>::get_user(self, &id).await
    }

    async fn decoy(&self) -> String {
        self.decoy
            .get_or_init(|| hash_password("decoy password never used".into()))
            .await
            .clone()
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;

#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct BackendError(#[from] lofte_db::Error);

impl AuthnBackend for Backend {
    type User = StaffUser;
    type Credentials = Credentials;
    type Error = BackendError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<StaffUser>, BackendError> {
        let account = match Email::parse(&creds.email) {
            Ok(email) => self.db.account_by_email(&email).await?,
            Err(_) => None,
        };
        let hash = match &account {
            Some(a) => a.password_hash.clone(),
            None => self.decoy().await,
        };
        let matches = verify_password(creds.password, hash).await;
        Ok(account
            .filter(|a| matches && !a.disabled)
            .map(|a| StaffUser {
                id: a.id,
                email: a.email.to_string(),
                name: a.display_name,
                password_hash: a.password_hash,
            }))
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<StaffUser>, BackendError> {
        Ok(self
            .db
            .account(*id)
            .await?
            .filter(|a| !a.disabled)
            .map(|a| StaffUser {
                id: a.id,
                email: a.email.to_string(),
                name: a.display_name,
                password_hash: a.password_hash,
            }))
    }
}
