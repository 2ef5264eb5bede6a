//! Signing in: accounts with Argon2id passwords, sessions stored in the application's own
//! database (so several instances share them), sign-in through an organisation's OpenID
//! Connect provider (`oidc`), and API tokens for machine clients.

mod backend;
pub mod oidc;
mod store;

pub use backend::{AuthSession, Backend, Credentials, StaffUser};
pub use lofte_app::secrets::{
    generate_password, generate_token, hash_password, token_digest, verify_password,
};
pub use store::DbSessionStore;
