//! Counting sign-in attempts per e-mail address and client network (decision 0001).

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entity::login_throttle;
use crate::{Db, Error, Result};

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

impl Db {
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
}
